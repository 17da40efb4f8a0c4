"""Tone of one mention: the lexicon cues that bear on it and the target classifier.

See :mod:`framing.measures.actors` for what the polarity means."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.language.analysis import Analysis
from framing.measures.actors.mentions import find_mentions, registry
from framing.model import Cue
from framing.resources import load_table

_CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "(", ")", "-", "?", "!", "."})
_CLAUSE_CONJ = ("KON", "KOUS")
_NOMINAL_TAGS = ("NN", "NE", "PPER", "PDS", "PIS", "PRELS")
_NP_INNER = ("ART", "ADJA", "PPOSAT", "CARD", "PIAT", "PDAT", "ADV")
_PREP_TAGS = ("APPR", "APPRART")
_POS_OF_TAG = {"NN": "NOUN", "NE": "NOUN", "ADJA": "ADJ", "ADJD": "ADJ"}
_SHIFT_WINDOW = 3
_CLAUSE_WEIGHT = 1.0
_SENTENCE_WEIGHT = 0.4
_DECAY = 0.15
_WINDOW = 30
_MIN_HEAD = 5  # shortest compound head looked up ("Lüge" is too short to split safely)
_MIN_HEAD_OFFSET = 3
_COMPOUND_FACTOR = 0.8



@dataclass(frozen=True)
class Lexicon:
    polarity: dict[tuple[str, str], float]
    by_lemma: dict[str, float]
    shifters: dict[str, float]
    verbs: dict[str, tuple[float, float]]
    particles: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    polarity: dict[tuple[str, str], float] = {}
    for name in ("lexicons/sentiment/polarity.tsv", "lexicons/sentiment/polarity_news.tsv"):
        for row in load_table(name).rows:
            polarity[(row["lemma"], row["pos"])] = float(row["polarity"])
    by_lemma: dict[str, float] = {}
    for (lemma, _pos), value in polarity.items():
        if value:
            by_lemma.setdefault(lemma, value)
            by_lemma.setdefault(lemma.lower(), value)
    shifters = {r["lemma"]: float(r["factor"]) for r in load_table("lexicons/sentiment/shifters.tsv").rows}
    verbs = {r["lemma"]: (float(r["agent"]), float(r["patient"]))
             for r in load_table("lexicons/sentiment/role_verbs.tsv").rows}
    particles = frozenset(r["particle"] for r in load_table("lexicons/sentiment/verb_particles.tsv").rows)
    return Lexicon(polarity, by_lemma, shifters, verbs, particles)



# --------------------------------------------------------------------------- context
@dataclass(frozen=True)
class Evidence:
    """The lexicon cues around one mention (the features of the target classifier).

    ``rule`` is the clipped sum of the signed cue weights, in [-1, 1].
    """

    rule: float
    pos: float
    neg: float
    agent: float
    patient: float
    negated: bool
    voice: str
    quoted_speaker_is_target: bool
    cues: tuple[Cue, ...]
    context: tuple[str, ...]  # lemmas of the words of the mention's clause (for n-grams)
    left: tuple[str, ...]  # the three words before the mention, then after it
    right: tuple[str, ...]
    window: tuple[tuple[str, int], ...]  # (lemma, distance) of same-voice words nearby
    polar_window: tuple[tuple[str, float, float, int], ...]  # (lemma, value, shift, offset: < 0 left)
    own: float  # lexicon polarity of the mention's own words ("der Aggressor")


def _clauses(a: Analysis, s0: int, s1: int) -> list[int]:
    """Clause id per token of the sentence [s0, s1)."""
    ids = []
    clause = 0
    has_verb = False
    for i in range(s0, s1):
        text = a.texts[i]
        if text in _CLAUSE_PUNCT:
            ids.append(clause)
            clause += 1
            has_verb = False
            continue
        if a.tags[i] in _CLAUSE_CONJ and has_verb:
            clause += 1
            has_verb = False
        if a.tags[i].endswith("FIN"):
            has_verb = True
        ids.append(clause)
    return ids


def _quote_bounds(a: Analysis, t0: int) -> tuple[int, int] | None:
    idx = a.starts[t0]
    for q in a.quotes:
        if q.kind != "scare" and q.start <= idx < q.end:
            return q.start, q.end
    return None


@lru_cache(maxsize=50_000)
def _compound_head_value(lemma: str) -> float:
    """Polarity of the longest lexicon noun that ends a compound ("Wahlniederlage" ->
    "Niederlage"), scaled by ``_COMPOUND_FACTOR``; 0.0 when there is none."""
    lex = lexicon()
    for k in range(_MIN_HEAD_OFFSET, len(lemma) - _MIN_HEAD + 1):
        head = lemma[k].upper() + lemma[k + 1:]
        value = lex.polarity.get((head, "NOUN"))
        if value:
            return value * _COMPOUND_FACTOR
    return 0.0


def _polar_value(a: Analysis, i: int, lex: Lexicon) -> float:
    """Lexicon polarity of token ``i`` (lemma + POS, then lemma, then the lowercased form,
    then for nouns the head of a compound)."""
    tag = a.tags[i]
    lemma = a.lemmas[i]
    pos = "VERB" if tag.startswith("VV") else _POS_OF_TAG.get(tag)
    if pos is None:
        return 0.0
    value = lex.polarity.get((lemma, pos))
    if value is None:
        value = lex.by_lemma.get(lemma, lex.by_lemma.get(a.lowers[i]))
    if value is None and tag == "NN" and "-" not in lemma:
        value = _compound_head_value(lemma)
    return value or 0.0


def _verb_lemma(a: Analysis, i: int, in_clause: Sequence[int], lex: Lexicon) -> str:
    """Lemma of verb token ``i``, joined with a separable particle closing its clause."""
    lemma = a.lemmas[i]
    if a.tags[i] == "VVFIN":
        words = [k for k in in_clause if k > i and a.is_word[k]]
        if words:
            last = words[-1]
            particle = a.lowers[last]
            if particle in lex.particles and a.tags[last] in ("PTKVZ", "APPR", "ADV", "ADJD"):
                joined = particle + lemma
                if joined in lex.verbs or lex.by_lemma.get(joined):
                    return joined
    return lemma


def _np_in_pp(a: Analysis, k: int, lo: int) -> bool:
    j = k - 1
    while j >= lo and (a.tags[j] in _NP_INNER or a.tags[j] in ("NN", "NE")):
        j -= 1
    return j >= lo and a.tags[j] in _PREP_TAGS


def _nominal_heads(a: Analysis, toks: Sequence[int], mention: tuple[int, int],
                   starts: frozenset[int]) -> list[int]:
    """First token of each noun phrase not inside a prepositional phrase; every mention
    (``mention`` and the other mention starts ``starts``) opens a phrase of its own."""
    heads = []
    prev = -2
    lo = toks[0] if toks else 0
    for k in toks:
        is_nom = a.tags[k].startswith(_NOMINAL_TAGS) or mention[0] <= k < mention[1]
        new = prev != k - 1 or k == mention[0] or k in starts
        if is_nom and new and not _np_in_pp(a, k, lo):
            heads.append(k)
        if is_nom:
            prev = k
    return heads


def _role(a: Analysis, mention: tuple[int, int], verb: int, clause: Sequence[int],
          starts: frozenset[int]) -> str | None:
    """``agent``, ``patient`` or ``None`` for the mention with respect to verb token ``verb``."""
    reg = registry()
    t0 = mention[0]
    j = t0 - 1
    while j >= clause[0] and a.tags[j] in ("ART", "ADJA", "PDAT", "PPOSAT"):
        if a.lowers[j] in reg.patient_markers:
            return "patient"
        j -= 1
    before = a.lowers[j] if j >= clause[0] else ""
    passive = a.tags[verb] == "VVPP" and any(a.lemmas[k] == "werden" and a.tags[k].startswith("VA")
                                             for k in clause)
    if passive:
        if before in reg.passive_agent:
            return "agent"
        return None if _np_in_pp(a, t0, clause[0]) else "patient"
    if _np_in_pp(a, t0, clause[0]):
        return None
    heads = _nominal_heads(a, clause, mention, starts)
    head = next((h for h in heads if mention[0] <= h < mention[1] or h == t0), None)
    if head is None:
        return None
    pre = [h for h in heads if h < verb]
    if pre:
        return "agent" if head == pre[0] else "patient"
    post = [h for h in heads if h > verb]
    return "agent" if post and head == post[0] else "patient"


def _shift(a: Analysis, i: int, clause_toks: Sequence[int], lex: Lexicon) -> tuple[float, list[int]]:
    """Product of the shifters right before token ``i`` (and a trailing negator for verbs)."""
    factor = 1.0
    used = []
    pos = bisect.bisect_left(clause_toks, i)
    for k in clause_toks[max(0, pos - _SHIFT_WINDOW): pos]:
        f = lex.shifters.get(a.lemmas[k], lex.shifters.get(a.lowers[k]))
        if f is not None:
            factor *= f
            used.append(k)
    if a.tags[i] == "VVFIN":
        for k in clause_toks[pos + 1:]:
            f = lex.shifters.get(a.lowers[k])
            if f is not None and f < 0:
                factor *= f
                used.append(k)
                break
    return factor, used


def _local_shift(a: Analysis, i: int, lex: Lexicon) -> float:
    """Product of the shifters among the few words right before token ``i`` in its clause."""
    factor = 1.0
    k = i - 1
    seen = 0
    sentence = a.sentence_of[i]
    while k >= 0 and seen < _SHIFT_WINDOW and a.sentence_of[k] == sentence:
        if a.texts[k] in _CLAUSE_PUNCT:
            break
        f = lex.shifters.get(a.lemmas[k], lex.shifters.get(a.lowers[k]))
        if f is not None:
            factor *= f
        seen += a.is_word[k]
        k -= 1
    return factor


def _cue(a: Analysis, i: int, kind: str, weight: float) -> Cue:
    return Cue(a.starts[i], a.end_of(i), a.texts[i], kind, weight)


def mention_evidence(a: Analysis, t0: int, t1: int, blocked: frozenset[int] = frozenset(),
                      starts: frozenset[int] = frozenset(), speaker_of_quote: bool = False) -> Evidence:
    """Collect the lexicon cues for the mention at tokens [t0, t1) (see module docstring).

    ``blocked`` are tokens of other mentions (never cues) and ``starts`` their first
    tokens; ``speaker_of_quote`` says the mention is the speaker of the quotation it sits in.
    """
    lex = lexicon()
    sent = a.sentences[a.sentence_of[t0]]
    s0, s1 = sent.tok_start, sent.tok_end
    voice = a.voice[t0]
    qb = _quote_bounds(a, t0) if voice == "quote" else None
    clause_ids = _clauses(a, s0, s1)
    own = clause_ids[t0 - s0]

    def same_voice(k: int) -> bool:
        if qb is not None:
            return qb[0] <= a.starts[k] < qb[1]
        return a.voice[k] == voice

    usable = [k for k in range(s0, s1) if same_voice(k) and not (t0 <= k < t1)]
    clause = [k for k in range(s0, s1) if clause_ids[k - s0] == own and same_voice(k)]
    cues: list[Cue] = []
    pos = neg = agent = patient = 0.0
    negated = False
    by_clause: dict[int, list[int]] = {}
    for m in usable:
        by_clause.setdefault(clause_ids[m - s0], []).append(m)
    for k in usable:
        if k in blocked or not a.is_word[k]:
            continue
        in_clause = clause_ids[k - s0] == own
        dist = (t0 - k) if k < t0 else (k - t1 + 1)
        weight = (_CLAUSE_WEIGHT if in_clause else _SENTENCE_WEIGHT) / (1.0 + _DECAY * dist)
        clause_toks = by_clause[clause_ids[k - s0]]
        lemma = _verb_lemma(a, k, clause_toks, lex) if a.tags[k].startswith("VV") else ""
        if lemma in lex.verbs and in_clause:
            role = _role(a, (t0, t1), k, clause or [t0], starts)
            if role:
                base = lex.verbs[lemma][0 if role == "agent" else 1]
                factor, used = _shift(a, k, clause_toks, lex)
                if base:
                    value = base * factor
                    negated = negated or factor < 0
                    if role == "agent":
                        agent += value
                    else:
                        patient += value
                    cues.append(_cue(a, k, role, value))
                    cues.extend(_cue(a, u, "shifter", factor) for u in used)
            continue
        base = _polar_value(a, k, lex)
        if not base:
            continue
        factor, used = _shift(a, k, clause_toks, lex)
        value = base * factor * weight
        negated = negated or factor < 0
        if value > 0:
            pos += value
        else:
            neg -= value
        cues.append(_cue(a, k, "polar", value))
        cues.extend(_cue(a, u, "shifter", factor) for u in used)
    rule = max(-1.0, min(1.0, pos - neg + agent + patient))
    lo, hi = max(0, t0 - _WINDOW), min(len(a.doc), t1 + _WINDOW)
    near = [k for k in range(lo, hi)
            if a.is_word[k] and not (t0 <= k < t1) and k not in blocked
            and a.voice[k] != "excluded" and same_voice(k)]
    window = tuple((a.lemmas[k].lower(), (t0 - k) if k < t0 else (k - t1 + 1)) for k in near)
    polar = [(k, v, _local_shift(a, k, lex)) for k in near if (v := _polar_value(a, k, lex))]
    polar_window = tuple((a.lemmas[k].lower(), v, f, (k - t0) if k < t0 else (k - t1 + 1))
                         for k, v, f in polar)
    seen = {c.start for c in cues}
    cues.extend(_cue(a, k, "context", v * f) for k, v, f in polar if a.starts[k] not in seen)
    own_values = [(k, v) for k in range(t0, t1) if (v := _polar_value(a, k, lex))]
    cues.extend(_cue(a, k, "own", v) for k, v in own_values)
    own = max(-1.0, min(1.0, sum(v for _, v in own_values)))
    ctx = tuple(a.lemmas[k].lower() for k in clause if a.is_word[k] and k not in blocked)
    left = tuple(a.lemmas[k].lower() for k in usable if k < t0 and a.is_word[k])[-3:]
    right = tuple(a.lemmas[k].lower() for k in usable if k >= t1 and a.is_word[k])[:3]
    return Evidence(rule, pos, neg, agent, patient, negated, voice, speaker_of_quote,
                    tuple(sorted(set(cues), key=lambda c: (c.start, c.kind))), ctx, left, right,
                    window, polar_window, own)


def polarity_of(ev: Evidence) -> float:
    from framing.measures import target_model as targets

    model = targets.load()
    if model is None:
        return ev.rule
    return model.polarity(ev)


def token_range(a: Analysis, start: int, end: int) -> tuple[int, int]:
    starts = a.starts or [t.idx for t in a.doc]
    t0 = max(0, bisect.bisect_right(starts, start) - 1)
    if a.starts[t0] + len(a.texts[t0]) <= start and t0 + 1 < len(a.doc):
        t0 += 1
    t1 = max(t0 + 1, bisect.bisect_left(starts, end))
    return t0, t1


def target_polarity(analysis: Analysis, start: int, end: int) -> tuple[float, tuple[Cue, ...]]:
    """Polarity in [-1, 1] of the character span [start, end) as a mention, and its cues.

    Same code path as the mentions of :func:`score_actors`; other actor mentions in the
    sentence are not counted as cues. Used to score gold targets that are not registry
    actors.
    """
    ev = target_evidence(analysis, start, end)
    return polarity_of(ev), ev.cues


def target_evidence(analysis: Analysis, start: int, end: int) -> Evidence:
    t0, t1 = token_range(analysis, start, end)
    others = [s for s in find_mentions(analysis) if not (s.t0 < t1 and t0 < s.t1)]
    blocked = frozenset(k for s in others for k in range(s.t0, s.t1))
    return mention_evidence(analysis, t0, t1, blocked, frozenset(s.t0 for s in others))
