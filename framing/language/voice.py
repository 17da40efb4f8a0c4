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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from framing.language.interview import find_turns, label_role
from framing.language.speech import (
    CLAUSE_BREAKS,
    SpeechEvent,
    Tokens,
    find_events,
    phrases,
    source_kind,
    speaker_noun_kind,
    subject_of,
)
from framing.model import Cue, Quote, Statement
from framing.resources import load_table

_PAIRS = {"„": "“”\"", "“": "”\"", "»": "«", "«": "»", "‚": "‘’'", "›": "‹", '"': '"', "”": "”"}
_SCARE_MAX_WORDS = 3
_CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-"})
#: Source kinds that make a verb of saying someone else's statement ("ich glaube, dass"
#: and "man sagt, dass" stay in the author's voice).
_OWN_VOICE = frozenset({"first_person", "generic"})
_QUOTE_TAIL = frozenset({",", "“", "”", '"', "«", "»", "‘", "’", "‹", "›", "–", "—"})
_CLOSING = frozenset({"“", "”", '"', "«", "»", "‘", "’", "‹", "›"})


@dataclass(frozen=True)
class _Lexicon:
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
    statements: list[Statement]


class _Tokens:
    """Plain per-token lists (indexing a spaCy Doc creates objects; lists are faster)."""

    __slots__ = ("text", "texts", "lowers", "starts")

    def __init__(self, doc: Doc, texts: Sequence[str] | None, starts: Sequence[int] | None,
                 text: str | None = None, lowers: Sequence[str] | None = None):
        self.text = text if text is not None else doc.text
        self.texts = texts if texts is not None else [t.text for t in doc]
        self.starts = starts if starts is not None else [t.idx for t in doc]
        self.lowers = lowers if lowers is not None else [t.lower() for t in self.texts]

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.texts[i])

    def span(self, i: int, j: int) -> str:
        return self.text[self.starts[i]: self.end(j - 1)]



def _positions(seq: Sequence[str], values: set[str]) -> list[int]:
    """Sorted indices of the items of ``seq`` that are in ``values`` (found by ``seq.index``,
    which scans in C: cheaper than a Python loop when the values are rare)."""
    found = []
    for value in values:
        i = -1
        try:
            while True:
                i = seq.index(value, i + 1)
                found.append(i)
        except ValueError:
            pass
    return sorted(found)


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


def _statement(doc: _Tokens, kind: str, start: int, end: int, sentence: int,
               event: SpeechEvent | None, construction: str, quote_index: int | None = None,
               source: tuple[int, int] | None = None, source_kind: str = "") -> Statement:
    """A statement with its speaker phrase as written (resolved later to an actor)."""
    if event is not None and source is None:
        source, source_kind = event.source, event.source_kind
    cue_text, c0, c1 = "", None, None
    if event is not None:
        c0, c1 = doc.starts[event.cue[0]], doc.end(event.cue[1] - 1)
        cue_text = doc.text[c0:c1]
    s0 = doc.starts[source[0]] if source else None
    s1 = doc.end(source[1] - 1) if source else None
    return Statement(
        kind=kind, start=start, end=end, text=doc.text[start:end], sentence=sentence,
        speaker=doc.text[s0:s1] if source else "unnamed", speaker_kind=source_kind if source else "",
        speaker_text=doc.text[s0:s1] if source else "", speaker_start=s0, speaker_end=s1,
        cue=cue_text, cue_start=c0, cue_end=c1, construction=construction, quote_index=quote_index)


