"""Tests for who speaks: framing.language.speech, framing.measures.actors.speakers and the
quotes table (``--quotes-out``). Every construction has a German example written here."""

from __future__ import annotations

import csv
import io

import pytest

from framing.io.csvout import QUOTE_COLUMNS, quotes_csv
from framing.language.analysis import analyze_text
from framing.language.speech import is_non_speaker, speaker_noun_kind
from framing.measures.actors.speakers import resolve_statements
from framing.model import Article
from framing.score import score_article


def statements(text):
    return resolve_statements(analyze_text(text))


def speakers(text):
    return [(st.kind, st.speaker) for st in statements(text)]


@pytest.mark.parametrize("text, kind, speaker", [
    # „…“, sagte X
    ("„Das ist ein großer Tag für die Welt“, sagte Trump am Freitag.", "quote", "Donald Trump"),
    # X sagte: „…“
    ("Selenskyj sagte: „Wir geben nicht auf und kämpfen weiter.“", "quote", "Wolodymyr Selenskyj"),
    # „…“, so X
    ("„Wir sind zu Gesprächen bereit“, so Rubio.", "quote", "Marco Rubio"),
    # X zufolge
    ("Dem Kreml zufolge ist ein Treffen in Budapest geplant.", "reported", "Russland"),
    # laut X
    ("Laut Peskow wird das Treffen noch vorbereitet.", "reported", "Dmitri Peskow"),
    # nach Angaben von X
    ("Nach Angaben von Lawrow laufen die Vorbereitungen.", "reported", "Sergej Lawrow"),
    # wie X mitteilte
    ("Wie das Weiße Haus mitteilte, sei das Treffen abgesagt.", "reported", "USA"),
    # X warf Y vor, …
    ("Putin warf dem Westen vor, den Krieg zu verlängern.", "reported", "Wladimir Putin"),
    # X sagte, dass …
    ("Merz sagte am Dienstag, dass Europa geschlossen handeln müsse.", "reported", "Friedrich Merz"),
])
def test_constructions(text, kind, speaker):
    got = speakers(text)
    assert (kind, speaker) in got, got


def test_role_noun_that_names_no_registry_actor_is_kept_as_written():
    got = speakers("Ein Sprecher des Außenministeriums sagte, die Gespräche seien beendet.")
    assert got == [("reported", "Sprecher des Außenministeriums")]


def test_role_alias_resolves_to_office_holder():
    got = speakers("Der Kremlsprecher sagte, Moskau sei zu Gesprächen bereit.")
    assert got == [("reported", "Dmitri Peskow")]


def test_konjunktiv_continues_the_statement_over_sentences():
    got = statements("Wie ein Sprecher des Außenministeriums mitteilte, seien die Gespräche beendet. "
                     "Man habe keine Zweifel. Die Lage bleibe schwierig.")
    assert [st.speaker for st in got] == ["Sprecher des Außenministeriums"] * 3
    assert got[1].construction == "continuation"


def test_pronoun_takes_the_previous_speaker():
    got = speakers("Trump traf Putin in Alaska. Er sagte danach, das Treffen sei gut gewesen.")
    assert got == [("reported", "Donald Trump")]


def test_pronoun_takes_a_person_named_after_the_previous_speaker():
    """"er" after another person was named stands for that person, also when the registry
    does not know the name (a name after a role noun)."""
    got = speakers("„Wir werden nicht bei den Rentnern sparen“, sagte Klingbeil. "
                   "CDU-Generalsekretär Carsten Linnemann widersprach. "
                   "Die Sozialdemokraten müssten endlich sparen, sagte er der Zeitung.")
    assert got == [("quote", "Lars Klingbeil"), ("reported", "Carsten Linnemann")]


def test_a_person_named_inside_the_quote_is_not_the_pronoun_speaker():
    got = speakers("„Das Treffen ist gut“, sagte Klingbeil. "
                   "„Ich habe mit Trump darüber gesprochen“, fügte er hinzu.")
    assert got == [("quote", "Lars Klingbeil"), ("quote", "Lars Klingbeil")]


@pytest.mark.parametrize("text, speaker", [
    # the relative pronoun stands for the name before the comma
    ("Trump traf Putin. Ist es Kirill Dmitrijew, der betont, dass ein Treffen vereinbart sei?",
     "Kirill Dmitrijew"),
    # ... and for a thing, which is no named speaker
    ("Trump traf Putin. Das sind schlechte Nachrichten für jene, die gehofft hatten, dass "
     "eine Waffenruhe möglich sei.", "unnamed"),
])
def test_relative_pronoun_speakers(text, speaker):
    assert [st.speaker for st in statements(text)] == [speaker]


