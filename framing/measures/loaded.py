"""Loaded vocabulary: how much charged, pejorative, hyperbolic or evaluative wording a text uses.

:func:`score_loaded` looks every word of an analysed article up in the hand-written lexicons
under ``framing/lexicons/loaded/`` (see the README there) and returns a :class:`LoadedScore`
with every hit as evidence (character span into ``Article.text``, lemma, category, weight,
voice, sentence).

The headline figure is a density::

    author_per_1000 = 1000 * author_hits / author_words

where ``author_hits`` counts lexicon hits in the author's own voice and ``author_words`` counts
the words in the author's voice (``Analysis.word_count(("author",))``). The same is computed for
quoted voices (quotations and reported speech). Range ``[0, 1000]``; higher means more loaded
wording; a plain agency report is usually near 0-10, a polemic well above 20. ``author_weight``
sums the lexicon weights (0-1, how strongly loaded) of the author hits, for a graded variant.

Matching, per token (furniture never counts, negation does not cancel a hit):

1. Multi-word idioms (``idioms.tsv``) within one sentence: the fixed parts of a pattern in
   order with small gaps (for articles and adjectives), the verb of a verbal idiom anywhere near
   them, separable verbs as one word or as verb + particle. A hit spans first to last matched
   token. Words inside a matched idiom are not counted again on their own.
2. Single words: the lemma, else the lowercased form, in the word lexicons, with a coarse
   part-of-speech check (nouns match nouns, adjectives and adverbs do not match nouns,
   sentence adverbs do not match attributive adjectives); a nominalised adjective matches
   its adjective (``das Absurde`` -> ``absurd``).
3. Separable verbs: a clause-final particle joined to the finite verb of its sentence
   (``redete ... schön`` -> ``schönreden``).
4. Compounds: a word not in the lexicons matches an entry flagged ``head`` when it ends with
   it, or one flagged ``modifier`` when it starts with it, if the rest has at least three
   letters (``Migrationschaos``, ``Lügenpresse``); in hyphenated compounds the last part may be
   any noun entry (``Asyl-Bestie``). ``exceptions.tsv`` blocks false friends (``Scheinwerfer``,
   ``Abschiebeflüge``). Decisions are cached per lowercase word type.

Layers: hits of category ``partisan`` (``partisan.tsv`` and partisan idioms) form the partisan
layer (``LoadedScore.partisan_hits``, ``partisan_per_1000``), all others the general layer
(``general_per_1000``); ``author_per_1000`` counts both. An entry of weight 0 is listed but
not loaded (it matches, so no compound rule fires, but it is no hit). A context rule
(``context.tsv``) sets a match aside when enough of its context words occur in the sentence
or article (a crime word in a court report, a sports idiom in a match report); such matches
are in ``LoadedScore.not_counted`` with the rule's reason (weight-0 matches too), never in a
count.

Source: the project's own lexicons (CC BY 4.0) and mild entries built from the German
Polarity Lexicon (Klenner et al. 2010, Apache-2.0; ``polarity.tsv``); the approach follows lexicon-based bias-word
detection as in Spinde, Hamborg & Gipp (2020), "An Integrated Approach to Detect Media Bias in
German News Articles", JCDL 2020.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from framing.model import QUOTED_VOICES
from framing.resources import list_data, load_table

if TYPE_CHECKING:  # annotations only: per_1000 and the result types import without spaCy
    from framing.language.analysis import Analysis

_FOLDER = "lexicons/loaded"
_IDIOMS = f"{_FOLDER}/idioms.tsv"
_EXCEPTIONS = f"{_FOLDER}/exceptions.tsv"
_CONTEXT = f"{_FOLDER}/context.tsv"
_NEUTRAL = f"{_FOLDER}/neutral.tsv"
_NOT_WORDS = (_IDIOMS, _EXCEPTIONS, _CONTEXT, _NEUTRAL)

#: Reason given in ``LoadedScore.not_counted`` for an entry listed with weight 0.
_WEIGHT_ZERO = "listed with weight 0: readers rarely mark it, not loaded"
#: The category whose entries form the partisan layer; every other category is ``general``.
PARTISAN = "partisan"
GENERAL = "general"

#: Minimum letters left over when a compound part matches (``Lügen|presse``).
_MIN_REST = 3
#: Words allowed between two fixed parts of an idiom (articles, adjectives, an object).
_GAP = {"MWE": 0, "VP": 5}
_DEFAULT_GAP = 2
#: How far (in words) the free verb of a verbal idiom may stand before its fixed parts (V2:
#: finite verb, then the middle field) and after them (verb-final clause, participle,
#: infinitive with auxiliaries); an idiom with a single fixed word keeps its verb closer.
_VERB_BEFORE = 8
_VERB_BEFORE_SHORT = 3
_VERB_AFTER = 3
#: Inflection endings tried when an idiom word is written as a lemma (``heiß`` ~ ``heiße``).
_ENDINGS = ("e", "en", "em", "er", "es", "n", "s", "st", "t", "te", "ten", "et")

_NOUN_TAGS = frozenset({"NN", "NE", "NNA"})
_NOUNISH_TAGS = frozenset({"NN", "NE", "NNA", "FM", "XY", "TRUNC"})
_COMPOUND_TAGS = frozenset({"NN", "NE", "NNA", "FM", "XY", "TRUNC", "ADJA", "ADJD", "ADV"})
_PUNCT_PREFIX = "$"


def per_1000(hits: float, words: int) -> float:
    """Loaded density: ``1000 * hits / words``; 0.0 when there are no words. Higher => more loaded."""
    return 1000 * hits / words if words else 0.0


@dataclass(frozen=True)
class LoadedHit:
    """One loaded word or idiom: ``text == Article.text[start:end]``.

    ``layer`` is ``"partisan"`` for propaganda, conspiracy, dehumanising vocabulary and slurs
    for groups, outlets and governments (category ``partisan``), else ``"general"``
    (evaluative, stance, hyperbole ... wording).
    """

    start: int
    end: int
    text: str
    lemma: str
    category: str
    weight: float
    voice: str
    sentence: int
    layer: str = GENERAL


@dataclass(frozen=True)
class NotCounted:
    """A lexicon match that a context rule (``context.tsv``) kept from counting, and why."""

    hit: LoadedHit
    reason: str


@dataclass(frozen=True)
class LoadedScore:
    """Loaded-vocabulary counts of one article, by voice, with the hits as evidence.

    ``by_category`` counts author-voice hits per category, ``by_category_quoted`` quoted ones.
    ``author_hits`` counts both layers; ``partisan_hits`` / ``partisan_quoted_hits`` count the
    partisan layer only (a subset), ``general_hits`` the rest. ``not_counted`` holds the
    matches that a context rule set aside (a crime word in a court report, a sports idiom in a
    match report), with the rule's reason; they are in no count.
    """

    author_hits: int
    author_words: int
    quoted_hits: int
    quoted_words: int
    author_weight: float
    quoted_weight: float
    by_category: Mapping[str, int] = field(default_factory=dict)
    by_category_quoted: Mapping[str, int] = field(default_factory=dict)
    hits: tuple[LoadedHit, ...] = ()
    partisan_hits: int = 0
    partisan_quoted_hits: int = 0
    partisan_weight: float = 0.0
    not_counted: tuple[NotCounted, ...] = ()

    @property
    def author_per_1000(self) -> float:
        """``1000 * author_hits / author_words``; 0.0 when the author wrote no words."""
        return per_1000(self.author_hits, self.author_words)

    @property
    def quoted_per_1000(self) -> float:
        """``1000 * quoted_hits / quoted_words``; 0.0 when nothing is quoted."""
        return per_1000(self.quoted_hits, self.quoted_words)

    @property
    def partisan_per_1000(self) -> float:
        """Partisan layer: ``1000 * partisan_hits / author_words`` (author voice). Higher =>
        more propaganda, conspiracy, dehumanising or slur vocabulary; range ``[0, 1000]``,
        0 in almost every agency or quality-paper text."""
        return per_1000(self.partisan_hits, self.author_words)

    @property
    def partisan_quoted_per_1000(self) -> float:
        """Partisan layer in quoted voices: ``1000 * partisan_quoted_hits / quoted_words``."""
        return per_1000(self.partisan_quoted_hits, self.quoted_words)

    @property
    def general_hits(self) -> int:
        """Author-voice hits of the general layer: ``author_hits - partisan_hits``."""
        return self.author_hits - self.partisan_hits

    @property
    def general_per_1000(self) -> float:
        """General layer (evaluative, stance, hyperbole ...): ``1000 * general_hits / author_words``."""
        return per_1000(self.general_hits, self.author_words)

    @property
    def author_weighted_per_1000(self) -> float:
        """``1000 * author_weight / author_words``: hits weighted by how strongly loaded."""
        return per_1000(self.author_weight, self.author_words)

    def category_per_1000(self, voice: str = "author") -> dict[str, float]:
        """Hits per 1,000 words of ``voice`` (``"author"`` or ``"quoted"``) for each category."""
        if voice == "author":
            counts, words = self.by_category, self.author_words
        elif voice == "quoted":
            counts, words = self.by_category_quoted, self.quoted_words
        else:
            raise ValueError(f"voice must be 'author' or 'quoted', not {voice!r}")
        return {c: per_1000(n, words) for c, n in counts.items()}


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Entry:
    lemma: str
    pos: str
    weight: float
    category: str


@dataclass(frozen=True)
class _Context:
    """One context rule: the entry does not count where ``min`` context words occur."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    scope: str  # "sentence" or "article"
    min: int
    reason: str

    def found(self, lemmas: frozenset[str]) -> bool:
        n = len(self.words & lemmas)
        if n < self.min and self.prefixes:
            n += sum(1 for p in self.prefixes if any(w.startswith(p) for w in lemmas))
        return n >= self.min


