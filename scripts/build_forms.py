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

FORMS = Path(__file__).resolve().parents[1] / "framing" / "lexicons" / "forms"
OUT = FORMS / "forms_de.tsv.gz"
SUFFIXES = FORMS / "suffixes_de.tsv"
#: An ending needs this many table forms before its commonest rule is kept.
MIN_SUFFIX_FORMS = 3


def _variants(word: str) -> list[str]:
    """The form as listed and capitalised, each also with "ß" for "ss".

    wordfreq lists casefolded forms, so "groß", "Straße", "daß" appear only as "gross",
    "strasse", "dass"; each "ss" is also tried as "ß" (one at a time and all together).
    A variant that is no German word costs only a table row: it never occurs in text.
    """
    spellings = [word]
    if "ss" in word:
        spots = [i for i in range(len(word) - 1) if word[i:i + 2] == "ss"]
        for i in spots:
            spellings.append(word[:i] + "ß" + word[i + 2:])
        if len(spots) > 1:
            spellings.append(word.replace("ss", "ß"))
    out = []
    for w in spellings:
        for v in (w, w[:1].upper() + w[1:]):
            if v not in out:
                out.append(v)
    return out


def _symbols() -> list[str]:
    """Punctuation marks and symbols (one character each): wordfreq lists no punctuation."""
    import unicodedata

    ranges = [(0x21, 0xBF), (0x2010, 0x205E), (0x20A0, 0x20C0), (0x2190, 0x21FF), (0x2212, 0x2212)]
    return [chr(c) for lo, hi in ranges for c in range(lo, hi + 1)
            if unicodedata.category(chr(c))[0] in "PS"]


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


def _read_lines(path: Path) -> dict[str, str]:
    """form -> its line of a table built earlier (TSV, gzip)."""
    _header, lines = _table_lines(path)
    return {line.split("\t", 1)[0]: line for line in lines}


#: STTS (and HanTa's NNA, NNI) to Universal POS, as the UD German treebanks convert them;
#: PUD writes Penn tags in its XPOS column, so tags are compared as UPOS.
_UPOS = {
    "NN": "NOUN", "NNA": "NOUN", "NNI": "NOUN", "NE": "PROPN", "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "PROAV": "ADV", "PWAV": "ADV", "CARD": "NUM", "ART": "DET", "PPOSAT": "DET", "PDAT": "DET", "PIAT": "DET",
    "PWAT": "DET", "PRELAT": "DET", "PIDAT": "DET", "PPER": "PRON", "PRF": "PRON", "PPOSS": "PRON",
    "PDS": "PRON", "PIS": "PRON", "PRELS": "PRON", "PWS": "PRON", "APPR": "ADP", "APPRART": "ADP",
    "APPO": "ADP", "APZR": "ADP", "PTKVZ": "ADP", "KON": "CCONJ", "KOKOM": "CCONJ", "KOUS": "SCONJ",
    "KOUI": "SCONJ", "PTKNEG": "PART", "PTKZU": "PART", "PTKA": "PART", "PTKANT": "INTJ", "ITJ": "INTJ",
    "TRUNC": "X", "FM": "X", "XY": "X",
}


def _upos(tag: str) -> str:
    if tag.startswith("VA") or tag.startswith("VM"):
        return "AUX"
    if tag.startswith("VV"):
        return "VERB"
    return _UPOS.get(tag, "PUNCT" if tag.startswith("$") else tag)


