"""Score articles on all measures and aggregate them per source.

:func:`score_article` runs the pipeline once and every measure on the result;
:func:`aggregate_sources` combines the articles of each source, weighting by words
(densities and ratios are recomputed from summed counts, never averaged as ratios).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from typing import TYPE_CHECKING, Any

from framing.measures.actors.score import article_tone, has_evidence
from framing.measures.loaded import per_1000
from framing.measures.opinion import opinion_share
from framing.model import QUOTED_VOICES, Article, Statement

if TYPE_CHECKING:  # the scorers (spaCy, HanTa) load on first use: aggregating records needs none
    from spacy.language import Language

    from framing.language.analysis import Analysis
    from framing.measures.actors import ActorsResult
    from framing.measures.loaded import LoadedScore
    from framing.measures.opinion import OpinionScore
    from framing.measures.readability import Readability


@dataclass(frozen=True)
class ArticleScores:
    """All measures of one article. ``analysis`` is kept only when asked for."""

    article: Article
    words: int
    author_words: int
    quoted_words: int
    sentences: int
    loaded: LoadedScore
    actors: ActorsResult
    opinion: OpinionScore
    readability: Readability
    analysis: Analysis | None = None
    #: Quotations and reported statements with their resolved speakers (``--quotes-out``).
    statements: tuple[Statement, ...] = ()


#: The fields of a :class:`~framing.model.Statement` kept in an article record.
STATEMENT_FIELDS = ("sentence", "kind", "speaker", "speaker_kind", "text", "start", "end")


@dataclass(frozen=True)
class ActorTotal:
    """One actor's figures summed over the articles of a source."""

    actor: str
    kind: str
    mentions: int
    share: float
    polarity: float
    polarity_author: float
    author_mentions: int
    quoted: int
    polarities: tuple[float, ...] = ()
    author_polarities: tuple[float, ...] = ()
    references: int = 0  # of ``mentions``: pronouns, possessives, role nouns resolved to the actor
    evidenced: int = 0  # mentions with a cue that bears on the actor
    tone: float = 0.0  # article-level tone pooled over the source's evidenced mentions
    label: str = "neutral"  # negative / neutral / positive (see ``measures.actors.score.article_tone``)
    evidenced_polarities: tuple[float, ...] = ()  # polarities of the evidenced mentions, behind ``tone``


@dataclass(frozen=True)
class SourceScores:
    """Word-weighted aggregate of the articles of one source."""

    source: str
    kind: str
    date: str
    articles: int
    words: int
    author_words: int
    quoted_words: int
    sentences: int
    loaded_author_hits: int
    loaded_quoted_hits: int
    loaded_by_category: dict[str, int]
    opinion_words: int
    opinion_sentences: int
    flesch_amstad: float
    wiener_sachtextformel: float
    actors: tuple[ActorTotal, ...]
    loaded_partisan_hits: int = 0
    loaded_partisan_quoted_hits: int = 0
    #: sums over the scored sentences of words * P(opinion) and of words^2, the scored
    #: words, and the sentence model's name (see :func:`framing.measures.opinion.opinion_share`).
    opinion_expected_words: float = 0.0
    opinion_sq_words: float = 0.0
    opinion_scored_words: int = 0
    opinion_model: str = ""

    @property
    def loaded_author_per_1000(self) -> float:
        return per_1000(self.loaded_author_hits, self.author_words)

    @property
    def loaded_partisan_per_1000(self) -> float:
        """Partisan layer: author-voice partisan hits per 1,000 author words."""
        return per_1000(self.loaded_partisan_hits, self.author_words)

    @property
    def loaded_general_per_1000(self) -> float:
        """General layer: author-voice hits that are not partisan, per 1,000 author words."""
        return per_1000(self.loaded_author_hits - self.loaded_partisan_hits, self.author_words)

    @property
    def loaded_quoted_per_1000(self) -> float:
        return per_1000(self.loaded_quoted_hits, self.quoted_words)

    @property
    def opinion_ratio(self) -> float:
        """Share of the opinion scorer's words in opinion sentences (its own denominator,
        which leaves out datelines and agency credits), 0-1."""
        words = self.opinion_scored_words or self.words
        return self.opinion_words / words if words else 0.0

    @property
    def opinion_share(self) -> tuple[float, float, float]:
        """Estimated share of words in opinion sentences with its 90 % interval, 0-1
        (:func:`framing.measures.opinion.opinion_share`)."""
        return opinion_share(self.opinion_expected_words, self.opinion_scored_words,
                             self.opinion_sq_words)

    def category_per_1000(self) -> dict[str, float]:
        return {k: per_1000(v, self.author_words) for k, v in self.loaded_by_category.items()}


