"""What the archive page of the dashboard needs that is not layout.

The page opens the Parquet output of ``framing score ARCHIVE --out DIR/`` and asks DuckDB
for small aggregates only: one value per source and period for a chosen measure (and
actor), a list of article titles for one source and period, and one article by id for the
drill-down. The archive itself is never loaded into memory.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.archive.report import connect

#: Measures over the articles table: label -> (SQL over one source and period, meaning).
ARTICLE_MEASURES: dict[str, tuple[str, str]] = {
    "Loaded terms per 1,000 author words": (
        "1000.0 * sum(loaded_author_hits) / nullif(sum(author_words), 0)",
        "loaded words in the author's own voice per 1,000 author words (higher = more loaded)"),
    "Loaded terms per 1,000 quoted words": (
        "1000.0 * sum(loaded_quoted_hits) / nullif(sum(quoted_words), 0)",
        "loaded words inside quotations and reported speech per 1,000 quoted words"),
    "Opinion share": (
        "sum(opinion_words) / nullif(sum(words), 0)",
        "share of words in sentences classed as the author's opinion (0–1)"),
    "Quoted share": (
        "sum(quoted_words) / nullif(sum(words), 0)",
        "share of words in quotations and reported speech (0–1)"),
    "Articles": ("count(*)", "number of articles"),
}
#: Measures over the actors table for one chosen actor.
ACTOR_MEASURES: dict[str, tuple[str, str]] = {
    "Tone toward the actor": (
        "sum(polarity * mentions) / nullif(sum(mentions), 0)",
        "mention-weighted mean polarity in [-1, 1] (below 0: presented negatively)"),
    "Relative tone toward the actor": (
        "sum(polarity * mentions) / nullif(sum(mentions), 0)",
        "the source's tone minus the mean tone of all sources in the same period "
        "(below 0: more negative than the others)"),
    "Mentions of the actor": ("sum(mentions)", "how often the source names the actor"),
}
MEASURES = tuple(ARTICLE_MEASURES) + tuple(ACTOR_MEASURES)
PERIODS = ("month", "week")


@dataclass(frozen=True)
class ArchiveInfo:
    """What an archive output folder holds: counts, sources, top actors, date range."""

    folder: str
    articles: int
    sources: tuple[str, ...]
    actors: tuple[str, ...]
    first: str | None
    last: str | None


def is_archive(folder: str | Path) -> bool:
    return bool(str(folder).strip()) and (Path(folder) / "articles").is_dir()


def open_archive(folder: str | Path, *, top_actors: int = 30) -> ArchiveInfo:
    """Summary of an output folder; raises FileNotFoundError when it holds no run."""
    con = connect(folder)
    try:
        count, first, last = con.execute("SELECT count(*), min(date), max(date) FROM articles").fetchone()
        sources = tuple(r[0] for r in con.execute(
            "SELECT source FROM articles GROUP BY source ORDER BY count(*) DESC, source").fetchall())
        actors = tuple(r[0] for r in con.execute(
            "SELECT actor FROM actors GROUP BY actor ORDER BY sum(mentions) DESC, actor LIMIT ?",
            [top_actors]).fetchall())
    finally:
        con.close()
    return ArchiveInfo(str(folder), count, sources, actors, first, last)


def series(folder: str | Path, measure: str, *, period: str = "month",
           actor: str | None = None) -> list[dict[str, Any]]:
    """One row per source and period: ``source``, ``period``, ``value``, ``articles``.

    Periods without a date (``unknown``) are left out. Actor measures need ``actor``.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    con = connect(folder)
    try:
        if measure in ARTICLE_MEASURES:
            sql = (f"SELECT source, {period} AS period, {ARTICLE_MEASURES[measure][0]} AS value, "
                   f"count(*) AS articles FROM articles WHERE {period} <> 'unknown' "
                   "GROUP BY ALL ORDER BY period, source")
            cursor = con.execute(sql)
        elif measure in ACTOR_MEASURES:
            if not actor:
                raise ValueError("an actor measure needs an actor")
            value = ACTOR_MEASURES[measure][0]
            if measure.startswith("Relative"):
                value = f"{value} - avg({value}) OVER (PARTITION BY {period})"
            sql = (f"SELECT source, {period} AS period, {value} AS value, "
                   f"count(DISTINCT article_id) AS articles FROM actors "
                   f"WHERE actor = ? AND {period} <> 'unknown' GROUP BY source, {period} "
                   "ORDER BY period, source")
            cursor = con.execute(sql, [actor])
        else:
            raise ValueError(f"unknown measure {measure!r}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]
    finally:
        con.close()


def series_figure(rows: list[dict[str, Any]], *, title: str, y_label: str):
    """A Plotly line chart: one line per source over the periods."""
    import plotly.graph_objects as go

    fig = go.Figure()
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_source.setdefault(r["source"], []).append(r)
    for source, points in by_source.items():
        fig.add_trace(go.Scatter(
            x=[p["period"] for p in points], y=[p["value"] for p in points], mode="lines+markers",
            name=source, customdata=[p["articles"] for p in points],
            hovertemplate="%{x}: %{y:.3f} (%{customdata} articles)<extra>" + html.escape(source) + "</extra>"))
    fig.update_layout(title=title, xaxis_title="period", yaxis_title=y_label, hovermode="x unified",
                      xaxis={"type": "category"}, height=420, margin={"t": 50, "b": 40})
    return fig


def article_list(folder: str | Path, *, source: str, period: str, value: str,
                 limit: int = 200) -> list[dict[str, Any]]:
    """Articles of one source in one period (id, date, title, words), newest first."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    con = connect(folder)
    try:
        cursor = con.execute(
            f"SELECT article_id, date, title, words, "
            "1000.0 * loaded_author_hits / nullif(author_words, 0) AS loaded_per_1000, opinion_ratio "
            f"FROM articles WHERE source = ? AND {period} = ? ORDER BY date DESC, article_id LIMIT ?",
            [source, value, limit])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]
    finally:
        con.close()


def load_article(folder: str | Path, article_id: str, *, source: str | None = None) -> dict[str, Any] | None:
    """One article by id with its actors, quotes and loaded hits; None when absent.

    DuckDB reads only the row groups whose statistics can hold the id.
    """
    con = connect(folder)
    try:
        where = "article_id = ?" + (" AND source = ?" if source is not None else "")
        params = [article_id] + ([source] if source is not None else [])

        def fetch(table: str, order: str = "") -> list[dict[str, Any]]:
            cursor = con.execute(f"SELECT * FROM {table} WHERE {where} {order}", params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, r)) for r in cursor.fetchall()]

        found = fetch("articles")
        if not found:
            return None
        article = found[0]
        article["actors"] = fetch("actors", "ORDER BY mentions DESC, actor")
        article["quotes"] = fetch("quotes", "ORDER BY start")
        article["loaded"] = fetch("loaded", "ORDER BY start")
        return article
    finally:
        con.close()


def highlight_html(text: str, hits: list[dict[str, Any]]) -> str:
    """The article text as HTML (escaped) with loaded hits marked and titled by category."""
    parts, pos = [], 0
    for h in sorted(hits, key=lambda h: (h["start"], h["end"])):
        start, end = int(h["start"]), int(h["end"])
        if start < pos or end > len(text):
            continue
        parts.append(html.escape(text[pos:start]))
        parts.append(f'<mark title="{html.escape(str(h["category"]))} ({html.escape(str(h["voice"]))})">'
                     f"{html.escape(text[start:end])}</mark>")
        pos = end
    parts.append(html.escape(text[pos:]))
    return "".join(parts).replace("\n", "<br>")
