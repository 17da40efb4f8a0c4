"""The five tables of an archive run and their fixed Parquet schemas.

Every table carries ``article_id``, ``source``, ``date``, ``month`` (``YYYY-MM``, the
partition column, ``unknown`` without a date) and ``week`` (ISO week ``YYYY-Www``), so
DuckDB can aggregate any of them per source and period without a join.

- ``articles``: one row per article: the counts of :func:`framing.score.article_record`
  (never rounded), the opinion model's share estimate with its interval, scare quotes,
  the text (for the drill-down) and the URL;
- ``actors``: one row per article and actor (mentions, share, polarity in [-1, 1], the
  polarity of each mention);
- ``quotes``: one row per quotation or reported statement with its resolved speaker
  (:func:`quote_rows`; the rows of ``framing score --quotes-out``);
- ``loaded``: one row per loaded-vocabulary hit (:func:`loaded_rows`);
- ``descriptors``: how often the article names an actor by a descriptor
  (:func:`descriptor_rows`; ``--descriptors-out`` with the kind kept).

Offsets (``start``/``end``) are character offsets into the article text, end exclusive.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pyarrow as pa

from framing.measures.opinion import opinion_share
from framing.score import ArticleScores, article_record

TABLES = ("articles", "actors", "quotes", "loaded", "descriptors")

_KEYS = [
    ("article_id", pa.string()), ("source", pa.string()), ("date", pa.string()),
    ("month", pa.string()), ("week", pa.string()),
]
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(_KEYS + [
        ("title", pa.string()), ("kind", pa.string()), ("url", pa.string()), ("origin", pa.string()),
        ("row_id", pa.string()), ("file", pa.string()),
        ("words", pa.int64()), ("author_words", pa.int64()), ("quoted_words", pa.int64()),
        ("sentences", pa.int64()), ("loaded_author_hits", pa.int64()), ("loaded_quoted_hits", pa.int64()),
        ("loaded_partisan_hits", pa.int64()), ("loaded_partisan_quoted_hits", pa.int64()),
        ("loaded_by_category", pa.map_(pa.string(), pa.int64())),
        ("opinion_words", pa.int64()), ("opinion_sentences", pa.int64()), ("opinion_ratio", pa.float64()),
        ("opinion_model", pa.string()), ("opinion_share_expected", pa.float64()),
        ("opinion_share_low", pa.float64()), ("opinion_share_high", pa.float64()),
        ("opinion_expected_words", pa.float64()), ("opinion_sq_words", pa.float64()),
        ("opinion_words_scored", pa.int64()), ("scare_quotes", pa.int64()),
        ("flesch_amstad", pa.float64()), ("wiener_sachtextformel", pa.float64()),
        ("warnings", pa.list_(pa.string())), ("text", pa.string()),
    ]),
    "actors": pa.schema(_KEYS + [
        ("actor", pa.string()), ("kind", pa.string()), ("mentions", pa.int64()), ("share", pa.float64()),
        ("polarity", pa.float64()), ("polarity_author", pa.float64()), ("author_mentions", pa.int64()),
        ("quoted", pa.int64()), ("polarities", pa.list_(pa.float64())),
        ("author_polarities", pa.list_(pa.float64())),
    ]),
    "quotes": pa.schema(_KEYS + [
        ("speaker", pa.string()), ("speaker_kind", pa.string()), ("kind", pa.string()),
        ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("sentence", pa.int64()),
        ("cue", pa.string()), ("construction", pa.string()),
        ("speaker_start", pa.int64()), ("speaker_end", pa.int64()),
    ]),
    "loaded": pa.schema(_KEYS + [
        ("lemma", pa.string()), ("text", pa.string()), ("category", pa.string()), ("weight", pa.float64()),
        ("voice", pa.string()), ("sentence", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
        ("layer", pa.string()),
    ]),
    "descriptors": pa.schema(_KEYS + [
        ("actor", pa.string()), ("descriptor", pa.string()), ("kind", pa.string()), ("count", pa.int64()),
    ]),
}


def period_keys(day: str | None) -> tuple[str, str]:
    """``(month, week)`` of an ISO date: ``("2025-08", "2025-W35")``; ``unknown`` when absent.

    A date known only to the month (``2025-08``) has its month and an ``unknown`` week.
    """
    if not day or len(day) < 7:
        return "unknown", "unknown"
    month = day[:7]
    try:
        year, week, _ = date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return month, "unknown"
    return month, f"{year}-W{week:02d}"


def _keys(scores: ArticleScores) -> dict[str, Any]:
    a = scores.article
    month, week = period_keys(a.date)
    return {"article_id": a.article_id, "source": a.source, "date": a.date or None,
            "month": month, "week": week}


def article_rows(scores: ArticleScores, *, url: str = "", row_id: str = "", file: str = "") -> list[dict[str, Any]]:
    """The one ``articles`` row of an article (the record of :func:`article_record`).

    ``opinion_share_expected``/``_low``/``_high`` are the opinion model's estimated share of
    opinion words with its 90 % interval (0–1, as on ``--out``); the three sums behind it
    (``opinion_expected_words``, ``opinion_sq_words``, ``opinion_words_scored``) let a
    report recompute it over many articles. ``scare_quotes`` counts the author's distancing
    quotation marks (no speaker; not in the ``quotes`` table).
    """
    record = article_record(scores)
    keep = ("title", "kind", "origin", "words", "author_words", "quoted_words", "sentences",
            "loaded_author_hits", "loaded_quoted_hits", "opinion_words", "opinion_sentences",
            "opinion_ratio", "opinion_model", "opinion_expected_words", "opinion_sq_words",
            "opinion_words_scored", "flesch_amstad", "wiener_sachtextformel", "warnings")
    row = {**_keys(scores), **{k: record[k] for k in keep}}
    row["opinion_share_expected"], row["opinion_share_low"], row["opinion_share_high"] = opinion_share(
        record["opinion_expected_words"], record["opinion_words_scored"], record["opinion_sq_words"])
    row["loaded_partisan_hits"] = record.get("loaded_partisan_hits", 0)
    row["loaded_partisan_quoted_hits"] = record.get("loaded_partisan_quoted_hits", 0)
    row["loaded_by_category"] = sorted(record["loaded_by_category"].items())
    quotes = scores.analysis.quotes if scores.analysis is not None else ()
    row["scare_quotes"] = sum(1 for q in quotes if q.kind == "scare")
    row.update(url=url, row_id=row_id, file=file, text=scores.article.text)
    return [row]


def actor_rows(scores: ArticleScores) -> list[dict[str, Any]]:
    """One ``actors`` row per actor the article names (as in :func:`article_record`).

    ``polarities`` / ``author_polarities`` list the polarity of every mention (all voices /
    the author's voice), for intervals over many articles.
    """
    keys = _keys(scores)
    names = [n for n in SCHEMAS["actors"].names if n not in keys]
    return [{**keys, **{n: actor.get(n) for n in names}} for actor in article_record(scores)["actors"]]


def quote_rows(scores: ArticleScores) -> list[dict[str, Any]]:
    """One ``quotes`` row per quotation or reported statement (``scores.statements``).

    The rows of ``framing score --quotes-out`` (:func:`framing.io.csvout.quote_rows`), with
    the same speakers as the actor table's ``quoted``: ``kind`` is ``quote`` or
    ``reported``; ``speaker`` a canonical actor name, the speaker phrase as written, or
    ``unnamed``; ``cue`` the verb or phrase of saying; ``construction`` how the speaker was
    found (:class:`framing.model.Statement`). Scare quotes are not statements (their count
    is the articles table's ``scare_quotes``).
    """
    keys = _keys(scores)
    return [{**keys, "speaker": st.speaker or "unnamed", "speaker_kind": st.speaker_kind,
             "kind": st.kind, "text": st.text, "start": st.start, "end": st.end,
             "sentence": st.sentence, "cue": st.cue, "construction": st.construction,
             "speaker_start": st.speaker_start, "speaker_end": st.speaker_end}
            for st in scores.statements]


def descriptor_rows(scores: ArticleScores) -> list[dict[str, Any]]:
    """One ``descriptors`` row per actor, descriptor text and kind (role, title,
    apposition, predicate, compound; :mod:`framing.measures.actors.descriptors`) with how
    often the article uses it."""
    keys = _keys(scores)
    counts = Counter((d.actor, d.text, d.kind) for d in scores.actors.descriptors)
    return [{**keys, "actor": actor, "descriptor": text, "kind": kind, "count": count}
            for (actor, text, kind), count in sorted(counts.items())]


def loaded_rows(scores: ArticleScores) -> list[dict[str, Any]]:
    """One ``loaded`` row per loaded-vocabulary hit (:class:`framing.measures.loaded.LoadedHit`)."""
    keys = _keys(scores)
    return [{**keys, "lemma": h.lemma, "text": h.text, "category": h.category, "weight": h.weight,
             "voice": h.voice, "sentence": h.sentence, "start": h.start, "end": h.end,
             "layer": h.layer}
            for h in scores.loaded.hits]


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as a Parquet-ready table with the fixed schema of ``name``."""
    schema = SCHEMAS[name]
    return pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
