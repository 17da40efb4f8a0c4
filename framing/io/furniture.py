"""Recognise page furniture: text on a page that is not part of the article.

Furniture is never deleted: it is returned as :class:`framing.model.Excluded` spans so
that scores skip it and the UI can show it greyed out. The rules are line-based:

- ``pingback``: lines that start with ``[…]`` or ``[...]`` (blog trackbacks);
- ``url``: lines that are a bare URL;
- ``table``: Markdown-like table rows (two or more ``|``) and separator rows (``---|---``);
- ``caption``: lines that end in a photo credit (``Foto: …``, ``Bild: …``, ``©``);
- ``tags``/``menu``/``advert``: lines with a cue from ``lexicons/furniture.tsv``, runs of
  short dash-list items (site menus), and the trailing block of short, unpunctuated lines
  that follows such a line at the end of a page (adverts, author lists, link lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from framing.model import Excluded
from framing.resources import load_table

_PINGBACK = re.compile(r"^\s*\[(?:…|\.\.\.)\]")
_URL_LINE = re.compile(r"^\s*(?:<?https?://|www\.)\S+>?\s*$", re.IGNORECASE)
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_CAPTION = re.compile(
    r"(?:\b(?:Foto|Fotos|Bild|Bilder|Photo|Grafik|Quelle)\s*:\s*[^.!?]{2,80}|©[^.!?]{0,80})\s*\)?$"
)
_MENU_ITEM = re.compile(r"^\s*[-*]\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;\"“”»«)]\s*$")
_SHORT_LINE_WORDS = 12
_MENU_ITEM_WORDS = 4


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    strong: bool
    reason: str
    literal: str = ""  # the cue's lowercased text: a line without it cannot match (cheap prefilter)


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    cues = []
    for row in load_table("lexicons/furniture.tsv").rows:
        cue = row["cue"].lower()
        if cue.endswith("*"):
            pattern = r"(?<!\w)" + re.escape(cue[:-1])
        else:
            pattern = r"(?<!\w)" + re.escape(cue) + (r"(?!\w)" if cue[-1].isalnum() else "")
        cues.append(_Cue(re.compile(pattern, re.IGNORECASE), row["strength"] == "strong", row["reason"],
                         cue.rstrip("*")))
    return tuple(cues)


def _words(line: str) -> int:
    return len(line.split())


def _at_most_words(line: str, most: int) -> bool:
    """``_words(line) <= most``, splitting no further than needed."""
    return len(line.split(None, most)) <= most


def _is_short_unpunctuated(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if stripped.isupper() and _words(stripped) <= _SHORT_LINE_WORDS:
        return True
    return _words(stripped) <= _SHORT_LINE_WORDS // 2 and not _SENTENCE_END.search(stripped)


def classify_line(line: str) -> str | None:
    """Return the furniture reason for one line on its own, or ``None``."""
    stripped = line.strip()
    if not stripped:
        return None
    if _PINGBACK.match(stripped):
        return "pingback"
    if _URL_LINE.match(stripped):
        return "url"
    if _TABLE_SEP.match(stripped) or stripped.count("|") >= 2:
        return "table"
    # a caption needs a colon or "©" (cheap tests before the regular expression)
    if (":" in stripped or "©" in stripped) and _CAPTION.search(stripped) and _words(stripped) <= 60:
        return "caption"
    short = _at_most_words(stripped, _SHORT_LINE_WORDS) and not _SENTENCE_END.search(stripped.rstrip(":"))
    lowered = stripped.lower()
    for cue in _cues():
        if cue.literal in lowered and cue.pattern.search(stripped) and (cue.strong or short or stripped.endswith(":")):
            return cue.reason
    if stripped.startswith("#") and " " not in stripped[1:].strip():
        return "tags"
    return None


def find_furniture(text: str) -> tuple[Excluded, ...]:
    """Find the furniture lines of ``text`` (see the module docstring for the rules)."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body), body))
        pos += len(raw)

    reasons: list[str | None] = [classify_line(body) for _, _, body in lines]

    # Runs of two or more short dash-list items are site menus or tag lists.
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _MENU_ITEM.match(lines[j][2]) and (
            _words(lines[j][2]) - 1 <= _MENU_ITEM_WORDS
        ) and not _SENTENCE_END.search(lines[j][2].rstrip(":")):
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                reasons[k] = reasons[k] or "menu"
        i = max(j, i + 1)

    # The trailing block: after the last furniture line that is followed only by short,
    # unpunctuated lines (or furniture), everything to the end is furniture.
    last_content = None
    for k in range(len(lines) - 1, -1, -1):
        body = lines[k][2]
        if not body.strip() or reasons[k] or _is_short_unpunctuated(body):
            continue
        last_content = k
        break
    first_tail_furniture = next(
        (k for k in range((last_content or -1) + 1, len(lines)) if reasons[k]), None
    )
    if first_tail_furniture is not None:
        for k in range(first_tail_furniture, len(lines)):
            if lines[k][2].strip() and not reasons[k]:
                body = lines[k][2]
                reasons[k] = (
                    "table" if "|" in body else "menu" if _MENU_ITEM.match(body) else "advert"
                )

    found = []
    for (start, _end, body), reason in zip(lines, reasons):
        if reason and body.strip():
            lead = len(body) - len(body.lstrip())
            trail = len(body.rstrip())
            found.append(Excluded(start + lead, start + trail, reason, body.strip()))
    return tuple(found)
