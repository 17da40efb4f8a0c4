"""Train the sentence subjectivity model shipped in framing/models/.

Usage:
    python scripts/train_subjectivity.py DATA_DIR [--report-test] [--out framing/models]

DATA_DIR holds the CheckThat! German subjectivity files (train_de.tsv, dev_de.tsv,
dev_test_de.tsv, test_de_labeled.tsv). The model is fitted on train + dev; the
hyper-parameters (regularisation C, weight of the rule features, n-gram settings) and the
decision threshold are chosen on dev_test. The test split is only scored with
--report-test, once, after everything else is fixed. The script writes
subjectivity_de.npz (arrays only) and subjectivity_MODEL_CARD.md, and prints the figures
that the card records.

Every sentence goes through framing.measures.opinion.model_inputs, i.e. the same analysis and
feature code as the article scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.evaluate.subjectivity import (  # noqa: E402
    OBJ,
    SUBJ,
    evaluate_subjectivity,
    format_scores,
    read_gold,
    scores,
)
from framing.measures import opinion_model  # noqa: E402
from framing.measures.opinion import feature_names, model_inputs  # noqa: E402

SPLITS = {"train": "train_de.tsv", "dev": "dev_de.tsv", "dev_test": "dev_test_de.tsv",
          "test": "test_de_labeled.tsv"}
#: Search grid, tuned on dev_test only.
GRID = {
    "C": (1.0, 2.0, 4.0, 8.0),
    "dense_factor": (0.2, 0.4, 0.8),
    "char_ngram": ((2, 5), (3, 5)),
}
WORD_NGRAM = (1, 2)
MIN_DF = 2
THRESHOLDS = np.round(np.arange(0.25, 0.751, 0.01), 2)
SEED = 0


def load_split(data: Path, split: str):
    sentences, gold = read_gold(data / SPLITS[split])
    inputs = model_inputs(sentences)
    texts = [t for t, _ in inputs]
    dense = np.array([[f[n] for n in feature_names()] for _, f in inputs], dtype=float)
    y = np.array([g == SUBJ for g in gold], dtype=int)
    return texts, dense, y


class Fitted:
    """Vectorisers, scaler and regression fitted on one training set."""

    def __init__(self, texts, dense, y, *, C, dense_factor, char_ngram):
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngram,
                                    min_df=MIN_DF, sublinear_tf=True, lowercase=True)
        self.word = TfidfVectorizer(analyzer="word", ngram_range=WORD_NGRAM, min_df=MIN_DF,
                                    sublinear_tf=True, lowercase=True)
        self.char.fit(texts)
        self.word.fit(texts)
        self.mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        self.scale = np.where(scale > 0, scale, 1.0) / dense_factor
        self.char_ngram = char_ngram
        self.clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
        self.clf.fit(self.matrix(texts, dense), y)

    def matrix(self, texts, dense):
        return hstack([self.char.transform(texts), self.word.transform(texts),
                       csr_matrix((dense - self.mean) / self.scale)]).tocsr()

    def decision(self, texts, dense):
        return self.clf.decision_function(self.matrix(texts, dense))

    def arrays(self, platt_a, platt_b, threshold):
        coef = self.clf.coef_[0]
        n_char = len(self.char.vocabulary_)
        n_word = len(self.word.vocabulary_)
        out = {"dense_names": list(feature_names()), "dense_mean": self.mean,
               "dense_scale": self.scale, "dense_coef": coef[n_char + n_word:],
               "intercept": self.clf.intercept_[0], "platt_a": platt_a, "platt_b": platt_b,
               "threshold": threshold}
        for kind, vec, offset in (("char", self.char, 0), ("word", self.word, n_char)):
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            # The whole (min_df-pruned) vocabulary is kept: dropping n-grams would change
            # the l2 norm of the TF-IDF rows and so the predictions.
            out[f"{kind}_vocab"] = vocab
            out[f"{kind}_idf"] = vec.idf_
            out[f"{kind}_coef"] = coef[offset: offset + len(vocab)]
            out[f"{kind}_ngram"] = list(self.char_ngram if kind == "char" else WORD_NGRAM)
        return out


def platt(texts, dense, y, params):
    """Platt scaling (a, b) fitted on 5-fold cross-validated decision values."""
    decision = np.zeros(len(y))
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    for fit_idx, held_idx in folds.split(texts, y):
        model = Fitted([texts[i] for i in fit_idx], dense[fit_idx], y[fit_idx], **params)
        decision[held_idx] = model.decision([texts[i] for i in held_idx], dense[held_idx])
    calib = LogisticRegression(C=1e6, max_iter=1000).fit(decision[:, None], y)
    return float(calib.coef_[0, 0]), float(calib.intercept_[0])


def calibrated(decision, a, b):
    return 1.0 / (1.0 + np.exp(-(a * decision + b)))


def macro_f1(y, p, threshold):
    pred = [SUBJ if x >= threshold else OBJ for x in p]
    return scores([SUBJ if v else OBJ for v in y], pred)["macro_f1"]


def write_card(out: Path, lines: list[str]) -> None:
    (out / "subjectivity_MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the CheckThat! German TSVs")
    parser.add_argument("--out", type=Path, default=ROOT / "framing" / "models")
    parser.add_argument("--report-test", action="store_true",
                        help="score the test split once, after the model is fixed")
    args = parser.parse_args(argv)

    tr_t, tr_d, tr_y = load_split(args.data, "train")
    dv_t, dv_d, dv_y = load_split(args.data, "dev")
    dt_t, dt_d, dt_y = load_split(args.data, "dev_test")
    texts, dense, y = tr_t + dv_t, np.vstack([tr_d, dv_d]), np.concatenate([tr_y, dv_y])
    print(f"train+dev {len(y)} sentences ({y.sum()} SUBJ); dev_test {len(dt_y)}")

    # 1. hyper-parameters: macro-F1 on dev_test at the best threshold of the raw model
    best = None
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values))
        model = Fitted(texts, dense, y, **params)
        p = 1.0 / (1.0 + np.exp(-model.decision(dt_t, dt_d)))
        f1, threshold = max((macro_f1(dt_y, p, t), t) for t in THRESHOLDS)
        print(f"  {params} dev_test macro-F1 {f1:.3f} (raw threshold {threshold:.2f})")
        if best is None or f1 > best[0]:
            best = (f1, params)
    params = best[1]
    print(f"chosen: {params}")

    # 2. final fit on train+dev, Platt scaling from cross-validation, threshold on dev_test
    model = Fitted(texts, dense, y, **params)
    a, b = platt(texts, dense, y, params)
    p_dt = calibrated(model.decision(dt_t, dt_d), a, b)
    f1, threshold = max((macro_f1(dt_y, p_dt, t), t) for t in THRESHOLDS)
    print(f"Platt a={a:.4f} b={b:.4f}; threshold {threshold:.2f} (dev_test macro-F1 {f1:.3f})")
    args.out.mkdir(parents=True, exist_ok=True)
    artifact = args.out / "subjectivity_de.npz"
    opinion_model.save_model(artifact, model.arrays(a, b, float(threshold)))
    print(f"wrote {artifact} ({artifact.stat().st_size / 1e6:.2f} MB)")

    # 3. figures through the packaged path (framing.measures.opinion.classify_sentences)
    opinion_model.load_model.cache_clear()
    if opinion_model.load_model() is None or args.out.resolve() != (ROOT / "framing" / "models"):
        print("note: the artifact is not the packaged one; figures below use the packaged model")
    figures = {}
    for split in ("dev_test", "test") if args.report_test else ("dev_test",):
        result = evaluate_subjectivity(args.data / SPLITS[split])
        figures[split] = format_scores(result)
        print(f"{split}:\n{figures[split]}")

    n_char = len(model.arrays(a, b, threshold)["char_vocab"])
    n_word = len(model.arrays(a, b, threshold)["word_vocab"])
    card = [
        "# Model card: German sentence subjectivity (opinion vs report)",
        "",
        "File: `framing/models/subjectivity_de.npz` (NumPy arrays, no pickle), read by",
        "`framing/measures/opinion_model.py` and used by `framing.measures.opinion.score_opinion` and",
        "`classify_sentences`. Written by `scripts/train_subjectivity.py` on "
        f"{dt.date.today().isoformat()}.",
        "",
        "## What it predicts",
        "P(opinion) for one sentence: the author's own opinion, exhortation, sarcasm,",
        "rhetorical question, demeaning or hyperbolic wording (CheckThat! `SUBJ`) versus facts",
        "and statements attributed to others, quotes and reported speech included (`OBJ`).",
        "",
        "## Model",
        "Logistic regression (scikit-learn, `class_weight=balanced`) over",
        f"- character n-grams `char_wb` {params['char_ngram']}, TF-IDF, sublinear tf, min_df"
        f" {MIN_DF} ({n_char} n-grams);",
        f"- word n-grams {WORD_NGRAM}, TF-IDF, sublinear tf, min_df {MIN_DF} ({n_word} n-grams);",
        f"- the {len(feature_names())} rule features of `framing.measures.opinion` (see",
        "  `framing/lexicons/opinion/weights.tsv`), capped, standardised and multiplied by",
        f"  {params['dense_factor']}.",
        f"C = {params['C']}. Probabilities are Platt-calibrated on 5-fold cross-validated",
        f"decision values of train+dev (a = {a:.4f}, b = {b:.4f}). Decision threshold",
        f"{threshold:.2f}, chosen for macro-F1 on dev_test.",
        "",
        "## Training data",
        "CLEF CheckThat! Lab subjectivity task, German (2023-2025 editions), as distributed in",
        "GitHub MatteoFasulo/clef2025-checkthat `data/german/`: train (800 sentences) + dev",
        "(491) for fitting; dev_test (337) for choosing hyper-parameters and the threshold;",
        "test (347) scored once at the end. Licence of the data: **CC BY-NC-SA 4.0**; the",
        "model is derived from it and carries the same terms (non-commercial, share-alike).",
        "The sentences come from German news and blog articles (train/dev are much about",
        "COVID-19 and migration).",
        "",
        "## Figures (as printed by the training script)",
        "Reference points: always OBJ ≈ 0.40 macro-F1, CheckThat! 2025 baseline 0.69, best",
        "2023 system 0.82 (fine-tuned mDeBERTa).",
        "",
    ]
    for split, text in figures.items():
        card += [f"{split}:", "```", text, "```", ""]
    card += [
        "## Limits",
        "- The dev_test figure is optimistic: hyper-parameters and threshold were chosen on",
        "  it. The test figure is the honest one; on test, recall of SUBJ drops (the model",
        "  misses opinion sentences without overt cues).",
        "- Trained on about 1,300 sentences of one domain; expect lower figures on other",
        "  topics and on text types (e.g. agency reports) that the data barely contains.",
        "- Sentences are judged out of context, as in the task.",
        "- Test history: the test split has been scored twice. First model: test macro-F1",
        "  0.681. A feature bug was then found on the seed articles (first-person forms were",
        "  matched on lookup lemmas, which map er/sie to ich), fixed, the rule weights re-set",
        "  on train+dev, and the model retrained with the same procedure: the figures above.",
        "  No choice was made from test figures.",
        "- Reproduce: `python scripts/train_subjectivity.py ../shared/data/"
        "checkthat-subjectivity-de --report-test`.",
    ]
    write_card(args.out, card)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
