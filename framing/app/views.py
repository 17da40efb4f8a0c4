"""Helpers for the dashboard that need no Streamlit: reading, scoring, voice selection.

The dashboard (``streamlit_app.py``) lays out widgets; everything it shows comes from the
functions here, which only call the library (reader, scorers, aggregation) and pick the
figures that belong to the chosen voice. Nothing is rounded here.

Voices: ``"author"`` reads the writer's own voice only (loaded terms per 1,000 author
words, actor polarity over author-voice mentions); ``"all"`` reads author and quoted
voices together (hits and words summed, polarity over all mentions).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from framing.io.reader import ReadError, iter_inputs, read_bytes, read_path
from framing.measures.loaded import per_1000
from framing.model import Article
from framing.score import ActorTotal, ArticleScores, SourceScores, aggregate_sources, score_article

VOICE_MODES = ("author", "all")
#: What the uploader accepts (the reader decides the rest).
UPLOAD_TYPES = ("txt", "md", "html", "htm", "pdf")
#: Label of the dashboard's switch that lets non-German text through.
ANY_LANGUAGE_LABEL = "Score other languages anyway"


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, with a message meant for the user."""

    name: str
    message: str


@dataclass(frozen=True)
class Scored:
    """Scored articles (analysis kept) and the inputs that could not be scored."""

    articles: tuple[ArticleScores, ...]
    problems: tuple[Problem, ...] = ()


def _score_all(articles: Iterable, name_of, nlp=None) -> tuple[list[ArticleScores], list[Problem]]:
    scored, problems = [], []
    for article in articles:
        try:
            scored.append(score_article(article, nlp=nlp, keep_analysis=True))
        except Exception as exc:  # one broken article must not stop the others
            problems.append(Problem(name_of(article), f"could not be scored ({type(exc).__name__}: {exc})"))
    return scored, problems


def read_folder(folder: str | Path) -> tuple[list[Article], list[Problem]]:
    """Read a folder (its ``manifest.toml`` names the sources): articles and unreadable files."""
    articles, problems = [], []
    for path, info in iter_inputs([Path(folder)]):
        try:
            articles.extend(read_path(path, info=info))
        except ReadError as exc:
            problems.append(Problem(path.name, str(exc)))
    return articles, problems


def score_one(article: Article, *, nlp=None) -> Scored:
    """Score one article (analysis kept); a failure comes back as a :class:`Problem`."""
    scored, failed = _score_all([article], lambda a: a.origin or a.article_id, nlp)
    return Scored(tuple(scored), tuple(failed))


def score_folder(folder: str | Path, *, nlp=None) -> Scored:
    """Read a folder and score every article."""
    articles, problems = read_folder(folder)
    return merge(Scored((), tuple(problems)), *(score_one(a, nlp=nlp) for a in articles))


def _for_dashboard(message: str) -> str:
    """The reader's message, with its command-line hint replaced by the dashboard's."""
    return message.replace("(use --any-language to score it anyway)", f"(tick “{ANY_LANGUAGE_LABEL}” to score it)")


def score_upload(data: bytes, name: str, *, source: str | None = None, any_language: bool = False,
                 nlp=None) -> Scored:
    """Read and score one uploaded file or pasted text.

    Problems (empty, unreadable, too large, unsupported type, not German unless
    ``any_language``) come back as a :class:`Problem` with the reader's message instead
    of an exception.
    """
    try:
        articles = read_bytes(data, name, source=source, any_language=any_language)
    except ReadError as exc:
        return Scored((), (Problem(name, _for_dashboard(str(exc))),))
    scored, problems = _score_all(articles, lambda a: name, nlp)
    if not scored and not problems:
        problems.append(Problem(name, "no article text found"))
    return Scored(tuple(scored), tuple(problems))


