"""Per-form analyses without HanTa: the shipped table in a compact form, and a guesser.

The table (``lexicons/forms/forms_de.tsv.gz``, built by ``scripts/build_forms.py``) holds
the STTS tag, lemma and syllable count of frequent German word forms, exactly as HanTa and
the hyphenation compute them at run time. It is a TSV file sorted by the UTF-8 bytes of
the form; :class:`FormTable` keeps the decompressed bytes as they are and finds a form by
binary search (an 8-byte prefix key in a NumPy array, then the bytes), so loading it costs
one decompression and a few vectorised passes, and memory is about the size of the text
instead of one Python object per form.

Forms outside the table are guessed (:func:`guess`) unless the settings ask for HanTa:

1. forms without letters: numbers (``2025``, ``3,5``, ``17.30``) are ``CARD``, ordinals and
   dates with a final full stop (``1.``, ``23.10.2025.``) ``ADJA`` (as HanTa tags them); other
   forms without letters are left undecided (``none``: the pipeline asks HanTa; punctuation
   marks are in the table); truncated
   compound parts (``Staats-``, ``Öl-``) are ``TRUNC`` with the linking ``s`` dropped;
   abbreviations with a full stop are ``NN`` (``Dr.``) or, in lower case, ``ADV`` (``usw.``);
2. all-capital forms (``NATO``, ``USA``) get the analysis of their capitalised spelling,
   else ``NE``;
3. hyphen compounds (``EU-Kommissionen``) take tag and lemma from their last part, the
   lemma written as HanTa writes it (``Eu-kommission``);
4. closed compounds (``Friedensverhandlungen``): the longest known form that ends the word
   (at least ``min_head`` letters, in the table with the word's capitalisation) gives the
   tag (a name as head makes a common noun: ``Dealmaker`` ``NN``) and the lemma
   (``Verhandlungen`` NN ``Verhandlung`` -> ``Friedensverhandlung``), when what precedes
   it is a known form, optionally with a linking ``s``/``es``/``n``/``en``/``e``;
5. otherwise the ending of the word decides (``lexicons/forms/suffixes_de.tsv``: for each
   capitalisation and ending of up to five letters, the commonest tag and lemma rule among
   the table's forms with that ending).

Accuracy of the guesser against HanTa and against UD German gold on forms outside the
table: README of ``lexicons/forms`` and the main README's "Speed" section.
"""

from __future__ import annotations

import bisect
import gzip
import re
from array import array
from collections.abc import Iterable
from functools import cache
from importlib import resources

import numpy as np

from framing.resources import load_table

FORMS_TABLE = "lexicons/forms/forms_de.tsv.gz"
SUFFIX_TABLE = "lexicons/forms/suffixes_de.tsv"
#: Longest ending the suffix rules look at.
MAX_SUFFIX = 5
_NUMBER = re.compile(r"[+-]?\d+(?:[.,:/]\d+)*")
_ORDINAL = re.compile(r"\d+(?:\.\d+)*\.")  # "1.", "23.10.2025." (HanTa: ADJA)
_LINKS = ("", "s", "es", "n", "en", "e", "er", "ns")
#: Endings after which a compound's first part takes a linking "s" ("Verarbeitungs-").
_LINKED_S = ("ung", "heit", "keit", "schaft", "tät", "ion", "tum", "ling")


class _Keys:
    """The forms of rows ``lo..hi`` as a sequence of bytes, for :func:`bisect.bisect_left`."""

    __slots__ = ("raw", "starts", "tabs")

    def __init__(self, raw: bytes, starts: np.ndarray, tabs: np.ndarray):
        self.raw, self.starts, self.tabs = raw, starts, tabs

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> bytes:
        return self.raw[self.starts[i]:self.tabs[i]]


