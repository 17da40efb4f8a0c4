"""Tone of one mention: the lexicon cues that bear on it and the target classifier.

See :mod:`framing.measures.actors` for what the polarity means."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from framing.measures.actors import structure as st
from framing.measures.actors.mentions import find_mentions, registry
from framing.model import Cue
from framing.resources import load_table

if TYPE_CHECKING:  # annotations only: the package imports without spaCy (dashboard, CSV)
    from framing.language.analysis import Analysis

_CLAUSE_PUNCT = st.CLAUSE_PUNCT
_NOMINAL_TAGS = ("NN", "NE", "PPER", "PDS", "PIS", "PRELS")
_NP_INNER = ("ART", "ADJA", "PPOSAT", "CARD", "PIAT", "PDAT", "ADV")
_PREP_TAGS = ("APPR", "APPRART")
_POS_OF_TAG = {"NN": "NOUN", "NE": "NOUN", "ADJA": "ADJ", "ADJD": "ADJ"}
_SHIFT_WINDOW = 3
_MIN_HEAD = 5  # shortest compound head looked up ("Lüge" is too short to split safely)
_MIN_HEAD_OFFSET = 3
_COMPOUND_FACTOR = 0.8
_COMPOUND_SCALE = 0.5



@dataclass(frozen=True)
class Lexicon:
    polarity: dict[tuple[str, str], float]
    by_lemma: dict[str, float]
    shifters: dict[str, float]
    verbs: dict[str, tuple[float, float]]
    particles: frozenset[str]


@lru_cache(maxsize=1)
def conduct() -> tuple[tuple[tuple[str, ...], float], ...]:
    """Verbs and verb phrases that evaluate the conduct of their subject
    (``lexicons/sentiment/conduct.tsv``) as (words, agent value); one word is read as a role
    verb, several as an idiom, both with patient 0."""
    return tuple((tuple(r["expression"].split()), float(r["agent"]))
                 for r in load_table("lexicons/sentiment/conduct.tsv").rows)


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
    for expression, agent in conduct():
        if len(expression) == 1:  # a conduct verb: its subject is judged ("taumelt", "kuscht")
            verbs.setdefault(expression[0], (agent, 0.0))
    particles = frozenset(r["particle"] for r in load_table("lexicons/sentiment/verb_particles.tsv").rows)
    return Lexicon(polarity, by_lemma, shifters, verbs, particles)



# --------------------------------------------------------------------------- helpers
@lru_cache(maxsize=50_000)
def compound_heads(lemma: str) -> tuple[str, ...]:
    """The possible heads of a closed compound, longest first: each ending of ``lemma`` of
    at least ``_MIN_HEAD`` letters (capitalised) whose left part is a known word, possibly
    with a linking element ("Wahl|niederlage", "Kriegs|verbrecher"). A left part that is no
    word ("Videoansp|rache") makes no split."""
    from framing.language.forms import is_known_modifier  # lazy: the dashboard imports this module without spaCy

    heads = []
    for k in range(_MIN_HEAD_OFFSET, len(lemma) - _MIN_HEAD + 1):
        if is_known_modifier(lemma[:k]):
            heads.append(lemma[k].upper() + lemma[k + 1:])
    return tuple(heads)


def _known_noun(word: str) -> bool:
    from framing.language.forms import form_table

    found = form_table().get(word)
    return found is not None and found[0] == "NN"


@lru_cache(maxsize=50_000)
def _compound_head_value(lemma: str) -> float:
    """Polarity of the head noun of a compound ("Wahlniederlage" -> "Niederlage"), scaled by
    ``_COMPOUND_FACTOR``; 0.0 when there is none. The longest head that is a lexicon noun
    or a known noun decides: "Videoansprache" is "Video|ansprache" (0), never "…|rache"."""
    lex = lexicon()
    for head in compound_heads(lemma):
        value = lex.polarity.get((head, "NOUN"))
        if value:
            return value * _COMPOUND_FACTOR
        if _known_noun(head):
            return 0.0
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
            # an article never closes a clause: "knickte ein" (HanTa tags "ein" ART)
            if particle in lex.particles and a.tags[last] in ("PTKVZ", "APPR", "ADV", "ADJD", "ART"):
                joined = particle + lemma
                return joined  # a particle closing the clause belongs to the verb
    return lemma


def _misread_verb(a: Analysis, k: int, clause: Sequence[int], lex: Lexicon) -> str:
    """The role verb behind a finite verb HanTa read as a participle adjective ("Putin
    verhöhnten die Ukraine": "verhöhnten" ADJA, lemma "verhöhnt"), else "". Only when the
    clause has no finite verb and no noun or adjective follows (an attributive adjective
    stands before its noun)."""
    if a.tags[k] != "ADJA" or not a.lemmas[k].endswith("t"):
        return ""
    if any(a.tags[j].endswith("FIN") for j in clause):
        return ""
    after = next((j for j in clause if j > k and a.is_word[j]), None)
    if after is not None and a.tags[after] in ("NN", "ADJA", "ADJD"):
        return ""
    lemma = a.lemmas[k][:-1] + "en"
    return lemma if lemma in lex.verbs else ""


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


def _close_apposition(a: Analysis, first: int, name: int) -> bool:
    """The name at ``name`` follows the common nouns of the phrase opened at ``first`` with
    nothing between ("die AfD-Vorsitzende Alice Weidel", "Bundeskanzler Friedrich Merz"):
    a close apposition, one phrase with one role. Two names in a row ("traf Trump
    Putin") are two phrases."""
    return (name > first and a.tags[name] == "NE" and a.tags[name - 1].startswith("NN")
            and all(a.tags[k].startswith("NN") for k in range(first, name)))


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
        agents = {pre[0]}
        for h in pre[1:]:  # "Trump und Putin feierten": every conjunct of the subject
            if _close_apposition(a, max(agents), h):
                agents.add(h)  # "die AfD-Vorsitzende Alice Weidel kritisierte": one phrase
                continue
            if not any(a.tags[k] == "KON" for k in range(max(agents) + 1, h)):
                break
            if any(a.tags[k].startswith("V") for k in range(max(agents) + 1, h)):
                break
            agents.add(h)
        return "agent" if head in agents else "patient"
    post = [h for h in heads if h > verb]
    if post and head != post[0] and len(post) > 1 and head == post[1] and _close_apposition(a, post[0], head):
        return "agent"  # "kritisierte die AfD-Vorsitzende Alice Weidel die Regierung"
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



# --------------------------------------------------------------------------- evidence
@dataclass(frozen=True)
class Evidence:
    """The lexicon cues that bear on one mention (the features of the target classifier).

    Only words of the mention's own sentence and voice are read. ``bearing`` are the polar
    words found by structure to say something about the actor (its own phrase, an
    apposition, a copula predicate, what it does as subject, an act noun it is attached
    to), as ``(lemma, value, shift, relation)``; ``sentence`` are the other polar words of
    the sentence (topic words left out) as ``(lemma, value, shift, in the mention's clause)``: the classifier may
    weigh the sentence's mood, but they never enter ``rule``. ``rule`` is the clipped sum of
    the signed bearing values and role values, in [-1, 1]; ``pos`` / ``neg`` the bearing
    mass by sign; ``agent`` / ``patient`` the summed role values; ``own`` the polarity of
    the mention's own words ("der Aggressor", the head of "Putin-Regime").
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
    bearing: tuple[tuple[str, float, float, str], ...]
    sentence: tuple[tuple[str, float, float, bool], ...]
    own: float
    subject: bool = False
    relation: str = ""  # how the mention's phrase is attached ("gen", "possessor", a preposition) or ""


@dataclass(frozen=True)
class RoleNoun:
    agent: float
    patient: float
    genitive: str


@lru_cache(maxsize=1)
def role_nouns() -> dict[str, RoleNoun]:
    return {r["lemma"]: RoleNoun(float(r["agent"]), float(r["patient"]), r["genitive"])
            for r in load_table("lexicons/sentiment/role_nouns.tsv").rows}


@dataclass(frozen=True)
class Idiom:
    words: tuple[str, ...]  # lowercased lemmas (or forms) that must all stand in one clause
    agent: float
    patient: float


@lru_cache(maxsize=1)
def idioms() -> tuple[Idiom, ...]:
    """Evaluative multi-word expressions (``lexicons/sentiment/idioms.tsv``), longest first
    so that "sich über den Tisch ziehen lassen" wins over "über den Tisch ziehen"."""
    found = []
    articles = st.words().idiom_article
    for row in load_table("lexicons/sentiment/idioms.tsv").rows:
        words = tuple(w.lower() for w in row["idiom"].split() if w.lower() not in articles)
        found.append(Idiom(words, float(row["agent"]), float(row["patient"])))
    known = {i.words for i in found}
    for expression, agent in conduct():  # conduct phrases: "sich ins eigene Knie schießen"
        words = tuple(w.lower() for w in expression if w.lower() not in articles)
        if len(expression) > 1 and words not in known:
            found.append(Idiom(words, agent, 0.0))
    return tuple(sorted(found, key=lambda i: -len(i.words)))


def _clause_forms(a: Analysis, clause: Sequence[int], lex: Lexicon) -> dict[str, list[int]]:
    """Lowercased lemma, word form and (for a verb whose separable particle closes the
    clause) particle + lemma of each word of the clause -> its token indices."""
    forms: dict[str, list[int]] = {}
    words = [k for k in clause if a.is_word[k]]
    last = words[-1] if words else -1
    for k in words:
        keys = {a.lemmas[k].lower(), a.lowers[k]}
        if a.tags[k].startswith("VV") and last > k and a.lowers[last] in lex.particles:
            keys.add(a.lowers[last] + a.lemmas[k].lower())
        for key in keys:
            forms.setdefault(key, []).append(k)
    return forms


@lru_cache(maxsize=1)
def _idioms_by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of each idiom -> the idioms' positions in :func:`idioms` ("" for an idiom
    without words), so that a clause is checked only against the idioms it can hold."""
    index: dict[str, list[int]] = {}
    for k, idiom in enumerate(idioms()):
        index.setdefault(idiom.words[0] if idiom.words else "", []).append(k)
    return {w: tuple(ks) for w, ks in index.items()}


def idioms_in(a: Analysis, clause: Sequence[int]) -> list[tuple[tuple[int, ...], Idiom]]:
    """The idioms of ``idioms.tsv`` whose words all stand in ``clause`` (each token used by
    one idiom at most, longest idiom first), as ``(tokens, idiom)``."""
    lex = lexicon()
    forms = _clause_forms(a, clause, lex)
    used: set[int] = set()
    found = []
    by_first = _idioms_by_first_word()
    every = idioms()
    # the idioms whose first word stands in the clause, in the order of idioms()
    candidates = sorted({k for w in (*forms, "") for k in by_first.get(w, ())})
    for idiom in (every[k] for k in candidates):
        if not all(w in forms for w in idiom.words):
            continue
        toks = []
        for w in idiom.words:
            free = [k for k in forms[w] if k not in used and k not in toks]
            if not free:
                break
            toks.append(free[0])
        if len(toks) == len(idiom.words):
            used.update(toks)
            found.append((tuple(sorted(toks)), idiom))
    return found


def _idiom_shift(a: Analysis, toks: Sequence[int], clause: Sequence[int], lex: Lexicon) -> float:
    """Product of the negators in the clause from three words before the idiom to its last
    word ("macht keine gute Figur", "spielt nicht auf Zeit")."""
    factor = 1.0
    lo = max(0, bisect.bisect_left(clause, toks[0]) - _SHIFT_WINDOW)
    for k in clause[lo:]:
        if k > toks[-1]:
            break
        f = lex.shifters.get(a.lemmas[k], lex.shifters.get(a.lowers[k]))
        if k not in toks and f is not None and f < 0:
            factor *= f
    return factor


@lru_cache(maxsize=1)
def affect_words() -> frozenset[str]:
    """Adjectives of feeling or expectation ("zufrieden", "besorgt"): they report the
    actor's state and never count as what the text says about it."""
    return frozenset(r["lemma"] for r in load_table("lexicons/sentiment/affect.tsv").rows)


@lru_cache(maxsize=1)
def topic_words() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_table("lexicons/sentiment/topic_words.tsv").rows)


def _quote_bounds(a: Analysis, t0: int) -> tuple[int, int] | None:
    idx = a.starts[t0]
    starts = [q.start for q in a.quotes]
    pos = bisect.bisect_right(starts, idx) - 1
    for q in a.quotes[max(0, pos - 3): pos + 1][::-1]:
        if q.kind != "scare" and q.start <= idx < q.end:
            return q.start, q.end
    return None


def _is_topic(a: Analysis, k: int) -> bool:
    topics = topic_words()
    lemma = a.lemmas[k]
    if lemma in topics or a.texts[k] in topics:
        return True
    return "-" in a.texts[k] and a.texts[k].rsplit("-", 1)[1] in topics  # "Ukraine-Krieg"


def _head_word(a: Analysis, k: int) -> str:
    """Lemma of a noun, or of the part after the last hyphen ("Kreml-Kritiker" -> "Kritiker")."""
    text = a.texts[k]
    if "-" in text:
        return text.rsplit("-", 1)[1]
    return a.lemmas[k]


@lru_cache(maxsize=50_000)
def _compound_role_noun(lemma: str) -> RoleNoun | None:
    """The act noun that heads a compound ("Luftangriff" -> "Angriff"), or ``None``
    (the longest head decides, as in :func:`_compound_head_value`)."""
    nouns = role_nouns()
    for head in compound_heads(lemma):
        noun = nouns.get(head)
        if noun is not None:
            return noun
        if _known_noun(head):
            return None
    return None


def _role_noun(a: Analysis, k: int) -> RoleNoun | None:
    nouns = role_nouns()
    found = nouns.get(a.lemmas[k]) or nouns.get(_head_word(a, k)) or nouns.get(a.texts[k])
    if found is None and a.tags[k] == "NN" and "-" not in a.texts[k]:
        found = _compound_role_noun(a.lemmas[k])
    return found


def structure_of(a: Analysis, sentence: int, cache: dict | None = None) -> st.Structure:
    """Structure of sentence ``sentence`` (cached in ``cache`` when given)."""
    if cache is not None and sentence in cache:
        return cache[sentence]
    sent = a.sentences[sentence]
    result = st.analyse(a, sent.tok_start, sent.tok_end)
    if cache is not None:
        cache[sentence] = result
    return result


def _cue(a: Analysis, i: int, kind: str, weight: float) -> Cue:
    return Cue(a.starts[i], a.end_of(i), a.texts[i], kind, weight)


def mention_evidence(a: Analysis, t0: int, t1: int, blocked: frozenset[int] = frozenset(),
                      starts: frozenset[int] = frozenset(), speaker_of_quote: bool = False,
                      cache: dict | None = None) -> Evidence:
    """Collect the cues that bear on the mention at tokens [t0, t1), from its own sentence.

    ``blocked`` are tokens of other mentions (never cues) and ``starts`` their first
    tokens; ``speaker_of_quote`` says the mention is the speaker of the quotation it sits
    in; ``cache`` keeps the sentence structures between mentions of one article.
    """
    lex = lexicon()
    sidx = a.sentence_of[t0]
    s = structure_of(a, sidx, cache)
    s0, s1 = s.s0, s.s1
    voice = a.voice[t0]
    qb = _quote_bounds(a, t0) if voice == "quote" else None

    def same_voice(k: int) -> bool:
        if qb is not None:
            return qb[0] <= a.starts[k] < qb[1]
        return a.voice[k] == voice

    own_clause = s.clause_at(t0)
    clause = [k for k, c in enumerate(s.clause, s0) if c == own_clause and same_voice(k)] or [t0]
    found_idioms = [(toks, i) for toks, i in idioms_in(a, clause)
                    if not any(t0 <= k < t1 or k in blocked for k in toks)]
    idiom_tokens = frozenset(k for toks, _ in found_idioms for k in toks)
    mc = s.chunk_at(t1 - 1)
    chunk = s.chunks[mc] if mc >= 0 else None
    relation: dict[int, tuple[str, float]] = {}  # token -> (relation, factor or fixed value)

    # a name compound ("Merkel-Lockdown"): what the sentence says is about the head thing,
    # so it reaches the named actor at half weight; the head itself is the ``own`` value
    scale = _COMPOUND_SCALE if t1 == t0 + 1 and "-" in a.texts[t0] and a.tags[t0] == "NN" else 1.0

    affect = affect_words()

    def mark(k: int, rel: str, factor: float = 1.0) -> None:
        factor *= scale
        if a.lemmas[k] in affect or a.lowers[k] in affect or k in idiom_tokens:
            return
        if k not in relation and not (t0 <= k < t1) and k not in blocked and same_voice(k):
            relation[k] = (rel, factor)

    role_values: list[tuple[int, str, float]] = []
    subject = False
    attached = ""
    possessive = a.tags[t0] == "PPOSAT" and t1 == t0 + 1
    if possessive:
        # "seine Lügen": what the phrase says of the thing it owns bears on the owner;
        # what the phrase does in the clause ("seine Truppen rücken vor") does not
        if chunk is not None:
            for k in range(chunk.start, chunk.end):
                mark(k, "owner")
        attached = "possessor"
        chunk = None
    if chunk is not None:
        for k in range(chunk.start, chunk.end):
            mark(k, "attr")
        for other in s.chunks:
            if other.apposition_of == mc:
                for k in range(other.start, other.end):
                    mark(k, "apposition")
        if chunk.attached_to >= 0:
            head = s.chunks[chunk.attached_to]
            attached = chunk.relation
            words = st.words()
            noun = _role_noun(a, head.head)
            if noun is None and head.relation == "gen" and head.attached_to >= 0:
                up = s.chunks[head.attached_to]  # "die Verfolgung Nawalnys durch den Kreml"
                if _role_noun(a, up.head) is not None:
                    head, noun = up, _role_noun(a, up.head)
            if chunk.relation == "possessor" or chunk.relation in words.agent_prep:
                role = "agent"
            elif chunk.relation == "gen":
                role = noun.genitive if noun else "bearer"
            elif chunk.relation in words.patient_prep:
                role = "patient"
            else:
                role = ""
            if noun is not None and role in ("agent", "patient"):
                value = noun.agent if role == "agent" else noun.patient
                if value and head.head not in blocked and same_voice(head.head):
                    role_values.append((head.head, role, value))
                for k in range(head.start, head.head):
                    if role == "agent":
                        mark(k, "act", 0.5)
            elif role in ("bearer", "agent"):
                for k in range(head.start, head.end):
                    mark(k, "owner" if role == "agent" else "bearer")
        c = chunk.clause
        subject = s.subject.get(c) == mc
        if subject and c in s.copula:
            for idx in s.predicates(mc):
                for k in range(s.chunks[idx].start, s.chunks[idx].end):
                    mark(k, "predicate")
            for k in clause:
                if a.tags[k] in ("ADJD", "ADV") or (a.tags[k] == "ADJA" and s.chunk_at(k) < 0):
                    mark(k, "predicate")
    cues: list[Cue] = []
    pos = neg = agent = patient = 0.0
    negated = False
    bearing: list[tuple[str, float, float, str]] = []
    demand = st.words().demand
    # "muss endlich liefern", "soll Führung zeigen": a demanded act gives its subject no credit
    demanded = any(a.lemmas[k] in demand or a.lowers[k] in demand for k in clause)
    for k in clause:
        misread = _misread_verb(a, k, clause, lex)
        if (possessive or k in blocked or k in idiom_tokens or not a.is_word[k] or (t0 <= k < t1)
                or not (a.tags[k].startswith("VV") or misread)):
            continue
        lemma = misread or _verb_lemma(a, k, clause, lex)
        if lemma in lex.verbs:
            role = _role(a, (t0, t1), k, clause, starts)
            if role:
                base = lex.verbs[lemma][0 if role == "agent" else 1]
                if base and not (demanded and role == "agent" and base > 0):
                    role_values.append((k, role, base))
                relation[k] = ("verb", 0.0)
            else:
                relation[k] = ("verb", 0.0)
    if subject and chunk is not None and chunk.clause not in s.passive:
        # "Putin ließ die Luftangriffe fortsetzen": the subject of a support verb is the
        # doer of the act its object names (role_nouns.tsv)
        supports = st.words().support_verb
        if any(a.tags[k].startswith("VV") and _verb_lemma(a, k, clause, lex) in supports for k in clause):
            for idx, other in enumerate(s.chunks):
                if (idx == mc or other.clause != chunk.clause or other.prep or other.attached_to >= 0
                        or other.head in blocked or not same_voice(other.head)):
                    continue
                noun = _role_noun(a, other.head)
                if noun is not None and noun.agent:
                    role_values.append((other.head, "agent", noun.agent))
    if subject and chunk is not None and chunk.clause not in s.copula and chunk.clause not in s.passive:
        for k in clause:
            # a manner adverb of what the subject does ("brutal", "geschickt"); polar verbs
            # count only through role_verbs.tsv: "hofft", "fürchtet", "lächelt" say how the
            # subject feels, not how the text judges it
            if a.tags[k] == "ADJD":
                mark(k, "act", 0.6)
    for k, role, base in role_values:
        factor, used = _shift(a, k, clause, lex)
        value = base * factor
        negated = negated or factor < 0
        if role == "agent":
            agent += value
        else:
            patient += value
        cues.append(_cue(a, k, role, value))
        cues.extend(_cue(a, u, "shifter", factor) for u in used)
    # an idiom of the mention's clause ("spielt auf Zeit", "rollt ihm den roten Teppich
    # aus"): its agent value bears on the clause subject, its patient value on another
    # actor of the clause (idioms.tsv)
    in_clause = chunk is not None and chunk.clause == s.clause_at(t0)
    if not possessive and in_clause and chunk.clause not in s.passive:
        for toks, idiom in found_idioms:
            base = idiom.agent if subject else idiom.patient
            if not base or (demanded and subject and base > 0):
                continue
            factor = _idiom_shift(a, toks, clause, lex)
            value = base * factor
            negated = negated or factor < 0
            if subject:
                agent += value
            else:
                patient += value
            start, end = a.starts[toks[0]], a.end_of(toks[-1])
            cues.append(Cue(start, end, a.text[start:end], "agent" if subject else "patient", value))
    sentence: list[tuple[str, float, float, bool]] = []
    for k in range(s0, s1):
        if k in blocked or k in idiom_tokens or (t0 <= k < t1) or not a.is_word[k] or not same_voice(k):
            continue
        rel, weight = relation.get(k, ("", 0.0))
        if rel == "verb":
            continue
        base = _polar_value(a, k, lex)
        if a.tags[k] == "VVFIN":  # "kündigte ... an" is "ankündigen", not "kündigen"
            joined = _verb_lemma(a, k, clause if s.clause_at(k) == own_clause else [], lex)
            if joined != a.lemmas[k]:
                base = lex.by_lemma.get(joined, 0.0)
        if not base:
            continue
        topic = _is_topic(a, k)
        if rel and not (topic and rel in ("act", "bearer")):
            factor, used = _shift(a, k, clause, lex) if s.clause_at(k) == own_clause else (_local_shift(a, k, lex), [])
            value = base * factor * weight
            negated = negated or factor < 0
            if value > 0:
                pos += value
            else:
                neg -= value
            bearing.append((a.lemmas[k].lower(), base, factor, rel))
            cues.append(_cue(a, k, rel, value))
            cues.extend(_cue(a, u, "shifter", factor) for u in used)
        elif not topic:
            sentence.append((a.lemmas[k].lower(), base, _local_shift(a, k, lex), s.clause_at(k) == own_clause))
    own_values = [(k, v) for k in range(t0, t1) if (v := _own_value(a, k, lex))]
    cues.extend(_cue(a, k, "own", v) for k, v in own_values)
    own = max(-1.0, min(1.0, sum(v for _, v in own_values)))
    rule = max(-1.0, min(1.0, pos - neg + agent + patient + own))
    return Evidence(rule, pos, neg, agent, patient, negated, voice, speaker_of_quote,
                    tuple(sorted(set(cues), key=lambda c: (c.start, c.kind))), tuple(bearing),
                    tuple(sentence), own, subject, attached)


def _own_value(a: Analysis, k: int, lex: Lexicon) -> float:
    """Polarity of a word inside a mention; for a name compound ("Putin-Regime",
    "Kreml-Kritiker") what its head says about the named actor."""
    text = a.texts[k]
    if "-" in text and a.tags[k] == "NN":
        noun = _role_noun(a, k)
        if noun is not None:
            return noun.patient
        head = text.rsplit("-", 1)[1]
        if head in topic_words():
            return 0.0
        value = lex.polarity.get((head, "NOUN")) or _compound_head_value(head.lower())
        return value or 0.0
    return _polar_value(a, k, lex)


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
