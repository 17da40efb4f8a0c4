"""Who says it: cues of speech and their sources, found by clause structure over STTS tags.

A *speech event* is a cue (a verb of saying such as "sagte", "teilte ... mit", or an
attribution phrase such as "laut", "zufolge", "nach Angaben") and its *source*, the phrase
that names who speaks. The source is found by structure, not by distance:

1. the sentence is cut into clauses at punctuation, dashes and quotation marks;
2. a clause is chunked into noun phrases ([article] [adjectives] nouns/names [genitive
   attribute]) and pronouns; a phrase after a preposition belongs to a prepositional
   phrase ("am Freitag", "auf der Insel Walaam") and is never a subject; a phrase whose
   article or pronoun is not nominative ("dem", "den", "des", "einen", "ihm") is not either;
3. for a verb cue the subject is looked for first in the Vorfeld (before the finite verb:
   "Trump sagte"), then in the Mittelfeld after it ("…, sagte der Kremlsprecher"); in a
   subordinate clause ("wie X mitteilte", "dass X sagte") after the conjunction; a clause
   that opens with "und" without a subject takes the subject of the clause before it; a
   passive verb of saying takes its agent ("wurde von Trump angekündigt");
4. a phrase counts as a source only when it can speak: an alias of the actor registry
   (``lexicons/actors/actors.tsv``: "Moskau", "das Weiße Haus", "der Kreml"), a proper
   name, a noun of ``lexicons/voice/speaker_nouns.tsv`` ("Kremlsprecher", "Sprecher des
   Außenministeriums", "Regierung"), or a pronoun. Heads listed in
   ``lexicons/voice/not_speakers.tsv`` (weekdays, "Dienstagmorgen", "Insel") never do; other
   nouns ("Sanktionen", "ein Ende") are skipped as not able to speak.

Attribution phrases come from ``lexicons/voice/attribution.tsv`` ("laut X": the source
follows; "X zufolge": it precedes; "heißt es": no source; "eigenen Angaben zufolge",
"nach eigenen Worten": the subject of the clause speaks). Everything is one pass over the
sentence: linear in its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.resources import load_table

#: Tokens that end a clause.
CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-", "„", "“", "”", "\"", "»", "«",
                           "‚", "‘", "›", "‹", "?", "!", "."})
_QUOTE_MARKS = frozenset({"„", "“", "”", "\"", "»", "«", "‚", "‘", "›", "‹"})
_DET_TAGS = frozenset({"ART", "PPOSAT", "PIAT", "PDAT", "PWAT", "PIDAT"})
_MOD_TAGS = frozenset({"ADJA", "ADJD", "CARD"})
_NOUN_TAGS = frozenset({"NN", "NE", "FM"})
_PREP_TAGS = frozenset({"APPR", "APPRART", "APPO"})
_PRON_TAGS = frozenset({"PPER", "PIS", "PDS", "PRELS"})
_SUBORDINATORS = frozenset({"KOUS", "PWAV", "PRELS", "KOUI"})


@dataclass(frozen=True)
class SpeechEvent:
    """One cue of speech and its source, as token ranges (end exclusive).

    ``cls`` is the cue's class: ``say``, ``think``, ``know`` (verbs, see
    ``cue_verbs.tsv``) or ``attribution`` ("laut", "zufolge"). ``source_kind`` says what
    the source phrase is: ``actor`` (registry alias), ``name`` (proper name), ``role``,
    ``group``, ``institution`` (a noun of ``speaker_nouns.tsv``), ``pronoun`` (er, sie,
    relative "der"), ``first_person`` (ich, wir), ``generic`` (man, niemand, Sie), or ``""``
    when there is no source. ``construction`` is ``verb`` or the attribution position
    (``after``, ``before``, ``none``).
    """

    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_kind: str
    cls: str
    construction: str


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    core_end: int  # end of the nouns before a genitive attribute
    in_pp: bool
    nominative: bool
    pronoun: bool


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[tuple[str, str], ...]]
    attribution: tuple[tuple[tuple[str, ...], str], ...]
    attribution_first: frozenset[str]
    #: ``attribution`` grouped by first word (longest first, as there).
    attribution_by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    noun_exact: dict[str, str]
    noun_suffix: tuple[tuple[str, str], ...]
    not_exact: frozenset[str]
    not_suffix: tuple[str, ...]
    aliases: dict[str, tuple[tuple[str, ...], ...]]
    role_aliases: frozenset[tuple[str, ...]]
    cue_nouns: frozenset[str]
    function_words: dict[str, frozenset[str]]
    #: Every lemma or lowercased form that can start a cue (verb lemmas, the "-te"/"-ten"
    #: forms HanTa tags as adjectives, first words of attribution phrases, cue nouns): a
    #: sentence with none of them has no speech event.
    triggers: frozenset[str] = frozenset()
    #: The suffixes of ``noun_suffix`` alone: one ``str.endswith`` call rules out most nouns.
    noun_suffixes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The cue, speaker and non-speaker word lists (``lexicons/voice/``), loaded once."""
    verbs: dict[str, list[tuple[str, str]]] = {}
    for row in load_table("lexicons/voice/cue_verbs.tsv").rows:
        verbs.setdefault(row["lemma"], []).append((row.get("particle", "") or "", row["class"]))
    attribution = tuple(sorted(
        ((tuple(r["phrase"].split()), r["position"])
         for r in load_table("lexicons/voice/attribution.tsv").rows),
        key=lambda a: -len(a[0])))
    nouns = load_table("lexicons/voice/speaker_nouns.tsv").rows
    nots = load_table("lexicons/voice/not_speakers.tsv").rows
    aliases: dict[str, set[tuple[str, ...]]] = {}
    roles: set[tuple[str, ...]] = set()
    for row in load_table("lexicons/actors/actors.tsv").rows:
        toks = tuple(row["alias"].split())
        if toks:
            aliases.setdefault(toks[0], set()).add(toks)
            if row.get("alias_type") == "role":
                roles.add(toks)
    cue_nouns = frozenset(r["lemma"] for r in load_table("lexicons/voice/cue_nouns.tsv").rows)
    past = {lemma[:-2] + end for lemma in verbs if lemma.endswith("en") for end in ("te", "ten")}
    return _Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        attribution=attribution,
        attribution_first=frozenset(ph[0] for ph, _ in attribution if ph),
        attribution_by_first={first: tuple(a for a in attribution if a[0] and a[0][0] == first)
                              for first in {ph[0] for ph, _ in attribution if ph}},
        noun_exact={r["word"]: r["kind"] for r in nouns if r["match"] == "exact"},
        noun_suffix=tuple(sorted(((r["word"], r["kind"]) for r in nouns if r["match"] == "suffix"),
                                 key=lambda e: -len(e[0]))),
        not_exact=frozenset(r["word"] for r in nots if r["match"] == "exact"),
        not_suffix=tuple(r["word"] for r in nots if r["match"] == "suffix"),
        aliases={k: tuple(sorted(v, key=len, reverse=True)) for k, v in aliases.items()},
        role_aliases=frozenset(roles),
        cue_nouns=cue_nouns,
        function_words=_function_words(),
        triggers=frozenset(verbs) | past | frozenset(ph[0] for ph, _ in attribution if ph) | cue_nouns,
        noun_suffixes=tuple(r["word"] for r in nouns if r["match"] == "suffix"),
    )


