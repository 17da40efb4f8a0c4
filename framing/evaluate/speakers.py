"""Speaker attribution against SpkAtt-2023 (GePaDe, Bundestag speeches, KONVENS 2023 task 1).

Gold: one JSON file per speech with its sentences (token lists) and its speech events
(``Cue`` and ``Source`` token ids ``"sentence:token"``, among other roles). The units
scored are (cue, source) pairs: every gold event with both a cue and a source is one gold
pair; every speech event the product finds that has a source is one predicted pair.

Prediction is the product's own structural finder (:func:`framing.language.speech.find_events`)
run on the gold tokens, tagged by the default pipeline (spaCy lookup lemmas + HanTa STTS
tags), each gold sentence one sentence, with every verb class as cue (``say``, ``think``,
``know``; parliamentary speech marks "ich glaube", "wie Sie wissen" as speech events) and
attribution phrases ("laut", "zufolge"). The cue is the verb token (or the attribution
phrase); the source is the subject phrase found by clause structure, pronouns included.

Matching: a predicted pair is found when its cue token is one of the gold cue tokens and
its source span shares at least one token with the gold source span; each gold pair and
each prediction is matched at most once (in text order). Precision = matched predictions /
predictions, recall = matched gold pairs / gold pairs, F1 their harmonic mean. Cue figures
(predicted cue token among any gold cue's tokens) are reported alongside.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from spacy.attrs import LEMMA, ORTH, TAG
from spacy.tokens import Doc

from framing.language.pipeline import get_nlp
from framing.language.speech import SpeechEvent, Tokens, find_events

#: Verb classes that count as cues on parliamentary speech.
CLASSES = frozenset({"say", "think", "know", "debate", "noun"})


def _ids(values: list[str]) -> set[tuple[int, int]]:
    out = set()
    for v in values:
        s, _, t = v.partition(":")
        if s.isdigit() and t.isdigit():
            out.add((int(s), int(t)))
    return out


def _tag(sentences: list[list[str]]) -> tuple[Tokens, list[tuple[int, int]]]:
    """Tag the gold tokens of one speech; returns the arrays and each sentence's token range."""
    nlp = get_nlp()
    words = [w for sent in sentences for w in sent]
    doc = Doc(nlp.vocab, words=words or [""])
    for name in ("lemmatizer", "hanta_tagger"):
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, LEMMA, TAG]).tolist()
    texts = [strings[r[0]] for r in arr]
    lowers = [t.lower() for t in texts]
    lemmas = [strings[r[1]] or low for r, low in zip(arr, lowers)]
    tags = [strings[r[2]] or "XY" for r in arr]
    ranges, k = [], 0
    for sent in sentences:
        ranges.append((k, k + len(sent)))
        k += len(sent)
    return Tokens(texts, lowers, lemmas, tags), ranges


def predict(sentences: list[list[str]]) -> list[tuple[int, SpeechEvent, list[tuple[int, int]]]]:
    """Speech events per sentence: (sentence index, event, gold-style ids of its source)."""
    tok, ranges = _tag(sentences)
    blocked = [False] * len(tok.texts)
    out = []
    for si, (s0, s1) in enumerate(ranges):
        for e in find_events(tok, s0, s1, blocked, classes=CLASSES):
            ids = [(si, i - s0) for i in range(*e.source)] if e.source else []
            out.append((si, e, ids))
    return out


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_speakers(path: str | Path, predictions: Path | None = None) -> dict[str, Any]:
    """Precision, recall and F1 of (cue, source) pairs on the speeches in folder ``path``."""
    files = sorted(Path(path).glob("*.json")) if Path(path).is_dir() else [Path(path)]
    n_gold = n_pred = tp_pred = tp_gold = 0
    cue_pred = cue_hit = 0
    gold_cues = gold_cue_found = 0
    rows = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        sentences = [s["Tokens"] for s in data.get("Sentences", [])]
        gold = [(_ids(a.get("Cue", [])), _ids(a.get("Source", []))) for a in data.get("Annotations", [])]
        gold_pairs = [(c, s) for c, s in gold if c and s]
        all_cues = set().union(*(c for c, _ in gold)) if gold else set()
        n_gold += len(gold_pairs)
        gold_cues += len(gold)
        events = predict(sentences)
        matched_gold: set[int] = set()
        found_cues = set()
        for si, e, src in events:
            s0 = sum(len(s) for s in sentences[:si])
            cue_ids = {(si, i - s0) for i in range(*e.cue)}
            cue_pred += 1
            cue_hit += bool(cue_ids & all_cues)
            found_cues |= cue_ids
            if not src:
                continue
            n_pred += 1
            hit = next((g for g, (c, s) in enumerate(gold_pairs)
                        if g not in matched_gold and cue_ids & c and set(src) & s), None)
            if hit is not None:
                matched_gold.add(hit)
                tp_pred += 1
            rows.append((f.name, si, " ".join(sentences[si][i - s0] for i in range(*e.cue)
                                              if 0 <= i - s0 < len(sentences[si])),
                         " ".join(sentences[t[0]][t[1]] for t in src), e.source_kind, int(hit is not None)))
        tp_gold += len(matched_gold)
        gold_cue_found += sum(1 for c, _ in gold if c & found_cues)
    if predictions is not None:
        with predictions.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["file", "sentence", "cue", "source", "source_kind", "matched"])
            writer.writerows(rows)
    pairs = _prf(tp_pred, n_pred, tp_gold, n_gold)
    cues = _prf(cue_hit, cue_pred, gold_cue_found, gold_cues)
    return {
        "task": "speakers (SpkAtt-2023 task 1, cue-source pairs)",
        "files": len(files), "gold_pairs": n_gold, "predicted_pairs": n_pred,
        "matched_predictions": tp_pred, "matched_gold": tp_gold,
        **pairs,
        "cue_precision": cues["precision"], "cue_recall": cues["recall"], "cue_f1": cues["f1"],
    }
