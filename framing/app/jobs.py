"""Uploads scored off the session thread: worker processes with progress, timeout, cancel.

The dashboard hands each upload (bytes, file name, source name) to a :class:`ScoringPool`
and gets a :class:`Job` back at once; the page keeps running while a worker process reads
and scores the input. Workers are separate processes (the pipeline is CPU-bound Python, so
threads would share one core's worth of the GIL with every session's page), each warmed
once with the German pipeline; a job that runs past its timeout or is cancelled ends its
worker process, which is replaced. A job's result is a list of
:class:`framing.app.entries.Entry` (records and text, a few KB per article): the full
analysis never leaves the worker, so no session holds more than its entries.

Settings: ``FRAMING_WORKERS`` (worker processes, default 1: each holds the pipeline, about 0.5 GB),
``FRAMING_UPLOAD_TIMEOUT`` (seconds per upload, default 120) and ``FRAMING_WORKER_DELAY``
(seconds the dashboard's pool waits before it starts and warms its workers, default 5, so
the first visitor's browser draws the charts without a worker loading the pipeline
beside it; the first upload starts them at once).
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import queue
import sys
import threading
import time
import types
import uuid
from dataclasses import dataclass, field

from framing.app.entries import Entry, entry_from_json, entry_to_json

_START_LOCK = threading.Lock()
_POOLS: list[ScoringPool] = []
QUEUED, RUNNING, DONE, FAILED, CANCELLED, TIMEOUT = "queued", "running", "done", "failed", "cancelled", "timeout"
FINISHED = frozenset({DONE, FAILED, CANCELLED, TIMEOUT})
#: A short German news page each worker reads and scores once on start (package data).
WARM_PAGE = "app/data/warm.html"


def default_workers() -> int:
    env = os.environ.get("FRAMING_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return 1


def default_delay() -> float:
    """Seconds before an idle pool starts its workers (``FRAMING_WORKER_DELAY``, default 5)."""
    try:
        return max(0.0, float(os.environ.get("FRAMING_WORKER_DELAY", "5")))
    except ValueError:
        return 5.0


def default_timeout() -> float:
    try:
        return float(os.environ.get("FRAMING_UPLOAD_TIMEOUT", "120"))
    except ValueError:
        return 120.0


@dataclass
class Job:
    """One upload being scored. ``status`` runs queued → running → done/failed/cancelled/timeout.

    ``progress`` is 0–1 and ``stage`` says what the worker is doing; when done, ``entries``
    holds the scored articles and ``problems`` the (name, message) pairs of what could not
    be used. Fields are written by the pool's thread and read by the session.
    """

    name: str
    source: str
    data: bytes
    any_language: bool
    timeout: float
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    status: str = QUEUED
    progress: float = 0.0
    stage: str = ""
    entries: tuple[Entry, ...] = ()
    problems: tuple[tuple[str, str], ...] = ()
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    cancel_requested: bool = False

    @property
    def done(self) -> bool:
        return self.status in FINISHED

    @property
    def seconds(self) -> float:
        """Seconds since the job started (or queued), up to when it finished."""
        end = self.finished if self.finished is not None else time.monotonic()
        return end - (self.started if self.started is not None else self.submitted)


# -- inside a worker process --------------------------------------------------------------

def _worker_main(conn) -> None:  # pragma: no cover - runs in a child process
    from framing.app.views import _for_dashboard
    from framing.io.reader import ReadError, read_bytes
    from framing.language.pipeline import get_nlp
    from framing.score import article_record, score_article

    nlp = get_nlp()
    try:  # warm every lazy loader (reader, tagger, lexicons, models) before the first real upload
        from importlib import resources

        page = resources.files("framing").joinpath(WARM_PAGE).read_bytes()
        for article in read_bytes(page, "warm.html", source="warm"):
            article_record(score_article(article, nlp=nlp))
    except Exception:  # a failure shows up on the first job instead
        pass
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        job_id, data, name, source, any_language = message
        try:
            conn.send(("progress", job_id, 0.05, "read"))
            try:
                articles = read_bytes(data, name, source=source, any_language=any_language)
            except ReadError as exc:
                conn.send(("done", job_id, [], [(name, _for_dashboard(str(exc)))]))
                continue
            entries, problems = [], []
            for k, article in enumerate(articles):
                conn.send(("progress", job_id, 0.1 + 0.9 * k / max(1, len(articles)), f"score {k + 1}/{len(articles)}"))
                try:
                    scores = score_article(article, nlp=nlp)
                    entries.append(entry_to_json(Entry(scores.article, article_record(scores))))
                except Exception as exc:  # one broken article must not stop the others
                    problems.append((name, f"could not be scored ({type(exc).__name__}: {exc})"))
            if not entries and not problems:
                problems.append((name, "no article text found"))
            conn.send(("done", job_id, entries, problems))
        except Exception as exc:
            conn.send(("done", job_id, [], [(name, f"could not be read ({type(exc).__name__}: {exc})")]))


# -- in the server process ----------------------------------------------------------------

class _Worker:
    """One worker process and the thread that feeds it jobs from the pool's queue."""

    def __init__(self, pool: ScoringPool, delay: float = 0.0):
        self.pool = pool
        self.ready = threading.Event()
        self.process = None
        if delay <= 0:
            self._start()
        self.thread = threading.Thread(target=self._loop, args=(delay,), daemon=True, name="framing-scorer")
        self.thread.start()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child,), daemon=True, name="framing-scorer")
        # Streamlit runs the app file as ``__main__``: a spawned child would run the whole app
        # again on start-up. Hide it while the child is prepared (the child needs only this module).
        with _START_LOCK:
            main = sys.modules.get("__main__")
            sys.modules["__main__"] = types.ModuleType("__main__")
            try:
                self.process.start()
            finally:
                if main is not None:
                    sys.modules["__main__"] = main
        child.close()
        self.ready.clear()

    def _restart(self) -> None:
        self.process.terminate()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()
        self._start()

    def _wait_ready(self) -> None:
        while not self.ready.is_set() and not self.pool.closed:
            try:
                if self.conn.poll(0.2):
                    if self.conn.recv()[0] == "ready":
                        self.ready.set()
                    continue
            except (EOFError, OSError):
                pass
            if not self.process.is_alive() and not self.pool.closed:
                time.sleep(1.0)
                self._restart()

    def _loop(self, delay: float = 0.0) -> None:
        if self.process is None:  # started after ``delay`` seconds, or at once for the first job
            self.pool._wake.wait(delay)
            with self.pool._lock:
                if self.pool.closed:
                    return
                self._start()
        while not self.pool.closed:
            self._wait_ready()
            job = self.pool._queue.get()
            if job is None or self.pool.closed:
                return
            if job.cancel_requested:
                job.status, job.finished = CANCELLED, time.monotonic()
                continue
            job.status, job.started = RUNNING, time.monotonic()
            deadline = job.started + job.timeout
            self.conn.send((job.id, job.data, job.name, job.source, job.any_language))
            self._run(job, deadline)

    def _run(self, job: Job, deadline: float) -> None:
        while True:
            if job.cancel_requested or time.monotonic() > deadline:
                job.status = CANCELLED if job.cancel_requested else TIMEOUT
                job.finished = time.monotonic()
                self._restart()
                return
            try:
                has = self.conn.poll(0.1)
                message = self.conn.recv() if has else None
            except (EOFError, OSError):
                job.status, job.finished = FAILED, time.monotonic()
                job.problems = ((job.name, "the scoring process stopped unexpectedly"),)
                self._restart()
                return
            if message is None:
                continue
            if message[0] == "progress" and message[1] == job.id:
                job.progress, job.stage = message[2], message[3]
            elif message[0] == "done" and message[1] == job.id:
                job.entries = tuple(entry_from_json(e) for e in message[2])
                job.problems = tuple(tuple(p) for p in message[3])
                job.progress, job.status, job.finished = 1.0, DONE, time.monotonic()
                return