@dataclass(frozen=True)
class _Idiom:
    lemma: str
    fixed: tuple[tuple[str, ...], ...]  # alternatives per fixed word, in order
    strict: tuple[bool, ...]  # nouns (capitalised in the pattern) match lemma or form only
    verb: tuple[tuple[str, str], ...]  # free verb alternatives: (particle, base); particle ""
    gap: int
    weight: float
    category: str


@dataclass(frozen=True)
class _Lexicon:
    nouns: Mapping[str, _Entry]
    others: Mapping[str, _Entry]
    heads: Mapping[str, _Entry]
    modifiers: Mapping[str, _Entry]
    head_lengths: tuple[int, ...]
    longest_modifier: int
    exceptions: frozenset[str]
    suffix_exceptions: tuple[str, ...]
    idioms_by_anchor: Mapping[str, tuple[tuple[_Idiom, int], ...]]
    categories: tuple[str, ...]
    context: Mapping[str, tuple[_Context, ...]]


def _word_files() -> list[str]:
    return [p for p in list_data(_FOLDER) if p not in _NOT_WORDS]


def _parse_context(row: dict[str, str]) -> _Context:
    alts = [w.strip().casefold() for w in row["context"].split("|") if w.strip()]
    return _Context(
        words=frozenset(w for w in alts if not w.endswith("*")),
        prefixes=tuple(w[:-1] for w in alts if w.endswith("*")),
        scope=row.get("scope") or "sentence", min=int(row.get("min") or 1),
        reason=row.get("reason", ""),
    )


