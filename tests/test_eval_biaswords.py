import json
import os
from pathlib import Path

import pytest

from framing.evaluate.biaswords import evaluate_bias_words

DATA = Path(os.environ.get("FRAMING_DATA",
                           Path(__file__).resolve().parents[1].parent / "shared" / "data"))
DEV = DATA / "spinde2020-bias-words" / "dev.jsonl"

#: A bit under the measured dev micro-F1 (0.454, lexicon 2.0), so that lexicon regressions show.
DEV_F1_FLOOR = 0.42


def _write(tmp_path, rows):
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_matching_on_a_small_file(tmp_path):
    rows = [
        {"file": "a", "topic_group": "X", "outlet": "O", "text":
            "Die Regierung tönte von einem Erfolg. Das ist völlig absurd. Der Bericht kam heute.",
         "bias_words": ["tönte", "absurd", "Bericht", "völlig absurd"]},
        {"file": "b", "topic_group": "X", "outlet": "O", "text":
            "Er führte die Wähler an der Nase herum.",
         "bias_words": ["an der Nase herum"]},
    ]
    out = tmp_path / "pred.tsv"
    r = evaluate_bias_words(_write(tmp_path, rows), predictions=out)
    # gold: tönte, absurd, bericht, völligabsurd (found via "völlig"/"absurd") + the idiom
    assert r["gold"] == 5 and r["found"] == 4
    # predictions: tönte, völlig, absurd, the idiom span; all agree with gold
    assert r["predicted"] == 4 and r["correct"] == 4
    assert r["precision"] == pytest.approx(1.0)
    assert r["recall"] == pytest.approx(0.8)
    assert r["f1"] == pytest.approx(2 * 0.8 / 1.8)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:3] == ["file", "outlet", "kind"]
    assert len(lines) == 1 + 5 + 4


@pytest.mark.skipif(not DEV.exists(), reason="gold data folder (../shared/data) not present")
def test_dev_f1_floor():
    r = evaluate_bias_words(DEV)
    assert r["articles"] == 12
    assert r["f1"] >= DEV_F1_FLOOR
    assert 0 <= r["macro_f1"] <= 1
