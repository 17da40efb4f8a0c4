import pytest

from framing.io.reader import ReadError, decode_text, read_bytes

GERMAN = "Die Regierung hat am Montag neue Sanktionen beschlossen. Der Kanzler äußerte sich überrascht."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_decodes_common_encodings(encoding):
    text, _ = decode_text(GERMAN.encode(encoding))
    assert text == GERMAN


def test_reads_plain_text_with_title():
    [article] = read_bytes(("Überschrift ohne Punkt\n" + GERMAN).encode("cp1252"), "brief.txt")
    assert article.title == "Überschrift ohne Punkt"
    assert "äußerte" in article.text
    assert article.source == "brief"


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t  ", "empty"),
    (b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
])
def test_bad_input_raises_read_error(data, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(data, "x.txt")


def test_size_limit(monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_BYTES", "100")
    with pytest.raises(ReadError, match="over the limit"):
        read_bytes(GERMAN.encode() * 5, "big.txt")


def test_unsupported_suffix():
    with pytest.raises(ReadError, match="not supported"):
        read_bytes(GERMAN.encode(), "slides.pptx")


def test_html_main_text():
    html = (f"<html><head><title>Titel der Seite</title></head><body><nav>Menü Start Politik</nav>"
            f"<article><h1>Titel der Seite</h1><p>{GERMAN * 3}</p></article></body></html>")
    [article] = read_bytes(html.encode(), "page.html")
    assert "Sanktionen" in article.text
    assert article.title


def test_splits_columns_with_byline_and_date():
    text = (
        "Erster Titel | Vitaly Portnikov. 23.10.2025.\n\n" + GERMAN + "\n\n"
        "Zweiter Titel. Kolumne von Vitaly Portnikov. 18.10.2025\n\n" + GERMAN + "\n"
    )
    first, second = read_bytes(text.encode(), "kolumnen.txt", source="Portnikov")
    assert (first.title, first.date) == ("Erster Titel", "2025-10-23")
    assert (second.title, second.date) == ("Zweiter Titel", "2025-10-18")
    assert first.source == second.source == "Portnikov"
    assert [e.reason for e in first.excluded] == ["byline"]
    assert "Vitaly Portnikov" in first.text[first.excluded[0].start:first.excluded[0].end]


def test_date_line_and_kicker_title():
    [article] = read_bytes(b' date 2025-08-26 Nach dem Gipfel:Trump: "Sehr gut"\n' + GERMAN.encode(), "a.txt")
    assert article.date == "2025-08-26"
    assert article.title == 'Nach dem Gipfel: Trump: "Sehr gut"'
    assert article.excluded[0].reason == "metadata"


def test_seed_corpus_sources_and_columns(seed_articles):
    sources = {a.source for a in seed_articles}
    assert len(sources) == 5
    portnikov = [a for a in seed_articles if a.article_id.startswith("002_")]
    assert len(portnikov) == 10
    assert len({a.source for a in portnikov}) == 1
    assert all(a.date for a in portnikov)


ENGLISH = ("The government imposed new sanctions on Monday. The chancellor said he was surprised "
           "by the decision and would discuss it with his partners in Brussels next week.")


def test_other_language_is_refused_unless_insisted():
    with pytest.raises(ReadError, match="not German"):
        read_bytes(ENGLISH.encode(), "en.txt")
    [article] = read_bytes(ENGLISH.encode(), "en.txt", any_language=True)
    assert article.warnings and "not German" in article.warnings[0]


def test_short_text_is_not_refused_on_language():
    [article] = read_bytes(b"Trump Putin Selenskyj", "names.txt")
    assert article.warnings == ()


@pytest.mark.parametrize("data, name, kind", [
    (b"", "x.txt", "empty"), (b"\x00\x01" * 100, "x.txt", "binary"), (b"abc", "x.docx", "format"),
    (ENGLISH.encode(), "en.txt", "language"),
])
def test_read_error_kind(data, name, kind):
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    assert info.value.kind == kind


_BODY = ("<p>Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen. Der Kanzler "
         "sagte, man werde die Ukraine weiter unterstützen. Die Opposition kritisierte den Beschluss.</p>") * 3
NEWS_PAGE = f"""<!DOCTYPE html><html lang="de"><head><title>Sanktionen beschlossen | Tagesblatt</title>
<meta property="og:site_name" content="Tagesblatt">
<meta property="og:title" content="Regierung beschließt neue Sanktionen">
<meta name="author" content="Anna Beispiel">
<meta name="date" content="2025-08-18">
<meta name="description" content="Die Bundesregierung verschärft den Kurs gegen Moskau: ein neues Paket für Banken.">
<link rel="canonical" href="https://www.tagesblatt.example/politik/sanktionen-123.html">
</head><body><nav><a href="/">Start</a><a href="/politik">Politik</a></nav><article>
<h1>Regierung beschließt neue Sanktionen</h1>
<p class="byline">Von Anna Beispiel, Berlin</p>{_BODY}</article><footer>Impressum</footer></body></html>"""


def test_html_metadata_fills_outlet_author_date_url_and_title():
    [article] = read_bytes(NEWS_PAGE.encode(), "seite.html")
    assert article.outlet == "Tagesblatt" and article.source == "Tagesblatt"
    assert article.author == "Anna Beispiel"
    assert article.date == "2025-08-18"
    assert article.url == "https://www.tagesblatt.example/politik/sanktionen-123.html"
    assert article.title == "Regierung beschließt neue Sanktionen"
    assert article.digest


def test_html_keeps_teaser_and_byline_the_byline_excluded_from_scores():
    [article] = read_bytes(NEWS_PAGE.encode(), "seite.html")
    assert "Die Bundesregierung verschärft den Kurs gegen Moskau" in article.text
    assert "Von Anna Beispiel, Berlin" in article.text
    [byline] = [e for e in article.excluded if e.reason == "byline"]
    assert article.text[byline.start:byline.end] == "Von Anna Beispiel, Berlin"


def test_manifest_and_caller_override_the_page_metadata():
    from framing.io.reader import SourceInfo

    [given] = read_bytes(NEWS_PAGE.encode(), "seite.html", source="Meine Quelle")
    assert given.source == "Meine Quelle" and given.outlet == "Tagesblatt"
    [listed] = read_bytes(NEWS_PAGE.encode(), "seite.html", info=SourceInfo("Aus dem Manifest", date="2025-08-19"))
    assert listed.source == "Aus dem Manifest" and listed.date == "2025-08-19"


def test_text_files_have_no_page_metadata():
    [article] = read_bytes(GERMAN.encode(), "brief.txt")
    assert (article.outlet, article.author, article.url) == (None, None, None)


def test_html_nested_deeper_than_libxml2_default_is_read():
    deep = "<html><body>" + "<div>" * 400 + _BODY + "</div>" * 400 + "</body></html>"
    [article] = read_bytes(deep.encode(), "tief.html")
    assert "Sanktionen gegen Russland" in article.text
