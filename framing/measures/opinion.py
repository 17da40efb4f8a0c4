"""Opinion vs report: which sentences are the author's own opinion.

:func:`score_opinion` labels every scored (non-furniture) sentence of an analysed article
as ``"opinion"`` (the author's own judgement, exhortation, sarcasm, rhetorical question,
demeaning or hyperbolic wording) or ``"report"`` (facts, and statements attributed to
others: quotes and reported speech count as report). This follows the annotation
guidelines of the CLEF CheckThat! subjectivity task (Galassi et al. 2023; Struß et al.
2024).

Each sentence gets ``P(opinion)`` in [0, 1]. When the learned model
``framing/models/subjectivity_de.npz`` is present (it ships with the package), the
probability comes from it: a calibrated logistic regression over the rule features below
plus word and character n-grams, trained on the CheckThat! German data (see
``framing/models/subjectivity_MODEL_CARD.md``). Without it, a rule-based logistic scorer
combines the same features with the hand-set weights in
``lexicons/opinion/weights.tsv``: ``P = 1 / (1 + exp(-(bias + sum(w_f * min(x_f, cap_f)))))``.

Features (see ``lexicons/opinion/README.md``): attribution by the core (quote, reported
speech, "laut X"), Konjunktiv I, the share of quoted/reported words, attribution phrases
and verbs of saying, numbers (towards report); modal particles, stance adverbs,
distancing words, hedges, intensifiers, evaluative and polar words, obligation words and
phrases, first person, explicit opinion phrases, author-voice questions with rhetorical
cues, exclamations and imperatives (towards opinion). Opinion cues count only in the
author's own voice, never inside quotes or reported speech.

The article's ``ratio`` is the share of scored words that lie in opinion sentences:
0 = pure report, 1 = every sentence is the author's opinion.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from framing.model import QUOTED_VOICES, VOICES, Article, Cue, Sentence
from framing.resources import load_table

if TYPE_CHECKING:  # annotations only: opinion_share imports without spaCy
    from framing.language.analysis import Analysis

OPINION = "opinion"
REPORT = "report"
SENTENCE = "sentence"
#: Cue family of epistemic hedges (weights.tsv feature and markers.tsv category).
HEDGE = "hedge"
#: z for a two-sided 90 % normal interval.
_Z90 = 1.6448536269514722
_DIR = "lexicons/opinion"
#: STTS tags counted for the model-only share features.
_TAG_GROUPS = {"ADJA": "adjective_share", "ADJD": "adjective_share", "ADV": "adverb_share",
               "PPER": "pronoun_share", "PDS": "pronoun_share", "PIS": "pronoun_share"}
_SHARE_GROUPS = ("adjective_share", "adverb_share", "pronoun_share")
#: Integer codes of the voices and of the tags that the features count (see ``_tokens``):
#: tag group k of ``_SHARE_GROUPS`` has code k + 1; 0 is any other tag.
_VOICE_CODES = {voice: k + 1 for k, voice in enumerate(VOICES)}
_TAG_CODES = ({tag: 1 + _SHARE_GROUPS.index(group) for tag, group in _TAG_GROUPS.items()}
              | {tag: 1 + len(_SHARE_GROUPS) + k for k, tag in enumerate(("CARD", "NE", "VVIMP"))})
#: Tags of polar words that modify (adjectives, adverbs): the ``polar_modifier`` feature.
_EVALUATIVE_TAGS = frozenset({"ADJA", "ADJD", "ADV"})
#: A sentence-initial verb is often tagged as a noun ("Lesen/NNI Sie ..."): a word with one
#: of these tags or a verb tag, ending in "-n" and followed by "Sie", opens a polite
#: imperative (a verb-first sentence that is no question; nouns cannot precede the subject).
_NOUN_TAGS = frozenset({"NN", "NNI", "NE"})
#: Voices in which a "?" or "!" is the author's (everything outside quotation marks).
_AUTHOR_MARK_VOICES = frozenset({"author", "reported"})
#: Distinct (lemma, form) pairs whose table entries are kept (:func:`_entry`).
_ENTRY_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class SentenceLabel:
    """One sentence's label. ``probability`` is P(opinion) in [0, 1]; ``words`` counts its
    scored words; ``cues`` are the words that triggered features (kind = feature name,
    weight = the feature's weight in the rule scorer; ``hedge`` cues are epistemic hedges).
    ``unit`` is ``"sentence"`` or ``"headline"`` (a line without final punctuation, see
    :mod:`framing.language.units`). ``hedge_only`` is true when the sentence would have been
    opinion only because of its hedges and is therefore labelled report."""

    index: int
    start: int
    end: int
    text: str
    label: str
    probability: float
    words: int
    cues: tuple[Cue, ...]
    unit: str = "sentence"
    hedge_only: bool = False


@dataclass(frozen=True)
class OpinionScore:
    """Opinion share of an article.

    ``ratio`` = ``opinion_words / words``, in [0, 1], higher = more of the text is the
    author's own opinion; ``words`` is the denominator (all scored words of the scored
    sentences); ``sentences`` carries every label with its evidence.

    ``expected_share``: the estimated share of the article's words that lie in sentences an
    annotator following the CheckThat! guidelines would mark as the author's opinion,
    with ``share_low``/``share_high`` a 90 % interval; see :func:`opinion_share`, which
    computes all three from ``expected_words`` (``sum(words_i * P_i)``), ``words`` and
    ``sq_words`` (``sum(words_i ** 2)``). Range [0, 1], higher = more opinion; readable on
    its own, unlike ``ratio``, which depends on the sentence threshold. ``model`` names the
    sentence model in use (:func:`framing.measures.opinion_model.model_name`).
    """

    ratio: float
    opinion_words: int
    words: int
    opinion_sentences: int
    sentences: tuple[SentenceLabel, ...]
    expected_share: float = 0.0
    share_low: float = 0.0
    share_high: float = 0.0
    expected_words: float = 0.0
    sq_words: float = 0.0
    model: str = ""


@dataclass(frozen=True)
class _Tables:
    markers: dict[str, tuple[str, str]]  # term -> (category, scope), lemma-or-form match
    form_markers: dict[str, tuple[str, str]]  # term -> (category, scope), form match
    attribution: dict[str, str]  # term -> category
    phrases_by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first form -> phrases
    evaluative: dict[str, str]  # lemma -> polarity (neg/pos/hyp)
    polar: dict[str, float]  # form -> polarity in [-1, 1]
    heads: tuple[str, ...]  # evaluative compound heads, lowercased
    weights: dict[str, tuple[float, float]]  # feature -> (weight, cap)
    bias: float
    threshold: float


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    rows = load_table(f"{_DIR}/markers.tsv").rows
    markers = {r["term"].lower(): (r["category"], r["scope"]) for r in rows
               if r["match"] != "form"}
    form_markers = {r["term"].lower(): (r["category"], r["scope"]) for r in rows
                    if r["match"] == "form"}
    attribution = {r["term"].lower(): r["category"]
                   for r in load_table(f"{_DIR}/attribution.tsv").rows}
    phrases = sorted(((tuple(r["phrase"].lower().split()), r["category"])
                      for r in load_table(f"{_DIR}/phrases.tsv").rows),
                     key=lambda p: -len(p[0]))
    evaluative = {r["lemma"].lower(): r["polarity"]
                  for r in load_table(f"{_DIR}/evaluative.tsv").rows}
    polar = {r["form"].lower(): float(r["polarity"])
             for r in load_table(f"{_DIR}/polarity_gpl.tsv").rows}
    heads = tuple(r["head"].lower() for r in load_table(f"{_DIR}/evaluative_heads.tsv").rows)
    weights = {r["feature"]: (float(r["weight"]), float(r["cap"] or 0))
               for r in load_table(f"{_DIR}/weights.tsv").rows}
    bias = weights.pop("bias")[0]
    threshold = weights.pop("threshold")[0]
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in phrases:  # keeps the longest-first order within each first word
        by_first.setdefault(phrase[0][0], []).append(phrase)
    return _Tables(markers, form_markers, attribution,
                   {k: tuple(v) for k, v in by_first.items()}, evaluative, polar, heads, weights, bias,
                   threshold)


def feature_names() -> tuple[str, ...]:
    """Names of the sentence features, in the order of ``weights.tsv``."""
    return tuple(_tables().weights)


def _lookup(keys: tuple[str, str], table: dict[str, object]) -> object | None:
    """Entry for a token: by lemma first, then by lowercased form."""
    hit = table.get(keys[0])
    return table.get(keys[1]) if hit is None else hit


def _has_head(lemma: str, heads: tuple[str, ...]) -> bool:
    """True when ``lemma`` is a compound ending in one of ``heads`` ("corona-wahnsinn")."""
    return lemma.endswith(heads) and any(lemma.endswith(h) and len(lemma) > len(h) for h in heads)


class _Entry(NamedTuple):
    """What the opinion tables say about one word: its lemma and lowercased form."""

    phrases: tuple[tuple[tuple[str, ...], str], ...]  # phrases opening with the form, longest first
    source: str | None  # attribution.tsv category
    marker: tuple[str, str] | None  # (category, scope): markers.tsv, form matches first
    evaluative: bool  # an evaluative.tsv word
    head: bool  # a compound ending in an evaluative head (counts when tagged NN)
    polar: bool  # a polarity_gpl.tsv word


_PLAIN = _Entry((), None, None, False, False, False)


@lru_cache(maxsize=_ENTRY_CACHE_SIZE)
def _entry(lemma: str, form: str) -> _Entry | None:
    """Table entries of a token with lemma ``lemma`` and lowercased form ``form``, or
    ``None`` when the word is in no table.

    Each table is matched by lemma first, then by form (:func:`_lookup`); computed once
    per distinct (lemma, form) pair.
    """
    tables = _tables()
    keys = (lemma.lower(), form)
    entry = _Entry(
        phrases=tables.phrases_by_first.get(form, ()),
        source=_lookup(keys, tables.attribution),
        marker=tables.form_markers.get(form) or _lookup(keys, tables.markers),
        evaluative=_lookup(keys, tables.evaluative) is not None,
        head=_has_head(keys[0], tables.heads) or _has_head(form, tables.heads),
        polar=_lookup(keys, tables.polar) is not None,
    )
    return None if entry == _PLAIN else entry


def _author_mark(analysis: Analysis, t0: int, t1: int, mark: str) -> bool:
    """True when token ``mark`` ("?", "!") occurs in ``[t0, t1)`` outside quotation marks."""
    texts = analysis.texts[t0:t1]
    return mark in texts and any(text == mark and voice in _AUTHOR_MARK_VOICES
                                 for text, voice in zip(texts, analysis.voice[t0:t1]))


@dataclass(frozen=True)
class _Tokens:
    """What :func:`sentence_features` needs per token of ``[offset, offset + len(entries))``,
    prepared once for all sentences of an article.

    ``counts[k - offset]`` are running totals over the tokens before token ``k`` of the
    scored words, quoted words, Konjunktiv I, numbers (CARD) and names (NE);
    ``author_counts`` the same of the author's words, all and by tag group (``_SHARE_GROUPS``);
    ``entries`` holds each token's table entry (:func:`_entry`); ``looks`` are the tokens
    that can trigger a cue, in order: neither excluded nor quoted, with a table entry or
    tagged ``VVIMP``.
    """

    offset: int
    counts: np.ndarray
    author_counts: np.ndarray
    entries: list[_Entry | None]
    looks: list[int]


def _codes(values: Sequence[str], codes: dict[str, int]) -> np.ndarray:
    """Small integer code of each string (0 for strings not in ``codes``)."""
    return np.fromiter(map(codes.get, values, repeat(0)), dtype=np.int8, count=len(values))


def _running(columns: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Running totals of boolean columns: row ``k`` sums rows ``[0, k)``."""
    out = np.zeros((n + 1, len(columns)), dtype=np.int64)
    if n:
        np.cumsum(np.column_stack(columns), axis=0, out=out[1:])
    return out


