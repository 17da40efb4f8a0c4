import math

from framing.score import aggregate_sources, article_record


def _by_id(articles):
    return {s.article.article_id: s for s in articles}


def _source(sources, prefix):
    return next(s for s in sources if s.source.startswith(prefix))


def test_every_source_and_all_ten_columns(seed_scores):
    articles, sources = seed_scores
    assert len(sources) == 5
    portnikov = [s for s in articles if s.article.article_id.startswith("002_")]
    assert len(portnikov) == 10
    assert _source(sources, "Vitaly Portnikov").articles == 10


def test_broadcaster_report_is_less_opinionated_and_less_loaded(seed_scores):
    articles, sources = seed_scores
    report = _source(sources, "Public broadcaster")
    polemic = _source(sources, "Kettner")
    columns = _source(sources, "Vitaly Portnikov")
    assert report.opinion_ratio < polemic.opinion_ratio
    assert report.opinion_ratio < columns.opinion_ratio
    assert report.loaded_author_per_1000 < polemic.loaded_author_per_1000
    assert report.loaded_author_per_1000 < columns.loaded_author_per_1000


def test_furniture_never_reaches_the_scores(seed_scores):
    articles, _ = seed_scores
    kettner = _by_id(articles)["001_96c5410af20a121a"]
    a = kettner.analysis
    webinar = a.text.index("Webinar")
    assert all(a.voice[t.i] == "excluded" for t in a.doc if webinar <= t.idx < webinar + 7)
    evidence = [(h.start, h.end) for h in kettner.loaded.hits]
    evidence += [(m.start, m.end) for m in kettner.actors.mentions]
    for start, _end in evidence:
        assert not any(e.start <= start < e.end for e in kettner.article.excluded)
    names = {x.actor for x in kettner.actors.actors}
    assert not {"Dominik Kettner", "Peter Hahne", "Ernst Wolff"} & names


def test_word_counts_and_ranges(seed_scores):
    articles, _ = seed_scores
    for s in articles:
        assert s.author_words + s.quoted_words == s.words > 0
        assert 0.0 <= s.opinion.ratio <= 1.0
        assert s.loaded.author_per_1000 >= 0.0
        for actor in s.actors.actors:
            assert -1.0 <= actor.polarity <= 1.0
        assert math.isclose(sum(x.share for x in s.actors.actors), 1.0) or not s.actors.actors


def test_sources_are_word_weighted(seed_scores):
    articles, sources = seed_scores
    columns = [s for s in articles if s.article.article_id.startswith("002_")]
    agg = _source(sources, "Vitaly Portnikov")
    opinion = sum(s.opinion.opinion_words for s in columns) / sum(s.words for s in columns)
    assert math.isclose(agg.opinion_ratio, opinion)
    hits = sum(s.loaded.author_hits for s in columns)
    assert math.isclose(agg.loaded_author_per_1000, 1000 * hits / sum(s.author_words for s in columns))


def test_records_aggregate_like_scores(seed_scores):
    articles, sources = seed_scores
    again = aggregate_sources([article_record(s) for s in articles])
    assert [s.source for s in again] == [s.source for s in sources]
    assert [s.opinion_words for s in again] == [s.opinion_words for s in sources]


def test_explain_lists_sentences_and_evidence(seed_scores):
    from framing.explain import explain_lines

    articles, _ = seed_scores
    lines = explain_lines(_by_id(articles)["004_6301176800972ff8"])
    text = "\n".join(lines)
    assert "REPORT" in text and "actor:" in text and "attributed to" in text
    assert "excluded text:" in text
