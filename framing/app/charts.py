"""Plotly figures for the dashboard, built from the library's scores (no Streamlit here).

Every builder takes scored sources (:class:`framing.score.SourceScores`) and returns a
``plotly.graph_objects.Figure``; values are shown as computed, rounded only in hover text
and labels. Each source keeps one colour in every figure (:func:`source_colors`).
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from framing.app.views import (
    actor_mentions,
    actor_tone,
    flesch,
    loaded_hits_words,
    partisan_hits_words,
    tone_estimate,
)
from framing.measures.loaded import per_1000
from framing.score import SourceScores

#: Colour-blind safe palette for sources (Okabe–Ito first, then Plotly's Safe set).
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
            *qualitative.Safe)
#: Diverging scale for polarity: red (negative) – white (0) – blue (positive).
POLARITY_SCALE = "RdBu"
_VOICE_LABEL = {"author": "author voice", "all": "all voices", "quoted": "quoted voice"}
#: Titles and axis labels (English); the dashboard passes its language's (``text=``).
TEXT = {
    "loaded_title": "Loaded terms / 1,000 words", "opinion_title": "Opinion share of words",
    "opinion_sub": "quotes count as report", "tone_title": "Actor tone", "tone_sub": "mean polarity",
    "readability_title": "Readability", "readability_sub": "Flesch–Amstad, higher = easier",
    "per_1000_author": "per 1,000 author words", "share_mentions": "Share of mentions",
    "share_quotes": "Share of quotes", "tone": "tone", "relative_tone": "relative tone",
    "voice.author": "author voice", "voice.all": "all voices", "voice.quoted": "quoted voice",
    "loaded_all": "all loaded terms", "partisan": "partisan terms",
    "per_1000_words": "per 1,000 words", "hits_in_words": "hits in", "words": "words",
    "speaker_title": "Who speaks", "share_statements": "Share of the source's quotes and reported statements",
    "statements_of": "statements of",
}


def _text(text) -> dict[str, str]:
    return {**TEXT, **(text or {})}


def source_colors(names: Sequence[str]) -> dict[str, str]:
    """One colour per source name, in the given order."""
    return {name: _PALETTE[k % len(_PALETTE)] for k, name in enumerate(names)}


def label(text: str) -> str:
    """Input text (a source or actor name) made safe for Plotly's HTML-like labels."""
    return html.escape(text, quote=False)


def wrap_label(text: str, width: int = 24) -> str:
    """Break a long label into lines (``<br>``) for axis ticks; the text is escaped."""
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(label(line) for line in lines) or label(text)