def _tokens(analysis: Analysis, t0: int, t1: int) -> _Tokens:
    """The per-token facts of tokens ``[t0, t1)`` (see :class:`_Tokens`)."""
    a = analysis
    n = t1 - t0
    voice = _codes(a.voice[t0:t1], _VOICE_CODES)
    tag = _codes(a.tags[t0:t1], _TAG_CODES)
    scored = voice != _VOICE_CODES["excluded"]
    word = np.fromiter(a.is_word[t0:t1], dtype=bool, count=n) & scored
    konj1 = np.fromiter(a.konj1[t0:t1], dtype=bool, count=n) & scored
    quoted = word & np.isin(voice, [_VOICE_CODES[v] for v in QUOTED_VOICES])
    author = word & (voice == _VOICE_CODES["author"])
    counts = _running([word, quoted, konj1, scored & (tag == _TAG_CODES["CARD"]),
                       scored & (tag == _TAG_CODES["NE"])], n)
    author_counts = _running([author] + [author & (tag == k + 1)
                                         for k in range(len(_SHARE_GROUPS))], n)
    entries = list(map(_entry, a.lemmas[t0:t1], a.lowers[t0:t1]))
    look = ((np.fromiter(map(bool, entries), dtype=bool, count=n) | (tag == _TAG_CODES["VVIMP"]))
            & scored & (voice != _VOICE_CODES["quote"]))
    return _Tokens(t0, counts, author_counts, entries, (np.flatnonzero(look) + t0).tolist())


