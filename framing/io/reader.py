"""Turn files and uploads into :class:`framing.model.Article` objects.

``read_bytes`` is the one entry point for raw input (files on disk and uploads alike):
it detects the format (plain text / Markdown, HTML, PDF), decodes text in any common
encoding, recognises page furniture (kept, but listed as excluded), splits files that
hold several articles (headline lines with a byline and a date) and fills in title and
date where the text gives them. Every problem a user can cause raises :class:`ReadError`
with a one-line message meant to be shown as it is.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings as pywarnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import tomllib

from framing.io.budget import CUT_MARK, BudgetError, check_words, cut_long_tokens
from framing.io.furniture import find_furniture
from framing.io.langcheck import MIXED_SHARE, detect_language
from framing.io.limits import LIMITS, over
from framing.model import Article, Excluded
from framing.resources import load_table

#: Default upper limit for one input file, in bytes; override with FRAMING_MAX_BYTES.
DEFAULT_MAX_BYTES = int(LIMITS["bytes"].default)
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
MANIFEST_NAME = "manifest.toml"

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*")
_NUM_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_KICKER = re.compile(r"^([^:]{3,80}):(?=[A-ZÄÖÜ\"„])")
_TITLE_MAX = 200
#: An HTML page whose extracted text has fewer words than this, or no full stop, holds no
#: article (menus, link lists, cookie banners).
MIN_HTML_WORDS = 20
#: A stretch of more words than this without a full stop, question or exclamation mark
#: gets a warning (sentence-level scores become coarse).
LONG_SENTENCE_WORDS = 150
_SENTENCE_STOP = re.compile(r"[.!?…]+|\n")
_LETTER = re.compile(r"[^\W\d_]")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
                              "\u2028": "\n", "\u2029": "\n"})
_LINE_BREAK_CHARS = tuple(chr(k) for k in _LINE_BREAKS)
_DROPPED = frozenset({"Cc", "Cf", "Cs"})
#: Control bytes that no text file holds (tab, line feed, vertical tab, form feed and
#: carriage return are allowed): counted by :func:`_looks_binary`.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)
_SILENT = frozenset("\u00ad\ufeff")
#: Characters that are normal in German text decoded from an 8-bit code page.
_TYPOGRAPHIC = frozenset("„“”‚‘’«»‹›–—…€§°·×÷±²³µ¶¹º½¼¾¡¿©®™ ")
_LATIN_LETTERS = frozenset("äöüÄÖÜßéèêëàâáçñóôòíìîïúùûøåæœÉÈÀÇÑÓÔÍÚØÅÆŒ")


class ReadError(ValueError):
    """A file that cannot be read as an article; the message is meant for the user.

    ``kind`` names the problem for interfaces that word their own hints: ``empty``,
    ``binary``, ``size``, ``format``, ``encoding``, ``language``, ``html``, ``pdf``, ``io``,
    ``manifest``, ``budget`` (a work limit of :mod:`framing.io.limits`).
    """

    def __init__(self, message: str, kind: str = "other"):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class SourceInfo:
    """What the manifest says about one file."""

    source: str
    kind: str = ""
    date: str | None = None
    attribution: str = ""


def max_bytes() -> int:
    """The configured size limit for one input (``FRAMING_MAX_BYTES``, default 5 MB)."""
    return LIMITS["bytes"].int()


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the text, the encoding it was read in, and warnings."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_mixed(data: bytes) -> Decoded:
    """Decode mostly-UTF-8 bytes line by line (a region per line).

    Lines that are valid UTF-8 stay as they are; a line without any valid UTF-8 sequence
    is read as cp1252 (pasted from an older file); the invalid bytes of a line that mixes
    both become U+FFFD. The warning counts both, so nothing is corrupted silently.
    """
    lines, recoded, replaced = [], 0, 0
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if not _UTF8_MULTIBYTE.search(line):
            lines.append(line.decode("cp1252", errors="replace"))
            recoded += 1
        else:
            text = line.decode("utf-8", errors="replace")
            replaced += text.count("\ufffd")
            lines.append(text)
    text = "\n".join(lines)
    parts = []
    if recoded:
        parts.append(f"{recoded:,} line{'s' if recoded > 1 else ''} not in UTF-8 read as cp1252")
    if replaced:
        parts.append(f"{replaced:,} invalid byte sequence{'s' if replaced > 1 else ''} replaced by \ufffd")
    return Decoded(text, "utf-8 (mixed)", ("the file mixes encodings: " + "; ".join(parts),))


def decode(data: bytes) -> Decoded:
    """Decode bytes to text, per region where a file mixes encodings.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are. A file that is
    UTF-8 except for some lines or bytes is decoded line by line (:func:`_decode_mixed`)
    with a warning. A file with no UTF-8 sequence at all is detected with
    charset-normalizer, falling back to cp1252, which reads Latin-1 too.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return Decoded(data.decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            return _decode_mixed(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        bad = text.count("\ufffd")
        return Decoded(text, "utf-16", (f"{bad:,} invalid UTF-16 sequences replaced by \ufffd",) if bad else ())
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if len(_UTF8_MULTIBYTE.findall(data, 0, 2_000_000)) >= 2:  # some UTF-8, some not
        return _decode_mixed(data)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp850",
                                                    "mac_roman"]).best()
    if best is not None and best.encoding:
        encoding = "cp1252" if best.encoding in ("latin_1", "iso8859_15") else best.encoding
        try:
            return Decoded(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)`` (see :func:`decode`)."""
    found = decode(data)
    return found.text, found.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 without a byte-order mark (NUL in every other byte), else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        other = even if zeros is odd else odd
        if (zeros.count(0) > 0.9 * len(zeros) and other.count(0) < 0.05 * len(other)
                and not _looks_binary(other)):
            try:
                return data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _looks_like_mojibake(text: str) -> bool:
    """True when a text decoded from an 8-bit code page is mostly foreign symbols.

    German (and other Western) text in cp1252 has few non-ASCII characters, nearly all of
    them umlauts, accented letters or typographic marks; Cyrillic, Greek or East Asian text
    read in the wrong code page is full of other ones.
    """
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    odd = sum(1 for ch in visible if ord(ch) > 127 and ch not in _TYPOGRAPHIC and ch not in _LATIN_LETTERS)
    foreign_letters = sum(1 for ch in visible if ord(ch) > 127 and ch in _LATIN_LETTERS)
    letters = sum(1 for ch in visible if ch.isalpha())
    return odd > 0.05 * len(visible) or (letters > 0 and foreign_letters > 0.3 * letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bool(sample) and control / len(sample) > 0.05


@contextmanager
def _quiet(*loggers: str) -> Iterator[None]:
    """Silence the log messages and warnings of third-party parsers for a while.

    pypdf and trafilatura log what they repair ("EOF marker not found"); the reader turns
    real failures into :class:`ReadError`, so the user sees one line per file, not these.
    """
    saved = [(logging.getLogger(n), logging.getLogger(n).level) for n in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL)
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


@dataclass(frozen=True)
class _Page:
    """What the HTML reader takes from a page besides its text."""

    title: str = ""
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    byline: str | None = None


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|!doctype)[\s/>]", re.IGNORECASE)


def _html_tree(html: str):
    """Parse HTML with lxml, without libxml2's 256-level depth cut, and check its depth.

    News pages never declare entities (``<!ENTITY``): such a page is refused, and entities
    are never expanded beyond HTML's own. Nesting deeper than ``FRAMING_MAX_HTML_DEPTH``
    is refused; nesting deeper than 200 levels is flattened (the inner elements are
    unwrapped, their text kept), so the extractor sees the article, not a cut tree.
    """
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(huge_tree=True, no_network=True, remove_comments=True,
                                  remove_pis=True, default_doctype=False)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"the HTML could not be parsed ({type(exc).__name__})", "html") from exc
    depth_limit = min(LIMITS["html_depth"].int(), _PARSER_DEPTH - 1)
    deepest, deep = 0, []
    stack = [(root, 1)]
    while stack:  # iterative, so deep trees cost no recursion
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth == _FLATTEN_DEPTH:
            deep.append(element)
        stack.extend((child, depth + 1) for child in element)
    if deepest > depth_limit:  # libxml2 drops what lies deeper than 2,048 levels
        deepest_text = f"{deepest:,}+" if deepest >= _PARSER_DEPTH else f"{deepest:,}"
        raise ReadError(over("html_depth", f"the HTML nests elements {deepest_text} levels deep",
                             f"{depth_limit:,} levels"), "html")
    for element in deep:  # keep the text of a too-deep subtree, drop its inner markup
        text = " ".join(" ".join(element.itertext()).split())
        for child in list(element):
            element.remove(child)
        element.text = text
    return root


#: Subtrees below this depth are flattened to their text before extraction.
_FLATTEN_DEPTH = 200
#: libxml2 keeps at most this many levels even with ``huge_tree`` (deeper content is lost).
_PARSER_DEPTH = 2048


def _meta(get, key: str) -> str | None:
    value = get(key)
    value = " ".join(str(value).split()) if value else ""
    return value or None


def _html_to_text(data: bytes) -> tuple[str, _Page, tuple[str, ...]]:
    """Extract an HTML page's article text (teaser and byline kept) and its metadata."""
    import trafilatura

    if _ENTITY_DECL.search(data[:200_000]):
        raise ReadError("the HTML declares its own entities (<!ENTITY>), which no news page does",
                        "html")
    decoded = decode(data)
    if not _TAG.search(decoded.text):
        raise ReadError("the HTML page holds no article text (no HTML tags in it)", "html")
    tree = _html_tree(decoded.text)
    byline = _byline_of(tree)
    try:
        with _quiet("trafilatura", "htmldate", "courlan", "justext", "readability"):
            doc = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=True,
                                              favor_recall=True)
    except ReadError:
        raise
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise ReadError(f"the HTML could not be parsed ({type(exc).__name__})", "html") from exc
    if doc is None:
        raise ReadError("the HTML page holds no article text", "html")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = (get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS or not re.search(r"[.!?]", text):
        raise ReadError("the HTML page holds no article text (only menus, links or scripts?)", "html")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise ReadError("the text encoding could not be recognised (save it as UTF-8)", "encoding")
    page = _Page(title=_meta(get, "title") or "", date=_meta(get, "date"),
                 outlet=_meta(get, "sitename"), author=_meta(get, "author"), url=_meta(get, "url"))
    flat = " ".join(text.split())
    if byline and byline not in flat:
        text = _after_headline(text, page.title, byline)
    elif not byline and page.author and page.author not in flat:
        byline = f"Von {page.author}"
        text = _after_headline(text, page.title, byline)
    teaser = _meta(get, "description")
    if teaser and len(teaser.split()) >= 5 and teaser[:60] not in flat:
        text = _after_headline(text, page.title, teaser)
    return text, replace(page, byline=byline), decoded.warnings


def _after_headline(text: str, title: str, piece: str) -> str:
    """``piece`` put in its own paragraph after the headline line (or at the start)."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        return f"{first}\n{piece}\n{rest}"
    return f"{piece}\n{text}"


_BYLINE_XPATH = ("//*[contains(translate(@class, 'BYLINEAUTHOR', 'bylineauthor'), 'byline') "
                 "or contains(translate(@class, 'BYLINEAUTHOR', 'bylineauthor'), 'author') "
                 "or @rel='author' or @itemprop='author']")


def _byline_of(tree) -> str | None:
    """The page's byline as shown ("Von Anna Beispiel, Berlin"), or None."""
    try:
        found = tree.xpath(_BYLINE_XPATH)
    except Exception:  # lxml refuses odd documents; a byline is a nicety
        return None
    for element in found[:20]:
        text = " ".join(" ".join(element.itertext()).split())
        if 3 <= len(text) <= 150 and any(ch.isalpha() for ch in text):
            return text
    return None


def _stream_bytes(obj, budget: int) -> int:
    """Decompressed size of a PDF stream, counted without inflating more than ``budget``+1."""
    import zlib

    stream = obj.get_object()
    filters = stream.get("/Filter")
    names = [str(f) for f in (filters if isinstance(filters, list) else [filters])] if filters else []
    if names == ["/FlateDecode"] and not stream.get("/DecodeParms"):
        inflater = zlib.decompressobj()
        try:
            return len(inflater.decompress(stream._data, budget + 1))
        except zlib.error:
            return len(stream._data)
    if not names:
        return len(stream._data)
    return len(stream.get_data()[: budget + 1])


def _page_content_bytes(page, budget: int) -> int:
    """Decompressed bytes of a page's content streams and its form XObjects."""
    from pypdf.generic import ArrayObject

    total = 0
    contents = page.get("/Contents")
    if contents is not None:
        contents = contents.get_object()
        items = contents if isinstance(contents, ArrayObject) else [contents]
        for item in items:
            total += _stream_bytes(item, budget - total)
            if total > budget:
                return total
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobj = ref.get_object()
            if xobj.get("/Subtype") == "/Form":
                total += _stream_bytes(xobj, budget - total)
                if total > budget:
                    return total
    return total


def _pdf_to_text(data: bytes) -> str:
    """Extract a PDF's text layer within the page, content-size and character limits."""
    from pypdf import PdfReader

    pages_limit = LIMITS["pdf_pages"].int()
    stream_limit = LIMITS["pdf_stream"].int()
    chars_limit = LIMITS["chars"].int()
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception as exc:  # e.g. AES without the cryptography package
                    raise ReadError("the PDF is encrypted and cannot be opened", "pdf") from exc
                if not opened:
                    raise ReadError("the PDF is encrypted with a password", "pdf")
            declared = int(reader.trailer["/Root"]["/Pages"].get("/Count", 0))
            if declared > pages_limit:
                raise ReadError(over("pdf_pages", f"the PDF has {declared:,} pages",
                                     f"{pages_limit:,} pages"), "pdf")
            pages = reader.pages  # pypdf flattens the page tree here (linear in its size)
            if len(pages) > pages_limit:
                raise ReadError(over("pdf_pages", f"the PDF has {len(pages):,} pages",
                                     f"{pages_limit:,} pages"), "pdf")
            content = 0
            for page in pages:
                content += _page_content_bytes(page, stream_limit - content)
                if content > stream_limit:
                    raise ReadError(over("pdf_stream", "the PDF's page content is too large when "
                                         "decompressed", f"{stream_limit:,} bytes"), "pdf")
            texts, chars = [], 0
            for page in pages:
                text = (page.extract_text() or "").strip()
                chars += len(text)
                if chars > chars_limit:
                    raise ReadError(over("chars", "the PDF's text is too long",
                                         f"{chars_limit:,} characters"), "size")
                texts.append(text)
    except ReadError:
        raise
    except RecursionError as exc:
        raise ReadError("the PDF is damaged or truncated (its page tree loops or nests too deep)",
                        "pdf") from exc
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise ReadError(f"the PDF is damaged or truncated ({type(exc).__name__})", "pdf") from exc
    text = "\n\n".join(t for t in texts if t)
    if not text.strip():
        raise ReadError("the PDF has no text layer (a scan?); run OCR first", "pdf")
    return text


def _clean(text: str) -> tuple[str, int]:
    """Normalise line ends and Unicode (NFC), drop control and invisible format characters.

    Returns the text and the number of dropped characters worth a warning (control
    characters, zero-width and direction marks; soft hyphens and byte-order marks are
    dropped silently). Letters, emoji and all other Unicode are kept.
    """
    text = text.replace("\r\n", "\n")
    if any(ch in text for ch in _LINE_BREAK_CHARS):  # translate() looks up every character
        text = text.translate(_LINE_BREAKS)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    bad = {ch for ch in set(text) if ch not in "\n\t" and unicodedata.category(ch) in _DROPPED}
    if not bad:
        return text, 0
    noted = sum(text.count(ch) for ch in bad if ch not in _SILENT)
    return text.translate(dict.fromkeys(map(ord, bad))), noted


def _text_warnings(text: str, dropped: int) -> tuple[str, ...]:
    """One-line warnings about text that can be scored but not well."""
    found = []
    if dropped:
        found.append(f"removed {dropped:,} control or invisible formatting characters "
                     "(zero-width, direction marks)")
    # a stretch of more than LONG_SENTENCE_WORDS words has more than twice as many
    # characters, so shorter stretches need no split into words
    longest = max((len(piece.split()) for piece in _SENTENCE_STOP.split(text)
                   if len(piece) > 2 * LONG_SENTENCE_WORDS), default=0)
    if longest > LONG_SENTENCE_WORDS:
        if not re.search(r"[.!?…]", text):
            found.append("the text has no sentence punctuation; sentences are cut at line ends "
                         "and commas, so sentence-level scores are coarse")
        else:
            found.append(f"one sentence runs to {longest:,} words (missing full stops?); "
                         "it is cut at commas, so sentence-level scores are coarse there")
    return tuple(found)


def _has_letters(text: str, excluded: tuple[Excluded, ...]) -> bool:
    pos = 0
    for e in sorted(excluded, key=lambda e: e.start):
        if _LETTER.search(text, pos, max(pos, e.start)):
            return True
        pos = max(pos, e.end)
    return bool(_LETTER.search(text, pos))


@lru_cache(maxsize=1)
def _byline_cues() -> tuple[str, ...]:
    return tuple(row["cue"] for row in load_table("lexicons/bylines.tsv").rows)


@lru_cache(maxsize=1)
def _headline_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(_byline_cues(), key=len, reverse=True))
    name = r"[A-ZÄÖÜ][\w'’.-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){0,3}"
    return re.compile(
        rf"^(?P<title>.{{3,{_TITLE_MAX}}}?)\s*(?:\|\s*|[.!?]\s+(?:{cues})\s+)"
        rf"(?P<author>{name})\.?\s+(?P<date>\d{{1,2}}\.\d{{1,2}}\.\d{{4}})\.?\s*$"
    )


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _headline_lines(text: str) -> list[tuple[int, int, re.Match[str]]]:
    found = []
    pos = 0
    pattern = _headline_pattern()
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\n")
        if len(line) <= _TITLE_MAX + 80:
            match = pattern.match(line.strip())
            if match:
                lead = len(line) - len(line.lstrip())
                found.append((pos + lead, pos + len(line.rstrip()), match))
        pos += len(raw)
    return found


