"""Sentiment toward actors: how a text presents each person, country or organisation it names.

:func:`score_actors` finds every mention of an actor (registry aliases from
``lexicons/actors/actors.tsv``, plus recurring proper names the registry does not know) and
gives each mention a polarity in [-1, 1]: below 0 the text presents the actor negatively
at that point, above 0 positively, 0 neutral. The polarity of a mention comes from its own
sentence only (:func:`target_polarity` scores any span the same way), read by structure
(:mod:`framing.measures.actors.structure`), not by distance:

- polar words of the German Polarity Lexicon (Klenner et al. 2010) plus a news supplement
  that bear on the actor: its own noun phrase, an apposition, a copula predicate, what it
  does as clause subject, an act noun it owns or is the doer of; flipped or dampened by a
  preceding negator and scaled by intensifiers (``lexicons/sentiment/``);
- the actor's role as doer or target of an evaluative verb or act noun
  (``role_verbs.tsv``, ``role_nouns.tsv``): "Russland griff die Ukraine an" and "die
  Verfolgung Nawalnys" are negative for the doer, not for the victim;
- topic words ("Krieg", "Sanktionen", ``topic_words.tsv``) never judge an actor by
  themselves;
- voice: only words in the mention's own voice count. A mention in the author's voice is
  not scored by words inside a quotation or reported clause, and words inside a quotation
  only score mentions inside that same quotation. So what Trump says about Putin counts
  for Putin, never for Trump.

The target-sentiment classifier in ``framing/models/`` (trained on GerNTSA, see its model
card) turns these cues and the other polar words of the sentence into the mention's
polarity, blended with the clipped sum of the structural cues; without the model file the
clipped sum alone is used. Name compounds ("Putin-Regime") are mentions whose head says
what is said about the actor; descriptors (how the text names the actor) are collected on
the way (:mod:`framing.measures.actors.descriptors`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from framing.measures.actors import tone as _tone
from framing.measures.actors.descriptors import Descriptor, descriptors_of
from framing.measures.actors.mentions import Span, find_mentions, resolve_references
from framing.measures.actors.speakers import quoted_counts
from framing.measures.actors.tone import mention_evidence, polarity_of, structure_of
from framing.model import Cue
from framing.resources import load_table

if TYPE_CHECKING:  # annotations only: the package imports without spaCy (dashboard, CSV)
    from framing.language.analysis import Analysis

#: cue kinds that carry evidence about the actor (a shifter alone does not)
EVIDENCE_KINDS = frozenset({"attr", "apposition", "predicate", "act", "owner", "bearer", "agent",
                            "patient", "own"})


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
    via: str = ""  # "" (named), "pronoun", "possessive", "role_noun" or "fragment" (a reference resolved to the actor)


@dataclass(frozen=True)
class ActorScore:
    """Everything one article says about one actor.

    ``polarity`` is the mean mention polarity in [-1, 1] (below 0: presented negatively;
    mentions without any cue count as 0); ``mentions`` counts every mention, of which
    ``references`` are pronouns, possessives, role nouns and verbless evaluative
    fragments ("Feige, zahnlos, lächerlich.") resolved to the actor (the rest are names,
    role aliases and name compounds);
    ``share`` = ``mentions`` / all actor mentions of the article; ``quoted`` counts the
    quotations and reported statements whose speaker is this actor; ``evidence`` lists
    the indices of the sentences that mention it; ``polarity_author`` is the mean over the
    ``author_mentions`` (mentions in the author's own voice), 0.0 when there are none.

    ``tone`` is the article-level judgement in [-1, 1]: the sum of the polarities of the
    ``evidenced`` mentions (those with at least one cue that bears on the actor) divided
    by ``evidenced + prior``; ``label`` is ``negative`` / ``neutral`` / ``positive``: neutral
    when fewer than ``min_evidence`` mentions carry evidence or ``|tone|`` < ``band``
    (``lexicons/actors/article_tone.tsv``, chosen on development data).
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
    references: int = 0
    evidenced: int = 0
    tone: float = 0.0
    label: str = "neutral"


@dataclass(frozen=True)
class ActorsResult:
    """Actors of one article, most mentioned first; ``discovered`` names the actors
    that came from recurring proper names rather than the registry (kind ``unknown``);
    ``descriptors`` are the namings of each actor other than its name, in text order
    (see :mod:`framing.measures.actors.descriptors`)."""

    actors: tuple[ActorScore, ...]
    mentions: tuple[Mention, ...]
    total_mentions: int
    discovered: tuple[str, ...]
    descriptors: tuple[Descriptor, ...] = ()



@lru_cache(maxsize=1)
def tone_settings() -> dict[str, float]:
    """Prior, neutral band and evidence minimum of the article-level tone
    (``lexicons/actors/article_tone.tsv``)."""
    return {r["name"]: float(r["value"]) for r in load_table("lexicons/actors/article_tone.tsv").rows}


def has_evidence(cues: tuple[Cue, ...]) -> bool:
    """Whether any cue bears on the actor (shifters alone are not evidence)."""
    return any(c.kind in EVIDENCE_KINDS for c in cues)


def article_tone(polarities: list[float], evidenced: list[bool]) -> tuple[float, str]:
    """``(tone, label)`` of one actor in one article from its mention polarities.

    tone = sum of the evidenced polarities / (number evidenced + prior), in [-1, 1];
    label by the neutral band and the evidence minimum of ``article_tone.tsv``; with
    ``majority_veto`` there, neutral also when more evidenced mentions point the other
    way than the tone's sign (a single strong cue does not flip the label).
    """
    cfg = tone_settings()
    values = [p for p, e in zip(polarities, evidenced) if e]
    tone = sum(values) / (len(values) + cfg["prior"]) if values or cfg["prior"] else 0.0
    if len(values) < cfg["min_evidence"] or abs(tone) < cfg["band"]:
        return tone, "neutral"
    if cfg.get("majority_veto", 0):
        # one strong cue must not outvote several weaker ones of the other sign
        against = sum(1 for v in values if v and (v < 0) != (tone < 0))
        if against > sum(1 for v in values if v and (v < 0) == (tone < 0)):
            return tone, "neutral"
    return tone, "negative" if tone < 0 else "positive"


def _speaker_at(ranges: list[tuple[int, int, str | None]], starts: list[int], offset: int) -> str | None:
    """Speaker of the quotation that contains character ``offset`` (quotes sorted by start;
    nested quotes: the innermost of the last few that open before it)."""
    pos = bisect.bisect_right(starts, offset)
    for q0, q1, who in reversed(ranges[max(0, pos - 4): pos]):
        if q0 <= offset < q1:
            return who
    return None


_SENTENCE_END = (".", "!", "?")


def question_mark_after(a: Analysis, t1: int) -> int | None:
    """Token index of the "?" that closes the question the mention ending at token ``t1``
    stands in ("Ist Merz wirklich der entschlossene Reformer?", also a question inside a
    quotation), ``None`` when the first sentence-closing mark after it is no "?"."""
    end = a.sentences[a.sentence_of[t1 - 1]].tok_end
    for k in range(t1, end):
        if a.texts[k] in _SENTENCE_END:
            return k if a.texts[k] == "?" else None
    return None


_FRAGMENT_TAGS = ("ADJD", "ADJA", "NN")
_FRAGMENT_MAX_WORDS = 12


def _topic_actor(a: Analysis, sentence: int, spans: list[Span], structures: dict) -> Span | None:
    """The actor a sentence is about: its only actor, or else the actor that is the
    subject of the clause of its first finite verb; ``None`` when neither is clear."""
    if len({s.actor for s in spans}) == 1:
        return spans[0]
    st = structure_of(a, sentence, structures)
    if not st.finite:
        return None
    first = min(st.finite.values())
    subj = st.subject.get(st.clause_at(first))
    if subj is None:
        return None
    chunk = st.chunks[subj]
    target = next((s for s in spans if chunk.start <= s.t0 < chunk.end), None)
    if target is None:
        return None
    for s in spans:  # "Trump und Putin trafen sich": a coordinated subject names no one topic
        if s.actor != target.actor and s.t0 >= target.t1 and all(
                a.tags[k] == "KON" or a.texts[k] == "," for k in range(target.t1, s.t0)):
            return None
    return target


def _fragments(a: Analysis, spans: list[Span], structures: dict) -> list[Mention]:
    """Verbless evaluative sentences in the author's voice ("Feige, zahnlos, lächerlich.")
    read as said of the topic actor of the nearest sentence before them that names an
    actor (at most ``fragment_window`` sentences back, ``article_tone.tsv``): one
    ``fragment`` mention each, scored like a copula predicate of that actor (its polar
    words as ``predicate`` cues, through :func:`polarity_of`).
    A sentence with a verb, an actor mention, a quotation, more than
    ``_FRAGMENT_MAX_WORDS`` words, no closing full stop or exclamation mark (a heading, a
    question) or a paragraph break before it is no fragment."""
    lex = _tone.lexicon()
    window = int(tone_settings().get("fragment_window", 0))
    if window <= 0:
        return []
    by_sentence: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        by_sentence[a.sentence_of[s.t0]].append(s)
    found: list[Mention] = []
    for si, sent in enumerate(a.sentences):
        if si == 0 or si in by_sentence:
            continue
        toks = [k for k in range(sent.tok_start, sent.tok_end) if a.is_word[k]]
        last = sent.tok_end - 1
        if (not toks or len(toks) > _FRAGMENT_MAX_WORDS or any(a.tags[k].startswith("V") for k in toks)
                or a.texts[last] not in (".", "!")  # a heading or a question is no verdict
                or "\n\n" in a.text[a.starts[a.sentences[si - 1].tok_end - 1]:a.starts[toks[0]]]
                or any(a.voice[k] != "author" for k in toks)
                or any(q.start <= a.starts[toks[-1]] and a.starts[toks[0]] < q.end for q in a.quotes)):
            continue  # quoted words, scare quotes included, are someone else's
        cues, bearing = [], []
        for k in toks:
            if a.tags[k] not in _FRAGMENT_TAGS or _tone._is_topic(a, k):
                continue
            base = _tone._polar_value(a, k, lex)
            shift = _tone._local_shift(a, k, lex)
            if base:
                cues.append(Cue(a.starts[k], a.end_of(k), a.texts[k], "predicate", base * shift))
                bearing.append((a.lemmas[k].lower(), base, shift, "predicate"))
        if not cues:
            continue
        before = next((j for j in range(si - 1, max(-1, si - 1 - window), -1) if j in by_sentence), None)
        if before is None:
            continue
        target = _topic_actor(a, before, by_sentence[before], structures)
        if target is None:
            continue
        start, end = a.starts[toks[0]], a.end_of(toks[-1])
        # scored like a copula predicate of the actor ("Trump ist feige, zahnlos, lächerlich")
        pos = sum(c.weight for c in cues if c.weight > 0)
        neg = -sum(c.weight for c in cues if c.weight < 0)
        ev = _tone.Evidence(max(-1.0, min(1.0, pos - neg)), pos, neg, 0.0, 0.0,
                            any(sh < 0 for *_, sh, _r in bearing), "author", False, tuple(cues),
                            tuple(bearing), (), 0.0, True, "")
        found.append(Mention(
            start=start, end=end, text=a.text[start:end], actor=target.actor, kind=target.kind,
            sentence=si, voice="author", polarity=polarity_of(ev),
            cues=tuple(cues), via="fragment"))
    return found


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
    named = find_mentions(a)
    quoted, quote_speaker = quoted_counts(a, named)
    spans = sorted(named + resolve_references(a, named, quote_speaker), key=lambda s: s.t0)
    quote_ranges = sorted((q.start, q.end, quote_speaker.get(i)) for i, q in enumerate(a.quotes) if q.kind != "scare")
    quote_starts = [q[0] for q in quote_ranges]
    structures: dict = {}
    cfg = tone_settings()
    all_tokens = [set(range(s.t0, s.t1)) for s in spans]
    mentions: list[Mention] = []
    descriptors: list[Descriptor] = []
    in_sentence: dict[int, list[int]] = defaultdict(list)
    for j, s in enumerate(spans):
        in_sentence[a.sentence_of[s.t0]].append(j)
    for idx, s in enumerate(spans):
        others = [j for j in in_sentence[a.sentence_of[s.t0]] if j != idx]
        blocked = frozenset().union(*(all_tokens[j] for j in others))
        starts = frozenset(spans[j].t0 for j in others)
        start = a.starts[s.t0]
        end = a.end_of(s.t1 - 1)
        speaker = _speaker_at(quote_ranges, quote_starts, start)
        ev = mention_evidence(a, s.t0, s.t1, blocked, starts, speaker_of_quote=speaker == s.actor,
                              cache=structures)
        if a.voice[s.t0] != "excluded" and s.alias_type not in ("pronoun", "possessive"):
            descriptors.extend(descriptors_of(a, s.t0, s.t1, s.actor, s.alias_type,
                                              structure_of(a, a.sentence_of[s.t0], structures)))
        cues = ev.cues
        polarity = polarity_of(ev) if has_evidence(cues) else 0.0  # no cue bears on the actor: 0
        question = question_mark_after(a, s.t1) if cues else None
        if question is not None:
            # a question asserts nothing: "Ist Merz wirklich der entschlossene Reformer?"
            weight = cfg.get("question_weight", 1.0)
            polarity *= weight
            cues = cues + (Cue(a.starts[question], a.end_of(question), "?", "question", weight),)
            if not weight:
                cues = tuple(c if c.kind not in EVIDENCE_KINDS else
                             Cue(c.start, c.end, c.text, "asked", c.weight) for c in cues)
        mentions.append(Mention(
            start=start, end=end, text=a.text[start:end], actor=s.actor, kind=s.kind,
            sentence=a.sentence_of[s.t0], voice=a.voice[s.t0],
            polarity=polarity, cues=cues,
            via=s.alias_type if s.alias_type in ("pronoun", "possessive", "role_noun") else "",
        ))
    mentions.extend(_fragments(a, spans, structures))
    mentions.sort(key=lambda m: m.start)
    total = len(mentions)
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_actor[m.actor].append(m)
    scores = []
    for actor, ms in by_actor.items():
        direct = [m for m in ms if not m.via]
        author = [m for m in ms if m.voice == "author"]
        flags = [has_evidence(m.cues) for m in ms]
        tone, label = article_tone([m.polarity for m in ms], flags)
        scores.append(ActorScore(
            actor=actor, kind=ms[0].kind, mentions=len(ms), share=len(ms) / total,
            polarity=sum(m.polarity for m in ms) / len(ms), quoted=quoted.get(actor, 0),
            evidence=tuple(sorted({m.sentence for m in ms})), author_mentions=len(author),
            polarity_author=sum(m.polarity for m in author) / len(author) if author else 0.0,
            references=len(ms) - len(direct), evidenced=sum(flags), tone=tone, label=label,
        ))
    scores.sort(key=lambda sc: (-sc.mentions, sc.actor))
    discovered = tuple(sorted({s.actor for s in named if s.kind == "unknown"}))
    return ActorsResult(actors=tuple(scores), mentions=tuple(mentions), total_mentions=total,
                        discovered=discovered, descriptors=tuple(descriptors))
