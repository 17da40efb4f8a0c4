"""Scored articles as plain JSON data: what the store, the seed cache and the jobs exchange.

An :class:`Entry` is one article (its text and metadata, :class:`framing.model.Article`)
with its score record (:func:`framing.score.article_record`: counts and polarities, never
rounded). Entries are all the overview, the charts and the downloads need; the passages
behind a number (the full analysis) are recomputed from the entry's text on demand
(:func:`analysed`). Entries travel as JSON only (never pickle), so an exported collection
can be read on any machine and nothing in it can run code.

The seed corpus is scored once and cached on disk (:func:`seed_entries`), keyed by a
fingerprint of the package version and of every file the scores depend on (code, lexicons,
models) and of the seed files themselves: any change there rescores the seeds.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from framing.model import Article, Excluded

#: Bump when the layout of an entry changes (old caches and exports are then rescored).
FORMAT = 1


@dataclass(frozen=True, eq=False)
class Entry:
    """One scored article: the article and its score record (see module docstring)."""

    article: Article
    record: dict[str, Any]

    @property
    def key(self) -> str:
        """Identity of the article in a comparison: source and article id."""
        return f"{self.article.source}\x1f{self.article.article_id}"


def article_to_json(article: Article) -> dict[str, Any]:
    """Every field of ``article`` (furniture spans as lists), JSON-ready."""
    data = dataclasses.asdict(article)
    data["excluded"] = [dataclasses.asdict(e) for e in article.excluded]
    data["warnings"] = list(article.warnings)
    return data


def article_from_json(data: dict[str, Any]) -> Article:
    """The :class:`Article` of :func:`article_to_json`; unknown keys are ignored and every
    text field must be a string (a malformed export raises ``ValueError``)."""
    if not isinstance(data, dict):
        raise ValueError("an article must be an object")
    names = {f.name for f in dataclasses.fields(Article)}
    values = {k: v for k, v in data.items() if k in names}
    for key in ("source", "article_id", "title", "text"):
        if not isinstance(values.get(key), str):
            raise ValueError(f"article field {key!r} must be text")
    excluded = []
    for e in values.get("excluded") or ():
        start, end = int(e["start"]), int(e["end"])
        if not 0 <= start <= end <= len(values["text"]):
            raise ValueError("a furniture span lies outside the text")
        excluded.append(Excluded(start, end, str(e["reason"]), str(e["text"])))
    values["excluded"] = tuple(excluded)
    values["warnings"] = tuple(str(w) for w in values.get("warnings") or ())
    return Article(**values)


def entry_to_json(entry: Entry) -> dict[str, Any]:
    return {"article": article_to_json(entry.article), "record": entry.record}


def entry_from_json(data: dict[str, Any]) -> Entry:
    return Entry(article_from_json(data["article"]), dict(data["record"]))


def entry_of(scores) -> Entry:
    """The entry of an :class:`framing.score.ArticleScores`."""
    from framing.score import article_record

    return Entry(scores.article, article_record(scores))


def with_meta(entry: Entry, *, source: str | None = None, title: str | None = None,
              date: str | None = None) -> Entry:
    """``entry`` with its source name, title or date replaced (None keeps the value).

    These are labels, not inputs of any measure, so the scores stay valid.
    """
    changes = {k: v for k, v in (("source", source), ("title", title), ("date", date)) if v is not None}
    if not changes:
        return entry
    record = dict(entry.record)
    record.update({k: (v or "") if k == "date" else v for k, v in changes.items()})
    return Entry(dataclasses.replace(entry.article, **{k: (v or None) if k == "date" else v
                                                        for k, v in changes.items()}), record)


def dumps(entries: Sequence[Entry]) -> str:
    """Entries as JSON text (NaN kept as ``NaN``, which Python's json reads back)."""
    return json.dumps([entry_to_json(e) for e in entries], ensure_ascii=False)


def loads(text: str) -> list[Entry]:
    return [entry_from_json(d) for d in json.loads(text)]


# -- fingerprint and seed cache ----------------------------------------------------------

@lru_cache(maxsize=1)
def scorer_fingerprint() -> str:
    """A hash of the package version and of every file the scores depend on.

    Covers all of ``framing/`` except the dashboard (``framing/app``): code, lexicons and
    models. Two installs with the same fingerprint score every text the same way.
    """
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("framing").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"unknown")
    digest.update(str(FORMAT).encode())
    root = resources.files("framing")

    def walk(node, prefix: str) -> Iterable[tuple[str, Any]]:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                if rel in ("app",) or child.name == "__pycache__":
                    continue
                yield from walk(child, rel + "/")
            elif child.name.endswith((".py", ".tsv", ".json", ".npz", ".toml", ".txt", ".gz")):
                yield rel, child

    for rel, child in walk(root, ""):
        digest.update(rel.encode())
        digest.update(hashlib.sha256(child.read_bytes()).digest())
    return digest.hexdigest()[:24]