def sentence_features(analysis: Analysis, group: Sequence[Sentence]
                      ) -> tuple[dict[str, float], tuple[Cue, ...], int]:
    """Raw (uncapped) feature values, cues and scored word count of a group of sentences.

    ``group`` is usually one sentence; :func:`classify_sentences` passes all sentences of
    one input string so that it gets exactly one label. Runs in O(tokens).
    """
    return _features(analysis, _tokens(analysis, group[0].tok_start, group[-1].tok_end), group)


def _features(analysis: Analysis, tokens: _Tokens, group: Sequence[Sentence]
              ) -> tuple[dict[str, float], tuple[Cue, ...], int]:
    """:func:`sentence_features` from per-token facts prepared by :func:`_tokens`.

    Counts (words, quoted words, Konjunktiv I, numbers, names, the author's words by tag)
    are differences of running totals; only the tokens that can trigger a cue are visited
    one by one. The tables are looked up once per distinct word (:func:`_entry`), phrases
    by their first word. The words of a phrase cue count for no other feature.
    """
    tables = _tables()
    a = analysis
    voice, lowers, tags, entries = a.voice, a.lowers, a.tags, tokens.entries
    values = dict.fromkeys(tables.weights, 0.0)
    cues: list[Cue] = []
    t0 = group[0].tok_start
    t1 = group[-1].tok_end
    offset = tokens.offset

    def hit(i: int, j: int, kind: str) -> None:
        values[kind] += 1
        start, end = a.starts[i], a.end_of(j - 1)
        cues.append(Cue(start, end, a.text[start:end], kind, tables.weights[kind][0]))

    # A "?" or "!" outside quotation marks is the author's, even when it closes a reported
    # clause ("Glaubt noch jemand, dass ...?").
    question = _author_mark(a, t0, t1, "?")
    exclamation = _author_mark(a, t0, t1, "!")
    in_phrases = np.zeros(1 + len(_SHARE_GROUPS), dtype=np.int64)  # author counts inside phrase cues
    covered = 0  # tokens before this index belong to a phrase already counted
    looks = tokens.looks
    for i in looks[bisect.bisect_left(looks, t0):bisect.bisect_left(looks, t1)]:
        if i < covered:
            continue
        entry = entries[i - offset]
        tag = tags[i]
        if entry is not None:
            for phrase, category in entry.phrases:
                j = i + len(phrase)
                if j <= t1 and lowers[i:j] == phrase:
                    if category == "attribution_phrase" or all(voice[m] == "author"
                                                               for m in range(i, j)):
                        hit(i, j, category)
                        covered = j
                        in_phrases += (tokens.author_counts[j - offset]
                                       - tokens.author_counts[i - offset])
                    break
            if i < covered:
                continue
            source = entry.source
            if source == "speech_verb" and tag.startswith("V") or source == "source_noun":
                hit(i, i + 1, source)
            elif source == "source_marker":
                hit(i, i + 1, "attribution_phrase")
        if voice[i] != "author":
            continue
        if entry is not None:
            marker = entry.marker
            if marker is not None and (marker[1] != "question" or question):
                hit(i, i + 1, marker[0])
            if entry.evaluative or (tag == "NN" and entry.head):
                hit(i, i + 1, "evaluative")
            elif marker is None and entry.polar:
                # a particle or hedge ("wohl") is not also a polar word
                hit(i, i + 1, "polar")
                if tag in _EVALUATIVE_TAGS:
                    values["polar_modifier"] += 1
        if tag == "VVIMP":
            hit(i, i + 1, "imperative")
    for s in group:  # polite imperative: "Akzeptieren Sie keine Erpressung."
        i = s.tok_start
        if (not question and i + 1 < s.tok_end and voice[i] == "author" and a.is_word[i]
                and a.texts[i + 1] == "Sie" and lowers[i].endswith("n")
                and (tags[i].startswith("V") or tags[i] in _NOUN_TAGS)):
            hit(i, i + 2, "imperative")
    words, quoted, konj1, numbers, names = (tokens.counts[t1 - offset]
                                            - tokens.counts[t0 - offset]).tolist()
    author, *by_tag = (tokens.author_counts[t1 - offset] - tokens.author_counts[t0 - offset]
                       - in_phrases).tolist()
    values["konj1"] = float(konj1)
    values["number"] = float(numbers)
    values["attributed"] = float(any(s.attributed for s in group))
    values["quote_share"] = quoted / words if words else 0.0
    values["question"] = float(question)
    values["exclamation"] = float(exclamation)
    for group_name, count in zip(_SHARE_GROUPS, by_tag):
        values[group_name] = count / author if author else 0.0
    values["name_share"] = names / words if words else 0.0
    values["log_words"] = math.log1p(words)
    return values, tuple(cues), words


