"""The four tables of an archive run and their fixed Parquet schemas.

Every table carries ``article_id``, ``source``, ``date``, ``month`` (``YYYY-MM``, the
partition column, ``unknown`` without a date) and ``week`` (ISO week ``YYYY-Www``), so
DuckDB can aggregate any of them per source and period without a join.

- ``articles``: one row per article: the counts of :func:`framing.score.article_record`
  (never rounded), the text (for the drill-down) and the URL;
- ``actors``: one row per article and actor (mentions, share, polarity in [-1, 1], the
  polarity of each mention);
- ``quotes``: one row per quotation or reported statement (:func:`quote_rows`);
- ``loaded``: one row per loaded-vocabulary hit (:func:`loaded_rows`).

Offsets (``start``/``end``) are character offsets into the article text, end exclusive.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from framing.score import ArticleScores, article_record

TABLES = ("articles", "actors", "quotes", "loaded")

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
        ("kind", pa.string()), ("speaker", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
        ("text", pa.string()), ("speaker_start", pa.int64()), ("speaker_end", pa.int64()),
    ]),
    "loaded": pa.schema(_KEYS + [
        ("lemma", pa.string()), ("text", pa.string()), ("category", pa.string()), ("weight", pa.float64()),
        ("voice", pa.string()), ("sentence", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
        ("layer", pa.string()),
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
    """The one ``articles`` row of an article (the record of :func:`article_record`)."""
    record = article_record(scores)
    keep = ("title", "kind", "origin", "words", "author_words", "quoted_words", "sentences",
            "loaded_author_hits", "loaded_quoted_hits", "opinion_words", "opinion_sentences",
            "opinion_ratio", "flesch_amstad", "wiener_sachtextformel", "warnings")
    row = {**_keys(scores), **{k: record[k] for k in keep}}
    row["loaded_partisan_hits"] = record.get("loaded_partisan_hits", 0)
    row["loaded_partisan_quoted_hits"] = record.get("loaded_partisan_quoted_hits", 0)
    row["loaded_by_category"] = sorted(record["loaded_by_category"].items())
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
    """One ``quotes`` row per quotation or reported statement of the article.

    Today the rows come from the analysis' :class:`framing.model.Quote` objects (so
    ``scores`` must keep its analysis); this is the one place to point at per-article
    statement records once :class:`ArticleScores` carries them. Scare quotes (the author's
    own distancing, no speaker) are kept with kind ``scare``.
    """
    if scores.analysis is None:
        raise ValueError("quote_rows needs ArticleScores with keep_analysis=True")
    keys = _keys(scores)
    return [{**keys, "kind": q.kind, "speaker": q.speaker, "start": q.start, "end": q.end,
             "text": q.text, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end}
            for q in scores.analysis.quotes]


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