def pasted_name(source: str, text: str) -> str:
    """A stable file name for pasted text: the source name plus a short content hash."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    stem = "".join(ch if ch.isalnum() else "_" for ch in source.strip())[:40].strip("_") or "pasted"
    return f"{stem}_{digest}.txt"


def unique_source(name: str, taken: Iterable[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``... when a different input already uses it."""
    taken = set(taken)
    if name not in taken:
        return name
    k = 2
    while f"{name} ({k})" in taken:
        k += 1
    return f"{name} ({k})"


def merge(*groups: Scored) -> Scored:
    """All articles and problems of several groups; an article seen twice is kept once."""
    seen: set[tuple[str, str, str]] = set()
    articles, problems = [], []
    for group in groups:
        for s in group.articles:
            key = (s.article.source, s.article.article_id, s.article.text)
            if key not in seen:
                seen.add(key)
                articles.append(s)
        problems.extend(group.problems)
    return Scored(tuple(articles), tuple(problems))


def sources_of(articles: Sequence[ArticleScores]) -> list[SourceScores]:
    """Per-source aggregates (the library's :func:`aggregate_sources`)."""
    return aggregate_sources(articles) if articles else []


def select(articles: Sequence[ArticleScores], sources: Iterable[str]) -> list[ArticleScores]:
    """The articles of the chosen sources, in their original order."""
    wanted = set(sources)
    return [s for s in articles if s.article.source in wanted]


# -- figures of the chosen voice ---------------------------------------------------------

def loaded_hits_words(item: SourceScores | ArticleScores, voices: str) -> tuple[int, int]:
    """Loaded-term hits and the words they are counted over, for ``voices``."""
    if isinstance(item, SourceScores):
        author = (item.loaded_author_hits, item.author_words)
        quoted = (item.loaded_quoted_hits, item.quoted_words)
    else:
        author = (item.loaded.author_hits, item.loaded.author_words)
        quoted = (item.loaded.quoted_hits, item.loaded.quoted_words)
    return _for_voices(author, quoted, voices)


def _for_voices(author: tuple[int, int], quoted: tuple[int, int], voices: str) -> tuple[int, int]:
    """The (hits, words) pair of ``voices``: ``author``, ``quoted`` or both summed."""
    if voices == "author":
        return author
    if voices == "quoted":
        return quoted
    return author[0] + quoted[0], author[1] + quoted[1]


def partisan_hits_words(item: SourceScores | ArticleScores, voices: str) -> tuple[int, int]:
    """Partisan-layer hits (propaganda, conspiracy, dehumanising wording; a subset of the
    loaded hits) and the words they are counted over, for ``voices``."""
    if isinstance(item, SourceScores):
        author = (item.loaded_partisan_hits, item.author_words)
        quoted = (item.loaded_partisan_quoted_hits, item.quoted_words)
    else:
        author = (item.loaded.partisan_hits, item.loaded.author_words)
        quoted = (item.loaded.partisan_quoted_hits, item.loaded.quoted_words)
    return _for_voices(author, quoted, voices)


def partisan_per_1000(item: SourceScores | ArticleScores, voices: str) -> float:
    """Partisan terms per 1,000 words of ``voices``; 0 without words."""
    hits, words = partisan_hits_words(item, voices)
    return per_1000(hits, words)


def loaded_per_1000(item: SourceScores | ArticleScores, voices: str) -> float:
    """Loaded terms per 1,000 words of ``voices`` ("author", "quoted" or "all"); 0 without words."""
    hits, words = loaded_hits_words(item, voices)
    return per_1000(hits, words)


def opinion_ratio(item: SourceScores | ArticleScores) -> float:
    """Share of scored words in sentences labelled opinion (quotes count as report), 0–1."""
    return item.opinion_ratio if isinstance(item, SourceScores) else item.opinion.ratio


def flesch(item: SourceScores | ArticleScores) -> float:
    """Flesch–Amstad reading ease (0–100, higher => easier)."""
    return item.flesch_amstad if isinstance(item, SourceScores) else item.readability.flesch_amstad


def actor_polarity(actor: ActorTotal, voices: str) -> float:
    """The actor's polarity for ``voices`` (NaN when the actor has no mention in them)."""
    if voices == "author":
        return actor.polarity_author if actor.author_mentions else float("nan")
    return actor.polarity if actor.mentions else float("nan")


