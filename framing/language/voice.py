"""Whose voice is it? Quotations, their speakers, and reported speech.

Every token of an analysed article gets one voice (see :data:`framing.model.VOICES`):

- ``quote``: inside quotation marks („…“, "…", “…”, »…«, «…», ‚…‘, ›…‹) that have a
  speaker, a verb of saying in their sentence, or more than three words;
- ``reported``: outside quotation marks, in a clause of reported speech: a clause whose
  finite verb is in Konjunktiv I ("er sei", "habe", "werde", "könne"), a ``dass`` clause
  after a verb of saying, or a sentence attributed with "laut X", "X zufolge",
  "nach Angaben", "heißt es";
- ``author``: everything else that is not furniture.

Short quoted terms with no speaker ("scare quotes": Putin „antwortete“) stay in the
author's voice: they are the author's word choice. The word lists live in
``lexicons/voice/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from framing.model import Cue, Quote
from framing.resources import load_table

_PAIRS = {"„": "“”\"", "“": "”\"", "»": "«", "«": "»", "‚": "‘’'", "›": "‹", '"': '"', "”": "”"}
_SCARE_MAX_WORDS = 3
_CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-"})
_NAME_TAGS = ("NE", "NN")
_VERB_TAGS = ("VVFIN", "VAFIN", "VMFIN")


@dataclass(frozen=True)
class _Lexicon:
    speech_verbs: frozenset[str]
    attribution: tuple[tuple[tuple[str, ...], str], ...]
    konj1_forms: frozenset[str]
    first_person: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    attribution = tuple(
        (tuple(row["phrase"].split()), row["position"])
        for row in load_table("lexicons/voice/attribution.tsv").rows
    )
    return _Lexicon(
        speech_verbs=frozenset(r["lemma"] for r in load_table("lexicons/voice/speech_verbs.tsv").rows),
        attribution=tuple(sorted(attribution, key=lambda a: -len(a[0]))),
        konj1_forms=frozenset(r["form"] for r in load_table("lexicons/voice/konjunktiv1.tsv").rows),
        first_person=frozenset(r["form"] for r in load_table("lexicons/voice/first_person.tsv").rows),
    )


_OPENERS = re.compile("[„“»«‚›\"”]")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations in ``text``, marks included, end exclusive.

    Quotes do not cross paragraph breaks (a blank line) and do not nest; an opening mark
    without its closing mark is ignored. ``‚`` … ``‘`` only counts when the closing mark
    is not an apostrophe inside a word.
    """
    spans = []
    i = 0
    n = len(text)
    while i < n:
        match = _OPENERS.search(text, i)
        if not match:
            break
        start = match.start()
        opener = text[start]
        closers = _PAIRS.get(opener, "")
        # A straight or English quote mark right after a letter closes nothing here.
        j = start + 1
        end = None
        while j < n:
            ch = text[j]
            if ch == "\n" and text[j + 1: j + 2] == "\n":
                break
            if ch in closers and j > start + 1:
                if opener in "‚'" and j + 1 < n and text[j + 1].isalpha():
                    j += 1
                    continue
                end = j + 1
                break
            j += 1
        if end is None:
            i = start + 1
            continue
        spans.append((start, end))
        i = end
    return spans


def is_konjunktiv1(form: str, lemma: str, tag: str, previous: str) -> bool:
    """True for a finite verb form read as Konjunktiv I (third person).

    Irregular forms come from ``konjunktiv1.tsv``; a regular form is the infinitive lemma
    minus its final "n" ("mache" from "machen"). After "ich" these forms are indicative.
    """
    lower = form.lower()
    if previous.lower() in _lexicon().first_person:
        return False
    if lower in _lexicon().konj1_forms:
        return True
    if not tag.startswith(("VV", "VA", "VM")) or not lower.endswith("e") or len(lower) < 4:
        return False
    lemma = lemma.lower()
    return lemma.endswith("en") and lemma[:-1] == lower and tag.endswith("FIN")


@dataclass
class VoiceResult:
    """Per-token voices plus the quotes and per-sentence attribution that produced them."""

    voice: list[str]
    konj1: list[bool]
    quotes: list[Quote]
    attributed: list[bool]
    speaker: list[str | None]
    cues: list[list[Cue]]


class _Tokens:
    """Plain per-token lists (indexing a spaCy Doc creates objects; lists are faster)."""

    __slots__ = ("text", "texts", "lowers", "starts", "is_alpha", "is_upper")

    def __init__(self, doc: Doc, texts: list[str] | None, starts: list[int] | None):
        self.text = doc.text
        self.texts = texts if texts is not None else [t.text for t in doc]
        self.starts = starts if starts is not None else [t.idx for t in doc]
        self.lowers = [t.lower() for t in self.texts]
        self.is_alpha = [t.isalpha() for t in self.texts]
        self.is_upper = [t[:1].isupper() for t in self.texts]

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.texts[i])

    def span(self, i: int, j: int) -> str:
        return self.text[self.starts[i]: self.end(j - 1)]


