"""Tests for framing.language.units: headlines, datelines and agency credits as own units."""

from __future__ import annotations

import pytest

from framing.language.analysis import analyze_text
from framing.language.units import CREDIT, DATELINE, HEADLINE, find_units, unit_kind


def _found(text):
    return [(text[u.start:u.end], u.kind) for u in find_units(text)]


@pytest.mark.parametrize("text, expected", [
    ("Gipfel in Alaska endet ohne Einigung\nDer Gipfel endete am Freitag ohne Ergebnis.",
     [("Gipfel in Alaska endet ohne Einigung", HEADLINE)]),
    ("Berlin (dpa) - Der Kanzler hat am Montag mit Macron telefoniert.",
     [("Berlin (dpa) -", DATELINE)]),
    ("Washington (AFP/Reuters) – Trump hat neue Zölle angekündigt.",
     [("Washington (AFP/Reuters) –", DATELINE)]),
    ("Riad, Saudi-Arabien - Die Delegationen trafen sich am Dienstag.",
     [("Riad, Saudi-Arabien -", DATELINE)]),
    ("Die Gespräche sollen am Montag weitergehen. (dpa)",
     [("(dpa)", CREDIT)]),
    ("Die Gespräche sollen am Montag weitergehen.\ndpa/AFP",
     [("dpa/AFP", CREDIT)]),
    ("Die Gespräche sollen weitergehen.\nMit Material von Reuters",
     [("Mit Material von Reuters", CREDIT)]),
])
def test_finds_units(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    # a sentence broken over lines is not a headline (comma at the end, lower-case start)
    "Putin hofft,\ndass die Ukraine nachgibt.",
    # running text with a full stop
    "Der Kanzler reiste am Montag nach Paris.",
    # an agency name in running text is no credit
    "Die Agentur dpa meldete am Montag neue Zahlen.",
])
def test_no_units_in_running_text(text):
    assert find_units(text) == ()


def test_unit_kind_of_a_span():
    text = "Keine Einigung in Sicht\nDer Gipfel endete ohne Ergebnis."
    units = find_units(text)
    assert unit_kind(units, 0, len("Keine Einigung in Sicht")) == HEADLINE
    assert unit_kind(units, 24, len(text)) == "sentence"


def test_sentencizer_keeps_units_apart():
    text = ("Keine Einigung in Sicht\n"
            "Berlin (dpa) - Der Gipfel endete ohne Ergebnis. Was bleibt, ist unklar. (dpa)")
    sentences = [s.text for s in analyze_text(text).sentences]
    assert sentences == ["Keine Einigung in Sicht", "Berlin (dpa) -",
                         "Der Gipfel endete ohne Ergebnis.", "Was bleibt, ist unklar.", "(dpa)"]
