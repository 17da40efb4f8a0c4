"""Critical stance, blame and the conduct vocabulary of commentary (actors.tone,
lexicons/sentiment/conduct.tsv), on small German examples written for these tests."""

from __future__ import annotations

import pytest

from framing.language.analysis import analyze_text
from framing.measures.actors import score_actors
from framing.measures.actors.tone import conduct, idioms, lexicon


def mentions(text: str):
    return score_actors(analyze_text(text, date="2025-08-16")).mentions


def cues_of(text: str, actor: str) -> list[tuple[str, str, float]]:
    return [(c.text, c.kind, c.weight) for m in mentions(text) if m.actor == actor for c in m.cues]


def test_a_name_after_a_role_noun_is_the_subject_not_the_target():
    text = "Auch die AfD-Vorsitzende Alice Weidel kritisierte die Regierung scharf."
    assert cues_of(text, "Alice Weidel") == []
    inverted = "Scharf kritisierte die AfD-Vorsitzende Alice Weidel die Regierung."
    assert cues_of(inverted, "Alice Weidel") == []
    # the target of the criticism is still the target, also with a role noun before its name
    assert [k for _, k, _ in cues_of("Die Grünen kritisierten CDU-Chef Friedrich Merz.", "Friedrich Merz")] == ["patient"]
    # two names in a row stay two phrases
    assert cues_of("Am Montag lobte Trump Putin.", "Donald Trump") == []


@pytest.mark.parametrize("text, actor", [
    ("CDU-Generalsekretär Carsten Linnemann widersprach dem Kanzler.", "CDU"),
    ("Die Grünen beklagten die Untätigkeit der Regierung.", "Grüne"),
    ("Söder forderte Neuwahlen.", "Markus Söder"),
    ("Die SPD mahnte zur Eile.", "SPD"),
    ("Der Kreml dementierte den Bericht.", "Kreml"),
    ("Merz kritisierte die Pläne scharf.", "Friedrich Merz"),
])
def test_taking_a_critical_stance_is_no_misconduct(text, actor):
    assert not [c for c in cues_of(text, actor) if c[1] == "agent" and c[2] < 0]


def test_the_target_of_blame_is_presented_as_blamed():
    assert cues_of("Söder warf Merz Wortbruch vor.", "Friedrich Merz")[0][1:] == ("patient", -0.5)
    assert cues_of("Die Grünen widersprachen Merz.", "Friedrich Merz") == []  # disagreement judges no one


def test_bearing_responsibility_is_blame_not_praise():
    cues = cues_of("Natürlich trägt auch die SPD Verantwortung.", "SPD")
    assert len(cues) == 1 and cues[0][2] < 0
    assert cues_of("Merz übernimmt Verantwortung.", "Friedrich Merz")[0][2] > 0


def test_conduct_table_is_versioned_and_does_not_repeat_other_tables():
    rows = conduct()
    assert len(rows) >= 60
    verbs = {w for w, _ in rows if len(w) == 1}
    phrases = {w for w, _ in rows if len(w) > 1}
    assert all(-0.7 <= v <= 0.7 and v for _, v in rows)
    assert len(verbs) + len(phrases) == len(rows)
    assert all(lexicon().verbs[w[0]][1] == 0 for w in verbs)  # a conduct verb judges its subject only
    assert len({i.words for i in idioms()}) == len(idioms())


@pytest.mark.parametrize("text, actor", [
    ("Der Kanzler taumelt von einer Krise zur nächsten.", "Friedrich Merz"),
    ("Die Regierung Merz schlingert.", "Friedrich Merz"),
    ("Merz zaudert und laviert.", "Friedrich Merz"),
    ("Söder poltert gegen die Grünen.", "Markus Söder"),
    ("Söder mault.", "Markus Söder"),
    ("Merz duckt sich weg.", "Friedrich Merz"),
    ("Die FDP kuscht vor der Union.", "FDP"),
    ("Die CDU schießt sich ins eigene Knie.", "CDU"),
    ("Der Kanzler hat sich verzockt.", "Friedrich Merz"),
    ("Die Union verzettelt sich.", "CDU/CSU"),
])
def test_conduct_verbs_and_phrases_judge_their_subject_negatively(text, actor):
    cues = cues_of(text, actor)
    assert cues and all(k == "agent" and w < 0 for _, k, w in cues), cues


@pytest.mark.parametrize("text, actor", [
    ("Merz zeigt Führung.", "Friedrich Merz"),
    ("Klingbeil punktete mit seiner Rede.", "Lars Klingbeil"),
    ("Die SPD liefert.", "SPD"),
    ("Merz hat Mut bewiesen.", "Friedrich Merz"),
])
def test_conduct_of_praise(text, actor):
    cues = cues_of(text, actor)
    assert cues and all(k == "agent" and w > 0 for _, k, w in cues), cues


