"""The Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``.

Uploads are scored by the app's worker processes; a test waits for a job by rerunning the
script, as the page's progress fragment would. The store lives in a temporary folder.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import time
from pathlib import Path

import pytest

os.environ.setdefault("FRAMING_STORE", str(Path(tempfile.mkdtemp(prefix="framing-apptest-")) / "store.sqlite3"))

from framing.app.views import markdown_escape  # noqa: E402

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
TIMEOUT = 180
SEED_SOURCES = 5
UPLOAD = ("Neue Gespräche in Genf\n\nDie Außenminister der USA und Russlands haben sich am Mittwoch in Genf "
          "getroffen. Beobachter sprechen von einem vorsichtigen Neuanfang. Lawrow sagte, Moskau sei zu "
          "Gesprächen bereit. Die Ukraine kritisierte das Treffen als gefährliches Signal.\n")


@pytest.fixture
def downloads(monkeypatch):
    """What the app handed to ``st.download_button``: file name -> bytes."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    captured: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            data = path_or_data.encode("utf-8") if isinstance(path_or_data, str) else bytes(path_or_data)
            captured[filename] = data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    return captured


def _new_app(lang: str = "en"):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app():
    return _new_app()


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _wait_for_job(at, timeout: float = 240):
    """Rerun until no upload is still being scored (what the progress fragment does)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        at.run(timeout=TIMEOUT)
        assert not at.exception, [e.value for e in at.exception]
        if all(j.done for j in at.session_state["jobs"].values()):
            at.run(timeout=TIMEOUT)
            return
        time.sleep(0.3)
    raise TimeoutError("the upload was not scored in time")


def _add_pending(at, **labels):
    key = next(b.key for b in at.button if b.key and b.key.startswith("add_"))
    job = key[len("add_"):]
    for field, value in labels.items():
        at.text_input(key=f"meta_{field}_{job}").input(value)
    at.button(key=key).click()
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]


def _upload(at, name: str, data: bytes, **labels):
    at.file_uploader(key="uploads").set_value((name, data, "application/octet-stream"))
    at.run(timeout=TIMEOUT)
    _wait_for_job(at)
    _add_pending(at, **labels)


def test_opens_on_the_seeds_with_every_chart(app):
    sources = app.multiselect(key="sources")
    assert len(sources.options) == SEED_SOURCES and sources.value == sources.options
    assert len(app.get("plotly_chart")) >= 2
    assert not app.error
    assert len(app.get("html")) >= SEED_SOURCES  # one card per source
    assert app.radio(key="voices").value == "author"
    assert app.selectbox(key="collection").value == "seeds"
    app.radio(key="view").set_value("actors")
    app.run(timeout=TIMEOUT)
    assert len(app.get("plotly_chart")) >= 2 and not app.exception


@pytest.mark.parametrize("lang, labels", [
    ("en", ["Loaded terms per 1,000 words", "author words", "Share of words in opinion sentences", "of 911 words",
            "Opinion sentences", "sentences", "Actor tone (mean polarity, 90 % interval)", "mentions"]),
    ("de", ["Wertende Wörter je 1.000 Wörter", "Wörtern des Autors", "Anteil der Wörter in Meinungssätzen",
            "Meinungssätze", "von", "Sätzen", "Nennungen"]),
])
def test_cards_say_what_they_count(lang, labels):
    at = _new_app(lang)
    card = next(h.proto.body for h in at.get("html") if "Rundum News" in h.proto.body)
    for text in labels:
        assert text in card, text
    # a word share and a sentence count never share one line
    lines = [re.sub(r"<[^>]+>", " ", ln) for ln in card.split('<div style="display:flex')[1:]]
    assert len(lines) >= 5
    counts = re.compile(r"(of|von) [\d.,\u202f]+ (sentences|Sätzen)")
    assert sum(1 for ln in lines if counts.search(ln)) == 1
    assert not any(" %" in ln and counts.search(ln) for ln in lines)
    assert "2025-10" in card  # the manifest's date


def test_download_buttons_hold_the_cli_tables_and_the_workbook(app, downloads):
    from framing.io.csvout import ACTOR_COLUMNS, SCORE_COLUMNS

    app.run(timeout=TIMEOUT)
    scores = _rows(downloads["scores.csv"])
    assert list(scores[0])[: len(SCORE_COLUMNS)] == list(SCORE_COLUMNS)
    assert len([r for r in scores if r["level"] == "source"]) == SEED_SOURCES
    assert list(_rows(downloads["actors.csv"])[0]) == list(ACTOR_COLUMNS)
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(downloads["framing.xlsx"]))
    assert book.sheetnames == ["scores", "actors", "quotes", "descriptors"]


def test_upload_is_shown_editable_then_joins_a_new_collection(app, downloads):
    app.file_uploader(key="uploads").set_value(("Genfer_Zeitung.txt", UPLOAD.encode("utf-8"), "text/plain"))
    app.run(timeout=TIMEOUT)
    _wait_for_job(app)
    # the defaults are shown and editable before the upload joins
    assert "Genfer_Zeitung" in [t.value for t in app.text_input]
    assert "Neue Gespräche in Genf" in [t.value for t in app.text_input]
    assert len(app.multiselect(key="sources").options) == SEED_SOURCES
    _add_pending(app, source="Genfer Zeitung", date="2025-02-12")
    assert any(markdown_escape("Genfer Zeitung") in s.value for s in app.success)
    assert app.selectbox(key="collection").value != "seeds"
    assert app.multiselect(key="sources").value == ["Genfer Zeitung"]
    assert "Sergej Lawrow" in app.multiselect(key="actors").value  # the upload's own actors by default
    rows = _rows(downloads["scores.csv"])
    assert {"Genfer Zeitung"} == {r["source"] for r in rows if r["level"] == "source"}
    assert [r["date"] for r in rows if r["level"] == "article"] == ["2025-02-12"]
    # comparing with the seeds adds them back
    app.checkbox(key="with_seeds").check()
    app.run(timeout=TIMEOUT)
    assert len(app.multiselect(key="sources").value) == SEED_SOURCES + 1


def test_pasted_text_is_scored_as_its_own_source_and_shown_escaped(app):
    app.text_area(key="paste_text").input(UPLOAD)
    app.text_input(key="paste_source").input("Eingefügt <script>x</script>")
    next(b for b in app.button if b.label == "Add pasted text").click()
    app.run(timeout=TIMEOUT)
    _wait_for_job(app)
    _add_pending(app)
    assert "Eingefügt <script>x</script>" in app.multiselect(key="sources").options
    app.radio(key="view").set_value("drill")
    app.run(timeout=TIMEOUT)
    bodies = [h.proto.body for h in app.get("html")]
    assert any("Neue Gespräche" in b for b in bodies)
    assert not any("<script>" in b for b in bodies)


@pytest.mark.parametrize("name, data, message", [
    ("leer.txt", b"", "empty"),
    ("kaputt.pdf", b"%PDF-1.4 broken", "PDF"),
    ("english.txt", (b"The government decided on Tuesday to send more aid to Ukraine. Critics called the "
                     b"decision a dangerous course, and the chancellor said that the country would continue "
                     b"to support Ukraine for as long as it takes."), "not German"),
])
def test_a_bad_upload_shows_a_message_and_the_rest_keeps_working(app, name, data, message):
    app.file_uploader(key="uploads").set_value((name, data, "application/octet-stream"))
    app.run(timeout=TIMEOUT)
    _wait_for_job(app)
    assert any(message in e.value and markdown_escape(name) in e.value for e in app.error)
    assert len(app.multiselect(key="sources").options) == SEED_SOURCES
    assert len(app.get("plotly_chart")) >= 2


def test_settings_change_the_view(app):
    app.radio(key="voices").set_value("all")
    app.checkbox(key="show_quoted").check()
    app.multiselect(key="actors").set_value([])
    app.radio(key="view").set_value("actors")
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert any("Choose actors" in i.value for i in app.info)
    first = app.multiselect(key="sources").options[0]
    app.multiselect(key="sources").set_value([first])
    app.radio(key="view").set_value("drill")
    app.run(timeout=TIMEOUT)
    assert app.multiselect(key="sources").value == [first]
    assert app.selectbox(key="drill_source").options == [first]


def test_filters_reset_when_their_options_change(app):
    app.radio(key="view").set_value("drill")
    app.run(timeout=TIMEOUT)
    sources = app.selectbox(key="drill_source").options
    app.selectbox(key="drill_source").select(sources[-1])
    app.run(timeout=TIMEOUT)
    full = list(app.multiselect(key="drill_categories").value)
    assert len(full) == len(app.multiselect(key="drill_categories").options) > 1
    app.multiselect(key="drill_categories").set_value(full[:1])  # narrow the filter on one source
    app.run(timeout=TIMEOUT)
    app.selectbox(key="drill_source").select(sources[0])  # another source: the filter shows all its categories
    app.run(timeout=TIMEOUT)
    cats = app.multiselect(key="drill_categories")
    assert len(cats.value) == len(cats.options) > 1
    # a removed source is not kept as the drill-down's choice
    app.multiselect(key="sources").set_value(sources[1:])
    app.run(timeout=TIMEOUT)
    assert app.selectbox(key="drill_source").value == sources[1]
    # the default actors follow the chosen sources
    app.multiselect(key="sources").set_value(sources[2:3])
    app.run(timeout=TIMEOUT)
    assert set(app.multiselect(key="actors").value) <= set(app.multiselect(key="actors").options)
    assert app.multiselect(key="actors").value


@pytest.mark.parametrize("measure", ["loaded", "opinion", "actors", "quotes"])
def test_drill_down_shows_evidence_for_each_measure(app, measure):
    app.radio(key="view").set_value("drill")
    app.run(timeout=TIMEOUT)
    app.radio(key="drill_measure").set_value(measure)
    app.toggle(key="drill_only").set_value(True)
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert app.get("dataframe")
    assert any("framing-article" in h.proto.body for h in app.get("html"))


def test_passages_behind_a_heatmap_cell(app):
    app.radio(key="view").set_value("actors")
    app.run(timeout=TIMEOUT)
    actor = app.multiselect(key="actors").value[0]
    app.selectbox(key="cell_actor").select(actor)
    app.radio(key="cell_what").set_value("actor")
    app.toggle(key="cell_open").set_value(True)
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert any(c.value.endswith("row(s)") and not c.value.startswith("0 ") for c in app.caption)


def test_about_shows_the_validity_table(app):
    app.radio(key="view").set_value("about")
    app.run(timeout=TIMEOUT)
    assert any("figures as of 20" in c.value for c in app.caption)
    assert app.get("dataframe")


def test_downloads_are_byte_for_byte_what_the_cli_writes(app, downloads, tmp_path):
    from conftest import SEEDS

    from framing.cli import main

    app.run(timeout=TIMEOUT)
    out, actors = tmp_path / "scores.csv", tmp_path / "actors.csv"
    quotes, descriptors = tmp_path / "quotes.csv", tmp_path / "descriptors.csv"
    assert main(["score", str(SEEDS), "--out", str(out), "--actors-out", str(actors), "--quotes-out", str(quotes),
                 "--descriptors-out", str(descriptors), "--quiet"]) == 0
    assert downloads["scores.csv"] == out.read_bytes()
    assert downloads["actors.csv"] == actors.read_bytes()
    assert downloads["quotes.csv"] == quotes.read_bytes()
    assert downloads["descriptors.csv"] == descriptors.read_bytes()
    assert len(_rows(downloads["quotes.csv"])) > 5 and len(_rows(downloads["descriptors.csv"])) > 5


def _slow_text() -> bytes:
    from conftest import SEEDS

    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return ((text + "\n\n") * 12).encode("utf-8")


def _rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def test_a_slow_upload_does_not_block_another_session():
    """#13: one session's upload is scored off its thread; a second session still gets its page."""
    first = _new_app()
    first.file_uploader(key="uploads").set_value(("lang.txt", _slow_text(), "text/plain"))
    started = time.monotonic()
    first.run(timeout=TIMEOUT)
    assert time.monotonic() - started < 60  # the uploading session's own page is not held up either
    [job] = first.session_state["jobs"].values()
    assert first.get("progress"), "a progress bar while the upload is scored"
    second = _new_app()
    assert len(second.get("plotly_chart")) >= 2 and not second.exception
    assert not job.done, "the second session's page and charts came while the upload was still scored"
    cancel = next(b.key for b in first.button if b.key and b.key.startswith("cancel_"))
    first.button(key=cancel).click()
    first.run(timeout=TIMEOUT)
    _wait_for_job(first)
    assert job.status == "cancelled"
    assert len(first.multiselect(key="sources").options) == SEED_SOURCES


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read memory")
def test_memory_after_twenty_uploads_in_twenty_sessions():
    """#13: upload analyses stay in the workers; twenty sessions' uploads add little to the server.

    Bound: the server process grows by less than 300 MB, each worker stays under 1.5 GB.
    """
    from framing.app.jobs import live_pools

    _new_app()
    before = _rss_mb()
    sessions = []
    for k in range(20):
        at = _new_app()
        text = f"Bericht {k}\n\n" + UPLOAD * 20 + f"Die Stadt Nummer {k} meldete am Abend neue Zahlen.\n"
        _upload(at, f"bericht_{k}.txt", text.encode("utf-8"))
        assert f"bericht_{k}" in at.multiselect(key="sources").options
        sessions.append(at)
    grown = _rss_mb() - before
    workers = [_rss_mb(pid) for pool in live_pools() for pid in pool.pids()]
    print(f"server process grew by {grown:.0f} MB over twenty uploads in twenty sessions; workers {workers} MB")
    assert grown < 300, grown
    assert workers and max(workers) < 1500, workers


