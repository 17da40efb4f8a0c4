"""Measure the levers tried for the target-sentiment model by 5-fold CV on GerNTSA train.

Usage::

    python scripts/targets_levers.py ../shared/data/gerntsa [--only NAME,...]

Reads ``train.jsonl`` only (the test split is never opened). Every row is a variant of the
feature set of ``framing.measures.target_model.features`` (the structural lexicon features,
"base"); each is scored by 5-fold stratified CV (seed 13, the folds of
``scripts/train_targets.py``), multinomial logistic regression, class_weight = balanced, with
the polarity bands tuned on the out-of-fold predictions for rule weights 0 / 0.25 / 0.5.
Word features mask the target span (``<T>``), every other actor mention found by
``find_mentions`` (registry actors and recurring names: ``<A>``), every other proper noun
(``<NE>``) and numbers, so that no actor or name gets a built-in prior. The table printed
is the one in ``framing/models/targets_MODEL_CARD.md``. Research only; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.evaluate.targets import read_rows, scores  # noqa: E402
from framing.language.analysis import analyze_text  # noqa: E402
from framing.measures.actors import tone  # noqa: E402
from framing.measures.actors.mentions import find_mentions  # noqa: E402
from framing.measures.target_model import features  # noqa: E402

SEED = 13
CLASSES = ("negative", "neutral", "positive")
GRID = np.round(np.arange(-0.6, 0.61, 0.02), 2)


def rows_of(path: Path) -> list[dict]:
    """Base features, rule and per-token facts of each row's own sentence."""
    lex = tone.lexicon()
    out = []
    for row in read_rows(path):
        a = analyze_text(row["sentence"])
        t0, t1 = tone.token_range(a, int(row["start"]), int(row["end"]))
        others = [s for s in find_mentions(a) if not (s.t0 < t1 and t0 < s.t1)]
        blocked = frozenset(k for s in others for k in range(s.t0, s.t1))
        ev = tone.mention_evidence(a, t0, t1, blocked, frozenset(s.t0 for s in others))
        s = tone.structure_of(a, a.sentence_of[t0])
        toks = [{"lemma": a.lemmas[k].lower(), "tag": a.tags[k], "word": bool(a.is_word[k]),
                 "voice": a.voice[k], "side": "T" if t0 <= k < t1 else "B" if k < t0 else "A",
                 "blocked": k in blocked, "clause": s.clause_at(k) == s.clause_at(t0),
                 "polar": tone._polar_value(a, k, lex) * tone._local_shift(a, k, lex) if a.is_word[k] else 0.0,
                 "topic": bool(a.is_word[k]) and tone._is_topic(a, k)} for k in range(s.s0, s.s1)]
        out.append({"label": row["polarity"], "feats": features(ev), "rule": ev.rule,
                    "voice": ev.voice, "toks": toks})
    return out


def masked(toks: list[dict]) -> list[tuple[str, str]]:
    seq: list[tuple[str, str]] = []
    for t in toks:
        if t["side"] == "T":
            w = "<T>"
        elif not t["word"]:
            continue
        elif t["blocked"]:
            w = "<A>"
        elif t["tag"] == "NE":
            w = "<NE>"
        elif t["tag"] == "CARD":
            w = "<NUM>"
        else:
            w = t["lemma"]
        if not (seq and seq[-1][0] == w and w.startswith("<")):
            seq.append((w, t["side"]))
    return seq


def words(d: dict, bigrams: bool = False, side: bool = False) -> dict:
    seq = masked(d["toks"])
    f = {}
    for w, p in seq:
        if w != "<T>":
            f["w:" + w] = 1.0
            if side:
                f[f"w{p}:{w}"] = 1.0
    if bigrams:
        ws = [w for w, _ in seq]
        f.update({f"b:{x}_{y}": 1.0 for x, y in zip(ws, ws[1:])})
    return f


def chars(d: dict) -> dict:
    text = " " + " ".join(w for w, _ in masked(d["toks"])) + " "
    return {"c:" + text[i:i + n]: 1.0 for n in (3, 4, 5) for i in range(len(text) - n + 1)}


