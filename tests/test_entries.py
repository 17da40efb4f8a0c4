"""The seed cache shipped with the package (framing.app.entries)."""

from pathlib import Path

from framing.app.entries import _shipped, seed_cache_key

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_shipped_seed_cache_matches_todays_scorers(monkeypatch):
    """A change to code, lexicons or models that the cache was not rebuilt for would make the
    first dashboard visitor wait for the seeds: rebuild with ``python -m framing.app.entries seeds``
    (with ``FRAMING_ENCODER=off`` where the optional encoder is installed: the shipped cache
    holds the default model's scores)."""
    monkeypatch.setenv("FRAMING_ENCODER", "off")
    entries = _shipped(seed_cache_key(SEEDS))
    assert entries is not None, "seed cache is stale: run `python -m framing.app.entries seeds`"
    assert {e.record["source"] for e in entries} >= {"Kettner Edelmetalle News", "Vitaly Portnikov (columns)"}


def test_the_encoder_scores_are_never_served_from_the_default_cache(monkeypatch):
    """With the optional encoder installed the opinion scores differ, so the seed cache key
    differs and the shipped (default-model) cache is not used."""
    from framing.measures import opinion_model

    monkeypatch.setenv("FRAMING_ENCODER", "off")
    default_key = seed_cache_key(SEEDS)
    monkeypatch.setattr(opinion_model, "encoder_available", lambda: True)
    encoder_key = seed_cache_key(SEEDS)
    assert encoder_key != default_key
    assert _shipped(encoder_key) is None