def _nan_to_none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def overview_figure(sources: Sequence[SourceScores], *, voices: str = "author",
                    show_quoted: bool = False, colors: dict[str, str] | None = None,
                    text: dict[str, str] | None = None) -> go.Figure:
    """Small multiples comparing the sources on the three measures and readability.

    Panels (one bar per source, same colour per source): loaded terms per 1,000 words of
    ``voices`` (with ``show_quoted``, a hatched bar for the quoted voice beside it);
    opinion share of words (quotes count as report); actor tone, the mention-weighted mean
    polarity of the actors the source names (−1 … +1); Flesch–Amstad reading ease.
    """
    colors = colors or source_colors([s.source for s in sources])
    names = [s.source for s in sources]
    labels = [wrap_label(n) for n in names]
    t = _text(text)
    voice = t[f"voice.{voices}"]
    fig = make_subplots(
        rows=1, cols=4, shared_yaxes=True, horizontal_spacing=0.035,
        subplot_titles=(f"{t['loaded_title']}<br><sup>{voice}</sup>",
                        f"{t['opinion_title']}<br><sup>{t['opinion_sub']}</sup>",
                        f"{t['tone_title']}<br><sup>{t['tone_sub']}, {voice}</sup>",
                        f"{t['readability_title']}<br><sup>{t['readability_sub']}</sup>"),
    )
    bar_colors = [colors[n] for n in names]

    hits_words = [loaded_hits_words(s, voices) for s in sources]
    fig.add_trace(go.Bar(
        y=labels, x=[per_1000(h, w) for h, w in hits_words], orientation="h",
        marker_color=bar_colors, name=f"{t['loaded_all']}, {voice}", showlegend=True, meta="loaded",
        customdata=[[label(n), h, w] for n, (h, w) in zip(names, hits_words)],
        hovertemplate="%{customdata[0]}<br>%{x:.1f} " + t["per_1000_words"] + "<br>%{customdata[1]} "
                      + t["hits_in_words"] + " %{customdata[2]:,} " + t["words"] + "<extra>" + voice + "</extra>",
    ), row=1, col=1)
    if show_quoted:
        quoted = [loaded_hits_words(s, "quoted") for s in sources]
        fig.add_trace(go.Bar(
            y=labels, x=[per_1000(h, w) for h, w in quoted], orientation="h",
            marker=dict(color=bar_colors, pattern_shape="/", opacity=0.55), name="quoted voice", meta="loaded_quoted",
            customdata=[[label(n), h, w] for n, (h, w) in zip(names, quoted)],
            hovertemplate="%{customdata[0]}<br>%{x:.1f} per 1,000 quoted words<br>"
                          "%{customdata[1]} hits in %{customdata[2]:,} words<extra>quoted voice</extra>",
        ), row=1, col=1)

    fig.add_trace(go.Bar(
        y=labels, x=[100 * s.opinion_ratio for s in sources], orientation="h", marker_color=bar_colors,
        showlegend=False, name="opinion", meta="opinion",
        customdata=[[label(s.source), s.opinion_words, s.words, s.opinion_sentences, s.sentences] for s in sources],
        hovertemplate="%{customdata[0]}<br>%{x:.1f} % of words in opinion sentences<br>"
                      "%{customdata[1]:,} of %{customdata[2]:,} words; %{customdata[3]} of "
                      "%{customdata[4]} sentences<extra></extra>",
    ), row=1, col=2)

    tones = [actor_tone(s, voices) for s in sources]
    estimates = [tone_estimate(s, voices) for s in sources]
    fig.add_trace(go.Bar(
        y=labels, x=[_nan_to_none(t) for t, _ in tones], orientation="h",
        marker=dict(color=bar_colors, opacity=[0.35 if e.low_evidence else 1.0 for e in estimates]),
        showlegend=False, name="actor tone", meta="tone",
        error_x=dict(type="data", symmetric=False, color="#444", thickness=1.2,
                     array=[max(0.0, e.high - t) if e.mentions > 1 and t == t else 0
                            for e, (t, _) in zip(estimates, tones)],
                     arrayminus=[max(0.0, t - e.low) if e.mentions > 1 and t == t else 0
                                 for e, (t, _) in zip(estimates, tones)]),
        customdata=[[label(s.source), n, _interval_text(e)] for s, (_, n), e in zip(sources, tones, estimates)],
        hovertemplate="%{customdata[0]}<br>mean polarity %{x:+.2f}, 90 % interval %{customdata[2]}<br>"
                      "over %{customdata[1]} mentions<extra></extra>",
    ), row=1, col=3)

    fig.add_trace(go.Bar(
        y=labels, x=[_nan_to_none(flesch(s)) for s in sources], orientation="h", marker_color=bar_colors,
        showlegend=False, name="readability", meta="readability",
        customdata=[[label(s.source), s.wiener_sachtextformel, s.words] for s in sources],
        hovertemplate="%{customdata[0]}<br>Flesch–Amstad %{x:.1f}<br>Wiener Sachtextformel "
                      "%{customdata[1]:.1f}<br>%{customdata[2]:,} words<extra></extra>",
    ), row=1, col=4)
    # the partisan layer (a subset of the loaded terms) last, beside the loaded bars
    partisan = [partisan_hits_words(s, voices) for s in sources]
    fig.add_trace(go.Bar(
        y=labels, x=[per_1000(h, w) for h, w in partisan], orientation="h",
        marker=dict(color=bar_colors, pattern_shape="x", opacity=0.7), name=f"{t['partisan']}, {voice}",
        meta="loaded_partisan",
        customdata=[[label(n), h, w] for n, (h, w) in zip(names, partisan)],
        hovertemplate="%{customdata[0]}<br>%{x:.1f} " + t["per_1000_words"] + "<br>%{customdata[1]} "
                      + t["hits_in_words"] + " %{customdata[2]:,} " + t["words"] + "<extra>" + t["partisan"]
                      + "</extra>",
    ), row=1, col=1)

    fig.update_xaxes(rangemode="tozero", row=1, col=1)
    fig.update_xaxes(rangemode="tozero", ticksuffix=" %", row=1, col=2)
    fig.update_xaxes(range=[-1, 1], zeroline=True, zerolinecolor="#888", row=1, col=3)
    fig.update_xaxes(rangemode="tozero", row=1, col=4)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(
        barmode="group", height=max(280, 70 + 52 * len(sources) * (1.8 if show_quoted else 1.4)),
        margin=dict(l=10, r=10, t=70, b=30), plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=-0.25, x=0),
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eee")
    return fig


