"""Evaluate target-level sentiment against gold labels (e.g. GerNTSA).

Each gold row gives a text, a target span and a label (positive / neutral / negative).
The prediction for a row is the label of :func:`framing.measures.actors.target_polarity` for that
span (the same code path as every mention in :func:`framing.measures.actors.score_actors`), mapped
to a label by the polarity bands in ``lexicons/sentiment/target_labels.tsv``.

Reported: macro-F1 over the three labels (0..1, higher is better; the mean of the
per-label F1), the per-label F1, accuracy and ``n``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from framing.language.analysis import analyze_text
from framing.measures.target_model import CLASSES, label_of

LABELS = CLASSES


def read_rows(path: str | Path) -> Iterator[dict]:
    """Gold rows ``{sentence, target, start, end, polarity}`` from JSON lines or TSV."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        if path.suffix in (".jsonl", ".json"):
            for line in handle:
                if line.strip():
                    yield json.loads(line)
        else:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield {**row, "start": int(row["start"]), "end": int(row["end"])}


def predict(sentence: str, start: int, end: int) -> tuple[str, float]:
    """Label and polarity of the target at ``sentence[start:end]``."""
    from framing.measures.actors import target_polarity

    value, _cues = target_polarity(analyze_text(sentence), start, end)
    return label_of(value), value


def scores(gold: Iterable[str], pred: Iterable[str]) -> dict:
    """Macro-F1, per-label F1, accuracy and n of two label sequences."""
    gold, pred = list(gold), list(pred)
    per = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        per[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    n = len(gold)
    return {
        "macro_f1": sum(per.values()) / len(per),
        "f1": per,
        "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0,
        "n": n,
    }


def evaluate_targets(path: str | Path, *, predictions: Path | None = None) -> dict:
    """Score the library on a gold file; write per-row predictions to ``predictions``
    (TSV: id, target, gold, predicted, polarity) when given."""
    gold, pred, out = [], [], []
    for row in read_rows(path):
        label, value = predict(row["sentence"], int(row["start"]), int(row["end"]))
        gold.append(row["polarity"])
        pred.append(label)
        out.append((row.get("id", ""), row["target"], row["polarity"], label, value))
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["id", "target", "gold", "predicted", "polarity"])
            writer.writerows(out)
    return scores(gold, pred)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Evaluate target sentiment on a gold file.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--predictions", type=Path, default=None)
    args = parser.parse_args(argv)
    print(json.dumps(evaluate_targets(args.path, predictions=args.predictions), indent=2))


if __name__ == "__main__":
    main()
