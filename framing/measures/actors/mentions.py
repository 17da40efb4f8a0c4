"""Mentions of actors: the registry (``lexicons/actors/``) and recurring names it does not know."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from framing.measures.actors import structure as st
from framing.resources import load_table

if TYPE_CHECKING:  # annotations only: the package imports without spaCy (dashboard, CSV)
    from framing.language.analysis import Analysis


# --------------------------------------------------------------------------- data
@dataclass(frozen=True)
class _Alias:
    actor: str
    kind: str
    alias_type: str
    valid_from: str
    valid_to: str


@dataclass(frozen=True)
class Registry:
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
def registry() -> Registry:
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
    return Registry(
        by_first={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in by_first.items()},
        locative=frozenset(r["word"] for r in context if r["kind"] == "locative"),
        role_blockers=frozenset(r["word"] for r in context if r["kind"] == "role_blocker"),
        passive_agent=frozenset(r["word"] for r in context if r["kind"] == "passive_agent"),
        patient_markers=frozenset(r["word"] for r in context if r["kind"] == "patient_marker"),
        names=names,
    )



# --------------------------------------------------------------------------- matching
@dataclass(frozen=True)
class Span:
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


def _match_at(texts: Sequence[str], i: int, reg: Registry):
    for toks, aliases in reg.by_first.get(texts[i], ()):
        if tuple(texts[i: i + len(toks)]) == toks:
            return len(toks), aliases
    return None


def _compound_alias(word: str, reg: Registry, date: str | None) -> _Alias | None:
    """The actor named by a part before the last hyphen of a compound ("Merkel-Lockdown",
    "Putin-Regime", "Anti-Trump-Proteste"); ``None`` when no part is a one-word name,
    surname, abbreviation or metonym of the registry (role aliases do not count)."""
    parts = word.split("-")
    if len(parts) < 2 or len(parts) > 4 or not parts[-1][:1].isupper():
        return None
    for part in parts[:-1]:
        for toks, aliases in reg.by_first.get(part, ()):
            if toks == (part,):
                alias = _pick_holder(aliases, date)
                if alias.alias_type != "role":
                    return alias
    return None


def _registry_spans(a: Analysis, skipped: list[tuple[int, int]] | None = None) -> list[Span]:
    """Registry matches; aliases that turned out not to name an actor ("in Moskau",
    "der frühere US-Präsident") go to ``skipped``."""
    reg = registry()
    skipped = [] if skipped is None else skipped
    texts = a.texts or tuple(t.text for t in a.doc)
    n = len(texts)
    date = a.article.date
    spans: list[Span] = []
    i = 0
    while i < n:
        if a.voice[i] == "excluded":
            i += 1
            continue
        if texts[i] not in reg.by_first:
            compound = _compound_alias(texts[i], reg, date) if "-" in texts[i] else None
            if compound is not None:
                spans.append(Span(i, i + 1, compound.actor, compound.kind, "compound"))
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
                spans.append(Span(i, i + length + nxt[0], named.actor, named.kind, named.alias_type))
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
        spans.append(Span(i, i + length, alias.actor, alias.kind, alias.alias_type))
        i += length
    return spans


def _is_name_token(a: Analysis, i: int) -> bool:
    text = a.texts[i]
    return (a.tags[i] == "NE" and text[:1].isupper() and len(text) > 1
            and any(ch.isalpha() for ch in text) and a.voice[i] != "excluded"
            and not _function_word_opening(a, i))


#: Tags of a lower-case form that make its capitalised form at a sentence's start a
#: function word, not a name ("Oder Sergei Rjabkow, der …": the conjunction, not the river).
_FUNCTION_TAGS = ("KON", "KOUS", "KOUI", "KOKOM", "ART", "APPR", "APPRART", "PPER", "PD", "PI", "PW", "PRELS")


def _function_word_opening(a: Analysis, i: int) -> bool:
    """Token ``i`` is the first word of its sentence and its lower-case form is a
    function word."""
    k = a.sentences[a.sentence_of[i]].tok_start
    while k < i and not a.is_word[k]:
        k += 1
    if k != i:
        return False
    from framing.language.pipeline import analyse_word

    return analyse_word(a.lowers[i])[1].startswith(_FUNCTION_TAGS)


def _discover(a: Analysis, taken: list[bool]) -> list[Span]:
    """Recurring proper-name sequences the registry does not know (kind ``unknown``)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(a.doc)
    while i < n:
        if taken[i] or a.tags[i] != "NE" or not _is_name_token(a, i):  # (the tag first: cheap)
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
    locative = registry().locative
    at_place = Counter(c for (r0, _), c in zip(runs, canonical)
                       if r0 and a.lowers[r0 - 1] in locative)
    return [Span(r0, r1, " ".join(c), "unknown", "discovered")
            for (r0, r1), c in zip(runs, canonical)
            if totals[c] >= 2 and at_place[c] * 2 < totals[c]]