@dataclass(frozen=True)
class Selection:
    """What a clicked bar or cell stands for: a measure of a source (and an actor)."""

    measure: str
    source: str
    actor: str | None = None
    category: str | None = None


def selected(fig: go.Figure, points: Sequence[dict], sources: Sequence[SourceScores],
             actors: Sequence[str] = ()) -> Selection | None:
    """Map a Plotly selection (Streamlit's ``event.selection.points``) back to the data.

    Works for :func:`overview_figure` (one bar per source), :func:`actor_heatmap` (one cell
    per actor and source) and :func:`actor_share_figure` (one trace per source and panel).
    Returns None when nothing (known) is selected.
    """
    for point in points or ():
        curve = point.get("curve_number")
        if curve is None or not 0 <= curve < len(fig.data):
            continue
        trace = fig.data[curve]
        measure = trace.meta
        index = point.get("point_index", point.get("point_number"))
        if isinstance(trace, go.Scatter) and measure == "actor":
            custom = trace.customdata
            if isinstance(index, int) and custom is not None and 0 <= index < len(custom):
                row, col = custom[index]
                if 0 <= row < len(actors) and 0 <= col < len(sources):
                    return Selection(measure, sources[col].source, actors[row])
            continue
        if isinstance(trace, go.Heatmap):
            if isinstance(index, (list, tuple)) and len(index) == 2:
                row, col = index
            else:
                labels = list(trace.y)
                columns = list(trace.x)
                if point.get("y") not in labels or point.get("x") not in columns:
                    continue
                row, col = labels.index(point["y"]), columns.index(point["x"])
            if 0 <= row < len(actors) and 0 <= col < len(sources):
                return Selection(measure, sources[col].source, actors[row])
        elif measure == "category":
            names = [label(src.source) for src in sources]
            cats = list(trace.x)
            if trace.name in names and isinstance(index, int) and 0 <= index < len(cats):
                return Selection(measure, sources[names.index(trace.name)].source, category=cats[index])
        elif measure == "speaker":
            names = [label(s.source) for s in sources]
            custom = trace.customdata
            if (trace.name in names and isinstance(index, int) and custom is not None
                    and 0 <= index < len(custom)):
                return Selection(measure, sources[names.index(trace.name)].source, str(custom[index][0]))
        elif measure in ("actor", "quotes"):
            names = [label(s.source) for s in sources]
            if trace.name in names and isinstance(index, int) and 0 <= index < len(actors):
                return Selection(measure, sources[names.index(trace.name)].source, actors[index])
        elif measure and isinstance(index, int) and 0 <= index < len(sources):
            return Selection(measure, sources[index].source)
    return None


