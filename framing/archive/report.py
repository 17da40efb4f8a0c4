"""Aggregates over the Parquet output of an archive run, computed by DuckDB.

``framing report OUT/`` reads the tables written by :mod:`framing.archive.engine` where
they lie (DuckDB scans the Parquet files; only the aggregated rows come back to Python,
never the archive) and returns three tables:

- ``periods``: one row per source and period (``month`` or ``week``; the period ``all``
  covers the whole archive): articles, words, loaded terms per 1,000 author words (all
  categories, by layer (partisan, general) and per category; per 1,000 quoted words for
  quoted voices), opinion share
  (opinion words / words, 0–1), the opinion model's estimated share with its 90 % interval
  (:func:`framing.measures.opinion.opinion_share` over the summed words; 0–1) and the
  model's name, quoted share (quoted words / words), quotations, reported statements and
  scare quotes, word-weighted Flesch–Amstad;
- ``actors``: one row per source, period and top actor (``top`` most mentioned over the
  archive): mentions, share of the source's actor mentions, tone (mention-weighted mean
  polarity in [-1, 1], below 0 negative), tone in the author's own voice, **relative tone**
  (the source's tone minus the mean tone of all sources that mention the actor in that
  period: below 0 = more negative than the others), statements spoken by the actor and
  their share of the source's statements with a named speaker;
- ``descriptors``: per source, period (and ``all``) and top actor, the ``per_actor`` most
  frequent descriptors ("Kremlchef", "Kriegsverbrecher"): times used, in how many articles,
  and their kinds (role, title, apposition, predicate, compound).

Ratios are ratios of sums (never means of per-article ratios); nothing is rounded here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

PERIODS = ("month", "week")
PERIOD_COLUMNS = ("source", "period", "articles", "words", "author_words", "quoted_words",
                  "loaded_author_per_1000", "loaded_partisan_per_1000", "loaded_general_per_1000",
                  "loaded_quoted_per_1000", "opinion_share", "opinion_share_expected",
                  "opinion_share_low", "opinion_share_high", "opinion_model", "quoted_share",
                  "direct_quotes", "reported_quotes", "scare_quotes", "flesch_amstad")
ACTOR_COLUMNS = ("source", "period", "actor", "kind", "articles", "mentions", "share", "tone",
                 "relative_tone", "tone_author", "author_mentions", "quotes", "quote_share")
DESCRIPTOR_COLUMNS = ("source", "period", "actor", "descriptor", "count", "articles", "kinds")


@dataclass(frozen=True)
class Report:
    """The three tables as lists of dicts (column order in ``*_columns``)."""

    periods: list[dict[str, Any]]
    period_columns: tuple[str, ...]
    actors: list[dict[str, Any]]
    descriptors: list[dict[str, Any]]


def connect(out: str | Path):
    """A DuckDB connection with one view per table of the run in ``out``.

    A table with no files yet (e.g. no quotes at all) is an empty view with its schema.
    """
    import duckdb

    from framing.archive.tables import SCHEMAS

    root = Path(out)
    if not (root / "articles").is_dir():
        raise FileNotFoundError(f"{out}: no archive output here (no 'articles' folder)")
    con = duckdb.connect()
    for name, schema in SCHEMAS.items():
        # the empty table with the full schema: output of an older version lacks new columns,
        # which then read as NULL (UNION ALL BY NAME) instead of failing the queries
        con.register(f"{name}_empty", schema.empty_table())
        files = sorted((root / name).glob("month=*/*.parquet"))
        if files:
            pattern = str(root / name / "month=*" / "*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM {name}_empty UNION ALL BY NAME "
                        f"SELECT * FROM read_parquet('{pattern}', hive_partitioning=false, union_by_name=true)")
        else:
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM {name}_empty")
    return con


def _rows(con, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _period(period: str) -> str:
    if period not in PERIODS + ("all",):
        raise ValueError(f"period must be one of {PERIODS}")
    return "'all'" if period == "all" else period


def period_rows(con, period: str = "month") -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The ``periods`` table (see the module docstring) and its columns."""
    p = _period(period)
    rows = _rows(con, f"""
        WITH a AS (
            SELECT source, {p} AS period, count(*) AS articles, sum(words) AS words,
                   sum(author_words) AS author_words, sum(quoted_words) AS quoted_words,
                   1000.0 * sum(loaded_author_hits) / nullif(sum(author_words), 0) AS loaded_author_per_1000,
                   1000.0 * sum(loaded_partisan_hits) / nullif(sum(author_words), 0) AS loaded_partisan_per_1000,
                   1000.0 * (sum(loaded_author_hits) - sum(loaded_partisan_hits))
                     / nullif(sum(author_words), 0) AS loaded_general_per_1000,
                   1000.0 * sum(loaded_quoted_hits) / nullif(sum(quoted_words), 0) AS loaded_quoted_per_1000,
                   sum(opinion_words) / nullif(sum(words), 0) AS opinion_share,
                   coalesce(sum(opinion_expected_words), 0) AS _expected,
                   coalesce(sum(opinion_sq_words), 0) AS _sq,
                   coalesce(sum(opinion_words_scored), 0) AS _scored,
                   string_agg(DISTINCT opinion_model, ', ' ORDER BY opinion_model) AS opinion_model,
                   coalesce(sum(scare_quotes), 0) AS scare_quotes,
                   sum(quoted_words) / nullif(sum(words), 0) AS quoted_share,
                   sum(flesch_amstad * words) FILTER (WHERE NOT isnan(flesch_amstad))
                     / nullif(sum(words) FILTER (WHERE NOT isnan(flesch_amstad)), 0) AS flesch_amstad
            FROM articles GROUP BY ALL),
        q AS (
            SELECT source, {p} AS period,
                   count(*) FILTER (WHERE kind = 'quote') AS direct_quotes,
                   count(*) FILTER (WHERE kind = 'reported') AS reported_quotes
            FROM quotes GROUP BY ALL)
        SELECT a.*, coalesce(q.direct_quotes, 0) AS direct_quotes,
               coalesce(q.reported_quotes, 0) AS reported_quotes
        FROM a LEFT JOIN q USING (source, period)
        ORDER BY source, period""")
    cats = _rows(con, f"""
        SELECT source, {p} AS period, category, count(*) AS hits
        FROM loaded WHERE voice = 'author' GROUP BY ALL""")
    from framing.measures.opinion import opinion_share

    for row in rows:
        expected, sq, scored = row.pop("_expected"), row.pop("_sq"), row.pop("_scored")
        if scored:
            share, low, high = opinion_share(expected, scored, sq)
        else:  # no model sums (output of an older version, or no scored words)
            share = low = high = None
        row.update(opinion_share_expected=share, opinion_share_low=low, opinion_share_high=high)
    categories = sorted({c["category"] for c in cats})
    hits: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for c in cats:
        hits[(c["source"], c["period"])][c["category"]] = c["hits"]
    for row in rows:
        found = hits.get((row["source"], row["period"]), {})
        for cat in categories:
            words = row["author_words"]
            row.setdefault(f"loaded_{cat}_per_1000", 1000.0 * found.get(cat, 0) / words if words else None)
    # a category whose column is already a layer column (partisan) is not written twice
    extra = tuple(name for c in categories if (name := f"loaded_{c}_per_1000") not in PERIOD_COLUMNS)
    return rows, PERIOD_COLUMNS + extra


