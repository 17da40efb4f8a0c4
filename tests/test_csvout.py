import csv
import io
import math

import pytest

from framing.io.csvout import safe_cell


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+49 30", "'+49 30"),
    ("-Politik", "'-Politik"),
    ("@Trump", "'@Trump"),
    ("Die Zeit", "Die Zeit"),
    (0.123456, "0.1235"),
    (-0.5, "-0.5000"),
    (math.nan, ""),
    (12, "12"),
    (None, ""),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_seed_csv_has_every_source_and_column(seed_scores):
    from framing.io.csvout import ACTOR_COLUMNS, SCORE_COLUMNS, actors_csv, scores_csv

    articles, sources = seed_scores
    rows = list(csv.DictReader(io.StringIO(scores_csv(articles, sources))))
    assert set(SCORE_COLUMNS) <= set(rows[0])
    assert len([r for r in rows if r["level"] == "source"]) == 5
    assert len([r for r in rows if r["level"] == "article"]) == 14
    actor_rows = list(csv.DictReader(io.StringIO(actors_csv(articles, sources))))
    assert set(ACTOR_COLUMNS) == set(actor_rows[0])
    for row in rows:
        assert 0.0 <= float(row["opinion_ratio"]) <= 1.0


def test_scores_header_names_every_column_once():
    from framing.io.csvout import SCORE_COLUMNS, _category_columns, categories_of

    header = list(SCORE_COLUMNS) + _category_columns(categories_of())
    assert len(header) == len(set(header))