def _quote_event(doc: _Tokens, tok: Tokens, events: list[SpeechEvent], q0: int, q1: int,
                 s0: int, s1: int) -> tuple[SpeechEvent | None, str]:
    """The speech event that introduces the quote [q0, q1): a cue after it in the same
    sentence („…“, sagte X / „…“, so X), else one before it (X sagte: „…“)."""
    # After the quote only the clause that follows it ("„…“, sagte X", "„…“, so X").
    j = q1
    while j < s1 and doc.texts[j] in _QUOTE_TAIL:
        j += 1
    k = j
    while k < s1 and doc.texts[k] not in _CLAUSE_BREAKS and doc.texts[k] not in _CLOSING \
            and doc.texts[k] not in ("„", "»", "."):
        k += 1
    after = [e for e in events if j <= e.cue[0] < k and e.source_kind not in _OWN_VOICE]
    if after:
        return after[0], "after"
    before = [e for e in events if e.cue[1] <= q0 and e.source_kind not in _OWN_VOICE]
    if before:
        return before[-1], "before"
    # "Trump schrieb auf X: „…“", "Dennoch zeigte sich der Präsident zuversichtlich: „…“":
    # a clause ending in the colon that introduces the quote lends its subject, when that
    # subject can speak, whatever its verb.
    if q0 - 2 >= s0 and doc.texts[q0 - 1] == ":":
        c0 = q0 - 1
        while c0 > s0 and not tok.blocked[c0 - 1] and doc.texts[c0 - 1] not in CLAUSE_BREAKS:
            c0 -= 1
        finite = next((m for m in range(c0, q0 - 1) if tok.tags[m].endswith("FIN")), None)
        if finite is not None:
            src, kind = subject_of(tok, c0, q0 - 1, finite)
            if src is not None and kind not in ("first_person", "generic"):
                return SpeechEvent((q0 - 1, q0), src, kind, "say", "colon"), "colon"
    # "Trump: „…“": a phrase that can speak right before a colon introducing the quote.
    if q0 - 2 >= s0 and doc.texts[q0 - 1] == ":":
        cands = [p for p in phrases(tok, s0, q0 - 1) if p.end == q0 - 1 and not p.in_pp]
        if cands and source_kind(tok, cands[0]) not in ("", "first_person", "generic"):
            p = cands[0]
            return SpeechEvent((q0 - 1, q0), (p.start, p.end), source_kind(tok, p), "say", "colon"), "colon"
    return None, ""


_PERSON_KINDS = frozenset({"actor", "name", "role"})


@lru_cache(maxsize=1)
def _interview_nouns() -> tuple[str, ...]:
    return tuple(r["word"] for r in load_table("lexicons/voice/interview_nouns.tsv").rows)


def _is_interview_noun(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(w) or low.endswith(w + "s") for w in _interview_nouns())


def _intro_interviewee(tok: Tokens, sentences: list[tuple[int, int]],
                       end: int) -> tuple[tuple[int, int], str] | None:
    """The interviewee named in the intro before the first turn (tokens before ``end``):
    the phrase after "Gespräch mit" / "Interview mit" ("Ein Gespräch mit der Politologin
    Jana Puglierin"), or the speaker of a verb of saying in a sentence that names an
    interview ("sagt Puglierin im Interview"). None unless exactly one person is named so."""
    found: dict[str, tuple[tuple[int, int], str]] = {}
    tok.blocked = [False] * len(tok.texts)
    for s0, s1 in sentences:
        if s0 >= end:
            break
        s1 = min(s1, end)
        nouns = [i for i in range(s0, s1) if tok.tags[i] == "NN" and _is_interview_noun(tok.texts[i])]
        if not nouns:
            continue
        for i in nouns:
            if i + 1 < s1 and tok.lowers[i + 1] == "mit":
                c1 = next((m for m in range(i + 2, s1) if tok.texts[m] in CLAUSE_BREAKS), s1)
                p = next((p for p in phrases(tok, i + 2, c1) if p.start == i + 2), None)
                if p is not None and source_kind(tok, p) in _PERSON_KINDS:
                    found[" ".join(tok.texts[p.start:p.end])] = ((p.start, p.end), source_kind(tok, p))
        for e in find_events(tok, s0, s1, tok.blocked):
            if e.source is not None and e.source_kind in _PERSON_KINDS:
                found[" ".join(tok.texts[e.source[0]:e.source[1]])] = (e.source, e.source_kind)
    return next(iter(found.values())) if len(found) == 1 else None