def find_mentions(a: Analysis) -> list[Span]:
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



# --------------------------------------------------------------------------- references
@dataclass(frozen=True)
class Anaphora:
    pronouns: dict[str, str]  # lowercased PPER form -> gender
    possessives: dict[str, str]  # lowercased PPOSAT form -> gender
    role_nouns: dict[str, tuple[str, str]]  # noun as written -> (gender, office)
    determiners: frozenset[str]
    gender: dict[str, str]  # person actor -> "m" / "f"
    possessive_class: dict[str, str]  # country/organisation -> possessive class ("m": sein-, "f": ihr-)
    noun_class: dict[str, str]  # article that shows its noun's possessive class -> "m" / "f"
    offices: dict[str, tuple[tuple[str, str, str], ...]]  # actor -> (role alias lowercased, from, to)
    window: int


@lru_cache(maxsize=1)
def anaphora() -> Anaphora:
    """Pronouns, possessives and role nouns (``lexicons/actors/anaphora.tsv``), the gender
    of each person actor (``gender.tsv``) and the reference window (``article_tone.tsv``)."""
    rows = load_table("lexicons/actors/anaphora.tsv").rows
    offices: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in load_table("lexicons/actors/actors.tsv").rows:
        if row["alias_type"] == "role":
            offices[row["actor"]].append((row["alias"].lower(), row.get("valid_from", ""), row.get("valid_to", "")))
    settings = {r["name"]: float(r["value"]) for r in load_table("lexicons/actors/article_tone.tsv").rows}
    return Anaphora(
        pronouns={r["word"]: r["gender"] for r in rows if r["kind"] == "pronoun"},
        possessives={r["word"]: r["gender"] for r in rows if r["kind"] == "possessive"},
        role_nouns={r["word"]: (r["gender"], r["office"]) for r in rows if r["kind"] == "role_noun"},
        determiners=frozenset(r["word"] for r in rows if r["kind"] == "determiner"),
        gender={r["actor"]: r["gender"] for r in load_table("lexicons/actors/gender.tsv").rows},
        noun_class={r["word"]: r["gender"] for r in rows if r["kind"] == "noun_gender"},
        possessive_class={r["actor"]: r["possessive"]
                          for r in load_table("lexicons/actors/grammatical_gender.tsv").rows},
        offices={k: tuple(v) for k, v in offices.items()},
        window=int(settings.get("reference_window", 1)),
    )


def _holds(actor: str, office: str, date: str | None, ana: Anaphora) -> bool:
    """Whether a registry role alias of ``actor`` valid at ``date`` contains ``office``."""
    day = (date or "")[:10]
    for alias, since, until in ana.offices.get(actor, ()):
        if office in alias and (not day or ((not since or since <= day) and (not until or day < until))):
            return True
    return False


def _same_clause(a: Analysis, i: int, j: int) -> bool:
    """Tokens ``i`` < ``j`` stand in one clause: same sentence, no punctuation or
    subordinating conjunction between them."""
    if a.sentence_of[i] != a.sentence_of[j]:
        return False
    return not any(a.tags[k].startswith("$") or a.tags[k] == "KOUS" for k in range(i + 1, j))


