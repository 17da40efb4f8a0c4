"""Score an archive chunk by chunk, locally or on a Dask cluster, into Parquet datasets.

One function does the work on every engine: :func:`process_chunk` turns the rows of one
:class:`framing.io.archive.Chunk` into articles (the reader's cleaning and checks), scores
each with :func:`framing.score.score_article` (the function the dashboard and
``framing score`` use), writes the five tables (:mod:`framing.archive.tables`) as Parquet
files under ``OUT/<table>/month=YYYY-MM/part-<chunk>.parquet`` and finally a done marker
``OUT/_done/<chunk>.json``. Every file is written under a temporary name and renamed, so a
killed run leaves no half-written part: a later run with the same ``OUT`` skips the chunks
that have a done marker and scores only the rest.

Engines (:func:`run_archive`):

- ``local``: in this process (``jobs=1``) or in ``jobs`` forked worker processes;
- ``dask``: a ``distributed.LocalCluster`` with ``jobs`` worker processes, or the cluster
  at ``scheduler`` (``tcp://host:8786``). Each worker loads the language pipeline once
  (:class:`PipelinePlugin`); workers write their output themselves, so ``OUT`` must be
  storage every worker can reach (a shared folder, or ``s3://`` / ``gs://`` through
  pyarrow's file systems).

The parent only streams rows from the archive and keeps at most ``2 * jobs`` chunks in
flight, so its memory does not grow with the archive.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from framing.io.archive import DEFAULT_CHUNK_ROWS, Chunk, Columns, archive_files, count_rows, iter_chunks
from framing.io.reader import ReadError

ENGINES = ("local", "dask")
RUN_FILE = "_run.json"
DONE_DIR = "_done"


@dataclass(frozen=True)
class ChunkSummary:
    """What became of one chunk: counts, skipped rows (id, message), rows with warnings."""

    key: str
    file: str
    index: int
    rows: int
    articles: int
    errors: list[tuple[str, str]] = field(default_factory=list)
    warned: int = 0
    skipped: bool = False


@dataclass(frozen=True)
class RunSummary:
    """Totals of one :func:`run_archive` call (chunks done before it included)."""

    out: str
    engine: str
    chunks: int
    chunks_resumed: int
    rows: int
    articles: int
    errors: int
    warned: int


# --------------------------------------------------------------------------- storage
def _fs(out: str):
    """(pyarrow file system, root path) for a local folder or a URI such as s3://bucket/dir."""
    from pyarrow import fs

    if "://" in out:
        filesystem, root = fs.FileSystem.from_uri(out)
        return filesystem, root.rstrip("/")
    return fs.LocalFileSystem(), str(Path(out).resolve())


def _write_atomic(filesystem, path: str, data: bytes) -> None:
    parent = path.rsplit("/", 1)[0]
    filesystem.create_dir(parent, recursive=True)
    tmp = f"{parent}/.tmp-{uuid.uuid4().hex}"
    with filesystem.open_output_stream(tmp) as handle:
        handle.write(data)
    filesystem.move(tmp, path)


def _parquet_bytes(table) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def done_keys(out: str) -> set[str]:
    """Keys of the chunks that a run into ``out`` has finished."""
    from pyarrow import fs

    filesystem, root = _fs(out)
    selector = fs.FileSelector(f"{root}/{DONE_DIR}", allow_not_found=True)
    return {Path(info.path).stem for info in filesystem.get_file_info(selector)
            if info.path.endswith(".json")}


def done_summaries(out: str) -> Iterator[ChunkSummary]:
    """The summaries of every finished chunk (from the done markers)."""
    from pyarrow import fs

    filesystem, root = _fs(out)
    selector = fs.FileSelector(f"{root}/{DONE_DIR}", allow_not_found=True)
    for info in filesystem.get_file_info(selector):
        if info.path.endswith(".json"):
            with filesystem.open_input_stream(info.path) as handle:
                data = json.loads(handle.read())
            data["errors"] = [tuple(e) for e in data["errors"]]
            yield ChunkSummary(**data)


