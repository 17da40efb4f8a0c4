"""Cheap checks that bound the work of one text before the pipeline sees it.

Each check runs in one pass over the text (time and memory linear in its length) and
either cuts what cannot be a word of news text (over-long tokens) or refuses the text with
one line naming the limit and the variable that raises it (see :mod:`framing.io.limits`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from framing.io.limits import (
    DIVERSITY_MIN_WORDS,
    DIVERSITY_WINDOW,
    LIMITS,
    LONG_FORM_CHARS,
    REPEAT_MIN_WORDS,
    limit,
    over,
)

_WORD = re.compile(r"[^\W\d_]+")
#: What an over-long token is replaced with: punctuation, so it is no word and no sentence end.
CUT_MARK = "[…]"


class BudgetError(ValueError):
    """A text over one of the work limits; the message names the limit and its variable."""


@lru_cache(maxsize=8)
def _long_token(most: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{most + 1},}}")


def cut_long_tokens(text: str) -> tuple[str, int, int]:
    """Replace every white-space-delimited token longer than the limit with ``[…]``.

    Returns the new text, the number of tokens cut and the length of the longest one.
    """
    pattern = _long_token(int(limit("word_chars")))
    lengths: list[int] = []

    def mark(match: re.Match[str]) -> str:
        lengths.append(match.end() - match.start())
        return CUT_MARK

    text = pattern.sub(mark, text)
    return text, len(lengths), max(lengths, default=0)


def check_words(text: str) -> None:
    """Refuse a text whose words cannot be news text (see the module docstring).

    Raises :class:`BudgetError` when one word takes more than the allowed share of a long
    text, when 1,000-word stretches have too few distinct words on average, or when the
    text has more distinct word forms (or distinct long forms) than allowed. Links are not
    words here: ``_WORD`` takes runs of letters, so a URL splits into short pieces.
    """
    words = _WORD.findall(text.lower())
    total = len(words)
    if not total:
        return
    counts = Counter(words)
    distinct_limit = LIMITS["distinct"].int()
    if len(counts) > distinct_limit:
        raise BudgetError(over("distinct", f"the text has {len(counts):,} distinct word forms "
                               "(random letters, not news text?)", f"{distinct_limit:,}"))
    long_limit = LIMITS["long_forms"].int()
    long_forms = sum(1 for w in counts if len(w) > LONG_FORM_CHARS)
    if long_forms > long_limit:
        raise BudgetError(over("long_forms", f"the text has {long_forms:,} distinct words longer than "
                               f"{LONG_FORM_CHARS} letters (not news text?)", f"{long_limit:,}"))
    if total >= REPEAT_MIN_WORDS:
        word, count = counts.most_common(1)[0]
        share = count / total
        allowed = limit("repeat_share")
        if share > allowed:
            shown = word if len(word) <= 30 else word[:29] + "…"
            raise BudgetError(over("repeat_share",
                                   f"one word ('{shown}') makes up {share:.0%} of the {total:,} words",
                                   f"{allowed:.0%}"))
    if total >= DIVERSITY_MIN_WORDS:
        windows = range(0, total - DIVERSITY_WINDOW + 1, DIVERSITY_WINDOW)
        diversity = sum(len(set(words[i:i + DIVERSITY_WINDOW])) for i in windows) / (
            len(windows) * DIVERSITY_WINDOW)
        allowed = limit("min_diversity")
        if diversity < allowed:
            raise BudgetError(
                f"the text repeats a few words over and over ({diversity * DIVERSITY_WINDOW:.0f} "
                f"distinct words per {DIVERSITY_WINDOW:,}), under the limit of "
                f"{allowed * DIVERSITY_WINDOW:.0f} ({LIMITS['min_diversity'].hint()})")
