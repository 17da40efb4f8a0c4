import pytest

from framing.language import pipeline
from framing.language.pipeline import analyse_word, force_sentence_starts, form_limit, form_table, get_nlp
from framing.measures.readability import syllables, syllables_uncached


@pytest.mark.parametrize("word, tag", [("Putin", "NE"), ("Sanktionen", "NN"), ("russischen", "ADJA")])
def test_hanta_tags(word, tag):
    assert analyse_word(word)[1] == tag


def test_pipeline_lemmas_tags_and_line_sentences():
    doc = get_nlp()("Geheime Gespräche ohne Ergebnis\nDie Sanktionen trafen Russlands Ölkonzerne.")
    assert [s.text.strip() for s in doc.sents] == [
        "Geheime Gespräche ohne Ergebnis", "Die Sanktionen trafen Russlands Ölkonzerne."]
    by_text = {t.text: t for t in doc}
    assert by_text["Sanktionen"].lemma_ == "Sanktion"
    assert by_text["trafen"].lemma_ == "treffen"
    assert by_text["Ölkonzerne"].lemma_ == "Ölkonzern"  # umlaut kept
    assert by_text["Russlands"].tag_ == "NE"


def test_unknown_trained_model_falls_back_to_blank(monkeypatch):
    monkeypatch.setenv("FRAMING_SPACY_MODEL", "de_not_installed_model")
    get_nlp.cache_clear()
    try:
        assert "hanta_tagger" in get_nlp().pipe_names
    finally:
        get_nlp.cache_clear()


def _sentences(doc):
    return [s.text.strip() for s in doc.sents]


def test_opening_quote_starts_the_sentence():
    doc = get_nlp()("Er kam spät. „Nein, danke.“ Dann ging er.")
    assert _sentences(doc) == ["Er kam spät.", "„Nein, danke.“", "Dann ging er."]


def test_line_breaks_start_sentences_without_punctuation():
    doc = get_nlp()("Gipfel in Alaska\n\nKeine Einigung\nDie Gespräche endeten ohne Ergebnis.")
    assert [s for s in _sentences(doc) if s] == [
        "Gipfel in Alaska", "Keine Einigung", "Die Gespräche endeten ohne Ergebnis."]


def test_forced_sentence_starts():
    nlp = get_nlp()
    text = "Berlin (dpa) Die Regierung lehnt den Plan ab."
    doc = force_sentence_starts(nlp.make_doc(text), [text.index("Die")])
    assert _sentences(nlp(doc)) == ["Berlin (dpa)", "Die Regierung lehnt den Plan ab."]


def test_overlong_form_gets_the_cheap_analysis_without_hanta(monkeypatch):
    def no_hanta():
        raise AssertionError("HanTa must not see an overlong form")

    monkeypatch.setattr(pipeline, "_hanta", no_hanta)
    long_noun = "Donaudampfschifffahrts" * 10
    assert len(long_noun) > form_limit()
    assert analyse_word(long_noun) == (long_noun, "NN")
    assert analyse_word(long_noun.lower()) == (long_noun.lower(), "XY")
    assert syllables_uncached(long_noun.lower()) == 10 * 5  # vowel groups: o-au-a-i-a


def test_shipped_table_agrees_with_hanta_and_hyphenation():
    table = form_table()
    if not table:
        pytest.skip("per-form table not built (scripts/build_forms.py)")
    forms = list(table)
    sample = forms[:100] + forms[::max(1, len(forms) // 300)]
    for form in sample:
        tag, lemma, syl = table[form]
        assert analyse_word(form) == pipeline._analyse_uncached(form) == (lemma, tag)
        if form.islower():
            assert syllables(form) == syllables_uncached(form) == syl


def test_lower_case_forms_are_no_names_when_a_verb_reading_exists():
    from framing.language.pipeline import _tag_decision

    assert _tag_decision("log", "log") == ("VVFIN", "lügen")  # HanTa and the table: NE "Log"
    assert _tag_decision("betrog", "betrog") == ("VVFIN", "betrügen")
    assert _tag_decision("punkten", "punkten") == ("VVFIN", "punkten")  # HanTa: NN "Punkt"
    assert _tag_decision("Log", "log")[0] == "NE"  # capitalised: the table's reading stays
    assert _tag_decision("van", "van")[0] == "NE"  # no verb reading: a name particle stays
    assert _tag_decision("Haus", "haus")[0] == "NN"
