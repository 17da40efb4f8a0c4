"""Dashboard helpers: uploads become scored articles or a message, figures follow the voice."""

from __future__ import annotations

import math

import pytest

from framing.app import views as sup

GERMAN = ("Die Bundesregierung hat am Dienstag neue Hilfen für die Ukraine beschlossen. Kritiker sprechen "
          "von einem gefährlichen Kurs. Der Kanzler sagte, Deutschland werde die Ukraine weiter unterstützen. "
          "Russland warf dem Westen eine Provokation vor.")
ENGLISH = ("The government decided on Tuesday to send more aid to Ukraine. Critics called the decision a "
           "dangerous course. The chancellor said that the country would continue to support Ukraine for "
           "as long as it takes, while Russia accused the West of provocation.")


def test_a_german_upload_is_scored():
    result = sup.score_upload(GERMAN.encode("utf-8"), "meldung.txt", source="Testblatt")
    assert not result.problems
    [scores] = result.articles
    assert scores.article.source == "Testblatt"
    assert scores.words > 20 and scores.analysis is not None


@pytest.mark.parametrize("data, name, message", [
    (b"", "leer.txt", "empty"),
    (b"  \n ", "leer.md", "empty"),
    (b"\x00\x01\x02binary\x00" * 40, "kaputt.txt", "binary"),
    (b"%PDF-1.4 truncated", "kaputt.pdf", "PDF"),
    (GERMAN.encode(), "tabelle.xlsx", "not supported"),
    (ENGLISH.encode(), "english.txt", "not German"),
])
def test_bad_uploads_give_a_message_not_an_exception(data, name, message):
    result = sup.score_upload(data, name)
    assert not result.articles
    [problem] = result.problems
    assert problem.name == name
    assert message in problem.message


