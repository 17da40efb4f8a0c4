"""Command line: ``framing score``, ``framing explain``, ``framing evaluate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.reader import ReadError, iter_inputs, read_path

EVAL_TASKS = ("subjectivity", "targets", "bias-words")


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _load(paths: list[str]):
    """Yield articles from files and folders; report unreadable files on stderr."""
    failures = 0
    for path, info in iter_inputs(paths):
        try:
            yield from read_path(path, info=info)
        except ReadError as exc:
            failures += 1
            print(f"{path}: skipped: {exc}", file=sys.stderr)


def cmd_score(args: argparse.Namespace) -> int:
    from framing.csvout import actors_csv, scores_csv
    from framing.score import aggregate_sources, score_article

    articles = []
    for article in _load(args.paths):
        try:
            articles.append(score_article(article))
        except Exception as exc:  # one broken article must not stop the run
            print(f"{article.origin or article.article_id}: not scored: {exc}", file=sys.stderr)
    if not articles:
        print("No article could be scored.", file=sys.stderr)
        return 1
    sources = aggregate_sources(articles)
    Path(args.out).write_text(scores_csv(articles, sources), encoding="utf-8")
    if args.actors_out:
        Path(args.actors_out).write_text(actors_csv(articles, sources), encoding="utf-8")
    print(f"{len(articles)} articles from {len(sources)} sources -> {args.out}"
          + (f", {args.actors_out}" if args.actors_out else ""))
    print(f"{'source':45} {'art':>3} {'words':>6} {'loaded/1000':>11} {'opinion':>7} {'flesch':>6}")
    for s in sources:
        print(f"{s.source[:45]:45} {s.articles:>3} {s.words:>6} "
              f"{_fmt(s.loaded_author_per_1000):>11} {_fmt(s.opinion_ratio):>7} "
              f"{_fmt(s.flesch_amstad):>6}")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from framing.explain import explain_lines
    from framing.score import score_article

    try:
        articles = read_path(args.file)
    except ReadError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    for article in articles:
        scores = score_article(article, keep_analysis=True)
        for line in explain_lines(scores):
            print(line)
        print()
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.task == "subjectivity":
        from framing.eval_subjectivity import evaluate_subjectivity as run
    elif args.task == "targets":
        from framing.eval_targets import evaluate_targets as run
    else:
        from framing.eval_biaswords import evaluate_bias_words as run
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
    score.add_argument("paths", nargs="+", help="files (.txt .md .html .pdf) or folders")
    score.add_argument("--out", default="scores.csv", help="scores CSV (articles and sources)")
    score.add_argument("--actors-out", help="actor CSV (long format)")
    score.set_defaults(func=cmd_score)

    explain = sub.add_parser("explain", help="show per sentence why it scored as it did")
    explain.add_argument("file")
    explain.set_defaults(func=cmd_explain)

    evaluate = sub.add_parser("evaluate", help="measure a score against gold data")
    evaluate.add_argument("task", choices=EVAL_TASKS)
    evaluate.add_argument("path", help="gold file (TSV or JSON lines)")
    evaluate.add_argument("--predictions", help="write one row per gold item to this TSV")
    evaluate.set_defaults(func=cmd_evaluate)
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