def _parse_idiom(row: dict[str, str]) -> tuple[_Idiom, int]:
    parts = row["pattern"].split()
    pos = row.get("pos", "")
    verb: tuple[tuple[str, str], ...] = ()
    if pos == "VP" and len(parts) > 1:
        verb = tuple(
            (alt.split("+", 1)[0].casefold(), alt.split("+", 1)[1].casefold()) if "+" in alt
            else ("", alt.casefold())
            for alt in parts[-1].split("|")
        )
        parts = parts[:-1]
    fixed = tuple(tuple(a.casefold().replace("+", "") for a in p.split("|")) for p in parts)
    strict = tuple(p[:1].isupper() for p in parts)
    # anchor: the most specific fixed word (longest shortest alternative)
    anchor = max(range(len(fixed)), key=lambda k: min(len(a) for a in fixed[k]))
    idiom = _Idiom(row["lemma"], fixed, strict, verb, _GAP.get(pos, _DEFAULT_GAP),
                   float(row["weight"]), row["category"])
    return idiom, anchor


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    nouns: dict[str, _Entry] = {}
    others: dict[str, _Entry] = {}
    heads: dict[str, _Entry] = {}
    modifiers: dict[str, _Entry] = {}
    categories: set[str] = set()
    for path in _word_files():
        for row in load_table(path).rows:
            lemma, pos = row["lemma"], row["pos"]
            entry = _Entry(lemma.rstrip("-"), pos, float(row["weight"]), row["category"])
            categories.add(entry.category)
            key = lemma.casefold()
            compound = row.get("compound", "")
            if key.endswith("-"):  # bound first part: only as modifier
                modifiers.setdefault(key[:-1], entry)
                continue
            (nouns if pos == "NN" else others).setdefault(key, entry)
            if compound in ("head", "both"):
                heads.setdefault(key, entry)
            if compound in ("modifier", "both"):
                modifiers.setdefault(key, entry)
    exceptions: set[str] = set()
    suffixes: list[str] = []
    for row in load_table(_EXCEPTIONS).rows:
        word = row["lemma"].casefold()
        (suffixes.append(word[1:]) if word.startswith("-") else exceptions.add(word))
    by_anchor: dict[str, list[tuple[_Idiom, int]]] = {}
    for row in load_table(_IDIOMS).rows:
        idiom, anchor = _parse_idiom(row)
        categories.add(idiom.category)
        for alt in idiom.fixed[anchor]:
            by_anchor.setdefault(alt, []).append((idiom, anchor))
    context: dict[str, list[_Context]] = {}
    for row in load_table(_CONTEXT).rows:
        context.setdefault(row["lemma"].casefold(), []).append(_parse_context(row))
    return _Lexicon(
        nouns=MappingProxyType(nouns), others=MappingProxyType(others),
        heads=MappingProxyType(heads), modifiers=MappingProxyType(modifiers),
        head_lengths=tuple(sorted({len(h) for h in heads}, reverse=True)),
        longest_modifier=max(map(len, modifiers), default=0),
        exceptions=frozenset(exceptions), suffix_exceptions=tuple(suffixes),
        idioms_by_anchor=MappingProxyType({k: tuple(v) for k, v in by_anchor.items()}),
        categories=tuple(sorted(categories)),
        context=MappingProxyType({k: tuple(v) for k, v in context.items()}),
    )


