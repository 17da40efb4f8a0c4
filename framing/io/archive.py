"""Read article archives: CSV/TSV, JSON lines and Parquet files with one article per row.

An archive is streamed in chunks of ``chunk_rows`` rows (:func:`iter_chunks`); at no point
is a whole file held in memory. The parent process only splits rows into plain
:class:`ArchiveRow` values (strings); turning a row into an :class:`framing.model.Article`
(:func:`row_articles`) runs the same text cleaning and validation as every uploaded file
(:func:`framing.io.reader.read_bytes`) and happens where the row is scored.

Columns are named by :class:`Columns` (defaults: ``text``, ``source`` or ``outlet``,
``date``, ``title``, ``url``, ``id``). A row that cannot be read becomes a
:class:`RowError` with its row id and a one-line message; the other rows of the chunk go on.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from framing.io.reader import ReadError, read_bytes

#: Suffixes read as archives (one article per row).
ARCHIVE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq")
#: Rows per chunk: the unit of work, of output files and of resuming.
DEFAULT_CHUNK_ROWS = 500
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
_GERMAN = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True)
class Columns:
    """Which column holds what. ``source`` falls back to ``outlet`` when absent."""

    text: str = "text"
    source: str = "source"
    date: str = "date"
    title: str = "title"
    url: str = "url"
    id: str = "id"
    fallback_source: str = "outlet"


@dataclass(frozen=True)
class ArchiveRow:
    """One row of an archive, as plain strings (``None`` where the column is missing)."""

    row_id: str
    text: str | None
    source: str
    date: str | None
    title: str
    url: str


@dataclass(frozen=True)
class RowError:
    """A row that was skipped, with its id and why."""

    row_id: str
    message: str


@dataclass(frozen=True)
class Chunk:
    """A slice of one archive file: ``key`` names it uniquely and stably across runs."""

    key: str
    path: str
    index: int
    rows: tuple[ArchiveRow, ...]
    errors: tuple[RowError, ...] = field(default_factory=tuple)


def is_archive_path(path: str | Path) -> bool:
    return Path(str(path)).suffix.lower() in ARCHIVE_SUFFIXES


def archive_files(paths: list[str | Path]) -> list[Path]:
    """Expand files, folders (archive files inside, sorted) and glob patterns."""
    found: list[Path] = []
    for raw in paths:
        text = str(raw)
        if any(ch in text for ch in "*?["):
            found.extend(Path(p) for p in sorted(glob.glob(text, recursive=True)) if is_archive_path(p))
            continue
        path = Path(text)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and is_archive_path(p)))
        else:
            found.append(path)
    return found


def looks_like_archive(paths: list[str | Path]) -> bool:
    """True when the inputs are archives (every file an archive file, folders holding some)."""
    if not paths:
        return False
    for raw in paths:
        text = str(raw)
        if any(ch in text for ch in "*?["):
            continue
        path = Path(text)
        if path.is_dir():
            if (path / "manifest.toml").is_file() or not any(
                    p.is_file() and is_archive_path(p) for p in path.rglob("*")):
                return False
        elif not is_archive_path(path):
            return False
    return True


def file_key(path: Path) -> str:
    """Short stable key of one input file (path, size, modification time)."""
    try:
        stat = path.stat()
        ident = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        ident = f"{path}|missing"
    return hashlib.sha1(ident.encode("utf-8")).hexdigest()[:12]


def normalise_date(value: object) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known), else None.

    Accepts ISO strings (with a time part), German ``TT.MM.JJJJ`` and date/datetime values.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
        try:
            return date(int(year), int(month), int(day or 1)).isoformat()[: 10 if day else 7]
        except ValueError:
            return None
    match = _GERMAN.match(text)
    if match:
        day, month, year = match.groups()
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return None
    return None


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _row(record: dict, number: int, cols: Columns, default_source: str) -> ArchiveRow:
    row_id = _cell(record.get(cols.id)) or f"row{number}"
    source = _cell(record.get(cols.source)) or _cell(record.get(cols.fallback_source)) or default_source
    return ArchiveRow(
        row_id=row_id.strip() or f"row{number}",
        text=_cell(record.get(cols.text)),
        source=source.strip() or default_source,
        date=_cell(record.get(cols.date)),
        title=(_cell(record.get(cols.title)) or "").strip(),
        url=(_cell(record.get(cols.url)) or "").strip(),
    )


def _raise_csv_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def _csv_records(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(row number, record or None, error) for each data row; number 1 = first data row."""
    _raise_csv_limit()
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("rb") as raw:
        head = raw.read(4096)
    if not head.strip():
        return
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            return
        number = 0
        while True:
            number += 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield number, None, f"the row cannot be parsed as CSV ({exc})"
                continue
            if not values:
                number -= 1
                continue
            if len(values) != len(header):
                yield number, dict(zip(header, values)), (
                    f"the row has {len(values)} fields, the header {len(header)}")
                continue
            yield number, dict(zip(header, values)), None


