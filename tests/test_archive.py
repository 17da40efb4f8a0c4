"""Archive runs: Dask on a 2-worker LocalCluster, the local engine, identical rows, resume
after a killed run, a corrupt row, the DuckDB report and the archive page of the dashboard.

The generated archive has ``N_ARTICLES`` articles of 1–2 seed paragraphs: scoring 2,000
twice (both engines) takes several minutes on a 2-core CI machine, so the comparisons use
240; one test scores 2,000 articles on the Dask cluster once and reports them (about a
minute), and the throughput figures live in the benchmark (``python -m framing.archive.bench``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.archive.engine import done_keys, run_archive
from framing.archive.generate import build_archive
from framing.archive.tables import TABLES

N_ARTICLES = 240
CHUNK = 40
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    return build_archive(folder / "news.parquet", N_ARTICLES, paragraphs=(1, 2))


@pytest.fixture(scope="module")
def local_out(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    summary = run_archive([archive], str(out), engine="local", jobs=1, chunk_rows=CHUNK, progress=False)
    assert (summary.rows, summary.articles, summary.errors) == (N_ARTICLES, N_ARTICLES, 0)
    return out


@pytest.fixture(scope="module")
def dask_out(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dask") / "out"
    from framing.cli import main

    code = main(["score", str(archive), "--engine", "dask", "--jobs", "2", "--out", str(out),
                 "--chunk-rows", str(CHUNK), "--quiet", "--quotes-out", str(out.parent / "quotes.csv"),
                 "--descriptors-out", str(out.parent / "descriptors.csv")])
    assert code == 0
    return out


def _table(out: Path, name: str):
    import pyarrow.dataset as ds

    table = ds.dataset(str(out / name), format="parquet").to_table()
    import pyarrow as pa

    keys = [(f.name, "ascending") for f in table.schema if not pa.types.is_nested(f.type)]
    return table.sort_by(keys)


def test_dask_on_two_workers_scores_every_row(dask_out):
    articles = _table(dask_out, "articles")
    assert articles.num_rows == N_ARTICLES
    assert sorted(articles.column("article_id").to_pylist()) == [f"a{i:07d}" for i in range(N_ARTICLES)]
    assert len(done_keys(str(dask_out))) == N_ARTICLES // CHUNK
    months = {p.name for p in (dask_out / "articles").iterdir()}
    assert months and all(m.startswith("month=2025-") for m in months)
    assert _table(dask_out, "actors").num_rows > N_ARTICLES  # several actors per article
    assert _table(dask_out, "loaded").num_rows > 0
    assert _table(dask_out, "quotes").num_rows > 0
    assert _table(dask_out, "descriptors").num_rows > 0


def _article_with_statements(archive, out: Path):
    """(row, scores) of the first article of the archive with a named speaker and a descriptor."""
    from framing.io.archive import iter_chunks, row_articles
    from framing.score import score_article

    named = {r["article_id"] for r in _table(out, "quotes").to_pylist() if r["speaker"] != "unnamed"}
    described = set(_table(out, "descriptors").column("article_id").to_pylist())
    row = next(r for r in next(iter_chunks([archive], chunk_rows=CHUNK)).rows
               if r.row_id in named & described)
    return row, score_article(row_articles(row)[0])


def test_quotes_table_has_the_speakers_of_the_quotes_csv(archive, local_out, dask_out):
    """The archive's quotes and descriptors are those of --quotes-out / --descriptors-out
    for the same article; the actor table's ``quoted`` counts the same speakers; and the
    CSVs an archive run writes from its Parquet tables hold the same lines."""
    from collections import Counter

    from framing.io.csvout import descriptor_rows, descriptors_csv, quote_rows, quotes_csv

    row, scores = _article_with_statements(archive, local_out)
    stored = [r for r in _table(local_out, "quotes").to_pylist() if r["article_id"] == row.row_id]
    fields = ("kind", "speaker", "speaker_kind", "text", "start", "end", "sentence")
    expected = quote_rows([scores])
    assert expected and all(r["kind"] in ("quote", "reported") for r in stored)  # no scare quotes
    assert sorted(tuple(r[f] for f in fields) for r in stored) == sorted(
        tuple(r[f] for f in fields) for r in expected)
    actors = {r["actor"]: r["quoted"] for r in _table(local_out, "actors").to_pylist()
              if r["article_id"] == row.row_id}
    said = Counter(r["speaker"] for r in stored if r["speaker"] in actors)
    assert said and all(actors[a] == said.get(a, 0) for a in actors)

    described = [r for r in _table(local_out, "descriptors").to_pylist() if r["article_id"] == row.row_id]
    totals = Counter()
    for r in described:
        totals[(r["actor"], r["descriptor"])] += r["count"]
    assert totals == Counter({(d["actor"], d["descriptor"]): d["count"]
                              for d in descriptor_rows([scores]) if d["level"] == "article"})

    def lines(path: Path) -> list[str]:
        return sorted(line for line in path.read_text(encoding="utf-8").splitlines()[1:]
                      if f",{row.row_id}," in line and line.startswith("article,"))

    written_q, written_d = dask_out.parent / "quotes.csv", dask_out.parent / "descriptors.csv"
    assert written_q.read_text(encoding="utf-8").splitlines()[0] == quotes_csv([]).strip()
    assert lines(written_q) == sorted(quotes_csv([scores]).splitlines()[1:])
    assert lines(written_d) == sorted(line for line in descriptors_csv([scores]).splitlines()[1:]
                                      if line.startswith("article,"))
    # the source rows of the descriptor CSV sum the article rows
    source_rows = [line for line in written_d.read_text(encoding="utf-8").splitlines() if line.startswith("source,")]
    assert sum(int(line.rsplit(",", 1)[1]) for line in source_rows) == sum(
        _table(dask_out, "descriptors").column("count").to_pylist())


def test_archive_refuses_actors_out_with_one_line(archive, tmp_path, capsys):
    from framing.cli import main

    assert main(["score", str(archive), "--out", str(tmp_path / "out"), "--actors-out", "a.csv"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "actors/" in err[0] and "framing report" in err[0]
    assert not (tmp_path / "out").exists()


def test_both_engines_give_identical_rows(local_out, dask_out):
    for name in TABLES:
        assert _table(local_out, name).equals(_table(dask_out, name)), name


def test_rows_match_the_per_article_function(archive, local_out):
    """The stored counts are those of framing.score.score_article on the row's text."""
    from framing.io.archive import iter_chunks, row_articles
    from framing.score import article_record, score_article

    row = next(iter_chunks([archive], chunk_rows=5)).rows[3]
    record = article_record(score_article(row_articles(row)[0]))
    stored = [r for r in _table(local_out, "articles").to_pylist() if r["article_id"] == row.row_id][0]
    for key in ("words", "author_words", "quoted_words", "loaded_author_hits", "opinion_words",
                "opinion_ratio", "flesch_amstad"):
        assert stored[key] == record[key]
    assert dict(stored["loaded_by_category"]) == record["loaded_by_category"]
    actors = [r for r in _table(local_out, "actors").to_pylist() if r["article_id"] == row.row_id]
    assert sorted(a["actor"] for a in actors) == sorted(a["actor"] for a in record["actors"])


