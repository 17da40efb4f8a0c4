"""The SQLite store: collections survive a new connection, export and import round-trip."""

from __future__ import annotations

import base64
import json
import math

import pytest

from framing.app.entries import Entry, article_from_json, dumps, entry_to_json, loads, with_meta
from framing.app.store import CollectionFileError, Store, default_path, parse_export
from framing.model import Article, Excluded

TEXT = "Die Regierung in Berlin hat am Dienstag beraten. =1+1 Kritiker sprachen von einem Skandal."


def _entry(source="Testblatt", article_id="a1", polarity=float("nan")) -> Entry:
    article = Article(source=source, article_id=article_id, title="Beratung <b>in</b> Berlin", text=TEXT,
                      date="2025-09-17", excluded=(Excluded(0, 3, "byline", "Die"),), warnings=("w",))
    return Entry(article, {"source": source, "article_id": article_id, "title": article.title, "date": "2025-09-17",
                           "words": 14, "flesch_amstad": polarity, "actors": []})


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_STORE", str(tmp_path / "x.sqlite3"))
    assert default_path() == tmp_path / "x.sqlite3"
    monkeypatch.delenv("FRAMING_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "framing" / "store.sqlite3"


def test_entries_round_trip_as_json():
    entry = _entry()
    back = loads(dumps([entry]))[0]
    assert back.article == entry.article
    assert math.isnan(back.record["flesch_amstad"])
    assert with_meta(back, source="Neu", date="").article.source == "Neu"
    assert with_meta(back, source="Neu", date="").record["date"] == ""


@pytest.mark.parametrize("bad", [
    {"source": 1, "article_id": "x", "title": "", "text": ""},
    {"source": "s", "article_id": "x", "title": "", "text": "ab", "excluded": [{"start": 0, "end": 9,
                                                                                "reason": "r", "text": "t"}]},
    [],
])
def test_malformed_articles_are_refused(bad):
    with pytest.raises((ValueError, KeyError, TypeError)):
        article_from_json(bad)


def test_collections_survive_a_new_connection(tmp_path):
    path = tmp_path / "store.sqlite3"
    store = Store(path)
    cid = store.create_collection("Haushalt")
    store.add_item(cid, name="a.html", source="Testblatt", data=b"<p>x</p>", any_language=False,
                   entries=[_entry()], fingerprint="f1")
    store.close()
    again = Store(path)
    [collection] = again.collections()
    assert (collection.name, collection.items) == ("Haushalt", 1)
    [item] = again.items(cid)
    assert item.data == b"<p>x</p>" and item.entries[0].article.text == TEXT and item.fingerprint == "f1"
    again.remove_item(item.id)
    assert again.items(cid) == []
    again.delete_collection(cid)
    assert again.collections() == []


def test_export_and_import_on_another_machine(tmp_path):
    here = Store(tmp_path / "here.sqlite3")
    cid = here.create_collection("Haushalt 2026")
    here.add_item(cid, name="a.html", source="Testblatt", data=b"\x00\xffbytes", any_language=True,
                  entries=[_entry()], fingerprint="f1")
    exported = here.export_collection(cid)
    doc = json.loads(exported)
    assert doc["format"] == "framing-collection" and doc["name"] == "Haushalt 2026"
    there = Store(tmp_path / "there.sqlite3")
    new = there.import_collection(exported)
    [item] = there.items(new)
    assert there.collection_name(new) == "Haushalt 2026"
    assert item.data == b"\x00\xffbytes" and item.any_language and item.source == "Testblatt"
    assert item.fingerprint == ""  # imported scores are recomputed before they are shown
    assert item.entries[0].article == _entry().article


@pytest.mark.parametrize("data, message", [
    (b"\x80\x81", "not a JSON file"),
    (b"[1, 2]", "not a collection"),
    (json.dumps({"format": "framing-collection", "version": 99, "items": []}).encode(), "version"),
    (json.dumps({"format": "framing-collection", "version": 1, "items": [{"name": "x"}]}).encode(), "item 1"),
    (json.dumps({"format": "framing-collection", "version": 1,
                 "items": [{"name": "x", "source": "s", "data": "!!notbase64"}]}).encode(), "item 1"),
    (b"\x80pickle", "not a JSON file"),
])
def test_a_bad_import_is_one_clear_error(data, message):
    with pytest.raises(CollectionFileError, match=message):
        parse_export(data)


def test_import_keeps_hostile_text_as_data(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    entry = entry_to_json(_entry(source="<script>alert(1)</script>"))
    doc = {"format": "framing-collection", "version": 1, "name": "<img src=x onerror=alert(1)>",
           "items": [{"name": "x.txt", "source": "<script>alert(1)</script>",
                      "data": base64.b64encode(TEXT.encode()).decode(), "entries": [entry]}]}
    cid = store.import_collection(json.dumps(doc).encode())
    [item] = store.items(cid)
    assert item.source == "<script>alert(1)</script>"  # stored as text; every view escapes it


def test_cache_keeps_only_the_current_seed_key(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    store.cache_put("seeds-old", "[]", prefix="seeds-")
    store.cache_put("seeds-new", "[1]", prefix="seeds-")
    assert store.cache_get("seeds-old") is None and store.cache_get("seeds-new") == "[1]"