def _conllu_tokens(path: Path):
    """(form, gold UPOS, gold lemma) of every token of a CoNLL-U file (no multi-word lines)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 5 and cols[0].isdigit():
            yield cols[1], cols[3], cols[2]


def evaluate(paths: list[Path], sample: int = 2000, seed: int = 1) -> int:
    """Accuracy of the guesser (:func:`framing.language.forms.guess`) on forms outside the table.

    For each text (as in ``--verify``; CoNLL-U files are read token by token with their gold
    tag and lemma) and for ``sample`` forms drawn from wordfreq's German list below the
    table's forms: how often the guess agrees with HanTa's context-free analysis (tag, lemma;
    by rule), and for CoNLL-U files how often HanTa and the guesser agree with the gold part
    of speech (as UPOS: STTS mapped by :data:`_UPOS`) and lemma, counted over the tokens
    outside the table.
    """
    import itertools
    import random
    from collections import Counter

    from framing.language.forms import form_table, guess
    from framing.language.pipeline import _analyse_uncached, get_nlp

    table = form_table()
    hanta_of: dict[str, tuple[str, str]] = {}

    def hanta(form: str) -> tuple[str, str]:
        if form not in hanta_of:
            hanta_of[form] = _analyse_uncached(form)
        return hanta_of[form]

    def report(label: str, tokens: list[tuple[str, str | None, str | None]]) -> None:
        outside = [t for t in tokens if any(ch.isalpha() for ch in t[0]) and t[0] not in table]
        words = sum(1 for t in tokens if any(ch.isalpha() for ch in t[0]))
        by_rule: dict[str, Counter] = {}
        gold = Counter()
        for form, gold_tag, gold_lemma in outside:
            h_lemma, h_tag = hanta(form)
            g_lemma, g_tag, how = guess(form, table)
            c = by_rule.setdefault(how, Counter())
            c["n"] += 1
            c["tag"] += g_tag == h_tag
            c["lemma"] += g_lemma == h_lemma
            if gold_tag is not None:
                gold["n"] += 1
                gold["hanta_tag"] += _upos(h_tag) == gold_tag
                gold["guess_tag"] += _upos(g_tag) == gold_tag
                gold["hanta_lemma"] += h_lemma == gold_lemma
                gold["guess_lemma"] += g_lemma == gold_lemma
        n = sum(c["n"] for c in by_rule.values())
        agree_tag = sum(c["tag"] for c in by_rule.values())
        agree_lemma = sum(c["lemma"] for c in by_rule.values())
        print(f"{label}: {len(outside):,} of {words:,} word tokens outside the table "
              f"({len(outside) / max(1, words):.1%}, {len({t[0] for t in outside}):,} forms); guess = HanTa: "
              f"tag {agree_tag / max(1, n):.1%}, lemma {agree_lemma / max(1, n):.1%}; by rule: " + ", ".join(
                  f"{how} {c['n']:,} ({c['tag'] / c['n']:.0%}/{c['lemma'] / c['n']:.0%})"
                  for how, c in sorted(by_rule.items(), key=lambda kv: -kv[1]["n"])))
        if gold["n"]:
            g = gold
            print(f"  against the gold annotation ({g['n']:,} tokens outside the table): UPOS HanTa "
                  f"{g['hanta_tag'] / g['n']:.1%}, guesser {g['guess_tag'] / g['n']:.1%}; lemma HanTa "
                  f"{g['hanta_lemma'] / g['n']:.1%}, guesser {g['guess_lemma'] / g['n']:.1%}")

    tokenizer = get_nlp().tokenizer
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        conllu = [f for f in files if f.suffix == ".conllu"]
        if conllu:
            for f in conllu:
                report(str(f), list(_conllu_tokens(f)))
        else:
            report(str(path), [(t.text, None, None) for text in _texts(path) for t in tokenizer(text)])
    if sample:
        import wordfreq

        listed = [w for w in itertools.islice(wordfreq.iter_wordlist("de", "large"), 2_000_000)
                  if any(ch.isalpha() for ch in w)]
        below = [v for w in listed for v in _variants(w) if v not in table]
        rng = random.Random(seed)
        drawn = rng.sample(below, min(sample, len(below)))
        report(f"wordfreq forms outside the table (random {len(drawn):,} of {len(below):,})",
               [(f, None, None) for f in drawn])
    return 0


def _sort_key(line: str) -> bytes:
    return line.split("\t", 1)[0].encode("utf-8")


def write_table(lines: list[str], out: Path, header: str) -> list[str]:
    """Write the table sorted by the UTF-8 bytes of the form (the order its loader searches in).

    Returns the rows written (each form once).
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = sorted({_sort_key(line): line for line in lines}.values(), key=_sort_key)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(header)
        handle.writelines(lines)
    return lines


def build_suffixes(lines: list[str], out: Path, source: str) -> int:
    """Write the guesser's ending rules (``suffixes_de.tsv``) from the table's lines.

    For each capitalisation class and each ending of one to five letters (lowercased): the
    commonest (tag, lemma rule) among the table's forms with that ending, counted by form;
    kept when at least :data:`MIN_SUFFIX_FORMS` forms have the ending and the rule differs
    from the one of the next shorter ending (the guesser tries the longest ending first).
    """
    from collections import Counter, defaultdict

    from framing.language.forms import MAX_SUFFIX, case_class, lemma_rule

    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for line in lines:
        form, tag, lemma, _syl = line.rstrip("\n").split("\t")
        if not any(ch.isalpha() for ch in form) or tag in ("XY", "FM"):
            continue
        rule = (tag,) + lemma_rule(form, lemma or form)
        cls = case_class(form)
        low = form.lower()
        for k in range(max(1, rule[1]), min(MAX_SUFFIX, len(form) - 1) + 1):
            counts[(cls, low[-k:])][rule] += 1  # a rule cutting more than the ending is no rule of it
    rows = []
    for (cls, suffix), counter in sorted(counts.items(), key=lambda kv: (kv[0][0], len(kv[0][1]), kv[0][1])):
        total = sum(counter.values())
        if total < MIN_SUFFIX_FORMS:
            continue
        rule, n = counter.most_common(1)[0]
        parent = counts.get((cls, suffix[1:])) if len(suffix) > 1 else None
        if parent is not None and sum(parent.values()) >= MIN_SUFFIX_FORMS and parent.most_common(1)[0][0] == rule:
            continue
        tag, cut, add, case = rule
        rows.append(f"{cls}\t{suffix}\t{tag}\t{cut}\t{add}\t{case}\t{total}\t{n / total:.3f}\n")
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            f"# source: derived from {source} by scripts/build_forms.py: for each capitalisation class and "
            "ending (lowercased, 1-5 letters) the commonest STTS tag and lemma rule among the table's forms "
            f"with that ending (counted by form; endings of fewer than {MIN_SUFFIX_FORMS} forms and rules "
            "equal to the next shorter ending's are left out)\n"
            "# licence: CC BY-SA 4.0 (derived from wordfreq data); analyses by HanTa (LGPL-3.0-or-later)\n"
            "# version: 1\n"
            "# columns: case (lower, cap, upper), suffix, tag, cut (letters cut from the form's end), "
            "add (text added), lemma_case (up = lemma capitalised, low = lowercased, empty = as the form), "
            "forms (table forms with the ending), share "
            "(of them with this rule)\n"
            "case\tsuffix\ttag\tcut\tadd\tlemma_case\tforms\tshare\n")
        handle.writelines(rows)
    return len(rows)


