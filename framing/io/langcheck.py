"""Which language is a text in? (py3langid, whose model ships in its wheel.)

The measures are built for German; other languages are refused unless the user insists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Below this many words the guess is too unreliable to refuse a text on.
MIN_WORDS = 20
#: A text is refused as not German when another language wins with at least this probability.
MIN_CONFIDENCE = 0.9
#: Characters per sample; samples are spread evenly over the whole text.
_SAMPLE_CHARS = 2000
#: At most this many samples: the check costs the same for a 5 MB text as for 20 KB.
_SAMPLES = 12
#: A text gets a mixed-language warning when samples covering at least this share of it
#: are confidently another language.
MIXED_SHARE = 0.2
#: Scripts written without spaces between words (Thai, Japanese, Chinese, Korean syllables):
#: each of their characters counts as a word, so such texts are long enough to be refused.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class LanguageGuess:
    """The most probable language (ISO 639-1) and its normalised probability in [0, 1]."""

    language: str
    probability: float
    words: int
    #: Share of the text (by samples) confidently in another language than ``language``,
    #: and the commonest such language ("" when none).
    other_share: float = 0.0
    other_language: str = ""

    @property
    def is_german(self) -> bool:
        """True unless the text is long enough and confidently another language."""
        return (self.language == "de" or self.words < MIN_WORDS
                or self.probability < MIN_CONFIDENCE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid

    class Identifier(langid.LanguageIdentifier):
        __slots__ = ("fast_raw_score",)

        def _raw_score(self, text):
            fast = getattr(self, "fast_raw_score", None)
            return fast(text) if fast is not None else super()._raw_score(text)

    identifier = Identifier.from_modelpath(Path(langid.MODEL_DIR) / langid.MODEL_FILE, norm_probs=True)
    _vectorise(identifier)
    return identifier


#: At least the length in bytes of py3langid's longest n-gram (its automaton's depth: 6 for
#: the model of py3langid 0.3; ``tests/test_langcheck.py`` computes it and checks this bound).
#: Each extra step is one more pass over the text's bytes.
_AUTOMATON_DEPTH = 6


def automaton_depth(identifier) -> int:
    """Depth of the identifier's n-gram automaton: the longest shortest path from its root
    (a breadth-first search over all states; about a second, so only the tests run it)."""
    import numpy as np

    nextmove = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
    rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
    depth = np.full(len(rowbase), -1)
    depth[0] = 0
    frontier, level = np.array([0]), 0
    while frontier.size:
        reached = np.unique(nextmove[(rowbase[frontier][:, None] + np.arange(256)[None, :]).ravel()])
        reached = reached[depth[reached] < 0]
        level += 1
        depth[reached] = level
        frontier = reached
    return int(depth.max())


def _vectorise(identifier) -> None:
    """Give ``identifier`` a feature count done on NumPy arrays instead of byte by byte.

    py3langid walks its n-gram automaton one byte at a time in Python (about 0.3 µs a
    byte). The automaton's state after a byte is the longest suffix of the text read so far
    that is a prefix of one of its n-grams, so it depends only on the last ``depth`` bytes
    (``depth`` = its longest n-gram, at most :data:`_AUTOMATON_DEPTH`); all states are
    computed at once by walking that many steps from the root for every position. The
    features are then counted by one sort and scored as py3langid's ``_sparse_score`` scores
    its ``{feature: count}`` dict, on the arrays that dict would hold (no dict in between).
    The counts, their order and so the scores are exactly those of the byte-by-byte walk
    (``tests/test_langcheck.py`` compares them); when the model's internals are not as
    expected the identifier is left as it is.
    """
    import numpy as np

    try:
        nextmove = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
        rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
        output = np.asarray(identifier.tk_output, dtype=np.int64)
        slow = super(type(identifier), identifier)._raw_score
        table, prior = identifier.nb_ptc, identifier.nb_pc
    except (AttributeError, TypeError, ValueError):
        return
    steps = _AUTOMATON_DEPTH

    def visits(data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """The features found in ``data`` in order of first occurrence (as ``Counter`` keeps
        them) and their counts; ``None`` when there are none."""
        codes = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
        n = len(codes)
        states = np.zeros(n, dtype=np.int64)
        for back in range(steps - 1, -1, -1):  # read byte i-back, ..., byte i
            if back >= n:
                continue
            states[back:] = nextmove[rowbase[states[back:]] + codes[:n - back]]
        found = output[states]
        found = found[found >= 0]
        if not found.size:
            return None
        order = np.argsort(found, kind="stable")  # a feature's positions stay in text order
        ordered = found[order]
        first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        counts = np.diff(np.append(first, found.size))
        by_position = np.argsort(order[first])
        return ordered[first][by_position], counts[by_position]

    def raw_score(data):
        if not isinstance(data, bytes):
            return slow(data)
        found = visits(data)
        if found is None:
            return slow(b"")
        features, counts = found
        # py3langid's _sparse_score: log1p(counts as float32) @ table rows + class priors
        return np.log1p(counts.astype(np.float32)) @ table[features] + prior

    identifier.fast_raw_score = raw_score


def _classify(sample: str) -> LanguageGuess:
    words = len(sample.split()) + len(_UNSPACED.findall(sample))
    if not sample.strip():
        return LanguageGuess("", 0.0, 0)
    language, probability = _identifier().classify(sample)
    return LanguageGuess(str(language), float(probability), words)


def _samples(text: str) -> list[str]:
    """Up to ``_SAMPLES`` stretches of ``_SAMPLE_CHARS`` spread evenly over ``text``."""
    if len(text) <= _SAMPLE_CHARS * 3:
        return [text]
    count = min(_SAMPLES, len(text) // _SAMPLE_CHARS)
    step = (len(text) - _SAMPLE_CHARS) / max(1, count - 1)
    out = []
    for k in range(count):
        start = int(k * step)
        piece = text[start:start + _SAMPLE_CHARS]
        # start and end at white space so no word is cut in half
        if k:
            piece = piece.split(None, 1)[-1] if " " in piece else piece
        out.append(piece.rsplit(None, 1)[0] if k < count - 1 and " " in piece else piece)
    return out


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` from samples spread over all of it.

    The overall guess classifies the samples together; each sample is also classified
    alone, so a text that switches language part-way gets ``other_share`` > 0.
    """
    samples = _samples(text)
    overall = _classify(" ".join(samples))
    if len(samples) == 1 or not overall.language:
        return overall
    others: dict[str, int] = {}
    for piece in samples:
        guess = _classify(piece)
        # only a confident guess of another language than German counts: when the overall
        # guess is an unsure non-German one, German samples are not "another language"
        if (guess.language not in (overall.language, "de") and guess.words >= MIN_WORDS
                and guess.probability >= MIN_CONFIDENCE):
            others[guess.language] = others.get(guess.language, 0) + 1
    if not others:
        return overall
    language = max(others, key=others.get)
    return LanguageGuess(overall.language, overall.probability, overall.words,
                         other_share=sum(others.values()) / len(samples), other_language=language)
