"""Idioms, verbless evaluative fragments and pronouns inside quotations (actors.tone,
actors.mentions, actors.score), on small German examples written for these tests."""

from __future__ import annotations

from framing.language.analysis import analyze_text
from framing.measures.actors import score_actors
from framing.measures.actors.tone import idioms, idioms_in


def mentions(text: str):
    return score_actors(analyze_text(text, date="2025-08-16")).mentions


def cues_of(text: str, actor: str) -> list[tuple[str, str, float]]:
    return [(c.text, c.kind, c.weight) for m in mentions(text) if m.actor == actor for c in m.cues]


def test_idiom_table_is_loaded_longest_first_without_articles():
    table = idioms()
    assert len(table) >= 50
    assert [len(i.words) for i in table] == sorted((len(i.words) for i in table), reverse=True)
    assert all(w not in ("der", "den", "die", "ein", "einen") for i in table for w in i.words)


def test_idiom_bears_on_the_clause_subject():
    cues = cues_of("Putin spielt auf Zeit.", "Wladimir Putin")
    assert cues == [("spielt auf Zeit", "agent", -0.6)]


def test_idiom_in_subordinate_word_order_and_with_pronoun_subject():
    text = "Trump traf Putin in Alaska. Alle wissen, dass er auf Zeit spielt."
    got = [m for m in mentions(text) if m.via == "pronoun"]
    assert got and got[0].actor == "Wladimir Putin" or not got  # the pronoun may stay unresolved
    assert cues_of("Beobachter sagen, dass Putin auf Zeit spielt.", "Wladimir Putin")[0][1] == "agent"


def test_longest_idiom_wins_and_reflexive_lassen_blames_the_subject():
    a = analyze_text("Trump ließ sich von Putin über den Tisch ziehen.")
    found = idioms_in(a, list(range(len(a.doc))))
    assert len(found) == 1 and found[0][1].words[0] == "sich"
    cues = cues_of("Trump ließ sich von Putin über den Tisch ziehen.", "Donald Trump")
    assert cues and cues[0][1] == "agent" and cues[0][2] < 0
    assert cues_of("Trump ließ sich von Putin über den Tisch ziehen.", "Wladimir Putin") == []


def test_separable_particle_is_joined_even_when_tagged_as_article():
    cues = cues_of("Am Ende knickte Trump ein.", "Donald Trump")
    assert any(kind == "agent" and w < 0 for _, kind, w in cues), cues


def test_negator_flips_the_idiom():
    cues = cues_of("Merz macht dabei keine gute Figur.", "Friedrich Merz")
    assert cues and cues[0][2] < 0
    assert cues_of("Merz macht dabei eine gute Figur.", "Friedrich Merz")[0][2] > 0


def test_idiom_patient_value_goes_to_the_other_actor():
    text = "Trump rollt Putin den roten Teppich aus."
    assert cues_of(text, "Donald Trump") == []
    assert [k for _, k, _ in cues_of(text, "Wladimir Putin")] == ["patient"]


def test_idiom_words_are_not_counted_twice_as_polar_words():
    # "leer" is a polar adjective; inside the idiom it counts only as part of the idiom
    cues = cues_of("Selenskyj steht mit leeren Händen da.", "Wolodymyr Selenskyj")
    assert len(cues) == 1 and cues[0][1] == "agent"


def test_no_idiom_when_its_words_stand_in_different_clauses():
    assert cues_of("Putin spielt Schach, und die Zeit läuft.", "Wladimir Putin") == []


def test_verbless_fragment_goes_to_the_topic_actor_before_it():
    got = [m for m in mentions("Trump drohte mit Konsequenzen. Feige, zahnlos, lächerlich.")
           if m.via == "fragment"]
    assert len(got) == 1 and got[0].actor == "Donald Trump" and got[0].polarity < 0
    assert got[0].text == "Feige, zahnlos, lächerlich"
    assert [c.kind for c in got[0].cues] == ["predicate", "predicate"]


def test_fragment_is_left_alone_when_the_topic_is_ambiguous_or_far():
    assert not [m for m in mentions("Trump und Putin trafen sich. Peinlich.") if m.via == "fragment"]
    far = "Trump drohte mit Konsequenzen. Die Frist lief ab. Peinlich."
    assert not [m for m in mentions(far) if m.via == "fragment"]


def test_sentence_with_a_finite_verb_or_a_quote_is_no_fragment():
    assert not [m for m in mentions("Trump drohte. Das war peinlich.") if m.via == "fragment"]
    assert not [m for m in mentions("Trump drohte. „Peinlich.“") if m.via == "fragment"]


def test_fragments_count_as_references_of_the_actor():
    result = score_actors(analyze_text("Trump drohte mit Konsequenzen. Feige und peinlich."))
    trump = next(x for x in result.actors if x.actor == "Donald Trump")
    assert trump.mentions == 2 and trump.references == 1
    assert trump.label == "negative"


def test_pronoun_inside_a_quote_goes_to_the_other_person():
    text = "Trump traf Putin in Alaska. „Er ist ein sehr kluger Mann“, sagte Trump."
    got = [m for m in mentions(text) if m.via == "pronoun"]
    assert [(m.text, m.actor) for m in got] == [("Er", "Wladimir Putin")]
    assert got[0].voice == "quote" and got[0].polarity > 0