@pytest.mark.parametrize("text, actor", [
    ("Merz muss endlich liefern.", "Friedrich Merz"),
    ("Es ist höchste Zeit, dass Merz endlich liefert.", "Friedrich Merz"),
    ("Merz soll Führung zeigen.", "Friedrich Merz"),
    ("Die SPD muss Haltung zeigen.", "SPD"),
])
def test_a_demanded_act_gives_no_credit(text, actor):
    assert not [c for c in cues_of(text, actor) if c[2] > 0]


def test_negated_conduct_flips():
    cues = cues_of("Merz zeigt keine Führung.", "Friedrich Merz")
    assert cues and sum(w for _, k, w in cues if k == "agent") < 0


# The integrator's two development articles (not held out; reader labels given with them).
DEV = {
    "agency_budget": (
        "Koalition streitet über Haushalt\n\nBerlin (dpa) - Im Streit um den Bundeshaushalt 2026 haben SPD und "
        "Union ihre Positionen bekräftigt. Bundesfinanzminister Lars Klingbeil sagte am Dienstag in Berlin, ohne "
        "neue Schulden seien die Investitionen in Schienen und Schulen nicht zu stemmen. „Wir werden nicht bei den "
        "Rentnern sparen“, fügte der SPD-Vorsitzende hinzu.\n\nCDU-Generalsekretär Carsten Linnemann widersprach. "
        "Die Sozialdemokraten müssten endlich einsehen, dass der Staat kein Einnahmeproblem habe, sagte er der "
        "„Bild“-Zeitung. Nach Angaben des Finanzministeriums fehlen im kommenden Jahr rund 30 Milliarden Euro.\n\n"
        "Bundeskanzler Friedrich Merz (CDU) äußerte sich zurückhaltend. Man werde in den kommenden Wochen eine "
        "Lösung finden, hieß es aus Regierungskreisen. Laut einem Sprecher des Kanzleramts ist ein Treffen der "
        "Koalitionsspitzen für Donnerstag geplant.\n\nDie Grünen warfen der Regierung Chaos vor. „Diese Koalition "
        "ist heillos zerstritten und lässt das Land im Stich“, sagte Fraktionschefin Katharina Dröge. Auch die "
        "AfD-Vorsitzende Alice Weidel kritisierte die Regierung scharf.\n\nAm Freitag will das Kabinett erneut "
        "beraten. Der Bundestag soll den Haushalt im Dezember beschließen.",
        {"SPD": "neutral", "CDU/CSU": "neutral", "Lars Klingbeil": "neutral", "CDU": "neutral",
         "Friedrich Merz": "neutral", "Grüne": "neutral", "Alice Weidel": "neutral", "AfD": "neutral"}),
    "commentary_chancellor": (
        "Kommentar: Ein Kanzler ohne Kompass\n\nFriedrich Merz hat versprochen, das Land zu führen. Doch was die "
        "Bürger seit Monaten erleben, ist ein peinliches Schauspiel. Der Kanzler taumelt von einer Ankündigung zur "
        "nächsten, und seine Regierung wirkt wie ein zerstrittener Haufen.\n\nNatürlich trägt auch die SPD "
        "Verantwortung. Lars Klingbeil blockiert jede Reform, die seiner Klientel wehtun könnte. Aber führen muss "
        "der Kanzler. Und genau das kann Merz offenbar nicht.\n\nDie Opposition reibt sich die Hände. Alice Weidel "
        "muss nichts tun, um in den Umfragen zu steigen – die Regierung erledigt das für sie. Es ist höchste Zeit, "
        "dass Merz die Notbremse zieht und endlich liefert.",
        {"Friedrich Merz": "negative", "Lars Klingbeil": "negative", "SPD": "negative", "Alice Weidel": "neutral"}),
}


def test_integrator_development_articles():
    agree = total = 0
    misses = []
    for name, (text, wanted) in DEV.items():
        got = {x.actor: x.label for x in score_actors(analyze_text(text, date="2025-12-01")).actors}
        for actor, want in wanted.items():
            total += 1
            agree += got.get(actor, "neutral") == want
            if got.get(actor, "neutral") != want:
                misses.append(f"{name}/{actor}: reader {want}, library {got.get(actor, 'neutral')}")
    print(f"integrator development articles: {agree} of {total}; misses: {misses}")
    assert total == 12
    assert agree >= 9, misses