def _function_words() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for row in load_table("lexicons/voice/function_words.tsv").rows:
        classes.setdefault(row["class"], set()).add(row["word"])
    return {k: frozenset(v) for k, v in classes.items()}


@lru_cache(maxsize=20_000)
def speaker_noun_kind(lemma: str) -> str:
    """``role``, ``group`` or ``institution`` when the noun lemma names who can speak, else ""."""
    lex = lexicon()
    low = lemma.lower()
    if low in lex.noun_exact:
        return lex.noun_exact[low]
    if low.endswith(lex.noun_suffixes):  # which one, longest first:
        for suffix, kind in lex.noun_suffix:
            if low.endswith(suffix):
                return kind
    return ""


@lru_cache(maxsize=20_000)
def is_non_speaker(word: str) -> bool:
    """True for a time, event or place word that never speaks ("Freitag", "Dienstagmorgen")."""
    lex = lexicon()
    low = word.lower()
    return low in lex.not_exact or low.endswith(lex.not_suffix)


class Tokens:
    """The per-token arrays the finder reads (texts, lowercased forms, lemmas, STTS tags)."""

    __slots__ = ("texts", "lowers", "lemmas", "tags", "blocked")

    def __init__(self, texts: Sequence[str], lowers: Sequence[str], lemmas: Sequence[str],
                 tags: Sequence[str]):
        self.texts, self.lowers, self.lemmas, self.tags = texts, lowers, lemmas, tags
        #: Quoted words (set by :func:`find_events`): never part of a phrase.
        self.blocked: Sequence[bool] = ()


