"""Measure the opinion labels against gold sentence-level subjectivity labels.

:func:`evaluate_subjectivity` reads a TSV of sentences with gold labels (the CLEF
CheckThat! subjectivity files, or any TSV with columns ``sentence`` and ``label``),
labels every sentence with :func:`framing.measures.opinion.classify_sentences` -- the same code
path as the article scores -- and returns macro-F1, accuracy and per-class precision,
recall and F1. ``opinion`` is compared with ``SUBJ``, ``report`` with ``OBJ``.

Reference points for CheckThat! German (macro-F1): always OBJ ≈ 0.40, 2025 baseline 0.69,
best 2023 system 0.82 (fine-tuned mDeBERTa).

Run ``python -m framing.evaluate.subjectivity FILE.tsv [--predictions OUT.tsv]``.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from framing.measures.opinion import OPINION, classify_sentences

SUBJ = "SUBJ"
OBJ = "OBJ"
#: Gold label spellings read as SUBJ; everything else is OBJ.
_SUBJ_LABELS = frozenset({"subj", "opinion", "subjective", "1"})


def read_gold(path: str | Path) -> tuple[list[str], list[str]]:
    """Sentences and gold labels (``SUBJ``/``OBJ``) of a TSV with ``sentence``/``label``.

    The file is read with ``quoting=csv.QUOTE_NONE`` (sentences contain ``"``); extra
    columns (ids, an unnamed index column) are ignored.
    """
    sentences: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not reader.fieldnames or not {"sentence", "label"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: needs the columns 'sentence' and 'label'")
        for row in reader:
            label = (row["label"] or "").strip()
            if not label:
                continue
            sentences.append(row["sentence"])
            labels.append(SUBJ if label.lower() in _SUBJ_LABELS else OBJ)
    return sentences, labels


def _class_scores(gold: list[str], pred: list[str], cls: str) -> dict[str, float]:
    tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
    fp = sum(g != cls and p == cls for g, p in zip(gold, pred))
    fn = sum(g == cls and p != cls for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def scores(gold: list[str], pred: list[str]) -> dict:
    """Macro-F1 (mean of the SUBJ and OBJ F1), accuracy, per-class figures, n."""
    per_class = {cls: _class_scores(gold, pred, cls) for cls in (SUBJ, OBJ)}
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(per_class),
        **per_class,
    }


def evaluate_subjectivity(path: str | Path, *, predictions: Path | None = None) -> dict:
    """Score :func:`classify_sentences` against the gold labels in ``path``.

    Returns ``{"n", "accuracy", "macro_f1", "SUBJ": {...}, "OBJ": {...}}`` where each class
    has ``precision``, ``recall``, ``f1`` and ``support``; all figures in [0, 1], higher is
    better. Also ``model`` (the sentence model in use) and the calibration figures behind
    the article-level expected opinion share: ``mean_probability`` (mean P(opinion)) next to
    ``observed_subj_share`` (the gold share of SUBJ), and ``brier`` (mean squared error of
    P, lower is better). When ``predictions`` is given, writes one TSV row per sentence there
    (sentence, gold, predicted, P(opinion)).
    """
    from framing.measures.opinion_model import model_name

    sentences, gold = read_gold(path)
    labelled = classify_sentences(sentences)
    pred = [SUBJ if label == OPINION else OBJ for label, _ in labelled]
    probs = [p for _, p in labelled]
    truth = [1.0 if g == SUBJ else 0.0 for g in gold]
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE,
                                escapechar="\\", lineterminator="\n")
            writer.writerow(["sentence", "gold", "predicted", "p_opinion"])
            for sentence, g, p, (_, probability) in zip(sentences, gold, pred, labelled):
                writer.writerow([sentence, g, p, repr(probability)])
    n = len(gold)
    return {
        **scores(gold, pred),
        "model": model_name(),
        "mean_probability": sum(probs) / n if n else 0.0,
        "observed_subj_share": sum(truth) / n if n else 0.0,
        "brier": sum((p - t) ** 2 for p, t in zip(probs, truth)) / n if n else 0.0,
    }


def format_scores(result: dict) -> str:
    """The figures as printed by the command line (the only place they are rounded)."""
    lines = [f"n={result['n']}  macro-F1={result['macro_f1']:.3f}  "
             f"accuracy={result['accuracy']:.3f}"
             + (f"  model={result['model']}" if "model" in result else "")]
    for cls in (SUBJ, OBJ):
        c = result[cls]
        lines.append(f"  {cls:4s} precision={c['precision']:.3f} recall={c['recall']:.3f} "
                     f"F1={c['f1']:.3f} support={c['support']}")
    if "brier" in result:
        lines.append(f"  mean P(opinion)={result['mean_probability']:.3f} observed SUBJ share="
                     f"{result['observed_subj_share']:.3f} Brier={result['brier']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="TSV with columns sentence and label")
    parser.add_argument("--predictions", type=Path, default=None,
                        help="write per-sentence predictions to this TSV")
    args = parser.parse_args(argv)
    print(format_scores(evaluate_subjectivity(args.path, predictions=args.predictions)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
