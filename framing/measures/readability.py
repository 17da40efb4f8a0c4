"""Readability of the scored text, as context for the framing measures.

Two German indices over the article's scored sentences (furniture left out):

- Flesch reading ease with Amstad's coefficients (Amstad 1978):
  ``180 - ASL - 58.5 * ASW`` (ASL words per sentence, ASW syllables per word);
  clipped to 0–100 (very short words in short sentences give more than 100, very long
  ones less than 0), higher => easier.
- The first Wiener Sachtextformel (Bamberger & Vanecek 1984):
  ``0.1935 MS + 0.1672 SL + 0.1297 IW - 0.0327 ES - 0.875``; about a school grade
  (4–15), higher => harder.

Words and sentences are the pipeline's own (so furniture and quotes are counted exactly as
elsewhere); syllables come from textstat's German hyphenation (``set_lang("de")``, the
same steps on pyphen's German patterns, without importing textstat; the patterns are read
lazily by :mod:`framing.language.hyphenation`),
counted once per word form: frequent forms from the shipped per-form table
(``lexicons/forms/forms_de.tsv.gz``, the same hyphenation computed ahead), the rest through a
bounded cache; a form longer than the pipeline's ``max_form_chars`` counts its vowel groups
(cheap and linear) instead. Coefficients live in ``lexicons/readability.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from framing.language.analysis import Analysis
from framing.language.hyphenation import hyphenator
from framing.language.pipeline import form_limit, form_table
from framing.resources import load_table


@dataclass(frozen=True)
class Readability:
    """Flesch–Amstad reading ease and Wiener Sachtextformel of one text, with their counts."""

    flesch_amstad: float
    wiener_sachtextformel: float
    words: int
    sentences: int
    syllables: int = 0


@lru_cache(maxsize=4)
def _coefficients(language: str = "de") -> dict[str, float]:
    rows = load_table("lexicons/readability.tsv").rows
    return {r["coefficient"]: float(r["value"]) for r in rows if r["language"] == language}


#: textstat's word clean-up before hyphenation (``remove_punctuation``): apostrophes that do
#: not start an English contraction ending, then every other non-word character, go.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")


def _textstat_syllables(text: str) -> int:
    """``textstat.syllable_count`` for German (``set_lang("de")``), without importing textstat.

    The same steps: punctuation removed, lowercased, split, and per word pyphen's German
    hyphenation points + 1 (textstat's CMU dictionary is English only; the points from
    :class:`framing.language.hyphenation.Hyphenator`, which gives pyphen's). Importing
    textstat pulls in pandas and nltk (about a second of cold start); the per-form table and
    the test suite check that the counts are the same.
    """
    if not text:
        return 0
    cleaned = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower()
    hyphenate = hyphenator("de")
    return sum(len(hyphenate.positions(w)) + 1 for w in cleaned.split())


_VOWEL_GROUPS = re.compile(r"[aeiouyäöü]+", re.IGNORECASE)


def syllables_uncached(word: str) -> int:
    """Syllables of one German word form by textstat's hyphenation, at least 1 (no table, no cache).

    A form longer than the pipeline's ``max_form_chars`` counts its vowel groups instead.
    """
    if len(word) > form_limit():
        return max(1, len(_VOWEL_GROUPS.findall(word)))
    return max(1, _textstat_syllables(word))


@cache
def _cached_syllables():
    return lru_cache(maxsize=200_000)(syllables_uncached)


def syllables(word: str) -> int:
    """Syllables of one German word form (textstat's hyphenation), at least 1.

    Pass the lowercased form: the shipped table holds syllables of lowercased forms.
    """
    found = form_table().get(word)
    if found is not None and word.islower():
        return found[2]
    return _cached_syllables()(word)


def score_readability(analysis: Analysis) -> Readability:
    """Readability of the article's scored words and sentences.

    Both indices are NaN when the text has no words.
    """
    c = _coefficients("de")
    long_word = int(c["long_word"])
    table = form_table()
    uncached = _cached_syllables()
    is_word, voice, texts, lowers = analysis.is_word, analysis.voice, analysis.texts, analysis.lowers
    table.prefetch(lowers)  # the article's forms looked up together
    words = syll = poly = mono = long = sentences = 0
    for sentence in analysis.sentences:
        if sentence.excluded:
            continue
        counted = 0
        for i in range(sentence.tok_start, sentence.tok_end):
            if not is_word[i] or voice[i] == "excluded":
                continue
            text = texts[i]
            letters = len(text) if text.isalpha() else sum(ch.isalpha() for ch in text)
            if not letters:
                continue
            low = lowers[i]
            # syllables(low), inlined: the shipped table, else the bounded cache.
            found = table.get(low)
            n = found[2] if found is not None and low.islower() else uncached(low)
            counted += 1
            syll += n
            poly += n >= 3
            mono += n == 1
            long += letters > long_word
        if counted:
            words += counted
            sentences += 1
    if not words:
        return Readability(float("nan"), float("nan"), 0, 0, 0)
    asl = words / sentences
    asw = syll / words
    flesch = c["fre_base"] - c["fre_sentence_length"] * asl - c["fre_syll_per_word"] * asw
    flesch = min(100.0, max(0.0, flesch))  # the documented range of the scale
    wstf = (c["wstf_ms"] * 100 * poly / words + c["wstf_sl"] * asl + c["wstf_iw"] * 100 * long / words
            + c["wstf_es"] * 100 * mono / words + c["wstf_const"])
    return Readability(flesch, wstf, words, sentences, syll)