def score_analysis(analysis: Analysis, *, keep_analysis: bool = False) -> ArticleScores:
    """Run every measure on an existing analysis."""
    from framing.measures.actors import score_actors
    from framing.measures.actors.speakers import resolve_statements, with_speakers
    from framing.measures.loaded import score_loaded
    from framing.measures.opinion import score_opinion
    from framing.measures.readability import score_readability

    actors = score_actors(analysis)
    statements = resolve_statements(analysis)
    # The three word counts of Analysis.words / author_words / quoted_words in one pass.
    voices = Counter(compress(analysis.voice, analysis.is_word))
    quoted_words = sum(voices[v] for v in QUOTED_VOICES)
    return ArticleScores(
        article=analysis.article,
        words=voices["author"] + quoted_words,
        author_words=voices["author"],
        quoted_words=quoted_words,
        sentences=len(analysis.scored_sentences()),
        loaded=score_loaded(analysis),
        actors=actors,
        opinion=score_opinion(analysis),
        readability=score_readability(analysis),
        analysis=with_speakers(analysis, statements) if keep_analysis else None,
        statements=statements,
    )


def score_article(article: Article, *, nlp: Language | None = None,
                  keep_analysis: bool = False) -> ArticleScores:
    """Analyse one article and score it on every measure.

    The reader's character limit (``FRAMING_MAX_CHARS``) is the one that counts: the
    pipeline takes every text the reader accepted (never spaCy's raw "[E088]" error).
    """
    from framing.language.analysis import analyze

    if nlp is None:
        from framing.language.pipeline import get_nlp

        nlp = get_nlp()
    if nlp.max_length <= len(article.text):
        nlp.max_length = len(article.text) + 1
    return score_analysis(analyze(article, nlp=nlp), keep_analysis=keep_analysis)


def article_record(scores: ArticleScores) -> dict[str, Any]:
    """The figures of one article as a small JSON-serialisable dict (no evidence).

    Records are what the CSV writer, the per-source aggregation and resumable runs use;
    they hold counts, never rounded values.
    """
    from framing.measures.actors.descriptors import descriptor_counts

    a = scores.article
    polarities: dict[str, list[float]] = defaultdict(list)
    author_polarities: dict[str, list[float]] = defaultdict(list)
    evidenced: dict[str, list[float]] = defaultdict(list)
    for m in scores.actors.mentions:
        polarities[m.actor].append(m.polarity)
        if has_evidence(m.cues):
            evidenced[m.actor].append(m.polarity)
        if m.voice == "author":
            author_polarities[m.actor].append(m.polarity)
    return {
        "source": a.source, "article_id": a.article_id, "title": a.title, "date": a.date or "",
        "kind": a.kind, "origin": a.origin, "warnings": list(a.warnings),
        "words": scores.words, "author_words": scores.author_words,
        "quoted_words": scores.quoted_words, "sentences": scores.sentences,
        "loaded_author_hits": scores.loaded.author_hits,
        "loaded_quoted_hits": scores.loaded.quoted_hits,
        "loaded_by_category": dict(scores.loaded.by_category),
        "loaded_partisan_hits": scores.loaded.partisan_hits,
        "loaded_partisan_quoted_hits": scores.loaded.partisan_quoted_hits,
        "opinion_words": scores.opinion.opinion_words,
        "opinion_sentences": scores.opinion.opinion_sentences,
        "opinion_ratio": scores.opinion.ratio,
        "opinion_share_expected": scores.opinion.expected_share,
        "opinion_expected_words": scores.opinion.expected_words,
        "opinion_sq_words": scores.opinion.sq_words,
        "opinion_words_scored": scores.opinion.words,
        "opinion_model": scores.opinion.model,
        "flesch_amstad": scores.readability.flesch_amstad,
        "wiener_sachtextformel": scores.readability.wiener_sachtextformel,
        "actors": [
            {"actor": x.actor, "kind": x.kind, "mentions": x.mentions, "share": x.share,
             "polarity": x.polarity, "polarity_author": x.polarity_author,
             "author_mentions": x.author_mentions, "quoted": x.quoted,
             "polarities": polarities[x.actor], "author_polarities": author_polarities[x.actor],
             "references": x.references, "evidenced": x.evidenced, "tone": x.tone, "label": x.label,
             "evidenced_polarities": evidenced[x.actor]}
            for x in scores.actors.actors
        ],
        "descriptors": [
            {"actor": actor, "descriptor": text, "count": count}
            for (actor, text), count in sorted(descriptor_counts(scores.actors.descriptors).items())
        ],
        "statements": [{k: getattr(st, k) for k in STATEMENT_FIELDS} for st in scores.statements],
    }


def as_record(item: ArticleScores | dict[str, Any]) -> dict[str, Any]:
    """Accept an :class:`ArticleScores` or a record; return the record."""
    return item if isinstance(item, dict) else article_record(item)


