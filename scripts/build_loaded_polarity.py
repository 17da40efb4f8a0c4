"""Build ``framing/lexicons/loaded/polarity.tsv`` from the German Polarity Lexicon.

Usage: ``python scripts/build_loaded_polarity.py [--min-polarity 0.7] [--max-zipf 4.5]``
(needs ``wordfreq``: ``pip install wordfreq``; build time only).

Source: German Polarity Lexicon v1.1 (Klenner, Clematide, Wiegand & Peters 2010) as shipped in
``framing/lexicons/opinion/polarity_gpl.tsv`` (Apache-2.0 via textblob-de). Kept: adjectives
and verbs (source tags JJ, VB) with ``|polarity| >= --min-polarity`` whose German word
frequency (wordfreq Zipf) is at most ``--max-zipf`` (the most frequent words, *gut, groß,
bleiben, helfen*, are too plain to be a choice of wording), that are not already an entry of
another loaded-vocabulary file and not listed in ``neutral.tsv`` (domain terms and standard
reporting verbs that the lexicon leaves out on purpose). Each becomes a ``polarity`` entry
of weight ``0.2 * |polarity|``: a mild, general-layer cue. The thresholds were chosen by
leave-one-topic-group-out cross-validation on the Spinde dev split (README there).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[1] / "framing" / "lexicons"
OUT = ROOT / "loaded" / "polarity.tsv"
_POS = {"JJ": "ADJ", "VB": "VV"}


def _lemmas(path: Path) -> set[str]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.split("\t", 1)[0].casefold())
    return out


def build(min_polarity: float = 0.7, max_zipf: float = 4.5, out: Path = OUT) -> int:
    """Write the file; return the number of entries."""
    taken: set[str] = set()
    for path in (ROOT / "loaded").glob("*.tsv"):
        if path.name != out.name:
            taken |= _lemmas(path)
    rows: dict[str, str] = {}
    for line in (ROOT / "opinion" / "polarity_gpl.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 3 or cells[1] not in _POS:
            continue
        word, pos, polarity = cells[0], _POS[cells[1]], float(cells[2])
        key = word.casefold()
        if (abs(polarity) < min_polarity or " " in word or key in taken or key in rows
                or zipf_frequency(word, "de") > max_zipf):
            continue
        rows[key] = f"{word}\t{pos}\t{0.2 * abs(polarity):.2f}\tpolarity\t"
    header = (
        "# source: German Polarity Lexicon v1.1 (Klenner, Clematide, Wiegand & Peters 2010), "
        "from framing/lexicons/opinion/polarity_gpl.tsv; adjectives and verbs with "
        f"|polarity| >= {min_polarity} and wordfreq Zipf <= {max_zipf}, minus the other "
        "loaded files and neutral.tsv; built by scripts/build_loaded_polarity.py\n"
        "# licence: Apache-2.0 (German Polarity Lexicon as distributed in textblob-de 0.4.3)\n"
        "# version: 1.1-loaded-2.0\n"
        "lemma\tpos\tweight\tcategory\tcompound\n"
    )
    out.write_text(header + "\n".join(sorted(rows.values(), key=str.casefold)) + "\n",
                   encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-polarity", type=float, default=0.7)
    parser.add_argument("--max-zipf", type=float, default=4.5)
    args = parser.parse_args()
    print(build(args.min_polarity, args.max_zipf), "entries written to", OUT)


if __name__ == "__main__":
    main()
