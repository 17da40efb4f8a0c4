"""CSV writers: the only place where numbers are formatted.

Two tables:

- scores: one row per article (``level=article``) and one per source (``level=source``);
- actors: long format, one row per source/article and actor;
- quotes: one row per quotation or reported statement with its speaker.

Every cell goes through :func:`framing.io.cells.safe_cell` (re-exported here): control
characters become spaces and text that begins with ``=``, ``+``, ``-``, ``@`` gets an
apostrophe so that spreadsheet programs do not run it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from framing.io.cells import safe_cell
from framing.measures.actors.relative import ToneEstimate, relative_tone, tone_interval
from framing.measures.loaded import per_1000 as _per_1000
from framing.measures.opinion import opinion_share
from framing.score import ArticleScores, SourceScores, as_record

SCORE_COLUMNS = (
    "level", "source", "article_id", "title", "date", "kind", "articles",
    "words", "author_words", "quoted_words", "sentences",
    "loaded_author_per_1000", "loaded_quoted_per_1000", "loaded_author_hits", "loaded_quoted_hits",
    "loaded_partisan_per_1000", "loaded_partisan_hits", "loaded_general_per_1000",
    "opinion_ratio", "opinion_sentences", "report_sentences",
    "opinion_share_expected", "opinion_share_low", "opinion_share_high", "opinion_model",
    "flesch_amstad", "wiener_sachtextformel",
)
ACTOR_COLUMNS = (
    "level", "source", "article_id", "actor", "kind", "mentions", "share",
    "polarity", "polarity_low", "polarity_high", "polarity_author", "author_mentions", "quoted",
    "relative_tone", "relative_low", "relative_high", "low_evidence",
    "tone", "label", "evidenced", "references",
)
QUOTE_COLUMNS = (
    "level", "source", "article_id", "sentence", "kind", "speaker", "speaker_kind",
    "text", "start", "end",
)
__all__ = ["ACTOR_COLUMNS", "QUOTE_COLUMNS", "SCORE_COLUMNS", "actor_rows", "actors_csv",
           "categories_of", "quote_rows", "quotes_csv", "safe_cell", "score_rows", "scores_csv",
           "write_rows"]


def _opinion_share(expected_words: float, words: int, sq_words: float, model: str) -> dict[str, object]:
    """The estimated opinion share, its 90 % interval, and the sentence model's name."""
    share, low, high = opinion_share(expected_words, words, sq_words)
    return {"opinion_share_expected": share, "opinion_share_low": low,
            "opinion_share_high": high, "opinion_model": model}


def _category_columns(categories: Sequence[str]) -> list[str]:
    """Per-category density columns; a category whose column is already a layer column
    (``partisan``) is not written twice."""
    return [name for c in categories if (name := f"loaded_{c}_per_1000") not in SCORE_COLUMNS]


def score_rows(articles: Sequence[ArticleScores | dict], sources: Sequence[SourceScores],
               categories: Sequence[str]) -> list[dict[str, object]]:
    """Rows of the scores table (unformatted values)."""
    rows: list[dict[str, object]] = []
    for item in articles:
        r = as_record(item)
        rows.append({
            "level": "article", "source": r["source"], "article_id": r["article_id"],
            "title": r["title"], "date": r["date"], "kind": r["kind"], "articles": 1,
            "words": r["words"], "author_words": r["author_words"],
            "quoted_words": r["quoted_words"], "sentences": r["sentences"],
            "loaded_author_per_1000": _per_1000(r["loaded_author_hits"], r["author_words"]),
            "loaded_quoted_per_1000": _per_1000(r["loaded_quoted_hits"], r["quoted_words"]),
            "loaded_author_hits": r["loaded_author_hits"], "loaded_quoted_hits": r["loaded_quoted_hits"],
            "loaded_partisan_per_1000": _per_1000(r.get("loaded_partisan_hits", 0), r["author_words"]),
            "loaded_partisan_hits": r.get("loaded_partisan_hits", 0),
            "loaded_general_per_1000": _per_1000(
                r["loaded_author_hits"] - r.get("loaded_partisan_hits", 0), r["author_words"]),
            "opinion_ratio": r["opinion_ratio"], "opinion_sentences": r["opinion_sentences"],
            "report_sentences": r["sentences"] - r["opinion_sentences"],
            **_opinion_share(r.get("opinion_expected_words", 0.0), r.get("opinion_words_scored", 0),
                             r.get("opinion_sq_words", 0.0), r.get("opinion_model", "")),
            "flesch_amstad": r["flesch_amstad"], "wiener_sachtextformel": r["wiener_sachtextformel"],
            **{f"loaded_{c}_per_1000": _per_1000(r["loaded_by_category"].get(c, 0), r["author_words"])
               for c in categories},
        })
    for src in sources:
        per_cat = src.category_per_1000()
        rows.append({
            "level": "source", "source": src.source, "article_id": "", "title": "",
            "date": src.date, "kind": src.kind, "articles": src.articles, "words": src.words,
            "author_words": src.author_words, "quoted_words": src.quoted_words,
            "sentences": src.sentences,
            "loaded_author_per_1000": src.loaded_author_per_1000,
            "loaded_quoted_per_1000": src.loaded_quoted_per_1000,
            "loaded_author_hits": src.loaded_author_hits, "loaded_quoted_hits": src.loaded_quoted_hits,
            "loaded_partisan_per_1000": src.loaded_partisan_per_1000,
            "loaded_partisan_hits": src.loaded_partisan_hits,
            "loaded_general_per_1000": src.loaded_general_per_1000,
            "opinion_ratio": src.opinion_ratio, "opinion_sentences": src.opinion_sentences,
            "report_sentences": src.sentences - src.opinion_sentences,
            **_opinion_share(src.opinion_expected_words, src.opinion_scored_words,
                             src.opinion_sq_words, src.opinion_model),
            "flesch_amstad": src.flesch_amstad, "wiener_sachtextformel": src.wiener_sachtextformel,
            **{f"loaded_{c}_per_1000": per_cat.get(c, 0.0) for c in categories},
        })
    return rows


