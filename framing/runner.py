"""Batch scoring: many files, several processes, a progress bar, resumable runs.

:func:`score_files` yields one :class:`FileResult` per input file, in input order. Each
file is read and scored in a worker process (``jobs``); only small per-article records
(:func:`framing.score.article_record`) travel back, so memory stays flat however large
the corpus. With a ``checkpoint`` path every finished file is appended to a JSON-lines
file as soon as it is done; a later run with the same checkpoint skips files already
scored (same path, size and modification time) and re-uses their records.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from framing.io.reader import ReadError, SourceInfo, iter_inputs, read_path


@dataclass(frozen=True)
class FileResult:
    """What came of one input file: its article records, or a one-line error."""

    path: str
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def _key(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return f"{path}|missing"
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def one_line(message: str, limit: int = 300) -> str:
    """A message squeezed onto one line (white space collapsed) and cut at ``limit`` chars."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score_one(path: str, info: dict[str, Any] | None, any_language: bool) -> FileResult:
    """Read and score one file; never raises (errors become ``FileResult.error``)."""
    from framing.score import article_record, score_article

    try:
        articles = read_path(path, info=SourceInfo(**info) if info else None, any_language=any_language)
    except ReadError as exc:
        return FileResult(path, error=one_line(str(exc)))
    except Exception as exc:  # a reader bug must not stop a run either
        return FileResult(path, error=one_line(f"reading failed ({type(exc).__name__}: {exc})"))
    records, warnings = [], []
    for article in articles:
        try:
            records.append(article_record(score_article(article)))
        except Exception as exc:  # one broken article must not stop a run
            return FileResult(path, error=one_line(f"scoring failed ({type(exc).__name__}: {exc})"))
        warnings.extend(article.warnings)
    return FileResult(path, records=records, warnings=sorted(set(warnings)))


def _work(task: tuple[str, dict[str, Any] | None, bool]) -> FileResult:
    return score_one(*task)


def _warm() -> None:
    from framing.language.pipeline import get_nlp

    get_nlp()


def _load_checkpoint(path: Path) -> dict[str, FileResult]:
    done: dict[str, FileResult] = {}
    if not path.is_file():
        return done
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                entry = json.loads(line)
                done[entry["key"]] = FileResult(**entry["result"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by an interrupted run
    return done


def score_files(paths: list[str | Path], *, jobs: int = 1, checkpoint: Path | None = None,
                any_language: bool = False, progress: bool | None = None) -> Iterator[FileResult]:
    """Score files and folders (see the module docstring); yields results in input order."""
    inputs = list(iter_inputs(list(paths)))
    done = _load_checkpoint(checkpoint) if checkpoint else {}
    keys = [_key(p) for p, _ in inputs]
    todo = [(str(p), asdict(info) if info else None, any_language)
            for (p, info), k in zip(inputs, keys) if k not in done]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))

    from tqdm import tqdm

    bar = tqdm(total=len(inputs), initial=len(inputs) - len(todo), unit="file",
               disable=None if progress is None else not progress, leave=False)
    sink = checkpoint.open("a", encoding="utf-8") if checkpoint else None
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_warm) if jobs > 1 else None
    try:
        fresh = pool.imap(_work, todo, chunksize=1) if pool else map(_work, todo)
        for key in keys:
            if key in done:
                yield done[key]
                continue
            result = next(fresh)
            if sink:
                sink.write(json.dumps({"key": key, "result": asdict(result)}, ensure_ascii=False) + "\n")
                sink.flush()
            bar.update(1)
            yield result
    finally:
        bar.close()
        if sink:
            sink.close()
        if pool:
            pool.terminate()
