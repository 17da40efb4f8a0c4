"""The CSV tables as one ``.xlsx`` workbook: one sheet per table, for spreadsheet users.

The CSVs (:mod:`framing.io.csvout`) stay as they are for scripts; the workbook holds the
same rows and columns with numbers stored as numbers (no locale decides the decimal
mark), a bold header row, frozen panes under it and an auto-filter. Every text cell goes
through :func:`framing.io.csvout.safe_cell`, the one place that neutralises text a
spreadsheet would run as a formula; NaN becomes an empty cell, booleans 1/0.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from framing.io.csvout import (
    ACTOR_COLUMNS,
    SCORE_COLUMNS,
    _category_columns,
    actor_rows,
    categories_of,
    safe_cell,
    score_rows,
)
from framing.score import ArticleScores, SourceScores

#: Widest column, in characters.
_MAX_WIDTH = 60


def _cell(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    return safe_cell(str(value))


def workbook(tables: Sequence[tuple[str, Sequence[str], Sequence[dict[str, object]]]]) -> bytes:
    """An ``.xlsx`` file with one sheet per ``(name, columns, rows)``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, columns, rows in tables:
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(c) for c in columns]
        for row in rows:
            values = [_cell(row.get(c)) for c in columns]
            sheet.append(values)
            for k, v in enumerate(values):
                if isinstance(v, str):
                    widths[k] = max(widths[k], min(_MAX_WIDTH, len(v)))
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = sheet.dimensions
        for k, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=k).column_letter].width = max(8, width + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def tables_xlsx(articles: Sequence[ArticleScores | dict], sources: Sequence[SourceScores]) -> bytes:
    """The scores and actor tables (what ``scores_csv`` and ``actors_csv`` write) as a workbook."""
    cats = categories_of()
    return workbook([
        ("scores", list(SCORE_COLUMNS) + _category_columns(cats), score_rows(articles, sources, cats)),
        ("actors", list(ACTOR_COLUMNS), actor_rows(articles, sources)),
    ])
