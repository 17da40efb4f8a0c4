"""Archive reader: formats, columns, bad rows, streaming in flat memory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from framing.io.archive import (
    ArchiveRow,
    Columns,
    archive_files,
    iter_chunks,
    looks_like_archive,
    normalise_date,
    row_articles,
)
from framing.io.reader import ReadError

TEXT = ("Die Regierung in Berlin hat am Montag neue Hilfen beschlossen. Kritiker sprachen von "
        "einem katastrophalen Fehler. Der Kanzler sagte, man werde die Lage genau beobachten.")
OTHER = ("Russland und die Ukraine verhandeln in Genf. Der Außenminister erklärte, die Gespräche "
         "seien schwierig, aber notwendig. Beobachter rechnen mit keiner raschen Einigung.")


def _rows(chunks):
    chunks = list(chunks)
    return [r for c in chunks for r in c.rows], [e for c in chunks for e in c.errors]


def test_csv_tsv_jsonl_parquet_give_the_same_rows(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": "x1", "outlet": "Blatt A", "date": "2025-08-26T10:00:00Z", "title": "Hilfen",
                "url": "https://example.org/1", "text": TEXT},
               {"id": "x2", "outlet": "Blatt B", "date": "26.08.2025", "title": "Genf",
                "url": "", "text": OTHER}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                      encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "a.parquet")
    import csv

    for name, delimiter in (("a.csv", ","), ("a.tsv", "\t")):
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(records[0]), delimiter=delimiter)
            writer.writeheader()
            writer.writerows(records)
    for name in ("a.jsonl", "a.parquet", "a.csv", "a.tsv"):
        rows, errors = _rows(iter_chunks([tmp_path / name]))
        assert not errors
        assert [r.row_id for r in rows] == ["x1", "x2"]
        assert [r.source for r in rows] == ["Blatt A", "Blatt B"]  # source falls back to outlet
        assert rows[0].url == "https://example.org/1"
        article = row_articles(rows[0])[0]
        assert (article.article_id, article.source, article.title, article.date) == ("x1", "Blatt A", "Hilfen",
                                                                                     "2025-08-26")
        assert row_articles(rows[1])[0].date == "2025-08-26"


def test_columns_by_option_and_defaults(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"body": TEXT, "medium": "Zeitung C", "published": "2025-07-01"}) + "\n"
                    + json.dumps({"body": OTHER}) + "\n", encoding="utf-8")
    cols = Columns(text="body", source="medium", date="published")
    rows, _ = _rows(iter_chunks([path], columns=cols))
    assert rows[0].source == "Zeitung C" and rows[0].date == "2025-07-01"
    assert rows[1].source == "b"  # no source column: the file name
    assert rows[1].row_id == "row2"  # no id column: the row number


def test_chunks_have_stable_keys_and_sizes(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": TEXT}) + "\n" for i in range(7)), encoding="utf-8")
    chunks = list(iter_chunks([path], chunk_rows=3))
    assert [len(c.rows) for c in chunks] == [3, 3, 1]
    assert [c.key for c in chunks] == [c.key for c in iter_chunks([path], chunk_rows=3)]
    assert len({c.key for c in chunks}) == 3


def test_bad_rows_are_errors_with_their_id(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('id,source,text\n1,A,"' + TEXT + '"\n2,A\n3,A,"' + OTHER + '"\n', encoding="utf-8")
    rows, errors = _rows(iter_chunks([path]))
    assert [r.row_id for r in rows] == ["1", "3"]
    assert [(e.row_id, "fields" in e.message) for e in errors] == [("2", True)]
    broken = tmp_path / "e.jsonl"
    broken.write_text(json.dumps({"id": "ok", "text": TEXT}) + "\n{not json\n[1, 2]\n", encoding="utf-8")
    rows, errors = _rows(iter_chunks([broken]))
    assert [r.row_id for r in rows] == ["ok"]
    assert [e.row_id for e in errors] == ["row2", "row3"]


@pytest.mark.parametrize("text, kind", [(None, "empty"), ("   ", "empty"), ("1234 5678 !!!", "empty"),
                                        ("The government said on Monday that it would not change "
                                         "its policy on taxes this year, officials confirmed. Critics "
                                         "called the decision a serious mistake for the whole country "
                                         "and its economy.", "language")])
def test_unreadable_row_text_raises_read_error(text, kind):
    row = ArchiveRow(row_id="r", text=text, source="A", date=None, title="", url="")
    with pytest.raises(ReadError) as info:
        row_articles(row)
    assert info.value.kind == kind


def test_row_text_is_cleaned_like_an_upload():
    row = ArchiveRow(row_id="r", text=TEXT.replace("Regierung", "Regie\u200brung"), source="A",
                     date="gestern", title="", url="")
    article = row_articles(row)[0]
    assert "\u200b" not in article.text
    assert any("zero-width" in w for w in article.warnings)
    assert any("not a date" in w for w in article.warnings)
    assert article.title  # from the text when the row has none


@pytest.mark.parametrize("value, expected", [
    ("2025-08-26", "2025-08-26"), ("2025-08-26T23:59:00+02:00", "2025-08-26"), ("2025-08", "2025-08"),
    ("26.8.2025", "2025-08-26"), ("2025-13-01", None), ("gestern", None), (None, None)])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_folders_globs_and_detection(tmp_path):
    (tmp_path / "x").mkdir()
    for name in ("x/1.jsonl", "x/2.csv", "x/notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in archive_files([tmp_path / "x"])] == ["1.jsonl", "2.csv"]
    assert [p.name for p in archive_files([str(tmp_path / "x" / "*.jsonl")])] == ["1.jsonl"]
    assert looks_like_archive([tmp_path / "x" / "1.jsonl"])
    assert not looks_like_archive([tmp_path / "x" / "notes.txt"])


def test_a_large_archive_streams_in_flat_memory(tmp_path):
    """An archive larger than the address space allowed to the process is read chunk by chunk."""
    row = json.dumps({"id": "0", "source": "A", "text": (TEXT + " ") * 12}, ensure_ascii=False)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(60_000):
            handle.write(row.replace('"id": "0"', f'"id": "{i}"', 1) + "\n")
    size_mb = path.stat().st_size / 2**20
    script = textwrap.dedent(f"""
        import json, resource, sys
        from framing.io.archive import iter_chunks

        def status(field):
            for line in open("/proc/self/status"):
                if line.startswith(field):
                    return int(line.split()[1]) / 1024

        budget = status("VmSize:") + 80  # MB of address space on top of what is mapped now
        resource.setrlimit(resource.RLIMIT_AS, (int(budget * 2**20), int(budget * 2**20)))
        rss, rows = [], 0
        for chunk in iter_chunks([{str(path)!r}], chunk_rows=500):
            rows += len(chunk.rows)
            rss.append(status("VmRSS:"))
        print(json.dumps({{"rows": rows, "rss": rss}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert size_mb > 100  # more than the 80 MB the reader may map
    assert result["rows"] == 60_000
    rss = result["rss"]
    assert len(rss) == 120
    assert max(rss[10:]) - rss[10] < 8  # flat across chunks (MB)