def _is_nounish(tok: Tokens, i: int) -> bool:
    if tok.blocked and tok.blocked[i]:
        return False
    tag = tok.tags[i]
    if tag in _NOUN_TAGS:
        return True
    text = tok.texts[i]
    # HanTa tags some unknown capitalised names as adjectives or verbs; inside a phrase
    # after an article a capitalised word is a noun.
    return tag == "XY" and text[:1].isupper() and text.isalpha()


def _name_tail(tok: Tokens, k: int, j: int, c1: int) -> bool:
    """A capitalised word tagged as an adjective right after a name, with no noun after it,
    ends that name: surnames that are also adjectives ("Katharina Dröge", "Thorsten Frei");
    mid-sentence, German adjectives are written in lower case."""
    return (k > j and tok.tags[k - 1] == "NE" and tok.tags[k] in ("ADJA", "ADJD")
            and tok.texts[k][:1].isupper() and tok.texts[k].isalpha()
            and not (tok.blocked and tok.blocked[k])
            and not (k + 1 < c1 and _is_nounish(tok, k + 1)))


def _alias_at(tok: Tokens, i: int, end: int) -> int:
    """Length of the longest registry alias starting at token ``i`` within ``end``, or 0."""
    for toks in lexicon().aliases.get(tok.texts[i], ()):
        if i + len(toks) <= end and tuple(tok.texts[i: i + len(toks)]) == toks:
            return len(toks)
    return 0


def _title_mark(tok: Tokens, k: int, j: int, c1: int) -> bool:
    """True for an unblocked quotation mark around a title inside a noun phrase ("der
    „Washington Post“", "die Zeitung „El País“"): quoted words are blocked, titles are not."""
    if tok.texts[k] not in _QUOTE_MARKS or tok.blocked and tok.blocked[k]:
        return False
    return k + 1 < c1 and _is_nounish(tok, k + 1) or k > j and _is_nounish(tok, k - 1)


