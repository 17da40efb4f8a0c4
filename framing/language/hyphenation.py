"""Hyphenation points of a word: pyphen's algorithm over pyphen's own pattern file, read lazily.

``pyphen.Pyphen(lang="de")`` parses all 78,000 lines of its German pattern file when it is
created (about 0.7 CPU-seconds, paid by every process on its first word form outside the
shipped per-form table). :class:`Hyphenator` reads the same file into a dict from each
pattern's letters to its text (one pass of C-level string operations) and turns a pattern
into its offset and values only when a word first uses it, with pyphen's own parser; its
:meth:`Hyphenator.positions` is ``Pyphen.positions`` (Liang's algorithm, the same ``left`` and
``right`` margins). ``tests/test_hyphenation.py`` checks that the patterns equal pyphen's and
that the positions agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"\d")
#: A pattern whose values are all zero says nothing; pyphen drops it (``max(values) == 0``).
_NONZERO_DIGIT = re.compile(r"[^\D0]")


def _read_patterns(path) -> dict[str, str]:
    """Pattern letters -> pattern text (values still in it), as ``pyphen.HyphDict`` keeps them:
    the same lines skipped, ``^^hh`` replaced, the part before ``/`` of an alternative, a
    later pattern with the same letters replacing an earlier one."""
    import pyphen

    with path.open("rb") as handle:
        encoding = handle.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    patterns = [p for p in map(str.strip, path.read_text(encoding).split("\n")[1:])
                if p and not p.startswith(pyphen.ignored)]
    for k, p in enumerate(patterns):
        if "^^" in p or "/" in p:  # rare: the general steps of pyphen, line by line
            p = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), p)
            patterns[k] = p.split("/", 1)[0] if "/" in p and "=" in p else p
    letters = _DIGITS.sub("", "\n".join(patterns)).split("\n")
    return {key: p for key, p in zip(letters, patterns) if _NONZERO_DIGIT.search(p)}


class Hyphenator:
    """Hyphenation positions of words by the patterns of one pyphen dictionary."""

    def __init__(self, lang: str = "de", left: int = 2, right: int = 2) -> None:
        import pyphen

        self.left, self.right = left, right
        self._text = _read_patterns(pyphen.LANGUAGES[pyphen.language_fallback(lang)])
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self.maxlen = max(map(len, self._text))

    def pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        """``(offset, values)`` of the pattern with these letters (as ``HyphDict.patterns``), or ``None``."""
        found = self._parsed.get(letters)
        if found is None:
            text = self._text.get(letters)
            if text is None:
                return None
            import pyphen

            # pyphen's own steps: values between the letters, zeros chopped at both ends
            values = tuple(int(i or "0") for i, _ in pyphen.parse(text))
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            found = self._parsed[letters] = (start, values[start:end])
        return found

    def positions(self, word: str) -> list[int]:
        """Where ``word`` can be hyphenated (character offsets), as ``pyphen.Pyphen.positions``."""
        pointed = f".{word.lower()}."
        references = [0] * (len(pointed) + 1)
        text, maxlen = self._text, self.maxlen
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + maxlen, len(pointed)) + 1):
                if pointed[i:j] not in text:
                    continue
                offset, values = self.pattern(pointed[i:j])
                for k, value in enumerate(values, start=i + offset):
                    if k >= len(references):
                        break
                    if value > references[k]:
                        references[k] = value
        right = len(word) - self.right
        return [k - 1 for k, value in enumerate(references) if value % 2 and self.left <= k - 1 <= right]


@lru_cache(maxsize=4)
def hyphenator(lang: str = "de") -> Hyphenator:
    """The hyphenator of ``lang`` with pyphen's default margins, built once per process."""
    return Hyphenator(lang)
