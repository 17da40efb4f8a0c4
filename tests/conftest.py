"""Shared fixtures: the seed corpus and the external gold data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def data_dir() -> Path:
    """The external gold data (``../shared/data``), overridable with FRAMING_DATA."""
    return Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def seed_articles():
    from framing.io.reader import iter_inputs, read_path

    return [a for path, info in iter_inputs([SEEDS]) for a in read_path(path, info=info)]


@pytest.fixture(scope="session")
def seed_scores(seed_articles):
    """Scores of every seed article (with analyses) and the per-source aggregates."""
    from framing.score import aggregate_sources, score_article

    articles = [score_article(a, keep_analysis=True) for a in seed_articles]
    return articles, aggregate_sources(articles)


@pytest.fixture(autouse=True)
def keep_main_module():
    """Streamlit's AppTest installs the app file as ``sys.modules["__main__"]``; put the real
    one back after every test, so that later tests spawning processes (multiprocessing, a
    Dask LocalCluster) do not re-run a Streamlit page in their workers."""
    import sys

    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
