"""Run the language pipeline over an article once; every score reads the result.

:func:`analyze` returns an :class:`Analysis`: the spaCy ``Doc`` over ``Article.text``,
the sentences, quotations, and per-token arrays (voice, word flag, lemma, STTS tag,
Konjunktiv I). Scorers take an ``Analysis`` and never run the pipeline themselves.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

from framing.language.pipeline import get_nlp
from framing.language.voice import assign_voices
from framing.model import QUOTED_VOICES, Article, Quote, Sentence, Statement

#: Longest sentence, in tokens, that the scorers see. A longer stretch (a text without
#: full stops, a run-on list) is cut at the last comma, semicolon, colon or dash before the
#: limit, else at the limit, so that sentence-level work stays linear in the text length.
MAX_SENTENCE_TOKENS = 200
_SOFT_BREAKS = frozenset({",", ";", ":", "–", "—"})


@dataclass(frozen=True)
class Analysis:
    """An analysed article. Token arrays are indexed like ``doc``."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    voice: tuple[str, ...]
    is_word: tuple[bool, ...]
    lemmas: tuple[str, ...]
    tags: tuple[str, ...]
    konj1: tuple[bool, ...]
    sentence_of: tuple[int, ...]
    texts: tuple[str, ...] = ()
    lowers: tuple[str, ...] = ()
    starts: tuple[int, ...] = ()
    #: Quotations and reported statements with their speaker phrase as written (see
    #: :func:`framing.language.voice.assign_voices`).
    statements: tuple[Statement, ...] = ()

    def end_of(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.starts[i] + len(self.texts[i])

    @property
    def text(self) -> str:
        return self.article.text

    def word_count(self, voices: Iterable[str] = ("author", "quote", "reported")) -> int:
        """Number of words whose voice is in ``voices`` (furniture never counts)."""
        wanted = frozenset(voices) - {"excluded"}
        return sum(1 for w, v in zip(self.is_word, self.voice) if w and v in wanted)

    @property
    def words(self) -> int:
        """All scored words (author plus quoted voices)."""
        return self.word_count()

    @property
    def author_words(self) -> int:
        return self.word_count(("author",))

    @property
    def quoted_words(self) -> int:
        return self.word_count(QUOTED_VOICES)

    def scored_sentences(self) -> tuple[Sentence, ...]:
        """Sentences that are not furniture."""
        return tuple(s for s in self.sentences if not s.excluded)


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _excluded_mask(token_starts: list[int], article: Article) -> list[bool]:
    """True for tokens that start inside a furniture span (binary search per token)."""
    if not article.excluded:
        return [False] * len(token_starts)
    spans = sorted((e.start, e.end) for e in article.excluded)
    starts = [s for s, _ in spans]
    mask = []
    for idx in token_starts:
        k = bisect.bisect_right(starts, idx) - 1
        mask.append(k >= 0 and idx < spans[k][1])
    return mask


def _sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of ``doc.sents``, read from the ``SENT_START`` array (no Span objects)."""
    n = len(doc)
    if not n:
        return []
    values = doc.to_array(SENT_START).astype(np.int64).reshape(-1)
    bounds = [0] + [i + 1 for i in np.flatnonzero(values[1:] == 1).tolist()] + [n]
    return list(zip(bounds[:-1], bounds[1:]))


def _cap_sentences(ranges: list[tuple[int, int]], texts: list[str],
                   is_word: list[bool]) -> list[tuple[int, int]]:
    """Cut token ranges longer than :data:`MAX_SENTENCE_TOKENS` (see there)."""
    out: list[tuple[int, int]] = []
    for s0, s1 in ranges:
        while s1 - s0 > MAX_SENTENCE_TOKENS:
            cut = s0 + MAX_SENTENCE_TOKENS
            for i in range(cut - 1, s0 + MAX_SENTENCE_TOKENS // 2, -1):
                if texts[i] in _SOFT_BREAKS:
                    cut = i + 1
                    break
            out.append((s0, cut))
            s0 = cut
        if any(is_word[i] for i in range(s0, s1)) or not out:
            out.append((s0, s1))
        else:
            out[-1] = (out[-1][0], s1)
    return out


def analyze(article: Article, *, nlp: Language | None = None) -> Analysis:
    """Analyse one article (tokens, sentences, lemmas, tags, quotes, voices)."""
    nlp = nlp or get_nlp()
    doc = nlp.make_doc(article.text)
    # Lines that must be sentences of their own go here:
    # force_sentence_starts(doc, offsets)  (framing.language.pipeline)
    return analyze_doc(article, nlp(doc))


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Build the :class:`Analysis` of an article from its already processed ``Doc``."""
    # Whole arrays instead of Token objects (indexing a Doc creates one per call).
    strings = doc.vocab.strings
    cache: dict[int, str] = {0: ""}

    def text_of(h: int) -> str:
        found = cache.get(h)
        if found is None:
            found = cache[h] = strings[h]
        return found

    arr = doc.to_array([ORTH, LEMMA, TAG, IDX]).tolist() if len(doc) else []
    texts = [text_of(row[0]) for row in arr]
    lemmas = [text_of(row[1]) for row in arr]
    tags = [text_of(row[2]) or "XY" for row in arr]
    starts = [row[3] for row in arr]
    excluded = _excluded_mask(starts, article)
    lowers = [t.lower() for t in texts]
    lemmas = [lemma or lower for lemma, lower in zip(lemmas, lowers)]
    is_word = [_is_word(t) for t in texts]

    ranges: list[tuple[int, int]] = []
    for s0, s1 in _sentence_ranges(doc):
        if any(is_word[i] for i in range(s0, s1)) or not ranges:
            ranges.append((s0, s1))
        else:
            ranges[-1] = (ranges[-1][0], s1)
    ranges = _cap_sentences(ranges, texts, is_word)

    result = assign_voices(doc, ranges, excluded, lemmas, tags, texts=texts, starts=starts,
                           text=article.text, lowers=lowers)
    sentence_of = [0] * len(doc)
    sentences = []
    for k, (s0, s1) in enumerate(ranges):
        for i in range(s0, s1):
            sentence_of[i] = k
        words = [i for i in range(s0, s1) if is_word[i]]
        first = next((i for i in range(s0, s1) if texts[i].strip()), s0) if words else s0
        last = words[-1] if words else max(s0, s1 - 1)
        while last + 1 < s1 and texts[last + 1].strip():
            last += 1
        start = starts[first] if texts else 0
        end = starts[last] + len(texts[last]) if texts else 0
        sentences.append(Sentence(
            index=k, start=start, end=end, tok_start=s0, tok_end=s1,
            text=article.text[start:end],
            excluded=all(excluded[i] for i in words) if words else True,
            attributed=result.attributed[k],
            has_quote=any(result.voice[i] == "quote" for i in range(s0, s1)),
            speaker=result.speaker[k],
            cues=tuple(result.cues[k]),
        ))
    return Analysis(
        article=article, doc=doc, sentences=tuple(sentences), quotes=tuple(result.quotes),
        voice=tuple(result.voice), is_word=tuple(is_word), lemmas=tuple(lemmas),
        tags=tuple(tags), konj1=tuple(result.konj1), sentence_of=tuple(sentence_of),
        texts=tuple(texts), lowers=tuple(lowers), starts=tuple(starts),
        statements=tuple(result.statements),
    )


def analyze_text(text: str, *, source: str = "text", article_id: str = "text",
                 title: str = "", date: str | None = None) -> Analysis:
    """Analyse a plain string as one article with no furniture (tests, evaluation)."""
    return analyze(Article(source=source, article_id=article_id, title=title, text=text, date=date))
