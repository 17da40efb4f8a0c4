"""One cached loader for the package's data files (lexicons, registries, models).

Data files are TSV with a few ``# key: value`` header lines (``source``, ``licence``,
``version``) followed by a header row with the column names. Nothing is read at import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Table:
    """A parsed data file: its ``# key: value`` metadata and its rows as dicts."""

    name: str
    meta: dict[str, str]
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def read_text(relpath: str) -> str:
    """Return the text of a package data file, e.g. ``"lexicons/actors.tsv"``."""
    ref = resources.files("framing").joinpath(relpath)
    return ref.read_text(encoding="utf-8")


def list_data(reldir: str, suffix: str = ".tsv") -> list[str]:
    """Names (relative paths) of the data files in a package folder, sorted."""
    folder = resources.files("framing").joinpath(reldir)
    return sorted(
        f"{reldir}/{entry.name}"
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(suffix)
    )


def parse_table(text: str, name: str = "<string>") -> Table:
    """Parse the TSV format described in the module docstring."""
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        if not body and line.startswith("#"):
            key, _, value = line.lstrip("#").partition(":")
            if value:
                meta[key.strip().lower()] = value.strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        body.append(line)
    if not body:
        return Table(name, meta, (), ())
    reader = csv.reader(io.StringIO("\n".join(body)), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = tuple(h.strip() for h in next(reader))
    rows = []
    for cells in reader:
        cells = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return Table(name, meta, header, tuple(rows))


@cache
def load_table(relpath: str) -> Table:
    """Load and cache one package TSV file."""
    return parse_table(read_text(relpath), name=relpath)