def _span_text(doc: _Tokens, i: int, j: int) -> str:
    return doc.span(i, j)


def _name_after(doc: _Tokens, tags: list[str], i: int, stop: int) -> tuple[int, int] | None:
    """A speaker phrase starting at token ``i``: [ART] [ADJA]* (NN|NE)+ ."""
    j = i
    if j < stop and tags[j] in ("ART", "PPOSAT"):
        j += 1
    while j < stop and tags[j] == "ADJA":
        j += 1
    k = j
    while k < stop and (tags[k].startswith(_NAME_TAGS) or doc.is_upper[k]
                        and doc.is_alpha[k] and k > j):
        if not doc.is_upper[k]:
            break
        k += 1
    return (i, k) if k > j else None


def _name_before(doc: _Tokens, tags: list[str], end: int, start: int) -> tuple[int, int] | None:
    """The nearest name or noun phrase ending before token ``end`` (back to ``start``)."""
    k = end - 1
    while k >= start and not (tags[k].startswith(_NAME_TAGS) and doc.is_upper[k]):
        k -= 1
    if k < start:
        return None
    j = k
    while j - 1 >= start and tags[j - 1].startswith(_NAME_TAGS) and doc.is_upper[j - 1]:
        j -= 1
    while j - 1 >= start and tags[j - 1] in ("ADJA", "ART"):
        j -= 1
    return j, k + 1


def _find_speaker(doc, tags, lemmas, in_quote, s0, s1, q0, q1):
    """Speaker tokens for a quote covering tokens [q0, q1) in sentence [s0, s1)."""
    lex = _lexicon()
    # Verb of saying after the quote: „…“, sagte Trump. / „…“, so Rubio.
    for i in range(q1, s1):
        if in_quote[i]:
            break
        if lemmas[i] in lex.speech_verbs and tags[i].startswith("V") or doc.lowers[i] == "so" and i == q1 + 1:
            found = _name_after(doc, tags, i + 1, s1)
            if found:
                return found
            found = _name_before(doc, tags, i, q1)
            if found:
                return found
    # Verb of saying before the quote: Trump erklärte vor Journalisten: „…“
    for i in range(q0 - 1, s0 - 1, -1):
        if in_quote[i]:
            continue
        if lemmas[i] in lex.speech_verbs and tags[i].startswith("V"):
            found = _name_before(doc, tags, i, s0) or _name_after(doc, tags, i + 1, q0)
            if found:
                return found
    # "Trump: „…“" -- a name right before a colon that introduces the quote.
    if q0 - 2 >= s0 and doc.texts[q0 - 1] == ":":
        return _name_before(doc, tags, q0 - 1, s0)
    return None


def _segments(doc: _Tokens, s0: int, s1: int) -> list[tuple[int, int]]:
    segs = []
    start = s0
    for i in range(s0, s1):
        if doc.texts[i] in _CLAUSE_BREAKS:
            if i > start:
                segs.append((start, i))
            start = i + 1
    if start < s1:
        segs.append((start, s1))
    return segs


