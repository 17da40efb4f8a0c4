import pytest

from framing.language.analysis import analyze_text
from framing.measures.loaded import LoadedScore, categories, score_loaded
from framing.resources import list_data, load_table


def score(text):
    return score_loaded(analyze_text(text))


def lemmas(result, voice=None):
    return [h.lemma for h in result.hits if voice is None or h.voice == voice]


@pytest.mark.parametrize("text, lemma, category", [
    ("Die Schwurbler haben sich wieder versammelt.", "Schwurbler", "partisan"),
    ("Der Minister tönte am Montag vor der Presse.", "tönen", "emotive_verb"),
    ("Die Reform ist ein Desaster für die Länder.", "Desaster", "pejorative"),
    ("Der Auftritt war peinlich.", "peinlich", "evaluative"),
    ("Die Lage ist völlig unübersichtlich.", "völlig", "hyperbole"),
    ("Der angebliche Friedensplan liegt vor.", "angeblich", "stance"),
    ("Die Kriegstreiber in Berlin geben den Ton an.", "Kriegstreiber", "partisan"),
])
def test_author_word_counts(text, lemma, category):
    result = score(text)
    hit = next(h for h in result.hits if h.lemma == lemma)
    assert hit.category == category
    assert hit.voice == "author"
    assert result.author_hits >= 1


@pytest.mark.parametrize("text, word", [
    ("„Das ist ein Desaster“, sagte der Minister.", "Desaster"),
    ("»Diese Schwurbler nerven«, sagte sie.", "Schwurbler"),
])
def test_quoted_word_counts_as_quoted(text, word):
    result = score(text)
    assert word in lemmas(result, "quote")
    assert word not in lemmas(result, "author")
    assert result.quoted_hits >= 1 and result.author_hits == 0


@pytest.mark.parametrize("text, lemma", [
    ("Das ist kein Desaster.", "Desaster"),
    ("Er war nicht naiv.", "naiv"),
])
def test_negation_does_not_cancel(text, lemma):
    assert lemma in lemmas(score(text), "author")


@pytest.mark.parametrize("text, word, category", [
    ("Die Kriegstreiber haben das Wort.", "Kriegstreiber", "partisan"),
    ("Sie schimpfen auf die Lügenpresse.", "Lügenpresse", "partisan"),
    ("Das Migrationschaos beherrscht die Debatte.", "Migrationschaos", "hyperbole"),
    ("Die Medienhetze hört nicht auf.", "Medienhetze", "pejorative"),
    ("Das Horror-Szenario trat nicht ein.", "Horror-Szenario", "hyperbole"),
])
def test_compounds(text, word, category):
    hits = [h for h in score(text).hits if h.text == word]
    assert hits and hits[0].category == category


@pytest.mark.parametrize("text", [
    "Die Scheinwerfer waren an.",
    "Die Abschiebeflüge starten in Leipzig.",
    "Das Verkehrschaos nach dem Schneefall hielt an.",
    "Das Kraftwerk liefert 800 Megawatt.",
])
def test_compound_exceptions(text):
    assert score(text).hits == ()


@pytest.mark.parametrize("text, idiom, span", [
    ("Er führte die Wähler an der Nase herum.", "jemanden an der Nase herumführen",
     "führte die Wähler an der Nase herum"),
    ("Damit goss sie Öl ins Feuer.", "Öl ins Feuer gießen", "goss sie Öl ins Feuer"),
    ("Die Regierung hat Öl ins Feuer gegossen.", "Öl ins Feuer gießen", "Öl ins Feuer gegossen"),
    ("Sie zwangen den Gegner in die Knie.", "jemanden in die Knie zwingen",
     "zwangen den Gegner in die Knie"),
    ("Wer so handelt, spielt mit dem Feuer.", "mit dem Feuer spielen", "spielt mit dem Feuer"),
    ("Das Versprechen ist heiße Luft.", "heiße Luft", "heiße Luft"),
    ("Der Plan hat die Partner vor den Kopf gestoßen.", "jemanden vor den Kopf stoßen",
     "vor den Kopf gestoßen"),
])
def test_idioms_across_inflection_and_separable_verbs(text, idiom, span):
    result = score(text)
    hit = next(h for h in result.hits if h.lemma == idiom)
    assert hit.text == span
    assert hit.category == "idiom"


def test_idiom_words_are_not_counted_twice():
    result = score("Das ist blanker Wahnsinn.")
    assert [h.lemma for h in result.hits] == ["blanker Wahnsinn"]


def test_separable_single_verb():
    result = score("Sie redeten die Lage schön.")
    assert lemmas(result) == ["schönreden"]


