"""Tests for framing.evaluate.targets (and the shipped target-sentiment model)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from framing.evaluate.targets import evaluate_targets, read_rows, scores
from framing.measures import target_model as targets

DATA = Path(os.environ.get("FRAMING_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
GERNTSA_TEST = DATA / "gerntsa" / "test.jsonl"
#: Measured GerNTSA test macro-F1 (see framing/models/targets_MODEL_CARD.md) minus a margin.
TEST_FLOOR = 0.40  # measured 0.4158 (2026-12-01, fifth run; see the model card for all test runs)

ROWS = [
    {"sentence": "Die Regierung hat mit der Reform einen großen Erfolg erzielt.", "target": "Regierung",
     "start": 4, "end": 13, "polarity": "positive"},
    {"sentence": "Der Konzern steht wegen Betrug und Korruption in der Kritik.", "target": "Konzern",
     "start": 4, "end": 11, "polarity": "negative"},
    {"sentence": "Die Sitzung beginnt um zehn Uhr im Rathaus.", "target": "Sitzung",
     "start": 4, "end": 11, "polarity": "neutral"},
]


@pytest.mark.parametrize(
    ("gold", "pred", "macro"),
    [
        (["positive", "neutral", "negative"], ["positive", "neutral", "negative"], 1.0),
        (["positive", "positive"], ["negative", "negative"], 0.0),
        (["positive", "neutral"], ["positive", "positive"], (2 / 3 + 0 + 0) / 3),
    ],
)
def test_scores(gold, pred, macro):
    assert scores(gold, pred)["macro_f1"] == pytest.approx(macro)


@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
def test_evaluate_small_file(tmp_path, fmt):
    path = tmp_path / f"gold.{fmt}"
    if fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    else:
        lines = ["sentence\ttarget\tstart\tend\tpolarity"]
        lines += [f"{r['sentence']}\t{r['target']}\t{r['start']}\t{r['end']}\t{r['polarity']}" for r in ROWS]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = list(read_rows(path))
    assert all(r["sentence"][r["start"]:r["end"]] == r["target"] for r in rows)
    out = tmp_path / "pred.tsv"
    result = evaluate_targets(path, predictions=out)
    assert result["n"] == 3
    assert 0.0 <= result["macro_f1"] <= 1.0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    predicted = {line.split("\t")[1]: line.split("\t")[3] for line in out.read_text().splitlines()[1:]}
    assert predicted["Konzern"] == "negative"
    assert predicted["Regierung"] == "positive"


@pytest.mark.parametrize(("value", "label"), [(-1.0, "negative"), (0.0, "neutral"), (1.0, "positive")])
def test_label_bands(value, label):
    assert targets.label_of(value) == label


def test_model_is_shipped_as_json():
    model = targets.load()
    assert model is not None
    assert model.classes == ("negative", "neutral", "positive")
    assert len(model.coef) == 3 and all(len(row) == len(model.index) for row in model.coef)


@pytest.mark.skipif(not GERNTSA_TEST.is_file(), reason="GerNTSA data folder absent")
def test_gerntsa_test_macro_f1_above_floor():
    result = evaluate_targets(GERNTSA_TEST)
    assert result["n"] > 900
    assert result["macro_f1"] >= TEST_FLOOR
