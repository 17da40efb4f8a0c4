"""The compact per-form table and the guesser for forms outside it (framing.language.forms)."""

import gzip

import pytest

from framing.language import forms, pipeline
from framing.language.forms import FormTable, apply_rule, guess, lemma_rule

_ROWS = [
    ("Bundesrat", "NN", "", 2), ("Bundesregierung", "NN", "", 5), ("Bundesregierungen", "NN", "Bundesregierung", 6),
    ("Frieden", "NN", "", 2), ("Verhandlungen", "NN", "Verhandlung", 4), ("gefährlichen", "ADJA", "gefährlich", 4),
    ("hoch", "ADJD", "", 1), ("Kommissionen", "NN", "Kommission", 4), ("Gipfel", "NN", "", 2),
    ("Groß", "ADJD", "groß", 1), ("Straße", "NN", "", 2), ("die", "ART", "der", 1),
    ("Ölkonzerne", "NN", "Ölkonzern", 4),
]


def _table(rows=_ROWS) -> FormTable:
    body = sorted(f"{f}\t{t}\t{lemma}\t{s}\n" for f, t, lemma, s in rows)
    body.sort(key=lambda line: line.split("\t", 1)[0].encode("utf-8"))
    text = "# source: test\n# licence: MIT\n# version: 1\nform\ttag\tlemma\tsyllables\n" + "".join(body)
    return FormTable(text.encode("utf-8"))


def test_table_finds_every_form_and_nothing_else():
    table = _table()
    assert len(table) == len(_ROWS)
    for form, tag, lemma, syl in _ROWS:
        assert table[form] == (tag, lemma or form, syl)
        assert form in table
    for missing in ("Bundes", "Bundesregierungenx", "bundesrat", "", "form", "Ölkonzern", "Zzz"):
        assert table.get(missing) is None
        assert missing not in table
    assert list(table) == sorted((r[0] for r in _ROWS), key=lambda f: f.encode("utf-8"))
    assert table.get_many(["Frieden", "nichts", "die"]) == [("NN", "Frieden", 2), None, ("ART", "der", 1)]
    table.clear_memo()
    assert table.get("Gipfel") == ("NN", "Gipfel", 2)


def test_empty_and_broken_tables():
    assert not FormTable()
    assert FormTable().get("die") is None
    with pytest.raises(ValueError):
        FormTable(b"form\ttag\tlemma\tsyllables\nbad\trow\n")


def test_shipped_table_is_sorted_and_loads():
    table = forms.form_table()
    if not table:
        pytest.skip("per-form table not built (scripts/build_forms.py)")
    keys = table.keys
    assert all(keys[i] <= keys[i + 1] for i in range(0, len(keys) - 1, 997))
    assert table.get("die")[0] == "ART"
    with gzip.open(_shipped_path(), "rt", encoding="utf-8") as handle:
        header = [next(handle) for _ in range(3)]
    assert header[0].startswith("# source:") and header[1].startswith("# licence:")


def _shipped_path():
    from importlib import resources

    return resources.files("framing").joinpath(forms.FORMS_TABLE)


@pytest.mark.parametrize("form, lemma", [
    ("Verhandlungen", "Verhandlung"), ("Objektivem", "objektiv"), ("xyzabc", "Xyzabc"), ("gingen", "gehen"),
    ("Häuser", "Haus"), ("die", "der"),
])
def test_lemma_rules_round_trip(form, lemma):
    assert apply_rule(form, *lemma_rule(form, lemma)) == lemma


def test_guesser_rules_on_a_small_table():
    table = _table()
    assert guess("Friedensverhandlungen", table) == ("Friedensverhandlung", "NN", "compound")
    assert guess("hochgefährlichen", table) == ("hochgefährlich", "ADJA", "compound")
    assert guess("EU-Kommissionen", table) == ("Eu-kommission", "NN", "hyphen")  # written as HanTa does
    assert guess("Trump-Putin-Gipfel", table) == ("Trump-putin-gipfel", "NN", "hyphen")
    assert guess("2025", table) == ("2025", "CARD", "number")
    assert guess("3,5", table) == ("3,5", "CARD", "number")
    assert guess("GIPFEL", table) == ("Gipfel", "NN", "upper")
    assert guess("XKCD", table) == ("Xkcd", "NE", "upper")
    assert guess("%", table)[1:] == ("XY", "none")
    # a known ending whose modifier is no known form is no compound
    assert guess("Xqzgipfel", table)[2] != "compound"


def test_guesser_on_the_shipped_table_agrees_with_hanta_on_clear_cases():
    if not forms.form_table():
        pytest.skip("per-form table not built")
    for word in ("Friedensverhandlungsrunden", "Ukraine-Gipfeltreffen", "Sanktionsverschärfungen"):
        lemma, tag, _how = guess(word)
        assert (lemma, tag) == pipeline._analyse_uncached(word)


def test_pipeline_guesses_unknown_forms_when_set(monkeypatch):
    word = "Friedensverhandlungsrundenx"
    assert word not in pipeline.form_table()
    monkeypatch.setattr(pipeline, "guesses_unknown_forms", lambda: True)
    pipeline.clear_caches()
    try:
        assert pipeline.analyse_word(word) == guess(word)[:2]
        monkeypatch.setattr(pipeline, "guesses_unknown_forms", lambda: False)
        pipeline.clear_caches()
        assert pipeline.analyse_word(word) == pipeline._analyse_uncached(word)
    finally:
        pipeline.clear_caches()