def phrases(tok: Tokens, c0: int, c1: int) -> list[_Phrase]:
    """Noun phrases and pronouns of the clause [c0, c1), left to right."""
    fw = lexicon().function_words
    out: list[_Phrase] = []
    i = c0
    in_pp = False
    while i < c1:
        tag = tok.tags[i]
        if tok.blocked and tok.blocked[i] or tok.texts[i] in _QUOTE_MARKS:
            in_pp = False
            i += 1
            continue
        if tag in _PREP_TAGS:
            in_pp = True
            i += 1
            continue
        if tag in _PRON_TAGS and not (i + 1 < c1 and _is_nounish(tok, i + 1)):
            low = tok.lowers[i]
            out.append(_Phrase(i, i + 1, i + 1, in_pp, low in fw["nominative_pronoun"], True))
            in_pp = False
            i += 1
            continue
        if tag in _DET_TAGS or tag in _MOD_TAGS or _is_nounish(tok, i) or _alias_at(tok, i, c1):
            j = i
            det = tok.lowers[i] if tag in _DET_TAGS else ""
            if tag in _DET_TAGS:
                j += 1
            while j < c1 and not (tok.blocked and tok.blocked[j]) and (
                    tok.tags[j] in _MOD_TAGS or tok.tags[j] == "ADV" and j + 1 < c1
                    and tok.tags[j + 1] in _MOD_TAGS):
                j += 1
            k = j
            named = False  # an actor's name (not a role) has been read: a second name starts a new phrase
            while k < c1:
                n = _alias_at(tok, k, c1)
                if n:
                    if named:
                        break
                    named = tuple(tok.texts[k: k + n]) not in lexicon().role_aliases
                    k += n
                elif _is_nounish(tok, k) or _title_mark(tok, k, j, c1) or _name_tail(tok, k, j, c1):
                    k += 1
                else:
                    break
            if k == j:  # an article or adjective without a noun
                if tag == "ART" and det in ("der", "die", "das") and j == i + 1:
                    # "die sagen", "der gefordert hat": a relative or demonstrative pronoun.
                    out.append(_Phrase(i, i + 1, i + 1, in_pp, True, True))
                i = max(j, i + 1)
                in_pp = False
                continue
            core_end = k
            # Genitive attributes: "ein Sprecher des Außenministeriums", "der Chef der Partei".
            while k < c1 and tok.lowers[k] in fw["genitive_determiner"] and tok.tags[k] == "ART":
                m = k + 1
                while m < c1 and tok.tags[m] in _MOD_TAGS:
                    m += 1
                n = m
                while n < c1 and (_is_nounish(tok, n) or _title_mark(tok, n, m, c1)):
                    n += 1
                if n == m:
                    break
                k = n
            nominative = not det or det in fw["nominative_determiner"]
            out.append(_Phrase(i, k, core_end, in_pp, nominative, False))
            # "zu den Kolleginnen und Kollegen": a conjunct of a prepositional phrase.
            in_pp = in_pp and k < c1 and tok.tags[k] == "KON"
            i = k + 1 if in_pp else k
            continue
        in_pp = False if tag not in ("ADV", "ADJD", "CARD") else in_pp
        i += 1
    return out


def source_kind(tok: Tokens, p: _Phrase) -> str:
    """What the phrase is as a speaker (see :class:`SpeechEvent`), "" when it cannot speak."""
    fw = lexicon().function_words
    if p.pronoun:
        low = tok.lowers[p.start]
        if low in fw["not_source"]:
            return ""
        if low in fw["first_person"]:
            return "first_person"
        if tok.texts[p.start] == "Sie" and p.start > 0 and tok.texts[p.start - 1] not in CLAUSE_BREAKS:
            return "generic"
        if low in fw["third_person"] or tok.tags[p.start] in ("PRELS", "PDS", "ART"):
            return "pronoun"
        return "generic"
    for i in range(p.start, p.core_end):
        if _alias_at(tok, i, p.core_end):
            return "actor"
    nouns = [i for i in range(p.start, p.core_end) if _is_nounish(tok, i)]
    if not nouns or is_non_speaker(tok.texts[nouns[-1]]) or is_non_speaker(tok.lemmas[nouns[-1]]):
        return ""
    for i in nouns:
        kind = speaker_noun_kind(tok.lemmas[i]) or speaker_noun_kind(tok.texts[i])
        if kind:
            return kind
    if any(tok.tags[i] == "NE" for i in nouns):
        return "name"
    if p.core_end < p.end and tok.lemmas[nouns[-1]] in lexicon().cue_nouns:
        # "ein Bericht der „Washington Post“", "die Forderung der Regierung": a speech noun
        # speaks for whoever its genitive attribute names.
        gen = _Phrase(p.core_end + 1, p.end, p.end, False, True, False)
        if any(tok.texts[i] in _QUOTE_MARKS for i in range(gen.start, gen.end)):
            return "institution"  # a title in quotation marks: "ein Bericht der „Zeit“"
        return source_kind(tok, gen)
    return ""