def actor_mentions(actor: ActorTotal, voices: str) -> int:
    """Mentions of the actor counted for ``voices``."""
    return actor.author_mentions if voices == "author" else actor.mentions


def actor_tone(source: SourceScores, voices: str) -> tuple[float, int]:
    """Mention-weighted mean of the actors' polarities in a source, and the mentions behind it.

    A summary of the library's per-actor polarities (−1 … +1, higher => friendlier
    wording around the actors the source names); NaN when no actor is mentioned.
    """
    pairs = [(actor_polarity(a, voices), actor_mentions(a, voices)) for a in source.actors]
    pairs = [(p, n) for p, n in pairs if n and not math.isnan(p)]
    total = sum(n for _, n in pairs)
    return (sum(p * n for p, n in pairs) / total if total else float("nan")), total


def top_actors(sources: Sequence[SourceScores], n: int = 8) -> list[str]:
    """The ``n`` actors with most mentions over ``sources`` (ties by name)."""
    counts: Counter[str] = Counter()
    for src in sources:
        for a in src.actors:
            counts[a.actor] += a.mentions
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def all_actors(sources: Sequence[SourceScores]) -> list[str]:
    """Every actor named by ``sources``, most mentioned first."""
    return top_actors(sources, n=10**9)


# -- evidence tables ---------------------------------------------------------------------

def _sentence_text(scores: ArticleScores, index: int) -> str:
    analysis = scores.analysis
    if analysis is None or not 0 <= index < len(analysis.sentences):
        return ""
    return analysis.sentences[index].text


def loaded_evidence(scores: ArticleScores, voices: str = "all") -> list[dict[str, object]]:
    """One row per loaded-term hit: sentence number, term, lemma, category, weight, voice, sentence."""
    rows = []
    for h in scores.loaded.hits:
        if voices == "author" and h.voice != "author":
            continue
        rows.append({"sentence": h.sentence, "term": h.text, "lemma": h.lemma, "layer": h.layer,
                     "category": h.category, "weight": h.weight, "voice": h.voice,
                     "in sentence": _sentence_text(scores, h.sentence)})
    return rows


def opinion_evidence(scores: ArticleScores) -> list[dict[str, object]]:
    """One row per scored sentence: label, probability, words, cues and text."""
    return [{"sentence": s.index, "label": s.label, "probability": s.probability, "words": s.words,
             "cues": ", ".join(f"{c.text} ({c.kind})" for c in s.cues), "text": s.text}
            for s in scores.opinion.sentences]


def actor_evidence(scores: ArticleScores, actors: Iterable[str] | None = None,
                   voices: str = "all") -> list[dict[str, object]]:
    """One row per actor mention: actor, words, polarity, voice, the cues behind the polarity."""
    wanted = set(actors) if actors is not None else None
    rows = []
    for m in scores.actors.mentions:
        if wanted is not None and m.actor not in wanted:
            continue
        if voices == "author" and m.voice != "author":
            continue
        rows.append({"sentence": m.sentence, "actor": m.actor, "kind": m.kind, "mention": m.text,
                     "polarity": m.polarity, "voice": m.voice,
                     "because": ", ".join(c.text for c in m.cues),
                     "in sentence": _sentence_text(scores, m.sentence)})
    return rows


def quote_evidence(scores: ArticleScores) -> list[dict[str, object]]:
    """One row per quotation or reported statement, with the speaker the actor table counts
    (canonical actor name, the phrase as written, or "unnamed"); scare quotes are not listed."""
    return [{"sentence": st.sentence, "speaker": st.speaker or "unnamed", "speaker_kind": st.speaker_kind,
             "kind": st.kind, "text": st.text, "in sentence": _sentence_text(scores, st.sentence)}
            for st in scores.statements]