def actor_rows(con, period: str = "month", top: int = 5) -> list[dict[str, Any]]:
    """The ``actors`` table for the ``top`` most mentioned actors (see the module docstring)."""
    p = _period(period)
    return _rows(con, f"""
        WITH top AS (
            SELECT actor FROM actors GROUP BY actor ORDER BY sum(mentions) DESC, actor LIMIT ?),
        total AS (
            SELECT source, {p} AS period, sum(mentions) AS all_mentions FROM actors GROUP BY ALL),
        said AS (
            SELECT source, {p} AS period, count(*) AS all_quotes
            FROM quotes WHERE speaker <> 'unnamed' GROUP BY ALL),
        t AS (
            SELECT source, {p} AS period, actor, any_value(kind) AS kind,
                   count(DISTINCT article_id) AS articles, sum(mentions) AS mentions,
                   sum(polarity * mentions) / nullif(sum(mentions), 0) AS tone,
                   sum(polarity_author * author_mentions) / nullif(sum(author_mentions), 0) AS tone_author,
                   sum(author_mentions) AS author_mentions, sum(quoted) AS quotes
            FROM actors WHERE actor IN (SELECT actor FROM top) GROUP BY source, period, actor)
        SELECT t.source, t.period, t.actor, t.kind, t.articles, t.mentions,
               t.mentions / nullif(total.all_mentions, 0) AS share, t.tone,
               t.tone - avg(t.tone) OVER (PARTITION BY t.period, t.actor) AS relative_tone,
               t.tone_author, t.author_mentions, t.quotes,
               t.quotes / nullif(said.all_quotes, 0) AS quote_share
        FROM t JOIN total USING (source, period) LEFT JOIN said USING (source, period)
        ORDER BY t.actor, t.period, t.source""", [top])


def descriptor_rows(con, period: str = "month", top: int = 5, per_actor: int = 10) -> list[dict[str, Any]]:
    """The ``descriptors`` table: per source, period and top actor, the ``per_actor`` most
    frequent descriptors (times used, articles using them, kinds); see the module docstring."""
    p = _period(period)
    return _rows(con, f"""
        WITH top AS (
            SELECT actor FROM actors GROUP BY actor ORDER BY sum(mentions) DESC, actor LIMIT ?),
        c AS (
            SELECT source, {p} AS period, actor, descriptor, sum(count) AS count,
                   count(DISTINCT article_id) AS articles,
                   string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds
            FROM descriptors WHERE actor IN (SELECT actor FROM top) GROUP BY ALL),
        r AS (
            SELECT *, row_number() OVER (PARTITION BY source, period, actor
                                         ORDER BY count DESC, descriptor) AS rank FROM c)
        SELECT source, period, actor, descriptor, count, articles, kinds FROM r
        WHERE rank <= ? ORDER BY source, period, actor, rank""", [top, per_actor])