def folder_fingerprint(folder: str | Path) -> str:
    """A hash of the names and bytes of the files in ``folder`` (the seeds and their manifest)."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def seed_cache_key(folder: str | Path) -> str:
    """The cache key of the seed scores: the scorer's files, the opinion model that would be
    used (the optional encoder changes the opinion scores, so a cache made without it must
    not be served where it is installed, nor the other way round) and the seed files."""
    from framing.measures.opinion_model import encoder_available

    opinion = "encoder" if encoder_available() else "default"
    return f"seeds-{scorer_fingerprint()}-{opinion}-{folder_fingerprint(folder)}"


#: The seed cache shipped with the package (rebuilt by ``python -m framing.app.entries``).
SHIPPED = "app/data/seed_entries.json.gz"


def _shipped(key: str) -> list[Entry] | None:
    ref = resources.files("framing").joinpath(SHIPPED)
    try:
        data = json.loads(gzip.decompress(ref.read_bytes()).decode("utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("key") != key:
        return None
    return [entry_from_json(d) for d in data["entries"]]


def score_folder_entries(folder: str | Path, *, nlp=None,
                         progress: Callable[[int, int, str], None] | None = None) -> tuple[list[Entry], list]:
    """Read and score every article of ``folder``: entries and the problems (unreadable files)."""
    from framing.app.views import Problem, read_folder
    from framing.score import score_article

    articles, problems = read_folder(folder)
    entries = []
    for k, article in enumerate(articles):
        if progress:
            progress(k, len(articles), article.source)
        try:
            entries.append(entry_of(score_article(article, nlp=nlp)))
        except Exception as exc:  # one broken article must not stop the others
            problems.append(Problem(article.origin or article.article_id,
                                    f"could not be scored ({type(exc).__name__}: {exc})"))
    return entries, problems


def seed_entries(folder: str | Path, store=None, *, nlp=None,
                 progress: Callable[[int, int, str], None] | None = None) -> list[Entry]:
    """The seed corpus as entries: from the shipped cache or the store's cache when their
    fingerprint matches, else scored now (and written to the store's cache)."""
    key = seed_cache_key(folder)
    cached = _shipped(key)
    if cached is not None:
        return cached
    if store is not None:
        text = store.cache_get(key)
        if text is not None:
            return loads(text)
    entries, _ = score_folder_entries(folder, nlp=nlp, progress=progress)
    if store is not None:
        store.cache_put(key, dumps(entries), prefix="seeds-")
    return entries


def write_shipped(folder: str | Path, target: Path | None = None) -> Path:
    """Score the seeds and write the shipped cache (run after changing code, lexicons or models)."""
    entries, _ = score_folder_entries(folder)
    target = target or Path(str(resources.files("framing").joinpath(SHIPPED)))
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"key": seed_cache_key(folder), "entries": [entry_to_json(e) for e in entries]}
    target.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), mtime=0))
    return target


def finite(value: float) -> bool:
    return value is not None and not math.isnan(value)


if __name__ == "__main__":  # python -m framing.app.entries [seeds-folder]
    import sys

    import os

    # The shipped cache holds the default model's scores, also where the encoder is installed.
    os.environ["FRAMING_ENCODER"] = "off"
    folder = sys.argv[1] if len(sys.argv) > 1 else "seeds"
    print(f"wrote {write_shipped(folder)}")