def clauses(tok: Tokens, s0: int, s1: int, blocked: Sequence[bool]) -> list[tuple[int, int]]:
    """Clauses of the sentence [s0, s1): stretches between breaks and quoted words."""
    out = []
    start = s0
    i = s0
    while i < s1:
        if blocked[i] or tok.texts[i] in _QUOTE_MARKS:
            # A quotation inside a clause ("nannte den Bericht „Unsinn“", "als „widerlich“
            # bezeichnete") leaves the clause whole; one set off by punctuation ends it.
            r = i
            while r < s1 and (blocked[r] or tok.texts[r] in _QUOTE_MARKS):
                r += 1
            inside = (i > start and tok.texts[i - 1] not in CLAUSE_BREAKS and r < s1
                      and tok.texts[r] not in CLAUSE_BREAKS)
            if not inside:
                if i > start:
                    out.append((start, i))
                start = r
            i = r
            continue
        if tok.texts[i] in CLAUSE_BREAKS:
            if i > start:
                out.append((start, i))
            start = i + 1
        i += 1
    if start < s1:
        out.append((start, s1))
    return out


def _cue_class(tok: Tokens, i: int, c0: int, c1: int) -> str:
    """The class of the verb cue at token ``i`` of clause [c0, c1), "" when it is none."""
    tag = tok.tags[i]
    if tag == "ADJA" and not (i + 1 < c1 and (tok.tags[i + 1] in _NOUN_TAGS or tok.tags[i + 1] == "ADJA")):
        # HanTa tags past plurals such as "betonten" without context as adjectives; an
        # "adjective" with no noun after it that is the past form of a cue verb is that verb.
        low = tok.lowers[i]
        stem = low[:-3] if low.endswith("ten") else low[:-2] if low.endswith("te") else ""
        lemma = stem + "en" if stem else ""
        if not lemma or lemma not in lexicon().verbs:
            return ""
        entries = lexicon().verbs[lemma]
    elif not tag.startswith("VV"):
        return ""
    else:
        entries = lexicon().verbs.get(tok.lemmas[i]) or lexicon().verbs.get(tok.lowers[i])
    if not entries:
        return ""
    for particle, cls in entries:
        if not particle:
            return cls
        if any(tok.lowers[k] == particle for k in range(i + 1, c1)):
            return cls
    return ""


def subject_of(tok: Tokens, c0: int, c1: int, verb: int,
             speakable: bool = True) -> tuple[tuple[int, int] | None, str]:
    """The subject of the verb at ``verb`` in clause [c0, c1) and its kind."""
    cands = [p for p in phrases(tok, c0, c1) if not p.in_pp and p.nominative]
    if tok.tags[c0] in _SUBORDINATORS or tok.lowers[c0] in ("wie", "dass", "ob", "als", "weil"):
        if tok.tags[c0] in ("PRELS",):
            order = cands
        else:
            order = [p for p in cands if p.start > c0]
    else:
        finite = verb if tok.tags[verb].endswith("FIN") else next(
            (i for i in range(c0, c1) if tok.tags[i].endswith("FIN")), verb)
        order = [p for p in cands if p.end <= finite] + [p for p in cands if p.start > finite]
    for p in order:
        if p.start <= verb < p.end:
            continue
        kind = source_kind(tok, p)
        if kind:
            return (p.start, p.end), kind
    return None, ""


def _passive_agent(tok: Tokens, c0: int, c1: int, verb: int) -> tuple[tuple[int, int] | None, str]:
    """The agent of a passive verb of saying: "von X" in a clause with "werden"
    ("wurde von Trump angekündigt")."""
    if not any(tok.lemmas[m] == "werden" or tok.lowers[m] == "worden" for m in range(c0, c1)):
        return None, ""
    for m in range(c0, c1 - 1):
        if tok.lowers[m] in ("von", "vom") and m < verb:
            found = [p for p in phrases(tok, m + 1, c1) if p.start <= m + 2]
            if found:
                kind = source_kind(tok, found[0])
                if kind:
                    return (found[0].start, found[0].end), kind
    return None, ""