def capped(values: dict[str, float]) -> list[float]:
    """Feature values in :func:`feature_names` order, each capped at its ``cap``."""
    out = []
    for name, (_, cap) in _tables().weights.items():
        x = values.get(name, 0.0)
        out.append(min(x, cap) if cap > 0 else x)
    return out


def _capped_rows(values: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """:func:`capped` of many sentences at once, each as a mapping feature name -> value."""
    names = feature_names()
    caps = np.array([cap if cap > 0 else np.inf for _, cap in _tables().weights.values()])
    raw = np.array([[v.get(name, 0.0) for name in names] for v in values], dtype=float)
    return [dict(zip(names, row)) for row in np.minimum(raw, caps).tolist()]


def rule_probability(values: dict[str, float]) -> float:
    """P(opinion) of the rule-based logistic scorer (weights from ``weights.tsv``)."""
    tables = _tables()
    z = tables.bias + sum(w * x for (w, _), x in zip(tables.weights.values(), capped(values)))
    return 1.0 / (1.0 + math.exp(-z))


def rule_threshold() -> float:
    """Decision threshold of the rule-based scorer (``threshold`` row of ``weights.tsv``)."""
    return _tables().threshold


def _label_groups(analysis: Analysis, groups: Sequence[Sequence[Sentence]],
                  kinds: Sequence[str] | None = None) -> list[SentenceLabel]:
    """Label sentences (or groups read as one unit) in one batch: the single labelling path.

    Epistemic hedges (``hedge`` cues: "dürfte", "wohl", "offenbar", "unklar", reportive
    "soll") are evidence, but by themselves they do not make a sentence the author's
    opinion: a sentence labelled opinion only because of its hedges (scored again with the
    hedge words masked and the hedge feature at 0, it falls below the threshold) is
    labelled report, with that second probability and ``hedge_only=True``.
    """
    from framing.measures.opinion_model import load_model  # lazy: keeps import light

    if not groups:
        return []
    tokens = _tokens(analysis, 0, len(analysis.voice))
    feats = [_features(analysis, tokens, g) for g in groups]
    spans = [(g[0].start, g[-1].end) for g in groups]
    texts = [analysis.text[a:b] for a, b in spans]
    model = load_model()

    def probabilities(texts_: Sequence[str], values_: Sequence[dict[str, float]]) -> list[float]:
        if model is not None:
            return model.probabilities(texts_, _capped_rows(values_)).tolist()
        return [rule_probability(v) for v in values_]

    threshold = model.threshold if model is not None else rule_threshold()
    probs = probabilities(texts, [f[0] for f in feats])
    # second pass: opinion sentences with hedge cues, hedges removed
    again = [k for k, (values, _, _) in enumerate(feats)
             if probs[k] >= threshold and values.get(HEDGE, 0) > 0]
    hedge_only: set[int] = set()
    if again:
        masked_texts, masked_values = [], []
        for k in again:
            values, cues, _ = feats[k]
            masked_texts.append(_mask(texts[k], spans[k][0], [c for c in cues if c.kind == HEDGE]))
            masked_values.append(values | {HEDGE: 0.0})
        for k, p in zip(again, probabilities(masked_texts, masked_values)):
            if p < threshold:
                probs[k] = p
                hedge_only.add(k)
    out = []
    for k, group in enumerate(groups):
        _, cues, words = feats[k]
        out.append(SentenceLabel(
            index=group[0].index, start=spans[k][0], end=spans[k][1], text=texts[k],
            label=OPINION if probs[k] >= threshold else REPORT,
            probability=probs[k], words=words, cues=cues,
            unit=kinds[k] if kinds is not None else SENTENCE, hedge_only=k in hedge_only,
        ))
    return out


def _mask(text: str, offset: int, cues: Sequence[Cue]) -> str:
    """``text`` (starting at ``offset`` in the article) with the cue spans cut out."""
    parts, pos = [], 0
    for cue in sorted(cues, key=lambda c: c.start):
        parts.append(text[pos:cue.start - offset])
        pos = cue.end - offset
    parts.append(text[pos:])
    return " ".join(" ".join(parts).split())


def score_opinion(analysis: Analysis) -> OpinionScore:
    """Label each scored sentence as opinion or report and give the opinion share.

    ``ratio`` = words in opinion sentences / all scored words, in [0, 1]; higher = more
    of the article is the author's own opinion. Furniture sentences are skipped, and so
    are datelines and agency credits (:mod:`framing.language.units`); headlines and
    subheadlines are scored as units of their own. ``expected_share`` and its interval are
    described on :class:`OpinionScore`. All sentences of the article go to the model in
    one batch.
    """
    from framing.language.units import SKIPPED_UNITS, find_units, unit_kind
    from framing.measures.opinion_model import model_name

    units = find_units(analysis.text)
    chosen, kinds = [], []
    for s in analysis.sentences:
        if s.excluded:
            continue
        kind = unit_kind(units, s.start, s.end)
        if kind in SKIPPED_UNITS:
            continue
        chosen.append((s,))
        kinds.append(kind)
    labels = tuple(_label_groups(analysis, chosen, kinds))
    words = sum(s.words for s in labels)
    opinion = [s for s in labels if s.label == OPINION]
    opinion_words = sum(s.words for s in opinion)
    expected = sum(s.words * s.probability for s in labels)
    sq_words = float(sum(s.words ** 2 for s in labels))
    share, low, high = opinion_share(expected, words, sq_words)
    return OpinionScore(
        ratio=opinion_words / words if words else 0.0,
        opinion_words=opinion_words, words=words,
        opinion_sentences=len(opinion), sentences=labels,
        expected_share=share, share_low=low, share_high=high,
        expected_words=expected, sq_words=sq_words, model=model_name(),
    )


def opinion_share(expected_words: float, words: int, sq_words: float
                  ) -> tuple[float, float, float]:
    """Estimated opinion share of a text, with a 90 % interval: ``(share, low, high)``.

    ``m = expected_words / words`` is the word-weighted mean P(opinion) of the sentences.
    Calibrated probabilities are still pulled towards the base rate (a pure commentary's
    sentences do not all get P near 1), so ``m`` alone understates high shares and
    overstates low ones. The share is therefore the probabilistic adjusted count
    (Bella et al. 2010, "Quantification via probability estimators"):
    ``share = (m - mean_obj) / (mean_subj - mean_obj)``, clipped to [0, 1], where
    ``mean_subj``/``mean_obj`` are the mean cross-validated P(opinion) of the opinion and
    report sentences of the training data (stored with the model). The interval is
    ``share +- 1.645 * sqrt((share * var_subj + (1 - share) * var_obj) * sq_words) / words
    / (mean_subj - mean_obj)``: the spread of P within each class, for this text's number
    and lengths of sentences. It assumes that opinion and report sentences look to the model
    as they did in training (CheckThat! German); it does not cover other domain shift.
    Without a model artifact the rule probabilities are used unadjusted.
    """
    from framing.measures.opinion_model import load_model

    if not words:
        return 0.0, 0.0, 0.0
    mean = expected_words / words
    model = load_model()
    pos, neg, var_pos, var_neg = (model.share_stats if model is not None
                                  else (1.0, 0.0, 0.25, 0.25))
    gap = pos - neg
    share = min(1.0, max(0.0, (mean - neg) / gap))
    spread = (share * var_pos + (1 - share) * var_neg) * sq_words
    half = _Z90 * math.sqrt(max(spread, 0.0)) / words / gap
    return share, max(0.0, share - half), min(1.0, share + half)


def _units(sentences: Iterable[str]) -> Iterator[tuple[Analysis, tuple[Sentence, ...]]]:
    """Analyse each string as a tiny article; yield it with the sentences read as one unit."""
    if isinstance(sentences, str):
        raise TypeError("expected an iterable of sentences, not one string")
    from framing.language.analysis import analyze_doc
    from framing.language.pipeline import get_nlp

    texts = list(sentences)
    for k, doc in enumerate(get_nlp().pipe(texts)):
        article = Article(source="sentences", article_id=str(k), title="", text=texts[k])
        analysis = analyze_doc(article, doc)
        yield analysis, analysis.scored_sentences() or analysis.sentences


def classify_sentences(sentences: Iterable[str]) -> list[tuple[str, float]]:
    """Label single sentences out of context: ``[(label, P(opinion)), ...]``.

    Each string is analysed as a tiny article with the same pipeline and labelled by
    the same per-sentence function as :func:`score_opinion`; a string the sentence
    splitter cuts into several pieces is read as one unit. Used by the evaluation.
    Raises ``TypeError`` when given one string instead of an iterable of strings.
    """
    out = []
    for analysis, group in _units(sentences):
        if not group:
            out.append((REPORT, 0.0))
            continue
        [label] = _label_groups(analysis, [group])
        out.append((label.label, label.probability))
    return out


def model_inputs(sentences: Iterable[str]) -> list[tuple[str, dict[str, float]]]:
    """What the learned model sees for each string: its text and capped rule features.

    Built exactly as :func:`classify_sentences` builds them; used to train the model
    (``scripts/train_subjectivity.py``).
    """
    out = []
    for analysis, group in _units(sentences):
        if not group:
            out.append(("", dict.fromkeys(feature_names(), 0.0)))
            continue
        values, _, _ = sentence_features(analysis, group)
        text = analysis.text[group[0].start:group[-1].end]
        out.append((text, dict(zip(feature_names(), capped(values)))))
    return out