def test_cards_show_the_partisan_layer_and_the_estimated_opinion_share(app):
    from framing.app.entries import seed_entries
    from framing.app.store import Store
    from framing.score import aggregate_sources

    card = next(h.proto.body for h in app.get("html") if "Vitaly Portnikov" in h.proto.body)
    source = next(s for s in aggregate_sources([e.record for e in seed_entries(APP.parent / "seeds", Store())])
                  if s.source.startswith("Vitaly Portnikov"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))
    assert source.loaded_partisan_hits > 0
    assert "Partisan terms per 1,000 words" in text
    assert f"{source.loaded_partisan_hits} in {source.author_words:,} author words" in text
    share, low, high = source.opinion_share
    assert "Share of words in opinion sentences, estimated" in text
    assert f"{100 * share:.0f} %" in text and f"90 % interval {100 * low:.0f}–{100 * high:.0f} %" in text
    assert f"Opinion model: {source.opinion_model}" in card  # the card's tooltip
    # the overview chart has a partisan series of its own, clickable like the others
    fig = app.get("plotly_chart")[0].proto.spec
    assert '"loaded_partisan"' in fig


def test_quotes_view_lists_speakers_and_shares(app):
    app.radio(key="view").set_value("quotes")
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert '"speaker"' in app.get("plotly_chart")[0].proto.spec  # who speaks, per source
    table = next(d.value for d in app.dataframe if "speaker" in d.value.columns)
    assert {"sentence", "speaker", "kind", "text", "in sentence"} <= set(table.columns) and len(table) > 0
    assert app.session_state["_quote_rows"][0]["article_id"]


