"""The fast paths of framing.measures.opinion give exactly what the plain per-token code gave.

``_reference_features`` is the per-token implementation of ``sentence_features`` as it was
before it read the analysis arrays and per-form table entries (spaCy ``Token`` objects, every
table looked up for every token); the tests compare both on German sentences written here
and on the seed articles: equal values, equal cues, equal word counts.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from framing.language.analysis import analyze, analyze_text
from framing.measures import opinion
from framing.measures.opinion import _TAG_GROUPS, sentence_features
from framing.model import QUOTED_VOICES, Cue

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SENTENCES = [
    "Die Regierung hat am Montag in Berlin neue Sanktionen gegen drei Banken beschlossen.",
    "Der Sprecher sagte, die Gespräche seien gescheitert.",
    "„Das ist doch eine Katastrophe“, sagte Trump am Abend in Washington.",
    "Laut Polizei wurden bei dem Unfall zwölf Menschen verletzt.",
    "Nach Angaben der Polizei wurden 12 Menschen verletzt, 3 davon schwer.",
    "Das ist ein peinliches Eingeständnis der eigenen Machtlosigkeit.",
    "Wie lange will Europa eigentlich noch tatenlos zusehen?",
    "Glaubt wirklich noch jemand, dass Sanktionen den Kreml beeindrucken?",
    "Ist das etwa die neue Strategie der Koalition?",
    "Was für eine beispiellose Blamage!",
    "Die Bundesregierung müsste endlich handeln.",
    "Man müsste endlich handeln, meiner Meinung nach jedenfalls.",
    "Meiner Meinung nach ist dieser Plan völlig verfehlt.",
    "Akzeptieren Sie keine Erpressung.",
    "Lesen Sie auch: Was die Ampel jetzt plant",
    "Hört endlich auf damit!",
    "Angeblich wurde nichts entschieden, offenbar dürfte der Streit wohl weitergehen.",
    "Der Corona-Wahnsinn und das Impfchaos zeigen das Versagen der Behörden.",
    "Wir sollten uns fragen, ob das wirklich eine gute Idee ist.",
    "Der Minister erklärte, das sei leider nicht möglich, und betonte, man prüfe alles.",
    "Sie soll die Gelder veruntreut haben, heißt es aus Regierungskreisen.",
    "Ein großartiger, wunderbarer, schrecklicher und grausamer Tag für die Demokratie.",
    "Putin drohte erneut mit Atomwaffen – eine unerträgliche Eskalation.",
    "„Wer soll das bezahlen?“, fragte die Ministerin im Bundestag.",
    "Keine Einigung in Sicht\nBerlin (dpa) - Die Verhandlungen sind erneut gescheitert. (dpa)",
    "Zeitgleich legte die Opposition ihren Entwurf vor, der ziemlich radikal sei.",
]


def _reference_features(analysis, group):
    """``sentence_features`` as it was: Token objects, four table look-ups per token."""
    tables = opinion._tables()
    a = analysis
    doc = a.doc
    voice = a.voice
    values = dict.fromkeys(tables.weights, 0.0)
    cues = []
    t0 = group[0].tok_start
    t1 = group[-1].tok_end
    keys = [(a.lemmas[i].lower(), doc[i].lower_) for i in range(t0, t1)]

    def lookup(k, table):
        hit_ = table.get(k[0])
        return table.get(k[1]) if hit_ is None else hit_

    def has_head(lemma, heads):
        return lemma.endswith(heads) and any(lemma.endswith(h) and len(lemma) > len(h) for h in heads)

    def hit(i, j, kind):
        values[kind] += 1
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        cues.append(Cue(start, end, a.text[start:end], kind, tables.weights[kind][0]))

    question = any(doc[i].text == "?" and voice[i] in ("author", "reported") for i in range(t0, t1))
    exclamation = any(doc[i].text == "!" and voice[i] in ("author", "reported") for i in range(t0, t1))
    words = quoted = author = names = 0
    tags = dict.fromkeys(_TAG_GROUPS.values(), 0)
    tags[""] = 0
    covered = 0
    for i in range(t0, t1):
        if voice[i] == "excluded":
            continue
        if a.is_word[i]:
            words += 1
            quoted += voice[i] in QUOTED_VOICES
        if a.konj1[i]:
            values["konj1"] += 1
        tag = a.tags[i]
        if tag == "CARD":
            values["number"] += 1
        elif tag == "NE":
            names += 1
        if voice[i] == "quote" or i < covered:
            continue
        for phrase, category in tables.phrases_by_first.get(keys[i - t0][1], ()):
            j = i + len(phrase)
            if j <= t1 and all(phrase[m] == keys[i - t0 + m][1] for m in range(len(phrase))):
                if category == "attribution_phrase" or all(voice[m] == "author" for m in range(i, j)):
                    hit(i, j, category)
                    covered = j
                break
        if i < covered:
            continue
        k = keys[i - t0]
        source = lookup(k, tables.attribution)
        if source == "speech_verb" and a.tags[i].startswith("V") or source == "source_noun":
            hit(i, i + 1, source)
        elif source == "source_marker":
            hit(i, i + 1, "attribution_phrase")
        if voice[i] != "author":
            continue
        if a.is_word[i]:
            author += 1
            tags[_TAG_GROUPS.get(tag, "")] += 1
        marker = tables.form_markers.get(k[1]) or lookup(k, tables.markers)
        if marker is not None and (marker[1] != "question" or question):
            hit(i, i + 1, marker[0])
        if lookup(k, tables.evaluative) is not None or (
                tag == "NN" and (has_head(k[0], tables.heads) or has_head(k[1], tables.heads))):
            hit(i, i + 1, "evaluative")
        elif marker is None and lookup(k, tables.polar) is not None:
            hit(i, i + 1, "polar")
            if tag in opinion._EVALUATIVE_TAGS:
                values["polar_modifier"] += 1
        if tag == "VVIMP":
            hit(i, i + 1, "imperative")
    for s in group:
        i = s.tok_start
        if (not question and i + 1 < s.tok_end and voice[i] == "author" and a.is_word[i]
                and doc[i + 1].text == "Sie" and doc[i].lower_.endswith("n")
                and (a.tags[i].startswith("V") or a.tags[i] in opinion._NOUN_TAGS)):
            hit(i, i + 2, "imperative")
    values["attributed"] = float(any(s.attributed for s in group))
    values["quote_share"] = quoted / words if words else 0.0
    values["question"] = float(question)
    values["exclamation"] = float(exclamation)
    for group_name in ("adjective_share", "adverb_share", "pronoun_share"):
        values[group_name] = tags[group_name] / author if author else 0.0
    values["name_share"] = names / words if words else 0.0
    values["log_words"] = math.log1p(words)
    return values, tuple(cues), words


def _assert_same(analysis, group):
    got = sentence_features(analysis, group)
    want = _reference_features(analysis, group)
    assert got[0] == want[0]
    assert list(got[0]) == list(want[0])  # same feature order
    assert got[1] == want[1]
    assert got[2] == want[2]


@pytest.mark.parametrize("text", SENTENCES)
def test_features_equal_the_per_token_path_per_sentence(text):
    analysis = analyze_text(text)
    for s in analysis.sentences:
        _assert_same(analysis, (s,))


def test_features_equal_the_per_token_path_for_all_sentences_as_one_group():
    analysis = analyze_text(" ".join(SENTENCES))
    _assert_same(analysis, analysis.sentences)


def test_features_equal_the_per_token_path_on_the_seeds():
    from framing.io.reader import iter_inputs, read_path

    checked = 0
    for path, info in iter_inputs([SEEDS]):
        for article in read_path(path, info=info):
            analysis = analyze(article)
            for s in analysis.sentences:
                _assert_same(analysis, (s,))
                checked += 1
    assert checked > 100