def test_a_surname_that_is_also_an_adjective_stays_part_of_the_name():
    got = speakers("„Diese Koalition ist zerstritten“, sagte Fraktionschefin Katharina Dröge.")
    assert got == [("quote", "Katharina Dröge")]


def test_a_conjunction_opening_a_sentence_is_not_part_of_a_name():
    """"Oder" is also a river (tagged as a name); at a sentence's start it is the conjunction."""
    text = ("Sagt Sergei Rjabkow die Wahrheit? "
            "Oder Sergei Rjabkow, der erklärt, ein solches Treffen sei nie vereinbart worden?")
    assert [st.speaker for st in statements(text)] == ["Sergei Rjabkow"]


@pytest.mark.parametrize("text", [
    "Am Freitag sagte der Präsident auf der Insel Walaam, man sei bereit.",
    "Dienstagmorgen hieß es, das Treffen finde statt.",
    "Freitag sagte er nichts, aber es werde ein Ende wirtschaftlicher Sanktionen geben.",
    "„Wir verhandeln nicht unter Druck und nicht ohne Garantien“, hieß es am Montag.",
])
def test_times_places_and_objects_never_speak(text):
    for st in statements(text):
        assert st.speaker not in ("Freitag", "Montag", "Dienstagmorgen", "Insel Walaam", "None", "")
        assert "Sanktionen" not in st.speaker and "Ende" not in st.speaker


def test_no_speaker_is_unnamed():
    got = statements("„Wir verhandeln nicht unter Druck und nicht ohne Garantien.“")
    assert [(st.kind, st.speaker, st.speaker_kind) for st in got] == [("quote", "unnamed", "")]


def test_scare_quotes_are_not_statements():
    assert statements("Die „Friedensmission“ endete nach zwei Tagen im Desaster.") == ()


@pytest.mark.parametrize("word, kind", [
    ("Kremlsprecher", "role"), ("Sprecherin", "role"), ("Außenministerium", "institution"),
    ("Regierung", "institution"), ("Sanktion", ""), ("Ende", ""),
])
def test_speaker_nouns(word, kind):
    assert speaker_noun_kind(word) == kind


@pytest.mark.parametrize("word, expected", [
    ("Freitag", True), ("Dienstagmorgen", True), ("Insel", True), ("Peskow", False),
])
def test_non_speakers(word, expected):
    assert is_non_speaker(word) is expected


def test_offsets_point_at_the_quoted_words():
    text = "„Das ist ein großer Tag für die Welt“, sagte Trump."
    (st,) = statements(text)
    assert text[st.start:st.end] == st.text == "Das ist ein großer Tag für die Welt"
    assert text[st.speaker_start:st.speaker_end] == "Trump"


INTERVIEW = (
    "Der Politologe Neisser über die Wahl.\n\n"
    "STANDARD: Wie bewerten Sie das Ergebnis?\n\n"
    "Neisser: Es ist ein klarer Auftrag an die Regierung. Die Opposition hat verloren.\n\n"
    "STANDARD: Was folgt daraus?\n\n"
    "Neisser: Eine schwierige Regierungsbildung.\n"
)


def test_interview_answers_are_the_interviewees_quoted_voice():
    a = analyze_text(INTERVIEW)
    got = resolve_statements(a)
    assert [(st.kind, st.speaker) for st in got] == [("quote", "Neisser"), ("quote", "Neisser")]
    assert got[0].text.startswith("Es ist ein klarer Auftrag")
    question = [a.voice[i] for i, t in enumerate(a.texts) if t == "bewerten"]
    answer = [a.voice[i] for i, t in enumerate(a.texts) if t == "Auftrag"]
    assert question == ["author"] and answer == ["quote"]


@pytest.mark.parametrize("text", [
    "Frage: Wie geht es weiter?\nAntwort: Wir warten ab.\nFrage: Und dann?\nAntwort: Dann entscheiden wir.\n",
    "**Frage:** Wie geht es weiter?\n**Antwort:** Wir warten ab.\n**Frage:** Und dann?\n**Antwort:** Dann sehen wir.\n",
])
def test_question_answer_labels(text):
    a = analyze_text(text)
    got = resolve_statements(a)
    assert [st.kind for st in got] == ["quote", "quote"]
    assert all(st.speaker == "unnamed" for st in got)
    assert {a.voice[i] for i, t in enumerate(a.texts) if t == "warten"} == {"quote"}
    assert {a.voice[i] for i, t in enumerate(a.texts) if t == "geht"} == {"author"}


def test_bold_name_prefix_interview():
    text = ("**Lawrow:** Wir sind bereit.\n**Reporter:** Wirklich?\n**Lawrow:** Ja, ohne Bedingungen.\n"
            "**Reporter:** Und die Ukraine?\n")
    got = statements(text)
    assert [(st.kind, st.speaker) for st in got] == [("quote", "Sergej Lawrow")] * 2


