"""Broken, hostile and odd input: every file gets one specific line, never a traceback,
and never stops the other files of the run (issue 5).

Each bad file is built here, in the test; each runs through ``framing score`` together with
one good file, and through :func:`framing.io.reader.read_bytes` directly.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import time

import pytest
from pypdf import PdfWriter

from framing.cli import main
from framing.io.reader import ReadError, base_name, read_bytes
from framing.language.analysis import MAX_SENTENCE_TOKENS
from framing.score import score_article

GOOD = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen. "
    "Der Kanzler sagte, man werde die Ukraine weiter unterstützen. Die Opposition "
    "kritisierte den Beschluss als zu spät und forderte eine Debatte im Bundestag. "
    "In Brüssel wollen die Außenminister am Donnerstag über weitere Schritte beraten.\n"
)
ENGLISH = ("The government imposed new sanctions on Monday. The chancellor said he was surprised "
           "by the decision and would discuss it with his partners in Brussels next week. ") * 2
FRENCH = ("Le gouvernement a imposé de nouvelles sanctions lundi. Le chancelier s'est dit surpris "
          "par la décision et veut en discuter avec ses partenaires à Bruxelles la semaine prochaine. ") * 2
RUSSIAN = ("Правительство в понедельник ввело новые санкции. Канцлер сказал, что удивлен решением "
           "и обсудит его с партнерами в Брюсселе на следующей неделе. ") * 2
CHINESE = "政府周一决定实施新的制裁措施。总理表示对这一决定感到惊讶。他将于下周在布鲁塞尔与伙伴讨论此事。" * 2
WORDS = ("die Regierung hat am Montag neue Sanktionen beschlossen und der Kanzler äußerte sich "
         "überrascht über den Plan Merz Putin Russland sei habe nicht Krieg").split()


def text_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a real text layer (Helvetica, WinAnsi), written by hand."""
    body = "BT /F1 11 Tf 50 800 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
        for line in lines) + " ET"
    stream = body.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def good_pdf() -> bytes:
    return text_pdf([line.strip() + "." for line in GOOD.split(". ") if line.strip()])


def blank_pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: A vocabulary as varied as news text (a 1,000-word stretch has about 470 distinct words),
#: so the work limits on repetition and diversity do not apply.
VOCABULARY = WORDS + [a + b.lower() for a in WORDS if a[0].isupper() for b in WORDS]


def endless(words: int, sep: str = " ") -> str:
    rng = random.Random(words)
    return sep.join(rng.choice(VOCABULARY) for _ in range(words)) + "\n"


# name, bytes, the specific message (regex) the user sees
BAD = [
    ("empty.txt", b"", r"the file is empty$"),
    ("blank.txt", b" \n\t  \r\n ", r"the file is empty \(only white space\)"),
    ("invisible.txt", "\u00a0\u200b\ufeff \u2028\n".encode(), r"holds only white space"),
    ("symbols.txt", "1234 --- !!! ### 😀 §§ 42".encode(), r"holds no words"),
    ("random.txt", random.Random(5).randbytes(4000), r"looks binary"),
    ("nul.md", b"\x00" * 200, r"looks binary"),
    ("scan.pdf", blank_pdf(), r"PDF has no text layer \(a scan\?\); run OCR first"),
    ("cut.pdf", good_pdf()[:400], r"PDF is damaged or truncated"),
    ("stub.pdf", b"%PDF-1.4\n%%EOF", r"PDF is damaged or truncated"),
    ("locked.pdf", blank_pdf("secret"), r"PDF is encrypted with a password"),
    ("menu.html", b"<html><head><script>var tracking = 1;</script></head><body><nav><a href='/'>Start</a>"
                  b"<a href='/p'>Politik</a><a href='/w'>Wirtschaft</a></nav><script>alert(1)</script></body></html>",
     r"HTML page holds no article text"),
    ("noise.html", bytes(range(256)) * 8, r"HTML page holds no article text"),
    ("russian-koi8.txt", RUSSIAN.encode("koi8_r"), r"encoding could not be recognised"),
    ("chinese-gb.txt", CHINESE.encode("gb18030"), r"encoding could not be recognised"),
    ("english.txt", ENGLISH.encode(), r"looks like 'en', not German .*--any-language"),
    ("french.txt", FRENCH.encode("cp1252"), r"looks like 'fr', not German"),
    ("russian.txt", RUSSIAN.encode(), r"looks like 'ru', not German"),
    ("chinese.txt", CHINESE.encode(), r"looks like 'zh', not German"),
    ("slides.pptx", b"PK\x03\x04" + bytes(100), r"'\.pptx' files are not supported"),
    ("links.txt", b"https://example.org/a\nhttps://example.org/b\nwww.example.org/c\n",
     r"only page furniture"),
]

