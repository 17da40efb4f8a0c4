"""Tests for framing.measures.opinion_model: the packaged artifact and its arithmetic."""

from __future__ import annotations

import math

import numpy as np
import pytest

from framing.measures.opinion import feature_names, model_inputs
from framing.measures.opinion_model import load_model, model_from_arrays


def _tiny_arrays(**over):
    names = list(feature_names())
    arrays = {
        "char_vocab": ["doc", "och"], "char_idf": [1.0, 2.0], "char_coef": [1.0, 1.0],
        "char_ngram": [3, 3],
        "word_vocab": ["doch", "farce"], "word_idf": [1.0, 1.0], "word_coef": [2.0, 0.0],
        "word_ngram": [1, 1],
        "dense_names": names, "dense_mean": np.zeros(len(names)),
        "dense_scale": np.ones(len(names)), "dense_coef": np.zeros(len(names)),
        "intercept": -1.0, "platt_a": 1.0, "platt_b": 0.0, "threshold": 0.5,
    }
    arrays.update(over)
    return {k: np.asarray(v) for k, v in arrays.items()}


@pytest.mark.parametrize("text, expected_z", [
    # no known n-gram: only the intercept
    ("Regen", -1.0),
    # char block: "doc","och" present once each, tf=1, weights (1,2), l2 -> (1,2)/sqrt5
    # word block: "doch" only -> weight 1, normalised 1, coef 2
    ("doch", -1.0 + 3 / math.sqrt(5) + 2.0),
])
def test_decision_is_tfidf_dot_coef(text, expected_z):
    model = model_from_arrays(_tiny_arrays())
    features = dict.fromkeys(feature_names(), 0.0)
    assert model.decision(text, features) == pytest.approx(expected_z)
    assert model.probability(text, features) == pytest.approx(1 / (1 + math.exp(-expected_z)))


def test_dense_features_are_standardised():
    names = list(feature_names())
    coef = np.zeros(len(names))
    coef[names.index("exclamation")] = 3.0
    scale = np.ones(len(names))
    scale[names.index("exclamation")] = 2.0
    model = model_from_arrays(_tiny_arrays(dense_coef=coef, dense_scale=scale))
    features = dict.fromkeys(names, 0.0) | {"exclamation": 1.0}
    assert model.decision("Regen", features) == pytest.approx(-1.0 + 1.5)


def test_packaged_model_loads_without_pickle_and_gives_probabilities():
    model = load_model()
    if model is None:
        pytest.skip("no packaged model")
    # a model may leave rule features out (subjectivity_training.json "drop"), in order
    assert [n for n in feature_names() if n in model.dense_names] == list(model.dense_names)
    assert len(model.dense_names) == len(model.dense_coef) == len(model.dense_mean)
    for text, features in model_inputs(["Das ist doch eine Farce!", "Der Zug fährt um acht."]):
        assert 0.0 <= model.probability(text, features) <= 1.0


@pytest.mark.parametrize("text", [
    "Die Regierung hat am Montag neue Sanktionen beschlossen.",
    "„Das ist eine Katastrophe“, sagte Trump – völlig   absurd!",
    "Ölpreis, Übermut  und   ÄRGER?",
])
def test_per_word_ngram_counts_equal_whole_text_counts(text):
    from collections import Counter

    from framing.measures.opinion_model import load_model

    model = load_model()
    if model is None:
        pytest.skip("no packaged model")
    for block in model.blocks:
        whole = Counter(block.index[g] for g in block.analyzer(text) if g in block.index)
        assert block.counts(text) == whole


@pytest.mark.parametrize("text", [
    "Die Regierung hat am Montag neue Sanktionen beschlossen.",
    "„Das ist eine Katastrophe“, sagte Trump – völlig   absurd!",
    "Ölpreis, Übermut  und   ÄRGER?\tTab\nZeile",
    "x",
    "",
])
@pytest.mark.parametrize("kind, ngram", [("char", (2, 5)), ("char", (3, 5)), ("word", (1, 2)),
                                         ("word", (1, 1))])
def test_analyzers_equal_scikit_learn(text, kind, ngram):
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    from framing.measures.opinion_model import tfidf_analyzer

    analyzer = "char_wb" if kind == "char" else "word"
    theirs = sklearn_text.TfidfVectorizer(analyzer=analyzer, ngram_range=ngram,
                                          lowercase=True).build_analyzer()
    assert tfidf_analyzer(kind, ngram)(text) == theirs(text)


def test_batch_decisions_equal_single_decisions():
    model = load_model()
    if model is None:
        pytest.skip("no packaged model")
    inputs = model_inputs(["Das ist doch eine Farce!", "Der Zug fährt um acht.",
                           "Die Farce, die Farce, die Farce."])
    texts = [t for t, _ in inputs]
    feats = [f for _, f in inputs]
    batch = model.decisions(texts, feats)
    assert batch == pytest.approx([model.decision(t, f) for t, f in inputs])


def test_inference_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; from framing.measures.opinion import classify_sentences; "
            "classify_sentences(['Das ist doch eine Farce!']); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_artifacts_hold_no_pickles():
    from importlib import resources

    for name in ("subjectivity_de.npz", "subjectivity_de_e5.npz"):
        ref = resources.files("framing").joinpath(f"models/{name}")
        if not ref.is_file():
            continue
        with ref.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            assert all(data[k].dtype != object for k in data.files)


def test_stacked_encoder_model_adds_the_default_decision_and_centres_embeddings():
    """z = own part + stack_coef * (default model's z); embeddings centred, re-normalised."""
    base = model_from_arrays(_tiny_arrays())
    arrays = _tiny_arrays(embed_coef=[1.0, 0.0], embed_scale=2.0, embed_mean=[0.5, 0.0],
                          embed_prefix="passage", stack_coef=0.5, intercept=0.0)
    with pytest.raises(ValueError):
        model_from_arrays(arrays)
    model = model_from_arrays(arrays, base)
    assert model.uses_encoder and model.embed_prefix == "passage"
    features = dict.fromkeys(feature_names(), 0.0)
    # embedding (1, 0) - mean (0.5, 0) = (0.5, 0) -> re-normalised (1, 0) -> 2 * 1 = 2
    own = 0.0 + 3 / math.sqrt(5) + 2.0 + 2.0
    z = model.decisions(["doch"], [features], np.array([[1.0, 0.0]]))[0]
    assert z == pytest.approx(own + 0.5 * base.decision("doch", features))