def category_figure(sources: Sequence[SourceScores], *, colors: dict[str, str] | None = None,
                    category_label=None, text: dict[str, str] | None = None) -> go.Figure:
    """Loaded terms per 1,000 author words by category, one group of bars per category.

    ``x`` holds the category codes (a click maps back to them, ``meta`` "category");
    the axis shows ``category_label(code)`` when given.
    """
    colors = colors or source_colors([s.source for s in sources])
    categories = sorted({c for s in sources for c in s.loaded_by_category})
    fig = go.Figure()
    for s in sources:
        per = s.category_per_1000()
        fig.add_trace(go.Bar(
            x=categories, y=[per.get(c, 0.0) for c in categories], name=label(s.source),
            marker_color=colors[s.source], meta="category",
            customdata=[[s.loaded_by_category.get(c, 0), s.author_words] for c in categories],
            hovertemplate="%{x}: %{y:.1f} per 1,000 author words<br>%{customdata[0]} hits in "
                          "%{customdata[1]:,} words<extra>" + label(s.source) + "</extra>",
        ))
    fig.update_layout(barmode="group", height=320, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
                      yaxis_title=_text(text)["per_1000_author"], legend=dict(orientation="h", y=-0.2))
    if category_label is not None:
        fig.update_xaxes(tickmode="array", tickvals=categories, ticktext=[label(category_label(c)) for c in categories])
    fig.update_yaxes(showgrid=True, gridcolor="#eee")
    return fig


#: Muted scale for low-evidence cells (few mentions or a wide interval): never saturated.
MUTED_SCALE = [[0.0, "#e9cfcf"], [0.5, "#f2f2f2"], [1.0, "#cfd8e9"]]


def _tone_cell(a):
    from framing.measures.actors.relative import article_tone_interval

    return article_tone_interval(a.evidenced_polarities if a else ())


def _interval_text(est) -> str:
    if est.mentions < 2 or math.isnan(est.low):
        return "n/a"
    return f"[{est.low:+.2f}, {est.high:+.2f}]"


