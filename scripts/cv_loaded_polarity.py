"""Choose the thresholds of ``build_loaded_polarity.py`` by cross-validation on Spinde dev.

Usage: ``python scripts/cv_loaded_polarity.py ../shared/data/spinde2020-bias-words/dev.jsonl``

For each setting (``--min-polarity`` in {1.0, 0.7} x ``--max-zipf`` in {4.0, 4.5, 5.0}, and no
polarity file), the lexicon is rebuilt and every dev article scored. Folds are the topic
groups (leave one group out): each fold picks the setting with the best micro-F1 on the
other groups and is scored with it. Prints the pooled held-out figures. Rewrites
``polarity.tsv``: run ``build_loaded_polarity.py`` with the chosen setting afterwards.
Never run on test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_loaded_polarity as build  # noqa: E402

import framing.resources as res  # noqa: E402
from framing.evaluate.biaswords import _article, _first_agreeing, _hit_parts, _key, _parts, micro_prf  # noqa: E402
from framing.language.analysis import analyze  # noqa: E402
from framing.measures import loaded  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    analyses = [analyze(_article(r)) for r in rows]
    golds = [{_key(i): _parts(i) for i in r.get("bias_words", []) if _key(i)} for r in rows]

    def run() -> list[tuple[int, int, int, int]]:
        res.load_table.cache_clear()
        loaded._lexicon.cache_clear()
        loaded._compound.cache_clear()
        out = []
        for analysis, gold in zip(analyses, golds):
            preds = _hit_parts(loaded.score_loaded(analysis).hits)
            found = sum(_first_agreeing(p, preds) is not None for p in gold.values())
            correct = sum(_first_agreeing(p, gold) is not None for p in preds.values())
            out.append((len(gold), found, len(preds), correct))
        return out

    results: dict[object, list[tuple[int, int, int, int]]] = {}
    build.OUT.unlink(missing_ok=True)
    results["none"] = run()
    for min_pol, max_zipf in itertools.product([1.0, 0.7], [4.0, 4.5, 5.0]):
        build.build(min_pol, max_zipf)
        results[(min_pol, max_zipf)] = run()
    for setting, counts in results.items():
        print(setting, "all dev P {:.3f} R {:.3f} F1 {:.3f}".format(*micro_prf(counts)))
    groups = [r.get("topic_group", "") for r in rows]
    held, base = [], []
    for group in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != group]
        best = max(results, key=lambda k: micro_prf([results[k][i] for i in train])[2])
        print(f"fold {group} picks {best}")
        held += [results[best][i] for i, g in enumerate(groups) if g == group]
        base += [results["none"][i] for i, g in enumerate(groups) if g == group]
    print("held-out, picked setting P {:.3f} R {:.3f} F1 {:.3f}".format(*micro_prf(held)))
    print("held-out, no polarity    P {:.3f} R {:.3f} F1 {:.3f}".format(*micro_prf(base)))


if __name__ == "__main__":
    main()
