"""Which actor speaks: the speakers of quotations and reported statements, resolved to actors.

The language layer (:mod:`framing.language.voice`, :mod:`framing.language.speech`) finds
each statement and the words that name its speaker by clause structure. Here those words
become a speaker name:

- a registry mention inside the speaker words gives the canonical actor ("der Kremlsprecher"
  -> the holder of that office at the article's date, "Moskau" -> Russland);
- a recurring proper name the registry does not know gives that name in its fullest form;
- a relative pronoun after a comma ("Kirill Dmitrijew, der betont, dass …") stands for the
  phrase before the comma: the actor or name there, else ``unnamed`` ("jene, die gehofft
  hatten, dass …");
- a personal pronoun ("er sagte", "sie betonte") takes the speaker of the statement before
  it when that one is at most :data:`PRONOUN_WINDOW` sentences back and no other person was
  named since; else the nearest person named outside quotes (a person mention, the first
  one of its sentence, most often its subject, or a name after a role noun:
  "CDU-Generalsekretär Carsten Linnemann"), else ``unnamed``;
- an interview label takes the actor it names, or the label itself ("Neisser");
- a title in quotation marks in the speaker words names the outlet ("ein Bericht der
  „Washington Post“", "die Zeitung „El País“" -> "Washington Post", "El País");
- any other speaker phrase (a role or institution the registry does not hold: "Sprecher des
  Außenministeriums") is kept as written, without its article and lower-case adjectives
  ("der einflussreichen spanischen Zeitung" -> "Zeitung"), and a role noun before an
  unknown name is dropped ("der Politologe Gerhard Mangott" -> "Gerhard Mangott");
- no speaker: ``unnamed``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from framing.language.speech import speaker_noun_kind
from framing.measures.actors.mentions import Span, find_mentions
from framing.model import Statement
from framing.resources import load_table

if TYPE_CHECKING:  # annotations only: the package imports without spaCy (dashboard, CSV)
    from framing.language.analysis import Analysis

#: How many sentences back a pronoun speaker ("er sagte") looks for the one it stands for.
PRONOUN_WINDOW = 2
UNNAMED = "unnamed"
_DETERMINERS = frozenset({"ART", "PPOSAT", "PIAT", "PDAT", "PIDAT"})
_PERSONISH = frozenset({"person", "role", "name", "unknown"})
#: A title in quotation marks inside a speaker phrase ("Bericht der „Washington Post“").
_TITLE = re.compile(r"[„“\"»«‚›]([^„“”\"»«‚‘›‹]+)[“”\"«»‘‹]?")
#: The last analysis resolved by :func:`quoted_counts` and its statements (one entry).
_last_resolved: tuple[Analysis, tuple[Statement, ...]] | None = None


def _label_role(label: str) -> str:
    rows = load_table("lexicons/voice/interview_labels.tsv").rows
    return next((r["role"] for r in rows if r["label"].lower() == label.lower()), "")


def _plain_phrase(a: Analysis, start: int, end: int) -> tuple[str, bool]:
    """The speaker words without a leading article ("ein Sprecher des X" -> "Sprecher des X"),
    and whether a role noun before a name was dropped (the rest then names a person)."""
    t0 = bisect.bisect_left(a.starts, start)
    t1 = bisect.bisect_left(a.starts, end)
    genitive = False
    while t0 < t1 - 1 and a.tags[t0] in _DETERMINERS:
        genitive = a.lowers[t0].endswith("es")  # "des", "eines", "seines"
        t0 += 1
    if t0 >= len(a.starts):
        return a.text[start:end], False
    if genitive and t1 - t0 == 1 and a.tags[t0] == "NN":
        return a.lemmas[t0], False  # "seines Ministeriums" -> "Ministerium"
    # "der Politologe Gerhard Mangott" -> "Gerhard Mangott": a role noun before a name.
    head = t0
    while head < t1 and a.tags[head] in ("ADJA", "ADJD", "CARD"):
        head += 1
    rest = range(head + 1, t1)
    if head < t1 - 1 and a.tags[head] == "NN" \
            and "role" in (speaker_noun_kind(a.lemmas[head]), speaker_noun_kind(a.texts[head])) \
            and all((a.tags[i] in ("NE", "NN") or _name_part(a, i)) and a.texts[i][:1].isupper()
                    and not speaker_noun_kind(a.lemmas[i]) for i in rest):
        return a.text[a.starts[head + 1]:end], True
    # "einflussreichen spanischen Zeitung" -> "Zeitung": lower-case adjectives describe,
    # capitalised ones belong to a name ("Berliner Zeitung", "Frankfurter Allgemeine").
    while t0 < t1 - 1 and a.tags[t0] in ("ADJA", "ADJD", "CARD") and not a.texts[t0][:1].isupper():
        t0 += 1
    return a.text[a.starts[t0]:end], False


def resolve_statements(a: Analysis, spans: list[Span] | None = None) -> tuple[Statement, ...]:
    """The statements of ``a`` with ``speaker`` set to a canonical actor name, a phrase as
    written, or ``"unnamed"`` (see the module docstring); ``spans`` are the actor mentions
    (found when not given)."""
    if not a.statements:
        return ()
    if spans is None:
        cached = _last_resolved
        if cached is not None and cached[0] is a:
            return cached[1]
        spans = find_mentions(a)
    starts = [a.starts[s.t0] for s in spans]
    discovered = {s.actor for s in spans if s.kind == "unknown"}
    out: list[Statement] = []
    for st in a.statements:
        who, kind = UNNAMED, ""
        raw = st.speaker_kind
        if st.speaker_start is not None and raw not in ("first_person", "generic"):
            lo = bisect.bisect_left(starts, st.speaker_start)
            hi = bisect.bisect_left(starts, st.speaker_end or 0, lo=lo)
            inside = spans[lo:hi]
            title = _TITLE.search(st.speaker_text)
            if raw == "pronoun":
                who, kind = _antecedent(a, st, out, spans, starts)
            elif title:
                who, kind = title.group(1).strip(), "institution"
            elif inside:
                who, kind = inside[0].actor, inside[0].kind
            else:
                text = st.speaker_text
                last = text.split()[-1] if text.split() else ""
                match = next((d for d in discovered if d.split()[-1] == last), None)
                if raw == "label" and _label_role(text) == "interviewee":
                    who, kind = UNNAMED, ""
                elif match:
                    who, kind = match, "unknown"
                else:
                    who, named = _plain_phrase(a, st.speaker_start, st.speaker_end or st.speaker_start)
                    kind = "person" if named else "name" if raw == "label" else raw
        out.append(replace(st, speaker=who, speaker_kind=kind))
    return tuple(out)


def _antecedent(a: Analysis, st: Statement, done: list[Statement], spans: list[Span],
                starts: list[int]) -> tuple[str, str]:
    """Who "er"/"sie" stands for: the previous named speaker, unless another person is named
    after that statement ("„…“, sagte Klingbeil. Linnemann widersprach. …, sagte er" is
    Linnemann); else the nearest person named: a person mention (the first one of the
    nearest sentence, most often its subject) or a name after a role noun that the
    registry does not know ("CDU-Generalsekretär Carsten Linnemann")."""
    at = st.speaker_start or 0
    relative = _relative_antecedent(a, bisect.bisect_left(a.starts, at), spans)
    if relative is not None:
        return relative
    hi = bisect.bisect_left(starts, at)
    best: Span | None = None
    for s in reversed(spans[:hi]):
        if st.sentence - a.sentence_of[s.t0] > PRONOUN_WINDOW:
            break
        if s.kind in _PERSONISH and not _in_statement(a, st, s.t0):
            if best is not None and a.sentence_of[s.t0] != a.sentence_of[best.t0]:
                break
            best = s  # the first person named in the nearest sentence: most often its subject
    unknown = _role_name_before(a, st, bisect.bisect_left(a.starts, at))
    nearest: tuple[str, str, int] | None = None
    if best is not None:
        nearest = (best.actor, best.kind, a.starts[best.t0])
    if unknown is not None and (nearest is None or unknown[1] > nearest[2]) \
            and not any(s.t0 <= unknown[2] < s.t1 for s in spans):
        nearest = (unknown[0], "person", unknown[1])
    for prev in reversed(done):
        if st.sentence - prev.sentence > PRONOUN_WINDOW:
            break
        if prev.speaker != UNNAMED and prev.speaker_kind in _PERSONISH:
            if nearest is None or nearest[2] < prev.end or nearest[0] == prev.speaker:
                return prev.speaker, prev.speaker_kind
            break
    return (nearest[0], nearest[1]) if nearest else (UNNAMED, "")


def _relative_antecedent(a: Analysis, t: int, spans: list[Span]) -> tuple[str, str] | None:
    """For a relative pronoun right after a comma ("Kirill Dmitrijew, der betont, dass …";
    "Trump, der …, musste einräumen, dass …"), what it stands for is the phrase before the
    comma: the actor mentioned there, a name, else ``unnamed`` ("die Vorschläge, die …
    verlangten"). None when the speaker word is not such a pronoun."""
    if not (0 < t < len(a.tags) and a.tags[t] in ("PRELS", "ART")
            and a.lowers[t] in ("der", "die", "das") and a.texts[t - 1] == ","):
        return None
    k = t - 2
    if k < 0:
        return UNNAMED, ""
    t1s = [s.t1 for s in spans]
    i = bisect.bisect_right(t1s, k + 1)
    span = spans[i - 1] if i else None
    if span is not None and span.t1 == k + 1:
        return span.actor, span.kind
    j = k
    while j >= 0 and _name_part(a, j):
        j -= 1
    if k - j >= 2 and a.tags[j + 1] == "NE":
        return a.text[a.starts[j + 1]:a.starts[k] + len(a.texts[k])], "person"
    return UNNAMED, ""


def _in_statement(a: Analysis, st: Statement, i: int) -> bool:
    """Token ``i`` is quoted or part of what ``st`` reports: a person named there is talked
    about, not the one "er"/"sie" in the speaker slot stands for."""
    return a.voice[i] == "quote" or st.start <= a.starts[i] < st.end


def _role_name_before(a: Analysis, st: Statement, before: int) -> tuple[str, int, int] | None:
    """The last name of two or more capitalised name tokens right after a role noun
    ("Generalsekretär Carsten Linnemann", "Fraktionschefin Katharina Dröge") before token
    ``before`` and outside quotes and ``st``'s own words, at most :data:`PRONOUN_WINDOW`
    sentences back: (name, character start, first token), or None."""
    k = before - 1
    while k > 0 and st.sentence - a.sentence_of[k] <= PRONOUN_WINDOW:
        if _in_statement(a, st, k):
            k -= 1
            continue
        end = k + 1
        j = k
        while j >= 0 and _name_part(a, j):
            j -= 1
        if end - (j + 1) >= 2 and j >= 0 and a.tags[j] == "NN" \
                and speaker_noun_kind(a.lemmas[j]) == "role" and a.tags[j + 1] == "NE":
            return a.text[a.starts[j + 1]:a.starts[end - 1] + len(a.texts[end - 1])], a.starts[j + 1], j + 1
        k = j if j < k else k - 1
    return None


def _name_part(a: Analysis, i: int) -> bool:
    """A token that can be part of a person's name: tagged as a name, or a capitalised
    adjective right after a name that no noun follows ("Katharina Dröge", "Thorsten Frei")."""
    text = a.texts[i]
    if not text[:1].isupper() or not text.replace("-", "").isalpha():
        return False
    if a.tags[i] == "NE":
        return True
    return a.tags[i] in ("ADJA", "ADJD") and i > 0 and a.tags[i - 1] == "NE" \
        and not (i + 1 < len(a.tags) and a.tags[i + 1] in ("NN", "NE"))


def quoted_counts(a: Analysis, spans: list[Span]) -> tuple[Counter, dict[int, str]]:
    """Times each mentioned actor is the speaker of a quotation or reported statement; and,
    per quotation index (``a.quotes``), its speaking actor. Counts come from
    :func:`resolve_statements`, so the actor table and the quotes table agree."""
    global _last_resolved
    actors = {s.actor for s in spans}
    counts: Counter = Counter()
    quote_speaker: dict[int, str] = {}
    resolved = resolve_statements(a, spans)
    # score_actors has the mentions already: keep the result for the statements of the
    # same analysis (framing.score asks next), so mentions are not found twice.
    _last_resolved = (a, resolved)
    for st in resolved:
        if st.speaker in actors:
            counts[st.speaker] += 1
            if st.quote_index is not None:
                quote_speaker[st.quote_index] = st.speaker
    return counts, quote_speaker


def with_speakers(a: Analysis, statements: tuple[Statement, ...]) -> Analysis:
    """``a`` with each quotation's ``speaker`` set to its resolved speaker (canonical actor,
    phrase, or "unnamed"), so that every view of the quotes names the same speakers as the
    quotes table and the actor table. Scare quotes keep no speaker."""
    by_quote = {st.quote_index: st.speaker for st in statements if st.quote_index is not None}
    quotes = tuple(q if q.kind == "scare" else replace(q, speaker=by_quote.get(i, UNNAMED))
                   for i, q in enumerate(a.quotes))
    return replace(a, quotes=quotes, statements=statements)
