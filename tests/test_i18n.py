"""Interface strings: both languages have every key, and every key the app uses exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing.app.i18n import LANGUAGES, strings, table

ROOT = Path(__file__).resolve().parents[1]


def test_both_languages_have_the_same_keys():
    assert set(table("de")) == set(table("en"))


def test_every_key_used_by_the_app_exists():
    code = (ROOT / "streamlit_app.py").read_text() + (ROOT / "framing/app/views.py").read_text()
    used = set(re.findall(r'tr\("([a-z_.]+)"', code))
    assert used, "the app uses strings"
    for lang in LANGUAGES:
        assert not sorted(used - set(table(lang))), lang


def test_every_category_has_a_label():
    from framing.measures.loaded import categories

    for lang in LANGUAGES:
        tr = strings(lang)
        for category in categories():
            assert tr.has(f"category.{category}"), (lang, category)
    assert strings("de").category("emotive_verb") == "emotionales Verb"


@pytest.mark.parametrize("lang, value, spec, expected", [
    ("de", 1234.5, ",.1f", "1\u202f234,5"), ("en", 1234.5, ",.1f", "1,234.5"),
    ("de", -0.04, "+.2f", "−0,04"), ("de", -0.001, ".1f", "0,0"), ("en", float("nan"), ".1f", "–"),
])
def test_numbers_in_each_language(lang, value, spec, expected):
    assert strings(lang).number(value, spec) == expected


def test_unknown_language_falls_back_to_german():
    assert strings("xx").lang == "de" and strings(None)("view.overview") == "Überblick"
    assert strings("en")("card.mentions", n=3) == "3 mentions"