def _json_records(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    with path.open("rb") as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield number, None, f"the line is not valid JSON ({exc.__class__.__name__})"
                continue
            if not isinstance(record, dict):
                yield number, None, "the line is not a JSON object"
                continue
            yield number, record, None


def _parquet_batches(path: Path, cols: Columns, batch_rows: int) -> Iterator[list[dict]]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(path)
    wanted = [c for c in (cols.text, cols.source, cols.fallback_source, cols.date, cols.title,
                          cols.url, cols.id) if c in handle.schema_arrow.names]
    for batch in handle.iter_batches(batch_size=batch_rows, columns=list(dict.fromkeys(wanted))):
        yield batch.to_pylist()


def _parquet_records(path: Path, cols: Columns, batch_rows: int) -> Iterator[tuple[int, dict | None, str | None]]:
    number = 0
    for records in _parquet_batches(path, cols, batch_rows):
        for record in records:
            number += 1
            yield number, record, None


def count_rows(path: Path) -> int | None:
    """Rows of a Parquet file from its footer; None for text formats (unknown until read)."""
    if path.suffix.lower() not in (".parquet", ".pq"):
        return None
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def iter_chunks(paths: list[str | Path], *, columns: Columns | None = None,
                chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[Chunk]:
    """Stream the rows of archive files as :class:`Chunk` objects of ``chunk_rows`` rows.

    Unparseable rows (broken CSV quoting, invalid JSON, a wrong number of fields) come as
    :class:`RowError` in the chunk they fall into. Raises :class:`ReadError` for a file
    that cannot be opened or has an unknown format.
    """
    cols = columns or Columns()
    for path in archive_files(list(paths)):
        suffix = path.suffix.lower()
        if suffix not in ARCHIVE_SUFFIXES:
            raise ReadError(f"{path}: '{suffix}' is not an archive format; use "
                            + ", ".join(ARCHIVE_SUFFIXES), "format")
        if not path.is_file():
            raise ReadError(f"{path}: no such file", "io")
        default_source = path.stem
        if suffix in (".csv", ".tsv"):
            records = _csv_records(path)
        elif suffix in (".jsonl", ".ndjson"):
            records = _json_records(path)
        else:
            try:
                records = _parquet_records(path, cols, chunk_rows)
            except Exception as exc:  # pyarrow raises several kinds on broken files
                raise ReadError(f"{path}: the Parquet file cannot be read ({type(exc).__name__})",
                                "format") from exc
        key = file_key(path)
        rows: list[ArchiveRow] = []
        errors: list[RowError] = []
        index = 0
        try:
            for number, record, error in records:
                if error is not None or record is None:
                    rid = _cell(record.get(cols.id)) if record else None
                    errors.append(RowError(rid or f"row{number}", error or "unreadable row"))
                else:
                    rows.append(_row(record, number, cols, default_source))
                if len(rows) + len(errors) >= chunk_rows:
                    yield Chunk(f"{key}-{index:06d}", str(path), index, tuple(rows), tuple(errors))
                    rows, errors, index = [], [], index + 1
        except OSError as exc:
            raise ReadError(f"{path}: cannot read the file ({exc.strerror or exc})", "io") from exc
        if rows or errors:
            yield Chunk(f"{key}-{index:06d}", str(path), index, tuple(rows), tuple(errors))


def row_articles(row: ArchiveRow, *, any_language: bool = False):
    """The article(s) of one row, cleaned and checked like an upload.

    The row text goes through :func:`framing.io.reader.read_bytes` (Unicode clean-up,
    furniture, language check, size limit). Title, date and source come from the row's
    columns where given; ``article_id`` is the row id (a row the reader splits into several
    articles at headline lines gets ``ID#01``, ``ID#02`` …). Raises :class:`ReadError`.
    """
    if row.text is None or not row.text.strip():
        raise ReadError("the text cell is empty", "empty")
    articles = read_bytes(row.text.encode("utf-8"), "row.txt", source=row.source,
                          any_language=any_language)
    day = normalise_date(row.date)
    out = []
    for article in articles:
        suffix = article.article_id[len("row"):] if len(articles) > 1 else ""
        warnings = article.warnings
        if row.date and day is None:
            warnings = warnings + (f"the date {row.date[:40]!r} is not a date",)
        out.append(replace(
            article, article_id=row.row_id + suffix,
            title=row.title if row.title and len(articles) == 1 else article.title,
            date=day or article.date, origin=row.url or article.origin, warnings=warnings,
        ))
    return out

