"""The one place that makes text safe for spreadsheets and terminals.

:func:`safe_cell` formats every cell of every table the package writes (CSV, xlsx,
Parquet string columns meant for spreadsheets): whatever the origin of a text (manifest,
file name, title, actor, speaker, descriptor, source name), it can neither start a new
record nor run as a formula. :func:`printable` escapes control characters in text shown on
a terminal, so a file name cannot forge lines, clear the screen or rename the window.
"""

from __future__ import annotations

import math
import unicodedata

#: Characters a spreadsheet reads as the start of a formula (also in their full-width forms).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Line and cell breaks a spreadsheet or CSV reader may act on, anywhere in a cell.
_BREAKS = {ord(ch): " " for ch in "\r\n\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _no_controls(text: str) -> str:
    text = text.translate(_BREAKS)
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return text


def safe_cell(value: object) -> str:
    """Format one cell: floats with 4 decimals, NaN empty, text neutralised.

    Text: every CR, LF, tab and other control character becomes a space (so no cell can
    start a record or a new cell), and a text whose first visible character is a formula
    prefix (``= + - @``, also full-width) gets a leading apostrophe, which spreadsheets
    show as text. Numbers are formatted, never prefixed.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.4f}"
    if isinstance(value, int):
        return str(value)
    text = _no_controls(str(value))
    return "'" + text if text.lstrip().startswith(FORMULA_PREFIXES) else text


def printable(value: object) -> str:
    """Text for a terminal: control and direction-override characters shown escaped.

    ``\\n`` becomes the two characters ``\\n``, ESC becomes ``\\x1b``, a right-to-left
    override ``\\u202e``; letters, umlauts and emoji stay as they are.
    """
    text = str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
    return "".join(out)