def _noun_event(tok: Tokens, c0: int, c1: int, i: int) -> SpeechEvent:
    """A speech noun and its speaker: a possessive or genitive name before it ("Ihr Antrag",
    "Trumps Forderung"), else a genitive or "von" phrase after it ("der Antrag der Grünen")."""
    j = i - 1
    while j >= c0 and tok.tags[j] in _MOD_TAGS:
        j -= 1
    if j >= c0 and tok.tags[j] == "PPOSAT":
        return SpeechEvent((i, i + 1), (j, j + 1), "pronoun", "noun", "noun")
    if j >= c0 and tok.tags[j] == "NE" and tok.texts[j].endswith("s"):
        return SpeechEvent((i, i + 1), (j, j + 1), "name", "noun", "noun")
    k = i + 1
    if k < c1 and (tok.lowers[k] in ("der", "des") or tok.lowers[k] in ("von", "vom")):
        found = [p for p in phrases(tok, k + (tok.lowers[k] in ("von", "vom")), c1)]
        if found and found[0].start <= k + 1:
            kind = source_kind(tok, found[0])
            if kind:
                return SpeechEvent((i, i + 1), (found[0].start, found[0].end), kind, "noun", "noun")
    return SpeechEvent((i, i + 1), None, "", "noun", "noun")


_NO_FINITE = (None, "no finite verb")
#: Tokens after which a lone "so" opens an attribution ("…“, so Peskow"; see find_events).
_SO_AFTER = (",", "“", "”", '"', "«", "»")


class _Subjects:
    """The subjects of the clauses of one sentence, each found only when a later cue asks.

    A clause with a cue has the subject found for its cue; any other clause the subject
    of its finite verb (:func:`subject_of`), looked up on first use: most clauses of a
    sentence with a cue are never asked for. :meth:`previous` and :meth:`first` give what
    a single left-to-right pass would have carried to a clause: the last subject found, and
    the first one of a main clause (or, before any, the nominative phrase that opens the
    sentence when its first clause has no finite verb: a Vorfeld cut off by an apposition).
    """

    __slots__ = ("tok", "s0", "clauses", "found")

    def __init__(self, tok: Tokens, s0: int, clauses_: list[tuple[int, int]]):
        self.tok, self.s0, self.clauses = tok, s0, clauses_
        #: per closed clause: the subject tuple, or None while not yet looked up.
        self.found: list[tuple[tuple[int, int] | None, str] | None] = []

    def close(self, c: int, subject: tuple[tuple[int, int] | None, str] | None) -> None:
        """Clause ``c`` is read; ``subject`` is its cue's subject, None when it had no cue."""
        self.found.append(subject)

    def _subject(self, c: int) -> tuple[tuple[int, int] | None, str]:
        found = self.found[c]
        if found is None:
            c0, c1 = self.clauses[c]
            tags = self.tok.tags
            finite = next((m for m in range(c0, c1) if tags[m].endswith("FIN")), None)
            found = self.found[c] = _NO_FINITE if finite is None else subject_of(self.tok, c0, c1, finite)
        return found

    def previous(self, upto: int) -> tuple[tuple[int, int] | None, str]:
        """The subject carried over to clause ``upto``: the last found before it."""
        for c in range(upto - 1, -1, -1):
            found = self._subject(c)
            if found is not _NO_FINITE and found[0] is not None:
                return found
        return None, ""

    def first(self, upto: int) -> tuple[tuple[int, int] | None, str]:
        """The sentence's first subject as known at clause ``upto``."""
        tok = self.tok
        for c in range(upto):
            found = self._subject(c)
            c0, c1 = self.clauses[c]
            if found is _NO_FINITE:
                if c == 0:
                    # "Dmitri Peskow, der Sprecher des Kremls, nannte …": a Vorfeld cut off
                    # by an apposition; only a later verb-first clause reads it.
                    cands = [p for p in phrases(tok, c0, c1) if not p.in_pp and p.nominative]
                    kinds = [(p, source_kind(tok, p)) for p in cands[:1]]
                    if kinds and kinds[0][1]:
                        return (kinds[0][0].start, kinds[0][0].end), kinds[0][1]
                continue
            if found[0] is not None and not (c0 > self.s0 and tok.tags[c0] in _SUBORDINATORS):
                return found
        return None, ""