class FormTable:
    """Read-only mapping form -> (STTS tag, lemma, syllables of the lowercased form).

    Lookups cost a few microseconds (binary search); results are memoised per process
    (:meth:`clear_memo` forgets them).
    """

    def __init__(self, raw: bytes = b"") -> None:
        self.raw = raw
        self._memo: dict[str, tuple[str, str, int] | None] = {}
        self._tags: dict[bytes, str] = {}
        body = 0 if raw.startswith(b"form\t") else raw.find(b"\nform\t") + 1  # the column row
        if body <= 0 and not raw.startswith(b"form\t"):
            self.starts = self.t0 = self.t1 = self.t2 = self.ends = array("i")
            self.keys = np.zeros(0, dtype=np.uint64)
            return
        first = raw.index(b"\n", body) + 1
        arr = np.frombuffer(raw, dtype=np.uint8)
        ends = np.flatnonzero(arr[first:] == 10) + first
        if len(raw) > first and raw[-1:] != b"\n":
            ends = np.append(ends, len(raw))
        starts = np.concatenate(([first], ends[:-1] + 1)) if len(ends) else ends
        keep = ends > starts  # skip empty lines
        starts, ends = starts[keep], ends[keep]
        tabs = np.flatnonzero(arr[first:] == 9) + first
        if len(tabs) != 3 * len(starts):
            raise ValueError(f"{FORMS_TABLE}: every row needs four columns")
        tabs = tabs.reshape(-1, 3)
        # 8-byte big-endian prefix of each form (zero-padded): sorted like the forms.
        keys = np.zeros(len(starts), dtype=np.uint64)
        for j in range(8):
            pos = starts + j
            byte = np.where(pos < tabs[:, 0], arr[np.minimum(pos, len(arr) - 1)], 0).astype(np.uint64)
            keys = (keys << np.uint64(8)) | byte
        self.keys = keys
        # Offsets as compact arrays whose items index as plain ints (NumPy scalars are slow).
        code = "l" if len(raw) < 2**31 - 1 else "q"
        code = "i" if array(code).itemsize > 4 and len(raw) < 2**31 - 1 else code

        def compact(values: np.ndarray) -> array:
            out = array(code)
            out.frombytes(values.astype(np.int32 if out.itemsize == 4 else np.int64).tobytes())
            return out

        self.starts, self.ends = compact(starts), compact(ends)
        self.t0, self.t1, self.t2 = (compact(tabs[:, k]) for k in range(3))

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return len(self.starts) > 0

    def _find(self, form: str) -> int:
        data = form.encode("utf-8")
        key = int.from_bytes(data[:8].ljust(8, b"\0"), "big")
        lo = int(self.keys.searchsorted(np.uint64(key), "left"))
        if lo >= len(self.keys) or int(self.keys[lo]) != key:
            return -1
        if len(data) < 8:  # the key is the whole form; no two rows share it
            return lo if self.raw[self.starts[lo]:self.t0[lo]] == data else -1
        hi = int(self.keys.searchsorted(np.uint64(key), "right"))
        i = bisect.bisect_left(_Keys(self.raw, self.starts, self.t0), data, lo, hi)
        return i if i < hi and self.raw[self.starts[i]:self.t0[i]] == data else -1

    def find_many(self, forms: list[str]) -> list[int]:
        """Row of each form (-1 when absent), searched together: one NumPy call for all."""
        if not forms or not self.keys.size:
            return [-1] * len(forms)
        datas = [f.encode("utf-8") for f in forms]
        keys = np.array([int.from_bytes(d[:8].ljust(8, b"\0"), "big") for d in datas], dtype=np.uint64)
        los = self.keys.searchsorted(keys, "left").tolist()
        his = self.keys.searchsorted(keys, "right").tolist()
        raw, starts, t0 = self.raw, self.starts, self.t0
        out = []
        for data, lo, hi in zip(datas, los, his):
            if lo >= hi:
                out.append(-1)
                continue
            if hi - lo > 1:
                lo = bisect.bisect_left(_Keys(raw, starts, t0), data, lo, hi)
            out.append(lo if lo < hi and raw[starts[lo]:t0[lo]] == data else -1)
        return out

    def prefetch(self, forms: Iterable[str]) -> None:
        """Look up together (one NumPy search, :meth:`find_many`) the forms not yet memoised,
        and memoise them: the next :meth:`get` of each is a dict look-up."""
        memo = self._memo
        todo = [f for f in set(forms) if f not in memo]
        if not todo or not self.keys.size:
            return
        if len(memo) + len(todo) > 500_000:
            memo.clear()
        for form, i in zip(todo, self.find_many(todo)):
            memo[form] = self._row(i, form) if i >= 0 else None

    def get_many(self, forms: list[str]) -> list[tuple[str, str, int] | None]:
        """:meth:`get` for many forms at once (not memoised)."""
        return [self._row(i, f) if i >= 0 else None for f, i in zip(forms, self.find_many(forms))]

    def _row(self, i: int, form: str) -> tuple[str, str, int]:
        raw = self.raw
        tag_bytes = raw[self.t0[i] + 1:self.t1[i]]
        tag = self._tags.get(tag_bytes)
        if tag is None:
            tag = self._tags[tag_bytes] = tag_bytes.decode("utf-8")
        lemma = raw[self.t1[i] + 1:self.t2[i]].decode("utf-8") or form
        return tag, lemma, int(raw[self.t2[i] + 1:self.ends[i]])

    def get(self, form: str, default=None):
        """(tag, lemma, syllables) of ``form``, or ``default`` when it is not in the table."""
        memo = self._memo
        if form in memo:
            found = memo[form]
            return default if found is None else found
        i = self._find(form) if self.keys.size else -1
        found = self._row(i, form) if i >= 0 else None
        if len(memo) > 500_000:
            memo.clear()
        memo[form] = found
        return default if found is None else found

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and self.get(form) is not None

    def __getitem__(self, form: str) -> tuple[str, str, int]:
        found = self.get(form)
        if found is None:
            raise KeyError(form)
        return found

    def __iter__(self):
        raw = self.raw
        for s, t in zip(self.starts, self.t0):
            yield raw[s:t].decode("utf-8")

    def clear_memo(self) -> None:
        self._memo.clear()


