"""Chart builders: the figures carry the library's numbers, one colour per source."""

from __future__ import annotations

import math
from dataclasses import replace

import plotly.graph_objects as go
import pytest

from framing.app import charts
from framing.app.views import actor_polarity, top_actors


@pytest.fixture(scope="module")
def sources(seed_scores):
    return seed_scores[1]


@pytest.mark.parametrize("voices, show_quoted, traces", [("author", False, 5), ("all", False, 5),
                                                          ("author", True, 6)])
def test_overview_has_a_panel_per_measure(sources, voices, show_quoted, traces):
    fig = charts.overview_figure(sources, voices=voices, show_quoted=show_quoted)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == traces
    for trace in fig.data:
        assert len(trace.y) == len(sources)


@pytest.mark.parametrize("voices", ["author", "all"])
def test_overview_shows_the_library_figures(sources, voices):
    fig = charts.overview_figure(sources, voices=voices)
    loaded, opinion, _, readability, partisan = fig.data
    assert partisan.meta == "loaded_partisan"
    for k, s in enumerate(sources):
        hits, words = ((s.loaded_partisan_hits, s.author_words) if voices == "author" else
                       (s.loaded_partisan_hits + s.loaded_partisan_quoted_hits, s.author_words + s.quoted_words))
        assert partisan.x[k] == pytest.approx(1000 * hits / words if words else 0.0)
        if voices == "author":
            expected = s.loaded_author_per_1000
        else:
            hits = s.loaded_author_hits + s.loaded_quoted_hits
            words = s.author_words + s.quoted_words
            expected = 1000 * hits / words
        assert loaded.x[k] == pytest.approx(expected)
        assert opinion.x[k] == pytest.approx(100 * s.opinion_ratio)
        assert readability.x[k] == pytest.approx(s.flesch_amstad)


def test_quoted_voice_bars(sources):
    fig = charts.overview_figure(sources, show_quoted=True)
    quoted = fig.data[1]
    assert quoted.name == "quoted voice"
    assert list(quoted.x) == pytest.approx([s.loaded_quoted_per_1000 for s in sources])


def test_source_colours_are_stable_and_distinct(sources):
    names = [s.source for s in sources]
    colors = charts.source_colors(names)
    assert len(set(colors.values())) == len(names)
    fig = charts.overview_figure(sources, colors=colors)
    assert list(fig.data[0].marker.color) == [colors[n] for n in names]


@pytest.mark.parametrize("voices", ["author", "all"])
def test_heatmap_cells_are_article_tone_and_evidence(sources, voices):
    from framing.measures.actors.relative import article_tone_interval

    actors = top_actors(sources, 6)
    fig = charts.actor_heatmap(sources, actors, voices=voices)
    strong, weak, clicks = fig.data
    assert len(strong.z) == len(actors) and len(strong.z[0]) == len(sources)
    for i, actor in enumerate(actors):
        for j, s in enumerate(sources):
            row = {a.actor: a for a in s.actors}.get(actor)
            count = (row.author_mentions if voices == "author" else row.mentions) if row else 0
            if not count:
                assert strong.z[i][j] is None and weak.z[i][j] is None and strong.text[i][j] == ""
                continue
            est = article_tone_interval(row.evidenced_polarities)
            shown = weak.z[i][j] if est.low_evidence else strong.z[i][j]
            hidden = strong.z[i][j] if est.low_evidence else weak.z[i][j]
            assert hidden is None
            # the colour is the source-level article tone (as --actors-out), not the mean polarity
            assert shown == pytest.approx(row.tone)
            assert strong.text[i][j] == f"{row.tone:+.2f}<br>n={row.evidenced}"
            assert row.label in strong.customdata[i][j]
    assert strong.zmin == -1 and strong.zmax == 1
    assert weak.colorscale != strong.colorscale  # low evidence is muted, never the saturated scale
    assert len(clicks.x) == sum(1 for a in actors for s in sources
                                if any(x.actor == a and (x.author_mentions if voices == "author" else x.mentions)
                                       for x in s.actors))