@lru_cache(maxsize=8)
def _verb_lemmas(classes: frozenset[str]) -> frozenset[str]:
    """Lemmas of cue verbs with an entry of one of ``classes``."""
    return frozenset(lemma for lemma, entries in lexicon().verbs.items()
                     if any(cls in classes for _, cls in entries))


def _may_have_cue(tok: Tokens, s0: int, s1: int, blocked: Sequence[bool],
                  classes: frozenset[str]) -> bool:
    """False when no token of the sentence [s0, s1) can be a cue of ``classes`` or start an
    attribution phrase (a necessary condition of :func:`_cue_class` and the attribution
    matching in :func:`find_events`, read from sets before any clause is chunked)."""
    lex = lexicon()
    triggers = lex.triggers
    lowers, lemmas, tags = tok.lowers, tok.lemmas, tok.tags
    if triggers.isdisjoint(lowers[s0:s1]) and triggers.isdisjoint(lemmas[s0:s1]):
        return False
    verbs = _verb_lemmas(classes)
    nouns = "noun" in classes
    for i in range(s0, s1):
        low, lemma = lowers[i], lemmas[i]
        if blocked[i] or low not in triggers and lemma not in triggers:
            continue
        tag = tags[i]
        if tag.startswith("VV") and (lemma in verbs or low in verbs):
            # a particle verb ("gab … an") needs its particle later in the sentence
            for key in (lemma, low):
                for particle, cls in lex.verbs.get(key, ()):
                    if cls in classes and (not particle or particle in lowers[i + 1: s1]):
                        return True
        if tag == "ADJA":
            stem = low[:-3] if low.endswith("ten") else low[:-2] if low.endswith("te") else ""
            if stem and stem + "en" in verbs:
                return True
        if nouns and tag == "NN" and lemma in lex.cue_nouns:
            return True
        if low in lex.attribution_first:
            for ph, _ in lex.attribution_by_first[low]:
                if tuple(lowers[i: i + len(ph)]) != ph:
                    continue
                # a lone "so" attributes only after a comma or a quotation ("…“, so Peskow")
                if ph != ("so",) or i > s0 and (blocked[i - 1] or tok.texts[i - 1] in _SO_AFTER):
                    return True
    return False


