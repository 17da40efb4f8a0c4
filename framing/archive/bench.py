"""Benchmark: archive throughput of the local engine and of Dask on 1 and 2 workers.

``python -m framing.archive.bench [--articles 2000] [--chunk-rows 100]`` builds a Parquet
archive from the seed paragraphs (:mod:`framing.archive.generate`, 1–3 paragraphs per
article) in a temporary folder and scores it four times into fresh output folders:

1. ``local``, 1 process (in this process);
2. ``local``, 2 processes (forked pool);
3. ``dask``, a LocalCluster with 1 worker process;
4. ``dask``, a LocalCluster with 2 worker processes.

For each it prints wall time (cluster start and pipeline loading included), articles and
words per second, words per CPU-second (all processes' CPU time: less sensitive to a busy
machine than wall time), and peak resident memory per process (the parent; each worker process, sampled every 0.25 s;
nannies and other small helpers under 150 MB are left out). It
checks that every run wrote the same rows. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM), MB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class _Sampler:
    """Polls the resident memory of every descendant process; keeps each one's maximum."""

    def __init__(self, every: float = 0.25):
        import threading

        self.every, self.peaks, self.cpu = every, {}, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                    times = child.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
                self.cpu[child.pid] = times.user + times.system
            self._stop.wait(self.every)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def workers(self, least_mb: float = 150) -> list[float]:
        """Peaks of the processes that loaded the pipeline (more than ``least_mb``)."""
        return sorted(v for v in self.peaks.values() if v >= least_mb)


def _words(out: Path) -> int:
    from framing.archive.report import connect

    con = connect(out)
    try:
        return int(con.execute("SELECT sum(words) FROM articles").fetchone()[0])
    finally:
        con.close()


def _fingerprint(out: Path) -> str:
    from framing.archive.report import connect

    con = connect(out)
    try:
        row = con.execute("SELECT count(*), sum(words), sum(loaded_author_hits), sum(opinion_words), "
                          "(SELECT count(*) FROM actors), (SELECT count(*) FROM quotes), "
                          "(SELECT count(*) FROM loaded) FROM articles").fetchone()
    finally:
        con.close()
    return json.dumps(row)


def run_local(archive: Path, out: Path, jobs: int, chunk_rows: int) -> dict:
    from framing.archive.engine import run_archive

    start, cpu = time.perf_counter(), time.process_time()
    with _Sampler() as sampler:
        summary = run_archive([archive], str(out), engine="local", jobs=jobs, chunk_rows=chunk_rows,
                              progress=False)
    wall = time.perf_counter() - start
    return {"engine": f"local, {jobs} process{'es' if jobs > 1 else ''}", "wall_s": wall,
            "cpu_s": time.process_time() - cpu + sum(sampler.cpu.values()),
            "articles": summary.articles, "parent_peak_mb": _peak_mb(), "worker_peak_mb": sampler.workers()}


def run_dask(archive: Path, out: Path, workers: int, chunk_rows: int) -> dict:
    import dask
    from distributed import LocalCluster

    from framing.archive.engine import DASK_CONFIG, run_archive

    dask.config.set(DASK_CONFIG)

    start, cpu = time.perf_counter(), time.process_time()
    with _Sampler() as sampler, LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        summary = run_archive([archive], str(out), engine="dask", scheduler=cluster.scheduler_address,
                              chunk_rows=chunk_rows, progress=False)
        wall = time.perf_counter() - start
    return {"engine": f"dask, {workers} worker{'s' if workers > 1 else ''}", "wall_s": wall,
            "cpu_s": time.process_time() - cpu + sum(sampler.cpu.values()),
            "articles": summary.articles, "parent_peak_mb": _peak_mb(), "worker_peak_mb": sampler.workers()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--chunk-rows", type=int, default=100)
    parser.add_argument("--only", choices=("local1", "local2", "dask1", "dask2"), nargs="*")
    args = parser.parse_args(argv)
    from framing.archive.generate import build_archive

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = build_archive(folder / "archive.parquet", args.articles)
        print(f"archive: {args.articles:,} articles ({archive.stat().st_size / 2**20:.1f} MB Parquet, "
              "seed paragraphs, 1–3 per article)")
        runs = {"local1": lambda o: run_local(archive, o, 1, args.chunk_rows),
                "local2": lambda o: run_local(archive, o, 2, args.chunk_rows),
                "dask1": lambda o: run_dask(archive, o, 1, args.chunk_rows),
                "dask2": lambda o: run_dask(archive, o, 2, args.chunk_rows)}
        results, prints = [], set()
        for name in args.only or list(runs):
            out = folder / f"out-{name}"
            result = runs[name](out)
            words = _words(out)
            result.update(words=words, words_per_s=words / result["wall_s"],
                          articles_per_s=result["articles"] / result["wall_s"],
                          words_per_cpu_s=words / result["cpu_s"])
            prints.add(_fingerprint(out))
            results.append(result)
            workers = ", ".join(f"{m:.0f}" for m in result["worker_peak_mb"]) or "–"
            print(f"{result['engine']:20}: {result['wall_s']:6.1f} s, {result['articles_per_s']:6.1f} articles/s, "
                  f"{result['words_per_s']:7,.0f} words/s, {result['words_per_cpu_s']:7,.0f} words/CPU-s; "
                  f"peak MB parent {result['parent_peak_mb']:.0f}, "
                  f"workers [{workers}]")
        print(f"same rows in every run: {len(prints) == 1}")
        print(json.dumps({"articles": args.articles, "runs": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