def test_quotes_csv_and_actor_table_agree():
    article = Article(source="Agentur", article_id="a1", title="t", text=(
        "„Wir wollen Frieden“, sagte Trump. Laut Peskow ist ein Treffen geplant. "
        "„Das ist =gut“, hieß es."))
    scores = score_article(article)
    rows = list(csv.DictReader(io.StringIO(quotes_csv([scores]))))
    assert tuple(rows[0]) == QUOTE_COLUMNS
    assert [r["speaker"] for r in rows] == ["Donald Trump", "Dmitri Peskow", "unnamed"]
    assert [r["kind"] for r in rows] == ["quote", "reported", "quote"]
    text = article.text
    for r in rows:
        assert text[int(r["start"]):int(r["end"])] == r["text"]
    quoted = {x.actor: x.quoted for x in scores.actors.actors}
    assert quoted.get("Donald Trump") == 1 and quoted.get("Dmitri Peskow") == 1


def test_quotes_csv_from_records_and_neutralised_cells():
    from framing.score import article_record

    scores = score_article(Article(source="=cmd", article_id="a", title="",
                                   text="„Wir gehen jetzt alle nach Hause“, sagte Trump."))
    record = article_record(scores)
    out = quotes_csv([record])
    assert "'=cmd" in out and "Donald Trump" in out


def test_statement_reported_in_konjunktiv_continues_the_previous_speaker():
    got = speakers("Putin habe Trump gratuliert, sagte Uschakow in Moskau. "
                   "Zugleich habe der russische Präsident gewarnt, dass Waffenlieferungen schaden würden.")
    assert got == [("reported", "Juri Uschakow"), ("reported", "Juri Uschakow")]


def test_attribution_phrase_outranks_a_verb_of_the_reported_content():
    got = speakers("Laut einem Bericht der „Washington Post“ forderte Putin die gesamte Region Donezk.")
    assert got == [("reported", "Washington Post")]


def test_verb_after_apposition_takes_the_subject_before_it():
    got = speakers("Dmitri Peskow, der Sprecher des Kremls, nannte den Bericht „völligen Unsinn ohne Grundlage“.")
    assert ("quote", "Dmitri Peskow") in got


def test_passive_agent_speaks():
    got = speakers("Das Treffen wurde von Trump angekündigt, es solle in Budapest stattfinden.")
    assert got == [("reported", "Donald Trump")]


def test_role_before_unknown_name_is_dropped():
    (st,) = statements("Der Politologe Gerhard Mangott sagte der Nachrichtenagentur APA: „Putin spielt auf Zeit.“")
    assert (st.speaker, st.speaker_kind) == ("Gerhard Mangott", "person")


def test_name_in_quotation_marks_is_not_a_statement():
    got = speakers("Die „Washington Post“ berichtete über das Telefonat.")
    assert got == []


def test_two_names_are_two_phrases():
    got = speakers("Freitag warf die EU-Kommission Moskau vor, die Gespräche nur zu nutzen.")
    assert got == [("reported", "EU-Kommission")]


def test_genitive_institution_is_named_in_its_base_form():
    got = speakers("Nach Angaben des Verteidigungsministeriums fielen in der Nacht mehrere Bomben.")
    assert got == [("reported", "Verteidigungsministerium")]


def test_explain_names_the_resolved_speaker():
    from framing.explain import explain_lines

    scores = score_article(Article(source="s", article_id="a", title="",
                                   text="Der Kremlsprecher sagte, Moskau sei zu Gesprächen bereit."),
                           keep_analysis=True)
    assert any("attributed to Dmitri Peskow" in line for line in explain_lines(scores))


@pytest.mark.parametrize("text, expected", [
    ("Die Sanktionen zeigten Wirkung, sagte Finanzminister Klingbeil.",
     [("reported", "Lars Klingbeil", "Die Sanktionen zeigten Wirkung")]),
    ("Als Trump in Alaska ankam, sagte Putin, er sei zufrieden.",
     [("reported", "Wladimir Putin", "er sei zufrieden")]),
])
def test_statement_before_a_verb_first_cue(text, expected):
    assert [(st.kind, st.speaker, st.text) for st in statements(text)] == expected


def test_quote_inside_a_clause_keeps_its_subject():
    got = speakers("Trump hatte die Angriffe auf Kiew als „widerlich“ bezeichnet.")
    assert got == [("quote", "Donald Trump")]


def test_past_plural_tagged_as_adjective_is_still_a_cue():
    got = speakers("Deutschland und Frankreich betonten, dass der Westen geschlossen bleibe.")
    assert got == [("reported", "Deutschland")]


