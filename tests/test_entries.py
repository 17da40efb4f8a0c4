"""The seed cache shipped with the package (framing.app.entries)."""

from pathlib import Path

from framing.app.entries import _shipped, seed_cache_key

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_shipped_seed_cache_matches_todays_scorers():
    """A change to code, lexicons or models that the cache was not rebuilt for would make the
    first dashboard visitor wait for the seeds: rebuild with ``python -m framing.app.entries seeds``."""
    entries = _shipped(seed_cache_key(SEEDS))
    assert entries is not None, "seed cache is stale: run `python -m framing.app.entries seeds`"
    assert {e.record["source"] for e in entries} >= {"Kettner Edelmetalle News", "Vitaly Portnikov (columns)"}
