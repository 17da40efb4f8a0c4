"""Interviews in question-answer form: whose turn is it?

An interview prints each turn behind a speaker label at the start of a line:
``STANDARD: …`` / ``Neisser: …``, ``Frage: …`` / ``Antwort: …``, ``F: …`` / ``A: …``, or a
bold name prefix ``**Name:** …``. A text counts as an interview when at least three turns
with at least two different labels follow each other, and the same label does not open
every turn. The interviewer is the label whose turns end in a question mark most often (a
label from ``lexicons/voice/interview_labels.tsv`` with role ``interviewer``, such as
"Frage", counts as interviewer, one with role ``interviewee``, such as "Antwort", as
interviewee); every other label is an interviewee, whose answers are quoted voice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from framing.resources import load_table

_WORD = r"[A-ZÄÖÜ][\wÄÖÜäöüß.'\-]*"
_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<label>" + _WORD + r"(?: " + _WORD + r"){0,3})"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(?=\S)",
    re.MULTILINE)
_MIN_TURNS = 3


@dataclass(frozen=True)
class Turn:
    """One turn: the label (as written), its span, the answer or question body span
    (character offsets, end exclusive) and the role ``interviewer`` or ``interviewee``."""

    label: str
    label_start: int
    label_end: int
    start: int
    end: int
    role: str


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return {r["label"].lower(): r["role"] for r in load_table("lexicons/voice/interview_labels.tsv").rows}


def find_turns(text: str) -> list[Turn]:
    """The turns of an interview in ``text``; an empty list when it is not one."""
    hits = [m for m in _LABEL.finditer(text) if not m.group("label").endswith(".")]
    if len(hits) < _MIN_TURNS:
        return []
    labels = [m.group("label") for m in hits]
    counts = Counter(labels)
    if len(counts) < 2 or sum(1 for a, b in zip(labels, labels[1:]) if a != b) < 2:
        return []
    # Only labels that open at least two turns belong to the conversation ("Foto: dpa" does not).
    keep = [m for m in hits if counts[m.group("label")] >= 2]
    if len(keep) < _MIN_TURNS or len({m.group("label") for m in keep}) < 2:
        return []
    bodies = []
    for k, m in enumerate(keep):
        end = keep[k + 1].start() if k + 1 < len(keep) else len(text)
        start = m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        bodies.append((m, start, end))
    known = _labels()
    asks: Counter = Counter()
    turns_of: Counter = Counter()
    for m, start, end in bodies:
        label = m.group("label")
        turns_of[label] += 1
        if text[start:end].rstrip("*_ ").endswith("?"):
            asks[label] += 1
    fixed = {label: known[label.lower()] for label in turns_of if label.lower() in known}
    interviewers = {label for label, role in fixed.items() if role == "interviewer"}
    if not interviewers:
        free = [label for label in turns_of if label not in fixed]
        if free:
            best = max(free, key=lambda lb: (asks[lb] / turns_of[lb], label_is_caps(lb)))
            if asks[best]:
                interviewers = {best}
    if not interviewers:
        return []
    return [Turn(m.group("label"), m.start("label"), m.end("label"), start, end,
                 "interviewer" if m.group("label") in interviewers else "interviewee")
            for m, start, end in bodies]


def label_is_caps(label: str) -> bool:
    """True for a label in capitals ("STANDARD", "SPIEGEL"): outlets name their interviewer so."""
    return label.isupper() and len(label) > 2


def label_role(label: str) -> str:
    """``interviewer`` or ``interviewee`` for a generic label of ``interview_labels.tsv``
    ("Frage", "Antwort"), "" for a name label ("Neisser")."""
    return _labels().get(label.lower(), "")
