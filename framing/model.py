"""Plain data types shared by every part of the package.

All character offsets refer to ``Article.text`` and are end-exclusive.
Nothing here is rounded: formatting is the job of the CSV writer and the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Voices a token can belong to. ``author`` is the writer's own voice; ``quote`` is text
#: inside quotation marks; ``reported`` is reported speech or an attributed clause outside
#: quotation marks (Konjunktiv I, "laut X", "sagte X"); ``excluded`` is page furniture.
VOICES = ("author", "quote", "reported", "excluded")
QUOTED_VOICES = frozenset({"quote", "reported"})


@dataclass(frozen=True)
class Excluded:
    """A stretch of the input that is page furniture and is left out of every score."""

    start: int
    end: int
    reason: str  # e.g. "pingback", "advert", "menu", "tags", "table", "url", "caption", "byline"
    text: str


@dataclass(frozen=True)
class Article:
    """One article as read from a file, ready to be analysed.

    ``text`` keeps everything that belongs to this article, furniture included;
    ``excluded`` lists the furniture spans that scores must skip. ``outlet``, ``author``
    and ``url`` come from a page's metadata where the reader finds them (HTML:
    ``og:site_name``, author, canonical URL), else None; ``digest`` identifies the input's
    content (SHA-256 of the bytes read, first 16 hex digits; "" when not read from bytes).
    """

    source: str
    article_id: str
    title: str
    text: str
    date: str | None = None
    kind: str = ""
    origin: str = ""
    excluded: tuple[Excluded, ...] = ()
    warnings: tuple[str, ...] = ()
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    digest: str = ""


@dataclass(frozen=True)
class Cue:
    """A piece of evidence: the words behind (part of) a number."""

    start: int
    end: int
    text: str
    kind: str
    weight: float = 1.0


@dataclass(frozen=True)
class Quote:
    """A quotation or reported statement; ``start``/``end`` cover it (marks included).

    ``kind`` is ``direct`` (words in quotation marks, someone else's voice), ``reported``
    (indirect speech outside quotation marks) or ``scare`` (a short term set in quotation
    marks with no speaker: the author's own voice, distancing or ironic).
    """

    start: int
    end: int
    text: str
    kind: str = "direct"
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True)
class Statement:
    """A quotation or reported statement and who makes it.

    ``kind`` is ``quote`` (words in quotation marks, or an interviewee's answer) or
    ``reported`` (indirect speech: Konjunktiv I, "dass" after a verb of saying, "laut X");
    ``start``/``end`` cover the quoted or reported words (quotation marks excluded) and
    ``text`` is those words. ``speaker`` is the canonical actor name, the speaker phrase as
    written when it names no registry actor ("Sprecher des Außenministeriums"), or
    ``"unnamed"``; ``speaker_kind`` says what it is (an actor kind such as ``person`` or
    ``country``, or ``role``, ``group``, ``institution``, ``name``; empty when unnamed).
    ``speaker_text`` and ``speaker_start``/``speaker_end`` are the words in the text that
    name the speaker; ``cue``/``cue_start``/``cue_end`` the verb or phrase of saying.
    ``construction`` says how the speaker was found (``after`` „…“, sagte X; ``before``
    X sagte: „…“; ``colon``; ``verb``; ``after``/``before`` for "laut X"/"X zufolge";
    ``continuation`` of the previous statement; ``interview``; ``unattributed``).
    ``quote_index`` points into ``Analysis.quotes`` for quotations.
    """

    kind: str
    start: int
    end: int
    text: str
    sentence: int
    speaker: str = "unnamed"
    speaker_kind: str = ""
    speaker_text: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    construction: str = ""
    quote_index: int | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence of an analysed article.

    ``tok_start``/``tok_end`` index the spaCy ``Doc``; ``attributed`` is true when the
    sentence reports speech or an attributed statement (quote, Konjunktiv I, "laut X").
    """

    index: int
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    excluded: bool = False
    attributed: bool = False
    has_quote: bool = False
    speaker: str | None = None
    cues: tuple[Cue, ...] = field(default_factory=tuple)