def actor_rows(articles: Sequence[ArticleScores | dict], sources: Sequence[SourceScores]) -> list[dict[str, object]]:
    """Rows of the actor table (unformatted values)."""
    rows: list[dict[str, object]] = []
    for item in articles:
        r = as_record(item)
        for a in r["actors"]:
            est = tone_interval(a.get("polarities", ()))
            rows.append({"level": "article", "source": r["source"], "article_id": r["article_id"], **a,
                         "polarity_low": est.low, "polarity_high": est.high, "low_evidence": est.low_evidence})
    relative: dict[str, dict[str, ToneEstimate]] = {}
    for name in {a.actor for src in sources for a in src.actors}:
        relative[name] = relative_tone({src.source: next((a.polarities for a in src.actors if a.actor == name), ())
                                        for src in sources})
    for src in sources:
        for a in src.actors:
            est = tone_interval(a.polarities)
            rel = relative[a.actor][src.source]
            rows.append({
                "level": "source", "source": src.source, "article_id": "", "actor": a.actor,
                "kind": a.kind, "mentions": a.mentions, "share": a.share, "polarity": a.polarity,
                "polarity_low": est.low, "polarity_high": est.high,
                "polarity_author": a.polarity_author, "author_mentions": a.author_mentions,
                "quoted": a.quoted, "relative_tone": rel.value, "relative_low": rel.low,
                "relative_high": rel.high, "low_evidence": est.low_evidence or rel.low_evidence,
                "tone": a.tone, "label": a.label, "evidenced": a.evidenced, "references": a.references,
            })
    return rows


DESCRIPTOR_COLUMNS = ("level", "source", "article_id", "actor", "descriptor", "count")


def descriptor_rows(articles: Sequence[ArticleScores | dict]) -> list[dict[str, object]]:
    """Rows of the descriptor table: per article, then per source (summed over its
    articles), how often each descriptor names each actor (``descriptors`` of the records)."""
    rows: list[dict[str, object]] = []
    by_source: dict[str, dict[tuple[str, str], int]] = {}
    for item in articles:
        r = as_record(item)
        totals = by_source.setdefault(r["source"], {})
        for d in r.get("descriptors", ()):
            rows.append({"level": "article", "source": r["source"], "article_id": r["article_id"], **d})
            key = (d["actor"], d["descriptor"])
            totals[key] = totals.get(key, 0) + d["count"]
    for source in sorted(by_source):
        for (actor, text), count in sorted(by_source[source].items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
            rows.append({"level": "source", "source": source, "article_id": "", "actor": actor,
                         "descriptor": text, "count": count})
    return rows


def descriptors_csv(articles: Sequence[ArticleScores | dict]) -> str:
    """The descriptor table as CSV text (text cells through :func:`safe_cell`)."""
    buffer = io.StringIO()
    write_rows(descriptor_rows(articles), DESCRIPTOR_COLUMNS, buffer)
    return buffer.getvalue()


def categories_of() -> list[str]:
    """Loaded-vocabulary categories: every category of the lexicon, sorted."""
    from framing.measures.loaded import categories

    return sorted(categories())


def write_rows(rows: Iterable[dict[str, object]], columns: Sequence[str], handle) -> None:
    """Write rows as CSV to an open text handle (UTF-8, comma separated)."""
    # QUOTE_MINIMAL plus safe_cell: no cell holds CR or LF, so none can start a record;
    # a cell with a comma or a quotation mark is quoted.
    writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])


def scores_csv(articles: Sequence[ArticleScores | dict], sources: Sequence[SourceScores]) -> str:
    """The scores table as CSV text."""
    cats = categories_of()
    buffer = io.StringIO()
    write_rows(score_rows(articles, sources, cats), list(SCORE_COLUMNS) + _category_columns(cats), buffer)
    return buffer.getvalue()


def actors_csv(articles: Sequence[ArticleScores | dict], sources: Sequence[SourceScores]) -> str:
    """The actor table as CSV text."""
    buffer = io.StringIO()
    write_rows(actor_rows(articles, sources), ACTOR_COLUMNS, buffer)
    return buffer.getvalue()


def quote_rows(articles: Sequence[ArticleScores | dict]) -> list[dict[str, object]]:
    """Rows of the quotes table: one per quotation or reported statement (unformatted)."""
    rows: list[dict[str, object]] = []
    for item in articles:
        r = as_record(item)
        for st in r.get("statements", ()):
            rows.append({"level": "article", "source": r["source"], "article_id": r["article_id"],
                         **st, "speaker": st.get("speaker") or "unnamed"})
    return rows


def quotes_csv(articles: Sequence[ArticleScores | dict]) -> str:
    """The quotes table as CSV text (columns :data:`QUOTE_COLUMNS`; ``start``/``end`` are
    character offsets in the article text, end exclusive; ``speaker`` is a canonical actor
    name, the speaker phrase as written, or ``unnamed``)."""
    buffer = io.StringIO()
    write_rows(quote_rows(articles), QUOTE_COLUMNS, buffer)
    return buffer.getvalue()
