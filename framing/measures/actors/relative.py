"""How certain is a tone figure, and how does a source's tone compare with the others?

A tone figure is the mean polarity of an actor's mentions (each in [-1, 1], below 0:
presented negatively). :func:`tone_interval` gives that mean with a percentile bootstrap
interval over the mentions (Efron & Tibshirani 1993); :func:`relative_tone` gives each
source's mean minus the mean of all sources' means in the comparison (every source that
mentions the actor weighs the same), with an interval from resampling the mentions of every
source jointly. Figures with fewer mentions than ``min_mentions`` or an interval wider than
``max_width`` are flagged ``low_evidence``: show them muted, with their count, never as a
saturated colour. Settings: ``lexicons/actors/uncertainty.tsv``; the seed is fixed, so the
same input always prints the same interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from framing.resources import load_table


@dataclass(frozen=True)
class ToneEstimate:
    """Mean polarity ``value`` of ``mentions`` mentions with its interval [``low``, ``high``].

    ``value`` runs from -1 (presented negatively) to +1 (positively); NaN when there is no
    mention. With one mention the interval is the whole scale [-1, 1]: one mention says
    nothing about spread.
    """

    value: float
    low: float
    high: float
    mentions: int
    low_evidence: bool


@dataclass(frozen=True)
class _Settings:
    min_mentions: int
    level: float
    resamples: int
    seed: int
    max_width: float
    min_evidenced: int = 3


@lru_cache(maxsize=1)
def settings() -> _Settings:
    rows = {r["setting"]: r["value"] for r in load_table("lexicons/actors/uncertainty.tsv").rows}
    return _Settings(int(rows["min_mentions"]), float(rows["level"]), int(rows["resamples"]),
                     int(rows["seed"]), float(rows["max_width"]), int(rows["min_evidenced"]))


def _flag(n: int, low: float, high: float) -> bool:
    s = settings()
    return n < s.min_mentions or not (high - low <= s.max_width)


def _replicate_means(values: np.ndarray, rng: np.random.Generator, resamples: int) -> np.ndarray:
    idx = rng.integers(0, len(values), size=(resamples, len(values)))
    return values[idx].mean(axis=1)


def tone_interval(polarities: Sequence[float]) -> ToneEstimate:
    """Mean of ``polarities`` with a percentile bootstrap interval (see module docstring)."""
    values = np.asarray([p for p in polarities if not math.isnan(p)], dtype=float)
    n = len(values)
    if n == 0:
        nan = float("nan")
        return ToneEstimate(nan, nan, nan, 0, True)
    mean = float(values.mean())
    if n == 1:
        return ToneEstimate(mean, -1.0, 1.0, 1, True)
    s = settings()
    reps = _replicate_means(values, np.random.default_rng(s.seed), s.resamples)
    tail = (1.0 - s.level) / 2 * 100
    low, high = (float(x) for x in np.percentile(reps, [tail, 100 - tail]))
    return ToneEstimate(mean, low, high, n, _flag(n, low, high))


def article_tone_interval(evidenced: Sequence[float]) -> ToneEstimate:
    """The article-level tone of an actor with a percentile bootstrap interval.

    ``evidenced`` are the polarities of the mentions that carry evidence (a cue that bears
    on the actor), of one article or pooled over a source's articles. ``value`` is the tone
    of :func:`framing.measures.actors.score.article_tone`: their sum divided by their number
    plus the neutral prior (``lexicons/actors/article_tone.tsv``), in [-1, 1], below 0
    presented negatively; 0.0 without evidence. The interval resamples the evidenced
    mentions (the prior is fixed). ``mentions`` counts the evidenced mentions; fewer than
    ``min_evidenced`` or an interval wider than ``max_width`` is ``low_evidence``.
    """
    from framing.measures.actors.score import article_tone, tone_settings

    s = settings()
    values = np.asarray([p for p in evidenced if not math.isnan(p)], dtype=float)
    n = len(values)
    tone, _ = article_tone(list(values), [True] * n)
    if n < 2:
        return ToneEstimate(tone, -1.0, 1.0, n, True)
    shrink = n / (n + tone_settings()["prior"])  # tone = mean of the evidenced polarities x shrink
    reps = _replicate_means(values, np.random.default_rng(s.seed), s.resamples) * shrink
    tail = (1.0 - s.level) / 2 * 100
    low, high = (float(x) for x in np.percentile(reps, [tail, 100 - tail]))
    return ToneEstimate(tone, low, high, n, n < s.min_evidenced or not (high - low <= s.max_width))


def relative_tone(polarities_by_source: Mapping[str, Sequence[float]]) -> dict[str, ToneEstimate]:
    """Each source's mean polarity minus the mean of all sources' means, with an interval.

    ``polarities_by_source`` maps a source to the polarities of the actor's mentions in it
    (sources without mentions are left out of the mean and get NaN). The difference runs
    from -2 to +2: below 0 the source presents the actor more negatively than the
    comparison does on average. The interval resamples the mentions of every source at
    once, so the uncertainty of the comparison mean is included. With a single source the
    relative tone is undefined (NaN).
    """
    s = settings()
    data = {k: np.asarray([p for p in v if not math.isnan(p)], dtype=float)
            for k, v in polarities_by_source.items()}
    present = [k for k, v in data.items() if len(v)]
    nan = float("nan")
    out = {k: ToneEstimate(nan, nan, nan, 0, True) for k in data}
    if len(present) < 2:
        return out
    means = {k: float(data[k].mean()) for k in present}
    overall = sum(means.values()) / len(present)
    rng = np.random.default_rng(s.seed)
    reps = {k: (_replicate_means(data[k], rng, s.resamples) if len(data[k]) > 1
                else rng.uniform(-1.0, 1.0, s.resamples)) for k in present}
    overall_reps = sum(reps.values()) / len(present)
    tail = (1.0 - s.level) / 2 * 100
    for k in present:
        diff = reps[k] - overall_reps
        low, high = (float(x) for x in np.percentile(diff, [tail, 100 - tail]))
        n = len(data[k])
        out[k] = ToneEstimate(means[k] - overall, low, high, n, _flag(n, low, high))
    return out