def actor_heatmap(sources: Sequence[SourceScores], actors: Sequence[str], *, voices: str = "author",
                  relative: bool = False, text: dict[str, str] | None = None) -> go.Figure:
    """Actor × source article-level tone (−1 red … +1 blue), each cell with its label, the
    number of evidenced mentions behind it and its interval.

    The colour is the source-level tone built like an article's (``ActorTotal.tone``: the
    evidenced mentions of the source's articles pooled, with the neutral prior of
    ``lexicons/actors/article_tone.tsv``; :func:`framing.measures.actors.relative.article_tone_interval`),
    the tone that ``--actors-out`` writes, not the mean polarity of every mention. It reads
    every voice (what a quotation says about an actor bears on that actor); ``voices`` sets
    the mention count in the hover. ``relative``: each source's mean evidenced polarity
    minus the mean of the sources that give the actor evidence
    (:func:`framing.measures.actors.relative.relative_tone`, −2 … +2). Trace 0 holds the
    cells with enough evidence, trace 1 the low-evidence cells in a muted scale (fewer
    evidenced mentions than ``min_evidenced`` of ``lexicons/actors/uncertainty.tsv`` or a
    wide interval: shown with their count, never saturated), trace 2 invisible markers over
    every cell, so a click on a cell selects it (``meta`` "actor"). Empty cells: the source
    does not mention the actor (in ``voices``).
    """
    from framing.measures.actors.relative import relative_tone

    words = _text(text)
    by_source = {s.source: {a.actor: a for a in s.actors} for s in sources}
    xs = [wrap_label(s.source, 20) for s in sources]
    ys = [label(a) for a in actors]
    z, z_low, cells, custom = [], [], [], []
    px, py, pc, ph = [], [], [], []
    for i, actor in enumerate(actors):
        rows = [by_source[s.source].get(actor) for s in sources]
        if relative:
            rel = relative_tone({s.source: (a.evidenced_polarities if a else ()) for s, a in zip(sources, rows)})
            estimates = [rel[s.source] for s in sources]
        else:
            estimates = [_tone_cell(a) for a in rows]
        row_z, row_low, row_t, row_c = [], [], [], []
        for j, (s, a, est) in enumerate(zip(sources, rows, estimates)):
            n = actor_mentions(a, voices) if a else 0
            value = _nan_to_none(est.value) if n else None
            evidenced = a.evidenced if a else 0
            muted = value is not None and est.low_evidence
            row_z.append(None if muted else value)
            row_low.append(value if muted else None)
            row_t.append("" if value is None else f"{value:+.2f}<br>n={evidenced}")
            verdict = "" if relative or a is None else f" ({a.label})"
            hover = (f"{label(actor)} in {label(s.source)}<br>{'relative tone' if relative else 'tone'} "
                     f"{'n/a' if value is None else f'{value:+.2f}'}{verdict}, 90 % interval {_interval_text(est)}<br>"
                     f"{evidenced} evidenced of {a.mentions if a else 0} mentions; {n} mentions "
                     f"({_VOICE_LABEL[voices]}); {a.quoted if a else 0} quotes"
                     + ("<br><i>little evidence: muted</i>" if muted else ""))
            row_c.append(hover)
            if n:
                px.append(xs[j])
                py.append(ys[i])
                pc.append([i, j])
                ph.append(hover)
        z.append(row_z)
        z_low.append(row_low)
        cells.append(row_t)
        custom.append(row_c)
    span = 2 if relative else 1
    title = words["relative_tone" if relative else "tone"]
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        z=z, x=xs, y=ys, text=cells, texttemplate="%{text}", customdata=custom, colorscale=POLARITY_SCALE,
        zmin=-span, zmax=span, zmid=0, xgap=2, ygap=2, colorbar=dict(title=title, thickness=12), meta="actor",
        hoverinfo="skip", textfont=dict(size=11),
    ))
    fig.add_trace(go.Heatmap(
        z=z_low, x=xs, y=ys, text=cells, texttemplate="%{text}", colorscale=MUTED_SCALE, zmin=-span, zmax=span,
        zmid=0, xgap=2, ygap=2, showscale=False, meta="actor", hoverinfo="skip",
        textfont=dict(size=11, color="#777"),
    ))
    fig.add_trace(go.Scatter(
        x=px, y=py, mode="markers", customdata=pc, hovertext=ph, hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(symbol="square", size=34, opacity=0), showlegend=False, meta="actor",
    ))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(tickangle=0, type="category")
    fig.update_layout(height=max(280, 130 + 46 * len(actors)), margin=dict(l=10, r=10, t=40, b=10),
                      plot_bgcolor="#fafafa", clickmode="event+select")
    return fig


