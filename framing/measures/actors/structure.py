"""Rule-based clause and noun-phrase analysis of one sentence over the HanTa STTS tags.

No parser: one left-to-right pass over the sentence's tokens builds

- clauses (split at punctuation and at a conjunction after a finite verb),
- noun phrases (chunks: articles, determiners, adjectives, nouns, names; a personal
  pronoun is a one-word chunk ("er", "ihn": case ``obl`` for the oblique forms); a genitive name
  before a noun ("Putins Angriffskrieg") and a genitive after one ("die Verfolgung
  Nawalnys", "die Rede des Präsidenten") are chunks of their own),
- for each chunk: the preposition that governs it, a case guess from its article
  (``gen``, ``obl`` for accusative/dative, ``""`` unknown), the chunk it is attached to
  (a genitive after a noun, a genitive name before one, a prepositional phrase right after
  a noun phrase) and the relation (``gen``, ``possessor``, or the preposition),
- appositions (", der selbsternannte Dealmaker,"), the clause's finite verb, whether the
  clause is a copula clause ("ist", "bleibt", "gilt als", and with "sich": "erweist sich
  als", "zeigte sich") or a passive.

Everything is linear in the sentence length. Function words come from
``lexicons/sentiment/structure.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from framing.resources import load_table

if TYPE_CHECKING:  # annotations only: the package imports without spaCy (dashboard, CSV)
    from framing.language.analysis import Analysis

CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "(", ")", "-", "?", "!", ".", "„", "“", "\"", "«", "»"})
_CLAUSE_CONJ = ("KON", "KOUS")
_DET = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "CARD"})
_NOUN = frozenset({"NN", "NE"})
_NP = _DET | _NOUN | {"ADJA", "TRUNC"}
_PREP = frozenset({"APPR", "APPRART"})


@dataclass(frozen=True)
class Words:
    copula: frozenset[str]
    agent_prep: frozenset[str]
    patient_prep: frozenset[str]
    genitive: frozenset[str]
    oblique: frozenset[str]
    predicate_prep: frozenset[str]
    reflexive_copula: frozenset[str] = frozenset()  # copula only with "sich": "erweist sich als"
    support_verb: frozenset[str] = frozenset()  # its subject does the act its object names: "setzte die Angriffe fort"
    oblique_pronoun: frozenset[str] = frozenset()  # "ihn", "ihm": the pronoun is not the subject
    idiom_article: frozenset[str] = frozenset()  # left out of an idiom's words ("über den Tisch ziehen")
    demand: frozenset[str] = frozenset()  # "muss endlich liefern": the act is demanded, not done


@lru_cache(maxsize=1)
def words() -> Words:
    rows = load_table("lexicons/sentiment/structure.tsv").rows

    def kind(k: str) -> frozenset[str]:
        return frozenset(r["word"] for r in rows if r["kind"] == k)

    return Words(kind("copula"), kind("agent_prep"), kind("patient_prep"),
                 kind("genitive_article"), kind("oblique_article"), kind("predicate_prep"),
                 kind("reflexive_copula"), kind("support_verb"), kind("oblique_pronoun"),
                 kind("idiom_article"), kind("demand"))


@dataclass
class Chunk:
    """A noun phrase: tokens [start, end), ``head`` = its last noun or name."""

    start: int
    end: int
    head: int
    clause: int
    prep: str = ""  # lowercased governing preposition, "" when none
    case: str = ""  # "gen", "obl" or "" (unknown: nominative or ambiguous)
    attached_to: int = -1  # index of the chunk this one modifies
    relation: str = ""  # "gen" (after a noun), "possessor" (name before a noun), or the preposition
    apposition_of: int = -1  # index of the chunk this one is an apposition of


@dataclass
class Structure:
    """The analysis of the sentence [s0, s1); per-token lists are indexed ``k - s0``."""

    s0: int
    s1: int
    clause: list[int]
    chunk_of: list[int]
    chunks: list[Chunk]
    finite: dict[int, int] = field(default_factory=dict)  # clause -> finite verb token
    copula: set[int] = field(default_factory=set)  # clauses whose finite verb is a copula
    passive: set[int] = field(default_factory=set)  # clauses with "werden" + participle
    subject: dict[int, int] = field(default_factory=dict)  # clause -> chunk index

    def predicates(self, mc: int) -> list[int]:
        """Chunks predicated of chunk ``mc`` when it is the subject of a copula clause
        ("Putin ist ein Kriegsverbrecher", "Trump gilt als Friedensstifter")."""
        chunk = self.chunks[mc]
        c = chunk.clause
        if self.subject.get(c) != mc or c not in self.copula:
            return []
        pred = words().predicate_prep
        return [idx for idx, other in enumerate(self.chunks)
                if other.clause == c and idx != mc and (not other.prep or other.prep in pred)
                and other.attached_to < 0 and other.apposition_of < 0 and other.case != "gen"]

    def chunk_at(self, k: int) -> int:
        return self.chunk_of[k - self.s0]

    def clause_at(self, k: int) -> int:
        return self.clause[k - self.s0]


def _genitive_name(a: Analysis, k: int) -> bool:
    """A name in the genitive: "Putins", "Nawalnys" (text = lemma + s)."""
    text = a.texts[k]
    return a.tags[k] == "NE" and len(text) > 2 and text.endswith("s") and a.lemmas[k] == text[:-1]


def analyse(a: Analysis, s0: int, s1: int) -> Structure:
    """Clause and noun-phrase structure of the sentence spanning tokens [s0, s1)."""
    w = words()
    n = s1 - s0
    clause = [0] * n
    cid, has_verb = 0, False
    finite_in: set[int] = set()
    joined: list[int] = []  # clauses opened by "und"/"oder" (merged back when verbless)
    for i in range(s0, s1):
        tag = a.tags[i]
        if a.texts[i] in CLAUSE_PUNCT:
            clause[i - s0] = cid
            cid += 1
            has_verb = False
            continue
        if tag in _CLAUSE_CONJ and has_verb:
            cid += 1
            has_verb = False
            if tag == "KON":
                joined.append(cid)
        if tag.endswith("FIN"):
            has_verb = True
            finite_in.add(cid)
        clause[i - s0] = cid
    # "eine absurde und schädliche Zumutung": a conjunct without a finite verb stays in its clause
    merge = {c for c in joined if c not in finite_in}
    if merge:
        for i in range(n):
            if clause[i] in merge:
                clause[i] -= 1
    st = Structure(s0, s1, clause, [-1] * n, [])
    # finite verbs, copula and passive clauses
    has_pp: set[int] = set()
    full_verb: set[int] = set()  # clauses with a full verb besides a copula
    werden: set[int] = set()
    reflexive = {clause[i - s0] for i in range(s0, s1) if a.tags[i] == "PRF"}
    for i in range(s0, s1):
        tag, c = a.tags[i], clause[i - s0]
        if tag.endswith("FIN") and c not in st.finite:
            st.finite[c] = i
        if tag.startswith("VV") and tag != "VVPP" and a.lemmas[i] in w.reflexive_copula and c in reflexive:
            st.copula.add(c)  # "erwies sich als Fehlschlag", "zeigte sich besonnen"
        elif tag.startswith(("VA", "VV")) and tag != "VVPP" and a.lemmas[i] in w.copula:
            st.copula.add(c)
            if a.lemmas[i] == "werden":
                werden.add(c)
        elif tag.startswith("VV"):
            full_verb.add(c)
        if tag == "VVPP":
            has_pp.add(c)
    st.passive = werden & has_pp
    st.copula -= full_verb  # "würde zustimmen", "wurde angegriffen" are not copula clauses
    # chunks
    i = s0
    while i < s1:
        if a.tags[i] == "PPER":  # a personal pronoun is a phrase of its own ("Er lügt")
            chunk = Chunk(i, i + 1, i, clause[i - s0])
            if i > s0 and a.tags[i - 1] in _PREP:
                chunk.prep = a.lowers[i - 1]
            if a.lowers[i] in w.oblique_pronoun:
                chunk.case = "obl"
            st.chunk_of[i - s0] = len(st.chunks)
            st.chunks.append(chunk)
            i += 1
            continue
        if a.tags[i] not in _NP:
            i += 1
            continue
        j = i
        head = -1
        while j < s1 and a.tags[j] in _NP and clause[j - s0] == clause[i - s0]:
            tag = a.tags[j]
            if head >= 0 and (tag in _DET or tag == "ADJA"):
                break  # a new phrase opens: "den Angriff der Armee"
            if head >= 0 and tag in _NOUN and (_genitive_name(a, j) or _genitive_name(a, head)):
                if not (a.tags[head] == "NE" and tag == "NE" and not _genitive_name(a, head)):
                    break  # "Verfolgung | Nawalnys", "Putins | Angriffskrieg"
            if head >= 0 and tag == "NE" and a.tags[head] == "NN":
                last = j
                while last + 1 < s1 and a.tags[last + 1] == "NE":
                    last += 1
                if _genitive_name(a, last):
                    break  # "die Idee | Donald Trumps"
            if tag in _NOUN:
                head = j
            j += 1
        if head < 0:
            i = max(j, i + 1)
            continue
        end = head + 1
        chunk = Chunk(i, end, head, clause[i - s0])
        if i > s0 and a.tags[i - 1] in _PREP:
            chunk.prep = a.lowers[i - 1]
        first = a.lowers[i]
        if first in w.genitive or (i == head and _genitive_name(a, head)):
            chunk.case = "gen"
        elif first in w.oblique:
            chunk.case = "obl"
        idx = len(st.chunks)
        st.chunks.append(chunk)
        for k in range(i, end):
            st.chunk_of[k - s0] = idx
        i = end
    # attachments and appositions
    chunks = st.chunks
    for idx, ch in enumerate(chunks):
        prev = chunks[idx - 1] if idx else None
        if prev is not None and (a.tags[prev.head] == "PPER" or a.tags[ch.head] == "PPER"):
            continue  # nothing attaches to or from a pronoun ("traf ihn in Alaska")
        adjacent = prev is not None and prev.end == ch.start
        if adjacent and not ch.prep and (ch.case == "gen" or a.lowers[ch.start] == "der"):
            if _genitive_name(a, prev.head) and prev.start == prev.head:
                prev.attached_to, prev.relation = idx, "possessor"
            else:
                ch.attached_to, ch.relation, ch.case = idx - 1, "gen", "gen"
        elif adjacent and not ch.prep and _genitive_name(a, prev.head) and prev.start == prev.head:
            prev.attached_to, prev.relation = idx, "possessor"
        elif ch.prep and prev is not None and prev.end == ch.start - 1 and not prev.prep:
            ch.attached_to, ch.relation = idx - 1, ch.prep
        elif ch.prep and prev is not None and prev.end == ch.start - 1 and prev.attached_to >= 0:
            ch.attached_to, ch.relation = idx - 1, ch.prep  # "Kritik an der Haltung zu Russland"
        if (prev is not None and not ch.prep and ch.start == prev.end + 1 and a.texts[prev.end] == ","
                and a.tags[ch.start] != "PRELS"):
            after = ch.end
            if after >= s1 or a.texts[after] in CLAUSE_PUNCT:
                ch.apposition_of = idx - 1
    # subjects: the first chunk of a clause without preposition, not oblique, not attached
    for idx, ch in enumerate(chunks):
        c = ch.clause
        if c in st.subject or ch.prep or ch.case in ("gen", "obl") or ch.attached_to >= 0 or ch.apposition_of >= 0:
            continue
        st.subject[c] = idx
    return st
