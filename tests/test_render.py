"""The annotated article HTML: every piece of input text is escaped, every mark is explained."""

from __future__ import annotations

import html
import re

import pytest

from framing.app.render import (
    LAYERS,
    category_colors,
    legend_html,
    opinion_tint,
    polarity_color,
    render_article,
    render_heading,
    source_card,
)
from framing.model import Article, Excluded
from framing.score import score_article

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "</span></div><div style=\"position:fixed\">",
    "<b>fett</b> &amp; <!-- Kommentar -->",
]
BODY = ("Die Regierung hat am Montag neue Sanktionen gegen Russland beschlossen. "
        "Kritiker nennen das einen skandalösen Fehler. „Wir sind bereit“, sagte Putin.\n")


def _visible_text(markup: str) -> str:
    """The text a browser would show: sentence numbers dropped, tags stripped, entities decoded."""
    markup = re.sub(r"<sup[^>]*>\d+</sup>", "", markup).replace("<br>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.fixture(scope="module")
def hostile_scores():
    text = "\n".join(f"{h} {BODY}" for h in HOSTILE)
    article = Article(source="<i>Quelle</i>", article_id="x<1>", title="<script>Titel</script>", text=text,
                      date="2025-01-01", kind="blog")
    return score_article(article, keep_analysis=True)


_OWN_TAG = re.compile(r'</?(span|div|sup|br)(\s+(style|title|class)="[^"<>]*")*\s*>')


@pytest.mark.parametrize("hostile", HOSTILE)
def test_input_markup_is_shown_as_text(hostile_scores, hostile):
    markup = render_article(hostile_scores)
    assert hostile not in markup
    assert hostile in _visible_text(markup)
    # Every tag in the output is one the renderer writes; input never becomes markup.
    for tag in re.findall(r"<[^>]*>", markup):
        assert _OWN_TAG.fullmatch(tag), tag


@pytest.mark.parametrize("layers", [LAYERS, ("loaded",), ("opinion", "quotes"), ()])
def test_rendering_keeps_the_text_whole(hostile_scores, layers):
    markup = render_article(hostile_scores, layers=layers)
    assert "<script" not in markup and "<img" not in markup
    assert _visible_text(markup) == hostile_scores.article.text


def test_heading_and_card_escape_names(hostile_scores):
    heading = render_heading(hostile_scores)
    assert "<script>" not in heading and "&lt;script&gt;Titel" in heading
    assert "&lt;i&gt;Quelle&lt;/i&gt;" in heading
    card = source_card("<script>x</script>", "<b>blog</b>", "2025", 1, 10, [("<i>a</i>", "<u>1</u>", "<s>n</s>")],
                       color='red" onclick="x')
    assert "<script>" not in card and "<b>blog" not in card and "<i>a" not in card and "<u>1" not in card
    assert 'onclick="x' not in card


def test_every_mark_of_the_seeds_is_explained(seed_scores):
    articles, _ = seed_scores
    for scores in articles:
        markup = render_article(scores)
        for hit in scores.loaded.hits:
            assert html.escape(f"loaded: {hit.lemma} [{hit.category}", quote=True) in markup
        for mention in scores.actors.mentions:
            assert html.escape(f"actor: {mention.actor} ({mention.kind}), polarity {mention.polarity:+.2f}",
                               quote=True) in markup
        for label in scores.opinion.sentences:
            assert f"sentence {label.index}: {label.label}, p(opinion) {label.probability:.2f}" in markup
        assert _visible_text(markup) == scores.article.text


def test_furniture_is_greyed_and_struck_through(seed_scores):
    articles, _ = seed_scores
    with_furniture = [s for s in articles if s.article.excluded]
    assert with_furniture
    for scores in with_furniture:
        markup = render_article(scores, layers=("excluded",))
        for e in scores.article.excluded:
            assert f"excluded from every score: {html.escape(e.reason)}" in markup
        assert "line-through" in markup


def test_layers_and_filters_limit_the_marks(seed_scores):
    articles, _ = seed_scores
    scores = max(articles, key=lambda s: len(s.loaded.hits))
    assert scores.loaded.hits
    only_text = render_article(scores, layers=("numbers",))
    assert "loaded:" not in only_text and "actor:" not in only_text and "p(opinion)" not in only_text
    category = scores.loaded.hits[0].category
    focused = render_article(scores, layers=("loaded",), categories=[category])
    assert all(f"[{h.category}," in focused for h in scores.loaded.hits if h.category == category)
    others = {h.category for h in scores.loaded.hits} - {category}
    assert not any(f"[{c}," in focused for c in others)


def test_a_fabricated_article_with_excluded_span():
    text = "Der Minister sprach von einem Erfolg. [Anzeige] Jetzt kaufen!\n"
    start = text.index("[Anzeige]")
    article = Article(source="s", article_id="a", title="t", text=text,
                      excluded=(Excluded(start, len(text) - 1, "advert", text[start:-1]),))
    markup = render_article(score_article(article, keep_analysis=True))
    assert "excluded from every score: advert" in markup
    assert _visible_text(markup) == text


@pytest.mark.parametrize("polarity, rgb", [(0.8, "33, 102, 172"), (-0.3, "178, 24, 43"), (0.0, "120, 120, 120"),
                                           (float("nan"), "120, 120, 120")])
def test_polarity_color(polarity, rgb):
    assert rgb in polarity_color(polarity)


@pytest.mark.parametrize("low, high", [(0.0, 0.5), (0.5, 0.9), (0.2, 1.0)])
def test_opinion_tint_grows_with_probability(low, high):
    alpha = lambda css: float(css.rsplit(",", 1)[1].strip(" )"))  # noqa: E731
    assert alpha(opinion_tint(low)) < alpha(opinion_tint(high))


def test_legend_names_every_category():
    from framing.measures.loaded import categories

    listed = [*categories()[:2], "<x>"]
    colors = category_colors(listed)
    legend = legend_html(listed)
    assert "&lt;x&gt;" in legend and "<x>" not in legend
    assert all(colors[c] in legend for c in listed)


def test_a_category_keeps_its_colour_in_every_article():
    from framing.measures.loaded import categories

    everything = category_colors()
    assert set(everything) == set(categories())
    some = categories()[-1]
    assert category_colors([some])[some] == everything[some]