def _title_of(text: str, excluded: tuple[Excluded, ...]) -> str:
    skip = {(e.start, e.end) for e in excluded}
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw)
        if not line or (start, start + len(line)) in skip:
            continue
        line = _DATE_LINE.sub("", line)
        line = _KICKER.sub(r"\1: ", line)
        if len(line) > _TITLE_MAX:
            line = line[:80].rsplit(" ", 1)[0] + " …"
        return line
    return ""


def _furniture(text: str) -> tuple[Excluded, ...]:
    found = list(find_furniture(text))
    match = _DATE_LINE.match(text)
    if match:
        found.append(Excluded(match.start(1) - 5, match.end(1), "metadata", match.group(0).strip()))
    return tuple(sorted(found, key=lambda e: e.start))


def split_articles(text: str, *, source: str, stem: str, kind: str = "", origin: str = "",
                   date_hint: str | None = None) -> list[Article]:
    """Split ``text`` into articles at headline lines carrying a byline and a date.

    A file with fewer than two such lines is one article. The byline part of a headline
    line (author and date) is kept in the text and listed as excluded ("byline").
    """
    heads = _headline_lines(text)
    if len(heads) < 2:
        excluded = _furniture(text)
        found = _DATE_LINE.match(text)
        article_date = found.group(1) if found else date_hint
        if len(heads) == 1:
            start, end, match = heads[0]
            excluded = tuple(sorted(excluded + (
                Excluded(start + match.end("title"), end, "byline", text[start + match.end("title"):end]),
            ), key=lambda e: e.start))
            article_date = _iso(*_NUM_DATE.search(match.group("date")).groups()) or article_date
        return [Article(source=source, article_id=stem, title=_title_of(text, excluded),
                        text=text, date=article_date, kind=kind, origin=origin, excluded=excluded)]

    articles = []
    bounds = [h[0] for h in heads] + [len(text)]
    preamble = text[: bounds[0]]
    if preamble.strip():
        articles.extend(split_articles(preamble, source=source, stem=f"{stem}#00", kind=kind,
                                       origin=origin, date_hint=date_hint)[:1])
    for number, ((start, end, match), stop) in enumerate(zip(heads, bounds[1:]), start=1):
        body = text[start:stop]
        cut = match.end("title")
        byline = Excluded(cut, end - start, "byline", body[cut:end - start])
        excluded = tuple(sorted(_furniture(body) + (byline,), key=lambda e: e.start))
        articles.append(Article(
            source=source,
            article_id=f"{stem}#{number:02d}",
            title=match.group("title").strip(),
            text=body,
            date=_iso(*_NUM_DATE.search(match.group("date")).groups()),
            kind=kind,
            origin=origin,
            excluded=excluded,
        ))
    return articles


