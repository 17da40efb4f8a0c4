"""The .xlsx download: the CSV tables, numbers as numbers, header row, frozen panes, no formulas."""

from __future__ import annotations

import io

import pytest

from framing.io.csvout import ACTOR_COLUMNS, SCORE_COLUMNS
from framing.io.xlsxout import tables_xlsx, workbook

openpyxl = pytest.importorskip("openpyxl")


def test_workbook_of_the_seeds(seed_scores):
    articles, sources = seed_scores
    book = openpyxl.load_workbook(io.BytesIO(tables_xlsx(articles, sources)))
    assert book.sheetnames == ["scores", "actors"]
    scores, actors = book["scores"], book["actors"]
    header = [c.value for c in scores[1]]
    assert header[: len(SCORE_COLUMNS)] == list(SCORE_COLUMNS)
    assert [c.value for c in actors[1]] == list(ACTOR_COLUMNS)
    assert scores.freeze_panes == "A2" and actors.freeze_panes == "A2"
    assert all(c.font.bold for c in scores[1])
    rows = list(scores.iter_rows(min_row=2, values_only=True))
    assert len([r for r in rows if r[0] == "source"]) == len(sources)
    words = header.index("words")
    flesch = header.index("flesch_amstad")
    assert all(isinstance(r[words], int) for r in rows)
    assert all(isinstance(r[flesch], float) for r in rows if r[flesch] is not None)


def test_text_cells_are_neutralised_and_nan_is_empty():
    data = workbook([("t", ["name", "value", "flag"], [
        {"name": "=HYPERLINK(\"http://x\")", "value": float("nan"), "flag": True},
        {"name": "Tagesbote", "value": 0.25, "flag": False},
    ])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["t"]
    first, second = list(sheet.iter_rows(min_row=2, values_only=True))
    assert first[0].startswith("'=") and first[1] is None and first[2] == 1
    assert second == ("Tagesbote", 0.25, 0)
    assert sheet["A2"].data_type == "s"  # stored as text, never as a formula