def _sentence_at(scores: ArticleScores, offset: int) -> tuple[int, str]:
    """Index and text of the sentence holding character ``offset`` (-1, "" when none)."""
    analysis = scores.analysis
    for s in analysis.sentences if analysis is not None else ():
        if s.start <= offset < s.end:
            return s.index, s.text
    return -1, ""


def quote_table(articles: Sequence[ArticleScores]) -> list[dict[str, object]]:
    """The quotes of several articles (one source): one row per quotation or reported
    statement with its article, sentence number, speaker (as ``--quotes-out`` names it),
    kind and words, plus the whole sentence; ``article_id`` lets a row open its article."""
    return [{"article": article_title(s.article), "article_id": s.article.article_id, **r}
            for s in articles for r in quote_evidence(s)]


def speaker_shares(records: Sequence[dict], source: str) -> list[tuple[str, int, int]]:
    """Who speaks in ``source``: (speaker, statements, all statements) from the records'
    resolved statements (speakers as in ``--quotes-out``: canonical actor, phrase as
    written, or ``unnamed``), most statements first; the share is statements / all."""
    counts: Counter[str] = Counter(st.get("speaker") or "unnamed" for r in records if r["source"] == source
                                   for st in r.get("statements", ()))
    total = sum(counts.values())
    return [(name, n, total) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def descriptor_table(records: Sequence[dict], sources: Sequence[str],
                     actors: Sequence[str] | None = None) -> list[dict[str, object]]:
    """Framing by naming, side by side: one row per (actor, descriptor) with how often each
    source uses that descriptor for the actor (the records' ``descriptors``, summed over a
    source's articles; 0 when a source does not use it). Rows follow ``actors`` (when
    given, only those), then the total count, highest first."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    wanted = set(sources)
    for r in records:
        if r["source"] not in wanted:
            continue
        for d in r.get("descriptors", ()):
            counts[(d["actor"], d["descriptor"])][r["source"]] += int(d["count"])
    order = {a: k for k, a in enumerate(actors)} if actors is not None else None
    keys = [k for k in counts if order is None or k[0] in order]
    keys.sort(key=lambda k: (order[k[0]] if order is not None else 0, k[0], -sum(counts[k].values()), k[1]))
    return [{"actor": a, "descriptor": d, **{src: counts[(a, d)].get(src, 0) for src in sources}}
            for a, d in keys]


def descriptor_evidence(articles: Sequence[ArticleScores], actor: str,
                        descriptor: str | None = None) -> list[dict[str, object]]:
    """The passages where ``actor`` is named by ``descriptor`` (every descriptor of the
    actor when None): article, sentence number, descriptor, kind, sentence."""
    rows = []
    for s in articles:
        for d in s.actors.descriptors:
            if d.actor != actor or (descriptor is not None and d.text != descriptor):
                continue
            index, sentence = _sentence_at(s, d.start)
            rows.append({"source": s.article.source, "article": article_title(s.article), "sentence": index,
                         "descriptor": d.text, "kind": d.kind, "in sentence": sentence})
    return rows


def excluded_evidence(scores: ArticleScores) -> list[dict[str, object]]:
    """One row per stretch of page furniture left out of every score."""
    return [{"reason": e.reason, "text": e.text} for e in scores.article.excluded]


def loaded_terms(articles: Sequence[ArticleScores], voices: str = "author") -> list[dict[str, object]]:
    """Loaded terms over several articles: lemma, category, hits, the forms seen, articles."""
    hits: Counter[tuple[str, str]] = Counter()
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in articles:
        for h in s.loaded.hits:
            if voices == "author" and h.voice != "author":
                continue
            key = (h.lemma, h.category)
            hits[key] += 1
            forms[key].add(h.text)
            where[key].add(s.article.article_id)
    return [{"lemma": lemma, "category": cat, "hits": n, "forms": ", ".join(sorted(forms[(lemma, cat)])),
             "articles": len(where[(lemma, cat)])}
            for (lemma, cat), n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))]


def warnings_of(group: Scored) -> list[str]:
    """The reader's warnings for the articles of ``group`` (e.g. not German), each once."""
    return list(dict.fromkeys(w for s in group.articles for w in s.article.warnings))


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~$")


def markdown_escape(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped, for messages that
    Streamlit renders as Markdown (names and file names come from the user)."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)


def article_title(article: Article) -> str:
    """How an article is named in tables: its title, else its id."""
    return (article.title or "").strip() or article.article_id


def article_label(scores: ArticleScores | Article) -> str:
    """How an article is named in pickers: its title and date (its id when untitled)."""
    article = scores if isinstance(scores, Article) else scores.article
    title = article_title(article)
    title = title if len(title) <= 90 else title[:89] + "…"
    return f"{title} ({article.date})" if article.date else title


# -- evidence behind one number of the overview ------------------------------------------

#: What a clicked number in the overview stands for.
MEASURES = ("loaded", "loaded_quoted", "loaded_partisan", "category", "opinion", "tone", "readability", "actor",
            "quotes", "speaker")


def _voice_ok(voice: str, voices: str) -> bool:
    if voices == "author":
        return voice == "author"
    if voices == "quoted":
        return voice != "author"
    return True


def source_evidence(articles: Sequence[ArticleScores], measure: str, *, voices: str = "author",
                    actor: str | None = None, category: str | None = None) -> list[dict[str, object]]:
    """The passages behind one figure of a source (``articles`` are that source's articles).

    ``measure`` is one of :data:`MEASURES`: ``loaded`` / ``loaded_quoted`` (every loaded
    term in ``voices`` / in the quoted voice), ``loaded_partisan`` (the partisan-layer
    terms in ``voices``), ``speaker`` (the statements whose resolved speaker is
    ``actor``), ``opinion`` (the opinion sentences, most probable first), ``category``
    (the author-voice loaded terms of ``category``),
    ``tone`` (every actor mention with its polarity), ``readability`` (the
    articles' indices), ``actor`` (the mentions of ``actor``), ``quotes`` (the quotations
    whose speaker names ``actor``).
    """
    rows: list[dict[str, object]] = []
    for s in articles:
        art = article_title(s.article)
        if measure in ("loaded", "loaded_quoted"):
            wanted = "quoted" if measure == "loaded_quoted" else voices
            rows += [{"article": art, **r} for r, h in zip(loaded_evidence(s), s.loaded.hits)
                     if _voice_ok(h.voice, wanted)]
        elif measure == "loaded_partisan":
            rows += [{"article": art, **r} for r, h in zip(loaded_evidence(s), s.loaded.hits)
                     if h.layer == "partisan" and _voice_ok(h.voice, voices)]
        elif measure == "speaker":
            rows += [{"article": art, **r} for r in quote_evidence(s) if r["speaker"] == actor]
        elif measure == "category":
            rows += [{"article": art, **r} for r, h in zip(loaded_evidence(s), s.loaded.hits)
                     if h.voice == "author" and h.category == category]
        elif measure == "opinion":
            rows += [{"article": art, **r} for r in opinion_evidence(s) if r["label"] == "opinion"]
        elif measure in ("tone", "actor"):
            chosen = [actor] if measure == "actor" and actor else None
            rows += [{"article": art, **r} for r in actor_evidence(s, chosen, voices)]
        elif measure == "readability":
            rows.append({"article": art, "title": s.article.title, "words": s.words, "sentences": s.sentences,
                         "flesch_amstad": s.readability.flesch_amstad,
                         "wiener_sachtextformel": s.readability.wiener_sachtextformel})
        elif measure == "quotes" and s.analysis is not None and actor:
            spans = [(m.start, m.end) for m in s.actors.mentions if m.actor == actor]
            for q in s.analysis.quotes:
                if q.kind == "scare":
                    continue
                by_mention = q.speaker_start is not None and any(
                    q.speaker_start <= a < (q.speaker_end or a + 1) for a, _ in spans)
                if by_mention or (q.speaker and actor in q.speaker):
                    rows.append({"article": art, "kind": q.kind, "speaker": q.speaker or "", "text": q.text})
        elif measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}; expected one of {MEASURES}")
    if measure == "opinion":
        rows.sort(key=lambda r: -float(r["probability"]))
    return rows


# -- what the views show -------------------------------------------------------------------

def default_actors(sources: Sequence[SourceScores], *, per_source: int = 3, limit: int = 12) -> list[str]:
    """Actors shown before the user picks any: the most mentioned of the whole selection,
    plus the ``per_source`` most mentioned of every source (so a newly added article's own
    actors appear beside the others'), at most ``limit``, most mentioned first."""
    counts: Counter[str] = Counter()
    for src in sources:
        for a in src.actors:
            counts[a.actor] += a.mentions
    chosen = {a.actor for src in sources for a in src.actors[:per_source] if a.mentions}
    ranked = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    picked = [n for n in ranked if n in chosen]
    picked += [n for n in ranked if n not in chosen][: max(0, limit - len(picked))]
    picked = picked[:limit]
    return [n for n in ranked if n in picked]


def tone_estimate(source: SourceScores, voices: str):
    """Mean polarity over every actor mention of a source (``voices``), with its interval
    (:func:`framing.measures.actors.relative.tone_interval`)."""
    from framing.measures.actors.relative import tone_interval

    values = [p for a in source.actors for p in (a.author_polarities if voices == "author" else a.polarities)]
    return tone_interval(values)


def manifest_dates(folder: str | Path) -> dict[str, str]:
    """Source name -> date as the folder's manifest gives it (sources without a date left out)."""
    from framing.io.reader import load_manifest

    try:
        manifest = load_manifest(folder)
    except ReadError:
        return {}
    return {info.source: info.date for info in manifest.values() if info.date}


def card_figures(src: SourceScores, voices: str, tr, *, show_quoted: bool = False) -> list[tuple[str, str, str]]:
    """(label, value, what it is counted over) for a source card, in the language of ``tr``.

    Each line counts one thing: loaded terms over the words of the chosen voice, the opinion
    share over words (counted, then estimated from the sentence probabilities with its 90 %
    interval; its sentence count on a line of its own), partisan terms over the words of
    the chosen voice, tone over mentions.
    """
    hits, words = loaded_hits_words(src, voices)
    words_of = tr("card.author_words") if voices == "author" else tr("card.all_words")
    figures = [(tr("card.loaded"), tr.number(loaded_per_1000(src, voices)),
                tr("card.hits_of_words", hits=hits, words=_int(words, tr), of=words_of))]
    p_hits, p_words = partisan_hits_words(src, voices)
    figures.append((tr("card.partisan"), tr.number(per_1000(p_hits, p_words)),
                    tr("card.hits_of_words", hits=p_hits, words=_int(p_words, tr), of=words_of)))
    if show_quoted:
        q_hits, q_words = loaded_hits_words(src, "quoted")
        figures.append((tr("card.loaded_quoted"), tr.number(loaded_per_1000(src, "quoted")),
                        tr("card.hits_of_words", hits=q_hits, words=_int(q_words, tr), of=tr("card.quoted_words"))))
    figures += [
        (tr("card.opinion_share"), tr.number(100 * src.opinion_ratio, ".0f") + " %",
         tr("card.of_words", part=_int(src.opinion_words, tr), total=_int(src.words, tr))),
    ]
    if src.opinion_scored_words:
        share, low, high = src.opinion_share
        figures.append((tr("card.opinion_estimate"), tr.number(100 * share, ".0f") + " %",
                        tr("card.interval", low=tr.number(100 * low, ".0f"), high=tr.number(100 * high, ".0f"))))
    figures.append((tr("card.opinion_sentences"), _int(src.opinion_sentences, tr),
                    tr("card.of_sentences", total=_int(src.sentences, tr))))
    est = tone_estimate(src, voices)
    interval = "" if est.mentions < 2 else f" [{tr.number(est.low, '+.2f')}; {tr.number(est.high, '+.2f')}]"
    note = tr("card.mentions", n=est.mentions) + (f" · {tr('card.low_evidence')}" if est.low_evidence else "")
    figures.append((tr("card.tone"), tr.number(est.value, "+.2f") + interval, note))
    figures.append((tr("card.flesch"), tr.number(src.flesch_amstad, ".0f"), tr("card.flesch_note")))
    return figures


def _int(value: int, tr) -> str:
    return tr.number(value, ",d")


fmt_int = _int


def card_labels(tr) -> dict[str, str]:
    """The words of a source card's header line, in the language of ``tr``."""
    return {"kind_unknown": tr("card.kind_unknown"), "date_unknown": tr("card.date_unknown"),
            "article": tr("card.article"), "articles": tr("card.articles"), "words": tr("card.words_total")}


def reader_name(name: str) -> str:
    """An upload's file name without folders (as the reader names it)."""
    from framing.io.reader import base_name

    return base_name(name)


def default_source(article: Article, fallback: str) -> str:
    """Source name offered for an upload: the outlet the page names (site name), else ``fallback``."""
    outlet = getattr(article, "outlet", None)
    return outlet.strip() if isinstance(outlet, str) and outlet.strip() else fallback


def unique_article(entry, taken: set[str]):
    """``entry`` with an article id not in ``taken`` (``id-2``, ``id-3`` … when needed); adds it."""
    from framing.app.entries import Entry

    art_id = entry.article.article_id
    new = art_id
    k = 2
    while new in taken:
        new = f"{art_id}-{k}"
        k += 1
    taken.add(new)
    if new == art_id:
        return entry
    return Entry(replace(entry.article, article_id=new), {**entry.record, "article_id": new})


def refresh_stale(store, pool, items, jobs: dict, fingerprint: str) -> int:
    """Rescore stored items whose scores came from another version (or an import).

    Submits one job per stale item to ``pool`` (kept in ``jobs`` by item id); when a job is
    done, its entries replace the stored ones, keeping the source, title and date the user
    gave them. Returns how many items are still being rescored.
    """
    from framing.app.entries import Entry, with_meta

    waiting = 0
    for item in items:
        if item.fingerprint == fingerprint:
            continue
        job = jobs.get(item.id)
        if job is None:
            jobs[item.id] = pool.submit(item.data, item.name, source=item.source, any_language=item.any_language)
            waiting += 1
        elif not job.done:
            waiting += 1
        elif job.entries:
            old = list(item.entries)
            new = []
            for k, e in enumerate(job.entries):
                if k < len(old):
                    o = old[k].article
                    e = with_meta(e, source=item.source, title=o.title, date=o.date or "")
                    if o.article_id != e.article.article_id:
                        e = Entry(replace(e.article, article_id=o.article_id), {**e.record, "article_id": o.article_id})
                else:
                    e = with_meta(e, source=item.source)
                new.append(e)
            store.update_entries(item.id, new, fingerprint)
            jobs.pop(item.id, None)
    return waiting


def table_height(rows: int, *, row: int = 35, most: int = 600) -> int | str:
    """Height of a table that fits its rows (up to ``most`` pixels, then it scrolls)."""
    return min(most, 38 + row * max(1, rows))


#: Columns that hold whole sentences or passages: shown wide and wrapping.
_LONG_COLUMNS = ("in sentence", "text", "cues", "because", "article", "title", "forms")


def column_config(rows: Sequence[dict[str, object]]) -> dict[str, object]:
    """Streamlit column settings for an evidence table: long text columns wide."""
    if not rows:
        return {}
    import streamlit as st

    return {c: st.column_config.TextColumn(c, width="large") for c in rows[0] if c in _LONG_COLUMNS}


def signature(records: Sequence[dict]) -> str:
    """A hash of score records (their JSON), to cache what is derived from one corpus."""
    import json

    return hashlib.sha1(json.dumps(records, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def chart_text(tr) -> dict[str, str]:
    """Chart titles and axis labels in the language of ``tr`` (keys of ``charts.TEXT``)."""
    from framing.app.charts import TEXT

    return {key: tr(f"chart.{key}") for key in TEXT}