def test_pronoun_inside_a_quote_stays_open_with_two_candidates_or_no_speaker():
    two = "Trump und Putin trafen sich. Selenskyj sagte: „Er lügt.“"
    assert not [m for m in mentions(two) if m.via == "pronoun"]
    nobody = "Putin kam nach Alaska. „Er ist ein kluger Mann.“"
    assert not [m for m in mentions(nobody) if m.via == "pronoun"]


def test_headings_questions_and_new_paragraphs_are_no_fragments():
    for text in ("Trump drohte mit Konsequenzen.\nAusblick: Ein gefährlicher Balanceakt\nDie Lage bleibt offen.",
                 "Trump drohte mit Konsequenzen. Ein gefährlicher Fehler?",
                 "Trump drohte mit Konsequenzen.\n\nEin gefährlicher Fehler."):
        assert not [m for m in mentions(text) if m.via == "fragment"], text


def test_one_strong_cue_does_not_outvote_several_weaker_ones():
    from framing.measures.actors.score import article_tone

    tone, label = article_tone([-0.1, -0.1, 0.8], [True, True, True])
    assert tone > 0.1 and label == "neutral"
    assert article_tone([0.1, 0.1, -0.8], [True, True, True])[1] == "neutral"
    assert article_tone([-0.4, -0.4, 0.2], [True, True, True])[1] == "negative"
    assert article_tone([0.0, 0.6], [True, True])[1] == "positive"  # a zero is no vote


# Development articles (written by tone4 with the reader labels; the settings of article_tone.tsv were checked on them
# together with the ten of test_actor_articles.py). Not held out.
DEV = {
    "report_one_praise": (
        "Selenskyj reiste am Montag nach Brüssel. Dort traf der ukrainische Präsident die Spitzen der EU."
        " Es ging um Munition, Flugabwehr und den Wiederaufbau. Selenskyj sprach von einem guten "
        "Gespräch. Die EU sagte weitere Hilfen zu. Am Abend flog Selenskyj nach Kiew zurück. In der Nacht"
        " griff Russland erneut mit Drohnen an.",
        {'Wolodymyr Selenskyj': 'neutral', 'EU': 'neutral', 'Russland': 'neutral'}),
    "anti_trump_one_praise": (
        "Trump hat die Ukraine im Stich gelassen. Der US-Präsident schmeichelt dem Kremlchef und "
        "beleidigt die Verbündeten. Seine Politik ist gefährlich und kurzsichtig. Er lügt über die "
        "Hilfen. Zwar ist Trump ein geschickter Verkäufer. Doch als Staatsmann versagt er. Putin kann "
        "zufrieden sein.",
        {'Donald Trump': 'negative', 'Wladimir Putin': 'neutral'}),
    "portrait_one_slip": (
        "Selenskyj ist ein mutiger Präsident. Er blieb in Kiew, als die Panzer kamen. Seine Ansprachen "
        "gaben dem Land Kraft. Er hat Fehler gemacht, gewiss. Doch viele Ukrainer bewundern ihn. Putin "
        "nennt ihn illegitim, was der Propaganda des Kremls dient.",
        {'Wolodymyr Selenskyj': 'positive', 'Wladimir Putin': 'negative'}),
    "wire_war": (
        "Russland hat die Ukraine in der Nacht mit 300 Drohnen angegriffen. In Kiew wurden vier Menschen "
        "getötet. Putin sagte am Morgen, Russland sei zu Gesprächen bereit. Selenskyj forderte mehr "
        "Flugabwehr. Trump kündigte an, mit Putin zu telefonieren. Die Angriffe dauerten an.",
        {'Russland': 'neutral', 'Wladimir Putin': 'neutral', 'Wolodymyr Selenskyj': 'neutral',
         'Donald Trump': 'neutral'}),
    "idiom_commentary": (
        "Putin spielt auf Zeit. Und Trump lässt sich vorführen. Der US-Präsident hatte mit Sanktionen "
        "gedroht. Am Ende knickte er ein. Peinlich und schwach. Selenskyj bleibt nur die Rolle des "
        "Zuschauers.",
        {'Wladimir Putin': 'negative', 'Donald Trump': 'negative', 'Wolodymyr Selenskyj': 'neutral'}),
    "eu_katzentisch": (
        "Die EU sitzt am Katzentisch. Über die Ukraine verhandeln andere. Brüssel hat sich selbst ins "
        "Abseits manövriert. Merz telefoniert und hofft. Eine Strategie ist nicht zu erkennen.",
        {'EU': 'negative', 'Friedrich Merz': 'neutral'}),
}


def test_development_articles_mostly_agree_with_the_reader():
    agree = total = 0
    misses = []
    for name, (text, wanted) in DEV.items():
        got = {x.actor: x.label for x in score_actors(analyze_text(text, date="2025-08-16")).actors}
        for actor, want in wanted.items():
            total += 1
            agree += got.get(actor, "neutral") == want
            if got.get(actor, "neutral") != want:
                misses.append(f"{name}/{actor}: reader {want}, library {got.get(actor, 'neutral')}")
    print(f"development agreement: {agree} of {total}; misses: {misses}")
    assert total == 16
    assert agree >= 12, misses  # measured 14 of 16 (tone3's model), 13 of 16 (targets3's retrained model)
