"""The learned sentence subjectivity model behind :mod:`framing.measures.opinion`.

A logistic regression over three blocks of features, with Platt-calibrated output:

- character n-grams (``char_wb``) and word n-grams of the sentence, each block TF-IDF
  weighted (sublinear tf, l2-normalised), as in scikit-learn's ``TfidfVectorizer``;
- the rule features of :func:`framing.measures.opinion.sentence_features` (capped, standardised).

``P(opinion) = 1 / (1 + exp(-(a * f + b)))`` where ``f`` is the regression's decision
value and ``a``, ``b`` the Platt scaling fitted on cross-validated decision values.

The artifact is ``framing/models/subjectivity_de.npz`` (arrays only, no pickle), written by
``scripts/train_subjectivity.py``; its training data, licence and figures are in
``framing/models/subjectivity_MODEL_CARD.md``. It is read on first use and cached.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_PATH = "models/subjectivity_de.npz"
_WORD_CACHE_SIZE = 200_000


def tfidf_analyzer(kind: str, ngram_range: tuple[int, int]) -> Callable[[str], list[str]]:
    """The n-gram analyzer used at training and at run time (scikit-learn's own)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = "char_wb" if kind == "char" else "word"
    return TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range,
                           lowercase=True).build_analyzer()


@dataclass(frozen=True)
class _Block:
    """One TF-IDF block: vocabulary -> column, idf, and the regression weights.

    ``per_word`` blocks (``char_wb`` n-grams never cross white space) count n-grams word
    by word with a cache per word form, which gives exactly the counts of the whole text.
    """

    analyzer: Callable[[str], list[str]]
    index: Mapping[str, int]
    idf: np.ndarray
    coef: np.ndarray
    per_word: bool = False
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def _word_counts(self, word: str) -> tuple[tuple[int, int], ...]:
        cached = self._cache.get(word)
        if cached is None:
            counts = Counter(self.index[g] for g in self.analyzer(word) if g in self.index)
            cached = tuple(counts.items())
            if len(self._cache) < _WORD_CACHE_SIZE:
                self._cache[word] = cached
        return cached

    def counts(self, text: str) -> Counter:
        """Column -> count of the in-vocabulary n-grams of ``text``."""
        if not self.per_word:
            return Counter(self.index[g] for g in self.analyzer(text) if g in self.index)
        counts: Counter = Counter()
        for word in text.split():
            for col, n in self._word_counts(word):
                counts[col] += n
        return counts

    def decision(self, text: str) -> float:
        counts = self.counts(text)
        if not counts:
            return 0.0
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=float,
                         count=len(counts))
        weights = tf * self.idf[cols]
        norm = float(np.sqrt(weights @ weights))
        return float(weights @ self.coef[cols]) / norm if norm else 0.0


@dataclass(frozen=True)
class SubjectivityModel:
    """A loaded model; :meth:`probability` gives calibrated P(opinion) for one sentence."""

    blocks: tuple[_Block, ...]
    dense_names: tuple[str, ...]
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    dense_coef: np.ndarray
    intercept: float
    platt_a: float
    platt_b: float
    threshold: float

    def decision(self, text: str, features: Mapping[str, float]) -> float:
        """The regression's decision value (uncalibrated log-odds)."""
        dense = np.array([features[name] for name in self.dense_names], dtype=float)
        z = self.intercept + float(((dense - self.dense_mean) / self.dense_scale) @ self.dense_coef)
        return z + sum(block.decision(text) for block in self.blocks)

    def probability(self, text: str, features: Mapping[str, float]) -> float:
        """Calibrated P(opinion) in [0, 1] for a sentence and its capped rule features."""
        z = self.platt_a * self.decision(text, features) + self.platt_b
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def model_from_arrays(arrays: Mapping[str, np.ndarray]) -> SubjectivityModel:
    """Build a model from the arrays stored in the ``.npz`` artifact."""
    blocks = []
    for kind in ("char", "word"):
        vocab = [str(v) for v in arrays[f"{kind}_vocab"]]
        low, high = (int(x) for x in arrays[f"{kind}_ngram"])
        blocks.append(_Block(
            analyzer=tfidf_analyzer(kind, (low, high)),
            index={g: k for k, g in enumerate(vocab)},
            idf=np.asarray(arrays[f"{kind}_idf"], dtype=float),
            coef=np.asarray(arrays[f"{kind}_coef"], dtype=float),
            per_word=kind == "char",
        ))
    return SubjectivityModel(
        blocks=tuple(blocks),
        dense_names=tuple(str(n) for n in arrays["dense_names"]),
        dense_mean=np.asarray(arrays["dense_mean"], dtype=float),
        dense_scale=np.asarray(arrays["dense_scale"], dtype=float),
        dense_coef=np.asarray(arrays["dense_coef"], dtype=float),
        intercept=float(arrays["intercept"]),
        platt_a=float(arrays["platt_a"]),
        platt_b=float(arrays["platt_b"]),
        threshold=float(arrays["threshold"]),
    )


@lru_cache(maxsize=1)
def load_model() -> SubjectivityModel | None:
    """The packaged model, or ``None`` when the artifact is absent (rules are used then)."""
    ref = resources.files("framing").joinpath(MODEL_PATH)
    if not ref.is_file():
        return None
    with ref.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    return model_from_arrays(arrays)


def save_model(path, arrays: Mapping[str, Iterable]) -> None:
    """Write the artifact (``np.savez_compressed``, strings as unicode arrays)."""
    np.savez_compressed(path, **{k: np.asarray(v) for k, v in arrays.items()})