def _weighted(values: list[tuple[float, int]]) -> float:
    pairs = [(v, w) for v, w in values if w and v is not None and not math.isnan(v)]
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else float("nan")


def _date_range(dates: list[str]) -> str:
    known = sorted({d for d in dates if d})
    if not known:
        return ""
    return known[0] if len(known) == 1 else f"{known[0]}/{known[-1]}"


def aggregate_actors(actor_lists: Iterable[Iterable[dict[str, Any]]]) -> tuple[ActorTotal, ...]:
    """Sum actor figures over articles; polarity is the mention-weighted mean.

    The mention polarities are kept (``polarities``, ``author_polarities``) for intervals
    and relative tone (:mod:`framing.measures.actors.relative`).
    """
    mentions: dict[str, int] = defaultdict(int)
    author: dict[str, int] = defaultdict(int)
    quoted: dict[str, int] = defaultdict(int)
    pol: dict[str, list[tuple[float, int]]] = defaultdict(list)
    pol_author: dict[str, list[tuple[float, int]]] = defaultdict(list)
    values: dict[str, list[float]] = defaultdict(list)
    author_values: dict[str, list[float]] = defaultdict(list)
    evidenced: dict[str, list[float]] = defaultdict(list)
    references: dict[str, int] = defaultdict(int)
    kinds: dict[str, str] = {}
    for actors in actor_lists:
        for a in actors:
            name = a["actor"]
            mentions[name] += a["mentions"]
            author[name] += a["author_mentions"]
            quoted[name] += a["quoted"]
            pol[name].append((a["polarity"], a["mentions"]))
            pol_author[name].append((a["polarity_author"], a["author_mentions"]))
            kinds.setdefault(name, a["kind"])
            values[name].extend(a.get("polarities", ()))
            author_values[name].extend(a.get("author_polarities", ()))
            evidenced[name].extend(a.get("evidenced_polarities", ()))
            references[name] += a.get("references", 0)
    total = sum(mentions.values())
    tones = {name: article_tone(evidenced[name], [True] * len(evidenced[name])) for name in mentions}
    rows = [
        ActorTotal(actor=name, kind=kinds[name], mentions=count,
                   share=count / total if total else 0.0,
                   polarity=_weighted(pol[name]) if count else 0.0,
                   polarity_author=_weighted(pol_author[name]) if author[name] else float("nan"),
                   author_mentions=author[name], quoted=quoted[name],
                   polarities=tuple(values[name]), author_polarities=tuple(author_values[name]),
                   references=references[name], evidenced=len(evidenced[name]),
                   tone=tones[name][0], label=tones[name][1],
                   evidenced_polarities=tuple(evidenced[name]))
        for name, count in mentions.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.mentions, r.actor)))


def aggregate_sources(items: Iterable[ArticleScores | dict[str, Any]]) -> list[SourceScores]:
    """One :class:`SourceScores` per source, in order of first appearance.

    Accepts :class:`ArticleScores` or their records (:func:`article_record`).
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        record = as_record(item)
        groups.setdefault(record["source"], []).append(record)
    out = []
    for source, recs in groups.items():
        categories: dict[str, int] = defaultdict(int)
        for r in recs:
            for k, v in r["loaded_by_category"].items():
                categories[k] += v
        out.append(SourceScores(
            source=source,
            kind=recs[0]["kind"],
            date=_date_range([r["date"] for r in recs]),
            articles=len(recs),
            words=sum(r["words"] for r in recs),
            author_words=sum(r["author_words"] for r in recs),
            quoted_words=sum(r["quoted_words"] for r in recs),
            sentences=sum(r["sentences"] for r in recs),
            loaded_author_hits=sum(r["loaded_author_hits"] for r in recs),
            loaded_quoted_hits=sum(r["loaded_quoted_hits"] for r in recs),
            loaded_by_category=dict(categories),
            opinion_words=sum(r["opinion_words"] for r in recs),
            opinion_sentences=sum(r["opinion_sentences"] for r in recs),
            flesch_amstad=_weighted([(r["flesch_amstad"], r["words"]) for r in recs]),
            wiener_sachtextformel=_weighted([(r["wiener_sachtextformel"], r["words"]) for r in recs]),
            actors=aggregate_actors(r["actors"] for r in recs),
            loaded_partisan_hits=sum(r.get("loaded_partisan_hits", 0) for r in recs),
            loaded_partisan_quoted_hits=sum(r.get("loaded_partisan_quoted_hits", 0) for r in recs),
            opinion_expected_words=sum(r.get("opinion_expected_words", 0.0) for r in recs),
            opinion_sq_words=sum(r.get("opinion_sq_words", 0.0) for r in recs),
            opinion_model=recs[0].get("opinion_model", ""),
            opinion_scored_words=sum(r.get("opinion_words_scored", r["words"]) for r in recs),
        ))
    return out