def assign_voices(spacy_doc: Doc, sentences: list[tuple[int, int]], excluded: list[bool],
                  lemmas: list[str], tags: list[str], *, texts: Sequence[str] | None = None,
                  starts: Sequence[int] | None = None, text: str | None = None,
                  lowers: Sequence[str] | None = None) -> VoiceResult:
    """Assign a voice to every token of ``doc`` and list its statements (module docstring).

    ``sentences`` are token ranges; ``excluded`` marks furniture tokens; ``texts`` and
    ``starts`` (token strings and offsets), ``text`` (the document's text, ``doc.text``) and
    ``lowers`` (the token strings lowercased) may be passed when the caller has them: read
    from the ``Doc`` they cost a spaCy ``Token`` object per token. The statements carry the
    speaker phrase as written; :mod:`framing.measures.actors.speakers` resolves it to an actor.
    """
    import bisect

    doc = _Tokens(spacy_doc, texts, starts, text, lowers)
    n = len(doc)
    tok = Tokens(doc.texts, doc.lowers, lemmas, tags)
    voice = ["excluded" if x else "author" for x in excluded]
    lowers = doc.lowers
    konj1 = [False] * n
    for i in _positions(tags, {t for t in set(tags) if t.endswith("FIN")}):
        if not excluded[i]:
            konj1[i] = is_konjunktiv1(doc.texts[i], lemmas[i], tags[i], doc.texts[i - 1] if i else "")
    in_quote = [False] * n
    token_starts = doc.starts
    quotes: list[Quote] = []
    statements: list[Statement] = []
    attributed = [False] * len(sentences)
    speaker: list[str | None] = [None] * len(sentences)
    cues: list[list[Cue]] = [[] for _ in sentences]
    sentence_of = [0] * n
    for k, (s0, s1) in enumerate(sentences):
        sentence_of[s0:s1] = [k] * (s1 - s0)

    def tokens_of(c0: int, c1: int) -> tuple[int, int]:
        return bisect.bisect_left(token_starts, c0), bisect.bisect_left(token_starts, c1)

    # Interviews: the interviewee's answers are quoted voice, one statement per answer.
    answer_spans: list[tuple[int, int]] = []
    turns = find_turns(doc.text)
    named = _intro_interviewee(tok, sentences, tokens_of(0, turns[0].label_start)[1]) if turns else None
    for turn in turns:
        if turn.role != "interviewee":
            continue
        t0, t1 = tokens_of(turn.start, turn.end)
        if t0 >= n or t1 <= t0 or excluded[t0]:
            continue
        for i in range(t0, t1):
            in_quote[i] = True
            if voice[i] == "author":
                voice[i] = "quote"
        answer_spans.append((turn.start, turn.end))
        k = sentence_of[t0]
        l0, l1 = tokens_of(turn.label_start, turn.label_end)
        source, source_kind_ = (l0, max(l1, l0 + 1)), "label"
        if named is not None and label_role(turn.label) == "interviewee":
            # "Antwort:" names nobody: the person the intro names as interviewee speaks.
            source, source_kind_ = named
        for kk in range(k, sentence_of[t1 - 1] + 1):
            attributed[kk] = True
            speaker[kk] = speaker[kk] or doc.span(*source)
        statements.append(_statement(doc, "quote", turn.start, turn.end, k, None, "interview",
                                     source=source, source_kind=source_kind_))

    events_of: dict[int, list[SpeechEvent]] = {}

    def events(k: int) -> list[SpeechEvent]:
        if k not in events_of:
            s0, s1 = sentences[k]
            events_of[k] = [e for e in find_events(tok, s0, s1, in_quote)
                            if not excluded[e.cue[0]]]
        return events_of[k]

    quote_spans = [(c0, c1) for c0, c1 in find_quote_spans(doc.text)
                   if not any(a0 <= c0 < a1 for a0, a1 in answer_spans)]
    located = []
    for c0, c1 in quote_spans:
        q0, q1 = tokens_of(c0, c1)
        if q0 >= n or q1 <= q0 or excluded[q0]:
            continue
        words = sum(1 for i in range(q0, q1) if doc.texts[i].isalpha())
        # A name or title set in quotation marks after an article or a medium noun ("der
        # „Washington Post“", "die Zeitung „El País“") is part of the noun phrase, not a quote.
        title = words <= _SCARE_MAX_WORDS and q0 > 0 and (
            tags[q0 - 1] in ("ART", "APPRART")
            or tags[q0 - 1] == "NN" and speaker_noun_kind(lemmas[q0 - 1]) == "institution")
        located.append((c0, c1, q0, q1, title))
        if title:
            continue
        for i in range(q0, q1):
            in_quote[i] = True
    previous_quote: tuple[int, Statement] | None = None
    for c0, c1, q0, q1, title in located:
        k = sentence_of[q0]
        k_last = sentence_of[q1 - 1]
        s0, s1 = sentences[k][0], sentences[k_last][1]
        words = sum(1 for i in range(q0, q1) if doc.texts[i].isalpha())
        if title:
            quotes.append(Quote(c0, c1, doc.text[c0:c1], kind="scare"))
            continue
        sentence_events = [e for kk in range(k, k_last + 1) for e in events(kk)]
        event, how = _quote_event(doc, tok, sentence_events, q0, q1, s0, s1)
        if event is None and words <= _SCARE_MAX_WORDS:
            # No speaker: a term in quotation marks is the author's word choice.
            for i in range(q0, q1):
                in_quote[i] = False
            quotes.append(Quote(c0, c1, doc.text[c0:c1], kind="scare"))
            continue
        for i in range(q0, q1):
            voice[i] = "quote"
        construction = how or "unattributed"
        source, kind = (event.source, event.source_kind) if event else (None, "")
        # A quote that fills its own sentence(s) right after another quote of the same
        # speaker continues it („…“, sagte Trump. „…“).
        own_sentences = q0 <= s0 + 1 and q1 >= s1 - 2
        if source is None and own_sentences and previous_quote is not None \
                and previous_quote[0] >= k - 1 and previous_quote[1].speaker_start is not None:
            prev = previous_quote[1]
            p0, p1 = tokens_of(prev.speaker_start, prev.speaker_end)
            source, kind, construction = (p0, p1), prev.speaker_kind, "continuation"
        who = doc.span(*source) if source else None
        for kk in range(k, k_last + 1):
            attributed[kk] = True
            speaker[kk] = speaker[kk] or who
        quotes.append(Quote(
            c0, c1, doc.text[c0:c1], kind="direct", speaker=who,
            speaker_start=doc.starts[source[0]] if source else None,
            speaker_end=doc.end(source[1] - 1) if source else None,
        ))
        inner0 = c0 + 1
        inner1 = c1 - 1 if c1 - 1 > inner0 else c1
        st = _statement(doc, "quote", inner0, inner1, k, event, construction,
                        quote_index=len(quotes) - 1, source=source, source_kind=kind)
        statements.append(st)
        previous_quote = (k_last, st)
        if source:
            cues[k].append(Cue(doc.starts[source[0]], doc.end(source[1] - 1), who, "speaker"))

    quoted_in = {st.sentence: st for st in statements}
    previous: Statement | None = None
    previous_k = -2
    for k, (s0, s1) in enumerate(sentences):
        if previous_k != k - 1 and k - 1 in quoted_in:
            previous, previous_k = quoted_in[k - 1], k - 1
        if all(excluded[i] for i in range(s0, s1)):
            previous = None
            continue
        reported = [False] * (s1 - s0)
        sentence_cues = cues[k]
        chosen: SpeechEvent | None = None
        frame: set[int] = set()
        sentence_events = events(k)
        # "laut einem Bericht …", "hieß es": the attribution phrase names the source (or
        # none), not a verb of the reported content ("laut Bericht forderte Putin …").
        has_attribution = any(e.cls == "attribution" and lowers[e.cue[0]] != "so"
                              for e in sentence_events)
        embedded = False
        for e in sentence_events:
            if e.cls != "attribution":
                continue
            span = (min(e.cue[0], e.source[0]) if e.source else e.cue[0],
                    max(e.cue[1], e.source[1]) if e.source else e.cue[1])
            frame.update(range(*span))
            sentence_cues.append(Cue(doc.starts[span[0]], doc.end(span[1] - 1),
                                     doc.span(*span), "attribution"))
            if e.source or chosen is None:
                chosen = e if (chosen is None or chosen.source is None) else chosen
            for j in range(s0, s1):
                reported[j - s0] = True
        # Clauses: Konjunktiv I, and "dass"/"ob" clauses after someone's verb of saying
        # (nothing to do in a sentence with neither).
        saw_speech_verb = False
        segments = _segments(doc, s0, s1) if sentence_events or True in konj1[s0:s1] else ()
        for g0, g1 in segments:
            seg_konj = [i for i in range(g0, g1) if konj1[i] and not in_quote[i]]
            seg_events = [e for e in sentence_events if e.cls != "attribution" and g0 <= e.cue[0] < g1]
            if seg_konj:
                for j in range(g0, g1):
                    reported[j - s0] = True
                for i in seg_konj:
                    sentence_cues.append(Cue(doc.starts[i], doc.end(i), doc.texts[i], "konjunktiv1"))
            elif saw_speech_verb and (lowers[g0] in ("dass", "ob") or any(
                    tags[i] in ("PTKZU", "VVIZU") for i in range(g0, g1))):
                for j in range(g0, g1):
                    reported[j - s0] = True
            if seg_events:
                # "Ich glaube, dass …", "Man sagt, dass …": the author's own voice.
                saw_speech_verb = any(e.source_kind not in _OWN_VOICE for e in seg_events)
            for e in seg_events:
                if e.source_kind in _OWN_VOICE or has_attribution:
                    continue
                if seg_konj and previous is not None and previous_k == k - 1:
                    # "Zugleich habe Putin gewarnt, …": a statement reported in Konjunktiv I
                    # continues the previous speaker's account.
                    embedded = True
                    continue
                if chosen is None or chosen.source is None and e.source is not None:
                    chosen = e
        for e in sentence_events:
            c = e.cue[0]
            if e.cls != "attribution" and e.source_kind not in _OWN_VOICE and e.source \
                    and c - 2 >= s0 and doc.texts[c - 1] == "," and not in_quote[c - 2] \
                    and tags[c].endswith("FIN") and tags[s0] not in ("KOUS", "KOUI", "PWAV", "APPR") \
                    and lowers[s0] not in ("als", "wie", "wenn"):
                # "Die Sanktionen zeigten Wirkung, sagte Klingbeil.": the clause before a
                # verb-first cue is the statement, whatever its mood (not a fronted
                # subordinate clause: "Als Trump ankam, sagte Putin, …").
                for j in range(s0, c - 1):
                    reported[j - s0] = True
                if chosen is None or chosen.source is None:
                    chosen = e
        for i in frame:
            reported[i - s0] = False
        marked = []
        if True in reported:
            for i in range(s0, s1):
                if reported[i - s0] and voice[i] == "author" and doc.texts[i] not in _CLAUSE_BREAKS:
                    voice[i] = "reported"
                    marked.append(i)
        if not (marked or frame):
            if not attributed[k]:
                previous = None
            continue
        attributed[k] = True
        construction = chosen.construction if chosen else "konjunktiv1"
        if chosen is not None and chosen.cls != "attribution":
            construction = "verb"
        st_source, st_kind = (chosen.source, chosen.source_kind) if chosen else (None, "")
        if st_source is None and previous is not None and previous_k == k - 1 \
                and previous.speaker_start is not None and (embedded or any(konj1[i] for i in marked)):
            p0, p1 = tokens_of(previous.speaker_start, previous.speaker_end)
            st_source, st_kind, construction = (p0, p1), previous.speaker_kind, "continuation"
        who = doc.span(*st_source) if st_source else None
        speaker[k] = speaker[k] or who
        words = [i for i in marked if doc.texts[i].isalpha()]
        if not words:
            continue
        start, end = doc.starts[marked[0]], doc.end(marked[-1])
        while end > start and (doc.text[end - 1] in ".!?;:" or doc.text[end - 1].isspace()):
            end -= 1
        st = _statement(doc, "reported", start, end, k, chosen, construction,
                        source=st_source, source_kind=st_kind)
        statements.append(st)
        previous, previous_k = st, k

    statements.sort(key=lambda st: (st.start, st.end))
    return VoiceResult(voice, konj1, quotes, attributed, speaker, cues, statements)
