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

from collections import defaultdict
from dataclasses import dataclass

from framing.language.analysis import Analysis
from framing.measures.actors.mentions import find_mentions
from framing.measures.actors.speakers import quoted_counts
from framing.measures.actors.tone import mention_evidence, polarity_of
from framing.model import Cue


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
    spans = find_mentions(a)
    quoted, quote_speaker = quoted_counts(a, spans)
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
        ev = mention_evidence(a, s.t0, s.t1, blocked, starts, speaker_of_quote=speaker == s.actor)
        mentions.append(Mention(
            start=start, end=end, text=a.text[start:end], actor=s.actor, kind=s.kind,
            sentence=a.sentence_of[s.t0], voice=a.voice[s.t0], polarity=polarity_of(ev), cues=ev.cues,
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
