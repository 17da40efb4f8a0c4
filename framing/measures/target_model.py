"""Target-sentiment classifier: how a passage presents one target (person, country, thing).

A multinomial logistic regression over features of a mention's own sentence, as collected
by ``framing.measures.actors.tone.mention_evidence``: the lexicon cues that bear on the
mention by structure (its phrase, apposition, predicate, acts, roles), the other polar
words of the sentence, negation, voice (words of other sentences and other voices are
never features).
Trained on GerNTSA train (CC BY 4.0) by ``scripts/train_targets.py``; see
``targets_MODEL_CARD.md``. Stored as plain JSON (feature names, coefficients, intercepts),
loaded lazily and cached; no pickle.

``polarity`` = (1 - w) x (P(positive) - P(negative)) + w x rule - c, clipped to [-1, 1];
``rule`` is the clipped sum of the structural lexicon cues, ``w`` the ``rule_weight`` and
``c`` the ``offset`` stored with the model (w chosen by cross-validation on GerNTSA train;
c is the centre of the neutral band found there, so that 0 is the middle of "neutral" and a
mention with no cues scores about 0; shifting the polarity and the bands by the same c
leaves every label unchanged; see the model card).
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


def features(ev: Evidence) -> dict[str, float]:
    """Sparse feature dict of one mention's evidence (shared by training and inference).

    Dense cues (rule sum, positive and negative mass of the words that bear on the
    mention, agent/patient values, negation, voice, the mention's own polarity, whether
    it is a clause subject and how its phrase is attached) plus one indicator per polar
    lexicon word that bears on it (``pb:``, and ``pr:`` with its relation) and per other
    polar word of the sentence (``ps:``, topic words left out), signed by negation. Words of
    other sentences and other voices are never features; ordinary words are not features.
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
        "num:subject": 1.0 if ev.subject else 0.0,
    }
    if ev.relation:
        f[f"rel:{ev.relation}"] = 1.0
    for cue in ev.cues:
        if cue.kind in ("agent", "patient"):
            f[f"role:{cue.kind}:{'+' if cue.weight > 0 else '-'}"] = 1.0
    for lemma, base, factor, rel in ev.bearing:
        sign = 1.0 if factor >= 0 else -1.0  # -1: negated ("kein Lügner")
        f[f"pb:{lemma}"] = sign
        f[f"pr:{rel}:{'+' if base * sign > 0 else '-'}"] = 1.0
    sp = sn = cp = cn = 0.0
    for lemma, base, factor, same_clause in ev.sentence:
        sign = 1.0 if factor >= 0 else -1.0
        f[f"ps:{lemma}"] = sign
        value = base * factor
        if value > 0:
            sp += value
            cp += value if same_clause else 0.0
        else:
            sn -= value
            cn -= value if same_clause else 0.0
    f["num:sp"] = min(sp, 5.0) / 5
    f["num:sn"] = min(sn, 5.0) / 5
    f["num:cp"] = min(cp, 3.0) / 3
    f["num:cn"] = min(cn, 3.0) / 3
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

    @property
    def rule_weight(self) -> float:
        """Weight w of the structural rule in the polarity (chosen by CV on GerNTSA train)."""
        return float(self.meta.get("rule_weight", 0.0))

    @property
    def offset(self) -> float:
        """Centre c of the neutral band on the raw scale (subtracted, so 0 is mid-neutral)."""
        return float(self.meta.get("offset", 0.0))

    def polarity_from_features(self, feats: dict[str, float], rule: float = 0.0) -> float:
        """(1 - w) x (P(positive) - P(negative)) + w x ``rule`` - :attr:`offset`, in [-1, 1]."""
        p = self.proba(feats)
        w = self.rule_weight
        raw = (1.0 - w) * (p.get("positive", 0.0) - p.get("negative", 0.0)) + w * rule
        return max(-1.0, min(1.0, raw - self.offset))

    def polarity(self, ev: Evidence) -> float:
        """Polarity of one mention in [-1, 1]: the classifier's P(positive) - P(negative),
        blended with the structural rule ``ev.rule`` by :attr:`rule_weight`, minus
        :attr:`offset` (below 0: presented more negatively than a mention with no cues)."""
        return self.polarity_from_features(features(ev), ev.rule)


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
