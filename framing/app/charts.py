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

from framing.app.views import actor_mentions, actor_polarity, actor_tone, flesch, loaded_hits_words
from framing.measures.loaded import per_1000
from framing.score import SourceScores

#: Colour-blind safe palette for sources (Okabe–Ito first, then Plotly's Safe set).
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
            *qualitative.Safe)
#: Diverging scale for polarity: red (negative) – white (0) – blue (positive).
POLARITY_SCALE = "RdBu"
_VOICE_LABEL = {"author": "author voice", "all": "all voices", "quoted": "quoted voice"}


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
                    show_quoted: bool = False, colors: dict[str, str] | None = None) -> go.Figure:
    """Small multiples comparing the sources on the three measures and readability.

    Panels (one bar per source, same colour per source): loaded terms per 1,000 words of
    ``voices`` (with ``show_quoted``, a hatched bar for the quoted voice beside it);
    opinion share of words (quotes count as report); actor tone, the mention-weighted mean
    polarity of the actors the source names (−1 … +1); Flesch–Amstad reading ease.
    """
    colors = colors or source_colors([s.source for s in sources])
    names = [s.source for s in sources]
    labels = [wrap_label(n) for n in names]
    fig = make_subplots(
        rows=1, cols=4, shared_yaxes=True, horizontal_spacing=0.035,
        subplot_titles=(f"Loaded terms / 1,000 words<br><sup>{_VOICE_LABEL[voices]}</sup>",
                        "Opinion share of words<br><sup>quotes count as report</sup>",
                        f"Actor tone<br><sup>mean polarity, {_VOICE_LABEL[voices]}</sup>",
                        "Readability<br><sup>Flesch–Amstad, higher = easier</sup>"),
    )
    bar_colors = [colors[n] for n in names]

    hits_words = [loaded_hits_words(s, voices) for s in sources]
    fig.add_trace(go.Bar(
        y=labels, x=[per_1000(h, w) for h, w in hits_words], orientation="h",
        marker_color=bar_colors, name=_VOICE_LABEL[voices], showlegend=show_quoted, meta="loaded",
        customdata=[[label(n), h, w] for n, (h, w) in zip(names, hits_words)],
        hovertemplate="%{customdata[0]}<br>%{x:.1f} per 1,000 words<br>"
                      "%{customdata[1]} hits in %{customdata[2]:,} words<extra>" + _VOICE_LABEL[voices] + "</extra>",
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
    fig.add_trace(go.Bar(
        y=labels, x=[_nan_to_none(t) for t, _ in tones], orientation="h", marker_color=bar_colors,
        showlegend=False, name="actor tone", meta="tone",
        customdata=[[label(s.source), n] for s, (_, n) in zip(sources, tones)],
        hovertemplate="%{customdata[0]}<br>mean polarity %{x:+.2f}<br>over %{customdata[1]} mentions"
                      "<extra></extra>",
    ), row=1, col=3)

    fig.add_trace(go.Bar(
        y=labels, x=[_nan_to_none(flesch(s)) for s in sources], orientation="h", marker_color=bar_colors,
        showlegend=False, name="readability", meta="readability",
        customdata=[[label(s.source), s.wiener_sachtextformel, s.words] for s in sources],
        hovertemplate="%{customdata[0]}<br>Flesch–Amstad %{x:.1f}<br>Wiener Sachtextformel "
                      "%{customdata[1]:.1f}<br>%{customdata[2]:,} words<extra></extra>",
    ), row=1, col=4)

    fig.update_xaxes(rangemode="tozero", row=1, col=1)
    fig.update_xaxes(rangemode="tozero", ticksuffix=" %", row=1, col=2)
    fig.update_xaxes(range=[-1, 1], zeroline=True, zerolinecolor="#888", row=1, col=3)
    fig.update_xaxes(rangemode="tozero", row=1, col=4)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(
        barmode="group", height=max(260, 70 + 52 * len(sources) * (1.4 if show_quoted else 1)),
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
        elif measure in ("actor", "quotes"):
            names = [label(s.source) for s in sources]
            if trace.name in names and isinstance(index, int) and 0 <= index < len(actors):
                return Selection(measure, sources[names.index(trace.name)].source, actors[index])
        elif measure and isinstance(index, int) and 0 <= index < len(sources):
            return Selection(measure, sources[index].source)
    return None


def category_figure(sources: Sequence[SourceScores], *, colors: dict[str, str] | None = None) -> go.Figure:
    """Loaded terms per 1,000 author words by category, one group of bars per category."""
    colors = colors or source_colors([s.source for s in sources])
    categories = sorted({c for s in sources for c in s.loaded_by_category})
    fig = go.Figure()
    for s in sources:
        per = s.category_per_1000()
        fig.add_trace(go.Bar(
            x=categories, y=[per.get(c, 0.0) for c in categories], name=label(s.source),
            marker_color=colors[s.source],
            customdata=[[s.loaded_by_category.get(c, 0), s.author_words] for c in categories],
            hovertemplate="%{x}: %{y:.1f} per 1,000 author words<br>%{customdata[0]} hits in "
                          "%{customdata[1]:,} words<extra>" + label(s.source) + "</extra>",
        ))
    fig.update_layout(barmode="group", height=320, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
                      yaxis_title="per 1,000 author words", legend=dict(orientation="h", y=-0.2))
    fig.update_yaxes(showgrid=True, gridcolor="#eee")
    return fig


def actor_heatmap(sources: Sequence[SourceScores], actors: Sequence[str], *, voices: str = "author") -> go.Figure:
    """Actor × source polarity (−1 red … +1 blue); cell text and hover give the mentions.

    Empty cells: the source does not mention the actor (in ``voices``).
    """
    by_source = {s.source: {a.actor: a for a in s.actors} for s in sources}
    z, text, custom = [], [], []
    for actor in actors:
        row_z, row_t, row_c = [], [], []
        for s in sources:
            a = by_source[s.source].get(actor)
            pol = actor_polarity(a, voices) if a else float("nan")
            n = actor_mentions(a, voices) if a else 0
            row_z.append(_nan_to_none(pol))
            row_t.append(str(n) if n else "")
            row_c.append([label(s.source), n, a.mentions if a else 0, a.quoted if a else 0,
                          "n/a" if math.isnan(pol) else f"{pol:+.2f}"])
        z.append(row_z)
        text.append(row_t)
        custom.append(row_c)
    fig = go.Figure(go.Heatmap(
        z=z, x=[wrap_label(s.source, 20) for s in sources], y=[label(a) for a in actors], text=text,
        texttemplate="%{text}", customdata=custom, colorscale=POLARITY_SCALE, zmin=-1, zmax=1, zmid=0,
        xgap=2, ygap=2, colorbar=dict(title="polarity", thickness=12), meta="actor",
        hovertemplate="%{y} in %{customdata[0]}<br>polarity %{customdata[4]}<br>"
                      "%{customdata[1]} mentions (" + _VOICE_LABEL[voices] + "), %{customdata[2]} in all; "
                      "%{customdata[3]} quotes<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=0)
    fig.update_layout(height=max(260, 130 + 34 * len(actors)), margin=dict(l=10, r=10, t=40, b=10),
                      plot_bgcolor="#f4f4f4")
    return fig


def actor_share_figure(sources: Sequence[SourceScores], actors: Sequence[str], *,
                       colors: dict[str, str] | None = None) -> go.Figure:
    """Share of a source's actor mentions (left) and of its attributed quotes (right) per actor."""
    colors = colors or source_colors([s.source for s in sources])
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=("Share of mentions", "Share of quotes"))
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
