"""The Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from framing.app.views import markdown_escape

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


@pytest.fixture
def app():
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_opens_on_the_seeds_with_every_chart(app, downloads):
    sources = app.multiselect(key="sources")
    assert len(sources.options) == SEED_SOURCES and sources.value == sources.options
    assert len(app.get("plotly_chart")) >= 4
    assert not app.error
    assert len(app.get("html")) >= SEED_SOURCES  # one card per source, plus the drill-down text
    assert app.radio(key="voices").value == "author"


def test_download_buttons_hold_the_cli_tables(app, downloads):
    from framing.io.csvout import ACTOR_COLUMNS, SCORE_COLUMNS

    app.run(timeout=TIMEOUT)
    labels = [b.label for b in app.get("download_button")]
    assert any("Scores CSV" in label for label in labels) and any("Actor CSV" in label for label in labels)
    scores = _rows(downloads["scores.csv"])
    assert list(scores[0])[: len(SCORE_COLUMNS)] == list(SCORE_COLUMNS)
    assert len([r for r in scores if r["level"] == "source"]) == SEED_SOURCES
    actors = _rows(downloads["actors.csv"])
    assert list(actors[0]) == list(ACTOR_COLUMNS)


def test_upload_joins_the_comparison_and_the_downloads(app, downloads):
    app.file_uploader(key="uploads").set_value(("Genfer_Zeitung.txt", UPLOAD.encode("utf-8"), "text/plain"))
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert any(markdown_escape("Genfer_Zeitung") in s.value for s in app.success)
    sources = app.multiselect(key="sources")
    assert "Genfer_Zeitung" in sources.options and "Genfer_Zeitung" in sources.value
    assert len(sources.value) == SEED_SOURCES + 1
    overview = next(c for c in app.get("plotly_chart") if "Genfer_Zeitung" in c.proto.spec)
    assert overview is not None
    rows = _rows(downloads["scores.csv"])
    assert {"Genfer_Zeitung"} <= {r["source"] for r in rows if r["level"] == "source"}


def test_pasted_text_is_scored_as_its_own_source(app):
    app.text_area(key="paste_text").input(UPLOAD)
    app.text_input(key="paste_source").input("Eingefügt <script>x</script>")
    submit = next(b for b in app.button if "Add pasted text" in b.label)
    submit.click()
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert "Eingefügt <script>x</script>" in app.multiselect(key="sources").options
    # the drill-down can open the new source, and its text is rendered escaped
    app.selectbox(key="drill_source").select("Eingefügt <script>x</script>")
    app.run(timeout=TIMEOUT)
    bodies = [h.proto.body for h in app.get("html")]
    assert any("Eingefügt &lt;script&gt;x&lt;/script&gt;" in b for b in bodies)
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
    assert not app.exception
    assert any(message in e.value and markdown_escape(name) in e.value for e in app.error)
    assert len(app.multiselect(key="sources").options) == SEED_SOURCES
    assert len(app.get("plotly_chart")) >= 4


def test_settings_change_the_view(app):
    app.radio(key="voices").set_value("all")
    app.checkbox(key="show_quoted").check()
    app.multiselect(key="actors").set_value([])
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert any("Choose actors" in i.value for i in app.info)
    first = app.multiselect(key="sources").options[0]
    app.multiselect(key="sources").set_value([first])
    app.run(timeout=TIMEOUT)
    assert app.multiselect(key="sources").value == [first]
    assert app.selectbox(key="drill_source").options == [first]


@pytest.mark.parametrize("measure", ["Loaded vocabulary", "Opinion vs report", "Actors", "Quotes and furniture"])
def test_drill_down_shows_evidence_for_each_measure(app, measure):
    app.radio(key="drill_measure").set_value(measure)
    app.toggle(key="drill_only").set_value(True)
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert app.get("dataframe")
    assert any("framing-article" in h.proto.body for h in app.get("html"))


def test_passages_behind_a_heatmap_cell(app):
    actor = app.multiselect(key="actors").value[0]
    app.selectbox(key="cell_actor").select(actor)
    app.radio(key="cell_what").set_value("mentions")
    app.run(timeout=TIMEOUT)
    assert not app.exception
    assert any(c.value.endswith("row(s)") and not c.value.startswith("0 ") for c in app.caption)


def test_downloads_are_byte_for_byte_what_the_cli_writes(app, downloads, tmp_path):
    from conftest import SEEDS

    from framing.cli import main

    app.run(timeout=TIMEOUT)
    out, actors = tmp_path / "scores.csv", tmp_path / "actors.csv"
    assert main(["score", str(SEEDS), "--out", str(out), "--actors-out", str(actors), "--quiet"]) == 0
    assert downloads["scores.csv"] == out.read_bytes()
    assert downloads["actors.csv"] == actors.read_bytes()