# --------------------------------------------------------------------------- the work
def score_chunk(chunk: Chunk, *, any_language: bool = False) -> tuple[dict[str, list[dict]], ChunkSummary]:
    """Score the rows of one chunk; return the rows of every table and a summary.

    A row that cannot be read or scored is skipped with a one-line message; the others go on.
    """
    from framing.archive import tables
    from framing.io.archive import row_articles
    from framing.runner import one_line
    from framing.score import score_article

    out: dict[str, list[dict]] = {name: [] for name in tables.TABLES}
    errors = [(e.row_id, e.message) for e in chunk.errors]
    articles = warned = 0
    for row in chunk.rows:
        try:
            found = row_articles(row, any_language=any_language)
        except ReadError as exc:
            errors.append((row.row_id, one_line(str(exc))))
            continue
        except Exception as exc:  # a reader bug must not stop a run
            errors.append((row.row_id, one_line(f"reading failed ({type(exc).__name__}: {exc})")))
            continue
        try:
            scored = [score_article(a, keep_analysis=True) for a in found]
            rows = {name: [] for name in tables.TABLES}
            for s in scored:
                rows["articles"] += tables.article_rows(s, url=row.url, row_id=row.row_id, file=chunk.path)
                rows["actors"] += tables.actor_rows(s)
                rows["quotes"] += tables.quote_rows(s)
                rows["loaded"] += tables.loaded_rows(s)
                rows["descriptors"] += tables.descriptor_rows(s)
        except Exception as exc:  # one broken article must not stop a run
            errors.append((row.row_id, one_line(f"scoring failed ({type(exc).__name__}: {exc})")))
            continue
        for name, part in rows.items():
            out[name] += part
        articles += len(scored)
        warned += sum(1 for s in scored if s.article.warnings)
    summary = ChunkSummary(key=chunk.key, file=chunk.path, index=chunk.index,
                           rows=len(chunk.rows) + len(chunk.errors), articles=articles,
                           errors=errors, warned=warned)
    return out, summary


def write_chunk(out: str, key: str, rows: dict[str, list[dict]], summary: ChunkSummary) -> None:
    """Write a chunk's tables (one file per table and month) and then its done marker."""
    from framing.archive.tables import to_table

    filesystem, root = _fs(out)
    for name, table_rows in rows.items():
        by_month: dict[str, list[dict]] = defaultdict(list)
        for r in table_rows:
            by_month[r["month"]].append(r)
        for month, part in sorted(by_month.items()):
            _write_atomic(filesystem, f"{root}/{name}/month={month}/part-{key}.parquet",
                          _parquet_bytes(to_table(name, part)))
    _write_atomic(filesystem, f"{root}/{DONE_DIR}/{key}.json",
                  json.dumps(asdict(summary), ensure_ascii=False).encode("utf-8"))


def process_chunk(chunk: Chunk, out: str, any_language: bool = False) -> ChunkSummary:
    """Score one chunk and write its output (the task every engine runs)."""
    rows, summary = score_chunk(chunk, any_language=any_language)
    write_chunk(out, chunk.key, rows, summary)
    return summary


# --------------------------------------------------------------------------- engines
def _warm() -> None:
    from framing.language.pipeline import get_nlp

    get_nlp()


class PipelinePlugin:
    """Dask worker plugin: load the language pipeline once when a worker starts."""

    name = "framing-pipeline"

    def setup(self, worker=None) -> None:
        _warm()

    def teardown(self, worker=None) -> None:
        return None


class _LocalEngine:
    def __init__(self, jobs: int):
        import multiprocessing

        from framing.runner import pool_start_method

        self.jobs = max(1, jobs)
        self.pool = (multiprocessing.get_context(pool_start_method()).Pool(self.jobs, initializer=_warm)
                     if self.jobs > 1 else None)

    def submit(self, chunk: Chunk, out: str, any_language: bool):
        if self.pool is None:
            summary = process_chunk(chunk, out, any_language)
            return lambda: summary
        pending = self.pool.apply_async(process_chunk, (chunk, out, any_language))
        return pending.get

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


#: Dask settings for the workers of a LocalCluster: no statistical profiling (it samples
#: the stack every 10 ms, which costs pure-Python scoring several per cent).
DASK_CONFIG = {"distributed.worker.profile.enabled": False}


