"""Property-based tests (hypothesis): arbitrary text and bytes never break the reader or
the scorers, scores stay in their ranges, every evidence span lies inside the text, and
author-voice plus quoted-voice words add up to the scored words (issue 5)."""

from __future__ import annotations

import math
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.io.reader import ReadError, read_bytes
from framing.score import ArticleScores, score_article

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A small German vocabulary for sentences with real structure (quotes, clauses, Konjunktiv I).
SUBJECTS = ["Die Regierung", "Der Kanzler", "Merz", "Putin", "Selenskyj", "Die Opposition",
            "Russland", "Die Ukraine", "Der Sprecher", "Die EU", "Scholz", "Trump", "Sie", "Er"]
VERBS = ["sagte", "kritisierte", "lobte", "forderte", "beschloss", "griff", "verurteilte",
         "unterstützt", "warnt", "erklärte", "lügt", "hetzt", "scheitert", "hilft"]
KONJ = ["sei", "habe", "werde", "könne", "müsse", "wolle"]
OBJECTS = ["neue Sanktionen", "den Angriff", "die Lügenpresse", "einen katastrophalen Fehler",
           "die Hilfe", "den Frieden", "das Gesetz", "die Verhandlungen", "den Krieg",
           "die angeblich gute Lage", "nicht genug", "keine Lösung", "die Hetze", "den Plan"]
TAILS = ["", " am Montag", " in Berlin", " offenbar", " leider", " endlich", " natürlich"]
ODD = ["", "\u200b", "„", "“", "\"", "«", "»", "(", ")", "–", ":", ";", "\n", "…", "😀", "'", "!"]


@st.composite
def german_sentence(draw) -> str:
    subject, verb, obj = draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(OBJECTS))
    tail = draw(st.sampled_from(TAILS))
    kind = draw(st.integers(0, 5))
    if kind == 0:
        sentence = f"„{subject} {verb} {obj}{tail}“, sagte {draw(st.sampled_from(SUBJECTS))}."
    elif kind == 1:
        sentence = f"{subject} {verb}, {draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(KONJ))} {obj}."
    elif kind == 2:
        sentence = f"Laut {draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(KONJ))} das {obj}{tail}."
    elif kind == 3:
        sentence = f"{subject} {verb} {obj}{tail}{draw(st.sampled_from(['?', '!', '.', '']))}"
    elif kind == 4:
        sentence = f"{subject} {verb}: „{obj}, {obj}{draw(st.sampled_from(['', '“', '.“']))}"
    else:
        sentence = f"{subject}, die {obj} {verb}, {verb} {draw(st.sampled_from(OBJECTS))}{tail}."
    return sentence + draw(st.sampled_from(ODD))


german_text = st.lists(german_sentence(), min_size=1, max_size=25).map(
    lambda parts: " ".join(parts))
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)
mixed_text = st.one_of(any_text, german_text,
                       st.tuples(german_text, any_text).map(lambda pair: pair[0] + pair[1]))


def _spans(scores: ArticleScores):
    """Every evidence span the scores and their analysis carry, with its origin."""
    a = scores.analysis
    for hit in scores.loaded.hits:
        yield "loaded", hit.start, hit.end
    for m in scores.actors.mentions:
        yield "mention", m.start, m.end
        for cue in m.cues:
            yield "mention cue", cue.start, cue.end
    for label in scores.opinion.sentences:
        yield "opinion sentence", label.start, label.end
        for cue in label.cues:
            yield "opinion cue", cue.start, cue.end
    for q in a.quotes:
        yield "quote", q.start, q.end
        if q.speaker_start is not None:
            yield "speaker", q.speaker_start, q.speaker_end
    for s in a.sentences:
        yield "sentence", s.start, s.end
        for cue in s.cues:
            yield "sentence cue", cue.start, cue.end
    for e in scores.article.excluded:
        yield "excluded", e.start, e.end


def _check(scores: ArticleScores) -> None:
    text = scores.article.text
    for what, start, end in _spans(scores):
        assert 0 <= start <= end <= len(text), (what, start, end, len(text))
    for m in scores.actors.mentions:
        assert m.text == text[m.start:m.end]
        assert -1.0 <= m.polarity <= 1.0
    for actor in scores.actors.actors:
        assert -1.0 <= actor.polarity <= 1.0
        assert -1.0 <= actor.polarity_author <= 1.0 or math.isnan(actor.polarity_author)
        assert 0.0 <= actor.share <= 1.0
    assert 0.0 <= scores.opinion.ratio <= 1.0
    assert all(0.0 <= label.probability <= 1.0 for label in scores.opinion.sentences)
    assert scores.opinion.opinion_words <= scores.opinion.words
    loaded = scores.loaded
    assert loaded.author_per_1000 >= 0 and loaded.quoted_per_1000 >= 0
    assert all(v >= 0 for v in loaded.category_per_1000().values())
    assert loaded.author_hits <= loaded.author_words or loaded.author_words == 0
    assert scores.author_words + scores.quoted_words == scores.words
    assert scores.analysis.word_count(("author",)) == scores.author_words


def _read_and_score(data: bytes, name: str) -> None:
    try:
        articles = read_bytes(data, name, any_language=True)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert articles
    for article in articles:
        _check(score_article(article, keep_analysis=True))


@SETTINGS
@given(any_text)
def test_arbitrary_text_reads_and_scores(text):
    _read_and_score(text.encode("utf-8"), "x.txt")


@SETTINGS
@given(german_text)
def test_german_like_text_scores_within_ranges(text):
    _read_and_score(text.encode("utf-8"), "bericht.txt")


@SETTINGS
@given(mixed_text, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_mixed_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _read_and_score(data, "x.md")


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.html", "x.pdf", "x.md", "x"]),
       st.sampled_from([b"", b"%PDF-1.4\n", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_arbitrary_bytes_raise_only_read_error(data, name, prefix):
    try:
        articles = read_bytes(prefix + data, name, any_language=True)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for article in articles:
        assert article.text.strip()
        for e in article.excluded:
            assert 0 <= e.start <= e.end <= len(article.text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_safe_cell_never_lets_a_cell_break_or_run(text):
    from framing.io.cells import FORMULA_PREFIXES, printable, safe_cell

    cell = safe_cell(text)
    assert not any(ch in cell for ch in "\r\n\t\x0b\x0c\x85\u2028\u2029")
    assert not any(unicodedata.category(ch) == "Cc" for ch in cell)
    assert not cell.lstrip().startswith(FORMULA_PREFIXES) or cell.startswith("'")
    shown = printable(text)
    assert shown.isprintable() or all(ch.isprintable() or ch == " " for ch in shown)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4))
def test_csv_rows_stay_rows_whatever_the_text(cells):
    import csv
    import io

    from framing.io.csvout import write_rows

    buffer = io.StringIO()
    write_rows([{f"c{k}": v for k, v in enumerate(cells)}], [f"c{k}" for k in range(len(cells))], buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert len(rows) == 2 and len(rows[1]) == len(cells)
