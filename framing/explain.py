"""Per-sentence explanation of an article's scores, as plain text lines.

For each scored sentence: its opinion/report label and probability, the cues behind the
label, its voice (quotes, reported speech, speaker), its loaded-vocabulary hits with
category, and its actor mentions with polarity and the words behind the polarity.
"""

from __future__ import annotations

from collections import defaultdict

from framing.score import ArticleScores


def explain_lines(scores: ArticleScores) -> list[str]:
    """Lines that explain every number of ``scores`` (needs ``keep_analysis=True``)."""
    analysis = scores.analysis
    if analysis is None:
        raise ValueError("explain needs scores computed with keep_analysis=True")
    article = scores.article
    hits = defaultdict(list)
    for hit in scores.loaded.hits:
        hits[hit.sentence].append(hit)
    set_aside = defaultdict(list)
    for item in scores.loaded.not_counted:
        set_aside[item.hit.sentence].append(item)
    mentions = defaultdict(list)
    for mention in scores.actors.mentions:
        mentions[mention.sentence].append(mention)
    labels = {s.index: s for s in scores.opinion.sentences}

    lines = [
        f"== {article.source} / {article.article_id}: {article.title}",
        f"   date {article.date or '?'} | {scores.words} words "
        f"({scores.author_words} author, {scores.quoted_words} quoted) | "
        f"loaded {scores.loaded.author_per_1000:.1f}/1000 author, "
        f"{scores.loaded.quoted_per_1000:.1f}/1000 quoted "
        f"(partisan {scores.loaded.partisan_per_1000:.1f}, "
        f"general {scores.loaded.general_per_1000:.1f}/1000 author) | "
        f"opinion ratio {scores.opinion.ratio:.2f}, expected share "
        f"{scores.opinion.expected_share:.2f} (90% {scores.opinion.share_low:.2f}-"
        f"{scores.opinion.share_high:.2f}), model {scores.opinion.model} | "
        f"Flesch-Amstad {scores.readability.flesch_amstad:.1f}",
    ]
    tones = [f"{x.actor} {x.label} ({x.tone:+.2f} from {x.evidenced} of {x.mentions} mentions)"
             for x in scores.actors.actors if x.evidenced]
    if tones:
        lines.append("   tone: " + "; ".join(tones))
    for sentence in analysis.sentences:
        if sentence.excluded:
            lines.append(f"[{sentence.index:3d}] EXCLUDED  {sentence.text[:100]}")
            continue
        label = labels.get(sentence.index)
        head = (f"[{sentence.index:3d}] {label.label.upper():7s} p={label.probability:.2f}"
                if label else f"[{sentence.index:3d}] -")
        if label and label.unit != "sentence":
            head += f" ({label.unit})"
        lines.append(f"{head}  {sentence.text}")
        cues = [c for c in label.cues if c.kind != "hedge"] if label else []
        hedges = [c.text for c in label.cues if c.kind == "hedge"] if label else []
        if cues:
            lines.append("        cues: " + ", ".join(f"{c.text} ({c.kind})" for c in cues))
        if hedges:
            lines.append("        hedges: " + ", ".join(hedges)
                         + (" (alone not enough for opinion: labelled report)"
                            if label.hedge_only else ""))
        if sentence.attributed:
            # The speakers the quotes table and the actor table count (resolved to actors).
            who = ", ".join(dict.fromkeys(st.speaker for st in scores.statements
                                          if st.sentence == sentence.index)) or "unnamed"
            lines.append(f"        voice: attributed to {who}"
                         + (" (quote)" if sentence.has_quote else " (reported)"))
        for hit in hits.get(sentence.index, []):
            lines.append(f"        loaded: {hit.text!r} -> {hit.lemma} [{hit.layer} layer, "
                         f"{hit.category}, weight {hit.weight:.2f}, {hit.voice}]")
        for item in set_aside.get(sentence.index, []):
            lines.append(f"        not loaded here: {item.hit.text!r} -> {item.hit.lemma} "
                         f"({item.reason})")
        for m in mentions.get(sentence.index, []):
            why = ", ".join(f"{c.text} ({c.kind})" for c in m.cues)
            via = f" (via {m.via.replace('_', ' ')})" if m.via else ""
            lines.append(f"        actor: {m.text!r} -> {m.actor}{via} polarity {m.polarity:+.2f} "
                         f"[{m.voice}]" + (f" because: {why}" if why else ""))
    excluded = article.excluded
    if excluded:
        lines.append("   excluded text:")
        lines.extend(f"     ({e.reason}) {e.text[:100]}" for e in excluded)
    return lines
