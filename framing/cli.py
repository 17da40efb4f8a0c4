"""Command line: ``framing score``, ``framing explain``, ``framing evaluate``, ``framing report``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.io.cells import printable
from framing.io.reader import ReadError, read_path

EVAL_TASKS = ("subjectivity", "targets", "bias-words", "speakers")


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def cmd_score(args: argparse.Namespace) -> int:
    from framing.io.archive import looks_like_archive

    if looks_like_archive(args.paths):
        from framing.archive.commands import score_archive

        return score_archive(args)
    if args.engine == "dask":
        print("--engine dask scores archives (.csv .tsv .jsonl .parquet, one article per row); "
              "use --engine local for article files", file=sys.stderr)
        return 1
    from framing.io.csvout import actors_csv, descriptors_csv, quotes_csv, scores_csv
    from framing.runner import score_files
    from framing.score import aggregate_sources

    out = Path(args.out or "scores.csv")
    checkpoint = out.with_name(out.name + ".partial.jsonl") if args.resume else None
    records, failures = [], 0

    def note(message: str) -> None:
        print(f"warning: {printable(message)}", file=sys.stderr)

    try:
        for result in score_files(args.paths, jobs=args.jobs, checkpoint=checkpoint,
                                  any_language=args.any_language,
                                  progress=False if args.quiet else None, warn=note):
            path = printable(result.path)
            if result.error:
                failures += 1
                print(f"{path}: skipped: {printable(result.error)}", file=sys.stderr)
            for warning in result.warnings:
                print(f"{path}: warning: {printable(warning)}", file=sys.stderr)
            records.extend(result.records)
    except ReadError as exc:  # a broken manifest.toml
        print(printable(exc), file=sys.stderr)
        return 1
    if not records:
        print("No article could be scored.", file=sys.stderr)
        return 1
    sources = aggregate_sources(records)
    out.write_text(scores_csv(records, sources), encoding="utf-8")
    if args.actors_out:
        Path(args.actors_out).write_text(actors_csv(records, sources), encoding="utf-8")
    if args.descriptors_out:
        Path(args.descriptors_out).write_text(descriptors_csv(records), encoding="utf-8")
    if args.quotes_out:
        Path(args.quotes_out).write_text(quotes_csv(records), encoding="utf-8")
    if checkpoint and checkpoint.exists():
        checkpoint.unlink()
    print(f"{len(records)} articles from {len(sources)} sources -> {printable(out)}"
          + (f", {printable(args.actors_out)}" if args.actors_out else "")
          + (f", {printable(args.descriptors_out)}" if args.descriptors_out else "")
          + (f", {printable(args.quotes_out)}" if args.quotes_out else "")
          + (f" ({failures} files skipped)" if failures else ""))
    print(f"{'source':45} {'art':>3} {'words':>6} {'loaded/1000':>11} {'partisan':>8} {'opinion':>7} "
          f"{'flesch':>6}")
    for s in sources:
        print(f"{printable(s.source)[:45]:45} {s.articles:>3} {s.words:>6} "
              f"{_fmt(s.loaded_author_per_1000):>11} {_fmt(s.loaded_partisan_per_1000):>8} "
              f"{_fmt(s.opinion_ratio):>7} {_fmt(s.flesch_amstad):>6}")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from framing.explain import explain_lines
    from framing.score import score_article

    try:
        articles = read_path(args.file, any_language=args.any_language)
    except ReadError as exc:
        print(f"{printable(args.file)}: {printable(exc)}", file=sys.stderr)
        return 1
    for article in articles:
        for warning in article.warnings:
            print(f"{printable(args.file)}: warning: {printable(warning)}", file=sys.stderr)
        scores = score_article(article, keep_analysis=True)
        for line in explain_lines(scores):
            print(printable(line))
        print()
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.task == "subjectivity":
        from framing.evaluate.subjectivity import evaluate_subjectivity as run
    elif args.task == "speakers":
        from framing.evaluate.speakers import evaluate_speakers as run
    elif args.task == "targets":
        from framing.evaluate.targets import evaluate_targets as run
    else:
        from framing.evaluate.biaswords import evaluate_bias_words as run
    if not Path(args.path).exists():
        print(f"{args.path}: no such file", file=sys.stderr)
        return 1
    predictions = Path(args.predictions) if args.predictions else None
    metrics = run(args.path, predictions=predictions)
    print(json.dumps(metrics, indent=2, ensure_ascii=False, sort_keys=True))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description=(
        "Compare how German news sources frame a story: loaded vocabulary, "
        "sentiment toward actors, opinion vs report."))
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score files or folders and write CSV")
    score.add_argument("paths", nargs="+", help="files (.txt .md .html .pdf) or folders; or archives "
                       "(.csv .tsv .jsonl .parquet, one article per row; folders or globs of them)")
    score.add_argument("--out", help="scores CSV (articles and sources; default scores.csv), or for "
                       "archives a folder for the Parquet datasets (default scores/)")
    score.add_argument("--actors-out", help="actor CSV (long format)")
    score.add_argument("--descriptors-out",
                       help="descriptor CSV: how the texts name each actor besides its name")
    score.add_argument("--quotes-out", help="quotes CSV: one row per quotation or reported "
                                            "statement with its speaker")
    score.add_argument("--any-language", action="store_true",
                       help="score texts that look like another language (with a warning)")
    score.add_argument("--jobs", type=int, default=1,
                       help="worker processes (0 = one per core)")
    score.add_argument("--resume", action="store_true",
                       help="write results as they come to OUT.partial.jsonl and skip files "
                            "already scored there by an interrupted run")
    score.add_argument("--quiet", action="store_true", help="no progress bar")
    from framing.archive.commands import add_report_parser, add_score_options

    add_score_options(score)
    score.set_defaults(func=cmd_score)

    explain = sub.add_parser("explain", help="show per sentence why it scored as it did")
    explain.add_argument("file")
    explain.add_argument("--any-language", action="store_true", help="explain non-German text too")
    explain.set_defaults(func=cmd_explain)

    evaluate = sub.add_parser("evaluate", help="measure a score against gold data")
    evaluate.add_argument("task", choices=EVAL_TASKS)
    evaluate.add_argument("path", help="gold file (TSV or JSON lines) or folder (speakers)")
    evaluate.add_argument("--predictions", help="write one row per gold item to this TSV")
    evaluate.set_defaults(func=cmd_evaluate)

    add_report_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