def _reference_at(a: Analysis, k: int, ana: Anaphora) -> tuple[str, str, str] | None:
    """``(via, gender, office)`` when token ``k`` may refer back to a person, else ``None``."""
    tag, low = a.tags[k], a.lowers[k]
    if tag == "PPER" and low in ana.pronouns:
        return "pronoun", ana.pronouns[low], ""
    if tag == "PPOSAT" and low in ana.possessives:
        return "possessive", ana.possessives[low], ""
    if tag == "NN" and a.texts[k] in ana.role_nouns and k and a.lowers[k - 1] in ana.determiners:
        nxt = k + 1
        if nxt < len(a.doc) and (a.tags[nxt] in ("NE", "NN", "ART") or a.lowers[nxt] == "von"):
            return None  # "der Präsident Frankreichs", "der Präsident der Ukraine", "Präsident Macron"
        gender, office = ana.role_nouns[a.texts[k]]
        return "role_noun", gender, office
    return None


def _quote_index(a: Analysis, k: int) -> int | None:
    """Index in ``a.quotes`` of the (non-scare) quotation that contains token ``k``."""
    idx = a.starts[k]
    found = None
    for i, q in enumerate(a.quotes):
        if q.start > idx:
            break
        if q.kind != "scare" and q.start <= idx < q.end:
            found = i  # nested quotes: the innermost, which opens last
    return found


def _quoted_reference(a: Analysis, k: int, gender: str, speaker: str, spans: Sequence[Span],
                      ana: Anaphora) -> Span | None:
    """The person a pronoun or possessive inside a quotation refers to: the one person actor
    of matching gender other than the speaker named in the quotation's sentence or the
    ``reference_window`` sentences before it ("„Er will einen Deal“, sagte Trump über
    Putin"); ``None`` when there is none, more than one, or an unknown name."""
    sentence = a.sentence_of[k]
    near = [s for s in spans if sentence - ana.window <= a.sentence_of[s.t0] <= sentence
            and not (s.t0 <= k < s.t1)]
    if any(s.kind == "unknown" for s in near):
        return None
    fitting = {s.actor: s for s in near
               if s.kind == "person" and ana.gender.get(s.actor) == gender and s.actor != speaker}
    if len(fitting) != 1:
        return None
    return next(iter(fitting.values()))


_OWNER_ALIASES = ("name", "abbrev")


def _is_subject(a: Analysis, span: Span, structures: dict[int, st.Structure]) -> bool:
    """Whether ``span`` is (in) the subject of its clause (rule-based structure)."""
    sentence = a.sentence_of[span.t0]
    if sentence not in structures:
        sent = a.sentences[sentence]
        structures[sentence] = st.analyse(a, sent.tok_start, sent.tok_end)
    s = structures[sentence]
    mc = s.chunk_at(span.t1 - 1)
    return mc >= 0 and s.subject.get(s.chunks[mc].clause) == mc


def _named_owner(a: Analysis, k: int, window: Sequence[Span], gender: str, ana: Anaphora,
                 structures: dict[int, st.Structure]) -> Span | None:
    """The country or organisation a possessive refers back to when no person fits
    ("Russland griff erneut an. Seine Luftangriffe trafen Wohnhäuser"): the one actor of
    the window whose name takes this possessive (``grammatical_gender.tsv``), named by its
    name as the subject of its clause; ``None`` when a person of any gender, an unknown
    name or a second such actor stands in the window, or a common noun that could own it
    stands between (:func:`_rival_noun`): then who owns the thing is unclear."""
    if any(s.kind in ("person", "unknown") for s in window):
        return None
    fitting = {s.actor for s in window if ana.possessive_class.get(s.actor) == gender}
    if len(fitting) != 1:
        return None
    owner = next(s for s in reversed(window) if s.actor in fitting)
    if owner.alias_type not in _OWNER_ALIASES or not _is_subject(a, owner, structures):
        return None
    if any(_rival_noun(a, j, gender, ana) for j in range(owner.t1, k)):
        return None  # "Russland setzt den Krieg gegen den Nachbarstaat fort, mit dem Ziel seiner Auslöschung"
    return owner


