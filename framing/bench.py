"""Benchmark: scoring speed on text with a realistic vocabulary, against spaCy's bare tokenizer.

``python -m framing.bench [--words 200000] [--jobs 2] [--text PATH] [--check]`` measures on
one reproducible German text (``--seed``):

- the text: the seed articles' paragraphs (furniture removed), shuffled and repeated, with
  most words of five or more letters replaced by words drawn by German word frequency from
  wordfreq's list (``pip install wordfreq``), capitalisation kept; so the vocabulary grows
  as in real text instead of repeating the seeds' 3,300 forms. ``--text PATH`` uses any
  German text files or folders instead (repeated only when shorter than ``--words``);
1. the bare ``spacy.blank("de")`` tokenizer, fresh (empty cache), over the articles;
2. full scoring in one process (read, tokenize, tags/lemmas, sentences, voices, loaded,
   actors, opinion, readability), with the per-form caches empty, figures per stage; then
   the same articles again with every per-form cache warm; the ratios to the tokenizer;
3. growth: one long article of each ``--growth`` size, per-word cost, and texts with many
   actor mentions (``--mentions``), per-word cost; both with warm per-form caches (the long
   texts repeat a 50,000-word base text that is scored first), so the figures show how the
   cost grows with the length of a text, not with new word forms;
4. cold start: a fresh Python process scoring its first article (CPU-seconds), and which
   heavy modules it imported;
5. end to end as ``framing score`` runs it (files, ``--jobs`` processes), and, as a second,
   labelled line, the old repeated-seed-paragraph corpus (3,300 forms: flatters the caches).

``--check`` exits with status 1 when the per-word cost at the largest size is more than
``--factor`` times the cost at the smallest (growth and mentions). It prints a table and a
JSON line; nothing is written to the repository. In-process figures (tokenizer, stages,
growth) are CPU time of this process (``time.process_time``), so other programs running on
the machine disturb them less; the end-to-end lines are wall-clock time.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_LONG_WORD = re.compile(r"\b[^\W\d_]{5,}\b")
_BASE_WORDS = 50_000
_ARTICLE_WORDS = 800
_STAGES = ("read", "tokenize", "tags/lemmas", "sentences", "voices", "analysis arrays",
           "loaded", "actors", "opinion", "readability")
_PIPE_STAGE = {"lemmatizer": "tags/lemmas", "hanta_tagger": "tags/lemmas", "line_sentencizer": "sentences",
               "sentencizer": "sentences", "opening_quote_sentencizer": "sentences",
               "unit_sentencizer": "sentences"}
#: Modules whose import (or data) costs noticeable time; the cold-start report says which were loaded.
_HEAVY = ("sklearn", "scipy", "textstat", "pyphen", "py3langid", "HanTa", "trafilatura", "pypdf",
          "plotly", "streamlit", "pandas")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- text
def _paragraphs(paths: list[Path] | None = None) -> list[str]:
    """Paragraphs (8+ words, furniture removed) of the seed articles or of the given files."""
    from framing.io.reader import iter_inputs, read_path

    paras = []
    for path, info in iter_inputs(paths or [SEEDS]):
        for article in read_path(path, info=info, any_language=paths is not None):
            text = article.text
            for e in sorted(article.excluded, key=lambda e: -e.start):
                text = text[:e.start] + text[e.end:]
            paras.extend(p.strip() for p in text.split("\n") if len(p.split()) >= 8)
    return paras


class _Vocabulary:
    """German words of five or more letters, drawn by their frequency (wordfreq's list)."""

    def __init__(self) -> None:
        try:
            import wordfreq
        except ImportError as exc:
            raise SystemExit("the realistic-vocabulary text needs wordfreq (pip install wordfreq), "
                             "or pass --text PATH with German text files") from exc
        words, cum, total = [], [], 0.0
        for k, bucket in enumerate(wordfreq.get_frequency_list("de", "large")):
            weight = 10 ** (-k / 100)
            for w in bucket:
                if len(w) >= 5 and w.isalpha():
                    total += weight
                    words.append(w)
                    cum.append(total)
        self.words, self.cum, self.total = words, cum, total

    def draw(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_left(self.cum, rng.random() * self.total)]


def _recase(new: str, old: str) -> str:
    if len(old) > 1 and old.isupper():
        return new.upper()
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def make_text(words: int, *, seed: int = 13, paths: list[Path] | None = None,
              replace_share: float = 0.8) -> list[str]:
    """Paragraphs holding about ``words`` words (see the module docstring), reproducible by ``seed``."""
    rng = random.Random(seed)
    paras = _paragraphs(paths)
    if not paras:
        raise SystemExit("no paragraphs of eight or more words in the given text")
    vocab = None if paths else _Vocabulary()

    def swap(m: re.Match[str]) -> str:
        if rng.random() >= replace_share:
            return m.group()
        return _recase(vocab.draw(rng), m.group())

    out, total = [], 0
    while total < words:
        order = paras[:]
        if paths is None or total:
            rng.shuffle(order)
        for p in order:
            out.append(_LONG_WORD.sub(swap, p) if vocab else p)
            total += len(p.split())
            if total >= words:
                break
    return out


def as_articles(paras: list[str], article_words: int = _ARTICLE_WORDS) -> list[str]:
    """Group paragraphs into articles of about ``article_words`` words."""
    articles, body, count = [], [], 0
    for p in paras:
        body.append(p)
        count += len(p.split())
        if count >= article_words:
            articles.append("\n".join(body) + "\n")
            body, count = [], 0
    if body:
        articles.append("\n".join(body) + "\n")
    return articles


def with_mentions(paras: list[str], *, every: int = 5, seed: int = 17) -> list[str]:
    """The paragraphs with every ``every``-th word replaced by an actor name from the registry."""
    from framing.resources import load_table

    names = [r["alias"] for r in load_table("lexicons/actors/actors.tsv").rows
             if r["alias_type"] == "surname"][:12] or ["Putin", "Trump"]
    rng = random.Random(seed)
    out, k = [], 0
    for p in paras:
        words = p.split(" ")
        for i in range(len(words)):
            k += 1
            if k % every == 0 and words[i].isalpha():
                words[i] = rng.choice(names)
        out.append(" ".join(words))
    return out


def _prefix(paras: list[str], words: int) -> str:
    """About ``words`` words from ``paras``, cycling through them when they are shorter."""
    body, count, k = [], 0, 0
    while count < words:
        p = paras[k % len(paras)]
        body.append(p)
        count += len(p.split())
        k += 1
    return "\n".join(body) + "\n"


# --------------------------------------------------------------------------- measuring
def clear_form_caches() -> None:
    """Empty every per-form cache of the pipeline and the readability measure (the table stays)."""
    from framing.language import pipeline
    from framing.measures import readability

    pipeline.clear_caches()
    readability._cached_syllables().cache_clear()


def score_staged(text: str, name: str, stages: dict[str, float]) -> int:
    """Score one text as ``framing score`` does, adding seconds per stage; return its scored words.

    The same calls as :func:`framing.score.score_article` after :func:`framing.io.reader.read_bytes`,
    run one by one so each can be timed.
    """
    from framing.io.reader import read_bytes
    from framing.language import analysis as analysis_module
    from framing.language.pipeline import get_nlp, make_doc
    from framing.measures.actors import score_actors
    from framing.measures.loaded import score_loaded
    from framing.measures.opinion import score_opinion
    from framing.measures.readability import score_readability

    nlp = get_nlp()
    t = time.process_time()
    articles = read_bytes(text.encode("utf-8"), name)
    stages["read"] += time.process_time() - t
    words = 0
    inner = analysis_module.assign_voices

    def timed_voices(*args, **kwargs):
        t0 = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            stages["voices"] += time.process_time() - t0

    for article in articles:
        t = time.process_time()
        doc = make_doc(nlp, article.text)
        stages["tokenize"] += time.process_time() - t
        for pipe_name, proc in nlp.pipeline:
            t = time.process_time()
            doc = proc(doc)
            stages[_PIPE_STAGE.get(pipe_name, pipe_name)] += time.process_time() - t
        analysis_module.assign_voices = timed_voices
        before = stages["voices"]
        t = time.process_time()
        try:
            analysis = analysis_module.analyze_doc(article, doc)
        finally:
            analysis_module.assign_voices = inner
        stages["analysis arrays"] += time.process_time() - t - (stages["voices"] - before)
        for stage, scorer in (("loaded", score_loaded), ("actors", score_actors),
                              ("opinion", score_opinion), ("readability", score_readability)):
            t = time.process_time()
            scorer(analysis)
            stages[stage] += time.process_time() - t
        words += analysis.words
    return words


def run_articles(articles: list[str]) -> tuple[float, dict[str, float], int]:
    """Score every article in this process; (seconds, seconds per stage, scored words)."""
    stages: dict[str, float] = defaultdict(float)
    words = 0
    for k, text in enumerate(articles):
        words += score_staged(text, f"bench_{k:05d}.txt", stages)
    return sum(stages.values()), dict(stages), words


def bare_tokenizer_seconds(articles: list[str]) -> tuple[float, int]:
    """Seconds of a fresh ``spacy.blank("de")`` tokenizer (empty cache) over the articles."""
    import spacy

    tokenizer = spacy.blank("de").tokenizer
    t = time.process_time()
    tokens = sum(len(tokenizer(text)) for text in articles)
    return time.process_time() - t, tokens


def growth(base: list[str], sizes: list[int], *, warm_words: int = _BASE_WORDS) -> list[dict[str, float]]:
    """Per-word cost of one article of each size (in words), caches warmed on ``base`` first."""
    from framing.model import Article
    from framing.score import score_article

    score_article(Article(source="warm", article_id="warm", title="", text=_prefix(base, warm_words)))
    rows = []
    for size in sizes:
        text = _prefix(base, size)
        article = Article(source="bench", article_id=f"n{size}", title="", text=text)
        t = time.process_time()
        scores = score_article(article)
        seconds = time.process_time() - t
        rows.append({"words": scores.words, "seconds": seconds,
                     "us_per_word": 1e6 * seconds / max(1, scores.words),
                     "mentions": sum(a.mentions for a in scores.actors.actors)})
    return rows


def check_growth(rows: list[dict[str, float]], factor: float) -> bool:
    """True when the per-word cost of the largest text is at most ``factor`` times the smallest's."""
    return rows[-1]["us_per_word"] <= factor * rows[0]["us_per_word"]


_COLD = r"""
import json, resource, sys, time
def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF); return u.ru_utime + u.ru_stime
t0 = cpu(); w0 = time.perf_counter()
from framing.io.reader import read_bytes
from framing.score import score_article
t1 = cpu()
data = sys.stdin.buffer.read()
for article in read_bytes(data, "first.txt"):
    score_article(article)
t2 = cpu()
for article in read_bytes(data + b" Zweiter Artikel.", "second.txt"):
    score_article(article)
t3 = cpu()
heavy = [m for m in HEAVY if m in sys.modules]
print(json.dumps({"import_cpu_s": t1 - t0, "first_article_cpu_s": t2 - t1, "second_article_cpu_s": t3 - t2,
                  "total_cpu_s": t2, "wall_s": time.perf_counter() - w0, "heavy_modules": heavy}))
"""


def cold_start(text: str) -> dict[str, object]:
    """Score one article in a fresh process; CPU-seconds of imports and of the first article."""
    code = _COLD.replace("HEAVY", repr(_HEAVY))
    out = subprocess.run([sys.executable, "-c", code], input=text.encode("utf-8"),
                         capture_output=True, check=True)
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def end_to_end(articles: list[str], jobs: int) -> tuple[float, int]:
    """Seconds for ``framing score`` on the articles written as files (with ``jobs`` processes)."""
    from framing.io.csvout import actors_csv, scores_csv
    from framing.runner import score_files
    from framing.score import aggregate_sources

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k, text in enumerate(articles):
            (folder / f"bench_{k:05d}.txt").write_text(text, encoding="utf-8")
        records = []
        t = time.perf_counter()
        for result in score_files([folder], jobs=jobs, progress=False):
            records.extend(result.records)
        sources = aggregate_sources(records)
        scores_csv(records, sources)
        actors_csv(records, sources)
        return time.perf_counter() - t, sum(r["words"] for r in records)


def _forms(articles: list[str]) -> tuple[int, float]:
    """Distinct word forms of the text and the share of word tokens found in the shipped table."""
    import spacy

    from framing.language.pipeline import form_table

    table = form_table()
    tokenizer = spacy.blank("de").tokenizer
    forms, hits, total = set(), 0, 0
    for text in articles:
        for token in tokenizer(text):
            t = token.text
            if any(ch.isalpha() for ch in t):
                forms.add(t)
                total += 1
                hits += t in table
    return len(forms), hits / total if total else 0.0


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framing.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=200_000, help="corpus size in words")
    parser.add_argument("--jobs", type=int, default=2, help="scoring processes for the end-to-end lines")
    parser.add_argument("--text", type=Path, action="append",
                        help="German text files or folders to use instead of the generated text")
    parser.add_argument("--seed", type=int, default=13, help="seed of the generated text")
    parser.add_argument("--growth", default="10000,100000,500000", help="article sizes in words")
    parser.add_argument("--mentions", type=int, default=20_000, help="actor mentions of the largest mention text")
    parser.add_argument("--check", action="store_true", help="exit 1 when per-word cost grows by more than --factor")
    parser.add_argument("--factor", type=float, default=2.0, help="allowed growth of the per-word cost (--check)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: cold,growth,mentions,e2e,repeated")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    from framing.language.pipeline import form_table, get_nlp, guesses_unknown_forms

    paras = make_text(args.words, seed=args.seed, paths=args.text)
    articles = as_articles(paras)
    words = sum(len(a.split()) for a in articles)
    result: dict[str, object] = {"corpus_words": words, "articles": len(articles),
                                 "text": "files" if args.text else f"generated, seed {args.seed}"}
    rss, t = _rss_mb(), time.process_time()
    table_size = len(form_table())
    result.update(table_load_s=time.process_time() - t, table_mb=_rss_mb() - rss)
    distinct, coverage = _forms(articles)
    result.update(distinct_forms=distinct, table_coverage=coverage)

    cold = None if "cold" in skip else cold_start(articles[0])
    result["cold_start"] = cold

    tok_seconds, tokens = bare_tokenizer_seconds(articles)
    get_nlp()
    # Load the models once (each measure's model and data: part of the cold start, not of
    # the per-word figures), then forget every per-form analysis.
    score_staged("Der Kanzler sagte am Montag in Berlin, die Gespräche seien „sehr gut“ verlaufen.\n",
                 "warm.txt", defaultdict(float))
    clear_form_caches()
    cold_seconds, cold_stages, scored = run_articles(articles)
    warm_seconds, warm_stages, _ = run_articles(articles)
    tok_rate = words / tok_seconds
    result.update(
        tokenizer_words_per_s=tok_rate, tokenizer_tokens=tokens, scored_words=scored,
        scoring_words_per_s=words / cold_seconds, ratio=(words / cold_seconds) / tok_rate,
        warm_words_per_s=words / warm_seconds, ratio_warm=(words / warm_seconds) / tok_rate,
        stages_us_per_word={k: 1e6 * v / words for k, v in cold_stages.items()},
        warm_stages_us_per_word={k: 1e6 * v / words for k, v in warm_stages.items()},
        table_forms=table_size, unknown_forms="guessed" if guesses_unknown_forms() else "hanta",
    )

    sizes = [int(s) for s in args.growth.split(",") if s]
    grow = [] if "growth" in skip else growth(make_text(_BASE_WORDS, seed=args.seed + 1, paths=args.text), sizes)
    ments = []
    if "mentions" not in skip:
        base = with_mentions(make_text(_BASE_WORDS, seed=args.seed + 2, paths=args.text))
        ments = growth(base, [args.mentions * 5 // 10, args.mentions * 5])
    result.update(growth=grow, mentions=ments)

    e2e = None if "e2e" in skip else end_to_end(articles, args.jobs)
    repeated = None
    if "repeated" not in skip:
        rep_articles = as_articles(make_text(args.words, seed=args.seed, paths=[SEEDS]))
        rep_words = sum(len(a.split()) for a in rep_articles)
        rep_tok, _ = bare_tokenizer_seconds(rep_articles)
        rep_seconds, _ = end_to_end(rep_articles, args.jobs)
        repeated = {"words": rep_words, "words_per_s": rep_words / rep_seconds,
                    "ratio": (rep_words / rep_seconds) / (rep_words / rep_tok)}
    result.update(end_to_end=e2e and {"seconds": e2e[0], "words_per_s": words / e2e[0]}, repeated=repeated,
                  jobs=args.jobs, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    print(f"text: {words:,} words in {len(articles):,} articles ({result['text']}); {distinct:,} distinct "
          f"forms; {coverage:.1%} of word tokens in the shipped table ({table_size:,} forms, loaded in "
          f"{result['table_load_s']:.2f} CPU-s, {result['table_mb']:.0f} MB); forms outside it "
          f"{'guessed from the table' if guesses_unknown_forms() else 'analysed by HanTa'}")
    print(f"spaCy blank 'de' tokenizer alone, empty cache : {tok_rate:>9,.0f} words/s (1 process)")
    print(f"full scoring, 1 process, per-form caches cold: {words / cold_seconds:>9,.0f} words/s   "
          f"ratio {result['ratio']:.3f}")
    print(f"full scoring, 1 process, per-form caches warm: {words / warm_seconds:>9,.0f} words/s   "
          f"ratio {result['ratio_warm']:.3f}")
    print("per stage, µs per word (cold / warm): " + ", ".join(
        f"{k} {1e6 * cold_stages.get(k, 0) / words:.1f}/{1e6 * warm_stages.get(k, 0) / words:.1f}"
        for k in _STAGES))
    ok = True
    for label, rows in (("growth, one article", grow), ("actor mentions", ments)):
        if not rows:
            continue
        print(f"{label} (warm caches): " + "; ".join(
            f"{r['words']:,} words, {r['mentions']:,} mentions: {r['us_per_word']:.1f} µs/word" for r in rows)
            + f"; largest/smallest {rows[-1]['us_per_word'] / rows[0]['us_per_word']:.2f}")
        ok = ok and check_growth(rows, args.factor)
    if cold:
        print(f"cold start, fresh process: imports {cold['import_cpu_s']:.2f} + first article "
              f"{cold['first_article_cpu_s']:.2f} = {cold['total_cpu_s']:.2f} CPU-s (second article "
              f"{cold['second_article_cpu_s']:.2f}); heavy modules loaded: {', '.join(cold['heavy_modules'])}")
    if e2e:
        print(f"end to end (framing score, {args.jobs} processes, files): {words / e2e[0]:>9,.0f} words/s")
    if repeated:
        print(f"[second line, flatters the caches] repeated seed paragraphs, {repeated['words']:,} words, end "
              f"to end: {repeated['words_per_s']:,.0f} words/s, ratio to its tokenizer {repeated['ratio']:.3f}")
    print(json.dumps(result))
    if args.check and not ok:
        print(f"check failed: per-word cost grew by more than {args.factor}x", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
