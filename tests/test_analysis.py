import sys

from framing.language.analysis import _is_word


def test_is_word_means_a_letter_or_digit_for_every_character():
    chars = map(chr, range(sys.maxunicode + 1))
    assert all(_is_word(ch) == ch.isalnum() for ch in chars)
    assert _is_word("„Haus“") and _is_word("3") and _is_word("²") is "²".isalnum()
    assert not _is_word("") and not _is_word("_") and not _is_word(" – ")
