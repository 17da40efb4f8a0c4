import math

import pytest

from framing.language.analysis import analyze_text
from framing.measures.readability import score_readability, syllables

EASY = "Der Hund bellt. Die Katze schläft. Das Kind lacht."
HARD = ("Die außenpolitische Verhandlungsbereitschaft der Vertragsparteien hinsichtlich "
        "sicherheitspolitischer Garantieerklärungen verkomplizierte die Waffenstillstandsgespräche erheblich.")


@pytest.mark.parametrize("word, expected", [("Hund", 1), ("Katze", 2), ("Regierung", 3)])
def test_syllables(word, expected):
    assert syllables(word.lower()) == expected


def test_easier_text_scores_easier():
    easy, hard = score_readability(analyze_text(EASY)), score_readability(analyze_text(HARD))
    assert easy.flesch_amstad > hard.flesch_amstad
    assert easy.wiener_sachtextformel < hard.wiener_sachtextformel
    assert (easy.words, easy.sentences) == (9, 3)


def test_matches_the_formula_on_counts():
    r = score_readability(analyze_text(EASY))
    raw = 180 - r.words / r.sentences - 58.5 * r.syllables / r.words
    assert math.isclose(r.flesch_amstad, min(100.0, max(0.0, raw)))  # clipped to its 0-100 range


def test_agrees_with_textstat_on_plain_text():
    import textstat

    textstat.set_lang("de")
    text = "Die Regierung beschloss am Montag neue Sanktionen. Der Kanzler äußerte sich dazu nicht."
    ours = score_readability(analyze_text(text))
    assert abs(ours.flesch_amstad - textstat.flesch_reading_ease(text)) < 2.0
    assert abs(ours.wiener_sachtextformel - textstat.wiener_sachtextformel(text, variant=1)) < 1.0


def test_no_words_gives_nan():
    r = score_readability(analyze_text("… — !"))
    assert math.isnan(r.flesch_amstad) and r.words == 0


@pytest.mark.parametrize("word", ["haus", "bundesregierung", "u.s.-präsident", "it's", "o'neill", "z.b.",
                                  "rock'n'roll", "straße", "100", "", "e-mail", "waffenstillstandsverhandlungen"])
def test_syllables_are_textstats(word):
    import textstat

    from framing.measures.readability import _textstat_syllables

    textstat.set_lang("de")
    assert _textstat_syllables(word) == textstat.syllable_count(word)
