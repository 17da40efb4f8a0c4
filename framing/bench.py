"""Benchmark: end-to-end scoring speed and memory against spaCy's bare tokenizer.

``python -m framing.bench [--words 1000000] [--jobs 2]`` builds a corpus from the seed
paragraphs (repeated and shuffled into articles of about 800 words, written to a
temporary folder), then measures on that same text:

1. spaCy's blank German tokenizer alone (words per second, one process);
2. the full scoring, end to end, as ``framing score`` runs it (read files, analyse, score
   all measures, aggregate, write CSV), with ``--jobs`` processes;
3. peak resident memory of the scoring process and its workers, and the parent's
   resident memory after each quarter of the corpus (flat = streaming works).

It prints a small table and a JSON line; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _paragraphs() -> list[str]:
    from framing.io.reader import iter_inputs, read_path

    paras = []
    for path, info in iter_inputs([SEEDS]):
        for article in read_path(path, info=info):
            text = article.text
            for e in sorted(article.excluded, key=lambda e: -e.start):
                text = text[:e.start] + text[e.end:]
            paras.extend(p.strip() for p in text.split("\n") if len(p.split()) >= 8)
    return paras


def build_corpus(folder: Path, words: int, seed: int = 13, article_words: int = 800) -> int:
    """Write shuffled seed paragraphs as articles into ``folder``; return the word count."""
    rng = random.Random(seed)
    paras = _paragraphs()
    total, n = 0, 0
    while total < words:
        rng.shuffle(paras)
        body, count = [], 0
        for p in paras:
            body.append(p)
            count += len(p.split())
            if count >= article_words:
                break
        (folder / f"bench_{n:05d}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
        total += count
        n += 1
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framing.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="corpus size in words")
    parser.add_argument("--jobs", type=int, default=2, help="scoring processes")
    args = parser.parse_args(argv)

    from framing.io.csvout import actors_csv, scores_csv
    from framing.language.pipeline import get_nlp
    from framing.runner import score_files
    from framing.score import aggregate_sources

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        words = build_corpus(folder, args.words)
        files = sorted(folder.glob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]

        tokenizer = get_nlp().tokenizer
        start = time.perf_counter()
        tokens = sum(len(tokenizer(t)) for t in texts)
        tok_seconds = time.perf_counter() - start
        del texts

        rss_before = _rss_mb()
        rss_marks = []
        records = []
        start = time.perf_counter()
        quarter = max(1, len(files) // 4)
        for i, result in enumerate(score_files([folder], jobs=args.jobs, progress=False), start=1):
            records.extend(result.records)
            if i % quarter == 0:
                rss_marks.append(round(_rss_mb(), 1))
        sources = aggregate_sources(records)
        scores_csv(records, sources)
        actors_csv(records, sources)
        score_seconds = time.perf_counter() - start

    # One 1,000-word upload in a warm process, as the dashboard scores it.
    from framing.io.reader import read_bytes
    from framing.score import score_article

    paras = _paragraphs()
    random.Random(7).shuffle(paras)
    upload, count = [], 0
    for p in paras:
        upload.append(p)
        count += len(p.split())
        if count >= 1000:
            break
    data = ("\n".join(upload) + " Einzigartig.\n").encode("utf-8")
    single = []
    for k in range(5):
        t0 = time.perf_counter()
        for article in read_bytes(data + str(k).encode(), f"upload{k}.txt"):
            score_article(article, keep_analysis=True)
        single.append(time.perf_counter() - t0)
    single_seconds = sorted(single)[len(single) // 2]

    scored_words = sum(r["words"] for r in records)
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "corpus_words": words, "files": len(files), "scored_words": scored_words, "jobs": args.jobs,
        "tokenizer_words_per_s": words / tok_seconds, "tokenizer_tokens": tokens,
        "scoring_words_per_s": words / score_seconds, "scoring_seconds": score_seconds,
        "ratio_scoring_to_tokenizer": (words / score_seconds) / (words / tok_seconds),
        "peak_rss_parent_mb": peak_self, "peak_rss_worker_mb": peak_children,
        "rss_parent_mb_before": rss_before, "rss_parent_mb_per_quarter": rss_marks,
        "upload_words": count, "upload_seconds_median_of_5": single_seconds,
    }
    print(f"corpus: {words:,} words in {len(files):,} files (seed paragraphs, shuffled)")
    print(f"spaCy blank 'de' tokenizer alone : {result['tokenizer_words_per_s']:>10,.0f} words/s (1 process)")
    print(f"full scoring, end to end        : {result['scoring_words_per_s']:>10,.0f} words/s "
          f"({args.jobs} processes, {score_seconds:.1f} s)")
    print(f"ratio scoring / tokenizer       : {result['ratio_scoring_to_tokenizer']:.3f}")
    print(f"peak memory: parent {peak_self:.0f} MB, largest worker {peak_children:.0f} MB; "
          f"parent RSS per quarter: {rss_marks} MB")
    print(f"one {count:,}-word upload, warm process: {single_seconds:.3f} s (median of 5)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
