"""Which language is a text in? (py3langid, whose model ships in its wheel.)

The measures are built for German; other languages are refused unless the user insists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Below this many words the guess is too unreliable to refuse a text on.
MIN_WORDS = 20
#: A text is refused as not German when another language wins with at least this probability.
MIN_CONFIDENCE = 0.9
_SAMPLE_CHARS = 6000
#: Scripts written without spaces between words (Thai, Japanese, Chinese, Korean syllables):
#: each of their characters counts as a word, so such texts are long enough to be refused.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class LanguageGuess:
    """The most probable language (ISO 639-1) and its normalised probability in [0, 1]."""

    language: str
    probability: float
    words: int

    @property
    def is_german(self) -> bool:
        """True unless the text is long enough and confidently another language."""
        return (self.language == "de" or self.words < MIN_WORDS
                or self.probability < MIN_CONFIDENCE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(
        Path(langid.MODEL_DIR) / langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` from its first few thousand characters."""
    sample = text[:_SAMPLE_CHARS]
    words = len(sample.split()) + len(_UNSPACED.findall(sample))
    if not sample.strip():
        return LanguageGuess("", 0.0, 0)
    language, probability = _identifier().classify(sample)
    return LanguageGuess(str(language), float(probability), words)
