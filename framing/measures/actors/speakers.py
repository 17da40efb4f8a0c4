"""Which actor speaks: the speakers of quotations and reported statements, resolved to actors."""

from __future__ import annotations

import bisect
from collections import Counter

from framing.language.analysis import Analysis
from framing.measures.actors.mentions import Span, registry
from framing.measures.actors.tone import token_range


# --------------------------------------------------------------------------- speakers
def _actor_of_speaker(text: str | None, spans_in: list[Span]) -> str | None:
    if spans_in:
        return spans_in[0].actor
    if not text:
        return None
    reg = registry()
    if text in reg.names:
        return reg.names[text]
    for word in reversed(text.split()):
        if word in reg.names:
            return reg.names[word]
    return None


def quoted_counts(a: Analysis, spans: list[Span]) -> tuple[Counter, dict[int, str]]:
    """Times each actor is the speaker of a quotation or reported statement; and, per
    quotation index, its speaking actor."""
    starts = [a.starts[s.t0] for s in spans]
    counts: Counter = Counter()
    quote_speaker: dict[int, str] = {}
    discovered = {s.actor for s in spans if s.kind == "unknown"}
    covered: set[tuple[int, str]] = set()
    for qi, q in enumerate(a.quotes):
        if q.kind == "scare":
            continue
        inside = []
        if q.speaker_start is not None:
            lo = bisect.bisect_left(starts, q.speaker_start)
            hi = bisect.bisect_left(starts, q.speaker_end or 0, lo=lo)
            inside = spans[lo:hi]
        who = _actor_of_speaker(q.speaker, inside)
        if who is None and q.speaker:
            who = next((d for d in discovered if q.speaker.endswith(d.split()[-1])), None)
        if who:
            counts[who] += 1
            quote_speaker[qi] = who
            sent = a.sentence_of[min(len(a.doc) - 1, token_range(a, q.start, q.start + 1)[0])]
            covered.add((sent, who))
    for s in a.sentences:
        if s.excluded or not s.attributed or not s.speaker:
            continue
        who = _actor_of_speaker(s.speaker, [])
        if who is None:
            who = next((d for d in discovered if s.speaker.endswith(d.split()[-1])), None)
        if who and (s.index, who) not in covered:
            counts[who] += 1
    return counts, quote_speaker

