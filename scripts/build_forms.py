"""Build the per-form table ``framing/lexicons/forms/forms_de.tsv.gz``.

For the most frequent German word forms of wordfreq's German list (``large_de``, in the
wordfreq wheel; lowercased forms) the script writes, for the form as listed and for its
capitalised spelling (German nouns and sentence starts), exactly what the pipeline would
compute for that form on its own:

- the STTS tag and lemma of HanTa's context-free analysis
  (:func:`framing.language.pipeline.analyse_word`, the same call the pipeline makes);
- the syllable count of the lowercased form (:func:`framing.measures.readability.syllables`).

The pipeline analyses every word form context-free, so a form found in the table gets the
same tag, lemma and syllable count as one analysed at run time: the table only saves the
time. Forms longer than the pipeline's per-form limit are left out.

Usage::

    pip install wordfreq
    python scripts/build_forms.py [--words 100000] [--jobs 2]
    python scripts/build_forms.py --verify seeds/ ../shared/data/ud-german ...

``--verify`` builds nothing: it tokenizes the given texts (folders of .txt/.md/.html files,
CoNLL-U ``# text =`` lines, the ``sentence``/``text`` fields of TSV and JSON-lines files),
and for every distinct form found in the table compares the table's tag, lemma and
syllables with HanTa's and textstat's run-time answer; it prints the coverage and the
number of differences (0 expected: the pipeline analyses forms context-free).

Licences: the word list is wordfreq's data (CC BY-SA 4.0, Robyn Speer et al.), so the
table is CC BY-SA 4.0; the analyses come from HanTa's German model (HanTa: LGPL-3.0-or-later,
Christian Wartena); the syllable counts from textstat (MIT) with pyphen's German
hyphenation patterns (LGPL/GPL/MPL tri-licence).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import multiprocessing
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "framing" / "lexicons" / "forms" / "forms_de.tsv.gz"


def _variants(word: str) -> list[str]:
    out = [word]
    cap = word[:1].upper() + word[1:]
    if cap != word:
        out.append(cap)
    return out


def _analyse(forms: list[str]) -> list[str]:
    from framing.language.pipeline import _analyse_uncached, form_limit
    from framing.measures.readability import syllables_uncached

    limit = form_limit()
    lines = []
    syllables_of: dict[str, int] = {}
    for form in forms:
        if len(form) > limit or not form.strip() or "\t" in form or "\n" in form:
            continue
        lemma, tag = _analyse_uncached(form)  # HanTa itself, not the table
        if not lemma:  # "" cannot be told from "same as the form": left to run time
            continue
        lower = form.lower()
        if lower not in syllables_of:
            syllables_of[lower] = syllables_uncached(lower)
        syl = syllables_of[lower]
        lines.append(f"{form}\t{tag}\t{'' if lemma == form else lemma}\t{syl}\n")
    return lines


def _texts(path: Path):
    import csv
    import json

    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        if f.suffix in (".txt", ".md", ".html"):
            yield f.read_text(encoding="utf-8", errors="replace")
        elif f.suffix == ".conllu":
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.startswith("# text = "):
                    yield line[9:]
        elif f.suffix == ".tsv":
            with f.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    yield row.get("sentence") or ""
        elif f.suffix in (".jsonl", ".json"):
            for line in f.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict):
                    yield row.get("sentence") or row.get("text") or ""


def verify(paths: list[Path]) -> int:
    """Compare the shipped table with run-time analyses on the forms of the given texts."""
    from framing.language.pipeline import _analyse_uncached, form_table, get_nlp
    from framing.measures.readability import syllables_uncached

    table = form_table()
    tokenizer = get_nlp().tokenizer
    for path in paths:
        counts: dict[str, int] = {}
        for text in _texts(path):
            for token in tokenizer(text):
                if any(ch.isalpha() for ch in token.text):
                    counts[token.text] = counts.get(token.text, 0) + 1
        tokens = sum(counts.values())
        known = [f for f in counts if f in table]
        tag_diff = lemma_diff = syl_diff = 0
        for form in known:
            tag, lemma, syl = table[form]
            rt_lemma, rt_tag = _analyse_uncached(form)
            tag_diff += rt_tag != tag
            lemma_diff += rt_lemma != lemma
            syl_diff += form.islower() and syllables_uncached(form) != syl
        covered = sum(counts[f] for f in known)
        print(f"{path}: {tokens:,} word tokens, {len(counts):,} forms; in the table {len(known):,} forms "
              f"= {covered / max(1, tokens):.1%} of tokens; differences: tag {tag_diff}, lemma {lemma_diff}, "
              f"syllables {syl_diff}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify", type=Path, nargs="+", help="compare the table with HanTa on these texts")
    parser.add_argument("--words", type=int, default=100_000, help="most frequent wordfreq forms to take")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.verify:
        return verify(args.verify)

    import wordfreq

    words = [w for w in itertools.islice(wordfreq.iter_wordlist("de", "large"), args.words)
             if any(ch.isalpha() for ch in w)]
    forms = [v for w in words for v in _variants(w)]
    chunks = [forms[i: i + 2000] for i in range(0, len(forms), 2000)]
    parts = []
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for k, part in enumerate(pool.imap(_analyse, chunks, chunksize=1), start=1):
            parts.append(part)
            print(f"{k}/{len(chunks)} chunks", file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from importlib.metadata import version as _version

    version = _version("wordfreq")
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(
            f"# source: wordfreq {version} German list (large_de), {args.words:,} most frequent forms, "
            "each as listed and capitalised; tag and lemma from HanTa's context-free analysis "
            "(morphmodel_ger), syllables of the lowercased form from textstat/pyphen (de); "
            "built by scripts/build_forms.py\n"
            "# licence: CC BY-SA 4.0 (wordfreq data); analyses by HanTa (LGPL-3.0-or-later)\n"
            "# version: 1\n"
            "form\ttag\tlemma\tsyllables\n")
        for part in parts:
            handle.writelines(part)
    print(f"{sum(len(p) for p in parts):,} forms -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