@pytest.mark.parametrize("text", [
    "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen.",
    "Der russische Angriffskrieg gegen die Ukraine dauert seit mehr als drei Jahren an.",
    "Bei dem Angriff wurden nach Angaben der Behörden zwölf Menschen getötet.",
    "Der Kanzler sagte, die Gespräche würden in der kommenden Woche fortgesetzt.",
    "Die Inflation lag im Oktober bei 2,3 Prozent.",
])
def test_neutral_news_scores_zero(text):
    result = score(text)
    assert result.hits == ()
    assert result.author_per_1000 == 0.0


@pytest.mark.parametrize("hits, words, expected", [
    (3, 600, 5.0),
    (1, 1000, 1.0),
    (0, 250, 0.0),
    (2, 0, 0.0),
])
def test_per_1000_arithmetic(hits, words, expected):
    s = LoadedScore(author_hits=hits, author_words=words, quoted_hits=hits, quoted_words=words,
                    author_weight=0.5 * hits, quoted_weight=0.0,
                    by_category={"pejorative": hits}, by_category_quoted={})
    assert s.author_per_1000 == pytest.approx(expected)
    assert s.quoted_per_1000 == pytest.approx(expected)
    assert s.category_per_1000()["pejorative"] == pytest.approx(expected)


def test_per_1000_from_text():
    result = score("Das ist ein Desaster. Der Bericht erschien am Montag.")
    assert result.author_hits == 1
    assert result.author_words == 9
    assert result.author_per_1000 == pytest.approx(1000 / 9)
    assert result.by_category == {"pejorative": 1}
    assert result.author_weight == pytest.approx(result.hits[0].weight)


@pytest.mark.parametrize("text", [
    "Er führte die Wähler an der Nase herum, tönte von der Lügenpresse und prahlte.",
    "„Ein völlig absurdes Desaster“, sagte sie. Der Minister redete es schön.",
    "Die Kriegstreiber gießen Öl ins Feuer; das Migrationschaos ist heiße Luft.",
])
def test_hit_spans_point_into_text(text):
    result = score(text)
    assert result.hits
    for hit in result.hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start:hit.end] == hit.text
        assert 0 < hit.weight <= 1


def test_lexicon_files_are_well_formed():
    paths = list_data("lexicons/loaded")
    total = 0
    for path in paths:
        table = load_table(path)
        assert {"source", "licence", "version"} <= set(table.meta), path
        if path.endswith(("exceptions.tsv", "context.tsv", "neutral.tsv")):
            continue
        for row in table.rows:
            assert 0 <= float(row["weight"]) <= 1, row  # 0: listed, not loaded
            assert row["category"], row
        total += len(table.rows)
    assert total >= 2500
    assert {"pejorative", "demeaning", "hyperbole", "emotive_verb", "evaluative", "stance",
            "idiom", "partisan"} <= set(categories())


def test_seed_polemic_denser_than_broadcaster_report(seed_articles):
    from framing.language.analysis import analyze

    by_file = {}
    for article in seed_articles:
        by_file.setdefault(article.origin or article.article_id, []).append(article)

    def density(prefix):
        arts = [a for key, arts in by_file.items() if prefix in key for a in arts]
        assert arts, prefix
        scores = [score_loaded(analyze(a)) for a in arts]
        words = sum(s.author_words for s in scores)
        return 1000 * sum(s.author_hits for s in scores) / words

    assert density("001_") > 2 * density("004_")


def test_separable_verb_replaces_its_base_verb():
    result = score("Er lügt den Wählern etwas vor.")
    assert lemmas(result) == ["vorlügen"]
    assert result.hits[0].text == "lügt den Wählern etwas vor"


@pytest.mark.parametrize("text, word, category", [
    ("Das Absurde daran ist die Dauer.", "Absurde", "evaluative"),
    ("Die IS-Bande zog weiter.", "IS-Bande", "demeaning"),
])
def test_nominalised_adjective_and_hyphen_compound(text, word, category):
    hit = next(h for h in score(text).hits if h.text == word)
    assert hit.category == category


# --------------------------------------------------------------------------- partisan layer


@pytest.mark.parametrize("text, word", [
    ("Die Systemmedien verschweigen das natürlich.", "Systemmedien"),
    ("Schon wieder hetzt die Lügenpresse gegen das Volk.", "Lügenpresse"),
    ("Das Kiewer Regime hat neue Waffen bekommen.", "Kiewer Regime"),
    ("Die Plandemie war von langer Hand geplant.", "Plandemie"),
    ("Diese Volksverräter im Bundestag gehören abgewählt.", "Volksverräter"),
    ("Die Globalisten planen die Umvolkung Europas.", "Globalisten"),
])
def test_partisan_vocabulary_is_its_own_layer(text, word):
    result = score(text)
    hit = next(h for h in result.hits if h.text == word)
    assert hit.layer == "partisan" and hit.category == "partisan"
    assert result.partisan_hits >= 1
    assert result.partisan_per_1000 == pytest.approx(1000 * result.partisan_hits / result.author_words)
    assert result.general_hits == result.author_hits - result.partisan_hits


