"""The archive side of the command line: ``framing score ARCHIVE`` and ``framing report``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing.io.reader import ReadError


def add_score_options(parser: argparse.ArgumentParser) -> None:
    """Options of ``framing score`` that only archives use."""
    from framing.archive.engine import ENGINES
    from framing.io.archive import DEFAULT_CHUNK_ROWS

    group = parser.add_argument_group(
        "archives", "CSV/TSV, JSON lines or Parquet files with one article per row "
                    "(a folder or glob of them); written as Parquet datasets into --out DIR/")
    group.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: this machine's processes (--jobs); dask: a Dask cluster")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="address of a running Dask scheduler (default: start a LocalCluster "
                            "with --jobs workers)")
    group.add_argument("--text-column", default="text", help="column with the article text")
    group.add_argument("--source-column", default="source",
                       help="column with the outlet (falls back to 'outlet', then the file name)")
    group.add_argument("--date-column", default="date", help="column with the date")
    group.add_argument("--title-column", default="title", help="column with the title")
    group.add_argument("--url-column", default="url", help="column with the URL")
    group.add_argument("--id-column", default="id", help="column with the article id (default: row number)")
    group.add_argument("--chunk-rows", type=int, default=DEFAULT_CHUNK_ROWS,
                       help="rows per chunk (unit of work, output file and resuming)")


def score_archive(args: argparse.Namespace) -> int:
    """Score archive inputs into Parquet (``args`` from ``framing score``)."""
    from framing.archive.engine import env_jobs, run_archive
    from framing.io.archive import Columns

    out = args.out or "scores"
    if out.lower().endswith(".csv"):
        print(f"{out}: archives are written as Parquet datasets; give a folder (--out DIR/)",
              file=sys.stderr)
        return 1
    if "://" not in out and Path(out).is_file():
        print(f"{out}: is a file; give a folder (--out DIR/)", file=sys.stderr)
        return 1
    if getattr(args, "actors_out", None):
        print(f"--actors-out: an archive's actors are the Parquet table {out.rstrip('/')}/actors/ "
              "(one row per article and actor); `framing report DIR/` writes actors.csv per source "
              "and period", file=sys.stderr)
        return 1
    exports = [(flag, path) for flag, path in (("--quotes-out", getattr(args, "quotes_out", None)),
                                               ("--descriptors-out", getattr(args, "descriptors_out", None)))
               if path]
    if exports and "://" in out:
        flag = exports[0][0]
        table = "quotes" if flag == "--quotes-out" else "descriptors"
        print(f"{flag}: CSV export reads a local output folder; the data is in the Parquet "
              f"table {out.rstrip('/')}/{table}/", file=sys.stderr)
        return 1
    columns = Columns(text=args.text_column, source=args.source_column, date=args.date_column,
                      title=args.title_column, url=args.url_column, id=args.id_column)
    jobs = env_jobs(args.jobs)
    try:
        summary = run_archive(args.paths, out, engine=args.engine, jobs=jobs, scheduler=args.scheduler,
                              columns=columns, chunk_rows=max(1, args.chunk_rows),
                              any_language=args.any_language, progress=False if args.quiet else None)
    except ReadError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{out}: cannot write the output ({exc.strerror or exc})", file=sys.stderr)
        return 1
    shown = out.rstrip("/") or out
    written = []
    if summary.articles:
        from framing.archive.report import export_descriptors_csv, export_quotes_csv

        for flag, path in exports:
            export = export_quotes_csv if flag == "--quotes-out" else export_descriptors_csv
            try:
                with open(path, "w", encoding="utf-8", newline="") as handle:
                    export(out, handle)
            except OSError as exc:
                print(f"{path}: cannot write {flag} ({exc.strerror or exc})", file=sys.stderr)
                return 1
            written.append(path)
    print(f"{summary.articles} articles from {summary.rows} rows -> {shown}/ "
          f"(articles, actors, quotes, loaded, descriptors; {summary.chunks} chunks"
          + (f", {summary.chunks_resumed} from an earlier run" if summary.chunks_resumed else "")
          + (f"; {summary.errors} rows skipped" if summary.errors else "")
          + (f"; {summary.warned} articles with warnings" if summary.warned else "") + ")"
          + "".join(f", {path}" for path in written))
    print(f"next: framing report {shown}")
    return 0 if summary.articles else 1


def cmd_report(args: argparse.Namespace) -> int:
    from framing.archive.report import build_report, report_lines, write_report

    try:
        report = build_report(args.archive, period=args.period, top=args.actors)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    from framing.io.cells import printable

    for line in report_lines(report):
        print(printable(line))
    folder = Path(args.out) if args.out else Path(args.archive) / "report"
    written = write_report(report, folder)
    print("\nwritten: " + ", ".join(str(p) for p in written))
    return 0


def add_report_parser(sub) -> None:
    report = sub.add_parser("report", help="per-source and per-period aggregates of an archive run")
    report.add_argument("archive", help="the --out folder of `framing score ARCHIVE`")
    report.add_argument("--period", choices=("month", "week"), default="month")
    report.add_argument("--actors", type=int, default=5, help="how many top actors to report")
    report.add_argument("--out", help="folder for the CSV files (default: ARCHIVE/report)")
    report.set_defaults(func=cmd_report)