def test_one_mention_is_never_a_saturated_cell(sources):
    one = [(a.actor, s.source) for s in sources for a in s.actors if a.author_mentions == 1]
    assert one, "the seeds have actors mentioned once"
    actors = list(dict.fromkeys(a for a, _ in one))[:5]
    fig = charts.actor_heatmap(sources, actors)
    names = [s.source for s in sources]
    for actor, source in one:
        if actor in actors:
            i, j = actors.index(actor), names.index(source)
            assert fig.data[0].z[i][j] is None


def test_cells_with_little_evidence_are_muted_with_their_count(sources):
    from framing.measures.actors.relative import settings

    actors = top_actors(sources, 8)
    fig = charts.actor_heatmap(sources, actors, voices="all")
    strong, weak, _ = fig.data
    few = 0
    for i, actor in enumerate(actors):
        for j, s in enumerate(sources):
            row = {a.actor: a for a in s.actors}.get(actor)
            if row is None or row.evidenced >= settings().min_evidenced:
                continue
            few += 1
            assert strong.z[i][j] is None and weak.z[i][j] == pytest.approx(row.tone)
            assert f"n={row.evidenced}" in strong.text[i][j]
    assert few, "the seeds have actors with little evidence"


def test_relative_heatmap_is_difference_from_the_mean(sources):
    from framing.measures.actors.relative import relative_tone

    actors = top_actors(sources, 3)
    fig = charts.actor_heatmap(sources, actors, relative=True)
    strong, weak, _ = fig.data
    assert strong.zmin == -2 and strong.zmax == 2
    for i, actor in enumerate(actors):
        rel = relative_tone({s.source: next((a.evidenced_polarities for a in s.actors if a.actor == actor), ())
                             for s in sources})
        for j, s in enumerate(sources):
            value = strong.z[i][j] if strong.z[i][j] is not None else weak.z[i][j]
            expected = rel[s.source].value
            assert (value is None) if math.isnan(expected) else value == pytest.approx(expected)


def test_tone_bars_carry_their_interval(sources):
    fig = charts.overview_figure(sources)
    tone = fig.data[2]
    assert tone.error_x.array is not None and len(tone.error_x.array) == len(sources)
    assert all("interval" in tone.hovertemplate for _ in [0])


def test_share_figure_uses_shares_of_mentions_and_quotes(sources):
    actors = top_actors(sources, 5)
    fig = charts.actor_share_figure(sources, actors)
    assert len(fig.data) == 2 * len(sources)
    for k, s in enumerate(sources):
        mentions, quotes = fig.data[2 * k], fig.data[2 * k + 1]
        rows = {a.actor: a for a in s.actors}
        assert list(mentions.x) == pytest.approx([100 * rows[a].share if a in rows else 0.0 for a in actors])
        assert sum(quotes.x) <= 100 + 1e-9


def test_category_figure_has_one_trace_per_source(sources):
    fig = charts.category_figure(sources)
    assert [t.name for t in fig.data] == [charts.label(s.source) for s in sources]
    for trace, s in zip(fig.data, sources):
        per = s.category_per_1000()
        assert list(trace.y) == pytest.approx([per.get(c, 0.0) for c in trace.x])


def test_names_from_input_are_escaped(sources):
    hostile = replace(sources[0], source="<b onmouseover=x>Blog</b>")
    fig = charts.overview_figure([hostile, *sources[1:]])
    assert fig.data[0].y[0].replace("<br>", " ") == "&lt;b onmouseover=x&gt;Blog&lt;/b&gt;"
    assert "<b onmouseover" not in fig.to_json()


def test_opinion_strip(seed_scores):
    scores = seed_scores[0][0]
    fig = charts.opinion_strip(scores.opinion.sentences)
    assert list(fig.data[0].y) == [s.probability for s in scores.opinion.sentences]


