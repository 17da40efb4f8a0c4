"""Target-sentiment classifier: how a passage presents one target (person, country, thing).

A multinomial logistic regression over features of a mention's context, as collected by
``framing.measures.actors.tone.mention_evidence``: the lexicon cues (weighted polar words, negation,
agent/patient of evaluative verbs, voice) and the lemmas of the clause and of a window
around the mention (words of other voices and the target's own words are never features).
Trained on GerNTSA train (CC BY 4.0) by ``scripts/train_targets.py``; see
``targets_MODEL_CARD.md``. Stored as plain JSON (feature names, coefficients, intercepts),
loaded lazily and cached; no pickle.

``polarity`` = P(positive) - P(negative), in [-1, 1].
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.measures.actors import Evidence

MODEL_FILE = "targets.json"
CLASSES = ("negative", "neutral", "positive")
_NEAR = 8
_ATTR = 2  # a polar word this close before the mention modifies it ("guten Weinqualitäten")


def features(ev: Evidence) -> dict[str, float]:
    """Sparse feature dict of one mention's evidence (shared by training and inference).

    Dense cues (rule sum, positive and negative mass, agent/patient values, negation,
    voice, the mention's own polarity) plus one indicator per polar lexicon word in the
    mention's same-voice window (``pw:``) and within ``_NEAR`` words (``pn:``), so the
    model can re-weight lexicon entries for news; ordinary words are not features.
    """
    f: dict[str, float] = {
        "num:rule": ev.rule,
        "num:pos": min(ev.pos, 2.0),
        "num:neg": min(ev.neg, 2.0),
        "num:agent": ev.agent,
        "num:patient": ev.patient,
        "num:negated": 1.0 if ev.negated else 0.0,
        "num:own": ev.own,
        f"voice:{ev.voice}": 1.0,
        "num:speaker": 1.0 if ev.quoted_speaker_is_target else 0.0,
    }
    for cue in ev.cues:
        if cue.kind in ("agent", "patient"):
            f[f"role:{cue.kind}:{'+' if cue.weight > 0 else '-'}"] = 1.0
    wp = wn = attr = near = 0.0
    for lemma, base, factor, offset in ev.polar_window:
        sign = 1.0 if factor >= 0 else -1.0  # -1: negated ("kein Lügner")
        f[f"pw:{lemma}"] = sign
        value = base * factor
        if abs(offset) <= _NEAR:
            f[f"pn:{lemma}"] = sign
            near += value
        if -_ATTR <= offset < 0:
            attr += value
        if value > 0:
            wp += value
        else:
            wn -= value
    f["num:attr"] = max(-1.0, min(1.0, attr))
    f["num:near"] = max(-2.0, min(2.0, near)) / 2
    f["num:wp"] = min(wp, 5.0) / 5
    f["num:wn"] = min(wn, 5.0) / 5
    return f


@dataclass(frozen=True)
class TargetModel:
    """Fitted coefficients: ``coef[c][j]`` for class ``classes[c]`` and feature ``j``."""

    classes: tuple[str, ...]
    index: dict[str, int]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    meta: dict

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        """Class probabilities (softmax of the linear scores)."""
        scores = list(self.intercept)
        for name, value in feats.items():
            j = self.index.get(name)
            if j is None or not value:
                continue
            for c in range(len(scores)):
                scores[c] += self.coef[c][j] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {cls: e / total for cls, e in zip(self.classes, exps)}

    def polarity_from_features(self, feats: dict[str, float]) -> float:
        """P(positive) - P(negative) for a feature dict, in [-1, 1]."""
        p = self.proba(feats)
        return p.get("positive", 0.0) - p.get("negative", 0.0)

    def polarity(self, ev: Evidence) -> float:
        """P(positive) - P(negative) for one mention, in [-1, 1]."""
        return self.polarity_from_features(features(ev))


def from_dict(data: dict) -> TargetModel:
    names = data["features"]
    return TargetModel(
        classes=tuple(data["classes"]),
        index={name: j for j, name in enumerate(names)},
        coef=tuple(tuple(row) for row in data["coef"]),
        intercept=tuple(data["intercept"]),
        meta=data.get("meta", {}),
    )


@lru_cache(maxsize=1)
def load() -> TargetModel | None:
    """The shipped model, or ``None`` when the file is absent (lexicon rules are used)."""
    ref = resources.files("framing.models").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    return from_dict(json.loads(ref.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _bands() -> tuple[tuple[str, float, float], ...]:
    from framing.resources import load_table

    table = load_table("lexicons/sentiment/target_labels.tsv")
    return tuple((r["label"], float(r["lower"]), float(r["upper"])) for r in table.rows)


def label_of(polarity: float) -> str:
    """``negative`` / ``neutral`` / ``positive`` for a polarity, by the bands in
    ``lexicons/sentiment/target_labels.tsv`` (lower inclusive, upper exclusive; the top
    band includes 1)."""
    bands = _bands()
    for label, lower, upper in bands:
        if lower <= polarity < upper:
            return label
    return bands[-1][0] if polarity >= bands[-1][1] else bands[0][0]
