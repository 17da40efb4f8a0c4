"""Article-level tone toward actors on short German articles written for these tests.

Two sets, each written together with the tone a careful reader gives the actors
(negative / neutral / positive) before the library was run on it:

- ``ARTICLES`` below (ten articles, Trump and Putin): the development set. The
  article-level label is ``ActorScore.label`` (evidenced mentions averaged with a neutral
  prior, neutral band and evidence minimum from ``lexicons/actors/article_tone.tsv``).
  Measured: 18 of 20 (before the article-level tone and references: 14 of 20; answering
  "neutral" every time gives 12 of 20).
- ``tests/data/actor_articles_2/`` (18 articles in the styles of agency reports, analyses,
  commentaries for and against an actor, a Kremlin-critical column, a Kremlin-friendly
  piece, an interview, a live blog, business and sanctions reports; 52 judgements on
  Trump, Putin, Selenskyj, Russland, EU and Merz in ``labels.tsv``): held out. Nothing
  was chosen by looking at the library's output on it; it was run once, at the end.
  Measured once: 31 of 52 (answering "neutral" every time gives 27 of 52). Looked at
  once; no longer used for development (after tone4's changes it prints 33 of 52).
- ``tests/data/actor_articles_3/`` (14 articles by helper tone4: commentaries whose
  judgement sits in idioms, rhetorical questions and verbless sentences, a gloss, a
  portrait, a Kremlin-friendly blog, an interview, a live blog, an analysis, agency
  reports dense with war vocabulary; 45 judgements): held out, written with the labels
  before any run, run once at the end: 24 of 45 ("always neutral" gives 25 of 45); with
  targets3's retrained model merged afterwards it prints 27 of 45.
- ``tests/data/actor_articles_4/`` (16 articles by helper tone5 on other stories: EU–China
  trade, the German coalition's budget dispute, Israel/Gaza diplomacy, the climate summit
  in Belém, US tariffs, a Ukraine live blog; agency reports, commentaries for and against,
  an op-ed, a leader, a tabloid piece, a regional paper, an interview, an analysis; 47
  judgements on 17 actors): held out, written with the labels and committed before any
  run. Main before tone5: 26 of 47 ("always neutral" gives 20 of 47); after tone5's
  questions, plight, victims, compound guard and country possessives: 27 of 47.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.language.analysis import analyze_text
from framing.measures.actors import score_actors

ARTICLES = {
    "wire": (
        "Trump und Putin treffen sich in Alaska. US-Präsident Donald Trump und Kremlchef "
        "Wladimir Putin kommen am Freitag in Anchorage zusammen. Thema des Treffens ist der "
        "Krieg in der Ukraine. Putin reist mit einer Delegation von Beratern an, wie der Kreml "
        "mitteilte. Trump sagte vor Journalisten, er rechne mit langen Gesprächen. Die Sanktionen "
        "gegen Russland bleiben vorerst in Kraft.",
        "neutral", "neutral"),
    "war_vocabulary": (
        "Seit dem Beginn des russischen Angriffskriegs vor mehr als drei Jahren sind Zehntausende "
        "Menschen getötet worden. Putin und Trump sprachen am Telefon über einen möglichen "
        "Waffenstillstand. Die Verhandlungen über ein Ende des Krieges sollen in der kommenden "
        "Woche fortgesetzt werden. Trump kündigte weitere Gespräche an. Putin nannte keine "
        "Bedingungen.",
        "neutral", "neutral"),
    "pro_trump": (
        "Donald Trump hat geschafft, woran seine Vorgänger scheiterten. Mit Mut und Geschick "
        "brachte Trump beide Seiten an einen Tisch. Der Präsident ist ein kluger Verhandler, "
        "und seine Entschlossenheit verdient Respekt. Putin musste sich bewegen. Trump zeigt, "
        "dass Stärke und Diplomatie zum Frieden führen.",
        "positive", "neutral"),
    "anti_putin": (
        "Wladimir Putin ist ein Kriegsverbrecher. Der Kremlchef lügt, wenn er von Frieden "
        "spricht. Putin hat Städte bombardieren lassen und Tausende ermordet. Sein Regime "
        "unterdrückt jede Opposition brutal. Wer Putin vertraut, wird betrogen. Trump traf ihn "
        "trotzdem in Alaska.",
        "neutral", "negative"),
    "victims": (
        "Die Verfolgung Nawalnys hat die Welt erschüttert. Die Angriffe auf Kiew gingen auch in "
        "der Nacht weiter, Russland griff die Ukraine mit Drohnen an. Trump verurteilte die "
        "Angriffe. Putin ließ die Luftangriffe fortsetzen.",
        "neutral", "negative"),
    "anti_trump": (
        "Trump ist ein gefährlicher Selbstdarsteller. Der US-Präsident belügt seine Verbündeten "
        "und verrät die Ukraine. Mit seiner peinlichen Schmeichelei gegenüber Putin hat Trump "
        "den Westen gedemütigt. Putin lächelte in Alaska zufrieden.",
        "negative", "neutral"),
    "pro_putin": (
        "Präsident Putin zeigte sich in Alaska als besonnener Staatsmann. Putin bot großzügig "
        "Gespräche an und lobte die konstruktive Atmosphäre. Der russische Präsident gilt in "
        "Moskau als Garant der Stabilität. Trump hörte zu.",
        "neutral", "positive"),
    "both_negative": (
        "Zwei Autokraten unter sich: Trump und Putin feierten in Alaska eine peinliche Show. "
        "Trump log über die Ergebnisse, Putin verhöhnte die Ukraine. Beide verachten das "
        "Völkerrecht. Der Gipfel war ein zynisches Spektakel.",
        "negative", "negative"),
    "quote_balance": (
        "Trump lobte das Treffen. „Putin ist ein kluger und starker Führer“, sagte Trump nach "
        "dem Gipfel. Der Kremlchef habe ihm versprochen, über einen Waffenstillstand zu reden. "
        "Kritiker in Washington nannten das Treffen einen Fehler.",
        "neutral", "positive"),
    "sanctions_report": (
        "Die EU hat neue Sanktionen gegen Russland beschlossen. Sie betreffen Banken und "
        "Energieunternehmen. Putin kündigte Gegenmaßnahmen an. Trump äußerte sich zunächst "
        "nicht zu den Sanktionen. Die Maßnahmen treten am Montag in Kraft.",
        "neutral", "neutral"),
}

ACTORS = {"trump": "Donald Trump", "putin": "Wladimir Putin"}


def actor_labels(text: str) -> dict[str, str]:
    """Article-level label per actor named in ``text`` (``ActorScore.label``)."""
    result = score_actors(analyze_text(text, date="2025-08-16"))
    return {a.actor: a.label for a in result.actors}


def article_labels(text: str) -> dict[str, str]:
    """Label of Trump and Putin (``neutral`` when not mentioned)."""
    labels = actor_labels(text)
    return {key: labels.get(name, "neutral") for key, name in ACTORS.items()}


def test_article_tone_agrees_with_careful_readers_in_most_cases():
    agree, total, misses = 0, 0, []
    for name, (text, trump, putin) in ARTICLES.items():
        got = article_labels(text)
        for key, want in (("trump", trump), ("putin", putin)):
            total += 1
            if got[key] == want:
                agree += 1
            else:
                misses.append(f"{name}/{key}: reader {want}, library {got[key]}")
    print(f"article-level agreement: {agree} of {total}; misses: {misses}")
    assert total == 2 * len(ARTICLES)
    assert agree >= AGREEMENT_FLOOR, misses


#: Measured agreement 18 of 20 (see README, "How tone toward an actor is read") minus one case
#: (20 of 20 after tone6's changes: "Trump log" is read as "lügen"; floor left as it is).
AGREEMENT_FLOOR = 17


@pytest.mark.parametrize("name", ["wire", "war_vocabulary", "sanctions_report"])
def test_neutral_reports_are_not_negative_for_anyone(name):
    got = article_labels(ARTICLES[name][0])
    assert got["trump"] != "negative" and got["putin"] != "negative", got


HELD_OUT = Path(__file__).resolve().parent / "data" / "actor_articles_2"


def held_out_labels(folder: Path = HELD_OUT) -> dict[str, dict[str, str]]:
    """Reader labels of a held-out set: article -> actor -> label."""
    labels: dict[str, dict[str, str]] = {}
    lines = (folder / "labels.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    for article, actor, label in rows[1:]:
        labels.setdefault(article, {})[actor] = label
    return labels


def held_out_agreement(folder: Path = HELD_OUT) -> tuple[int, int, int, list[str]]:
    """(agreeing judgements, judgements, "always neutral" agreements, misses)."""
    agree = total = neutral = 0
    misses = []
    for article, wanted in sorted(held_out_labels(folder).items()):
        got = actor_labels((folder / f"{article}.txt").read_text(encoding="utf-8"))
        for actor, want in wanted.items():
            label = got.get(actor, "neutral")
            total += 1
            agree += label == want
            neutral += want == "neutral"
            if label != want:
                misses.append(f"{article}/{actor}: reader {want}, library {label}")
    return agree, total, neutral, misses


#: Measured once on the held-out set: 31 of 52 ("always neutral" gives 27 of 52); floor = that minus two.
#: (After tone4's idioms, fragments, quoted pronouns and majority veto it prints 33 of 52; after tone5's
#: changes still 33 of 52: floor = 33 minus two; after tone6's changes 34 of 52: floor = 34 minus two.)
HELD_OUT_FLOOR = 32


def test_held_out_article_tone_agrees_with_readers():
    agree, total, neutral, misses = held_out_agreement()
    print(f"held-out agreement: {agree} of {total} (always neutral: {neutral}); misses: {misses}")
    assert total == 52
    assert agree >= HELD_OUT_FLOOR, misses


#: Measured once on set 3: 24 of 45 ("always neutral" gives 25 of 45; before the idioms, fragments,
#: quoted pronouns and majority veto: 23 of 45); floor = that minus two. With targets3's retrained
#: model (merged from main afterwards) it prints 27 of 45 (main without tone4's changes: 22); with the
#: model retrained at the end of that round 28 of 45; after tone5's changes 29 of 45; after tone6's
#: changes 30 of 45: floor = 30 minus two.
HELD_OUT_3_FLOOR = 28
HELD_OUT_3 = Path(__file__).resolve().parent / "data" / "actor_articles_3"


def test_third_held_out_set_agrees_with_readers():
    agree, total, neutral, misses = held_out_agreement(HELD_OUT_3)
    print(f"held-out set 3 agreement: {agree} of {total} (always neutral: {neutral}); misses: {misses}")
    assert total == 45
    assert agree >= HELD_OUT_3_FLOOR, misses


#: Measured once on set 4 after tone5's changes: 27 of 47 (main before them: 26; "always neutral": 20);
#: after tone6's changes (critical stance, conduct verbs, lower-case verb forms) 29 of 47: floor = 29 minus two.
HELD_OUT_4_FLOOR = 27
HELD_OUT_4 = Path(__file__).resolve().parent / "data" / "actor_articles_4"


def test_fourth_held_out_set_agrees_with_readers():
    agree, total, neutral, misses = held_out_agreement(HELD_OUT_4)
    print(f"held-out set 4 agreement: {agree} of {total} (always neutral: {neutral}); misses: {misses}")
    assert total == 47
    assert agree >= HELD_OUT_4_FLOOR, misses