@pytest.mark.parametrize("text, width, lines", [
    ("kurz", 24, 1), ("Public broadcaster (style; outlet uncertain)", 16, 4),
])
def test_wrap_label(text, width, lines):
    assert len(charts.wrap_label(text, width).split("<br>")) == lines


@pytest.mark.parametrize("curve, index, measure", [(0, 1, "loaded"), (1, 0, "opinion"), (2, 2, "tone"),
                                                   (3, 4, "readability"), (4, 3, "loaded_partisan")])
def test_a_clicked_overview_bar_maps_back_to_its_source(sources, curve, index, measure):
    fig = charts.overview_figure(sources)
    pick = charts.selected(fig, [{"curve_number": curve, "point_index": index}], sources)
    assert pick == charts.Selection(measure, sources[index].source)


def test_a_clicked_share_bar_and_heatmap_cell_map_back(sources):
    actors = top_actors(sources, 4)
    shares = charts.actor_share_figure(sources, actors)
    pick = charts.selected(shares, [{"curve_number": 3, "point_index": 2}], sources, actors)
    assert pick == charts.Selection("quotes", sources[1].source, actors[2])
    heat = charts.actor_heatmap(sources, actors)
    assert charts.selected(heat, [{"curve_number": 0, "point_index": [1, 3]}], sources, actors) == \
        charts.Selection("actor", sources[3].source, actors[1])
    row, col = heat.data[2].customdata[4]
    assert charts.selected(heat, [{"curve_number": 2, "point_index": 4}], sources, actors) == \
        charts.Selection("actor", sources[col].source, actors[row])
    label_point = {"curve_number": 0, "x": heat.data[0].x[2], "y": heat.data[0].y[0]}
    assert charts.selected(heat, [label_point], sources, actors) == \
        charts.Selection("actor", sources[2].source, actors[0])


@pytest.mark.parametrize("points", [[], None, [{"curve_number": 9, "point_index": 0}], [{"curve_number": 0}]])
def test_no_selection(sources, points):
    assert charts.selected(charts.overview_figure(sources), points, sources) is None


def test_a_clicked_category_bar_maps_back_to_its_category(sources):
    fig = charts.category_figure(sources, category_label=lambda c: c.upper())
    pick = charts.selected(fig, [{"curve_number": 1, "point_index": 0}], sources)
    assert pick == charts.Selection("category", sources[1].source, category=fig.data[1].x[0])
    assert list(fig.layout.xaxis.ticktext)[0] == fig.data[1].x[0].upper()


def test_titles_come_in_the_interface_language(sources):
    from framing.app.i18n import strings
    from framing.app.views import chart_text

    text = chart_text(strings("de"))
    fig = charts.overview_figure(sources, text=text)
    titles = " ".join(a.text for a in fig.layout.annotations)
    assert "Wertende Wörter / 1.000 Wörter" in titles and "Stimme des Autors" in titles
    assert charts.actor_share_figure(sources, top_actors(sources, 2), text=text).layout.annotations[0].text == \
        "Anteil an den Nennungen"


def test_who_speaks_figure_maps_a_click_to_the_speaker(sources, seed_scores):
    from framing.app.views import speaker_shares
    from framing.score import article_record

    records = [article_record(a) for a in seed_scores[0]]
    shares = {s.source: speaker_shares(records, s.source) for s in sources}
    fig = charts.speaker_share_figure(shares, top=5, text={"statements_of": "Aussagen von"})
    assert len(fig.data) == len(sources) and all(t.meta == "speaker" for t in fig.data)
    assert "Aussagen von" in fig.data[0].hovertemplate
    k = next(k for k, s in enumerate(sources) if shares[s.source])
    speaker, n, total = shares[sources[k].source][0]
    index = [c[0] for c in fig.data[k].customdata].index(speaker)
    assert fig.data[k].x[index] == pytest.approx(100 * n / total)
    pick = charts.selected(fig, [{"curve_number": k, "point_index": index}], sources)
    assert pick == charts.Selection("speaker", sources[k].source, speaker)
