import pytest

from framing.language.analysis import analyze_text
from framing.language.voice import find_quote_spans, is_konjunktiv1


def voices_of(text, word):
    a = analyze_text(text)
    return {a.voice[t.i] for t in a.doc if t.text == word}


@pytest.mark.parametrize("text, word, voice", [
    ("„Das ist eine Katastrophe“, sagte Trump.", "Katastrophe", "quote"),
    ("»Das ist eine Katastrophe«, sagte Trump.", "Katastrophe", "quote"),
    ('"Das ist eine Katastrophe", sagte Trump.', "Katastrophe", "quote"),
    ("Der Sprecher sagte, die Gespräche seien gescheitert.", "gescheitert", "reported"),
    ("Der Sprecher sagte, die Gespräche seien gescheitert.", "Sprecher", "author"),
    ("Laut Peskow ist das Treffen abgesagt.", "abgesagt", "reported"),
    ("Das Treffen ist abgesagt.", "abgesagt", "author"),
    ("Putin „antwortete“ Trump.", "antwortete", "author"),
    ("Er räumte ein, dass er lange gezögert habe.", "gezögert", "reported"),
])
def test_voice(text, word, voice):
    assert voices_of(text, word) == {voice}


def test_quote_speaker_after_and_before():
    a = analyze_text("„Ich verschwende keine Zeit“, sagte der US-Präsident. "
                     "Putin erklärte vor Journalisten: „Wir haben gelernt, mit Druck umzugehen.“")
    speakers = [q.speaker for q in a.quotes if q.kind == "direct"]
    assert speakers == ["der US-Präsident", "Putin"]


def test_reported_speech_carries_over_to_next_sentence():
    a = analyze_text("Rubio sagte, die Gespräche seien ernüchternd gewesen. "
                     "Man habe zwar nicht direkt mit Putin gesprochen.")
    assert [s.speaker for s in a.sentences] == ["Rubio", "Rubio"]
    assert all(s.attributed for s in a.sentences)


@pytest.mark.parametrize("form, lemma, tag, previous, expected", [
    ("sei", "sein", "VAFIN", "er", True),
    ("habe", "haben", "VAFIN", "ich", False),
    ("habe", "haben", "VAFIN", "Putin", True),
    ("mache", "machen", "VVFIN", "sie", True),
    ("macht", "machen", "VVFIN", "sie", False),
])
def test_konjunktiv1(form, lemma, tag, previous, expected):
    assert is_konjunktiv1(form, lemma, tag, previous) is expected


def test_quote_spans_do_not_cross_paragraphs():
    text = "„Offen\n\nWeiter „zu“ hier."
    assert find_quote_spans(text) == [(text.index("„zu"), text.index("“") + 1)]


def test_word_counts_add_up():
    a = analyze_text("„Wir kommen“, sagte Trump. Laut Peskow ist alles offen. Das Wetter ist schön.")
    assert a.author_words + a.quoted_words == a.words
    assert a.quoted_words > 0 and a.author_words > 0


@pytest.mark.parametrize("text", [
    "Ich glaube, dass die Sanktionen wirken.",
    "Glaubt wirklich noch jemand, dass Sanktionen den Kreml beeindrucken?",
])
def test_own_belief_is_not_reported_speech(text):
    assert voices_of(text, "Sanktionen") == {"author"}


def test_named_speaker_dass_clause_is_reported():
    assert voices_of("Merz sagte, dass die Sanktionen wirken.", "Sanktionen") == {"reported"}


def test_glued_quotes_are_split_and_open_the_next_sentence():
    from framing.language.pipeline import get_nlp

    doc = get_nlp()('Ist das gerecht?"Der Mann kam. „Nein.“ Er ging.')
    assert [s.text for s in doc.sents] == ['Ist das gerecht?"', "Der Mann kam.", "„Nein.“", "Er ging."]