def base_name(name: str) -> str:
    """The last component of a file or upload name, safe to use as a label.

    Folders are dropped whichever separator they use (``/`` or ``\\``), as are control
    characters; ``""``, ``.`` and ``..`` become ``upload``. The reader never writes files:
    the name only labels the article (``article_id``, ``origin``) and picks the format.
    """
    last = re.split(r"[/\\]", str(name))[-1]
    last = "".join(ch for ch in last if unicodedata.category(ch)[0] != "C").strip()
    return "upload" if last in ("", ".", "..") else last


def _fold_styled(text: str) -> tuple[str, int]:
    """NFKC-fold mathematical alphanumerics (𝔉𝔯𝔞𝔨𝔱𝔲𝔯, also ℭ ℌ ℜ ℝ …) and full-width letters.

    Only those characters are folded; everything else keeps its NFC form (ligatures,
    superscripts and the like stay as they are). Returns the text and how many were folded.
    """
    styled = {ch for ch in set(text) if "\U0001d400" <= ch <= "\U0001d7ff" or "\uff01" <= ch <= "\uff5e"
              or "\u2100" <= ch <= "\u214f" and unicodedata.normalize("NFKC", ch).isascii()
              and unicodedata.normalize("NFKC", ch).isalpha() and len(unicodedata.normalize("NFKC", ch)) == 1}
    if not styled:
        return text, 0
    count = sum(text.count(ch) for ch in styled)
    folded = text.translate({ord(ch): unicodedata.normalize("NFKC", ch) for ch in styled})
    return unicodedata.normalize("NFC", folded), count


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def read_bytes(data: bytes, name: str, *, source: str | None = None,
               info: SourceInfo | None = None, any_language: bool = False,
               label: str | None = None) -> list[Article]:
    """Read one file or upload into one or more articles.

    ``name`` is the file name (its suffix picks the format); ``label`` replaces the file
    name's stem in article ids and the default source (the runner passes ``folder/stem``
    when two inputs share a name); ``source`` labels the source (default: from ``info``, the
    page's site name, or the label). A text that is confidently not German is refused unless
    ``any_language`` is true; then it is read with a warning. Every work limit of
    :mod:`framing.io.limits` is checked here, before the pipeline. Raises
    :class:`ReadError` with a message for the user when the input cannot be read.
    """
    base = base_name(name)
    suffix = Path(base).suffix.lower()
    stem = label or Path(base).stem or "upload"
    size_limit = LIMITS["bytes"].int()
    if len(data) > size_limit:
        raise ReadError(over("bytes", f"the file is {len(data):,} bytes", f"{size_limit:,} bytes"), "size")
    if not data.strip():
        raise ReadError("the file is empty" + (" (only white space)" if data else ""), "empty")
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"'{suffix}' files are not supported; use "
                        + ", ".join(SUPPORTED_SUFFIXES), "format")
    page = _Page()
    notes: tuple[str, ...] = ()
    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        text = _pdf_to_text(data)
    elif suffix in HTML_SUFFIXES:
        text, page, notes = _html_to_text(data)
    else:
        text = _utf16_without_bom(data)
        if text is None:
            if _looks_binary(data):
                raise ReadError("the file looks binary, not like text", "binary")
            decoded = decode(data)
            text, encoding, notes = decoded.text, decoded.encoding, decoded.warnings
            if (text.count("\ufffd") > max(3, len(text) // 100)
                    or (not encoding.startswith("utf") or "mixed" in encoding)
                    and _looks_like_mojibake(text)):
                raise ReadError("the text encoding could not be recognised "
                                "(save it as UTF-8)", "encoding")
    chars_limit = LIMITS["chars"].int()
    if len(text) > chars_limit:
        raise ReadError(over("chars", f"the text has {len(text):,} characters",
                             f"{chars_limit:,} characters"), "size")
    text, dropped = _clean(text)
    text, folded = _fold_styled(text)
    if not text.strip():
        raise ReadError("the file holds only white space", "empty")
    text, cut, longest = cut_long_tokens(text)
    if not _LETTER.search(text.replace(CUT_MARK, "")):
        if cut:
            most = LIMITS["word_chars"].int()
            raise ReadError(over("word_chars", f"the file holds only over-long tokens (up to "
                                 f"{longest:,} characters) and no words", f"{most:,} characters per token"),
                            "budget")
        raise ReadError("the file holds no words (only digits, punctuation, symbols "
                        "or invisible characters)", "empty")
    try:
        check_words(text)
    except BudgetError as exc:
        raise ReadError(str(exc), "budget") from exc
    warnings = notes + _text_warnings(text, dropped)
    if folded:
        warnings += (f"folded {folded:,} mathematical or full-width letters (𝔉𝔯𝔞𝔨𝔱𝔲𝔯, Ｆｕｌｌ) "
                     "to plain letters",)
    if cut:
        warnings += (f"cut out {cut:,} token{'s' if cut > 1 else ''} longer than "
                     f"{LIMITS['word_chars'].int():,} characters (the longest {longest:,}; "
                     f"{LIMITS['word_chars'].hint()})",)
    guess = detect_language(text)
    if not guess.is_german:
        message = (f"the text looks like {guess.language!r}, not German (p={guess.probability:.2f}); "
                   "the measures are built for German")
        if not any_language:
            raise ReadError(message + " (use --any-language to score it anyway)", "language")
        warnings = (message,) + warnings
    elif guess.other_share >= MIXED_SHARE:
        warnings += (f"mixed languages: about {guess.other_share:.0%} of the text looks like "
                     f"{guess.other_language!r}, not German; the measures are built for German",)
    info = info or SourceInfo(source=source or page.outlet or stem)
    label_source = source or info.source
    articles = split_articles(text, source=label_source, stem=stem, kind=info.kind, origin=base,
                              date_hint=info.date or page.date)
    articles_limit = LIMITS["articles"].int()
    if len(articles) > articles_limit:
        raise ReadError(over("articles", f"the file splits into {len(articles):,} articles",
                             f"{articles_limit:,} articles"), "budget")
    articles = [a for a in articles if _has_letters(a.text, a.excluded)]
    if not articles:
        raise ReadError("the file holds no article text, only page furniture "
                        "(menus, links, captions, tables)", "empty")
    if page.title:
        articles[0] = replace(articles[0], title=page.title)
    if page.byline:
        first = articles[0]
        at = first.text.find(page.byline)
        if at >= 0 and not any(e.start <= at < e.end for e in first.excluded):
            mark = Excluded(at, at + len(page.byline), "byline", page.byline)
            articles[0] = replace(first, excluded=tuple(sorted(first.excluded + (mark,),
                                                                key=lambda e: e.start)))
    digest = _digest(data)
    articles = [replace(a, warnings=a.warnings + warnings, outlet=page.outlet, author=page.author,
                        url=page.url, digest=digest) for a in articles]
    return articles


def read_path(path: str | Path, *, info: SourceInfo | None = None,
              any_language: bool = False, label: str | None = None) -> list[Article]:
    """Read one file from disk (see :func:`read_bytes`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes():
            raise ReadError(over("bytes", f"the file is {size:,} bytes", f"{max_bytes():,} bytes"), "size")
        with path.open("rb") as handle:  # read no more than the limit, whatever stat said
            data = handle.read(max_bytes() + 1)
    except OSError as exc:
        raise ReadError(f"cannot open the file ({exc.strerror or exc})", "io") from exc
    return read_bytes(data, path.name, info=info, any_language=any_language, label=label)


def load_manifest(folder: str | Path) -> dict[str, SourceInfo]:
    """Read ``manifest.toml`` of a folder: file name -> :class:`SourceInfo`."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReadError(f"{path}: the manifest cannot be read ({exc})", "manifest") from exc
    files = data.get("files", {})
    if not isinstance(files, dict) or not all(isinstance(e, dict) for e in files.values()):
        raise ReadError(f"{path}: the manifest needs one [files.\"NAME\"] table per file", "manifest")
    return {
        name: SourceInfo(source=str(entry.get("source", Path(name).stem)),
                         kind=str(entry.get("kind", "")),
                         date=str(entry["date"]) if entry.get("date") else None,
                         attribution=str(entry.get("attribution", "")))
        for name, entry in files.items()
    }


def iter_inputs(paths: list[str | Path]) -> Iterator[tuple[Path, SourceInfo | None]]:
    """Expand files and folders into input files (folders: supported suffixes, sorted).

    A folder with a ``manifest.toml`` contributes exactly the files the manifest names.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            manifest = load_manifest(path)
            if manifest:
                for name, info in manifest.items():
                    yield path / name, info
            else:
                for child in sorted(path.iterdir()):
                    if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                        yield child, None
        else:
            manifest = load_manifest(path.parent)
            yield path, manifest.get(path.name)
