"""Which stance particles count as loaded: cross-validation on the Spinde dev split only.

Usage: ``python scripts/tune_particles.py ../shared/data/spinde2020-bias-words/dev.jsonl``

Rule under test: a single-word entry of category ``stance`` gets weight 0 (listed, not
loaded) when, in the training articles, readers marked fewer than ``--max-share`` of the
articles in which it occurs (and it occurs in at least ``--min-articles`` articles). Folds
are the topic groups of the dev split (leave one topic group out). Prints the pooled
held-out precision, recall and F1 with and without the rule, and the entries the rule picks
on all of dev (those are the ones set to weight 0 in ``stance.tsv``). Never run on test.
Entries already at weight 0 are scored as hits here (they are in ``LoadedScore.not_counted``),
so the choice can be rerun on the current lexicon.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from framing.evaluate.biaswords import _article, _first_agreeing, _hit_parts, _key, _parts, micro_prf
from framing.language.analysis import analyze
from framing.measures.loaded import score_loaded


def _scored(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        result = score_loaded(analyze(_article(row)))
        hits = tuple(sorted(result.hits + tuple(n.hit for n in result.not_counted
                                                if n.hit.weight <= 0),
                            key=lambda h: h.start))
        gold = {}
        for item in row.get("bias_words", []):
            key = _key(item)
            if key and key not in gold:
                gold[key] = _parts(item)
        out.append({"group": row.get("topic_group", ""), "hits": hits, "gold": gold})
    return out


def _counts(art: dict, drop: set[str]) -> tuple[int, int, int, int]:
    preds = _hit_parts(h for h in art["hits"] if h.lemma not in drop)
    found = sum(_first_agreeing(p, preds) is not None for p in art["gold"].values())
    correct = sum(_first_agreeing(p, art["gold"]) is not None for p in preds.values())
    return len(art["gold"]), found, len(preds), correct


def _pick(arts: list[dict], max_share: float, min_articles: int) -> set[str]:
    seen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for art in arts:
        for lemma, hit_parts in {h.lemma: _parts(h.text) for h in art["hits"]
                                 if h.category == "stance" and " " not in h.lemma}.items():
            seen[lemma][0] += 1
            seen[lemma][1] += _first_agreeing(hit_parts, art["gold"]) is not None
    return {lemma for lemma, (n, marked) in seen.items()
            if n >= min_articles and marked / n < max_share}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("--max-share", type=float, default=0.5)
    parser.add_argument("--min-articles", type=int, default=2)
    args = parser.parse_args()
    arts = _scored(args.dev)
    base, tuned = [], []
    for group in sorted({a["group"] for a in arts}):
        train = [a for a in arts if a["group"] != group]
        drop = _pick(train, args.max_share, args.min_articles)
        for art in (a for a in arts if a["group"] == group):
            base.append(_counts(art, set()))
            tuned.append(_counts(art, drop))
        print(f"fold {group}: weight 0 for {sorted(drop)}")
    print("held-out, all entries  P {:.3f} R {:.3f} F1 {:.3f}".format(*micro_prf(base)))
    print("held-out, rule applied P {:.3f} R {:.3f} F1 {:.3f}".format(*micro_prf(tuned)))
    print("picked on all of dev:", sorted(_pick(arts, args.max_share, args.min_articles)))


if __name__ == "__main__":
    main()