def test_actors_view_shows_the_descriptors_side_by_side(app):
    app.radio(key="view").set_value("actors")
    app.run(timeout=TIMEOUT)
    assert not app.exception
    table = next(d.value for d in app.dataframe if "descriptor" in d.value.columns)
    sources = app.multiselect(key="sources").value
    assert set(sources) <= set(table.columns) and len(table) > 0
    assert set(table["actor"]) <= set(app.multiselect(key="actors").value)


def test_drill_down_names_the_layer_of_each_loaded_term(app):
    app.radio(key="view").set_value("drill")
    app.run(timeout=TIMEOUT)
    app.radio(key="voices").set_value("all")
    app.run(timeout=TIMEOUT)
    table = next(d.value for d in app.dataframe if "lemma" in d.value.columns and "layer" in d.value.columns)
    assert set(table["layer"]) <= {"partisan", "general"}


def test_about_names_the_opinion_model(app):
    app.radio(key="view").set_value("about")
    app.run(timeout=TIMEOUT)
    assert any("Opinion model in use" in m.value and "rules" in m.value for m in app.markdown)


def test_an_idle_pool_starts_its_workers_late_or_at_the_first_upload():
    """The dashboard's pool waits before loading the pipeline (the first page is drawn
    meanwhile); an upload does not wait for that delay."""
    from framing.app.jobs import DONE, ScoringPool

    pool = ScoringPool(delay=600)
    try:
        time.sleep(0.5)
        assert pool.pids() == [] and not pool.ready()
        job = pool.wait(pool.submit(UPLOAD.encode("utf-8"), "genf.txt", source="Test"), timeout=TIMEOUT)
        assert job.status == DONE and job.entries and pool.pids()
    finally:
        pool.close()
    assert pool.closed