class ScoringPool:
    """Worker processes that score uploads; one queue for all sessions (first come, first served)."""

    def __init__(self, workers: int | None = None, timeout: float | None = None, *, delay: float = 0.0):
        """``delay``: seconds before the workers start when no job arrives first (0: at once)."""
        self.timeout = timeout if timeout is not None else default_timeout()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self.closed = False
        self._workers: list[_Worker] = []
        atexit.register(self.close)
        _POOLS.append(self)
        # A child process that imports the app file as its main module (multiprocessing's
        # spawn, e.g. a Dask worker started under Streamlit) must not start workers of its own.
        if mp.parent_process() is None:
            self._workers = [_Worker(self, delay) for _ in range(workers or default_workers())]

    def submit(self, data: bytes, name: str, *, source: str, any_language: bool = False,
               timeout: float | None = None) -> Job:
        job = Job(name=name, source=source, data=data, any_language=any_language,
                  timeout=timeout if timeout is not None else self.timeout)
        self._queue.put(job)
        self._wake.set()
        return job

    @staticmethod
    def cancel(job: Job) -> None:
        """Stop ``job``: dropped if queued, its worker process ended if running."""
        job.cancel_requested = True

    def wait(self, job: Job, timeout: float | None = None) -> Job:
        """Block until ``job`` is finished (for scripts and tests)."""
        end = None if timeout is None else time.monotonic() + timeout
        while not job.done and (end is None or time.monotonic() < end):
            time.sleep(0.05)
        return job

    def ready(self) -> bool:
        return all(w.ready.is_set() for w in self._workers)

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers if w.process is not None and w.process.pid]

    def close(self) -> None:
        with self._lock:
            if self.closed:
                return
            self.closed = True
        self._wake.set()
        for _ in self._workers:
            self._queue.put(None)
        for w in self._workers:
            if w.process is not None:
                w.process.terminate()
                w.process.join(5)


def live_pools() -> list[ScoringPool]:
    """The pools of this process that are still open (for tests and monitoring)."""
    return [p for p in _POOLS if not p.closed]
