"""Readability of the scored text, as context for the framing measures.

Uses textstat with German settings: the Flesch reading ease with Amstad's German
coefficients (0–100, higher => easier) and the first Wiener Sachtextformel
(Bamberger & Vanecek 1984; roughly a school grade 4–15, higher => harder).
Only non-furniture sentences are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from framing.analysis import Analysis


@dataclass(frozen=True)
class Readability:
    """Flesch–Amstad reading ease and Wiener Sachtextformel of one text."""

    flesch_amstad: float
    wiener_sachtextformel: float
    words: int
    sentences: int


@lru_cache(maxsize=1)
def _textstat():
    import textstat

    textstat.set_lang("de")
    return textstat


def score_readability(analysis: Analysis) -> Readability:
    """Readability of the article's scored sentences (furniture left out).

    Returns NaN for both indices when the text has no words.
    """
    sentences = analysis.scored_sentences()
    text = "\n".join(s.text if s.text.rstrip()[-1:] in ".!?" else s.text + "." for s in sentences)
    words = analysis.words
    if not words:
        return Readability(float("nan"), float("nan"), 0, 0)
    ts = _textstat()
    return Readability(
        flesch_amstad=float(ts.flesch_reading_ease(text)),
        wiener_sachtextformel=float(ts.wiener_sachtextformel(text, variant=1)),
        words=words,
        sentences=len(sentences),
    )
