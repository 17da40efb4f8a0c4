"""Intervals and relative tone (framing.measures.actors.relative)."""

import math

import pytest

from framing.measures.actors.relative import article_tone_interval, relative_tone, settings, tone_interval


def test_interval_contains_mean_and_narrows_with_more_mentions():
    few = tone_interval([-0.6, -0.2, -0.4, 0.1, -0.5])
    many = tone_interval([-0.6, -0.2, -0.4, 0.1, -0.5] * 20)
    assert few.low <= few.value <= few.high
    assert few.value == pytest.approx(-0.32)
    assert (many.high - many.low) < (few.high - few.low)
    assert many.mentions == 100 and not many.low_evidence


@pytest.mark.parametrize("values, low_evidence", [([], True), ([0.9], True), ([0.5, 0.4], True)])
def test_little_evidence_is_flagged(values, low_evidence):
    est = tone_interval(values)
    assert est.low_evidence is low_evidence
    if len(values) == 1:
        assert (est.low, est.high) == (-1.0, 1.0)
    if not values:
        assert math.isnan(est.value)


def test_same_input_same_interval():
    assert tone_interval([0.1, -0.3, 0.2, 0.0, 0.4, -0.1]) == tone_interval([0.1, -0.3, 0.2, 0.0, 0.4, -0.1])


def test_relative_tone_is_source_minus_mean_of_sources():
    rel = relative_tone({"A": [-0.5] * 10 + [-0.3] * 10, "B": [0.2] * 10 + [0.4] * 10, "C": []})
    assert rel["A"].value == pytest.approx(-0.35)
    assert rel["B"].value == pytest.approx(0.35)
    assert rel["A"].high < 0 < rel["B"].low
    assert math.isnan(rel["C"].value) and rel["C"].mentions == 0


def test_relative_tone_needs_two_sources():
    rel = relative_tone({"A": [0.1, 0.2, 0.3, 0.2, 0.1]})
    assert math.isnan(rel["A"].value)


def test_settings_come_from_the_data_file():
    s = settings()
    assert 0 < s.level < 1 and s.min_mentions >= 1 and s.resamples >= 100


def test_article_tone_interval_is_the_article_tone_with_its_interval():
    from framing.measures.actors.score import article_tone

    values = [-0.5, -0.4, -0.6, -0.3, 0.1]
    est = article_tone_interval(values)
    assert est.value == pytest.approx(article_tone(values, [True] * len(values))[0])
    assert est.low <= est.value <= est.high and est.mentions == 5
    assert not est.low_evidence


@pytest.mark.parametrize("values", [[], [-0.8], [-0.8, -0.7]])
def test_article_tone_with_few_evidenced_mentions_is_low_evidence(values):
    est = article_tone_interval(values)
    assert est.low_evidence and est.mentions == len(values)
    assert len(values) < settings().min_evidenced