def categories() -> tuple[str, ...]:
    """Every category used in the loaded-vocabulary lexicons, sorted."""
    return _lexicon().categories


@lru_cache(maxsize=200_000)
def _compound(word: str) -> tuple[_Entry, str] | None:
    """The entry a compound word matches as ``(entry, "head"|"modifier")``, or None."""
    lex = _lexicon()
    if len(word) < 2 * _MIN_REST or word in lex.exceptions:
        return None
    if word.endswith(lex.suffix_exceptions):
        return None
    if "-" in word.strip("-"):
        parts = [p for p in word.split("-") if p]
        last, first = parts[-1], parts[0]
        entry = lex.nouns.get(last) or lex.heads.get(last)
        if entry is not None and len(word) - len(last) > 2:  # "IS-Bande": the hyphen marks it
            return entry, "head"
        entry = lex.modifiers.get(first)
        if entry is not None:
            return entry, "modifier"
        word = "".join(parts)
    for n in lex.head_lengths:
        if len(word) - n >= _MIN_REST:
            entry = lex.heads.get(word[-n:])
            if entry is not None:
                return entry, "head"
    for n in range(min(len(word) - _MIN_REST, lex.longest_modifier), 2, -1):
        entry = lex.modifiers.get(word[:n])
        if entry is not None:
            return entry, "modifier"
    return None


# --------------------------------------------------------------------------- matching


def _pos_ok(entry: _Entry, tag: str, text: str, first_in_sentence: bool) -> bool:
    if entry.pos == "NN":
        return tag in _NOUNISH_TAGS or text[:1].isupper()
    if entry.pos == "VV":
        return True
    if tag in _NOUN_TAGS and not first_in_sentence:
        return False
    if entry.pos == "ADV":
        return tag != "ADJA"
    return True


