"""Score articles on all measures and aggregate them per source.

:func:`score_article` runs the pipeline once and every measure on the result;
:func:`aggregate_sources` combines the articles of each source, weighting by words
(densities and ratios are recomputed from summed counts, never averaged as ratios).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from framing.actors import ActorsResult, score_actors
from framing.analysis import Analysis, analyze
from framing.loaded import LoadedScore, score_loaded
from framing.model import Article
from framing.opinion import OpinionScore, score_opinion
from framing.readability import Readability, score_readability


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

    @property
    def loaded_author_per_1000(self) -> float:
        return 1000 * self.loaded_author_hits / self.author_words if self.author_words else 0.0

    @property
    def loaded_quoted_per_1000(self) -> float:
        return 1000 * self.loaded_quoted_hits / self.quoted_words if self.quoted_words else 0.0

    @property
    def opinion_ratio(self) -> float:
        return self.opinion_words / self.words if self.words else 0.0

    def category_per_1000(self) -> dict[str, float]:
        if not self.author_words:
            return {k: 0.0 for k in self.loaded_by_category}
        return {k: 1000 * v / self.author_words for k, v in self.loaded_by_category.items()}


def score_analysis(analysis: Analysis, *, keep_analysis: bool = False) -> ArticleScores:
    """Run every measure on an existing analysis."""
    return ArticleScores(
        article=analysis.article,
        words=analysis.words,
        author_words=analysis.author_words,
        quoted_words=analysis.quoted_words,
        sentences=len(analysis.scored_sentences()),
        loaded=score_loaded(analysis),
        actors=score_actors(analysis),
        opinion=score_opinion(analysis),
        readability=score_readability(analysis),
        analysis=analysis if keep_analysis else None,
    )


def score_article(article: Article, *, nlp: Language | None = None,
                  keep_analysis: bool = False) -> ArticleScores:
    """Analyse one article and score it on every measure."""
    return score_analysis(analyze(article, nlp=nlp), keep_analysis=keep_analysis)


def _weighted(values: list[tuple[float, int]]) -> float:
    pairs = [(v, w) for v, w in values if w and not math.isnan(v)]
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else float("nan")


def _date_range(dates: list[str]) -> str:
    known = sorted({d for d in dates if d})
    if not known:
        return ""
    return known[0] if len(known) == 1 else f"{known[0]}/{known[-1]}"


def aggregate_actors(results: Iterable[ActorsResult]) -> tuple[ActorTotal, ...]:
    """Sum actor figures over articles; polarity is the mention-weighted mean."""
    mentions: dict[str, int] = defaultdict(int)
    author: dict[str, int] = defaultdict(int)
    quoted: dict[str, int] = defaultdict(int)
    pol: dict[str, list[tuple[float, int]]] = defaultdict(list)
    pol_author: dict[str, list[tuple[float, int]]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for result in results:
        for a in result.actors:
            mentions[a.actor] += a.mentions
            author[a.actor] += a.author_mentions
            quoted[a.actor] += a.quoted
            pol[a.actor].append((a.polarity, a.mentions))
            pol_author[a.actor].append((a.polarity_author, a.author_mentions))
            kinds.setdefault(a.actor, a.kind)
    total = sum(mentions.values())
    rows = [
        ActorTotal(actor=name, kind=kinds[name], mentions=count,
                   share=count / total if total else 0.0,
                   polarity=_weighted(pol[name]) if count else 0.0,
                   polarity_author=_weighted(pol_author[name]) if author[name] else float("nan"),
                   author_mentions=author[name], quoted=quoted[name])
        for name, count in mentions.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r.mentions, r.actor)))


def aggregate_sources(scores: Iterable[ArticleScores]) -> list[SourceScores]:
    """One :class:`SourceScores` per source, in order of first appearance."""
    groups: dict[str, list[ArticleScores]] = {}
    for s in scores:
        groups.setdefault(s.article.source, []).append(s)
    out = []
    for source, items in groups.items():
        categories: dict[str, int] = defaultdict(int)
        for s in items:
            for k, v in s.loaded.by_category.items():
                categories[k] += v
        out.append(SourceScores(
            source=source,
            kind=items[0].article.kind,
            date=_date_range([s.article.date or "" for s in items]),
            articles=len(items),
            words=sum(s.words for s in items),
            author_words=sum(s.author_words for s in items),
            quoted_words=sum(s.quoted_words for s in items),
            sentences=sum(s.sentences for s in items),
            loaded_author_hits=sum(s.loaded.author_hits for s in items),
            loaded_quoted_hits=sum(s.loaded.quoted_hits for s in items),
            loaded_by_category=dict(categories),
            opinion_words=sum(s.opinion.opinion_words for s in items),
            opinion_sentences=sum(s.opinion.opinion_sentences for s in items),
            flesch_amstad=_weighted([(s.readability.flesch_amstad, s.words) for s in items]),
            wiener_sachtextformel=_weighted([(s.readability.wiener_sachtextformel, s.words) for s in items]),
            actors=aggregate_actors(s.actors for s in items),
        ))
    return out