def test_general_wording_is_not_partisan():
    result = score("Der Auftritt des Ministers war peinlich und völlig absurd.")
    assert result.author_hits >= 2
    assert result.partisan_hits == 0
    assert {h.layer for h in result.hits} == {"general"}
    assert result.general_per_1000 == pytest.approx(result.author_per_1000)


def test_quoted_partisan_word_counts_as_quoted():
    result = score("„Das ist doch alles Lügenpresse“, rief ein Demonstrant.")
    assert result.partisan_hits == 0 and result.partisan_quoted_hits == 1


# --------------------------------------------------------------------------- particles


@pytest.mark.parametrize("text", [
    "Die Regierung hat sogar einen zweiten Plan vorgelegt.",
    "Eigentlich sollte die Sitzung am Montag beginnen.",
])
def test_unmarked_stance_particles_are_not_loaded(text):
    result = score(text)
    assert [h.lemma for h in result.hits] == []
    assert [n.hit.weight for n in result.not_counted] == [0.0]
    assert "weight 0" in result.not_counted[0].reason


def test_marked_stance_words_still_count():
    assert "angeblich" in lemmas(score("Der angebliche Friedensplan liegt vor."))


# --------------------------------------------------------------------------- context rules


@pytest.mark.parametrize("text, lemma", [
    ("Die Polizei warnt vor Betrügern am Telefon. Die Masche ist bekannt: Die Betrüger geben "
     "sich als Enkel aus. Wer einen solchen Anruf bekommt, sollte Anzeige erstatten.", "Betrüger"),
    ("Das Landgericht verurteilte die Männer zu Haftstrafen. Die Verbrecher hatten laut "
     "Anklage zwölf Banken überfallen.", "Verbrecher"),
    ("Der FC gewann das Spiel mit 6:0. Nach dem Kantersieg steht die Mannschaft an der Spitze "
     "der Tabelle, der Trainer war zufrieden.", "Kantersieg"),
    ("Die Gäste kassierten eine Klatsche: Nach der Halbzeit fielen im Spiel vier Tore, der "
     "Trainer sprach von einer schwarzen Saison.", "Klatsche"),
])
def test_right_word_in_its_context_is_not_loaded(text, lemma):
    result = score(text)
    assert lemma not in lemmas(result)
    assert any(n.hit.lemma == lemma and n.reason for n in result.not_counted)


@pytest.mark.parametrize("text, lemma", [
    ("Diese Regierung besteht aus Betrügern, die das Volk belügen.", "Betrüger"),
    ("Nach dem Kantersieg der Opposition bei der Wahl jubelte die Partei.", "Kantersieg"),
])
def test_same_word_outside_that_context_still_counts(text, lemma):
    assert lemma in lemmas(score(text))


# --------------------------------------------------------------------------- where the layer shows


def test_partisan_layer_in_record_csv_and_explain():
    from framing.explain import explain_lines
    from framing.io.csvout import scores_csv
    from framing.model import Article
    from framing.score import aggregate_sources, article_record, score_article

    text = ("Die Systemmedien schweigen. Die Regierung redet die Lage schön. "
            "Die Polizei warnt vor Betrügern. Die Betrüger nutzen eine neue Masche, "
            "sagte die Staatsanwaltschaft.")
    scores = score_article(Article(source="Blog", article_id="a1", title="", text=text,
                                   kind="test", origin="a1"), keep_analysis=True)
    record = article_record(scores)
    assert record["loaded_partisan_hits"] == scores.loaded.partisan_hits == 1
    source = aggregate_sources([scores])[0]
    assert source.loaded_partisan_hits == 1
    assert source.loaded_partisan_per_1000 == pytest.approx(1000 / scores.author_words)
    assert source.loaded_general_per_1000 == pytest.approx(
        1000 * (scores.loaded.author_hits - 1) / scores.author_words)

    lines = scores_csv([scores], [source]).splitlines()
    header = lines[0].split(",")
    for column in ("loaded_partisan_per_1000", "loaded_partisan_hits", "loaded_general_per_1000"):
        assert column in header
    row = dict(zip(header, lines[1].split(",")))
    assert row["loaded_partisan_hits"] == "1"

    explained = "\n".join(explain_lines(scores))
    assert "partisan layer" in explained and "general layer" in explained
    assert "not loaded here: 'Betrügern'" in explained
