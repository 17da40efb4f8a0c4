"""The benchmark's growth assertion at small sizes (a generous factor, not a timed unit test)."""

import pytest

from framing import bench


def test_per_word_cost_does_not_grow_with_text_length():
    base = bench.make_text(3000, paths=[bench.SEEDS])
    rows = bench.growth(base, [2000, 20000], warm_words=3000)
    assert rows[1]["words"] > 8 * rows[0]["words"]
    assert bench.check_growth(rows, 3.0), rows


def test_per_word_cost_does_not_grow_with_mentions():
    base = bench.with_mentions(bench.make_text(3000, paths=[bench.SEEDS]))
    rows = bench.growth(base, [2000, 20000], warm_words=3000)
    assert rows[1]["mentions"] > 8 * rows[0]["mentions"] > 0
    assert bench.check_growth(rows, 3.0), rows


def test_generated_text_is_reproducible_and_varied():
    pytest.importorskip("wordfreq")
    a = bench.make_text(2000, seed=5)
    assert a == bench.make_text(2000, seed=5)
    assert a != bench.make_text(2000, seed=6)
    seed_forms = {w for p in bench.make_text(2000, paths=[bench.SEEDS]) for w in p.split()}
    new_forms = {w for p in a for w in p.split()}
    assert len(new_forms - seed_forms) > len(new_forms) // 3
