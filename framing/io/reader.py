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
import os
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

from framing.io.furniture import find_furniture
from framing.io.langcheck import detect_language
from framing.model import Article, Excluded
from framing.resources import load_table

#: Default upper limit for one input file, in bytes; override with FRAMING_MAX_BYTES.
DEFAULT_MAX_BYTES = 5_000_000
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
_DROPPED = frozenset({"Cc", "Cf", "Cs"})
_SILENT = frozenset("\u00ad\ufeff")
#: Characters that are normal in German text decoded from an 8-bit code page.
_TYPOGRAPHIC = frozenset("„“”‚‘’«»‹›–—…€§°·×÷±²³µ¶¹º½¼¾¡¿©®™ ")
_LATIN_LETTERS = frozenset("äöüÄÖÜßéèêëàâáçñóôòíìîïúùûøåæœÉÈÀÇÑÓÔÍÚØÅÆŒ")


class ReadError(ValueError):
    """A file that cannot be read as an article; the message is meant for the user.

    ``kind`` names the problem for interfaces that word their own hints: ``empty``,
    ``binary``, ``size``, ``format``, ``encoding``, ``language``, ``html``, ``pdf``, ``io``,
    ``manifest``.
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
    try:
        return int(os.environ.get("FRAMING_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are; anything else
    is detected with charset-normalizer, falling back to cp1252, which reads Latin-1 too.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"]).best()
    if best is not None and best.encoding:
        encoding = "cp1252" if best.encoding in ("latin_1", "iso8859_15") else best.encoding
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


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
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
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


def _html_to_text(data: bytes) -> tuple[str, str, str | None]:
    import trafilatura

    html, _ = decode_text(data)
    try:
        with _quiet("trafilatura", "htmldate", "courlan", "justext", "readability"):
            doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise ReadError(f"the HTML could not be parsed ({type(exc).__name__})", "html") from exc
    if doc is None:
        raise ReadError("the HTML page holds no article text", "html")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = (get("text") or "").strip()
    if len(text.split()) < MIN_HTML_WORDS or not re.search(r"[.!?]", text):
        raise ReadError("the HTML page holds no article text (only menus, links or scripts?)", "html")
    title = (get("title") or "").strip()
    return text, title, get("date") or None


def _pdf_to_text(data: bytes) -> str:
    from pypdf import PdfReader

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
            pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise ReadError(f"the PDF is damaged or truncated ({type(exc).__name__})", "pdf") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError("the PDF has no text layer (a scan?); run OCR first", "pdf")
    return text


def _clean(text: str) -> tuple[str, int]:
    """Normalise line ends and Unicode (NFC), drop control and invisible format characters.

    Returns the text and the number of dropped characters worth a warning (control
    characters, zero-width and direction marks; soft hyphens and byte-order marks are
    dropped silently). Letters, emoji and all other Unicode are kept.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_LINE_BREAKS))
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
    longest = max((len(piece.split()) for piece in _SENTENCE_STOP.split(text)), default=0)
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


def read_bytes(data: bytes, name: str, *, source: str | None = None,
               info: SourceInfo | None = None, any_language: bool = False) -> list[Article]:
    """Read one file or upload into one or more articles.

    ``name`` is the file name (its suffix picks the format); ``source`` labels the source
    (default: from ``info`` or the file name). A text that is confidently not German is
    refused unless ``any_language`` is true; then it is read with a warning. Raises
    :class:`ReadError` with a message for the user when the input cannot be read.
    """
    base = base_name(name)
    suffix = Path(base).suffix.lower()
    stem = Path(base).stem or "upload"
    limit = max_bytes()
    if len(data) > limit:
        raise ReadError(f"the file is {len(data):,} bytes, over the limit of {limit:,} bytes "
                        "(set FRAMING_MAX_BYTES to change it)", "size")
    if not data.strip():
        raise ReadError("the file is empty" + (" (only white space)" if data else ""), "empty")
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"'{suffix}' files are not supported; use "
                        + ", ".join(SUPPORTED_SUFFIXES), "format")
    html_title, html_date = "", None
    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        text = _pdf_to_text(data)
    elif suffix in HTML_SUFFIXES:
        text, html_title, html_date = _html_to_text(data)
    else:
        text = _utf16_without_bom(data)
        if text is None:
            if _looks_binary(data):
                raise ReadError("the file looks binary, not like text", "binary")
            text, encoding = decode_text(data)
            if (text.count("\ufffd") > max(3, len(text) // 100)
                    or not encoding.startswith("utf") and _looks_like_mojibake(text)):
                raise ReadError("the text encoding could not be recognised "
                                "(save it as UTF-8)", "encoding")
    text, dropped = _clean(text)
    if not text.strip():
        raise ReadError("the file holds only white space", "empty")
    if not _LETTER.search(text):
        raise ReadError("the file holds no words (only digits, punctuation, symbols "
                        "or invisible characters)", "empty")
    warnings = _text_warnings(text, dropped)
    guess = detect_language(text)
    if not guess.is_german:
        message = (f"the text looks like {guess.language!r}, not German (p={guess.probability:.2f}); "
                   "the measures are built for German")
        if not any_language:
            raise ReadError(message + " (use --any-language to score it anyway)", "language")
        warnings = (message,) + warnings
    info = info or SourceInfo(source=source or stem)
    label = source or info.source
    articles = split_articles(text, source=label, stem=stem, kind=info.kind, origin=base,
                              date_hint=info.date or html_date)
    articles = [a for a in articles if _has_letters(a.text, a.excluded)]
    if not articles:
        raise ReadError("the file holds no article text, only page furniture "
                        "(menus, links, captions, tables)", "empty")
    if html_title:
        articles[0] = replace(articles[0], title=html_title)
    if warnings:
        articles = [replace(a, warnings=a.warnings + warnings) for a in articles]
    return articles


def read_path(path: str | Path, *, info: SourceInfo | None = None,
              any_language: bool = False) -> list[Article]:
    """Read one file from disk (see :func:`read_bytes`)."""
    path = Path(path)
    try:
        if path.stat().st_size > max_bytes():
            raise ReadError(f"the file is {path.stat().st_size:,} bytes, over the limit of "
                            f"{max_bytes():,} bytes (set FRAMING_MAX_BYTES to change it)", "size")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open the file ({exc.strerror or exc})", "io") from exc
    return read_bytes(data, path.name, info=info, any_language=any_language)


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
