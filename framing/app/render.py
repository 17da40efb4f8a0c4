"""Annotated HTML of one scored article, for the dashboard's drill-down.

:func:`render_article` marks up ``Article.text`` with the evidence behind the scores:
loaded terms (background colour by category), opinion sentences (tinted by their opinion
probability), actor mentions (underlined red/blue by polarity), quotations and reported
speech (set apart in italics with a rule on the left), page furniture (greyed, struck
through) and small sentence numbers that the evidence tables refer to. Hovering a mark
shows why it is there.

Every piece of text that comes from the input (article text, titles, names, cue words) goes
through :func:`html.escape`; the markup itself is built only from constants and numbers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from framing.score import ArticleScores

#: Layers the renderer can draw.
LAYERS = ("loaded", "opinion", "actors", "quotes", "excluded", "numbers")
#: Category colours (background of loaded terms), assigned in sorted category order.
_CATEGORY_PALETTE = ("#ffd166", "#f4a3c0", "#a0d8ef", "#b8e0a0", "#d7b8f3", "#ffb38a", "#c9c9a3", "#9fe2d2")
_OPINION_RGB = "230, 120, 20"
_POSITIVE_RGB = "33, 102, 172"
_NEGATIVE_RGB = "178, 24, 43"


def category_colors(categories: Iterable[str] = ()) -> dict[str, str]:
    """One background colour per loaded-vocabulary category.

    Colours follow the lexicon's sorted category list, so a category keeps its colour in
    every article; categories outside the lexicon are added after it.
    """
    from framing.measures.loaded import categories as lexicon_categories

    known = list(lexicon_categories())
    extra = sorted(set(categories) - set(known))
    return {c: _CATEGORY_PALETTE[k % len(_CATEGORY_PALETTE)] for k, c in enumerate(known + extra)}


def polarity_color(polarity: float) -> str:
    """CSS colour of an actor mention: blue for positive, red for negative, grey for 0 or NaN."""
    if polarity is None or math.isnan(polarity) or abs(polarity) < 1e-9:
        return "rgb(120, 120, 120)"
    rgb = _POSITIVE_RGB if polarity > 0 else _NEGATIVE_RGB
    return f"rgba({rgb}, {0.45 + 0.55 * min(1.0, abs(polarity)):.2f})"


def opinion_tint(probability: float) -> str:
    """Background of a sentence: orange, stronger the likelier it is opinion (0 => none)."""
    p = 0.0 if probability is None or math.isnan(probability) else max(0.0, min(1.0, probability))
    return f"rgba({_OPINION_RGB}, {0.32 * p:.3f})"


@dataclass
class _Mark:
    start: int
    end: int
    layer: str
    style: dict[str, str]
    title: str
    order: int = 0
    #: Style added only to the first piece of the mark (e.g. the rule that opens a quote).
    opening: dict[str, str] = field(default_factory=dict)


@dataclass
class _Leaf:
    styles: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _marks(scores: ArticleScores, layers: Collection[str], voices: str,
           categories: Collection[str] | None, actors: Collection[str] | None) -> list[_Mark]:
    marks: list[_Mark] = []
    analysis = scores.analysis
    if "opinion" in layers:
        for s in scores.opinion.sentences:
            cues = ", ".join(c.text for c in s.cues)
            marks.append(_Mark(s.start, s.end, "opinion", {"background-color": opinion_tint(s.probability)},
                               f"sentence {s.index}: {s.label}, p(opinion) {s.probability:.2f}"
                               + (f"; cues: {cues}" if cues else ""), 0))
    if "quotes" in layers and analysis is not None:
        for q in analysis.quotes:
            style = {"font-style": "italic", "color": "#1c3f73"}
            opening = {} if q.kind == "scare" else {"border-left": "2px solid #7d97c2", "padding-left": "2px"}
            who = f" by {q.speaker}" if q.speaker else ""
            marks.append(_Mark(q.start, q.end, "quotes", style, f"{q.kind} quote{who}", 1, opening))
    if "loaded" in layers:
        colors = category_colors(h.category for h in scores.loaded.hits)
        for h in scores.loaded.hits:
            if categories is not None and h.category not in categories:
                continue
            dim = voices == "author" and h.voice != "author"
            marks.append(_Mark(h.start, h.end, "loaded",
                               {"background-color": colors[h.category], "border-radius": "3px",
                                "opacity": "0.55" if dim else "1"},
                               f"loaded: {h.lemma} [{h.category}, weight {h.weight:.2f}, {h.voice} voice]", 2))
    if "actors" in layers:
        for m in scores.actors.mentions:
            if actors is not None and m.actor not in actors:
                continue
            why = ", ".join(c.text for c in m.cues)
            marks.append(_Mark(m.start, m.end, "actors",
                               {"border-bottom": f"3px solid {polarity_color(m.polarity)}", "font-weight": "600"},
                               f"actor: {m.actor} ({m.kind}), polarity {m.polarity:+.2f}, {m.voice} voice"
                               + (f"; because: {why}" if why else ""), 3))
    if "excluded" in layers:
        for e in scores.article.excluded:
            marks.append(_Mark(e.start, e.end, "excluded",
                               {"color": "#a0a0a0", "text-decoration": "line-through",
                                "background-color": "transparent", "font-style": "normal"},
                               f"excluded from every score: {e.reason}", 4))
    return marks


def _css(style: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in style.items())


def render_article(scores: ArticleScores, *, layers: Collection[str] = LAYERS, voices: str = "all",
                   categories: Collection[str] | None = None, actors: Collection[str] | None = None,
                   ) -> str:
    """The article text as HTML with the chosen evidence ``layers`` marked up.

    ``categories`` / ``actors`` limit the loaded terms and actor mentions shown (None: all).
    With ``voices="author"`` loaded terms in quoted voice are drawn faded (they do not count
    toward the author-voice figure). The result is a ``<div>`` safe to insert into a page:
    all input text is escaped.
    """
    text = scores.article.text
    n = len(text)
    marks = [m for m in _marks(scores, set(layers), voices, categories, actors) if 0 <= m.start < m.end <= n]
    cuts = {0, n}
    for m in marks:
        cuts.update((m.start, m.end))
    numbers: dict[int, int] = {}
    if "numbers" in layers and scores.analysis is not None:
        for s in scores.analysis.sentences:
            if 0 <= s.start < n:
                numbers.setdefault(s.start, s.index)
                cuts.add(s.start)
    bounds = sorted(cuts)
    marks.sort(key=lambda m: (m.order, m.start))
    # Sweep: for each piece between two cut points, combine the marks that cover it.
    by_start: dict[int, list[_Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    active: list[_Mark] = []
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        active.sort(key=lambda m: m.order)
        if a in numbers:
            out.append(f'<sup style="color:#888; font-size:0.7em; user-select:none">{numbers[a]}</sup>')
        piece = _esc(text[a:b]).replace("\n", "<br>")
        if not active:
            out.append(piece)
            continue
        leaf = _Leaf()
        for m in active:
            leaf.styles.update(m.style)
            if m.start == a:
                leaf.styles.update(m.opening)
            leaf.titles.append(m.title)
        out.append(f'<span style="{_esc(_css(leaf.styles))}" title="{_esc(chr(10).join(leaf.titles))}">'
                   f"{piece}</span>")
    return ('<div class="framing-article" style="line-height:1.75; font-size:1rem; max-width:60rem">'
            + "".join(out) + "</div>")


def render_heading(scores: ArticleScores) -> str:
    """Title line of an article: title, source, date (all escaped)."""
    a = scores.article
    meta = " · ".join(_esc(x) for x in (a.source, a.date or "", a.kind) if x)
    return (f'<div style="margin-bottom:0.5rem"><div style="font-size:1.25rem; font-weight:600">'
            f"{_esc(a.title or a.article_id)}</div><div style=\"color:#666\">{meta}</div></div>")


def legend_html(categories: Sequence[str]) -> str:
    """A legend for the marks :func:`render_article` draws (``categories``: those to list)."""
    colors = category_colors(categories)
    chips = "".join(
        f'<span style="background-color:{colors[c]}; border-radius:3px; padding:0 0.35em; margin-right:0.4em">'
        f"{_esc(c)}</span>" for c in sorted(set(categories)))
    return (
        '<div style="font-size:0.85rem; line-height:2">'
        f"<b>Loaded terms:</b> {chips}<br>"
        f'<b>Opinion:</b> <span style="background-color:{opinion_tint(0.9)}">likely opinion</span> '
        f'<span style="background-color:{opinion_tint(0.5)}">uncertain</span> '
        f'<span style="background-color:{opinion_tint(0.1)}">report</span> &nbsp; '
        f'<b>Actors:</b> <span style="border-bottom:3px solid {polarity_color(1)}">positive</span> '
        f'<span style="border-bottom:3px solid {polarity_color(-1)}">negative</span> '
        f'<span style="border-bottom:3px solid {polarity_color(0)}">neutral</span> &nbsp; '
        '<b>Voice:</b> <span style="font-style:italic; color:#1c3f73; border-left:2px solid #7d97c2; '
        'padding-left:2px">quoted or reported</span> &nbsp;'
        '<span style="font-style:italic; color:#1c3f73">„scare quotes“ (author)</span> &nbsp;'
        '<span style="color:#a0a0a0; text-decoration:line-through">page furniture (not scored)</span> '
        '<sup style="color:#888">12</sup> sentence number'
        "</div>"
    )


_CARD_LABELS = {"kind_unknown": "kind unknown", "date_unknown": "date unknown", "article": "article",
                "articles": "articles", "words": "words in total"}


def source_card(name: str, kind: str, date: str, articles: int, words: int | str,
                figures: Sequence[tuple[str, str, str]], *, color: str = "#999",
                labels: dict[str, str] | None = None, tooltip: str = "") -> str:
    """A compact card for one source: name, kind/date line, and (label, value, note) figures.

    ``labels`` gives the header words in the interface language (see ``_CARD_LABELS``);
    ``tooltip`` is shown on hover over the card (escaped); ``words`` may come formatted in
    the interface language (an int is written with a thousands comma).
    """
    words_of = {**_CARD_LABELS, **(labels or {})}
    rows = "".join(
        f'<div style="display:flex; justify-content:space-between; gap:0.5em"><span style="color:#555">'
        f"{_esc(label)}</span><span><b>{_esc(value)}</b>"
        + (f' <span style="color:#888; font-size:0.8em">{_esc(note)}</span>' if note else "")
        + "</span></div>"
        for label, value, note in figures)
    meta = " · ".join(_esc(x) for x in (kind or words_of["kind_unknown"], date or words_of["date_unknown"],
                                          f"{articles} {words_of['article' if articles == 1 else 'articles']}",
                                          f"{words if isinstance(words, str) else f'{words:,}'} {words_of['words']}"))
    return (f'<div style="border:1px solid #ddd; border-left:6px solid {_esc(color)}; border-radius:8px; '
            f'padding:0.6em 0.8em; height:100%"' + (f' title="{_esc(tooltip)}"' if tooltip else "") + ">"
            f'<div style="font-weight:600; margin-bottom:0.1em">{_esc(name)}</div>'
            f'<div style="color:#777; font-size:0.8em; margin-bottom:0.4em">{meta}</div>{rows}</div>')
