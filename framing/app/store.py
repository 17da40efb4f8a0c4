"""The dashboard's persistent comparisons: a local SQLite file (standard library only).

Uploads and pasted texts are kept with their scores (:class:`framing.app.entries.Entry`)
in named collections, so a comparison survives a reload, a second tab and a server
restart. The file is ``$FRAMING_STORE`` when set, else ``framing/store.sqlite3`` under the
user's data folder (``$XDG_DATA_HOME`` or ``~/.local/share``). The seed corpus is not
stored here: it is the read-only collection :data:`SEEDS_ID` (its scores sit in the cache
table).

A collection is exported to one JSON file (:meth:`Store.export_collection`): the original
bytes of every input (base64), the names and labels the user gave them, and the scores
as computed. :meth:`Store.import_collection` reads such a file back into a new collection
after checking its shape; the texts are only ever rendered escaped, and nothing in the
file is executed (no pickle).
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.app.entries import Entry, entry_from_json, entry_to_json

SEEDS_ID = "seeds"
EXPORT_FORMAT = "framing-collection"
EXPORT_VERSION = 1
#: An import larger than this is refused (bytes of the JSON file).
MAX_IMPORT_BYTES = 50_000_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, collection TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    name TEXT NOT NULL, source TEXT NOT NULL, data BLOB NOT NULL, any_language INTEGER NOT NULL,
    entries TEXT NOT NULL, fingerprint TEXT NOT NULL, added REAL NOT NULL);
CREATE INDEX IF NOT EXISTS items_by_collection ON items(collection, added);
CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, written REAL NOT NULL);
"""


def default_path() -> Path:
    """``$FRAMING_STORE``, else ``<XDG data home>/framing/store.sqlite3``."""
    env = os.environ.get("FRAMING_STORE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "framing" / "store.sqlite3"


@dataclass(frozen=True)
class Collection:
    id: str
    name: str
    items: int


@dataclass(frozen=True)
class Item:
    """One stored input: its bytes, the name and source it was added under, its entries."""

    id: str
    collection: str
    name: str
    source: str
    data: bytes
    any_language: bool
    entries: tuple[Entry, ...]
    fingerprint: str


class CollectionFileError(ValueError):
    """A file that is not a collection export (the message says why, in one line)."""


class Store:
    """A SQLite file holding collections, their items and the seed cache (thread-safe)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA foreign_keys = ON")
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError:
            pass
        with self._lock, self._db:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- collections -------------------------------------------------------------------
    def collections(self) -> list[Collection]:
        """User collections, oldest first (the seeds are not listed)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT c.id, c.name, COUNT(i.id) FROM collections c LEFT JOIN items i ON i.collection = c.id "
                "GROUP BY c.id ORDER BY c.created").fetchall()
        return [Collection(*r) for r in rows]

    def create_collection(self, name: str) -> str:
        cid = uuid.uuid4().hex[:12]
        with self._lock, self._db:
            self._db.execute("INSERT INTO collections VALUES (?, ?, ?)", (cid, name.strip() or cid, time.time()))
        return cid

    def rename_collection(self, cid: str, name: str) -> None:
        with self._lock, self._db:
            self._db.execute("UPDATE collections SET name = ? WHERE id = ?", (name.strip() or cid, cid))

    def delete_collection(self, cid: str) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM items WHERE collection = ?", (cid,))
            self._db.execute("DELETE FROM collections WHERE id = ?", (cid,))

    def collection_name(self, cid: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT name FROM collections WHERE id = ?", (cid,)).fetchone()
        return row[0] if row else None

    # -- items -------------------------------------------------------------------------
    def add_item(self, cid: str, *, name: str, source: str, data: bytes, any_language: bool,
                 entries: Sequence[Entry], fingerprint: str) -> str:
        iid = uuid.uuid4().hex[:12]
        payload = json.dumps([entry_to_json(e) for e in entries], ensure_ascii=False)
        with self._lock, self._db:
            self._db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (iid, cid, name, source, data, int(any_language), payload, fingerprint, time.time()))
        return iid

    def update_entries(self, iid: str, entries: Sequence[Entry], fingerprint: str) -> None:
        payload = json.dumps([entry_to_json(e) for e in entries], ensure_ascii=False)
        with self._lock, self._db:
            self._db.execute("UPDATE items SET entries = ?, fingerprint = ? WHERE id = ?", (payload, fingerprint, iid))

    def remove_item(self, iid: str) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM items WHERE id = ?", (iid,))

    def items(self, cid: str) -> list[Item]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, collection, name, source, data, any_language, entries, fingerprint FROM items "
                "WHERE collection = ? ORDER BY added", (cid,)).fetchall()
        return [Item(r[0], r[1], r[2], r[3], bytes(r[4]), bool(r[5]),
                     tuple(entry_from_json(e) for e in json.loads(r[6])), r[7]) for r in rows]

    # -- cache -------------------------------------------------------------------------
    def cache_get(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def cache_put(self, key: str, value: str, *, prefix: str = "") -> None:
        """Store ``value``; older entries whose key starts with ``prefix`` are dropped."""
        with self._lock, self._db:
            if prefix:
                self._db.execute("DELETE FROM cache WHERE key LIKE ? AND key != ?", (prefix + "%", key))
            self._db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", (key, value, time.time()))

    # -- export / import ---------------------------------------------------------------
    def export_collection(self, cid: str) -> bytes:
        """The collection as one JSON file (UTF-8), see the module docstring."""
        items = [{"name": it.name, "source": it.source, "any_language": it.any_language,
                  "data": base64.b64encode(it.data).decode("ascii"),
                  "entries": [entry_to_json(e) for e in it.entries]} for it in self.items(cid)]
        doc = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "name": self.collection_name(cid) or "",
               "exported": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "items": items}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def import_collection(self, data: bytes, *, name: str | None = None) -> str:
        """Read an export into a new collection; returns its id. Raises :class:`CollectionFileError`.

        The scores in the file are kept with an empty fingerprint, so the dashboard rescores
        them from the stored bytes before they are shown (numbers always come from the text
        with this installation's scorers).
        """
        items = parse_export(data)
        cid = self.create_collection(items[0] if items[0] else "Import")
        for it in items[1]:
            self.add_item(cid, name=it["name"], source=it["source"], data=it["data"],
                          any_language=it["any_language"], entries=it["entries"], fingerprint="")
        if name:
            self.rename_collection(cid, name)
        return cid


def parse_export(data: bytes) -> tuple[str, list[dict]]:
    """Check and decode an export: (collection name, items). Raises :class:`CollectionFileError`."""
    if len(data) > MAX_IMPORT_BYTES:
        raise CollectionFileError(f"the file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CollectionFileError(f"not a JSON file ({type(exc).__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise CollectionFileError("not a collection exported by this dashboard")
    if doc.get("version") != EXPORT_VERSION:
        raise CollectionFileError(f"export version {doc.get('version')!r} is not supported")
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        raise CollectionFileError("the file holds no list of items")
    items = []
    for k, it in enumerate(raw_items):
        try:
            blob = base64.b64decode(it["data"], validate=True)
            entries = tuple(entry_from_json(e) for e in it.get("entries") or ())
            items.append({"name": str(it["name"]), "source": str(it["source"]), "data": blob,
                          "any_language": bool(it.get("any_language", False)), "entries": entries})
        except (KeyError, TypeError, ValueError) as exc:
            raise CollectionFileError(f"item {k + 1} is malformed ({type(exc).__name__})") from None
    return str(doc.get("name") or ""), items
