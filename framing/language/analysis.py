"""Run the language pipeline over an article once; every score reads the result.

:func:`analyze` returns an :class:`Analysis`: the spaCy ``Doc`` over ``Article.text``,
the sentences, quotations, and per-token arrays (voice, word flag, lemma, STTS tag,
Konjunktiv I). Scorers take an ``Analysis`` and never run the pipeline themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

from framing.language.pipeline import get_nlp, make_doc
from framing.language.voice import assign_voices
from framing.model import QUOTED_VOICES, Article, Quote, Sentence, Statement

#: Longest sentence, in tokens, that the scorers see. A longer stretch (a text without
#: full stops, a run-on list) is cut at the last comma, semicolon, colon or dash before the
#: limit, else at the limit, so that sentence-level work stays linear in the text length.
MAX_SENTENCE_TOKENS = 200
_SOFT_BREAKS = frozenset({",", ";", ":", "–", "—"})
#: A letter or digit: ``\w`` without the underscore, the characters for which ``str.isalnum`` holds.
_ALNUM = re.compile(r"[^\W_]")


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
    """Whether the token holds a letter or digit (``any(ch.isalnum() for ch in text)``, in C)."""
    return _ALNUM.search(text) is not None


def _excluded_mask(token_starts: np.ndarray, article: Article) -> np.ndarray:
    """True for tokens that start inside a furniture span (one vectorised binary search)."""
    if not article.excluded:
        return np.zeros(len(token_starts), dtype=bool)
    spans = sorted((e.start, e.end) for e in article.excluded)
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    k = np.searchsorted(starts, token_starts, side="right") - 1
    return (k >= 0) & (token_starts < ends[np.maximum(k, 0)])


def _gather(values: list, index: np.ndarray) -> list:
    """``[values[i] for i in index]`` done in C."""
    if len(index) == 0:
        return []
    if len(index) == 1:
        return [values[int(index[0])]]
    return list(itemgetter(*index.tolist())(values))


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
    doc = make_doc(nlp, article.text)
    # Lines that must be sentences of their own go here:
    # force_sentence_starts(doc, offsets)  (framing.language.pipeline)
    return analyze_doc(article, nlp(doc))


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Build the :class:`Analysis` of an article from its already processed ``Doc``."""
    # Whole arrays instead of Token objects (indexing a Doc creates one per call); every
    # string is looked up once per distinct form, lemma and tag, then spread by index.
    strings = doc.vocab.strings
    n = len(doc)
    arr = doc.to_array([ORTH, LEMMA, TAG, IDX]) if n else np.zeros((0, 4), dtype=np.uint64)
    forms, form_of = np.unique(arr[:, 0], return_inverse=True)
    form_texts = [strings[h] for h in forms.tolist()]
    form_lowers = [t.lower() for t in form_texts]
    form_word = np.array([_is_word(t) for t in form_texts], dtype=bool)
    form_solid = np.array([bool(t.strip()) for t in form_texts], dtype=bool)
    form_of = form_of.reshape(-1)
    texts = _gather(form_texts, form_of)
    lowers = _gather(form_lowers, form_of)
    lemma_hashes, lemma_of = np.unique(arr[:, 1], return_inverse=True)
    lemmas = _gather([strings[h] if h else "" for h in lemma_hashes.tolist()], lemma_of.reshape(-1))
    if n and not lemma_hashes[0]:  # no lemma: the lowercased form
        for i in np.flatnonzero(arr[:, 1] == 0).tolist():
            lemmas[i] = lowers[i]
    tag_hashes, tag_of = np.unique(arr[:, 2], return_inverse=True)
    tags = _gather([(strings[h] if h else "") or "XY" for h in tag_hashes.tolist()], tag_of.reshape(-1))
    starts_arr = arr[:, 3].astype(np.int64)
    starts = starts_arr.tolist()
    excluded_arr = _excluded_mask(starts_arr, article)
    excluded = excluded_arr.tolist()
    word_arr = form_word[form_of] if n else np.zeros(0, dtype=bool)
    is_word = word_arr.tolist()

    ranges: list[tuple[int, int]] = []
    words_before = np.concatenate(([0], np.cumsum(word_arr)))
    for s0, s1 in _sentence_ranges(doc):
        if words_before[s1] > words_before[s0] or not ranges:
            ranges.append((s0, s1))
        else:
            ranges[-1] = (ranges[-1][0], s1)
    ranges = _cap_sentences(ranges, texts, is_word)

    result = assign_voices(doc, ranges, excluded, lemmas, tags, texts=texts, starts=starts,
                           text=article.text, lowers=lowers)
    bounds = np.array(ranges, dtype=np.int64).reshape(-1, 2)
    sentence_of = np.repeat(np.arange(len(ranges)), bounds[:, 1] - bounds[:, 0]).tolist()
    quoted = np.concatenate(([0], np.cumsum([v == "quote" for v in result.voice], dtype=np.int64)))
    excluded_words = np.concatenate(([0], np.cumsum(word_arr & excluded_arr)))
    word_pos = np.flatnonzero(word_arr)
    solid_arr = form_solid[form_of] if n else np.zeros(0, dtype=bool)
    solid_pos = np.flatnonzero(solid_arr)
    space_pos = np.flatnonzero(~solid_arr)
    # Per sentence, all searched at once: its words, its first solid token and (through the
    # white space after its last word) its last token; the last two matter only with words.
    s0s, s1s = bounds[:, 0], bounds[:, 1]
    word_counts = words_before[s1s] - words_before[s0s]
    firsts = lasts = s0s
    if len(word_pos):
        firsts = solid_pos[np.minimum(np.searchsorted(solid_pos, s0s), len(solid_pos) - 1)]
        lasts = word_pos[np.maximum(np.searchsorted(word_pos, s1s) - 1, 0)]
        j = np.searchsorted(space_pos, lasts + 1)  # the first white-space token after it
        after = space_pos[np.minimum(j, len(space_pos) - 1)] if len(space_pos) else np.full(len(j), n)
        lasts = np.minimum(np.where(j < len(space_pos), after, n), s1s) - 1
    all_excluded = (excluded_words[s1s] - excluded_words[s0s] == word_counts).tolist()
    has_quote = (quoted[s1s] > quoted[s0s]).tolist()
    sentences = []
    text = article.text
    for k, (s0, s1), words, first, last in zip(range(len(ranges)), ranges, word_counts.tolist(),
                                                firsts.tolist(), lasts.tolist()):
        if not words:
            first, last = s0, max(s0, s1 - 1)
        start = starts[first] if texts else 0
        end = starts[last] + len(texts[last]) if texts else 0
        sentences.append(Sentence(
            index=k, start=start, end=end, tok_start=s0, tok_end=s1,
            text=text[start:end],
            excluded=all_excluded[k] if words else True,
            attributed=result.attributed[k],
            has_quote=has_quote[k],
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