def test_too_large_upload(monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_BYTES", "100")
    [problem] = sup.score_upload(GERMAN.encode(), "lang.txt").problems
    assert "over the limit" in problem.message


def test_non_german_points_to_the_dashboard_switch_and_can_be_scored_anyway():
    [problem] = sup.score_upload(ENGLISH.encode(), "english.txt").problems
    assert sup.ANY_LANGUAGE_LABEL in problem.message and "--any-language" not in problem.message
    result = sup.score_upload(ENGLISH.encode(), "english.txt", any_language=True)
    assert result.articles and not result.problems
    assert any("not German" in w for w in sup.warnings_of(result))


def test_pasted_name_is_stable_and_safe():
    name = sup.pasted_name("Mein <Blog>/../x", GERMAN)
    assert name == sup.pasted_name("Mein <Blog>/../x", GERMAN)
    assert name != sup.pasted_name("Mein <Blog>/../x", GERMAN + " Noch ein Satz.")
    assert name.endswith(".txt") and "/" not in name and "<" not in name


@pytest.mark.parametrize("name, taken, expected", [
    ("Blog", [], "Blog"),
    ("Blog", ["Blog"], "Blog (2)"),
    ("Blog", ["Blog", "Blog (2)"], "Blog (3)"),
])
def test_unique_source(name, taken, expected):
    assert sup.unique_source(name, taken) == expected


def test_merge_keeps_each_article_once(seed_scores):
    articles, _ = seed_scores
    group = sup.Scored(tuple(articles[:3]), (sup.Problem("x.txt", "the file is empty"),))
    merged = sup.merge(group, sup.Scored(tuple(articles[2:5])))
    assert len(merged.articles) == 5
    assert merged.problems == group.problems


def test_score_folder_reads_the_seeds_with_their_manifest(seed_scores):
    from conftest import SEEDS

    result = sup.score_folder(SEEDS)
    assert not result.problems
    assert [s.article.article_id for s in result.articles] == [s.article.article_id for s in seed_scores[0]]
    assert len({s.article.source for s in result.articles}) == 5


@pytest.mark.parametrize("voices", ["author", "quoted", "all"])
def test_loaded_per_1000_for_each_voice(seed_scores, voices):
    articles, sources = seed_scores
    for item in [*articles, *sources]:
        hits, words = sup.loaded_hits_words(item, voices)
        assert sup.loaded_per_1000(item, voices) == (1000 * hits / words if words else 0.0)
    src = sources[0]
    assert sup.loaded_hits_words(src, "all") == (src.loaded_author_hits + src.loaded_quoted_hits,
                                                 src.author_words + src.quoted_words)
    assert sup.loaded_per_1000(src, "author") == pytest.approx(src.loaded_author_per_1000)


def test_actor_tone_is_the_mention_weighted_mean(seed_scores):
    _, sources = seed_scores
    for src in sources:
        tone, n = sup.actor_tone(src, "all")
        assert n == sum(a.mentions for a in src.actors if not math.isnan(a.polarity))
        if n:
            assert -1 <= tone <= 1


def test_top_actors_are_ordered_by_mentions(seed_scores):
    _, sources = seed_scores
    top = sup.top_actors(sources, 4)
    counts = {name: sum(a.mentions for s in sources for a in s.actors if a.actor == name) for name in top}
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert sup.all_actors(sources)[:4] == top


def test_evidence_rows_lead_back_to_the_text(seed_scores):
    articles, _ = seed_scores
    for scores in articles:
        text = scores.article.text
        for row, hit in zip(sup.loaded_evidence(scores), scores.loaded.hits):
            assert row["term"] == text[hit.start:hit.end] and row["in sentence"]
        assert all(r["voice"] == "author" for r in sup.loaded_evidence(scores, "author"))
        assert len(sup.opinion_evidence(scores)) == len(scores.opinion.sentences)
        assert len(sup.actor_evidence(scores)) == len(scores.actors.mentions)
        assert len(sup.excluded_evidence(scores)) == len(scores.article.excluded)
    terms = sup.loaded_terms(articles, "all")
    assert sum(t["hits"] for t in terms) == sum(len(s.loaded.hits) for s in articles)


@pytest.mark.parametrize("measure", sup.MEASURES)
def test_source_evidence_for_every_measure(seed_scores, measure):
    articles, sources = seed_scores
    source = max(sources, key=lambda s: s.words)
    own = [s for s in articles if s.article.source == source.source]
    actor = source.actors[0].actor
    rows = sup.source_evidence(own, measure, voices="all", actor=actor)
    if measure == "loaded":
        assert len(rows) == source.loaded_author_hits + source.loaded_quoted_hits
    elif measure == "loaded_quoted":
        assert len(rows) == source.loaded_quoted_hits
    elif measure == "loaded_partisan":
        assert len(rows) == source.loaded_partisan_hits + source.loaded_partisan_quoted_hits
        assert all(r["layer"] == "partisan" for r in rows)
    elif measure == "speaker":
        assert len(rows) == sum(1 for s in own for st in s.statements if (st.speaker or "unnamed") == actor)
        assert all(r["speaker"] == actor for r in rows)
    elif measure == "opinion":
        assert len(rows) == source.opinion_sentences
        assert [r["probability"] for r in rows] == sorted((r["probability"] for r in rows), reverse=True)
    elif measure == "tone":
        assert len(rows) == sum(a.mentions for a in source.actors)
    elif measure == "actor":
        assert len(rows) == source.actors[0].mentions and {r["actor"] for r in rows} == {actor}
    elif measure == "readability":
        assert len(rows) == source.articles
    else:
        assert all(r["kind"] in ("direct", "reported") for r in rows)


def test_source_evidence_in_author_voice(seed_scores):
    articles, sources = seed_scores
    src = sources[0]
    own = [s for s in articles if s.article.source == src.source]
    assert len(sup.source_evidence(own, "loaded", voices="author")) == src.loaded_author_hits
    assert len(sup.source_evidence(own, "tone", voices="author")) == sum(a.author_mentions for a in src.actors)
    with pytest.raises(ValueError, match="unknown measure"):
        sup.source_evidence(own, "nonsense")


@pytest.mark.parametrize("text, expected", [
    ("Tagesblatt", "Tagesblatt"),
    ("**fett**", "\\*\\*fett\\*\\*"),
    ("[Link](javascript:alert(1))", "\\[Link\\]\\(javascript:alert\\(1\\)\\)"),
    ("<script>", "\\<script\\>"),
    ("a_b#c", "a\\_b\\#c"),
])
def test_markdown_escape(text, expected):
    assert sup.markdown_escape(text) == expected


def test_an_html_upload_is_read_and_scored():
    page = (f"<html><head><title>Genf</title></head><body><article><h1>Gespräche in Genf</h1>"
            f"<p>{GERMAN}</p><p>{GERMAN}</p></article></body></html>").encode()
    result = sup.score_upload(page, "seite.html", source="Webseite")
    assert not result.problems, result.problems
    assert result.articles[0].article.source == "Webseite"
    assert "<p>" not in result.articles[0].article.text


def test_quote_and_descriptor_tables_of_the_seeds(seed_scores):
    from framing.score import article_record

    articles, sources = seed_scores
    own = [s for s in articles if s.article.source == sources[0].source]
    rows = sup.quote_table(own)
    assert len(rows) == sum(len(s.statements) for s in own)
    assert all(r["in sentence"] for r in rows if r["sentence"] >= 0)
    records = [article_record(a) for a in articles]
    names = [s.source for s in sources]
    table = sup.descriptor_table(records, names)
    total = sum(d["count"] for r in records for d in r["descriptors"])
    assert sum(row[n] for row in table for n in names) == total > 0
    first = next(row for row in table if row[names[0]])
    passages = sup.descriptor_evidence(own, first["actor"], first["descriptor"])
    assert len(passages) == first[names[0]]
    assert all(first["descriptor"] in p["in sentence"] for p in passages)
    shares = sup.speaker_shares(records, names[0])
    assert sum(n for _, n, _ in shares) == shares[0][2] == len(rows)


def test_the_first_page_needs_no_scoring_libraries():
    """The overview of cached scores imports neither spaCy, HanTa nor openpyxl: they load
    when an article is analysed or a spreadsheet is built (the first visit stays fast)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys\n"
            "from framing.app import charts, entries, jobs, render, session, store, views\n"
            "from framing.app.entries import seed_entries\n"
            "sources = views.sources_of([e.record for e in seed_entries('seeds')])\n"
            "colors = charts.source_colors([s.source for s in sources])\n"
            "charts.overview_figure(sources, voices='author', colors=colors)\n"
            "charts.category_figure(sources, colors=colors)\n"
            "from framing.app.i18n import strings\n"
            "[views.card_figures(s, 'author', strings('de')) for s in sources]\n"
            "print(sorted(m for m in ('spacy', 'HanTa', 'openpyxl', 'sklearn') if m in sys.modules))\n")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"
