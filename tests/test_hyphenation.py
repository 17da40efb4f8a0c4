import pytest

from framing.language.hyphenation import Hyphenator, hyphenator
from framing.language.pipeline import form_table

pyphen = pytest.importorskip("pyphen")


@pytest.fixture(scope="module")
def reference():
    return pyphen.Pyphen(lang="de")


def test_patterns_are_pyphens(reference):
    ours = Hyphenator("de")
    assert {letters: ours.pattern(letters) for letters in ours._text} == reference.hd.patterns
    assert ours.maxlen == reference.hd.maxlen
    assert ours.pattern("xqxqxq") is None


@pytest.mark.parametrize("word", ["", "a", "ab", "haus", "Bundesregierung", "waffenstillstandsverhandlungen",
                                  "straße", "Ärger", "İstanbul", "u.s.-präsident", "rock'n'roll", "e-mail",
                                  "ﬁnden", "ZUSAMMENARBEIT", "x" * 60])
def test_positions_are_pyphens(word, reference):
    assert hyphenator("de").positions(word) == reference.positions(word)


def test_positions_agree_on_a_sample_of_the_form_table(reference):
    forms = list(form_table())
    if not forms:
        pytest.skip("per-form table not built (scripts/build_forms.py)")
    ours = hyphenator("de")
    for form in forms[:: max(1, len(forms) // 2000)]:
        assert ours.positions(form) == reference.positions(form), form