def actor_share_figure(sources: Sequence[SourceScores], actors: Sequence[str], *,
                       colors: dict[str, str] | None = None, text: dict[str, str] | None = None) -> go.Figure:
    """Share of a source's actor mentions (left) and of its attributed quotes (right) per actor."""
    colors = colors or source_colors([s.source for s in sources])
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=(_text(text)["share_mentions"], _text(text)["share_quotes"]))
    for s in sources:
        rows = {a.actor: a for a in s.actors}
        total_quotes = sum(a.quoted for a in s.actors)
        mentions = [rows[a].mentions if a in rows else 0 for a in actors]
        quotes = [rows[a].quoted if a in rows else 0 for a in actors]
        total_mentions = sum(a.mentions for a in s.actors)
        fig.add_trace(go.Bar(
            y=[label(a) for a in actors], x=[100 * rows[a].share if a in rows else 0.0 for a in actors],
            orientation="h", name=label(s.source), legendgroup=s.source, marker_color=colors[s.source], meta="actor",
            customdata=[[m, total_mentions] for m in mentions],
            hovertemplate="%{y}: %{x:.1f} %<br>%{customdata[0]} of %{customdata[1]} mentions"
                          "<extra>" + label(s.source) + "</extra>",
        ), row=1, col=1)
        fig.add_trace(go.Bar(
            y=[label(a) for a in actors], x=[100 * q / total_quotes if total_quotes else 0.0 for q in quotes],
            orientation="h", name=label(s.source), legendgroup=s.source, showlegend=False, meta="quotes",
            marker_color=colors[s.source],
            customdata=[[q, total_quotes] for q in quotes],
            hovertemplate="%{y}: %{x:.1f} %<br>%{customdata[0]} of %{customdata[1]} quotes"
                          "<extra>" + label(s.source) + "</extra>",
        ), row=1, col=2)
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero", showgrid=True, gridcolor="#eee")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group", height=max(300, 80 + len(actors) * (10 + 9 * len(sources))),
                      margin=dict(l=10, r=10, t=50, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", yanchor="top", y=-0.06))
    return fig


def opinion_strip(sentences: Sequence) -> go.Figure:
    """Opinion probability of each scored sentence of one article, in reading order.

    ``sentences`` are the opinion scorer's sentence labels (``index``, ``probability``,
    ``label``, ``text``); bars of opinion sentences are orange, report sentences grey.
    """
    fig = go.Figure(go.Bar(
        x=[s.index for s in sentences], y=[s.probability for s in sentences],
        marker_color=["#D55E00" if s.label == "opinion" else "#999999" for s in sentences],
        customdata=[[label(textwrap.shorten(s.text, 90, placeholder=" …"))] for s in sentences],
        hovertemplate="sentence %{x}: p(opinion) %{y:.2f}<br>%{customdata[0]}<extra></extra>",
    ))
    fig.add_hline(y=0.5, line_dash="dot", line_color="#666")
    fig.update_layout(height=180, margin=dict(l=10, r=10, t=10, b=30), plot_bgcolor="white",
                      xaxis_title="sentence", yaxis=dict(range=[0, 1], title="p(opinion)"))
    return fig


def speaker_share_figure(shares: dict[str, list[tuple[str, int, int]]], *, top: int = 10,
                         colors: dict[str, str] | None = None, text: dict[str, str] | None = None) -> go.Figure:
    """Who speaks: each speaker's share of a source's quotes and reported statements.

    ``shares`` maps a source to :func:`framing.app.views.speaker_shares`; the ``top``
    speakers over all sources are shown (most statements first), one trace per source
    (``meta`` "speaker"; ``customdata`` holds the speaker name a click maps back to).
    """
    t = _text(text)
    colors = colors or source_colors(list(shares))
    totals: dict[str, int] = {}
    for rows in shares.values():
        for name, n, _ in rows:
            totals[name] = totals.get(name, 0) + n
    speakers = [n for n, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    fig = go.Figure()
    for source, rows in shares.items():
        by = {name: (n, total) for name, n, total in rows}
        total = rows[0][2] if rows else 0
        fig.add_trace(go.Bar(
            y=[wrap_label(n) for n in speakers], x=[100 * by.get(n, (0, 1))[0] / total if total else 0.0
                                                    for n in speakers],
            orientation="h", name=label(source), marker_color=colors.get(source, "#999"), meta="speaker",
            customdata=[[n, by.get(n, (0, total))[0], total] for n in speakers],
            hovertemplate="%{y}: %{x:.0f} %<br>%{customdata[1]} " + t["statements_of"]
                          + " %{customdata[2]}<extra>" + label(source) + "</extra>",
        ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(ticksuffix=" %", rangemode="tozero", showgrid=True, gridcolor="#eee",
                     title=t["share_statements"])
    fig.update_layout(barmode="group", height=max(260, 60 + 18 * len(speakers) * max(1, len(shares))),
                      margin=dict(l=10, r=10, t=30, b=40), plot_bgcolor="white",
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    return fig
