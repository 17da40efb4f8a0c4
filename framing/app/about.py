""""About the measures": the validity table of the README, read from the README itself.

The README's section "How good are the scores?" holds the one table of figures against
gold data and the line ``Figures as of YYYY-MM-DD``; the dashboard shows both as they
stand there, so the numbers are written down in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SECTION = "## How good are the scores?"
_DATE = re.compile(r"[Ff]igures as of (\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class ValidityTable:
    """The README's validity table: rows (column -> cell text) and the date of the figures."""

    rows: list[dict[str, str]]
    date: str | None


def _cells(line: str) -> list[str]:
    return [c.strip().replace("**", "") for c in line.strip().strip("|").split("|")]


def validity_table(readme: str | Path) -> ValidityTable | None:
    """The first table of the README's validity section; None when the README or table is missing.

    Empty first cells repeat the measure of the row above (the README leaves them blank).
    """
    try:
        text = Path(readme).read_text(encoding="utf-8")
    except OSError:
        return None
    start = text.find(SECTION)
    if start < 0:
        return None
    body = text[start + len(SECTION):]
    end = body.find("\n## ")
    body = body if end < 0 else body[:end]
    lines = [ln for ln in body.splitlines() if ln.strip().startswith("|")]
    if len(lines) < 3:
        return None
    header = _cells(lines[0])
    rows, last = [], ""
    for line in lines[2:]:
        cells = _cells(line) + [""] * len(header)
        row = dict(zip(header, cells))
        first = header[0]
        row[first] = row[first] or last
        last = row[first]
        rows.append(row)
    found = _DATE.search(body)
    return ValidityTable(rows, found.group(1) if found else None)