class _DaskEngine:
    def __init__(self, jobs: int, scheduler: str | None):
        import logging

        import dask
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            dask.config.set(DASK_CONFIG)
            self.cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        plugin = PipelinePlugin()
        if hasattr(self.client, "register_plugin"):
            from distributed.diagnostics.plugin import WorkerPlugin

            plugin = type("FramingPipeline", (PipelinePlugin, WorkerPlugin), {})()
            self.client.register_plugin(plugin)
        else:  # older distributed
            self.client.register_worker_plugin(plugin)
        self.jobs = max(1, sum(self.client.nthreads().values()))

    def submit(self, chunk: Chunk, out: str, any_language: bool):
        future = self.client.submit(process_chunk, chunk, out, any_language, pure=False,
                                    key=f"framing-chunk-{chunk.key}-{uuid.uuid4().hex[:6]}")
        return future.result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _run_settings(out: str, columns: Columns, chunk_rows: int) -> tuple[Columns, int, bool]:
    """Write the run settings into ``out``, or read those of an earlier run there.

    Resuming needs the same chunking: an earlier run's ``chunk_rows`` and columns win.
    """
    filesystem, root = _fs(out)
    path = f"{root}/{RUN_FILE}"
    info = filesystem.get_file_info(path)
    from pyarrow import fs

    if info.type == fs.FileType.File:
        with filesystem.open_input_stream(path) as handle:
            saved = json.loads(handle.read())
        return Columns(**saved["columns"]), int(saved["chunk_rows"]), True
    data = {"chunk_rows": chunk_rows, "columns": asdict(columns), "version": 1}
    _write_atomic(filesystem, path, json.dumps(data).encode("utf-8"))
    return columns, chunk_rows, False


def run_archive(paths: list[str | Path], out: str, *, engine: str = "local", jobs: int = 1,
                scheduler: str | None = None, columns: Columns | None = None,
                chunk_rows: int = DEFAULT_CHUNK_ROWS, any_language: bool = False,
                progress: bool | None = None,
                report: Callable[[str], None] | None = None) -> RunSummary:
    """Score archive files into Parquet datasets under ``out`` (see the module docstring).

    ``report`` receives one line per skipped row (``FILE: row ID: skipped: why``) and
    notes about resuming; the default prints them to stderr. Raises :class:`ReadError`
    for inputs that are not archives or cannot be opened.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}")
    say = report or (lambda line: print(line, file=sys.stderr))
    files = archive_files(list(paths))
    if not files:
        raise ReadError("no archive files found (.csv .tsv .jsonl .ndjson .parquet)", "io")
    for path in files:
        if not path.is_file():
            raise ReadError(f"{path}: no such file", "io")
    columns, chunk_rows, resumed = _run_settings(out, columns or Columns(), chunk_rows)
    done = done_keys(out)
    if resumed and done:
        say(f"{out}: resuming, {len(done)} chunks already done")
    known = [count_rows(p) for p in files]
    total = sum(known) if all(n is not None for n in known) else None

    from tqdm import tqdm

    bar = tqdm(total=total, unit="row", disable=None if progress is None else not progress, leave=False)
    worker = _DaskEngine(jobs, scheduler) if engine == "dask" else _LocalEngine(jobs)
    limit = 2 * worker.jobs
    in_flight: deque = deque()
    summaries: list[ChunkSummary] = []
    resumed_chunks = 0

    def collect(summary: ChunkSummary) -> None:
        for row_id, message in summary.errors:
            say(f"{summary.file}: row {row_id}: skipped: {message}")
        summaries.append(summary)
        bar.update(summary.rows)

    try:
        for chunk in iter_chunks(files, columns=columns, chunk_rows=chunk_rows):
            if chunk.key in done:
                resumed_chunks += 1
                bar.update(len(chunk.rows) + len(chunk.errors))
                continue
            in_flight.append(worker.submit(chunk, out, any_language))
            while len(in_flight) >= limit:
                collect(in_flight.popleft()())
        while in_flight:
            collect(in_flight.popleft()())
    finally:
        bar.close()
        worker.close()
    earlier = [s for s in done_summaries(out) if s.key in done] if resumed_chunks else []
    every = summaries + earlier
    return RunSummary(out=out, engine=engine, chunks=len(every), chunks_resumed=resumed_chunks,
                      rows=sum(s.rows for s in every), articles=sum(s.articles for s in every),
                      errors=sum(len(s.errors) for s in every), warned=sum(s.warned for s in every))


def env_jobs(jobs: int) -> int:
    """``jobs`` with 0 meaning one per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)

