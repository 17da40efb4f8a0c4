"""Descriptors: the nouns and noun phrases a text uses for an actor other than its name.

Framing by naming: "Kremlchef", "US-Präsident", "der selbsternannte Dealmaker",
"Kriegsverbrecher", "Putin-Regime". Found by the noun-phrase analysis of
:mod:`framing.measures.actors.structure`, for each mention:

- ``role``: the mention is a role alias of the registry ("der Kremlchef"), or a role
  alias joined to the name ("US-Präsident Trump");
- ``title``: nouns (with their adjectives) in front of the name in the same phrase
  ("Kreml-Kritiker Nawalny", "der selbsternannte Dealmaker Trump");
- ``apposition``: a noun phrase between commas right after the mention ("Trump, der
  selbsternannte Dealmaker, ...");
- ``predicate``: a noun phrase predicated of the mention by a copula ("Putin ist ein
  Kriegsverbrecher", "Trump gilt als Friedensstifter");
- ``compound``: a name compound ("Putin-Regime", "Merkel-Lockdown").

The descriptor text is the words without leading articles or determiners, in one form for
all inflections (:func:`_base_form`: "russischen Präsidenten" -> "russische Präsident");
``start``/``end`` are the character offsets of the words as written (end exclusive).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.measures.actors.structure import Structure

if TYPE_CHECKING:  # annotations only: the package imports without spaCy (dashboard, CSV)
    from framing.language.analysis import Analysis

_DETERMINERS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "CARD", "PRELS"})
_WORDS = frozenset({"NN", "NE", "ADJA", "TRUNC"})


@dataclass(frozen=True)
class Descriptor:
    """One naming of ``actor`` in the text: ``text`` (no article, base form), ``kind``
    (role, title, apposition, predicate, compound) and its character span."""

    actor: str
    text: str
    kind: str
    start: int
    end: int


def _phrase(a: Analysis, k0: int, k1: int, actor: str, kind: str) -> Descriptor | None:
    """Descriptor over tokens [k0, k1) without leading determiners; needs a noun."""
    while k0 < k1 and (a.tags[k0] in _DETERMINERS or a.tags[k0] not in _WORDS):
        k0 += 1
    while k1 > k0 and a.tags[k1 - 1] not in _WORDS:
        k1 -= 1
    if k0 >= k1 or not any(a.tags[k] == "NN" for k in range(k0, k1)):
        return None
    start, end = a.starts[k0], a.end_of(k1 - 1)
    return Descriptor(actor, _base_form(a, k0, k1), kind, start, end)


#: Endings of an attributive adjective that :func:`_base_form` turns into "-e".
_ADJ_ENDINGS = ("en", "em", "er", "es")


def _base_form(a: Analysis, k0: int, k1: int) -> str:
    """The descriptor over tokens [k0, k1) in one form for all its inflections, so that
    "russischen Präsidenten", "russische Präsident" and "russischer Präsident" count as one
    ("russische Präsident"): in the leading words up to the first noun, lower-case adjective
    endings become "-e" and that noun loses its inflectional ending (only when its lemma is
    the written word minus at most three letters: "US-Präsidenten" -> "US-Präsident",
    "Kremlchefs" -> "Kremlchef"). Capitalised adjectives ("Berliner"), names and the words
    after the first noun ("Präsidenten der Vereinigten Staaten") stay as written."""
    words = []
    head_done = False
    for k in range(k0, k1):
        word = a.texts[k]
        if not head_done:
            tag = a.tags[k]
            if tag == "ADJA" and word[:1].islower() and word.endswith(_ADJ_ENDINGS) and len(word) > 4:
                word = word[:-2] + "e"
            elif tag == "NN":
                lemma = a.lemmas[k]
                if word.lower().startswith(lemma.lower()) and 0 < len(word) - len(lemma) <= 3:
                    word = word[:len(lemma)]
                head_done = True
            elif tag == "NE":
                head_done = True
        words.append(word)
        if k + 1 < k1:
            words.append(a.text[a.end_of(k):a.starts[k + 1]])
    return "".join(words)


def descriptors_of(a: Analysis, t0: int, t1: int, actor: str, alias_type: str,
                   s: Structure) -> list[Descriptor]:
    """Descriptors of the mention at tokens [t0, t1) of ``actor`` in the sentence ``s``."""
    found: list[Descriptor | None] = []
    if alias_type == "compound":
        found.append(_phrase(a, t0, t1, actor, "compound"))
    elif alias_type == "role":
        found.append(_phrase(a, t0, t1, actor, "role"))
    else:
        # a role alias joined to the name ("US-Präsident Trump"): the nouns before the name
        k = t0
        while k < t1 and a.tags[k] != "NE":
            k += 1
        if t0 < k < t1:  # names without a name token ("Vereinigte Staaten") are not descriptors
            found.append(_phrase(a, t0, k, actor, "role"))
    mc = s.chunk_at(t1 - 1)
    if mc >= 0:
        chunk = s.chunks[mc]
        if chunk.start < t0:
            found.append(_phrase(a, chunk.start, t0, actor, "title"))
        for idx in range(mc + 1, min(len(s.chunks), mc + 3)):
            other = s.chunks[idx]
            if other.apposition_of == mc:
                found.append(_phrase(a, other.start, other.end, actor, "apposition"))
        for idx in s.predicates(mc):
            other = s.chunks[idx]
            found.append(_phrase(a, other.start, other.end, actor, "predicate"))
    return [d for d in found if d is not None]


def descriptor_counts(descriptors: Iterable[Descriptor]) -> dict[tuple[str, str], int]:
    """How often each (actor, descriptor text) occurs."""
    return dict(Counter((d.actor, d.text) for d in descriptors))
