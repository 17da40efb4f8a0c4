"""What the text asserts about an actor, and what only describes its situation: questions,
plight, victims of mocking and flattery, and the compound heads of evaluative nouns. Each
case with a German example sentence (framing.measures.actors)."""

from __future__ import annotations

import pytest

from framing.language.analysis import analyze_text
from framing.measures.actors import score_actors
from framing.measures.actors.score import has_evidence
from framing.measures.actors.tone import _compound_head_value, compound_heads

DATE = "2025-08-16"


def _actor(text: str, actor: str):
    return next(x for x in score_actors(analyze_text(text, date=DATE)).actors if x.actor == actor)


def _mentions(text: str, actor: str):
    return [m for m in score_actors(analyze_text(text, date=DATE)).mentions if m.actor == actor]


# --------------------------------------------------------------------------- questions
@pytest.mark.parametrize(
    "text",
    [
        "Ist Merz wirklich der entschlossene Reformer?",
        "Hat Trump mit seinem Mut und Geschick wirklich etwas erreicht?",
        "Kanzler Merz zögert. Aber ist der Kanzler ein schwacher Verhandler?",
        "„Ist Putin ein Lügner?“, fragte die Moderatorin.",
    ],
)
def test_words_inside_a_question_are_not_asserted(text):
    actor = next(x.actor for x in score_actors(analyze_text(text, date=DATE)).actors
                 if x.actor in ("Friedrich Merz", "Donald Trump", "Wladimir Putin"))
    score = _actor(text, actor)
    assert score.label == "neutral" and score.evidenced == 0, score
    asked = [m for m in _mentions(text, actor) if any(c.kind == "question" for c in m.cues)]
    assert asked and all(m.polarity == 0 for m in asked)


def test_the_same_words_as_a_statement_are_asserted():
    assert _actor("Merz ist ein entschlossener Reformer.", "Friedrich Merz").label == "positive"


def test_a_question_does_not_mute_the_statement_before_it():
    text = "Trump hat die Verbündeten belogen. Wer glaubt ihm noch?"
    assert _actor(text, "Donald Trump").label == "negative"


# --------------------------------------------------------------------------- plight and feelings
@pytest.mark.parametrize(
    "text",
    [
        "Selenskyj wirkt müde.",
        "Nach der langen Reise wirkte Scholz erschöpft.",
        "Selenskyj steht innenpolitisch unter Druck.",
        "Die Regierung Netanjahus gerät in Bedrängnis, Netanjahu steht in der Kritik.",
        "Biden ist gesundheitlich angeschlagen.",
        "Trump zeigte sich nach dem Telefonat frustriert.",
        "Putin ist an einem schnellen Abkommen interessiert.",
        "Merz trat überraschend vor die Presse.",
    ],
)
def test_an_actors_plight_is_no_judgement(text):
    for m in score_actors(analyze_text(text, date=DATE)).mentions:
        assert m.polarity == 0 and not has_evidence(m.cues), (m.text, m.cues)


def test_a_judgement_next_to_a_plight_still_counts():
    assert _actor("Selenskyj wirkt müde, aber er führt sein Land mutig und klug.",
                  "Wolodymyr Selenskyj").label == "positive"


# --------------------------------------------------------------------------- victims
@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        ("Putin verhöhnte die Ukraine.", "Wladimir Putin", "Ukraine"),
        ("Vor laufenden Kameras demütigte Trump die dänische Regierungschefin Frederiksen.", "Donald Trump", "Mette Frederiksen"),
    ],
)
def test_the_target_of_mockery_is_a_victim_not_presented_negatively(text, doer, target):
    assert _actor(text, doer).label == "negative"
    assert all(m.polarity >= 0 for m in _mentions(text, target))


def test_the_one_flattered_is_not_presented_positively():
    text = "Trump schmeichelt dem Kremlchef."
    assert all(m.polarity <= 0 for m in _mentions(text, "Wladimir Putin"))
    assert _actor(text, "Donald Trump").tone < 0


# --------------------------------------------------------------------------- compounds
@pytest.mark.parametrize(
    ("word", "sign"),
    [
        ("Videoansprache", 0),  # "Video|ansprache", never "…ansp|rache"
        ("Fernsehansprache", 0),
        ("Friedensangebot", 1),  # "Angebot" is the head, not "Sangebot"
        ("Wahlniederlage", -1),
        ("Regierungskrise", -1),
        ("Machtmissbrauch", -1),
    ],
)
def test_a_compound_is_read_by_its_head_behind_a_known_left_part(word, sign):
    value = _compound_head_value(word)
    assert (value > 0) - (value < 0) == sign, value


def test_compound_heads_need_a_known_left_part():
    assert "Rache" not in compound_heads("Videoansprache")
    assert "Ansprache" in compound_heads("Videoansprache")
    assert "Niederlage" in compound_heads("Wahlniederlage")


def test_a_video_address_is_not_revenge():
    text = "Präsident Selenskyj hat in seiner Videoansprache weitere Flugabwehrsysteme gefordert."
    assert _actor(text, "Wolodymyr Selenskyj").label == "neutral"