def _table_lines(path: Path) -> tuple[str, list[str]]:
    header, lines = [], []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not header or not header[-1].startswith("form\t"):  # up to the column row
                header.append(line)
            elif line.strip():
                lines.append(line if line.endswith("\n") else line + "\n")
    return "".join(header), lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify", type=Path, nargs="+", help="compare the table with HanTa on these texts")
    parser.add_argument("--evaluate", type=Path, nargs="+",
                        help="measure the guesser against HanTa (and gold CoNLL-U) on forms outside the table")
    parser.add_argument("--sample", type=int, default=2000,
                        help="--evaluate: wordfreq forms outside the table to compare (0: none)")
    parser.add_argument("--words", type=int, default=100_000, help="most frequent wordfreq forms to take")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--suffixes", type=Path, default=SUFFIXES)
    parser.add_argument("--reuse", type=Path, help="a table built earlier (TSV): its analyses are copied")
    parser.add_argument("--resort", action="store_true",
                        help="analyse nothing: sort the table at --out and rebuild the ending rules from it")
    args = parser.parse_args(argv)
    if args.verify:
        return verify(args.verify)
    if args.evaluate:
        return evaluate(args.evaluate, sample=args.sample)
    if args.resort:
        header, lines = _table_lines(args.out)
        lines = write_table(lines, args.out, header)
        n = build_suffixes(lines, args.suffixes, args.out.name)
        print(f"{len(lines):,} forms sorted in {args.out}; {n:,} ending rules -> {args.suffixes}")
        return 0

    import wordfreq

    words = [w for w in itertools.islice(wordfreq.iter_wordlist("de", "large"), args.words)
             if any(ch.isalpha() for ch in w)]
    forms = [v for w in words for v in _variants(w)] + _symbols()
    reused: list[str] = []
    if args.reuse and args.reuse.exists():  # HanTa is deterministic: analyses already built are copied
        known = _read_lines(args.reuse)
        reused = [known[f] for f in forms if f in known]
        forms = [f for f in forms if f not in known]
        print(f"{len(reused):,} forms reused from {args.reuse}, {len(forms):,} to analyse", file=sys.stderr)
    chunks = [forms[i: i + 2000] for i in range(0, len(forms), 2000)]
    parts = [reused]
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for k, part in enumerate(pool.imap(_analyse, chunks, chunksize=1), start=1):
            parts.append(part)
            print(f"{k}/{len(chunks)} chunks", file=sys.stderr, flush=True)
    from importlib.metadata import version as _version

    version = _version("wordfreq")
    header = (
        f"# source: wordfreq {version} German list (large_de), {args.words:,} most frequent forms, "
        "each as listed and capitalised, also with ß for ss (wordfreq lists casefolded forms); "
        "tag and lemma from HanTa's context-free analysis "
        "(morphmodel_ger), syllables of the lowercased form from textstat/pyphen (de); "
        "built by scripts/build_forms.py; rows sorted by the UTF-8 bytes of the form\n"
        "# licence: CC BY-SA 4.0 (wordfreq data); analyses by HanTa (LGPL-3.0-or-later)\n"
        "# version: 2\n"
        "form\ttag\tlemma\tsyllables\n")
    lines = write_table([line for part in parts for line in part], args.out, header)
    n = build_suffixes(lines, args.suffixes, args.out.name)
    print(f"{n:,} ending rules -> {args.suffixes}")
    print(f"{sum(len(p) for p in parts):,} forms -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
