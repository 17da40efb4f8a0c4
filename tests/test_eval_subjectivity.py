"""Tests for framing.evaluate.subjectivity: metric arithmetic, file reading, gold data floor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.evaluate.subjectivity import OBJ, SUBJ, evaluate_subjectivity, read_gold, scores

DATA = Path(os.environ.get("FRAMING_DATA",
                           Path(__file__).resolve().parents[1].parent / "shared" / "data"))
CHECKTHAT = DATA / "checkthat-subjectivity-de"
#: Measured dev_test macro-F1 of the shipped default model: 0.745, of the encoder model
#: higher (see the model card; dev_test was not used for any choice).
DEV_TEST_FLOOR = 0.72


@pytest.mark.parametrize("gold, pred, macro_f1, accuracy", [
    ([SUBJ, OBJ, OBJ, SUBJ], [SUBJ, OBJ, OBJ, SUBJ], 1.0, 1.0),
    ([SUBJ, OBJ, OBJ, SUBJ], [OBJ, SUBJ, SUBJ, OBJ], 0.0, 0.0),
    # all OBJ: OBJ F1 = 2*0.5*1/(1.5) = 2/3, SUBJ F1 = 0
    ([SUBJ, OBJ, OBJ, SUBJ], [OBJ, OBJ, OBJ, OBJ], 1 / 3, 0.5),
    # SUBJ: P=1/2 R=1/1; OBJ: P=2/2 R=2/3
    ([SUBJ, OBJ, OBJ, OBJ], [SUBJ, SUBJ, OBJ, OBJ], (2 / 3 + 0.8) / 2, 0.75),
])
def test_scores_arithmetic(gold, pred, macro_f1, accuracy):
    result = scores(gold, pred)
    assert result["macro_f1"] == pytest.approx(macro_f1)
    assert result["accuracy"] == pytest.approx(accuracy)
    assert result["n"] == len(gold)
    assert result[SUBJ]["support"] == gold.count(SUBJ)


def _write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_reads_checkthat_layout_with_index_column_and_quotes(tmp_path):
    path = _write(tmp_path / "t.tsv", "\tsentence_id\tsentence\tlabel", [
        '0\ta1\tEr sagte: "Wir kommen morgen."\tOBJ',
        "1\tb2\tDas ist doch eine Farce!\tSUBJ",
    ])
    sentences, gold = read_gold(path)
    assert sentences == ['Er sagte: "Wir kommen morgen."', "Das ist doch eine Farce!"]
    assert gold == [OBJ, SUBJ]


def test_evaluates_any_tsv_with_sentence_and_label(tmp_path):
    path = _write(tmp_path / "t.tsv", "sentence\tlabel", [
        "Die Regierung hat am Montag in Berlin neue Sanktionen beschlossen.\treport",
        "Das ist doch eine völlig absurde Farce!\topinion",
        "Der Sprecher sagte, die Gespräche seien gescheitert.\treport",
    ])
    out = tmp_path / "pred.tsv"
    result = evaluate_subjectivity(path, predictions=out)
    assert result["n"] == 3
    assert result["macro_f1"] == 1.0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["sentence", "gold", "predicted", "p_opinion"]
    assert len(lines) == 4
    assert all(0.0 <= float(line.split("\t")[3]) <= 1.0 for line in lines[1:])


def test_refuses_a_file_without_the_columns(tmp_path):
    path = _write(tmp_path / "t.tsv", "text\tgold", ["Ein Satz.\tOBJ"])
    with pytest.raises(ValueError):
        evaluate_subjectivity(path)


@pytest.mark.skipif(not CHECKTHAT.is_dir(), reason="CheckThat! data folder not present")
def test_dev_test_macro_f1_stays_above_floor():
    result = evaluate_subjectivity(CHECKTHAT / "dev_test_de.tsv")
    assert result["n"] == 337
    assert result["macro_f1"] >= DEV_TEST_FLOOR
