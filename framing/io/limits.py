"""Work limits for one input: the one place that says how much work a file may cause.

A byte limit alone does not bound the work: a 2 KB file of one 2,000-letter "word", a
950 KB PDF with 10,000 pages or a 5 MB text of one repeated word each cost far more than a
news article of the same size. The reader checks these limits before the pipeline runs
and refuses (or, for over-long tokens, cuts) what cannot be news text, with one line that
names the limit and the environment variable that raises it.

Every limit is read from the environment each time it is used, so a test or a user can
change it without restarting anything. A value that is not a number falls back to the
default. The defaults (see :data:`LIMITS`) are set so that real news articles, long
reports and dossier PDFs pass, with a wide margin:

========================  ===========================  ============  ==========================
variable                  what                         default       when hit
========================  ===========================  ============  ==========================
FRAMING_MAX_BYTES         bytes of one input file      5,000,000     refused
FRAMING_MAX_CHARS         characters of extracted text 5,000,000     refused
FRAMING_MAX_WORD_CHARS    characters of one token      200           token cut out, warning
FRAMING_MAX_REPEAT_SHARE  share of the commonest word  0.25          refused (≥ 1,000 words)
FRAMING_MIN_DIVERSITY     distinct words per 1,000     0.08          refused (≥ 2,000 words)
FRAMING_MAX_DISTINCT      distinct word forms          150,000       refused
FRAMING_MAX_LONG_FORMS    distinct forms of 31+ chars  500           refused
FRAMING_MAX_ARTICLES      articles split from a file   1,000         refused
FRAMING_MAX_PDF_PAGES     pages of one PDF             2,000         refused before extraction
FRAMING_MAX_PDF_STREAM    decompressed content bytes   10,000,000    refused before extraction
FRAMING_MAX_HTML_DEPTH    element nesting of HTML      1,000         refused (at most 2,047)
FRAMING_MAX_SECONDS       CPU seconds to read, score   600           file skipped (CLI only)
========================  ===========================  ============  ==========================

Why these numbers: the commonest word of German news ("die", "der") covers 3–5 % of its
words, never a quarter; a 1,000-word stretch of news has 450–650 distinct words, never
fewer than 80; a German compound is rarely over 60 letters and a link in an article rarely
over 200 characters, and fewer than one word in 5,000 is over 30 letters; a 5 MB text of
real German has well under 150,000 distinct forms; a
text page of a PDF holds 3–20 KB of content operators, and pypdf reads them at roughly
1 MB/s, so 10 MB of content is some 500 dense pages and under a minute of work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """One work limit: its environment variable, default, unit and meaning."""

    env: str
    default: float
    unit: str
    what: str

    def value(self) -> float:
        """The limit in force (environment variable, else the default)."""
        raw = os.environ.get(self.env, "")
        try:
            value = float(raw) if raw.strip() else self.default
        except ValueError:
            return self.default
        return value if value >= 0 else self.default

    def int(self) -> int:
        return int(self.value())

    def hint(self) -> str:
        """The part of a refusal that says how to raise the limit."""
        return f"set {self.env} to change it"


LIMITS: dict[str, Limit] = {
    "bytes": Limit("FRAMING_MAX_BYTES", 5_000_000, "bytes", "bytes of one input file"),
    "chars": Limit("FRAMING_MAX_CHARS", 5_000_000, "characters", "characters of the extracted text"),
    "word_chars": Limit("FRAMING_MAX_WORD_CHARS", 200, "characters",
                        "characters of one token (longer tokens are cut out with a warning)"),
    "repeat_share": Limit("FRAMING_MAX_REPEAT_SHARE", 0.25, "share",
                          "share of all words taken by the commonest word (texts of 1,000+ words)"),
    "min_diversity": Limit("FRAMING_MIN_DIVERSITY", 0.08, "share",
                           "distinct words per word in 1,000-word stretches (texts of 2,000+ words)"),
    "distinct": Limit("FRAMING_MAX_DISTINCT", 150_000, "word forms", "distinct word forms of one file"),
    "long_forms": Limit("FRAMING_MAX_LONG_FORMS", 500, "word forms",
                        "distinct word forms longer than 30 characters (links not counted)"),
    "articles": Limit("FRAMING_MAX_ARTICLES", 1_000, "articles", "articles split from one file"),
    "pdf_pages": Limit("FRAMING_MAX_PDF_PAGES", 2_000, "pages", "pages of one PDF"),
    "pdf_stream": Limit("FRAMING_MAX_PDF_STREAM", 10_000_000, "bytes",
                        "decompressed bytes of a PDF's page content"),
    "html_depth": Limit("FRAMING_MAX_HTML_DEPTH", 1_000, "levels", "element nesting of an HTML page"),
    "seconds": Limit("FRAMING_MAX_SECONDS", 600, "seconds",
                     "CPU seconds to read and score one file (a 5 MB text needs about 60)"),
}

#: Texts shorter than this many words are not judged on repetition (a headline may repeat).
REPEAT_MIN_WORDS = 1_000
#: Texts shorter than this many words are not judged on vocabulary diversity.
DIVERSITY_MIN_WORDS = 2_000
#: Word forms longer than this count against ``FRAMING_MAX_LONG_FORMS``: the tagger's work per
#: unknown form grows with the square of its length (about 2 ms at 10 characters, 9 ms at 30,
#: 80 ms at 64), and German news has a handful of such forms, not hundreds.
LONG_FORM_CHARS = 30
#: Window of the diversity measure (mean distinct/words over consecutive windows).
DIVERSITY_WINDOW = 1_000


def limit(name: str) -> float:
    """The value in force of the limit ``name`` (a key of :data:`LIMITS`)."""
    return LIMITS[name].value()


def over(name: str, found: str, allowed: str) -> str:
    """A refusal line: what was found, the limit, and how to change it."""
    return f"{found}, over the limit of {allowed} ({LIMITS[name].hint()})"