@cache
def form_table() -> FormTable:
    """The shipped per-form table (see the module docstring); empty when the file is missing."""
    ref = resources.files("framing").joinpath(FORMS_TABLE)
    try:
        raw = ref.read_bytes()
    except (FileNotFoundError, OSError):
        return FormTable()
    return FormTable(gzip.decompress(raw))


# --------------------------------------------------------------------------- guesser
def case_class(form: str) -> str:
    """``upper`` (all capitals, 2+ letters), ``cap`` (first letter capital) or ``lower``."""
    if len(form) > 1 and form.isupper():
        return "upper"
    return "cap" if form[:1].isupper() else "lower"


@cache
def suffix_rules() -> dict[tuple[str, str], tuple[str, int, str, str]]:
    """(case class, ending) -> (tag, letters cut, text added, first-letter case of the lemma)."""
    rules = {}
    for r in load_table(SUFFIX_TABLE).rows:
        rules[(r["case"], r["suffix"])] = (r["tag"], int(r["cut"]), r["add"], r["lemma_case"])
    return rules


def lemma_rule(form: str, lemma: str) -> tuple[int, str, str]:
    """How ``lemma`` is made from ``form``: (letters cut from the end, text added, first-letter case).

    The case is ``up`` (lemma capitalised: ``xyzabc`` -> ``Xyzabc``), ``low`` (lowercased:
    ``Objektivem`` -> ``objektiv``) or ``""`` (as the form).
    """
    case = ""
    if lemma[:1] != form[:1] and lemma[:1].lower() == form[:1].lower():
        case = "up" if lemma[:1].isupper() else "low"
        lemma = form[:1] + lemma[1:]
    k = 0
    while k < min(len(form), len(lemma)) and form[k] == lemma[k]:
        k += 1
    return len(form) - k, lemma[k:], case


def apply_rule(form: str, cut: int, add: str, case: str) -> str:
    """The lemma of ``form`` by a rule of :func:`lemma_rule`."""
    lemma = (form[:len(form) - cut] if cut else form) + add
    if case == "up":
        return lemma[:1].upper() + lemma[1:]
    return lemma[:1].lower() + lemma[1:] if case == "low" else lemma


def _known(form: str, table: FormTable) -> tuple[str, str] | None:
    found = table.get(form)
    return (found[1], found[0]) if found is not None else None


def _modifier_known(modifier: str, table: FormTable) -> bool:
    """True when ``modifier`` is a known form, possibly followed by a linking element."""
    lower = modifier.lower()
    stems = {stem for link in _LINKS if lower.endswith(link)
             for stem in [lower[:len(lower) - len(link)]] if len(stem) >= 3}
    stems |= {s[:1].upper() + s[1:] for s in stems}
    return any(i >= 0 for i in table.find_many(sorted(stems)))