def find_events(tok: Tokens, s0: int, s1: int, blocked: Sequence[bool],
                classes: frozenset[str] = frozenset({"say", "think"})) -> list[SpeechEvent]:
    """Speech events of the sentence [s0, s1); ``blocked`` tokens (quoted words) are
    neither cues nor sources. ``classes`` chooses the verb classes that count as cues."""
    lex = lexicon()
    events: list[SpeechEvent] = []
    tok.blocked = blocked
    triggers = lex.triggers
    if not _may_have_cue(tok, s0, s1, blocked, classes):
        return events  # no word that can start a cue: no clause needs its subject
    cls_list = clauses(tok, s0, s1, blocked)
    subjects = _Subjects(tok, s0, cls_list)
    for c, (c0, c1) in enumerate(cls_list):
        clause_subject: tuple[tuple[int, int] | None, str] | None = None
        if triggers.isdisjoint(tok.lowers[c0:c1]) and triggers.isdisjoint(tok.lemmas[c0:c1]):
            c_cues: range | tuple[()] = ()  # no word of the clause can be a cue
        else:
            c_cues = range(c0, c1)
        for i in c_cues:
            if blocked[i] or tok.lowers[i] not in triggers and tok.lemmas[i] not in triggers:
                continue
            cls = _cue_class(tok, i, c0, c1)
            if not cls or cls not in classes:
                continue
            src, kind = _passive_agent(tok, c0, c1, i) if tok.tags[i] == "VVPP" else (None, "")
            infinitive = tok.tags[i] == "VVIZU" or i > c0 and tok.tags[i - 1] == "PTKZU"
            if src is None and not infinitive:  # an infinitive clause has no subject of its own
                src, kind = subject_of(tok, c0, c1, i)
            if src is None and (tok.tags[c0] == "KON" or not any(
                    tok.tags[m].endswith("FIN") for m in range(c0, c1))):
                # "… und sagte", "um … zu sagen", "…, gesprochen": the subject of the clause
                # before carries over.
                src, kind = subjects.previous(c)
            elif src is None and tok.tags[c0].endswith("FIN") and c0 > s0 and not blocked[c0 - 1] \
                    and tok.texts[c0 - 1] == "," and not (c0 >= 2 and blocked[c0 - 2]):
                # "Peskow, der Sprecher des Kremls, nannte …": the Vorfeld stands before the
                # apposition or relative clause.
                src, kind = subjects.first(c)
            events.append(SpeechEvent((i, i + 1), src, kind, cls, "verb"))
            clause_subject = (src, kind)
        subjects.close(c, clause_subject)
        if "noun" in classes:
            for i in range(c0, c1):
                if tok.tags[i] == "NN" and tok.lemmas[i] in lex.cue_nouns and not blocked[i]:
                    events.append(_noun_event(tok, c0, c1, i))
        # Attribution phrases: "laut Peskow", "Peskow zufolge", "nach Angaben des Kreml".
        i = c1 if lex.attribution_first.isdisjoint(tok.lowers[c0:c1]) else c0
        while i < c1:
            if blocked[i] or tok.lowers[i] not in lex.attribution_first:
                i += 1
                continue
            hit = next(((ph, pos) for ph, pos in lex.attribution_by_first[tok.lowers[i]]
                        if tuple(tok.lowers[i: i + len(ph)]) == ph and i + len(ph) <= c1), None)
            if hit is None:
                i += 1
                continue
            phrase, position = hit
            n = len(phrase)
            if phrase == ("so",) and not (i == c0 and i > s0 and (blocked[i - 1] or tok.texts[i - 1]
                                                                 in _SO_AFTER)):
                i += 1
                continue
            src, kind = None, ""
            if position == "after":
                j = i + n
                while j < c1 and tok.lowers[j] in ("von", "vom", "aus", "auf"):
                    j += 1
                found = [p for p in phrases(tok, j, c1) if p.start == j]
                if found and source_kind(tok, found[0]):
                    src, kind = (found[0].start, found[0].end), source_kind(tok, found[0])
                elif phrase in (("so",),):
                    i += 1
                    continue
            elif position == "subject":
                # "Trump hat eigenen Angaben zufolge …", "Merz hat nach eigenen Worten …":
                # the speaker is the subject of the clause the phrase stands in.
                finite = next((m for m in range(c0, c1) if tok.tags[m].endswith("FIN")), None)
                if finite is not None:
                    src, kind = subject_of(tok, c0, c1, finite)
                    if kind in ("first_person", "generic"):
                        src, kind = None, ""
                elif subjects.previous(c + 1)[0] is not None:
                    src, kind = subjects.previous(c + 1)
            elif position == "before":
                found = [p for p in phrases(tok, c0, i) if p.end == i]
                if found and source_kind(tok, found[0]):
                    src, kind = (found[0].start, found[0].end), source_kind(tok, found[0])
            events.append(SpeechEvent((i, i + n), src, kind, "attribution", position))
            i += n
    return events