def test_resume_after_a_killed_run(tmp_path):
    path = build_archive(tmp_path / "news.jsonl", 90, paragraphs=(1, 1), seed=5)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "framing", "score", str(path), "--out", str(out), "--chunk-rows", "10", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(done_keys(str(out))) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    first = {p.name: p.stat().st_mtime_ns for p in (out / "_done").glob("*.json")}
    assert 2 <= len(first) < 9, "the run should be killed mid-way"
    lines: list[str] = []
    summary = run_archive([path], str(out), chunk_rows=99, progress=False, report=lines.append)
    assert summary.chunks_resumed == len(first)
    assert summary.articles == 90 and summary.chunks == 9
    assert any("resuming" in line for line in lines)
    # chunks finished before the kill were not scored again
    assert {p.name: p.stat().st_mtime_ns for p in (out / "_done").glob("*.json") if p.name in first} == first
    ids = _table(out, "articles").column("article_id").to_pylist()
    assert sorted(ids) == [f"a{i:07d}" for i in range(90)]  # each article once
    assert not list(out.rglob(".tmp-*"))


def test_corrupt_rows_are_skipped_with_one_line_each(tmp_path, capsys):
    from framing.cli import main

    good = json.dumps({"id": "g1", "source": "Blatt", "date": "2025-08-01", "text": (
        "Die Regierung in Berlin hat am Montag neue Hilfen beschlossen. Kritiker sprachen von einem "
        "katastrophalen Fehler. Der Kanzler sagte, man werde die Lage genau beobachten.")}, ensure_ascii=False)
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good, '{"id": "b1", "text": "kaputt', json.dumps({"id": "b2", "text": ""}),
                               good.replace("g1", "g2")]) + "\n", encoding="utf-8")
    assert main(["score", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert "row2" in err[0] and "JSON" in err[0]  # unparseable line: its row number
    assert "row b2" in err[1] and "empty" in err[1]
    assert "Traceback" not in "\n".join(err)
    assert sorted(_table(tmp_path / "out", "articles").column("article_id").to_pylist()) == ["g1", "g2"]


def test_cli_refuses_csv_out_for_archives(archive, capsys):
    from framing.cli import main

    assert main(["score", str(archive), "--out", "x.csv"]) == 1
    assert "Parquet" in capsys.readouterr().err


def test_report_per_source_and_month(local_out, tmp_path, capsys):
    from framing.cli import main

    assert main(["report", str(local_out), "--out", str(tmp_path / "rep")]) == 0
    printed = capsys.readouterr().out
    assert "Quelle Nord" in printed and "2025-07" in printed
    import csv

    with (tmp_path / "rep" / "periods.csv").open(encoding="utf-8") as handle:
        periods = list(csv.DictReader(handle))
    assert sum(int(r["articles"]) for r in periods if r["period"] == "all") == N_ARTICLES
    assert sum(int(r["articles"]) for r in periods if r["period"] != "all") == N_ARTICLES
    with (tmp_path / "rep" / "actors.csv").open(encoding="utf-8") as handle:
        actors = list(csv.DictReader(handle))
    assert len({r["actor"] for r in actors}) == 5
    # relative tone: each period's relative tones of one actor sum to zero over sources
    by_key: dict[tuple[str, str], float] = {}
    for r in actors:
        if r["relative_tone"]:
            key = (r["actor"], r["period"])
            by_key[key] = by_key.get(key, 0.0) + float(r["relative_tone"])
    assert by_key and all(abs(v) < 1e-3 for v in by_key.values())
    with (tmp_path / "rep" / "descriptors.csv").open(encoding="utf-8") as handle:
        described = list(csv.DictReader(handle))
    assert described and {r["actor"] for r in described} <= {r["actor"] for r in actors}
    assert {r["period"] for r in described} > {"all"}  # the whole archive and each month
    assert "descriptors (times used" in printed


def test_report_descriptors_count_the_descriptor_table(local_out):
    from framing.archive.report import build_report

    report = build_report(local_out, period="month", top=3)
    table = _table(local_out, "descriptors").to_pylist()
    assert report.descriptors
    for r in report.descriptors:
        key = (r["source"], r["actor"], r["descriptor"])
        mine = [d for d in table if (d["source"], d["actor"], d["descriptor"]) == key
                and r["period"] in ("all", d["month"])]
        assert r["count"] == sum(d["count"] for d in mine)
        assert r["articles"] == len({d["article_id"] for d in mine})
        assert set(r["kinds"].split(", ")) == {d["kind"] for d in mine}


def test_report_figures_equal_sums_over_articles(local_out):
    from framing.archive.report import build_report

    report = build_report(local_out, period="week")
    articles = _table(local_out, "articles").to_pylist()
    for row in report.periods:
        if row["period"] == "all":
            continue
        mine = [a for a in articles if a["source"] == row["source"] and a["week"] == row["period"]]
        assert row["articles"] == len(mine)
        hits, words = sum(a["loaded_author_hits"] for a in mine), sum(a["author_words"] for a in mine)
        assert row["loaded_author_per_1000"] == pytest.approx(1000 * hits / words)
        assert row["period"].startswith("2025-W")
        quotes = [q for q in _table(local_out, "quotes").to_pylist()
                  if q["source"] == row["source"] and q["week"] == row["period"]]
        assert row["direct_quotes"] == sum(q["kind"] == "quote" for q in quotes)
        assert row["reported_quotes"] == sum(q["kind"] == "reported" for q in quotes)
        assert row["scare_quotes"] == sum(a["scare_quotes"] for a in mine)
        assert 0 <= row["opinion_share_low"] <= row["opinion_share_expected"] <= row["opinion_share_high"] <= 1


def test_archive_views_series_and_drill_down(local_out):
    from framing.app import archive_views as av

    info = av.open_archive(local_out)
    assert info.articles == N_ARTICLES and "Donald Trump" in info.actors
    rows = av.series(local_out, "Opinion share", period="month")
    assert {r["source"] for r in rows} == set(info.sources)
    assert all(0 <= r["value"] <= 1 for r in rows)
    tone = av.series(local_out, "Relative tone toward the actor", period="week", actor="Donald Trump")
    assert tone and all(-2 <= r["value"] <= 2 for r in tone)
    fig = av.series_figure(rows, title="Opinion share", y_label="share")
    assert len(fig.data) == len(info.sources)
    listed = av.article_list(local_out, source=rows[0]["source"], period="month", value=rows[0]["period"])
    assert len(listed) == rows[0]["articles"]
    article = av.load_article(local_out, listed[0]["article_id"])
    assert article["text"] and article["article_id"] == listed[0]["article_id"]
    marked = av.highlight_html(article["text"], article["loaded"])
    assert marked.count("<mark") == len(article["loaded"]) or not article["loaded"]
    assert av.load_article(local_out, "no-such-id") is None


def test_highlight_escapes_html():
    from framing.app.archive_views import highlight_html

    text = "<script>x</script> ein Desaster"
    out = highlight_html(text, [{"start": 23, "end": 31, "category": "<b>", "voice": "author"}])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<mark title="&lt;b&gt; (author)">Desaster</mark>' in out


def test_archive_page_opens_an_output_folder(local_out):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "pages" / "archive.py"), default_timeout=60)
    app.run()
    assert not app.exception
    app.text_input[0].input(str(local_out)).run()
    assert not app.exception
    assert any(f"**{N_ARTICLES:,}** articles" in m.value for m in app.markdown)
    assert len(app.get("plotly_chart")) == 1
    app.selectbox[0].select("Tone toward the actor").run()
    assert not app.exception
    assert [s.label for s in app.selectbox][:2] == ["Measure", "Actor"]
    assert app.selectbox[1].value == "Donald Trump"  # the most mentioned actor first
    app.button[0].click().run()
    assert not app.exception
    titles = [m.value for m in app.markdown if m.value.startswith("### ")]
    assert len(titles) == 1
    assert any("<mark" in m.value for m in app.markdown) or "0 loaded terms" in "".join(
        m.value for m in app.markdown)


def test_archive_page_says_when_the_folder_is_wrong(tmp_path):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "pages" / "archive.py"), default_timeout=60)
    app.run()
    app.text_input[0].input(str(tmp_path)).run()
    assert not app.exception
    assert "No archive output" in app.error[0].value


def test_dask_scores_a_2000_article_archive_and_report_prints_monthly_aggregates(tmp_path, capsys):
    """The issue's acceptance run: 2,000 articles on a 2-worker LocalCluster, then the report."""
    from framing.cli import main

    n = 2000
    archive = build_archive(tmp_path / "big.parquet", n, paragraphs=(1, 2))
    out = tmp_path / "out"
    assert main(["score", str(archive), "--engine", "dask", "--jobs", "2", "--out", str(out),
                 "--chunk-rows", "250", "--quiet"]) == 0
    articles = _table(out, "articles")
    assert articles.num_rows == n
    assert len(set(articles.column("article_id").to_pylist())) == n
    capsys.readouterr()
    assert main(["report", str(out), "--out", str(tmp_path / "report")]) == 0
    printed = capsys.readouterr().out
    sources = set(articles.column("source").to_pylist())
    assert all(source in printed for source in sources)
    assert "2025-" in printed  # monthly periods
