"""Tests for framing.language.units: headlines, datelines and agency credits as own units."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_LINES = ["Keine Einigung in Sicht", "Berlin (dpa) - Der Gipfel endete ohne Ergebnis.",
          "Die Gespräche sollen weitergehen. (dpa)", "dpa/AFP", "Mit Material von Reuters",
          "Riad, Saudi-Arabien - Die Delegationen trafen sich.", "„Wir bleiben hart“",
          "Was bleibt, ist unklar", "", "  Eingerückte Zeile ohne Punkt  ", "putin hofft,",
          "Washington (AFP/Reuters) – Trump hat neue Zölle angekündigt. (AFP)"]


def _scan(units, start, end):
    """The definition: the first unit, in order, that covers the span."""
    return next((u.kind for u in units if u.start <= start and end <= u.end), "sentence")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_units_are_ordered_and_disjoint_so_one_search_finds_the_cover(lines, newline):
    text = newline.join(lines)
    units = find_units(text)
    assert all(a.end <= b.start for a, b in zip(units, units[1:]))
    assert all(u.start < u.end for u in units)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 60) + 1):
            assert unit_kind(units, start, end) == _scan(units, start, end)


class _CountingUnits(tuple):
    """A tuple of units that counts how many times an item is read."""

    reads = 0

    def __getitem__(self, k):
        type(self).reads += 1
        return tuple.__getitem__(self, k)

    def __iter__(self):
        for k in range(len(self)):
            yield self[k]


def test_labelling_a_headline_rich_text_reads_each_unit_a_bounded_number_of_times(monkeypatch):
    """Hostile input: thousands of headline lines. The unit look-up of every sentence must
    not scan all units (that was quadratic); eight times the lines may cost at most about
    eight times the reads (a binary search adds a logarithmic factor, far below 64)."""
    from framing.language import units as units_module
    from framing.measures.opinion import score_opinion

    real = units_module.find_units
    monkeypatch.setattr(units_module, "find_units", lambda text: _CountingUnits(real(text)))
    reads = []
    for n in (100, 800):
        text = "".join(f"Regierung plant neue Steuer Nummer {k}\nSie soll {k} Euro bringen.\n"
                       for k in range(n))
        analysis = analyze_text(text)
        _CountingUnits.reads = 0
        labels = score_opinion(analysis).sentences
        assert sum(s.unit == HEADLINE for s in labels) == n
        reads.append(_CountingUnits.reads)
    assert reads[1] < 16 * reads[0]
