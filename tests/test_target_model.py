"""Tests for framing.measures.target_model (features, the shipped JSON model, the bands)."""

from __future__ import annotations

import pytest

from framing.language.analysis import analyze_text
from framing.measures import target_model as targets
from framing.measures.actors import target_evidence


def _features(sentence: str, target: str) -> dict[str, float]:
    start = sentence.index(target)
    return targets.features(target_evidence(analyze_text(sentence), start, start + len(target)))


def test_features_name_no_ordinary_word_or_target():
    feats = _features("Der Minister Müller eröffnete am Montag die neue Brücke in Dresden.", "Müller")
    names = " ".join(feats)
    for word in ("müller", "brücke", "dresden", "montag", "minister"):
        assert word not in names.lower()
    assert feats["voice:author"] == 1.0


def test_features_read_polar_word_that_bears_on_target():
    feats = _features("Der Konzern ist korrupt und verlogen.", "Konzern")
    assert feats["num:neg"] > 0
    assert any(k.startswith("pb:") for k in feats)


def test_proba_is_a_distribution_and_polarity_in_range():
    model = targets.load()
    if model is None:
        pytest.skip("no shipped model")
    feats = _features("Die Regierung hat mit der Reform einen großen Erfolg erzielt.", "Regierung")
    proba = model.proba(feats)
    assert set(proba) == set(targets.CLASSES)
    assert sum(proba.values()) == pytest.approx(1.0)
    assert -1.0 <= model.polarity_from_features(feats, 1.0) <= 1.0
    assert model.proba({"unknown:feature": 1.0}) == model.proba({})


def test_shipped_model_separates_clear_cases():
    model = targets.load()
    if model is None:
        pytest.skip("no shipped model")
    good = _features("Die Regierung hat mit der Reform einen großen Erfolg erzielt.", "Regierung")
    bad = _features("Der Konzern steht wegen Betrug und Korruption in der Kritik.", "Konzern")
    assert model.polarity_from_features(good) > model.polarity_from_features(bad)


@pytest.mark.parametrize("value", [-1.0, -0.5, 0.0, 0.5, 1.0])
def test_label_of_covers_the_whole_range(value):
    assert targets.label_of(value) in targets.CLASSES


def test_label_of_orders_the_bands():
    assert targets.label_of(-1.0) == "negative"
    assert targets.label_of(0.0) == "neutral"
    assert targets.label_of(1.0) == "positive"
