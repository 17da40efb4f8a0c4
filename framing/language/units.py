"""Lines and line parts that are not sentences: headlines, datelines, agency credits.

:func:`find_units` returns, for a text, the spans that must stand as units of their own:

- ``headline``: a whole line (headline, subheadline, intertitle) that does not end in
  sentence-final punctuation (``. ! ? : ; …``, optionally followed by closing quotes or
  brackets), nor in a comma or dash, begins with a capital, digit or quotation mark (not a
  bullet or a lower-case continuation) and has at most :data:`MAX_HEADLINE_WORDS` words;
- ``dateline``: the opening of a paragraph that names a place (and often an agency)
  before a dash: "Berlin (dpa) - ", "Washington (AFP/Reuters) – ", "Riad, Saudi-Arabien - ";
- ``credit``: an agency credit, either a line of its own ("dpa/AFP", "(dpa)",
  "Mit Material von Reuters") or in parentheses at the end of a paragraph ("... sagte er. (dpa)").

Agency names come from ``lexicons/units/agencies.tsv``. The pipeline's
``unit_sentencizer`` (:mod:`framing.language.pipeline`) starts a sentence at each unit's
first token and after its last one (and never inside a dateline or credit), so a headline
is never merged into the sentence after it and a credit is never split into "(" and "dpa)". Scorers decide
what to do with each kind: the opinion measure scores headlines and skips datelines and
credits. All spans are character offsets into the text, end exclusive. Linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from framing.resources import load_table

HEADLINE = "headline"
DATELINE = "dateline"
CREDIT = "credit"
#: Kinds that measures of the author's voice skip: they are not sentences of the text.
SKIPPED_UNITS = frozenset({DATELINE, CREDIT})
#: Longer lines without final punctuation are running text that lost its full stop.
MAX_HEADLINE_WORDS = 25
_FINAL = re.compile(r"[.!?:;…][\"'“”„»«‚‘›‹)\]]*\s*$")
_WORD = re.compile(r"\w\w*")
_DASH = r"\s[-–—]\s+"
#: A place in a dateline: one to three capitalised words, optionally ", Country" and a date.
_PLACE = r"[A-ZÄÖÜ][\w.\-/]*(?:\s[A-ZÄÖÜ][\w.\-/]*){0,2}(?:,\s[A-ZÄÖÜ][\w.\-]*(?:\s[A-ZÄÖÜ][\w.\-]*)?)?"


@dataclass(frozen=True)
class Unit:
    """A span that stands on its own: ``kind`` is ``headline``, ``dateline`` or ``credit``."""

    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    names = sorted((r["name"] for r in load_table("lexicons/units/agencies.tsv").rows),
                   key=len, reverse=True)
    agency = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    agencies = rf"{agency}(?:\s*[/,]\s*{agency}|\s+und\s+{agency})*"
    dateline_agency = re.compile(
        rf"^[ \t]*{_PLACE}(?:,?\s[\w. ]{{0,20}}?)?\s*\((?i:{agencies})\)\s*(?:[-–—:]\s*)?")
    dateline_plain = re.compile(rf"^[ \t]*{_PLACE}{_DASH}(?=[A-ZÄÖÜ„\"»])")
    credit_line = re.compile(
        rf"^[ \t]*(?i:\(?\s*(?:quelle:\s*|mit material (?:von|der)\s+)?{agencies}\s*\)?)\.?[ \t]*$")
    credit_tail = re.compile(rf"(?<=[.!?“”\"»«])[ \t]*\((?i:{agencies})\)[ \t]*$")
    return dateline_agency, dateline_plain, credit_line, credit_tail


def find_units(text: str) -> tuple[Unit, ...]:
    """Headlines, datelines and credits of ``text``, in text order (see module doc)."""
    dateline_agency, dateline_plain, credit_line, credit_tail = _patterns()
    units: list[Unit] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, body = pos, line.rstrip("\r\n")
        pos += len(line)
        if not body.strip():
            continue
        lead = len(body) - len(body.lstrip())
        end = start + len(body.rstrip())
        if credit_line.match(body):
            units.append(Unit(start + lead, end, CREDIT))
            continue
        tail = credit_tail.search(body)
        head = body[:tail.start()] if tail else body
        final = _FINAL.search(head) is not None
        if not final and _headline_shape(head):
            units.append(Unit(start + lead, start + len(head.rstrip()), HEADLINE))
        else:
            m = dateline_agency.match(head) or (dateline_plain.match(head) if final else None)
            if m:
                units.append(Unit(start + lead, start + len(m.group(0).rstrip()), DATELINE))
        if tail:
            units.append(Unit(start + tail.start() + len(tail.group(0)) - len(tail.group(0).lstrip()),
                              end, CREDIT))
    return tuple(units)


def _headline_shape(line: str) -> bool:
    """A line that can be a headline: starts with an upper-case letter, digit or quotation
    mark (not a list bullet or a lower-case continuation), does not end in a comma or dash
    (a sentence broken across lines), and is short."""
    stripped = line.strip()
    first = stripped[0]
    if not (first.isupper() or first.isdigit() or first in "„\"»«‚'“"):
        return False
    if stripped[-1] in ",-–—|":
        return False
    return len(_WORD.findall(stripped)) <= MAX_HEADLINE_WORDS


def unit_kind(units: Sequence[Unit], start: int, end: int) -> str:
    """Kind of the unit that covers ``[start, end)``, or ``"sentence"`` when none does.

    ``units`` as :func:`find_units` returns them: in text order and disjoint (each lies within
    its line; a headline or dateline ends before the credit of the same line), so a
    non-empty span can only be covered by the last unit that starts at or before it. One
    binary search: O(log units), so labelling every sentence of a headline-rich text stays
    linear in the text.
    """
    k = bisect.bisect_right(units, start, key=_unit_start) - 1
    if k >= 0 and end <= units[k].end:
        return units[k].kind
    return "sentence"


def _unit_start(unit: Unit) -> int:
    return unit.start


def set_unit_boundaries(doc):
    """Start a sentence at each unit's first token and right after its last token.

    Inside datelines and credits no other sentence starts (a credit "(dpa)" stays one
    unit); inside headlines the sentencizer's own starts are kept. Works on the token
    offsets array, so it costs one regex pass over the text plus O(tokens).
    """
    from framing.language.pipeline import _sent_starts, _set_sent_starts, doc_text

    units = find_units(doc_text(doc))
    if not units or not len(doc):
        return doc
    starts = doc.to_array("IDX").tolist()
    space = doc.to_array("IS_SPACE").tolist()
    values = _sent_starts(doc)  # 1 start, -1 no start, 0 not decided; set once at the end
    for unit in units:
        first = bisect.bisect_left(starts, unit.start)
        after = bisect.bisect_left(starts, unit.end)
        if first >= len(doc) or first >= after:
            continue
        values[first] = 1
        if unit.kind != HEADLINE:
            values[first + 1:after] = -1
        while after < len(doc) and space[after]:
            after += 1
        if after < len(doc):
            values[after] = 1
    _set_sent_starts(doc, values)
    return doc