def mood(d: dict, same_voice: bool = False, topic: bool = False, split: bool = False) -> dict:
    acc = dict.fromkeys(("P", "N", "TP", "TN", "PB", "NB", "PA", "NA"), 0.0)
    for t in d["toks"]:
        if t["side"] == "T" or t["blocked"] or not t["polar"] or (same_voice and t["voice"] != d["voice"]):
            continue
        sign = "P" if t["polar"] > 0 else "N"
        if t["topic"]:
            acc["T" + sign] += abs(t["polar"])
            continue
        acc[sign] += abs(t["polar"])
        acc[sign + t["side"]] += abs(t["polar"])
    p, n = min(acc["P"], 5) / 5, min(acc["N"], 5) / 5
    f = {"num:mP": p, "num:mN": n, "num:mD": p - n}
    if topic:
        f.update({"num:mTP": min(acc["TP"], 3) / 3, "num:mTN": min(acc["TN"], 3) / 3})
    if split:
        f.update({f"num:m{k}": min(acc[k], 3) / 3 for k in ("PB", "NB", "PA", "NA")})
    return f


def sides(d: dict) -> dict:
    """Counts of polar words by side of the target (before/after) and clause (same/other)."""
    f: dict[str, float] = {}
    for t in d["toks"]:
        if t["side"] == "T" or t["blocked"] or not t["polar"] or t["topic"]:
            continue
        key = f"ps{t['side']}{'c' if t['clause'] else 'o'}:{'+' if t['polar'] > 0 else '-'}"
        f[key] = f.get(key, 0.0) + 1.0
    return {k: min(v, 3) / 3 for k, v in f.items()}


VARIANTS = {
    "base": lambda d: {},
    "base + word unigrams (lemmas, masked)": words,
    "base + word uni+bigrams (masked)": lambda d: words(d, bigrams=True),
    "base + unigrams split before/after target": lambda d: words(d, side=True),
    "base + char 3-5-grams (masked)": chars,
    "base + polar words by side and clause": sides,
    "base + mood, same voice only": lambda d: mood(d, same_voice=True),
    "base + mood, every voice": mood,
    "base + mood + topic-word mass": lambda d: mood(d, topic=True),
    "base + mood split before/after": lambda d: mood(d, split=True),
    "base + mood + sides + topic + split": lambda d: {**mood(d, topic=True, split=True), **sides(d)},
}


def prune(feats: list[dict], min_df: int = 2) -> list[dict]:
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, c in counts.items() if c >= min_df or k.startswith(("num:", "voice:", "role:"))}
    return [{k: v for k, v in f.items() if k in keep} for f in feats]


def oof(feats: list[dict], y: np.ndarray, c: float = 0.05) -> np.ndarray:
    proba = np.zeros((len(y), 3))
    for tr, va in StratifiedKFold(5, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y):
        vec = DictVectorizer()
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
        model.fit(vec.fit_transform(prune([feats[i] for i in tr])), y[tr])
        order = [list(model.classes_).index(k) for k in CLASSES]
        proba[va] = model.predict_proba(vec.transform([feats[i] for i in va]))[:, order]
    return proba


def best_bands(pol: np.ndarray, y: np.ndarray) -> float:
    best = 0.0
    for lo in GRID[GRID < 0.2]:
        for hi in GRID[GRID > lo]:
            pred = np.where(pol < lo, "negative", np.where(pol >= hi, "positive", "neutral"))
            best = max(best, scores(y, pred)["macro_f1"])
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with train.jsonl")
    parser.add_argument("--only", default="", help="comma-separated variant names")
    args = parser.parse_args(argv)
    data = rows_of(args.data / "train.jsonl")
    y = np.array([d["label"] for d in data])
    rule = np.array([d["rule"] for d in data])
    names = [n for n in VARIANTS if not args.only or n in args.only.split(",")]
    print("| variant (C = 0.05, balanced) | w = 0 | w = 0.25 | w = 0.5 |\n|---|---|---|---|")
    for name in names:
        proba = oof([{**d["feats"], **VARIANTS[name](d)} for d in data], y)
        pol = proba[:, 2] - proba[:, 0]
        cells = " | ".join(f"{best_bands((1 - w) * pol + w * rule, y):.4f}" for w in (0.0, 0.25, 0.5))
        print(f"| {name} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
