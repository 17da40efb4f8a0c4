"""Tests for framing.evaluate.speakers (SpkAtt-2023 cue-source pairs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from framing.evaluate.speakers import evaluate_speakers

DATA = Path(os.environ.get("FRAMING_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
SPKATT_DEV = DATA / "spkatt-gepade" / "dev"
#: Measured dev F1 (README, validity table) minus a margin.
DEV_FLOOR = 0.65  # measured 0.6771 on 2026-12-01


def test_pairs_are_matched_by_cue_token_and_source_overlap(tmp_path):
    speech = {
        "Sentences": [
            {"SentenceId": 0,
             "Tokens": ["Der", "Kollege", "Müller", "hat", "gesagt", ",", "dass", "es", "reicht", "."]},
            {"SentenceId": 1, "Tokens": ["Das", "Wetter", "ist", "schön", "."]},
        ],
        "Annotations": [
            {"Cue": ["0:4"], "Source": ["0:1", "0:2"], "Message": ["0:6", "0:7", "0:8"]},
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(speech), encoding="utf-8")
    m = evaluate_speakers(tmp_path, predictions=tmp_path / "p.tsv")
    assert m["gold_pairs"] == 1
    assert m["matched_gold"] == 1 and m["f1"] == 1.0
    assert "gesagt" in (tmp_path / "p.tsv").read_text(encoding="utf-8")


@pytest.mark.skipif(not SPKATT_DEV.is_dir(), reason="SpkAtt data not available")
def test_dev_f1_floor():
    m = evaluate_speakers(SPKATT_DEV)
    assert m["f1"] >= DEV_FLOOR