@lru_cache(maxsize=200_000)
def _forms(lemma: str, lower: str, tag: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Keys under which a token may match a pattern word: ``(exact, with endings removed)``."""
    exact = [lemma, lower]
    if tag == "APPRART" and len(lower) > 2:  # ins -> in, zum -> zu, vom -> von, am -> an
        exact.append(lower[:-1])
    elif tag == "APPRART":
        exact.append(lower[:-1] + "n")
    loose = [lower[: -len(end)] for end in _ENDINGS
             if lower.endswith(end) and len(lower) - len(end) >= 3]
    return tuple(exact), tuple(exact + loose)


class _Sentence:
    """Token data of one sentence, prepared once for idiom matching."""

    def __init__(self, idx: list[int], forms: list[_Form]):
        self.idx = idx
        self.exact = [f.exact for f in forms]
        self.forms = [f.forms for f in forms]
        self.lemmas = [f.lemma for f in forms]
        self.lowers = [f.lower for f in forms]

    def match(self, k: int, alts: tuple[str, ...], strict: bool = False) -> bool:
        return any(f in alts for f in (self.exact[k] if strict else self.forms[k]))


class _Form(NamedTuple):
    """What one token form (lemma, surface, tag) can match, decided once per form.

    ``lemma``, ``lower``: casefolded lemma and surface; ``exact``, ``forms``: its keys for
    idiom words (:func:`_forms`); ``entries``: word-lexicon entries for the lemma, then the
    lowercased form (nouns before others), still to pass the part-of-speech check;
    ``fallback``: the adjective a nominalised adjective matches; ``compound``: the compound
    rule's entry and part; ``anchors``: the keys under which the token anchors an idiom;
    ``particle``: the form can be the particle of a separable verb in the lexicons;
    ``plain``: none of these, the token matches nothing on its own.
    """

    lemma: str
    lower: str
    exact: tuple[str, ...]
    forms: tuple[str, ...]
    entries: tuple[_Entry, ...]
    fallback: _Entry | None
    compound: tuple[_Entry, str] | None
    anchors: tuple[str, ...]
    particle: bool
    plain: bool


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    """Every proper prefix of a separable verb (pos ``VV``) in the word lexicons."""
    return frozenset(key[:n] for key, e in _lexicon().others.items() if e.pos == "VV"
                     for n in range(1, len(key)))


@lru_cache(maxsize=200_000)
def _form(lemma_raw: str, surface: str, tag: str) -> _Form:
    """The :class:`_Form` of a token (cached per lemma, surface form and tag)."""
    lex = _lexicon()
    lemma, lower = lemma_raw.casefold(), surface.casefold()
    entries = tuple(e for key in (lemma, lower) for e in (lex.nouns.get(key), lex.others.get(key))
                    if e is not None)
    fallback = None
    if tag in _NOUN_TAGS and lemma.endswith("e"):
        fallback = lex.others.get(lemma[:-1])
        if fallback is not None and fallback.pos != "ADJ":
            fallback = None
    compound = None
    if tag in _COMPOUND_TAGS:
        compound = _compound(lemma) or (_compound(lower) if lower != lemma else None)
    exact, forms = _forms(lemma, lower, tag)
    anchors = tuple(f for f in set(forms) if f in lex.idioms_by_anchor)
    particle = tag not in _NOUN_TAGS and lower in _particles()
    plain = not (entries or fallback or compound or particle)
    return _Form(lemma, lower, exact, forms, entries, fallback, compound, anchors, particle, plain)


def _find_fixed(s: _Sentence, idiom: _Idiom, anchor: int, at: int) -> list[int] | None:
    pos = [0] * len(idiom.fixed)
    pos[anchor] = at
    for m in range(anchor - 1, -1, -1):
        hit = next((k for k in range(pos[m + 1] - 1, max(-1, pos[m + 1] - 2 - idiom.gap), -1)
                    if s.match(k, idiom.fixed[m], idiom.strict[m])), None)
        if hit is None:
            return None
        pos[m] = hit
    for m in range(anchor + 1, len(idiom.fixed)):
        stop = min(len(s.idx), pos[m - 1] + 2 + idiom.gap)
        hit = next((k for k in range(pos[m - 1] + 1, stop)
                    if s.match(k, idiom.fixed[m], idiom.strict[m])), None)
        if hit is None:
            return None
        pos[m] = hit
    return pos


def _find_verb(s: _Sentence, idiom: _Idiom, lo: int, hi: int, used: set[int]) -> list[int] | None:
    before = _VERB_BEFORE if len(idiom.fixed) > 1 else _VERB_BEFORE_SHORT
    window = range(max(0, lo - before), min(len(s.idx), hi + _VERB_AFTER + 1))
    for particle, base in idiom.verb:
        joined = particle + base
        for k in window:
            if k in used:
                continue
            if s.lemmas[k] == joined or s.lowers[k] == joined or (
                particle and s.lowers[k].startswith(particle + "zu" + base[:-2])
            ):
                return [k]
            if s.lemmas[k] == base or (not particle and s.match(k, (base,))):
                if not particle:
                    return [k]
                part = next((j for j in window if j not in used and j != k
                             and s.lowers[j] == particle), None)
                if part is not None:
                    return [k, part]
    return None


@lru_cache(maxsize=1)
def _anchored_idioms() -> Mapping[str, tuple[tuple[_Idiom, int, tuple[tuple[str, ...], ...]], ...]]:
    """``idioms_by_anchor`` with each idiom's other fixed words: (idiom, anchor, others)."""
    return MappingProxyType({
        form: tuple((idiom, anchor, idiom.fixed[:anchor] + idiom.fixed[anchor + 1:])
                    for idiom, anchor in entries)
        for form, entries in _lexicon().idioms_by_anchor.items()})


def _idiom_candidates(anchored: list[tuple[int, tuple[str, ...]]], present: set[str]
                      ) -> list[tuple[int, str, _Idiom, int]]:
    """(position, key, idiom, anchor) for each idiom an anchored token may start, in the
    order :func:`_idiom_hits` tries them; an idiom with a fixed word whose keys are all
    missing from ``present`` (every idiom key of the sentence) cannot match and is left out."""
    table = _anchored_idioms()
    out = []
    for k, anchors in anchored:
        for form in anchors:
            for idiom, anchor, others in table[form]:
                for alts in others:
                    if present.isdisjoint(alts):
                        break
                else:
                    out.append((k, form, idiom, anchor))
    return out


def _idiom_hits(s: _Sentence, candidates: list[tuple[int, str, _Idiom, int]]
                ) -> list[tuple[_Idiom, list[int]]]:
    """Idioms of sentence ``s`` among ``candidates`` (see :func:`_idiom_candidates`)."""
    found: list[tuple[_Idiom, list[int]]] = []
    for k, form, idiom, anchor in candidates:
        if idiom.strict[anchor] and form not in s.exact[k]:
            continue
        fixed = _find_fixed(s, idiom, anchor, k)
        if fixed is None:
            continue
        tokens = fixed
        if idiom.verb:
            verb = _find_verb(s, idiom, fixed[0], fixed[-1], set(fixed))
            if verb is None:
                continue
            tokens = fixed + verb
        found.append((idiom, sorted(set(tokens))))
    # longest first; drop idioms sharing a token with one already kept
    found.sort(key=lambda h: (-len(h[1]), -h[0].weight, h[1][0]))
    kept, taken = [], set()
    for idiom, tokens in found:
        if taken.isdisjoint(tokens):
            kept.append((idiom, tokens))
            taken.update(tokens)
    return kept


def _clause_final(a: Analysis, i: int, end: int) -> bool:
    j = i + 1
    while j < end and a.tags[j] == "_SP":
        j += 1
    return j >= end or a.tags[j].startswith(_PUNCT_PREFIX) or a.tags[j] in ("KON", "XY")


def score_loaded(analysis: Analysis) -> LoadedScore:
    """Count loaded words and idioms in ``analysis`` by voice and category.

    Returns a :class:`LoadedScore`: ``author_per_1000 = 1000 * author_hits / author_words``
    (and the same for quoted voices), per-category counts, summed weights and every hit with
    its character span. Higher means more loaded wording; range ``[0, 1000]``.
    """
    a = analysis
    lex = _lexicon()
    texts = a.texts or tuple(t.text for t in a.doc)
    offsets = a.starts or tuple(t.idx for t in a.doc)
    voice, is_word, lemmas_of, tags_of = a.voice, a.is_word, a.lemmas, a.tags
    hits: list[LoadedHit | None] = []
    not_counted: list[NotCounted] = []
    single_at: dict[int, int] = {}  # token -> index in hits of its single-word hit
    text = a.article.text
    scope_lemmas: dict[object, frozenset[str]] = {}

    def lemmas_in(scope: str, sentence: int) -> frozenset[str]:
        key: object = "article" if scope == "article" else sentence
        if key not in scope_lemmas:
            if key == "article":
                span = range(len(texts))
            else:
                span = range(a.sentences[sentence].tok_start, a.sentences[sentence].tok_end)
            toks = [i for i in span if is_word[i] and voice[i] != "excluded"]
            scope_lemmas[key] = frozenset([lemmas_of[i].casefold() for i in toks]
                                          + [texts[i].casefold() for i in toks])
        return scope_lemmas[key]

    def add(tokens: list[int], lemma: str, entry_cat: str, weight: float,
            rule: str | None = None) -> None:
        """Record a hit; weight 0 = listed but not loaded; ``rule``: entry key for context rules."""
        voices = [voice[t] for t in tokens]
        if "excluded" in voices:
            return
        start = offsets[tokens[0]]
        end = offsets[tokens[-1]] + len(texts[tokens[-1]])
        sentence = a.sentence_of[tokens[0]]
        hit = LoadedHit(start, end, text[start:end], lemma, entry_cat, weight, voices[0], sentence,
                        PARTISAN if entry_cat == PARTISAN else GENERAL)
        if weight <= 0:
            not_counted.append(NotCounted(hit, _WEIGHT_ZERO))
            return
        for ctx in lex.context.get(rule or "", ()):
            if ctx.found(lemmas_in(ctx.scope, sentence)):
                not_counted.append(NotCounted(hit, ctx.reason))
                return
        if len(tokens) == 1:
            single_at[tokens[0]] = len(hits)
        hits.append(hit)

    # One cached lookup per token form; most forms can match nothing and are skipped.
    scored = [w and v != "excluded" for w, v in zip(is_word, voice)]
    forms_all = list(map(_form, lemmas_of, texts, tags_of))
    verbs_all = [j for j, t in enumerate(tags_of) if (t == "VVFIN" or t == "VVIMP") and scored[j]]
    for sent in a.sentences:
        if sent.excluded:
            continue
        idx = list(compress(range(sent.tok_start, sent.tok_end), scored[sent.tok_start:sent.tok_end]))
        if not idx:
            continue
        forms = [forms_all[i] for i in idx]
        covered: set[int] = set()
        anchored = [(n, f.anchors) for n, f in enumerate(forms) if f.anchors]
        if anchored:
            candidates = _idiom_candidates(anchored, set().union(*[f.forms for f in forms]))
            if candidates:
                for idiom, toks in _idiom_hits(_Sentence(idx, forms), candidates):
                    tokens = [idx[t] for t in toks]
                    covered.update(tokens)
                    add(tokens, idiom.lemma, idiom.category, idiom.weight, idiom.lemma.casefold())
        first_word = idx[0]
        for n, i in enumerate(idx):
            f = forms[n]
            if f.plain or i in covered:
                continue
            tag = tags_of[i]
            entry = None
            for e in f.entries:
                if _pos_ok(e, tag, texts[i], i == first_word):
                    entry = e
                    break
            if entry is None:
                entry = f.fallback
            if entry is not None:
                add([i], entry.lemma, entry.category, entry.weight, entry.lemma.casefold())
                continue
            if f.particle:
                # the sentence's last finite full verb before the particle
                k = bisect_left(verbs_all, i) - 1
                verb = verbs_all[k] if k >= 0 and verbs_all[k] >= sent.tok_start else None
                if verb is not None:
                    e = lex.others.get(f.lower + lemmas_of[verb].casefold())
                    if (e is not None and e.pos == "VV" and verb not in covered
                            and _clause_final(a, i, sent.tok_end)):
                        if verb in single_at:  # "lügt ... vor": count "vorlügen", not "lügen"
                            hits[single_at.pop(verb)] = None
                        add(sorted([verb, i]), e.lemma, e.category, e.weight, e.lemma.casefold())
                        covered.add(verb)
                        continue
            part = f.compound
            if part is not None and (part[1] == "modifier"
                                     or _pos_ok(part[0], tag, texts[i], i == first_word)):
                add([i], lemmas_of[i], part[0].category, part[0].weight)

    found = sorted((h for h in hits if h is not None), key=lambda h: (h.start, h.end))
    author = [h for h in found if h.voice == "author"]
    quoted = [h for h in found if h.voice in QUOTED_VOICES]
    partisan = [h for h in author if h.layer == PARTISAN]
    counts = Counter(compress(voice, is_word))
    author_words = counts["author"]
    quoted_words = sum(counts[v] for v in QUOTED_VOICES)
    return LoadedScore(
        author_hits=len(author),
        author_words=author_words,
        quoted_hits=len(quoted),
        quoted_words=quoted_words,
        author_weight=sum(h.weight for h in author),
        quoted_weight=sum(h.weight for h in quoted),
        by_category=dict(Counter(h.category for h in author)),
        by_category_quoted=dict(Counter(h.category for h in quoted)),
        hits=tuple(found),
        partisan_hits=len(partisan),
        partisan_quoted_hits=sum(1 for h in quoted if h.layer == PARTISAN),
        partisan_weight=sum(h.weight for h in partisan),
        not_counted=tuple(sorted(not_counted, key=lambda n: n.hit.start)),
    )
