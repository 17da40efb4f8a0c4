import pytest

from framing.io.furniture import classify_line, find_furniture


@pytest.mark.parametrize("line, reason", [
    ("[…] wie in einem vorherigen Bericht über Trumps Gespräche mit Putin […]", "pingback"),
    ("https://example.org/artikel?id=1", "url"),
    ("---|---|", "table"),
    ("Ort | Riad, Saudi-Arabien |", "table"),
    ("Trump begrüßt Selenskyj im Weißen Haus. Foto: Win McNamee / Getty Images", "caption"),
    ("Ihre Experten im Webinar:", "advert"),
    ("- Themen:", "tags"),
])
def test_classify_line(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", [
    "Die Gespräche in Riad dauerten rund anderthalb Stunden.",
    "Putins selbstbewusste Antwort",
    "• Luftverteidigungssysteme für die Ukraine",
])
def test_article_lines_are_not_furniture(line):
    assert classify_line(line) is None


def test_trailing_advert_block_and_menu():
    text = (
        "Putin macht klar, dass er sich nicht beeindrucken lässt.\n"
        "- Themen:\n- #Wahlen\n\nDER DIGITALE EURO KOMMT!\nIhre Experten im Webinar:\n\nMax Mustermann\n"
        "- Finanzen\n- Politik\n"
    )
    found = find_furniture(text)
    excluded = {e.text for e in found}
    assert "Max Mustermann" in excluded and "- Politik" in excluded
    assert not any("beeindrucken" in e.text for e in found)
    for e in found:
        assert text[e.start:e.end] == e.text


def test_subheading_in_the_middle_is_kept():
    text = "Erster Absatz mit Inhalt.\nGeheime Gespräche ohne Ergebnis\nZweiter Absatz mit Inhalt.\n"
    assert find_furniture(text) == ()


def test_seed_furniture_is_excluded(seed_articles):
    by_id = {a.article_id: a for a in seed_articles}
    reasons = lambda aid: {e.reason for e in by_id[aid].excluded}  # noqa: E731
    assert "pingback" in reasons("000_d63085e8f79733fb")
    assert {"advert", "menu", "tags"} <= reasons("001_96c5410af20a121a")
    assert {"caption", "url"} <= reasons("002_326afa099a296fc4#10")
    assert "table" in reasons("003_261714ead5c893d7")
    webinar = next(e for e in by_id["001_96c5410af20a121a"].excluded if "Webinar" in e.text)
    assert webinar.reason == "advert"