def is_known_modifier(modifier: str) -> bool:
    """True when ``modifier`` can open a German compound: a form of the shipped table
    (at least three letters), possibly followed by a linking element ("Kriegs-", "Wahl-")."""
    return _modifier_known(modifier, form_table())


def _head(word: str, table: FormTable, min_head: int) -> tuple[str, str] | None:
    """Compound analysis: the longest known form ending ``word`` whose modifier is known."""
    cap = word[:1].isupper()
    splits = list(range(3, len(word) - min_head + 1))
    heads = [word[i:] for i in splits]
    keys = [h[:1].upper() + h[1:] for h in heads] if cap else heads
    for i, head, key, row in zip(splits, heads, keys, table.find_many(keys)):
        if row < 0:
            continue
        found = table._row(row, key)
        if found[0] in ("XY", "FM") or (not cap and found[0].startswith(("NN", "NE"))):
            continue
        modifier = word[:i]
        if not _modifier_known(modifier, table):
            continue
        tag, lemma = found[0], found[1]
        if tag == "NE":  # a compound ending in a name is a common noun ("Dealmaker", "Fernseh-Trump")
            tag = "NN"
        if lemma[:1].lower() != head[:1].lower():  # suppletive head lemma: keep the form
            lemma = word
        elif lemma[:1].islower():
            lemma = modifier.lower() + lemma
        else:
            lemma = modifier + lemma[:1].lower() + lemma[1:]
        return lemma, tag
    return None


def guess(word: str, table: FormTable | None = None, *, min_head: int = 4) -> tuple[str, str, str]:
    """Guess ``(lemma, STTS tag, how)`` for a form outside the table (see the module docstring).

    ``how`` names the rule that decided: ``number``, ``truncated``, ``abbreviation``,
    ``upper``, ``hyphen``, ``compound``, ``suffix`` or ``none`` (undecided: the form itself as ``XY``).
    """
    table = form_table() if table is None else table
    if not any(ch.isalpha() for ch in word):
        if _NUMBER.fullmatch(word):
            return word, "CARD", "number"
        if _ORDINAL.fullmatch(word):
            return word, "ADJA", "number"
        return word, "XY", "none"
    if word.endswith("-") and len(word) > 2 and word[-2].isalpha():  # "Staats-", "Öl-": truncated compound
        stem = word[:-1]
        if stem.endswith("s") and len(stem) > 3 and (stem[:-1].endswith(_LINKED_S) or _known(stem[:-1], table)
                                                     or _known(stem[:-1].lower(), table)):
            stem = stem[:-1]
        return stem, "TRUNC", "truncated"
    if word.endswith(".") and len(word) > 1 and "-" not in word:  # "Dr.", "Prof.", "usw.": abbreviation
        return word, "NN" if word[:1].isupper() else "ADV", "abbreviation"
    cls = case_class(word)
    if cls == "upper" and "-" not in word:
        found = _known(word[:1] + word[1:].lower(), table)
        if found is not None:
            return found[0], found[1], "upper"
        return word[:1] + word[1:].lower(), "NE", "upper"
    if "-" in word.strip("-"):
        last = word.rstrip("-").rsplit("-", 1)[1]
        if any(ch.isalpha() for ch in last):
            sub = _known(last, table) or _known(last[:1].upper() + last[1:], table)
            if sub is None:
                lemma_tag = guess(last, table, min_head=min_head)
                sub = lemma_tag[:2]
            lemma, tag = sub
            whole = word[: len(word.rstrip("-")) - len(last)] + lemma
            if tag.startswith(("NN", "NE")):  # HanTa writes "Eu-kommission"
                return whole[:1].upper() + whole[1:].lower(), tag, "hyphen"
            return whole.lower(), tag, "hyphen"
    found = _head(word, table, min_head)
    if found is not None:
        return found[0], found[1], "compound"
    rules = suffix_rules()
    for k in range(min(MAX_SUFFIX, len(word) - 1), 0, -1):
        rule = rules.get((cls, word[-k:].lower()))
        if rule is not None:
            tag, cut, add, case = rule
            if cut < len(word):
                return apply_rule(word, cut, add, case), tag, "suffix"
    return word, "XY", "none"