def test_dashboard_quotes_name_the_same_speakers():
    from framing.app.views import quote_evidence

    scores = score_article(Article(source="s", article_id="a", title="", text=(
        "„Wir sind bereit“, sagte der Kremlsprecher. Er betonte: „Nicht ohne Garantien.“ "
        "Die „Friedensmission“ scheiterte.")), keep_analysis=True)
    assert [q.speaker for q in scores.analysis.quotes] == ["Dmitri Peskow", "Dmitri Peskow", None]
    assert [r["speaker"] for r in quote_evidence(scores)] == ["Dmitri Peskow", "Dmitri Peskow"]


@pytest.mark.parametrize("text, speaker", [
    # "eigenen Angaben zufolge": the clause's subject speaks.
    ("Bundeskanzler Merz hat eigenen Angaben zufolge am Morgen mit Macron telefoniert.", "Friedrich Merz"),
    ("Selenskyj will nach eigenen Worten nicht auf Gebiete verzichten.", "Wolodymyr Selenskyj"),
    ("Peskow habe eigenen Worten zufolge keine Einladung erhalten.", "Dmitri Peskow"),
])
def test_own_account_is_the_subjects(text, speaker):
    assert ("reported", speaker) in speakers(text)


@pytest.mark.parametrize("text, speaker", [
    # a clause ending in a colon lends its subject to the quote, whatever its verb
    ("Am Abend zeigte sich Selenskyj trotzdem gelassen: „Wir haben schon Schlimmeres überstanden.“",
     "Wolodymyr Selenskyj"),
    ("Lawrow reagierte kühl: „Darüber reden wir später.“", "Sergej Lawrow"),
    ("Merz schrieb auf X: „Europa steht zusammen.“", "Friedrich Merz"),
    ("Tags darauf legte Rubio nach: „Die Geduld ist bald zu Ende.“", "Marco Rubio"),
])
def test_colon_clause_subject_speaks(text, speaker):
    assert ("quote", speaker) in speakers(text)


def test_colon_role_noun_resolves_by_article_date():
    a = analyze_text("Der US-Präsident zeigte sich danach zufrieden: „Das war ein sehr gutes Treffen.“",
                     date="2025-08-20")
    assert [(st.kind, st.speaker) for st in resolve_statements(a)] == [("quote", "Donald Trump")]


def test_colon_after_a_subject_that_cannot_speak_stays_unnamed():
    got = speakers("Der Plan sieht Folgendes vor: „Alle Truppen werden bis Mai abgezogen.“")
    assert got == [("quote", "unnamed")]


@pytest.mark.parametrize("text, speaker", [
    # a newspaper named by its title in quotation marks
    ("Die Regierung wolle mehr Geld ausgeben, berichtete die Zeitung „Le Monde“.", "Le Monde"),
    ("Nach einem Bericht des „Guardian“ habe London neue Sanktionen vorbereitet.", "Guardian"),
    ("Einem Bericht der „Zeit“ zufolge sei das Treffen abgesagt worden.", "Zeit"),
    # lower-case adjectives are dropped, a capitalised one belongs to the name
    ("Wie die angesehene französische Zeitung berichtete, sei der Gipfel verschoben worden.", "Zeitung"),
])
def test_outlet_named_by_title(text, speaker):
    assert ("reported", speaker) in speakers(text)


def test_outlet_title_is_not_a_quote():
    a = analyze_text("Das meldete die Zeitung „Le Monde“ am Montag.")
    assert [q.kind for q in a.quotes] == ["scare"]


@pytest.mark.parametrize("intro, speaker", [
    ("Ein Gespräch mit der Historikerin Anna Berger über Europas Sicherheit.", "Anna Berger"),
    ("Europa muss aufrüsten, sagt der Politologe Markus Lenz im Interview.", "Markus Lenz"),
])
def test_question_answer_interview_takes_the_interviewee_from_the_intro(intro, speaker):
    text = (intro + "\n\nFrage: Ist Europa vorbereitet?\n\nAntwort: Nur zum Teil.\n\n"
            "Frage: Was fehlt?\n\nAntwort: Vor allem Munition.\n")
    got = [(st.kind, st.speaker) for st in statements(text) if st.construction == "interview"]
    assert got == [("quote", speaker)] * 2


def test_interview_intro_with_two_people_names_nobody():
    text = ("Ein Gespräch mit Anna Berger und ein Interview mit Markus Lenz.\n\n"
            "Frage: Ist Europa vorbereitet?\n\nAntwort: Nur zum Teil.\n\n"
            "Frage: Was fehlt?\n\nAntwort: Vor allem Munition.\n")
    got = [st.speaker for st in statements(text) if st.construction == "interview"]
    assert got == ["unnamed", "unnamed"]