# name, bytes, a warning the user sees (or None), a check on the read article
ODD = [
    ("broken.html", ("<html><body><div><p>" + GOOD.replace(". ", ".</b></p><p><i>")
                     + "</span></td></table>").encode(), None),
    ("text.pdf", good_pdf(), None),
    ("pdf-named.txt", good_pdf(), None),
    ("windows.txt", GOOD.encode("cp1252"), None),
    ("notepad.txt", GOOD.encode("utf-16-le"), None),
    ("notepad-bom.txt", GOOD.encode("utf-16"), None),
    ("mac.txt", __import__("unicodedata").normalize("NFD", GOOD).encode(), None),
    ("endless.txt", endless(20_000).encode(), r"no sentence punctuation"),
    ("commas.txt", endless(5_000, sep=", ").encode(), r"no sentence punctuation"),
    ("run-on.txt", (GOOD + endless(3_000)).encode(), r"one sentence runs to 3,000 words"),
    ("odd-unicode.txt", ("Die\x01 Regierung\x07 hat\u200d am\u200f Montag 😀👨\u200d👩\u200d👧 neue "
                         "Sanktio\u0301nen \u202ebeschlossen\u202c.\x1b[31m " + GOOD).encode(),
     r"removed 9 control or invisible formatting characters"),
]


def _run_cli(tmp_path, capsys, bad_name: str, data: bytes, *extra: str):
    bad = tmp_path / "in" / bad_name
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(data)
    good = tmp_path / "in" / "gut.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "scores.csv"
    started = time.perf_counter()
    code = main(["score", str(bad), str(good), "--out", str(out), "--quiet", *extra])
    seconds = time.perf_counter() - started
    captured = capsys.readouterr()
    rows = list(csv.DictReader(out.open(encoding="utf-8"))) if out.exists() else []
    ids = [r["article_id"] for r in rows if r["level"] == "article"]
    return code, captured.err, ids, bad, seconds


@pytest.mark.parametrize("name, data, message", BAD, ids=[c[0] for c in BAD])
def test_cli_skips_bad_file_with_one_line_and_scores_the_rest(tmp_path, capsys, name, data, message):
    code, err, ids, bad, _ = _run_cli(tmp_path, capsys, name, data)
    assert code == 0
    assert ids == ["gut"]
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{bad}: skipped: ")
    assert re.search(message, lines[0])


@pytest.mark.parametrize("name, data, message", BAD, ids=[c[0] for c in BAD])
def test_read_bytes_raises_specific_read_error(name, data, message):
    with pytest.raises(ReadError, match=message) as caught:
        read_bytes(data, name)
    assert "\n" not in str(caught.value)