@lru_cache(maxsize=1)
def _attribution_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Attribution phrases grouped by their first word, longest first (one dict look-up per token)."""
    groups: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, position in _lexicon().attribution:
        if phrase:
            groups.setdefault(phrase[0], []).append((phrase, position))
    return {k: tuple(v) for k, v in groups.items()}


def _attribution_cue(lowers: list[str], i: int) -> tuple[int, str] | None:
    for phrase, position in _attribution_by_first_word().get(lowers[i], ()):
        if tuple(lowers[i: i + len(phrase)]) == phrase:
            return len(phrase), position
    return None


def assign_voices(spacy_doc: Doc, sentences: list[tuple[int, int]], excluded: list[bool],
                  lemmas: list[str], tags: list[str], *, texts: list[str] | None = None,
                  starts: list[int] | None = None) -> VoiceResult:
    """Assign a voice to every token of ``doc`` (see the module docstring).

    ``sentences`` are token ranges; ``excluded`` marks furniture tokens; ``texts`` and
    ``starts`` (token strings and offsets) may be passed when the caller has them.
    """
    lex = _lexicon()
    doc = _Tokens(spacy_doc, texts, starts)
    n = len(doc)
    voice = ["excluded" if excluded[i] else "author" for i in range(n)]
    lowers = doc.lowers
    konj1 = [
        not excluded[i] and tags[i].endswith("FIN")
        and is_konjunktiv1(doc.texts[i], lemmas[i], tags[i], doc.texts[i - 1] if i else "")
        for i in range(n)
    ]
    in_quote = [False] * n
    token_starts = doc.starts
    quotes: list[Quote] = []
    attributed = [False] * len(sentences)
    speaker: list[str | None] = [None] * len(sentences)
    cues: list[list[Cue]] = [[] for _ in sentences]
    sentence_of = [0] * n
    for k, (s0, s1) in enumerate(sentences):
        for i in range(s0, s1):
            sentence_of[i] = k

    import bisect

    for c0, c1 in find_quote_spans(doc.text):  # noqa: B020
        q0 = bisect.bisect_left(token_starts, c0)
        q1 = bisect.bisect_left(token_starts, c1)
        if q0 >= n or q1 <= q0 or excluded[q0]:
            continue
        k = sentence_of[q0]
        s0, s1 = sentences[k][0], sentences[sentence_of[q1 - 1]][1]
        words = sum(1 for i in range(q0, q1) if doc.is_alpha[i])
        found = _find_speaker(doc, tags, lemmas, in_quote, s0, s1, q0, q1)
        has_verb = any(lemmas[i] in lex.speech_verbs and tags[i].startswith("V")
                       for i in range(s0, s1) if not q0 <= i < q1)
        if found is None and not has_verb and words <= _SCARE_MAX_WORDS:
            quotes.append(Quote(c0, c1, doc.text[c0:c1], kind="scare"))
            continue
        who = _span_text(doc, *found) if found else None
        for i in range(q0, q1):
            in_quote[i] = True
            voice[i] = "quote"
        for kk in range(k, sentence_of[q1 - 1] + 1):
            attributed[kk] = True
            speaker[kk] = speaker[kk] or who
        quotes.append(Quote(
            c0, c1, doc.text[c0:c1], kind="direct", speaker=who,
            speaker_start=doc.starts[found[0]] if found else None,
            speaker_end=doc.end(found[1] - 1) if found else None,
        ))
        if found:
            cues[k].append(Cue(doc.starts[found[0]], doc.end(found[1] - 1), who, "speaker"))

    previous_speaker: str | None = None
    previous_reported = False
    for k, (s0, s1) in enumerate(sentences):
        if all(excluded[i] for i in range(s0, s1)):
            previous_reported = False
            continue
        reported = [False] * (s1 - s0)
        sentence_cues = cues[k]
        who = None
        # Attribution phrases: "laut Peskow", "Peskow zufolge", "heißt es".
        frame: set[int] = set()
        for i in range(s0, s1):
            if in_quote[i]:
                continue
            hit = _attribution_cue(lowers, i)
            if not hit:
                continue
            length, position = hit
            if lowers[i] == "so" and not (i > s0 and doc.texts[i - 1] in (",", "“", "”", '"', "«")):
                continue
            name = None
            if position == "after":
                name = _name_after(doc, tags, i + length, s1)
                if name is None:
                    continue
            elif position == "before":
                name = _name_before(doc, tags, i, max(s0, i - 6))
            span = (min(i, name[0]) if name else i, max(i + length, name[1]) if name else i + length)
            frame.update(range(*span))
            who = _span_text(doc, *name) if name else who
            sentence_cues.append(Cue(doc.starts[span[0]], doc.end(span[1] - 1),
                                     _span_text(doc, *span), "attribution"))
            for j in range(s0, s1):
                reported[j - s0] = True
        # Clauses: Konjunktiv I, and "dass" clauses after a verb of saying.
        segs = _segments(doc, s0, s1)
        saw_speech_verb = False
        for g0, g1 in segs:
            seg_konj = [i for i in range(g0, g1) if konj1[i] and not in_quote[i]]
            seg_verbs = [i for i in range(g0, g1)
                         if lemmas[i] in lex.speech_verbs and tags[i].startswith("V") and not in_quote[i]]
            if seg_konj:
                for j in range(g0, g1):
                    reported[j - s0] = True
                for i in seg_konj:
                    sentence_cues.append(Cue(doc.starts[i], doc.end(i), doc.texts[i], "konjunktiv1"))
            elif saw_speech_verb and lowers[g0] in ("dass", "ob"):
                for j in range(g0, g1):
                    reported[j - s0] = True
            if seg_verbs and not seg_konj:
                # "Ich glaube, dass …", "Glaubt noch jemand, dass …?": the author's own
                # voice, not someone's reported statement.
                saw_speech_verb = not any(
                    lowers[j] in lex.first_person or lowers[j] == "wir" or tags[j] == "PIS"
                    for j in range(g0, g1))
                name = _name_before(doc, tags, seg_verbs[0], g0) or _name_after(doc, tags, seg_verbs[0] + 1, g1)
                if name and who is None:
                    who = _span_text(doc, *name)
        for i in frame:
            reported[i - s0] = False
        any_reported = False
        for i in range(s0, s1):
            if reported[i - s0] and voice[i] == "author" and doc.texts[i] not in _CLAUSE_BREAKS:
                voice[i] = "reported"
                any_reported = True
        if any_reported or frame:
            attributed[k] = True
            if who is None and previous_reported and any(konj1[i] for i in range(s0, s1)):
                who = previous_speaker
            speaker[k] = speaker[k] or who
        previous_reported = attributed[k]
        previous_speaker = speaker[k] if attributed[k] else None

    return VoiceResult(voice, konj1, quotes, attributed, speaker, cues)
