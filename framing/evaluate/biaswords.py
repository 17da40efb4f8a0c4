"""Validity check of the loaded-vocabulary score against reader-marked bias words.

Data: Spinde, Hamborg & Gipp (2020), German news articles on migration with the words that
survey readers marked as biased (JSON lines ``{file, topic_group, outlet, bias_words, text}``,
see ``../shared/data/README.md``). Each row becomes an :class:`~framing.model.Article`, is
analysed with :func:`framing.language.analysis.analyze` and scored with
:func:`framing.measures.loaded.score_loaded`, the code path of the real score. Hits in every voice count
(readers marked words in quotations too); furniture never counts.

Matching, word level, per article:

- A *key* is a string case-folded with everything but letters and digits removed
  (``"Millionen-Geschäft"`` -> ``"millionengeschäft"``, ``"torpediert."`` -> ``"torpediert"``).
- Gold items are the article's distinct gold keys; a phrase (``"wirft das Geld"``) is one
  item whose *parts* are its whitespace-separated words.
- Predictions are the article's distinct hit texts (keys); a hit's *parts* are the keys of
  the words inside its span (an idiom's span includes the words between its parts).
- Two keys *agree* when equal, or when the shorter has at least 5 characters and is contained
  in the longer (compound parts, annotators' truncations: ``"humanitäts"`` in
  ``"riesenhumanitätsbaustelle"``), or when the shorter has at least 4 characters, is a prefix
  of the longer and covers three quarters of it (``"abgestumpf"`` / ``"abgestumpft"``).
- A gold item is *found* when its key, or one of its parts, agrees with any part of any hit
  (a gold phrase counts as found if a hit overlaps any of its words). A prediction is
  *correct* when any of its parts agrees with a gold item's key or one of its parts.

Figures: ``precision = correct predictions / predictions``, ``recall = found gold items /
gold items``, ``F1 = 2PR / (P + R)``; micro-averaged by summing counts over articles, and
macro-averaged as the mean of per-article figures. All in [0, 1]; higher is better.
Published reference: Spinde et al. (2020) best word-level F1 0.31 on these articles.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from framing.language.analysis import analyze
from framing.measures.loaded import LoadedHit, score_loaded
from framing.model import Article

_MIN_CONTAINED = 5
_MIN_PREFIX = 4
_PREFIX_SHARE = 0.75
_COLUMNS = ("file", "outlet", "kind", "text", "match", "matched_with", "category", "voice",
            "weight")


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _agree(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= _MIN_CONTAINED and short in long_:
        return True
    return (len(short) >= _MIN_PREFIX and long_.startswith(short)
            and len(short) >= _PREFIX_SHARE * len(long_))


def _parts(text: str) -> tuple[str, ...]:
    keys = [_key(w) for w in text.split()]
    whole = _key(text)
    return tuple(dict.fromkeys([whole, *(k for k in keys if k)]))


def _first_agreeing(parts: Iterable[str], others: dict[str, tuple[str, ...]]) -> str | None:
    parts = tuple(parts)
    for name, other in others.items():
        if any(_agree(p, o) for p in parts for o in other):
            return name
    return None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def micro_prf(rows: Iterable[tuple[int, int, int, int]]) -> tuple[float, float, float]:
    """Micro-averaged (precision, recall, F1) from per-article counts
    ``(gold items, gold items found, predicted hits, correct hits)`` (see module docstring)."""
    gold, found, pred, correct = (sum(col) for col in zip(*rows))
    p = correct / pred if pred else 0.0
    r = found / gold if gold else 0.0
    return p, r, _f1(p, r)


def _read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _article(row: dict) -> Article:
    return Article(source=row.get("outlet", ""), article_id=row.get("file", ""), title="",
                   text=row["text"], kind="evaluation", origin=row.get("file", ""))


def _hit_parts(hits: Iterable[LoadedHit]) -> dict[str, tuple[str, ...]]:
    preds: dict[str, tuple[str, ...]] = {}
    for hit in hits:
        if hit.voice == "excluded":
            continue
        key = _key(hit.text)
        if key and key not in preds:
            preds[key] = _parts(hit.text)
    return preds


def evaluate_bias_words(path: str | Path, *, predictions: Path | None = None) -> dict:
    """Precision, recall and F1 of loaded-vocabulary hits against gold bias words.

    ``path`` is a Spinde 2020 JSON-lines file (e.g. ``dev.jsonl``). Returns a dict with
    ``articles``, ``gold``, ``found``, ``predicted``, ``correct``, ``precision``, ``recall``,
    ``f1`` (micro), ``macro_precision``, ``macro_recall``, ``macro_f1`` and ``per_article``
    (file, outlet, gold, found, predicted, correct). With ``predictions`` a TSV is written
    with one row per gold item and one per prediction. Matching is defined in the module
    docstring.
    """
    rows = _read_rows(Path(path))
    per_article = []
    out_rows: list[dict[str, object]] = []
    for row in rows:
        result = score_loaded(analyze(_article(row)))
        preds = _hit_parts(result.hits)
        first_hit = {}
        for hit in result.hits:
            first_hit.setdefault(_key(hit.text), hit)
        gold: dict[str, tuple[str, ...]] = {}
        for item in row.get("bias_words", []):
            key = _key(item)
            if key and key not in gold:
                gold[key] = _parts(item)
        found = 0
        for key, parts in gold.items():
            match = _first_agreeing(parts, preds)
            found += match is not None
            out_rows.append({"file": row.get("file", ""), "outlet": row.get("outlet", ""),
                             "kind": "gold", "text": key, "match": int(match is not None),
                             "matched_with": match or ""})
        correct = 0
        for key, parts in preds.items():
            match = _first_agreeing(parts, gold)
            correct += match is not None
            hit = first_hit[key]
            out_rows.append({"file": row.get("file", ""), "outlet": row.get("outlet", ""),
                             "kind": "prediction", "text": hit.text,
                             "match": int(match is not None), "matched_with": match or "",
                             "category": hit.category, "voice": hit.voice,
                             "weight": hit.weight})
        per_article.append({"file": row.get("file", ""), "outlet": row.get("outlet", ""),
                            "gold": len(gold), "found": found, "predicted": len(preds),
                            "correct": correct})

    gold_n = sum(a["gold"] for a in per_article)
    found_n = sum(a["found"] for a in per_article)
    pred_n = sum(a["predicted"] for a in per_article)
    correct_n = sum(a["correct"] for a in per_article)
    precision = correct_n / pred_n if pred_n else 0.0
    recall = found_n / gold_n if gold_n else 0.0
    macro_p = [a["correct"] / a["predicted"] if a["predicted"] else 0.0 for a in per_article]
    macro_r = [a["found"] / a["gold"] if a["gold"] else 0.0 for a in per_article]
    macro_f = [_f1(p, r) for p, r in zip(macro_p, macro_r)]
    n = len(per_article)

    if predictions is not None:
        with open(predictions, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=_COLUMNS, delimiter="\t",
                                    lineterminator="\n", extrasaction="ignore")
            writer.writeheader()
            for out in out_rows:
                writer.writerow(out)

    return {
        "data": str(path),
        "articles": n,
        "gold": gold_n,
        "found": found_n,
        "predicted": pred_n,
        "correct": correct_n,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "macro_precision": sum(macro_p) / n if n else 0.0,
        "macro_recall": sum(macro_r) / n if n else 0.0,
        "macro_f1": sum(macro_f) / n if n else 0.0,
        "per_article": per_article,
    }