def test_size_limit_is_configurable(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_BYTES", "5000")
    big = (GOOD * 60).encode()
    with pytest.raises(ReadError, match=r"the file is [\d,]+ bytes, over the limit of 5,000 bytes "
                                        r"\(set FRAMING_MAX_BYTES to change it\)"):
        read_bytes(big, "big.txt")
    code, err, ids, bad, _ = _run_cli(tmp_path, capsys, "big.txt", big)
    assert (code, ids) == (0, ["gut"])
    assert err.strip() == f"{bad}: skipped: the file is {len(big):,} bytes, over the limit of 5,000 bytes " \
                          "(set FRAMING_MAX_BYTES to change it)"


@pytest.mark.parametrize("name, data, warning", ODD, ids=[c[0] for c in ODD])
def test_cli_scores_odd_but_readable_files(tmp_path, capsys, name, data, warning):
    code, err, ids, bad, seconds = _run_cli(tmp_path, capsys, name, data)
    assert code == 0
    assert sorted(ids) == sorted([bad.stem, "gut"])
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    if warning is None:
        assert lines == []
    else:
        assert len(lines) == 1 and lines[0].startswith(f"{bad}: warning: ")
        assert re.search(warning, lines[0])
    assert seconds < 60  # pathological inputs stay linear (a few seconds on a laptop)


@pytest.mark.parametrize("name, data, warning", ODD, ids=[c[0] for c in ODD])
def test_odd_files_score_with_sane_numbers(name, data, warning):
    articles = read_bytes(data, name)
    assert articles
    for article in articles:
        assert not any(ch in article.text for ch in "\x00\x01\x07\x1b\u200d\u200f\u202e\ufeff")
        assert "Sanktionen" in article.text or "Sanktiónen" in article.text or name.startswith(("endless", "commas"))
        scores = score_article(article, keep_analysis=True)
        assert scores.words > 0
        assert scores.author_words + scores.quoted_words == scores.words
        assert 0.0 <= scores.opinion.ratio <= 1.0
        assert all(-1.0 <= m.polarity <= 1.0 for m in scores.actors.mentions)
        assert all(0 <= h.start < h.end <= len(article.text) for h in scores.loaded.hits)
        if warning:
            assert any(re.search(warning, w) for w in article.warnings)


def test_decomposed_umlauts_are_composed():
    import unicodedata

    [article] = read_bytes(unicodedata.normalize("NFD", GOOD).encode(), "mac.txt")
    assert "äußerte" not in GOOD or "äußerte" in article.text
    assert "Außenminister" in article.text


def test_endless_sentence_is_cut_and_fast():
    [article] = read_bytes(endless(20_000).encode(), "endless.txt")
    started = time.perf_counter()
    scores = score_article(article, keep_analysis=True)
    seconds = time.perf_counter() - started
    assert scores.words == 20_000
    a = scores.analysis
    longest = max(sum(a.is_word[s.tok_start:s.tok_end]) for s in a.sentences)
    assert longest <= MAX_SENTENCE_TOKENS
    assert scores.sentences >= 100
    assert seconds < 30, f"20,000 words without a full stop took {seconds:.1f}s"


def test_other_language_scored_only_when_insisted(tmp_path, capsys):
    [article] = read_bytes(ENGLISH.encode(), "english.txt", any_language=True)
    assert article.warnings and "looks like 'en'" in article.warnings[0]
    code, err, ids, bad, _ = _run_cli(tmp_path, capsys, "english.txt", ENGLISH.encode(), "--any-language")
    assert (code, sorted(ids)) == (0, ["english", "gut"])
    assert err.strip().startswith(f"{bad}: warning: the text looks like 'en'")


def test_all_bad_files_in_one_folder_do_not_stop_the_run(tmp_path, capsys):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, data, _ in BAD:
        (folder / name).write_bytes(data)
    (folder / "gut.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert main(["score", str(folder), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["article_id"] for r in rows if r["level"] == "article"] == ["gut"]
    skipped = [line for line in err.splitlines() if ": skipped: " in line]
    supported = [n for n, _, _ in BAD if not n.endswith(".pptx")]  # a folder lists supported files only
    assert len(skipped) == len(supported)
    assert "Traceback" not in err


def test_broken_manifest_is_one_line(tmp_path, capsys):
    (tmp_path / "gut.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text("[files\nnot toml", encoding="utf-8")
    code = main(["score", str(tmp_path), "--out", str(tmp_path / "s.csv"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "manifest cannot be read" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("/etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\system.ini.txt", "system.ini.txt"),
    ("C:\\Users\\a\\bericht.md", "bericht.md"),
    ("..", "upload"),
    ("", "upload"),
    ("a\x00b\nc.txt", "abc.txt"),
])
def test_upload_names_lose_their_folders(name, expected):
    assert base_name(name) == expected
    [article] = read_bytes(GOOD.encode(), name)
    assert article.origin == expected
    for label in (article.origin, article.article_id, article.source):
        assert "/" not in label and "\\" not in label and ".." not in label.replace(".txt", "")


@pytest.mark.parametrize("title", ['=HYPERLINK("http://example.org","klick")', "+1+cmd|' /C calc'!A0",
                                   "-2+3", "@SUMME(1;2)"])
def test_csv_cells_from_the_text_are_neutralised(tmp_path, capsys, title):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(title + "\n" + GOOD, encoding="utf-8")
    (folder / "manifest.toml").write_text(
        f'[files."a.txt"]\nsource = {json.dumps(title)}\n', encoding="utf-8")
    out, actors = tmp_path / "s.csv", tmp_path / "a.csv"
    assert main(["score", str(folder), "--out", str(out), "--actors-out", str(actors), "--quiet"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    article = next(r for r in rows if r["level"] == "article")
    assert article["title"] == "'" + title
    assert {r["source"] for r in rows} == {"'" + title}
    actor_rows = list(csv.DictReader(actors.open(encoding="utf-8")))
    assert actor_rows and all(r["source"] == "'" + title for r in actor_rows)


# ---------------------------------------------------------------------------------------
# Issue 13: bounded work, no silent corruption, identity, injection, a defensive resume.
# Every fixture is generated here; the large ones only in memory or in tmp_path.
# ---------------------------------------------------------------------------------------

def news(words: int, seed: int = 1) -> str:
    """German-looking text as varied as news, with a full stop every 8-15 words."""
    rng = random.Random(seed)
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 15))
        sentence = [rng.choice(VOCABULARY) for _ in range(n)]
        out.append(" ".join(sentence).capitalize() + ".")
        left -= n
    return " ".join(out) + "\n"


def pdf_pages(contents: list[bytes], flate: bool = True) -> bytes:
    """A hand-made PDF with one page per content stream (optionally Flate-compressed)."""
    import zlib

    n = len(contents)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
               + b"] /Count %d >>" % n,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        data = zlib.compress(content, 9) if flate else content
        objects.append(b"<< /Length %d %s>>\nstream\n" % (len(data), b"/Filter /FlateDecode " if flate else b"")
                       + data + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pseudo_words(count: int) -> str:
    """``count`` random eight-letter "words" (nearly all distinct)."""
    letters = bytes(97 + b % 26 for b in random.Random(count).randbytes(count * 8)).decode()
    return " ".join(letters[k:k + 8] for k in range(0, len(letters), 8))


_PAGE_LINE = b"BT /F1 11 Tf 50 800 Td (Die Regierung hat am Montag neue Sanktionen beschlossen.) Tj ET"
_P = ("<p>Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen. Der Kanzler "
      "sagte, man werde die Ukraine weiter unterstützen. Die Opposition kritisierte den Beschluss.</p>")

# name, bytes (built lazily: some are megabytes), the line the user sees (regex)
REFUSED = [
    ("one-token.txt", lambda: b"x" * 4_000_000, r"only over-long tokens .* FRAMING_MAX_WORD_CHARS"),
    ("pseudo-words.txt", lambda: pseudo_words(400_000).encode()[:4_900_000],
     r"distinct word forms .*over the limit of 150,000 \(set FRAMING_MAX_DISTINCT"),
    ("one-word.txt", lambda: ("Wort " * 990_000).encode(),
     r"one word \('wort'\) makes up 100% .*over the limit of 25% \(set FRAMING_MAX_REPEAT_SHARE"),
    ("few-words.txt", lambda: " ".join(WORDS[k % 20] for k in range(5_000)).encode(),
     r"repeats a few words .*20 distinct words per 1,000.*FRAMING_MIN_DIVERSITY"),
    ("long-forms.txt", lambda: (GOOD + " ".join(w * 5 for w in pseudo_words(600).split())).encode(),
     r"600 distinct words longer than 30 letters .*over the limit of 500 \(set FRAMING_MAX_LONG_FORMS"),
    ("many-articles.txt", lambda: "".join(
        f"Meldung Nummer {k} über den Haushalt | Anna Beispiel 1.2.2025\n{news(30, k)}"
        for k in range(1_001)).encode(), r"splits into 1,001 articles.*FRAMING_MAX_ARTICLES"),
    ("pages.pdf", lambda: pdf_pages([_PAGE_LINE] * 10_000, flate=False),
     r"the PDF has 10,000 pages, over the limit of 2,000 pages \(set FRAMING_MAX_PDF_PAGES"),
    ("bomb.pdf", lambda: pdf_pages([b"q Q " * 12_500_000] * 10),
     r"page content is too large when decompressed.*FRAMING_MAX_PDF_STREAM"),
    ("string.pdf", lambda: pdf_pages([b"BT /F1 11 Tf 50 800 Td (" + b"A" * 50_000_000 + b") Tj ET"]),
     r"page content is too large when decompressed.*FRAMING_MAX_PDF_STREAM"),
    ("nested.html", lambda: ("<html><body>" + "<div>" * 3_000 + _P * 4 + "</div>" * 3_000
                             + "</body></html>").encode(),
     r"nests elements 2,048\+ levels deep, over the limit of 1,000 levels \(set FRAMING_MAX_HTML_DEPTH"),
    ("entities.html", lambda: ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                               "<html><body>" + _P * 4 + "&b;</body></html>").encode(),
     r"declares its own entities"),
]


@pytest.mark.parametrize("name, make, message", REFUSED, ids=[c[0] for c in REFUSED])
def test_work_limit_refuses_with_its_line_and_scores_the_rest(tmp_path, capsys, name, make, message):
    code, err, ids, bad, seconds = _run_cli(tmp_path, capsys, name, make())
    assert (code, ids) == (0, ["gut"]), err
    assert "Traceback" not in err and "E088" not in err
    [line] = [line for line in err.splitlines() if line.strip()]
    assert line.startswith(f"{bad}: skipped: ")
    assert re.search(message, line), line
    assert seconds < 90, f"{name} took {seconds:.0f}s to refuse"


# name, text, the warning (regex), a word the read text must hold
CUT = [
    ("compound.txt", GOOD + "Die " + "Donau" * 400 + " fließt.\n" + GOOD,
     r"cut out 1 token longer than 200 characters \(the longest 2,000; set FRAMING_MAX_WORD_CHARS",
     "Sanktionen"),
    ("urls.txt", news(2_000) + " ".join("https://example.org/" + "a" * 980 for _ in range(10)) + "\n" + GOOD,
     r"cut out 10 tokens longer than 200 characters", "Sanktionen"),
]


@pytest.mark.parametrize("name, text, warning, word", CUT, ids=[c[0] for c in CUT])
def test_over_long_tokens_are_cut_with_a_warning_and_scored_fast(tmp_path, capsys, name, text, warning, word):
    code, err, ids, bad, seconds = _run_cli(tmp_path, capsys, name, text.encode())
    assert (code, sorted(ids)) == (0, sorted([bad.stem, "gut"]))
    assert re.search(warning, err) and "Traceback" not in err
    [article] = read_bytes(text.encode(), name)
    assert word in article.text and "a" * 300 not in article.text
    assert seconds < 60, f"{name} took {seconds:.0f}s"


def test_limits_are_set_by_environment_variables(tmp_path, capsys, monkeypatch):
    text = news(3_000).encode()
    assert read_bytes(text, "n.txt")
    monkeypatch.setenv("FRAMING_MAX_DISTINCT", "100")
    with pytest.raises(ReadError, match=r"over the limit of 100 \(set FRAMING_MAX_DISTINCT"):
        read_bytes(text, "n.txt")
    monkeypatch.setenv("FRAMING_MAX_DISTINCT", "not a number")  # falls back to the default
    assert read_bytes(text, "n.txt")
    monkeypatch.setenv("FRAMING_MAX_CHARS", "2000")
    with pytest.raises(ReadError, match=r"the text has [\d,]+ characters, over the limit of 2,000 "
                                        r"characters \(set FRAMING_MAX_CHARS"):
        read_bytes(text, "n.txt")
    monkeypatch.setenv("FRAMING_MAX_CHARS", "100000")
    monkeypatch.setenv("FRAMING_MAX_ARTICLES", "2")
    three = "".join(f"Meldung {k} zum Haushalt | Anna Beispiel 1.2.2025\n{news(40, k)}" for k in range(3))
    with pytest.raises(ReadError, match=r"splits into 3 articles, over the limit of 2 articles"):
        read_bytes(three.encode(), "drei.txt")


def test_pipeline_takes_every_text_the_reader_accepts(tmp_path, capsys, monkeypatch):
    """spaCy's raw "[E088] Text of length … exceeds" never reaches a user."""
    from framing.language.pipeline import get_nlp

    nlp = get_nlp()
    monkeypatch.setattr(nlp, "max_length", 500)
    code, err, ids, bad, _ = _run_cli(tmp_path, capsys, "lang.txt", news(400).encode())
    assert (code, sorted(ids)) == (0, ["gut", "lang"])
    assert "E088" not in err and "Traceback" not in err
    monkeypatch.setattr(nlp, "max_length", 500)
    [article] = read_bytes(news(400).encode(), "upload.txt")  # the dashboard's path
    assert score_article(article).words == 400


def test_a_file_over_the_time_limit_is_skipped_and_the_rest_written(tmp_path, capsys, monkeypatch):
    import framing.score

    real = framing.score.score_article

    def slow(article, **kw):
        if article.article_id == "langsam":  # busy, as a runaway analysis would be (CPU time counts)
            end = time.process_time() + 30
            while time.process_time() < end:
                pass
        return real(article, **kw)

    monkeypatch.setattr(framing.score, "score_article", slow)
    monkeypatch.setenv("FRAMING_MAX_SECONDS", "1")
    code, err, ids, bad, seconds = _run_cli(tmp_path, capsys, "langsam.txt", GOOD.encode())
    assert (code, ids) == (0, ["gut"])
    assert re.search(r"langsam\.txt: skipped: reading and scoring took more than 1 s of CPU time, over the limit "
                     r"of 1 s per file \(set FRAMING_MAX_SECONDS", err)
    assert seconds < 20


def test_five_megabyte_hostile_inputs_stay_in_time_and_memory(tmp_path):
    """One `framing score` process over four ~5 MB hostile files and a good one: each hostile
    file is refused with its line, the good one is scored, peak RSS stays under 1.5 GB."""
    import resource
    import subprocess
    import sys

    hostile = {
        "one-word.txt": ("Wort " * 990_000).encode(),
        "pseudo-words.txt": pseudo_words(540_000).encode(),
        "one-token.txt": b"x" * 4_900_000,
        "bomb.pdf": pdf_pages([b"q Q " * 12_500_000] * 10),
    }
    for name, data in hostile.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "gut.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "s.csv"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "framing", "score",
                           *(str(tmp_path / n) for n in hostile), str(tmp_path / "gut.txt"),
                           "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count(": skipped: ") == len(hostile), done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["article_id"] for r in rows if r["level"] == "article"] == ["gut"]
    assert peak_mb < 1500, f"peak RSS {peak_mb:.0f} MB"
    assert seconds < 300, f"{seconds:.0f}s for four 5 MB files (generous: the machine may be shared)"


# --- no silent corruption -------------------------------------------------------------

KLAGE = "Die Opposition nannte den Auftritt des Kanzlers kläglich und überheblich. " + GOOD


def test_one_invalid_byte_in_utf8_is_replaced_with_a_warning_not_the_whole_file_recoded():
    data = KLAGE.encode()
    data = data[:40] + b"\xff" + data[40:]
    [article] = read_bytes(data, "kaputt.txt")
    assert "kläglich" in article.text and "Ã" not in article.text
    assert article.text.count("\ufffd") == 1
    assert any(re.search(r"mixes encodings: 1 invalid byte sequence replaced", w) for w in article.warnings)


def test_a_cp1252_paragraph_in_a_utf8_file_is_decoded_on_its_own():
    data = KLAGE.encode() + "Grüße aus München, sagte er am Dienstag.\n".encode("cp1252") + GOOD.encode()
    [article] = read_bytes(data, "gemischt.txt")
    assert "kläglich" in article.text and "Grüße aus München" in article.text
    assert any("1 line not in UTF-8 read as cp1252" in w for w in article.warnings)


ENGLISH_NEWS = ("The government imposed new sanctions on Monday. The chancellor said he was surprised by the "
                "decision and would discuss it with his partners in Brussels next week. Critics in parliament "
                "called the step too late, while business groups warned about energy prices this winter. ")


def test_language_is_checked_over_the_whole_text(monkeypatch):
    monkeypatch.setenv("FRAMING_MIN_DIVERSITY", "0")  # the fixtures repeat their sentences
    monkeypatch.setenv("FRAMING_MAX_REPEAT_SHARE", "1")
    german_then_english = (news(1_000) + ENGLISH_NEWS * 1_500).encode()  # 7 KB German, ~600 KB English
    with pytest.raises(ReadError, match=r"looks like 'en', not German"):
        read_bytes(german_then_english, "lang.txt")
    mostly_german = (news(6_000) + ENGLISH_NEWS * 120).encode()  # about 30 % English
    [article] = read_bytes(mostly_german, "gemischt.txt")
    assert any(re.search(r"mixed languages: about \d+% of the text looks like 'en'", w)
               for w in article.warnings)
    [plain] = read_bytes(news(6_000).encode(), "deutsch.txt")
    assert not any("mixed languages" in w for w in plain.warnings)


def test_mathematical_letters_are_folded_and_scored_like_plain_text():
    fraktur = "𝔇𝔦𝔢 𝔅𝔲𝔫𝔡𝔢𝔰𝔯𝔢𝔤𝔦𝔢𝔯𝔲𝔫𝔤 𝔥𝔞𝔱 𝔡𝔢𝔫 𝔰𝔠𝔥𝔞\u0308𝔫𝔡𝔩𝔦𝔠𝔥𝔢𝔫 ℭ𝔥𝔞𝔬𝔰 𝔟𝔢𝔰𝔠𝔥𝔩𝔬𝔰𝔰𝔢𝔫. " * 3
    plain = "Die Bundesregierung hat den schändlichen Chaos beschlossen. " * 3
    [article] = read_bytes((fraktur + GOOD).encode(), "fraktur.txt")
    assert "Die Bundesregierung hat den schändlichen" in article.text
    assert any(re.search(r"folded \d+ mathematical or full-width letters", w) for w in article.warnings)
    folded = score_article(article)
    reference = score_article(read_bytes((plain + GOOD).encode(), "plain.txt")[0])
    assert folded.loaded.author_hits == reference.loaded.author_hits
    assert 0 <= folded.readability.flesch_amstad <= 100


@pytest.mark.parametrize("text", ["Ja. Nein. Ja. So. Na. Gut. " * 20,
                                  "Donaudampfschifffahrtsgesellschaftskapitänsmützenbandfabrikation " * 30])
def test_readability_stays_inside_its_range(text):
    scores = score_article(read_bytes(text.encode(), "kurz.txt", any_language=True)[0])
    assert 0.0 <= scores.readability.flesch_amstad <= 100.0


# --- identity -------------------------------------------------------------------------

def _rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_the_same_file_twice_is_scored_once_with_a_warning(tmp_path, capsys):
    (tmp_path / "x.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["score", str(tmp_path / "x.txt"), str(tmp_path / "x.txt"), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    rows = _rows(out)
    assert [r["article_id"] for r in rows if r["level"] == "article"] == ["x"]
    [source] = [r for r in rows if r["level"] == "source"]
    assert source["articles"] == "1"
    assert "the same file was given twice; scored once" in err


def test_same_content_in_one_source_is_scored_once(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[files."a.txt"]\nsource = "Blatt"\n[files."b.txt"]\nsource = "Blatt"\n',
                                            encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["score", str(tmp_path), "--out", str(out), "--quiet"]) == 0
    assert [r["article_id"] for r in _rows(out) if r["level"] == "article"] == ["a"]
    assert "same content as" in capsys.readouterr().err


def test_same_named_files_in_different_folders_stay_apart(tmp_path, capsys):
    for folder, extra in (("a", "Der Kanzler schwieg."), ("b", "Die Ministerin lachte.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bericht.txt").write_text(GOOD + extra, encoding="utf-8")
    out, actors = tmp_path / "s.csv", tmp_path / "a.csv"
    assert main(["score", str(tmp_path / "a" / "bericht.txt"), str(tmp_path / "b" / "bericht.txt"),
                 "--out", str(out), "--actors-out", str(actors), "--quiet"]) == 0
    rows = _rows(out)
    assert [r["article_id"] for r in rows if r["level"] == "article"] == ["a/bericht", "b/bericht"]
    assert [r["source"] for r in rows if r["level"] == "source"] == ["a/bericht", "b/bericht"]
    assert {r["article_id"] for r in _rows(actors) if r["level"] == "article"} <= {"a/bericht", "b/bericht"}


def test_articles_carry_a_content_digest():
    [a] = read_bytes(GOOD.encode(), "x.txt")
    [b] = read_bytes(GOOD.encode(), "y.txt")
    [c] = read_bytes((GOOD + "Ende.").encode(), "x.txt")
    assert a.digest == b.digest != c.digest and len(a.digest) == 16


# --- injection --------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("Alte\rQuelle", "Alte Quelle"),
    ("a\r=1+1", "a =1+1"),
    ("x\n@SUMME(1;2)", "x @SUMME(1;2)"),
    ("\t=1+1", "' =1+1"),
    ("\r\n-2+3", "'  -2+3"),
    ("＝1+1", "'＝1+1"),
    ("ok\x1b[31m", "ok [31m"),
    ("Zeile\u2028zwei", "Zeile zwei"),
    (1.5, "1.5000"), (-2, "-2"), (float("nan"), ""), (None, ""),
])
def test_safe_cell_neutralises_breaks_and_formulas_anywhere(value, expected):
    from framing.io.csvout import safe_cell

    assert safe_cell(value) == expected


def test_a_manifest_label_with_a_carriage_return_cannot_start_a_record(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[files."a.txt"]\nsource = "Quelle\\r=1+1\\n@x\\tz"\n', encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["score", str(tmp_path), "--out", str(out), "--quiet"]) == 0
    raw = out.read_bytes()
    assert b"\r" not in raw and b"\t" not in raw
    lines = raw.decode().splitlines()
    assert len(lines) == 3  # header, article, source
    for row in csv.reader(io.StringIO(raw.decode())):
        assert not any(cell.lstrip().startswith(("=", "+", "@")) for cell in row)
    assert {r["source"] for r in _rows(out)} == {"Quelle =1+1 @x z"}
    out_text = capsys.readouterr().out
    assert "\r" not in out_text and "\t" not in out_text


def test_terminal_output_shows_control_characters_escaped(tmp_path, capsys):
    evil = tmp_path / "x\nscored OK\x1b]0;pwned\x07\x1b[2J.txt"
    evil.write_bytes(b"")
    good = tmp_path / "gut.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["score", str(evil), str(good), "--out", str(tmp_path / "s.csv"), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.err + captured.out and "\x07" not in captured.err
    [line] = captured.err.splitlines()
    assert "x\\nscored OK\\x1b]0;pwned\\x07\\x1b[2J.txt: skipped: the file is empty" in line
    named = tmp_path / "t\x1b[2Jitel.txt"
    named.write_text(GOOD, encoding="utf-8")
    assert main(["explain", str(named)]) == 0
    explained = capsys.readouterr().out
    assert "\x1b" not in explained and "t[2Jitel" in explained  # the reader drops controls from names


def test_printable_keeps_letters_and_escapes_controls():
    from framing.io.cells import printable

    assert printable("Grüße 😀 „Zitat“") == "Grüße 😀 „Zitat“"
    assert printable("a\nb\rc\td\x1b\u202ee") == "a\\nb\\rc\\td\\x1b\\u202ee"


# --- resume -----------------------------------------------------------------------------

def _three(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k, extra in enumerate(["Der Kanzler schwieg.", "Die Ministerin lachte.", "Der Minister ging."]):
        (folder / f"t{k}.txt").write_text(f"Über den Haushalt, Teil {k}\n" + GOOD + extra, encoding="utf-8")
    return folder


def _checkpoint_of(folder, out, **options):
    from framing.runner import score_files

    checkpoint = out.with_name(out.name + ".partial.jsonl")
    results = list(score_files([folder], checkpoint=checkpoint, progress=False, **options))
    return checkpoint, results


def test_resume_skips_torn_and_foreign_lines_with_a_warning(tmp_path, capsys):
    folder = _three(tmp_path)
    out = tmp_path / "s.csv"
    checkpoint, _ = _checkpoint_of(folder, out)
    header, *lines = checkpoint.read_bytes().splitlines(keepends=True)
    assert json.loads(header)["options"] == {"any_language": False} and len(lines) == 3
    assert all(json.loads(line)["made_with"]["version"] for line in lines)
    torn = lines[1][: lines[1].index(b"\xc3") + 1]  # cut inside a UTF-8 character
    foreign = json.dumps({"key": json.loads(lines[2])["key"], "result": {"records": [{"source": "x"}]}})
    checkpoint.write_bytes(header + lines[0] + foreign.encode() + b"\n" + torn)  # killed mid-write
    assert main(["score", str(folder), "--out", str(out), "--resume", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"skipped 2 torn or unreadable lines of the checkpoint", err)
    assert [r["article_id"] for r in _rows(out) if r["level"] == "article"] == ["t0", "t1", "t2"]


def test_a_record_after_a_torn_line_stands_on_its_own(tmp_path):
    from framing.runner import load_checkpoint

    folder = _three(tmp_path)
    out = tmp_path / "s.csv"
    checkpoint, _ = _checkpoint_of(folder, out)
    header, *lines = checkpoint.read_bytes().splitlines(keepends=True)
    checkpoint.write_bytes(header + lines[0] + lines[1][:25])  # torn, no newline
    _checkpoint_of(folder, out)
    assert len(load_checkpoint(checkpoint)) == 3
    assert all(json.loads(line) for line in checkpoint.read_bytes().splitlines()[3:])


def test_resume_with_other_options_or_manifest_rescores(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    manifest = folder / "manifest.toml"
    manifest.write_text('[files."a.txt"]\nsource = "Alte Quelle"\n[files."en.txt"]\nsource = "Englisch"\n',
                        encoding="utf-8")
    out = tmp_path / "s.csv"
    _checkpoint_of(folder, out)
    manifest.write_text('[files."a.txt"]\nsource = "Neue Quelle"\n[files."en.txt"]\nsource = "Englisch"\n',
                        encoding="utf-8")
    assert main(["score", str(folder), "--out", str(out), "--resume", "--any-language", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "2 files were checkpointed with other options, manifest entries or package version" in err
    sources = {r["source"] for r in _rows(out)}
    assert sources == {"Neue Quelle", "Englisch"}


def test_checkpoint_key_holds_options_manifest_and_version(tmp_path, monkeypatch):
    from framing import runner
    from framing.io.reader import SourceInfo

    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    base = runner._key(path, SourceInfo("A"), "a", {"any_language": False})
    assert base != runner._key(path, SourceInfo("B"), "a", {"any_language": False})
    assert base != runner._key(path, SourceInfo("A"), "a", {"any_language": True})
    monkeypatch.setattr(runner, "_version", lambda: "99.0")
    assert base != runner._key(path, SourceInfo("A"), "a", {"any_language": False})
