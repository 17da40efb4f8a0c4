"""Tests for framing.measures.actors: mention detection, roles by date, voice, polarity."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.language.analysis import analyze, analyze_text
from framing.measures.actors import score_actors, target_polarity

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _mentions(text: str, date: str | None = None):
    return score_actors(analyze_text(text, date=date)).mentions


def _actor_polarity(text: str, actor: str, date: str | None = None) -> float:
    ms = [m for m in _mentions(text, date) if m.actor == actor]
    assert ms, f"{actor} not found in {text!r}"
    return sum(m.polarity for m in ms) / len(ms)


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("Putins Armee rückt weiter vor.", "Putins", "Wladimir Putin"),
        ("Selenskyjs Berater reiste nach Berlin.", "Selenskyjs", "Wolodymyr Selenskyj"),
        ("Die Wirtschaft Russlands schrumpft.", "Russlands", "Russland"),
        ("Volodymyr Zelensky traf den Kanzler.", "Volodymyr Zelensky", "Wolodymyr Selenskyj"),
        ("Der Kremlchef äußerte sich am Abend.", "Kremlchef", "Wladimir Putin"),
        ("Kremlsprecher Dmitri Peskow äußerte sich am Abend.", "Kremlsprecher Dmitri Peskow", "Dmitri Peskow"),
        ("Moskau dementierte den Bericht.", "Moskau", "Russland"),
        ("Das Weiße Haus äußerte sich nicht.", "Weiße Haus", "USA"),
        ("Der Kreml reagierte gelassen.", "Kreml", "Russland"),
        ("Kyjiw meldete neue Angriffe.", "Kyjiw", "Ukraine"),
        ("Brüssel plant neue Sanktionen.", "Brüssel", "EU"),
        ("Die Nato verstärkt die Ostflanke.", "Nato", "NATO"),
        ("Ursula von der Leyen reiste nach Kiew.", "Ursula von der Leyen", "Ursula von der Leyen"),
    ],
)
def test_aliases(text, surface, actor):
    found = {(m.text, m.actor) for m in _mentions(text)}
    assert (surface, actor) in found


@pytest.mark.parametrize(
    ("date", "actor"),
    [("2023-06-01", "Joe Biden"), ("2025-06-01", "Donald Trump"), (None, "Donald Trump")],
)
def test_role_resolved_by_date(date, actor):
    ms = _mentions("Der US-Präsident telefonierte mit dem Kanzler.", date)
    assert ms[0].text == "US-Präsident"
    assert ms[0].actor == actor


@pytest.mark.parametrize(
    ("date", "actor"),
    [("2024-01-10", "Olaf Scholz"), ("2025-09-01", "Friedrich Merz")],
)
def test_chancellor_by_date(date, actor):
    ms = _mentions("Der Kanzler reiste nach Paris.", date)
    assert [m.actor for m in ms][0] == actor


@pytest.mark.parametrize(
    "text",
    ["Der frühere US-Präsident meldete sich zu Wort.", "Er war ein russischer Präsident wie viele."],
)
def test_role_blocked(text):
    assert not [m for m in _mentions(text, "2025-06-01") if m.kind == "person"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [("In Moskau regnet es seit Tagen.", False), ("Moskau weist die Vorwürfe zurück.", True)],
)
def test_metonym_vs_place(text, counted):
    assert any(m.actor == "Russland" for m in _mentions(text)) is counted


def test_role_followed_by_name_counts_once():
    ms = _mentions("US-Präsident Joe Biden sprach in Warschau.", "2025-06-01")
    assert [(m.text, m.actor) for m in ms] == [("US-Präsident Joe Biden", "Joe Biden")]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Trump ist erfolgreich.", 1),
        ("Trump ist nicht erfolgreich.", -1),
        ("Trump ist sehr gescheitert.", -1),
        ("Trump ist kein Lügner.", 1),
    ],
)
def test_negation_and_polarity_sign(text, sign):
    value = _actor_polarity(text, "Donald Trump")
    assert value * sign > 0


@pytest.mark.parametrize(
    ("text", "actor", "sign"),
    [
        ("Russland griff die Ukraine in der Nacht an.", "Russland", -1),
        ("Die Ukraine wurde von Russland angegriffen.", "Russland", -1),
        ("Trump lobte Selenskyj ausdrücklich.", "Wolodymyr Selenskyj", 1),
        ("Merz kritisierte Orbán.", "Viktor Orbán", -1),
        ("Die EU verurteilt Russland.", "Russland", -1),
    ],
)
def test_agent_and_target_of_loaded_verbs(text, actor, sign):
    assert _actor_polarity(text, actor) * sign > 0


def test_words_attached_to_another_phrase_do_not_judge_the_mention():
    said = target_polarity(analyze_text("Putin ist brutal und korrupt."), 0, 5)[0]
    other = target_polarity(analyze_text("Putin traf den Chef einer brutalen und korrupten Bande."), 0, 5)[0]
    assert said < other


def test_quote_is_the_speakers_voice():
    text = 'Trump sagte: „Putin ist ein Lügner und ein Verbrecher.“'
    result = score_actors(analyze_text(text))
    trump = next(m for m in result.mentions if m.actor == "Donald Trump")
    putin = next(m for m in result.mentions if m.actor == "Wladimir Putin")
    assert trump.voice == "author"
    assert trump.polarity == pytest.approx(0.0, abs=0.15)
    assert putin.voice == "quote"
    assert putin.polarity < 0
    scores = {s.actor: s for s in result.actors}
    assert scores["Donald Trump"].quoted == 1
    assert scores["Wladimir Putin"].author_mentions == 0


def test_discovery_of_unknown_recurring_name():
    text = ("Der Analyst Jonas Feldkamp warnte vor Eile. Feldkamp verwies auf frühere Gipfel. "
            "Trump hörte zu.")
    result = score_actors(analyze_text(text))
    assert "Jonas Feldkamp" in result.discovered
    score = next(s for s in result.actors if s.actor == "Jonas Feldkamp")
    assert score.kind == "unknown"
    assert score.mentions == 2


def test_single_unknown_name_is_not_an_actor():
    result = score_actors(analyze_text("Der Analyst Jonas Feldkamp warnte vor Eile."))
    assert result.discovered == ()


TEXT = ("Der Kremlchef lobte den US-Präsidenten. Trump nannte Putin einen klugen Mann, "
        "doch Selenskyj widersprach scharf. Moskau und Washington verhandeln in Riad. "
        "Die EU kritisierte die Gespräche als gefährlich.")


def test_shares_polarity_and_spans():
    analysis = analyze_text(TEXT, date="2025-02-20")
    result = score_actors(analysis)
    assert result.total_mentions == len(result.mentions) == sum(s.mentions for s in result.actors)
    assert sum(s.share for s in result.actors) == pytest.approx(1.0)
    assert [s.mentions for s in result.actors] == sorted((s.mentions for s in result.actors), reverse=True)
    for m in result.mentions:
        assert analysis.text[m.start:m.end] == m.text
        assert -1.0 <= m.polarity <= 1.0
        for cue in m.cues:
            assert analysis.text[cue.start:cue.end] == cue.text
    for s in result.actors:
        assert -1.0 <= s.polarity <= 1.0
        assert -1.0 <= s.polarity_author <= 1.0
        assert s.author_mentions <= s.mentions
    assert not any(m.actor == "Saudi-Arabien" for m in result.mentions)  # "in Riad" is a place


def test_target_polarity_on_any_span():
    text = "Die Maskenpflicht ist eine absurde und schädliche Zumutung."
    value, cues = target_polarity(analyze_text(text), 4, 17)
    assert -1.0 <= value < 0
    assert cues


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed folder absent")
def test_seeds_trump_and_putin_among_top_actors():
    from framing.io.reader import load_manifest, read_path

    manifest = load_manifest(SEEDS)
    assert manifest
    for name, info in manifest.items():
        counts: dict[str, int] = {}
        for article in read_path(SEEDS / name, info=info):
            for score in score_actors(analyze(article)).actors:
                counts[score.actor] = counts.get(score.actor, 0) + score.mentions
        top = sorted(counts, key=lambda k: -counts[k])[:4]
        assert "Donald Trump" in top and "Wladimir Putin" in top, (name, top)


# --------------------------------------------------------------------------- structure
def _cues(text: str, actor: str):
    result = score_actors(analyze_text(text))
    ms = [m for m in result.mentions if m.actor == actor]
    assert ms, f"{actor} not found in {text!r}"
    return [c for m in ms for c in m.cues], ms


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Die Verfolgung Nawalnys geht weiter.", "Alexej Nawalny"),
        ("Die Angriffe auf Kiew gingen in der Nacht weiter.", "Ukraine"),
        ("Russland griff die Ukraine an.", "Ukraine"),
        ("Die Ukraine wurde von Russland angegriffen.", "Ukraine"),
    ],
)
def test_victim_of_a_negative_act_gets_no_negative_cue(text, victim):
    cues, _ = _cues(text, victim)
    assert not [c for c in cues if c.weight < 0], cues


@pytest.mark.parametrize(
    ("text", "agent", "word"),
    [
        ("Russland griff die Ukraine an.", "Russland", "griff"),
        ("Die Ukraine wurde von Russland angegriffen.", "Russland", "angegriffen"),
        ("Die Verfolgung Nawalnys durch den Kreml geht weiter.", "Russland", "Verfolgung"),
        ("Putins Angriffskrieg dauert an.", "Wladimir Putin", "Angriffskrieg"),
    ],
)
def test_agent_of_a_negative_act_is_judged(text, agent, word):
    cues, _ = _cues(text, agent)
    assert any(c.text == word and c.weight < 0 for c in cues), cues


@pytest.mark.parametrize(
    "text",
    [
        "Trump und Putin sprachen in Alaska über den Krieg in der Ukraine.",
        "Putin und Trump verhandelten über Sanktionen und einen Waffenstillstand im Konflikt.",
        "Trump kündigte nach dem Angriffskrieg weitere Verhandlungen an.",
    ],
)
def test_topic_words_do_not_judge_the_actors(text):
    for actor in ("Donald Trump", "Wladimir Putin"):
        if actor.split()[-1] in text:
            cues, _ = _cues(text, actor)
            assert not [c for c in cues if c.kind != "shifter" and c.weight], cues


def test_cues_come_from_the_mentions_own_sentence_only():
    text = "Der Krieg ist brutal und grausam. Trump reiste nach Alaska. Die Lage bleibt katastrophal."
    cues, ms = _cues(text, "Donald Trump")
    start, end = text.index("Trump"), text.index("Die Lage")
    assert all(start - 20 <= c.start < end for c in cues)
    assert not any(c.text in ("brutal", "grausam", "katastrophal") for c in cues)


def test_evaluation_in_a_quote_belongs_to_the_actor_it_is_about():
    text = "„Putin ist ein brutaler Lügner“, sagte Trump."
    cues_trump, _ = _cues(text, "Donald Trump")
    cues_putin, _ = _cues(text, "Wladimir Putin")
    assert not [c for c in cues_trump if c.weight < 0]
    assert [c for c in cues_putin if c.weight < 0]


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("Der Merkel-Lockdown war umstritten.", "Merkel-Lockdown", "Angela Merkel"),
        ("Das Putin-Regime schweigt.", "Putin-Regime", "Wladimir Putin"),
        ("Ein Selenskyj-Berater reiste nach Berlin.", "Selenskyj-Berater", "Wolodymyr Selenskyj"),
        ("Der Kreml-Kritiker wurde verhaftet.", "Kreml-Kritiker", "Russland"),
        ("Die Trump-Regierung plant Zölle.", "Trump-Regierung", "USA"),
    ],
)
def test_name_compounds_are_mentions(text, surface, actor):
    assert (surface, actor) in {(m.text, m.actor) for m in _mentions(text)}


def test_compound_head_decides_what_is_said_about_the_named_actor():
    cues, _ = _cues("Das Putin-Regime schweigt.", "Wladimir Putin")
    assert any(c.kind == "own" and c.weight < 0 for c in cues)
    cues, _ = _cues("Der Merkel-Lockdown beginnt am Montag.", "Angela Merkel")
    assert not [c for c in cues if c.weight]


@pytest.mark.parametrize(
    ("text", "actor", "descriptor", "kind"),
    [
        ("US-Präsident Trump reiste ab.", "Donald Trump", "US-Präsident", "role"),
        ("Der Kremlchef schwieg.", "Wladimir Putin", "Kremlchef", "role"),
        ("Trump, der selbsternannte Dealmaker, reiste ab.", "Donald Trump", "selbsternannte Dealmaker",
         "apposition"),
        ("Putin ist ein Kriegsverbrecher.", "Wladimir Putin", "Kriegsverbrecher", "predicate"),
        ("Trump gilt als Friedensstifter.", "Donald Trump", "Friedensstifter", "predicate"),
        ("Kreml-Kritiker Nawalny starb im Straflager.", "Alexej Nawalny", "Kreml-Kritiker", "title"),
        ("Das Putin-Regime schweigt.", "Wladimir Putin", "Putin-Regime", "compound"),
    ],
)
def test_descriptors(text, actor, descriptor, kind):
    result = score_actors(analyze_text(text, date="2025-08-16"))
    found = {(d.actor, d.text, d.kind) for d in result.descriptors}
    assert (actor, descriptor, kind) in found, found
    d = next(d for d in result.descriptors if d.text == descriptor and d.actor == actor)
    assert text[d.start:d.end] == descriptor


@pytest.mark.parametrize("text", [
    "Der russische Präsident reiste ab.",
    "Man sprach mit dem russischen Präsidenten.",
    "Ein Treffen des russischen Präsidenten mit Trump ist geplant.",
])
def test_inflections_of_a_descriptor_count_as_one(text):
    """Every case of "russischer Präsident" is one descriptor; its span stays the words as written."""
    result = score_actors(analyze_text(text, date="2025-08-16"))
    found = [d for d in result.descriptors if d.actor == "Wladimir Putin"]
    assert [d.text for d in found] == ["russische Präsident"]
    assert text[found[0].start:found[0].end] in ("russische Präsident", "russischen Präsidenten")


def test_words_after_the_head_noun_stay_as_written():
    result = score_actors(analyze_text("Man traf den Präsidenten der Vereinigten Staaten, Donald Trump.",
                                       date="2025-08-16"))
    assert [d.text for d in result.descriptors] == ["Präsident der Vereinigten Staaten"]


def test_plain_name_has_no_descriptor():
    result = score_actors(analyze_text("Trump traf Putin in Alaska."))
    assert result.descriptors == ()


def test_descriptors_csv_per_article_and_source(tmp_path):
    import csv

    from framing.cli import main

    (tmp_path / "a.txt").write_text(
        "Der Kremlchef reiste nach Alaska. Putin ist ein Kriegsverbrecher. Der Kremlchef schwieg.\n",
        encoding="utf-8")
    out = tmp_path / "descriptors.csv"
    assert main(["score", str(tmp_path / "a.txt"), "--out", str(tmp_path / "s.csv"),
                 "--descriptors-out", str(out), "--quiet"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["level", "source", "article_id", "actor", "descriptor", "count"]
    article = {(r["actor"], r["descriptor"]): r["count"] for r in rows if r["level"] == "article"}
    source = {(r["actor"], r["descriptor"]): r["count"] for r in rows if r["level"] == "source"}
    assert article[("Wladimir Putin", "Kremlchef")] == "2"
    assert article[("Wladimir Putin", "Kriegsverbrecher")] == "1"
    assert source == article


def test_descriptor_cells_are_neutralised():
    from framing.io.csvout import descriptors_csv

    record = {"source": "s", "article_id": "a", "actors": [],
              "descriptors": [{"actor": "X", "descriptor": "=HYPERLINK(1)", "count": 1}]}
    assert "'=HYPERLINK(1)" in descriptors_csv([record])


@pytest.mark.parametrize(
    "text",
    [
        "Das ist die Idee Donald Trumps.",  # a genitive name after a noun: the noun is not a title
        "Er glaubt, dass Putin einer solchen Idee zustimmen würde.",  # "würde" + verb: no copula
        "Die Vereinigten Staaten reagierten gelassen.",  # a name without a name token
    ],
)
def test_no_false_descriptors(text):
    assert score_actors(analyze_text(text, date="2025-08-16")).descriptors == ()
