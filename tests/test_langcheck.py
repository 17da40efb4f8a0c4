"""The vectorised feature count of the language check gives py3langid's exact scores."""

from pathlib import Path

import numpy as np

from framing.io.langcheck import _AUTOMATON_DEPTH, _identifier, automaton_depth, detect_language

_TEXTS = [
    "", "a", "ab", "DIE REGIERUNG TRITT ZURÜCK", "Die Bundesregierung hat am Montag neue Sanktionen "
    "gegen Russland beschlossen. „Das ist ein klares Signal“, sagte der Kanzler in Berlin.",
    "The government announced new sanctions against Russia on Monday, the chancellor said.",
    "Правительство объявило новые санкции.", "政府は月曜日に新たな制裁を発表した。", "😀 ünïcödé – „Zitat“ » «",
    "x" * 50, "Der Gipfel in Alaska. " * 200 + "The summit in Alaska. " * 200,
]


def test_vectorised_identifier_scores_exactly_like_py3langid():
    from py3langid import langid

    fast = _identifier()
    plain = langid.LanguageIdentifier.from_modelpath(Path(langid.MODEL_DIR) / langid.MODEL_FILE, norm_probs=True)
    assert getattr(fast, "fast_raw_score", None) is not None
    for text in _TEXTS:
        assert np.array_equal(fast._decide(text), plain._decide(text)), text[:40]
        assert fast.classify(text) == plain.classify(text)


def test_the_walk_reads_enough_bytes_back():
    assert automaton_depth(_identifier()) <= _AUTOMATON_DEPTH


def test_german_and_english_are_told_apart():
    assert detect_language(_TEXTS[4] * 3).language == "de"
    assert not detect_language(_TEXTS[5] * 3).is_german


def test_german_samples_are_never_reported_as_another_language(monkeypatch):
    """When the guess over all samples is an unsure non-German one but the samples alone
    read as German, the warning must not say "looks like 'de', not German"."""
    from framing.io import langcheck

    def classify(sample: str) -> langcheck.LanguageGuess:
        words = len(sample.split())
        if len(sample) > langcheck._SAMPLE_CHARS * 2:  # the samples joined
            return langcheck.LanguageGuess("zxx", 0.2, words)
        return langcheck.LanguageGuess("de", 0.99, words)

    monkeypatch.setattr(langcheck, "_classify", classify)
    guess = detect_language("Das ist ein deutscher Satz über die Gespräche. " * 400)
    assert guess.is_german
    assert guess.other_share == 0.0 and guess.other_language == ""
