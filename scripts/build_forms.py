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
    python scripts/build_forms.py [--words 200000] [--jobs 2]

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
    for form in forms:
        if len(form) > limit or not form.strip() or "\t" in form or "\n" in form:
            continue
        lemma, tag = _analyse_uncached(form)  # HanTa itself, not the table
        if not lemma:  # "" cannot be told from "same as the form": left to run time
            continue
        syl = syllables_uncached(form.lower())
        lines.append(f"{form}\t{tag}\t{'' if lemma == form else lemma}\t{syl}\n")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=200_000, help="most frequent wordfreq forms to take")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    import wordfreq

    words = [w for w in itertools.islice(wordfreq.iter_wordlist("de", "large"), args.words)
             if any(ch.isalpha() for ch in w)]
    forms = [v for w in words for v in _variants(w)]
    chunks = [forms[i: i + 2000] for i in range(0, len(forms), 2000)]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        parts = pool.map(_analyse, chunks, chunksize=1)
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