def _rival_noun(a: Analysis, j: int, gender: str, ana: Anaphora) -> bool:
    """Whether token ``j`` is a common noun that could own a possessive of class ``gender``:
    every noun can, unless the article that opens its phrase shows the other class ("in der
    Nacht" cannot own "seine")."""
    if a.tags[j] != "NN":
        return False
    i = j - 1
    while i >= 0 and a.tags[i] in ("ADJA", "ADV", "CARD", "ADJD"):
        i -= 1
    shown = ana.noun_class.get(a.lowers[i]) if i >= 0 else None
    return shown is None or shown == gender


def resolve_references(a: Analysis, spans: Sequence[Span],
                       quote_speakers: dict[int, str] | None = None) -> list[Span]:
    """Pronouns, possessives and role nouns that refer back to a person actor.

    Conservative: a reference resolves only to a person actor named (or resolved) in the
    same sentence or the ``reference_window`` sentences before it, the nearest one of
    matching gender (for a role noun: whose registry role aliases contain the office, as of
    the article date); never inside a quotation; a personal pronoun never to a person of
    its own clause ("Der Kremlchef habe ihm zugesagt"). It stays unresolved when another
    person of matching gender or office is named in the antecedent's sentence or after it,
    when an unknown name stands between, or for "sie" when any other actor stands between
    (plural "sie", "die EU ... sie"). Returned spans have ``alias_type`` ``pronoun``,
    ``possessive`` or ``role_noun``.

    With ``quote_speakers`` (quotation index in ``a.quotes`` -> speaking actor, as
    :func:`framing.measures.actors.speakers.quoted_counts` returns), a third-person
    pronoun or possessive inside a quotation whose speaker is known resolves to the one
    other person of matching gender named around it (:func:`_quoted_reference`).
    """
    ana = anaphora()
    date = a.article.date
    structures: dict[int, st.Structure] = {}
    taken = {k for s in spans for k in range(s.t0, s.t1)}
    by_start = sorted(spans, key=lambda s: s.t0)
    recent: list[Span] = []
    found: list[Span] = []
    nxt = lo = 0
    for k in range(len(a.doc)):
        while nxt < len(by_start) and by_start[nxt].t0 <= k:
            recent.append(by_start[nxt])
            nxt += 1
        if k in taken or a.voice[k] == "excluded":
            continue
        ref = _reference_at(a, k, ana)
        if ref is None:
            continue
        via, gender, office = ref
        if a.voice[k] == "quote":
            q = _quote_index(a, k) if quote_speakers and via != "role_noun" else None
            speaker = quote_speakers.get(q) if q is not None and quote_speakers else None
            quoted = _quoted_reference(a, k, gender, speaker, spans, ana) if speaker else None
            if quoted is not None:
                span = Span(k, k + 1, quoted.actor, quoted.kind, via)
                found.append(span)
            continue
        sentence = a.sentence_of[k]
        while lo < len(recent) and a.sentence_of[recent[lo].t0] < sentence - ana.window:
            lo += 1  # spans come in text order: those before the window never return
        window = [s for s in recent[lo:] if s.t1 <= k]

        def fits(s: Span, gender: str = gender, office: str = office) -> bool:
            if s.kind != "person" or ana.gender.get(s.actor) != gender:
                return False
            return not office or _holds(s.actor, office, date, ana)

        target: Span | None = None
        for s in reversed(window):
            if s.kind == "unknown":
                break  # an unknown name between: who "er" is cannot be told
            if via == "pronoun" and _same_clause(a, s.t0, k):
                continue
            if via == "pronoun" and gender == "f" and not fits(s):
                break  # "sie" after another actor: plural or that actor
            if fits(s):
                target = s
                break
        if target is None and via == "possessive":
            target = _named_owner(a, k, window, gender, ana, structures)
            if target is not None:
                span = Span(k, k + 1, target.actor, target.kind, via)
                found.append(span)
                recent.append(span)
            continue
        if target is None:
            continue
        rivals = {s.actor for s in window if fits(s) and s.actor != target.actor
                  and (a.sentence_of[s.t0] == a.sentence_of[target.t0] or s.t0 > target.t0)
                  and not (via == "pronoun" and _same_clause(a, s.t0, k))}
        if rivals:
            continue
        span = Span(k, k + 1, target.actor, target.kind, via)
        found.append(span)
        recent.append(span)
    return found
