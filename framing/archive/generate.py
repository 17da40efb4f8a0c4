"""Build test and benchmark archives from the seed paragraphs.

:func:`build_archive` writes ``n`` articles (one per row) made of seed paragraphs shuffled
with a fixed random seed, spread over a few invented outlet names and months, as CSV,
TSV, JSON lines or Parquet (chosen by the file suffix), streaming as it writes.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: Invented outlet labels for generated archives (not real outlets).
SOURCES = ("Quelle Nord", "Quelle Süd", "Quelle Ost", "Quelle West")
COLUMNS = ("id", "source", "date", "title", "url", "text")


def seed_paragraphs() -> list[str]:
    """Paragraphs (8 words or more) of the seed articles, furniture removed."""
    from framing.io.reader import iter_inputs, read_path

    paras = []
    for path, info in iter_inputs([SEEDS]):
        for article in read_path(path, info=info):
            text = article.text
            for e in sorted(article.excluded, key=lambda e: -e.start):
                text = text[:e.start] + text[e.end:]
            paras.extend(p.strip() for p in text.split("\n") if len(p.split()) >= 8)
    return paras


def iter_rows(n: int, *, seed: int = 11, paragraphs: tuple[int, int] = (1, 3),
              start: date = date(2025, 6, 2), days: int = 120) -> Iterator[dict[str, str]]:
    """``n`` article rows: id, source, date, title, url, text."""
    rng = random.Random(seed)
    paras = seed_paragraphs()
    for i in range(n):
        body = rng.sample(paras, rng.randint(*paragraphs))
        day = start + timedelta(days=rng.randrange(days))
        source = SOURCES[i % len(SOURCES)]
        title = " ".join(body[0].split()[:8])
        yield {"id": f"a{i:07d}", "source": source, "date": day.isoformat(), "title": title,
               "url": f"https://example.org/{i}", "text": "\n\n".join(body)}


def build_archive(path: str | Path, n: int, **options) -> Path:
    """Write ``n`` generated rows to ``path`` (format from the suffix); return the path."""
    path = Path(path)
    rows = iter_rows(n, **options)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS, delimiter="\t" if suffix == ".tsv" else ",")
            writer.writeheader()
            writer.writerows(rows)
    elif suffix in (".jsonl", ".ndjson"):
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif suffix in (".parquet", ".pq"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(c, pa.string()) for c in COLUMNS])
        with pq.ParquetWriter(path, schema) as writer:
            batch: list[dict] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 1000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    else:
        raise ValueError(f"unknown archive suffix {suffix!r}")
    return path
