import csv

from framing.cli import main


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = ("Kanzler Merz traf am Montag in Berlin den französischen Präsidenten Macron. "
        "Beide sprachen über die Lage in der Ukraine und über neue Sanktionen gegen Russland. ") * 3


def test_score_writes_both_tables_and_skips_bad_files(tmp_path, capsys):
    _write(tmp_path, "good.txt", GOOD)
    _write(tmp_path, "empty.txt", "")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    out, actors = tmp_path / "s.csv", tmp_path / "a.csv"
    assert main(["score", str(tmp_path), "--out", str(out), "--actors-out", str(actors), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt: skipped: the file is empty" in err
    assert "binary.txt: skipped: the file looks binary" in err
    assert "Traceback" not in err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["level"] for r in rows] == ["article", "source"]
    assert {r["actor"] for r in csv.DictReader(actors.open(encoding="utf-8"))} >= {"Russland"}


def test_score_fails_cleanly_when_nothing_is_readable(tmp_path, capsys):
    _write(tmp_path, "empty.txt", " ")
    assert main(["score", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "s.csv"), "--quiet"]) == 1
    assert "No article could be scored" in capsys.readouterr().err


def test_resume_reuses_finished_files(tmp_path):
    from framing.runner import score_files

    _write(tmp_path, "a.txt", GOOD)
    _write(tmp_path, "b.txt", GOOD.replace("Macron", "Tusk"))
    checkpoint = tmp_path / "run.partial.jsonl"
    first = list(score_files([tmp_path], checkpoint=checkpoint, progress=False))
    assert len(checkpoint.read_text(encoding="utf-8").splitlines()) == 3  # a header and two records
    # An interrupted run leaves a cut line behind; it is ignored.
    with checkpoint.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "cut')
    again = list(score_files([tmp_path], checkpoint=checkpoint, progress=False))
    assert [r.records for r in again] == [r.records for r in first]


def test_jobs_give_the_same_records(tmp_path):
    from framing.runner import score_files

    for i in range(3):
        _write(tmp_path, f"{i}.txt", GOOD)
    one = [r.records for r in score_files([tmp_path], jobs=1, progress=False)]
    two = [r.records for r in score_files([tmp_path], jobs=2, progress=False)]
    assert one == two


def test_explain_prints_sentences(tmp_path, capsys):
    path = _write(tmp_path, "x.txt", GOOD)
    assert main(["explain", str(path)]) == 0
    assert "REPORT" in capsys.readouterr().out
