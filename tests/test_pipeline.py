import pytest

from framing.language.pipeline import analyse_word, get_nlp


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
