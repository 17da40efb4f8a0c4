"""The German language pipeline.

By default: ``spacy.blank("de")`` + a sentence splitter that also breaks at line ends
(headlines and subheadings carry no final punctuation) + spaCy's lookup lemmatizer
(``spacy-lookups-data``) + a HanTa component that adds STTS part-of-speech tags and
morphological lemmas for open-class words. HanTa ships its model in the wheel, so nothing
is downloaded. HanTa's context-free analysis is cached per word form, which keeps the
pipeline fast on large corpora (frequent forms are analysed once).

A trained spaCy German model is used instead when it is installed and chosen with the
``FRAMING_SPACY_MODEL`` environment variable (e.g. ``de_core_news_md``); it is never
required.
"""

from __future__ import annotations

import bisect
import os
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import LEMMA, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc

#: HanTa tags of open-class words whose HanTa lemma is preferred over the lookup lemma.
_OPEN_CLASS = ("NN", "NE", "ADJ", "VV", "ADV")
_HANTA_CACHE_SIZE = 200_000
#: Pronouns keep their own form as lemma: the lookup table maps "er", "sie", "es" to
#: "ich" and "sein", "ihr", "unser" to "mein", which erases person and number.
_FORM_AS_LEMMA = frozenset({"PPER", "PPOSAT", "PPOSS", "PRF", "PRELS", "PDS", "PIS"})


@lru_cache(maxsize=1)
def _hanta():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=_HANTA_CACHE_SIZE)
def analyse_word(word: str) -> tuple[str, str]:
    """Context-free HanTa analysis of one word form: ``(lemma, STTS tag)``.

    HanTa writes tags such as ``ADJ(A)``; they are normalised to STTS (``ADJA``).
    """
    if not word.strip():
        return word, "_SP"
    try:
        lemma, tag = _hanta().analyze(word)
    except Exception:  # HanTa fails on some odd strings; fall back to the form
        return word.lower(), "XY"
    return lemma, tag.replace("(", "").replace(")", "")


@Language.component("line_sentencizer")
def line_sentencizer(doc: Doc) -> Doc:
    """Start a new sentence after every line break (headlines have no full stop)."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text_with_ws[len(token.text):] or (token.is_space and "\n" in token.text):
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("unit_sentencizer")
def unit_sentencizer(doc: Doc) -> Doc:
    """Headlines, datelines and agency credits as units of their own (see
    :mod:`framing.language.units`); runs after the other sentencizers."""
    from framing.language.units import set_unit_boundaries

    return set_unit_boundaries(doc)


_ALWAYS_OPENING = ("„", "»", "‚", "›")
_MAYBE_OPENING = ('"', "“", "'")


@Language.component("opening_quote_sentencizer")
def opening_quote_sentencizer(doc: Doc) -> Doc:
    """Move a sentence start back onto an opening quotation mark.

    spaCy's sentencizer keeps punctuation after a full stop in the old sentence, which is
    right for closing marks ('… kam.“') and wrong for opening ones ('kam. „Nein.“').
    A straight or English mark counts as opening when space precedes it and none follows.
    """
    text = doc.text
    marks = [k for k, ch in enumerate(text) if ch in _ALWAYS_OPENING or ch in _MAYBE_OPENING]
    if not marks:
        return doc
    starts = doc.to_array("IDX").tolist()
    for k in marks:
        i = bisect.bisect_left(starts, k)
        if i <= 0 or i >= len(doc) - 1 or starts[i] != k:
            continue
        token = doc[i]
        if token.text not in _ALWAYS_OPENING and not (
            token.text in _MAYBE_OPENING and not token.whitespace_ and doc[i - 1].whitespace_
        ):
            continue
        nxt = doc[i + 1]
        if nxt.is_sent_start and not token.is_sent_start:
            token.is_sent_start = True
            nxt.is_sent_start = False
    return doc


@lru_cache(maxsize=_HANTA_CACHE_SIZE)
def _tag_decision(form: str, lower: str) -> tuple[str, str | None]:
    """(STTS tag, lemma to set or None to keep the lookup lemma) for one word form."""
    if not form.strip():
        return "_SP", None
    lemma, tag = analyse_word(form)
    if tag.startswith(_OPEN_CLASS) and lemma:
        return tag, lemma
    if tag in _FORM_AS_LEMMA:
        return tag, lower
    return tag, None


@Language.component("hanta_tagger")
def hanta_tagger(doc: Doc) -> Doc:
    """Set ``token.tag_`` (STTS) and, for open-class words, ``token.lemma_`` from HanTa.

    Works on whole arrays (``Doc.to_array``/``from_array``) and decides once per word
    form, so its cost hardly grows with the number of tokens.
    """
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, LEMMA])
    orths, inverse = np.unique(arr[:, 0], return_inverse=True)
    tag_of = np.empty(len(orths), dtype=np.uint64)
    lemma_of = np.zeros(len(orths), dtype=np.uint64)
    for k, orth in enumerate(orths.tolist()):
        form = strings[orth]
        tag, lemma = _tag_decision(form, form.lower())
        tag_of[k] = strings.add(tag)
        if lemma is not None:
            lemma_of[k] = strings.add(lemma)
    lemmas = lemma_of[inverse]
    lower_of = arr[:, 1]
    missing = lower_of == 0
    if missing.any():  # no lookup lemma: fall back to the lowercased form
        lower_hashes = np.array([strings.add(strings[o].lower()) for o in arr[:, 0].tolist()],
                                dtype=np.uint64)
        lower_of = np.where(missing, lower_hashes, lower_of)
    out = np.stack([tag_of[inverse], np.where(lemmas != 0, lemmas, lower_of)], axis=1)
    doc.from_array([TAG, LEMMA], out.astype(np.uint64))
    return doc


#: Split quotation marks glued to sentence punctuation or the next word
#: ('gerecht?"Der', 'kam.“Wir', 'sagte.»Nein') so quotes and sentences are found.
_QUOTE_INFIXES = (
    r'(?<=[^\W_])[.!?](?=["“”„»«‚‘›‹])',
    r'(?<=[.!?:,;])["“”„»«‚‘›‹]',
    r'["“”„»«‚‘›‹](?=[A-ZÄÖÜ])',
)


def _add_quote_infixes(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or []) + list(_QUOTE_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _blank_pipeline() -> Language:
    nlp = spacy.blank("de")
    _add_quote_infixes(nlp)
    nlp.max_length = 5_000_000
    nlp.add_pipe("line_sentencizer")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("opening_quote_sentencizer")
    nlp.add_pipe("unit_sentencizer")  # headline/dateline/credit units (framing.language.units)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.add_pipe("hanta_tagger")
    return nlp


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Language:
    """Return the cached pipeline.

    ``model`` (or the ``FRAMING_SPACY_MODEL`` environment variable) names an installed
    trained spaCy model; when it is not installed the blank pipeline is used.
    """
    name = model if model is not None else os.environ.get("FRAMING_SPACY_MODEL", "")
    if name:
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except OSError:
            nlp = None
        if nlp is not None:
            nlp.max_length = 5_000_000
            if "hanta_tagger" not in nlp.pipe_names:
                nlp.add_pipe("line_sentencizer", before=nlp.pipe_names[0])
            return nlp
    return _blank_pipeline()