def build_report(out: str | Path, *, period: str = "month", top: int = 5) -> Report:
    """All three tables for the run in ``out``."""
    con = connect(out)
    try:
        periods, columns = period_rows(con, period)
        overall, _ = period_rows(con, "all")
        return Report(periods=overall + periods, period_columns=columns,
                      actors=actor_rows(con, period, top),
                      descriptors=descriptor_rows(con, "all", top) + descriptor_rows(con, period, top))
    finally:
        con.close()


def write_report(report: Report, folder: str | Path) -> list[Path]:
    """Write ``periods.csv``, ``actors.csv`` and ``descriptors.csv`` into ``folder``."""
    from framing.io.csvout import write_rows

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows, columns in (("periods", report.periods, report.period_columns),
                                ("actors", report.actors, ACTOR_COLUMNS),
                                ("descriptors", report.descriptors, DESCRIPTOR_COLUMNS)):
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_rows(rows, columns, handle)
        written.append(path)
    return written


def _f(value: Any, spec: str = ".2f") -> str:
    return "–" if value is None or value != value else format(value, spec)


def report_lines(report: Report, *, width: int = 28) -> list[str]:
    """The report as text for the terminal (numbers rounded here, for display only)."""
    lines = [f"{'source':{width}} {'period':8} {'art':>5} {'words':>8} {'loaded/1000':>11} "
             f"{'opinion':>7} {'quoted':>6} {'quotes':>6}"]
    for r in report.periods:
        lines.append(f"{r['source'][:width]:{width}} {r['period']:8} {r['articles']:>5} {r['words']:>8} "
                     f"{_f(r['loaded_author_per_1000']):>11} {_f(r['opinion_share']):>7} "
                     f"{_f(r['quoted_share']):>6} {r['direct_quotes'] + r['reported_quotes']:>6}")
    if report.actors:
        lines += ["", f"{'actor':22} {'source':{width}} {'period':8} {'ment':>5} {'tone':>6} {'rel':>6} "
                      f"{'quotes':>6}"]
        for r in report.actors:
            lines.append(f"{r['actor'][:22]:22} {r['source'][:width]:{width}} {r['period']:8} "
                         f"{r['mentions']:>5} {_f(r['tone'], '+.2f'):>6} {_f(r['relative_tone'], '+.2f'):>6} "
                         f"{r['quotes']:>6}")
    overall: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in report.descriptors:
        if r["period"] == "all" and len(overall[(r["actor"], r["source"])]) < 5:
            overall[(r["actor"], r["source"])].append(f"{r['descriptor']} ({r['count']})")
    if overall:
        lines += ["", f"{'actor':22} {'source':{width}} descriptors (times used, whole archive)"]
        for (actor, source), words in sorted(overall.items()):
            lines.append(f"{actor[:22]:22} {source[:width]:{width}} {', '.join(words)}")
    return lines


def _stream(con, sql: str, batch: int = 10_000):
    """Rows of ``sql`` as dicts, fetched ``batch`` at a time (never the whole table)."""
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(batch):
        for values in chunk:
            yield dict(zip(names, values))


def export_quotes_csv(out: str | Path, handle) -> None:
    """Write the ``quotes`` table of a run as the quotes CSV of ``framing score --quotes-out``
    (:data:`framing.io.csvout.QUOTE_COLUMNS`, article rows), ordered by source, article and
    position."""
    from framing.io.csvout import QUOTE_COLUMNS, write_rows

    con = connect(out)
    try:
        write_rows(_stream(con, "SELECT 'article' AS level, * FROM quotes "
                                "ORDER BY source, article_id, start, \"end\""), QUOTE_COLUMNS, handle)
    finally:
        con.close()


def export_descriptors_csv(out: str | Path, handle) -> None:
    """Write the ``descriptors`` table of a run as the descriptor CSV of ``framing score
    --descriptors-out`` (:data:`framing.io.csvout.DESCRIPTOR_COLUMNS`): article rows (kinds
    summed), then one row per source, actor and descriptor summed over its articles."""
    from framing.io.csvout import DESCRIPTOR_COLUMNS, write_rows

    con = connect(out)
    try:
        articles = _stream(con, """
            SELECT 'article' AS level, source, article_id, actor, descriptor, sum(count) AS count
            FROM descriptors GROUP BY ALL ORDER BY source, article_id, actor, descriptor""")
        sources = _stream(con, """
            SELECT 'source' AS level, source, '' AS article_id, actor, descriptor, sum(count) AS count
            FROM descriptors GROUP BY ALL ORDER BY source, actor, count DESC, descriptor""")
        write_rows(chain(articles, sources), DESCRIPTOR_COLUMNS, handle)
    finally:
        con.close()
