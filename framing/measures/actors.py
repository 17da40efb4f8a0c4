"""Sentiment toward actors: how a text presents each person, country or organisation it names.

:func:`score_actors` finds every mention of an actor (registry aliases from
``lexicons/actors/actors.tsv``, plus recurring proper names the registry does not know) and
gives each mention a polarity in [-1, 1]: below 0 the text presents the actor negatively
at that point, above 0 positively, 0 neutral. The polarity of a mention comes from its own
context only (:func:`target_polarity` scores any span the same way):

- the words of the mention's clause, and more weakly of its sentence, looked up in the
  German Polarity Lexicon (Klenner et al. 2010) plus a news supplement, weighted by their
  distance to the mention, flipped or dampened by a preceding negator ("nicht", "kein") and
  scaled by intensifiers ("sehr") and diminishers ("etwas"), from ``lexicons/sentiment/``;
- the actor's role as agent or target of an evaluative verb ("Russland griff die Ukraine
  an": negative for the agent; "Trump lobte Putin": positive for the target), found from
  word order, case-marking articles and passive voice;
- voice: only words in the mention's own voice count. A mention in the author's voice is
  not scored by words inside a quotation or reported clause (those are someone else's
  words), and words inside a quotation only score mentions inside that same quotation. So
  what Trump says about Putin counts for Putin (in Trump's voice), never for Trump.

These cues are turned into the mention's polarity by the target-sentiment classifier in
``framing/models/`` (trained on GerNTSA, see its model card): polarity = P(positive) -
P(negative). When the model file is absent the clipped sum of the lexicon cues is used.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.language.analysis import Analysis
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


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Mention:
    """One mention of an actor.

    ``voice`` is the voice of the mention's first token (``author``, ``quote``,
    ``reported``); ``polarity`` in [-1, 1] is how the mention's own context presents the
    actor (negative below 0); ``cues`` are the words behind it: ``polar`` (lexicon word
    in the sentence, weight = distance-weighted, shifted value), ``agent`` / ``patient``
    (evaluative verb and the actor's role in it), ``shifter`` (negator or intensifier,
    weight = factor), ``context`` (lexicon word in the wider same-voice window that the
    classifier also reads), ``own`` (a polar word inside the mention: "der Aggressor").
    """

    start: int
    end: int
    text: str
    actor: str
    kind: str
    sentence: int
    voice: str
    polarity: float
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class ActorScore:
    """Everything one article says about one actor.

    ``polarity`` is the mean mention polarity in [-1, 1] (below 0: presented negatively);
    ``share`` = ``mentions`` / all actor mentions of the article; ``quoted`` counts the
    quotations and reported statements whose speaker is this actor; ``evidence`` lists
    the indices of the sentences that mention it; ``polarity_author`` is the mean over the
    ``author_mentions`` (mentions in the author's own voice), 0.0 when there are none.
    """

    actor: str
    kind: str
    mentions: int
    share: float
    polarity: float
    quoted: int
    evidence: tuple[int, ...]
    author_mentions: int
    polarity_author: float


@dataclass(frozen=True)
class ActorsResult:
    """Actors of one article, most mentioned first; ``discovered`` names the actors
    that came from recurring proper names rather than the registry (kind ``unknown``)."""

    actors: tuple[ActorScore, ...]
    mentions: tuple[Mention, ...]
    total_mentions: int
    discovered: tuple[str, ...]


# --------------------------------------------------------------------------- data
@dataclass(frozen=True)
class _Alias:
    actor: str
    kind: str
    alias_type: str
    valid_from: str
    valid_to: str


@dataclass(frozen=True)
class _Registry:
    by_first: dict[str, tuple[tuple[tuple[str, ...], tuple[_Alias, ...]], ...]]
    locative: frozenset[str]
    role_blockers: frozenset[str]
    passive_agent: frozenset[str]
    patient_markers: frozenset[str]
    names: dict[str, str]  # alias text -> actor (non-role aliases), for speaker strings


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("de").tokenizer


def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokenizer()(alias) if not t.is_space)


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    grouped: dict[tuple[str, ...], list[_Alias]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in load_table("lexicons/actors/actors.tsv").rows:
        alias = _Alias(row["actor"], row["kind"], row["alias_type"],
                       row.get("valid_from", ""), row.get("valid_to", ""))
        grouped[_alias_tokens(row["alias"])].append(alias)
        if alias.alias_type != "role":
            names.setdefault(row["alias"], row["actor"])
    by_first: dict[str, list] = defaultdict(list)
    for toks, aliases in grouped.items():
        if toks:
            by_first[toks[0]].append((toks, tuple(aliases)))
    context = load_table("lexicons/actors/context.tsv").rows
    return _Registry(
        by_first={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in by_first.items()},
        locative=frozenset(r["word"] for r in context if r["kind"] == "locative"),
        role_blockers=frozenset(r["word"] for r in context if r["kind"] == "role_blocker"),
        passive_agent=frozenset(r["word"] for r in context if r["kind"] == "passive_agent"),
        patient_markers=frozenset(r["word"] for r in context if r["kind"] == "patient_marker"),
        names=names,
    )


@dataclass(frozen=True)
class _Lexicon:
    polarity: dict[tuple[str, str], float]
    by_lemma: dict[str, float]
    shifters: dict[str, float]
    verbs: dict[str, tuple[float, float]]
    particles: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
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
    return _Lexicon(polarity, by_lemma, shifters, verbs, particles)


# --------------------------------------------------------------------------- matching
@dataclass(frozen=True)
class _Span:
    t0: int
    t1: int
    actor: str
    kind: str
    alias_type: str


def _pick_holder(aliases: Sequence[_Alias], date: str | None) -> _Alias:
    """The alias whose validity covers ``date`` (ISO); the most recent one otherwise."""
    if len(aliases) == 1:
        return aliases[0]
    if date:
        day = date[:10]
        for alias in aliases:
            if (not alias.valid_from or alias.valid_from <= day) and (not alias.valid_to or day < alias.valid_to):
                return alias
        earlier = [a for a in aliases if not a.valid_from or a.valid_from <= day]
        if earlier:
            return max(earlier, key=lambda a: a.valid_from)
    return max(aliases, key=lambda a: a.valid_from)


def _match_at(texts: Sequence[str], i: int, reg: _Registry):
    for toks, aliases in reg.by_first.get(texts[i], ()):
        if tuple(texts[i: i + len(toks)]) == toks:
            return len(toks), aliases
    return None


def _registry_spans(a: Analysis, skipped: list[tuple[int, int]] | None = None) -> list[_Span]:
    """Registry matches; aliases that turned out not to name an actor ("in Moskau",
    "der frühere US-Präsident") go to ``skipped``."""
    reg = _registry()
    skipped = [] if skipped is None else skipped
    texts = [t.text for t in a.doc]
    n = len(texts)
    date = a.article.date
    spans: list[_Span] = []
    i = 0
    while i < n:
        if a.voice[i] == "excluded" or texts[i] not in reg.by_first:
            i += 1
            continue
        hit = _match_at(texts, i, reg)
        if hit is None:
            i += 1
            continue
        length, aliases = hit
        prev = texts[i - 1].lower() if i else ""
        alias = _pick_holder(aliases, date)
        if alias.alias_type == "role":
            # "US-Präsident Trump": the name decides; "der frühere US-Präsident": someone else.
            nxt = _match_at(texts, i + length, reg) if i + length < n and texts[i + length] in reg.by_first else None
            if nxt is not None and _pick_holder(nxt[1], date).alias_type != "role":
                named = _pick_holder(nxt[1], date)
                spans.append(_Span(i, i + length + nxt[0], named.actor, named.kind, named.alias_type))
                i += length + nxt[0]
                continue
            if prev in reg.role_blockers or (i >= 2 and texts[i - 2].lower() in reg.role_blockers
                                            and a.tags[i - 1] == "ADJA"):
                skipped.append((i, i + length))
                i += length
                continue
        elif alias.alias_type == "metonym" and prev in reg.locative:
            skipped.append((i, i + length))
            i += length
            continue
        spans.append(_Span(i, i + length, alias.actor, alias.kind, alias.alias_type))
        i += length
    return spans


def _is_name_token(a: Analysis, i: int) -> bool:
    text = a.texts[i]
    return (a.tags[i] == "NE" and text[:1].isupper() and len(text) > 1
            and any(ch.isalpha() for ch in text) and a.voice[i] != "excluded")


def _discover(a: Analysis, taken: list[bool]) -> list[_Span]:
    """Recurring proper-name sequences the registry does not know (kind ``unknown``)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(a.doc)
    while i < n:
        if taken[i] or not _is_name_token(a, i):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and _is_name_token(a, j) and a.sentence_of[j] == a.sentence_of[i]:
            j += 1
        runs.append((i, j))
        i = j
    forms = [tuple(a.texts[k] for k in range(r0, r1)) for r0, r1 in runs]
    counts = Counter(forms)
    # A full name gathers its bare last name ("Vitaly Portnikov" ... "Portnikov").
    full_of_last: dict[str, tuple[str, ...]] = {}
    for form in sorted(counts, key=lambda f: (-len(f), -counts[f])):
        if len(form) > 1:
            full_of_last.setdefault(form[-1], form)
    canonical = []
    for form in forms:
        if len(form) == 1 and form[0] in full_of_last:
            canonical.append(full_of_last[form[0]])
        elif len(form) > 1 and form[-1] in full_of_last:
            canonical.append(full_of_last[form[-1]])
        else:
            canonical.append(form)
    totals = Counter(canonical)
    # Places: a name that mostly follows "in", "nach", "bei" ... is a location, not an actor.
    locative = _registry().locative
    at_place = Counter(c for (r0, _), c in zip(runs, canonical)
                       if r0 and a.lowers[r0 - 1] in locative)
    return [_Span(r0, r1, " ".join(c), "unknown", "discovered")
            for (r0, r1), c in zip(runs, canonical)
            if totals[c] >= 2 and at_place[c] * 2 < totals[c]]


def _find_mentions(a: Analysis) -> list[_Span]:
    """Token spans of all actor mentions (registry first, then discovered names)."""
    skipped: list[tuple[int, int]] = []
    spans = _registry_spans(a, skipped)
    taken = [False] * len(a.doc)
    for t0, t1 in [(s.t0, s.t1) for s in spans] + skipped:
        for k in range(t0, t1):
            taken[k] = True
    spans += _discover(a, taken)
    spans.sort(key=lambda s: s.t0)
    return spans


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
    lex = _lexicon()
    for k in range(_MIN_HEAD_OFFSET, len(lemma) - _MIN_HEAD + 1):
        head = lemma[k].upper() + lemma[k + 1:]
        value = lex.polarity.get((head, "NOUN"))
        if value:
            return value * _COMPOUND_FACTOR
    return 0.0


def _polar_value(a: Analysis, i: int, lex: _Lexicon) -> float:
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


def _verb_lemma(a: Analysis, i: int, in_clause: Sequence[int], lex: _Lexicon) -> str:
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
    reg = _registry()
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


def _shift(a: Analysis, i: int, clause_toks: Sequence[int], lex: _Lexicon) -> tuple[float, list[int]]:
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


def _local_shift(a: Analysis, i: int, lex: _Lexicon) -> float:
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


def _mention_evidence(a: Analysis, t0: int, t1: int, blocked: frozenset[int] = frozenset(),
                      starts: frozenset[int] = frozenset(), speaker_of_quote: bool = False) -> Evidence:
    """Collect the lexicon cues for the mention at tokens [t0, t1) (see module docstring).

    ``blocked`` are tokens of other mentions (never cues) and ``starts`` their first
    tokens; ``speaker_of_quote`` says the mention is the speaker of the quotation it sits in.
    """
    lex = _lexicon()
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


def _polarity(ev: Evidence) -> float:
    from framing.measures import target_model as targets

    model = targets.load()
    if model is None:
        return ev.rule
    return model.polarity(ev)


def _token_range(a: Analysis, start: int, end: int) -> tuple[int, int]:
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
    ev = _target_evidence(analysis, start, end)
    return _polarity(ev), ev.cues


def _target_evidence(analysis: Analysis, start: int, end: int) -> Evidence:
    t0, t1 = _token_range(analysis, start, end)
    others = [s for s in _find_mentions(analysis) if not (s.t0 < t1 and t0 < s.t1)]
    blocked = frozenset(k for s in others for k in range(s.t0, s.t1))
    return _mention_evidence(analysis, t0, t1, blocked, frozenset(s.t0 for s in others))


# --------------------------------------------------------------------------- speakers
def _actor_of_speaker(text: str | None, spans_in: list[_Span]) -> str | None:
    if spans_in:
        return spans_in[0].actor
    if not text:
        return None
    reg = _registry()
    if text in reg.names:
        return reg.names[text]
    for word in reversed(text.split()):
        if word in reg.names:
            return reg.names[word]
    return None


def _quoted_counts(a: Analysis, spans: list[_Span]) -> tuple[Counter, dict[int, str]]:
    """Times each actor is the speaker of a quotation or reported statement; and, per
    quotation index, its speaking actor."""
    starts = [a.starts[s.t0] for s in spans]
    counts: Counter = Counter()
    quote_speaker: dict[int, str] = {}
    discovered = {s.actor for s in spans if s.kind == "unknown"}
    covered: set[tuple[int, str]] = set()
    for qi, q in enumerate(a.quotes):
        if q.kind == "scare":
            continue
        inside = []
        if q.speaker_start is not None:
            lo = bisect.bisect_left(starts, q.speaker_start)
            hi = bisect.bisect_left(starts, q.speaker_end or 0, lo=lo)
            inside = spans[lo:hi]
        who = _actor_of_speaker(q.speaker, inside)
        if who is None and q.speaker:
            who = next((d for d in discovered if q.speaker.endswith(d.split()[-1])), None)
        if who:
            counts[who] += 1
            quote_speaker[qi] = who
            sent = a.sentence_of[min(len(a.doc) - 1, _token_range(a, q.start, q.start + 1)[0])]
            covered.add((sent, who))
    for s in a.sentences:
        if s.excluded or not s.attributed or not s.speaker:
            continue
        who = _actor_of_speaker(s.speaker, [])
        if who is None:
            who = next((d for d in discovered if s.speaker.endswith(d.split()[-1])), None)
        if who and (s.index, who) not in covered:
            counts[who] += 1
    return counts, quote_speaker


# --------------------------------------------------------------------------- public
def score_actors(analysis: Analysis) -> ActorsResult:
    """Who the article names, how often, and how it presents each of them.

    Returns the actors sorted by mention count (then name), every mention with its
    polarity in [-1, 1] (below 0: presented negatively) and its cues, and the total
    number of mentions (the denominator of ``share``). Mentions in page furniture are
    not counted. Registry: ``lexicons/actors/actors.tsv``; lexicons: ``lexicons/sentiment/``;
    classifier: ``models/targets.json`` (GerNTSA, CC BY 4.0).
    """
    a = analysis
    spans = _find_mentions(a)
    quoted, quote_speaker = _quoted_counts(a, spans)
    quote_ranges = [(q.start, q.end, quote_speaker.get(i)) for i, q in enumerate(a.quotes) if q.kind != "scare"]
    all_tokens = [set(range(s.t0, s.t1)) for s in spans]
    mentions: list[Mention] = []
    in_sentence: dict[int, list[int]] = defaultdict(list)
    for j, s in enumerate(spans):
        in_sentence[a.sentence_of[s.t0]].append(j)
    for idx, s in enumerate(spans):
        others = [j for j in in_sentence[a.sentence_of[s.t0]] if j != idx]
        blocked = frozenset().union(*(all_tokens[j] for j in others))
        starts = frozenset(spans[j].t0 for j in others)
        start = a.starts[s.t0]
        end = a.end_of(s.t1 - 1)
        speaker = next((who for q0, q1, who in quote_ranges if q0 <= start < q1), None)
        ev = _mention_evidence(a, s.t0, s.t1, blocked, starts, speaker_of_quote=speaker == s.actor)
        mentions.append(Mention(
            start=start, end=end, text=a.text[start:end], actor=s.actor, kind=s.kind,
            sentence=a.sentence_of[s.t0], voice=a.voice[s.t0], polarity=_polarity(ev), cues=ev.cues,
        ))
    total = len(mentions)
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_actor[m.actor].append(m)
    scores = []
    for actor, ms in by_actor.items():
        author = [m for m in ms if m.voice == "author"]
        scores.append(ActorScore(
            actor=actor, kind=ms[0].kind, mentions=len(ms), share=len(ms) / total,
            polarity=sum(m.polarity for m in ms) / len(ms), quoted=quoted.get(actor, 0),
            evidence=tuple(sorted({m.sentence for m in ms})), author_mentions=len(author),
            polarity_author=sum(m.polarity for m in author) / len(author) if author else 0.0,
        ))
    scores.sort(key=lambda sc: (-sc.mentions, sc.actor))
    discovered = tuple(sorted({s.actor for s in spans if s.kind == "unknown"}))
    return ActorsResult(actors=tuple(scores), mentions=tuple(mentions), total_mentions=total,
                        discovered=discovered)
