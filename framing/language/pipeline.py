"""The German language pipeline.

By default: ``spacy.blank("de")`` + a sentence splitter that also breaks at line ends
(headlines and subheadings carry no final punctuation) + a HanTa component that adds STTS
part-of-speech tags, morphological lemmas for open-class words and spaCy's lookup lemmas
(``spacy-lookups-data``, the table spaCy's ``lemmatizer`` reads in lookup mode) for the
rest, once per word form. HanTa ships its model in the wheel, so nothing
is downloaded.

HanTa's analysis is context-free (one word form at a time), so it is computed once per
form: frequent German forms come from a shipped table (``lexicons/forms/forms_de.tsv.gz``,
built by ``scripts/build_forms.py`` with HanTa itself, so a form gets the same tag and lemma
from the table as from HanTa); the rest are guessed from the table (compound heads, hyphen
compounds, endings: :mod:`framing.language.forms`, about 20 µs a form instead of HanTa's
1 ms) or, when ``guess_unknown_forms`` is 0 in ``lexicons/forms/settings.tsv``, analysed by
HanTa; either through a bounded cache. Forms longer than ``max_form_chars`` get a cheap
analysis instead (:func:`analyse_word`): HanTa's time grows with the square of a form's length.

Sentence starts are set on whole arrays (``Doc.to_array``/``from_array``): setting
``Token.is_sent_start`` one token at a time rescans the document on every call.

A trained spaCy German model is used instead when it is installed and chosen with the
``FRAMING_SPACY_MODEL`` environment variable (e.g. ``de_core_news_md``); it is never
required.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from operator import itemgetter

import numpy as np
import spacy
from spacy.attrs import IDX, LEMMA, ORTH, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc

from framing.language.forms import FormTable, guess
from framing.language.forms import form_table as _form_table
from framing.resources import load_table

#: HanTa tags of open-class words whose HanTa lemma is preferred over the lookup lemma.
_OPEN_CLASS = ("NN", "NE", "ADJ", "VV", "ADV")
#: Pronouns keep their own form as lemma: the lookup table maps "er", "sie", "es" to
#: "ich" and "sein", "ihr", "unser" to "mein", which erases person and number.
_FORM_AS_LEMMA = frozenset({"PPER", "PPOSAT", "PPOSS", "PRF", "PRELS", "PDS", "PIS"})
#: Doc user-data key: character offsets where a sentence must start (see :func:`force_sentence_starts`).
FORCED_STARTS = "framing_sentence_starts"
#: Doc user-data key: the text of the Doc (see :func:`doc_text`).
DOC_TEXT = "framing_doc_text"


@cache
def _settings() -> dict[str, int]:
    return {r["setting"]: int(r["value"]) for r in load_table("lexicons/forms/settings.tsv").rows}


def form_limit() -> int:
    """Longest word form (characters) that HanTa analyses; longer ones get a cheap analysis."""
    return _settings()["max_form_chars"]


@lru_cache(maxsize=1)
def _hanta():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def form_table() -> FormTable:
    """The shipped per-form table: form -> (STTS tag, HanTa lemma, syllables of the lowercased form).

    A read-only mapping (:class:`framing.language.forms.FormTable`), read once per process;
    empty when the file is missing.
    """
    return _form_table()


def guesses_unknown_forms() -> bool:
    """True when forms outside the table are guessed (:func:`framing.language.forms.guess`)
    instead of analysed by HanTa (``guess_unknown_forms`` in ``lexicons/forms/settings.tsv``)."""
    return bool(_settings()["guess_unknown_forms"])


def _analyse_uncached(word: str) -> tuple[str, str]:
    """HanTa's analysis (or the cheap one for overlong forms); never the table or the guesser."""
    if len(word) > form_limit():
        # Cheap analysis of an overlong form (a URL, a chain of hyphenated words, junk):
        # a capitalised form is read as a noun with itself as lemma, anything else as a
        # non-word ("XY") whose lemma is its lowercased form.
        return (word, "NN") if word[:1].isupper() else (word.lower(), "XY")
    try:
        lemma, tag = _hanta().analyze(word)
    except Exception:  # HanTa fails on some odd strings; fall back to the form
        return word.lower(), "XY"
    return lemma, tag.replace("(", "").replace(")", "")


def _guess_or_hanta(word: str) -> tuple[str, str]:
    if len(word) > form_limit() or not guesses_unknown_forms():
        return _analyse_uncached(word)
    lemma, tag, how = guess(word, _form_table())
    if how == "none":  # the guesser cannot decide ("30.–31.", "---|---|"): HanTa
        return _analyse_uncached(word)
    return lemma, tag


@cache
def _cached_analysis():
    return lru_cache(maxsize=_settings()["cache_size"])(_guess_or_hanta)


def analyse_word(word: str) -> tuple[str, str]:
    """Context-free analysis of one word form: ``(lemma, STTS tag)``.

    HanTa writes tags such as ``ADJ(A)``; they are normalised to STTS (``ADJA``). Frequent
    forms come from the shipped table (HanTa's analyses computed ahead); the rest are
    guessed from the table (:func:`framing.language.forms.guess`; HanTa instead when
    :func:`guesses_unknown_forms` is false), cached; forms longer than :func:`form_limit`
    get the cheap analysis described in the module docstring.
    """
    if not word.strip():
        return word, "_SP"
    found = form_table().get(word)
    lemma, tag = (found[1], found[0]) if found is not None else _cached_analysis()(word)
    if tag in _NOUN_TAGS and len(word) > 2 and word.isalpha() and word.islower():
        return _lower_case_reading(word, lemma, tag)
    return lemma, tag


#: Tags HanTa gives lower-case forms from a capitalised reading ("log" NE "Log", "punkten" NN "Punkt").
_NOUN_TAGS = ("NE", "NN")


@lru_cache(maxsize=4096)
def _lower_case_reading(word: str, lemma: str, tag: str) -> tuple[str, str]:
    """``(lemma, tag)`` of an all-lower-case form HanTa read as a name or noun.

    A lower-case word of German text is no proper name, and a noun only by a slip of
    spelling, so a verb reading wins. From the shipped table: the singular past of a strong verb whose plural past or
    participle is a form of a verb with another lemma ("log" <- "logen": lügen; "betrog" <-
    "betrogen": betrügen) is that verb's ``VVFIN``; a form ending in "-en" / "-ern" / "-eln" whose
    third person ("punktet", "liefert") is a form of the verb it names is that verb
    ("punkten"). Without a verb reading the analysis stays: lower-case parts of names
    ("van", "del", "dos") and foreign words keep ``NE``, a misspelt noun stays a noun.
    """
    table = form_table()
    plural = table.get(word + "en")
    if plural is not None and plural[0] in ("VVFIN", "VVPP") and plural[1] and plural[1] != word + "en":
        return plural[1], "VVFIN"
    stem = word[:-2] if word.endswith("en") else word[:-1] if word.endswith(("ern", "eln")) else ""
    for third in ((stem + "t", stem + "et") if stem else ()):
        found = table.get(third)
        if found is not None and found[0] == "VVFIN" and found[1] == word:
            return word, "VVFIN"
    return lemma, tag


def clear_caches() -> None:
    """Forget every per-form analysis computed at run time (the shipped table stays)."""
    _cached_analysis().cache_clear()
    _tag_decision.cache_clear()
    _lower_case_reading.cache_clear()
    _form_table().clear_memo()


def force_sentence_starts(doc: Doc, offsets: Iterable[int]) -> Doc:
    """Ask the sentencizers to start a sentence at the tokens beginning at these character offsets.

    Call it on ``nlp.make_doc(text)`` before the pipeline runs (headline and dateline units);
    an offset inside a token starts the sentence at the next token.
    """
    doc.user_data[FORCED_STARTS] = sorted(set(doc.user_data.get(FORCED_STARTS, ())) | set(offsets))
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built from arrays and kept in ``doc.user_data``.

    spaCy's ``Doc.text`` joins the tokens by creating a ``Token`` object for each one, on
    every call (about 1 µs a token); here each distinct form is looked up once.
    """
    found = doc.user_data.get(DOC_TEXT)
    if found is not None:
        return found
    if not len(doc):
        text = ""
    else:
        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, SPACY])
        forms, form_of = np.unique(arr[:, 0], return_inverse=True)
        pieces = [p for h in forms.tolist() for t in [strings[h]] for p in (t, t + " ")]
        index = (form_of.reshape(-1) * 2 + (arr[:, 1] != 0)).tolist()
        text = "".join(itemgetter(*index)(pieces)) if len(index) > 1 else pieces[index[0]]
    doc.user_data[DOC_TEXT] = text
    return text


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` that remembers its text (:func:`doc_text` then costs nothing)."""
    doc = nlp.make_doc(text)
    doc.user_data[DOC_TEXT] = text
    return doc


def _sent_starts(doc: Doc) -> np.ndarray:
    return doc.to_array([SENT_START]).astype(np.int64).reshape(-1)


def _set_sent_starts(doc: Doc, values: np.ndarray) -> None:
    doc.from_array([SENT_START], values.astype(np.uint64).reshape(-1, 1))


@Language.component("line_sentencizer")
def line_sentencizer(doc: Doc) -> Doc:
    """Start a new sentence after every line break (headlines have no full stop).

    Also starts sentences at the character offsets listed in ``doc.user_data[FORCED_STARTS]``
    (:func:`force_sentence_starts`). Works on the ``SENT_START`` array: only the tokens that
    hold a line break are looked at, so the cost is linear in the text.
    """
    n = len(doc)
    text = doc_text(doc)
    forced = doc.user_data.get(FORCED_STARTS, ())
    if n < 2 or ("\n" not in text and not forced):
        return doc
    idx = doc.to_array(IDX).tolist()
    values = _sent_starts(doc)
    changed = False
    holders: set[int] = set()
    p = text.find("\n")
    while p >= 0:
        holders.add(bisect.bisect_right(idx, p) - 1)
        p = text.find("\n", p + 1)
    for i in sorted(holders):
        if 0 <= i < n - 1:
            token = doc[i]
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                values[i + 1] = 1
                changed = True
    for offset in forced:
        i = bisect.bisect_left(idx, offset)
        if 0 < i < n:
            values[i] = 1
            changed = True
    if changed:
        _set_sent_starts(doc, values)
    return doc


@Language.component("unit_sentencizer")
def unit_sentencizer(doc: Doc) -> Doc:
    """Headlines, datelines and agency credits as units of their own (see
    :mod:`framing.language.units`); runs after the other sentencizers."""
    from framing.language.units import set_unit_boundaries

    return set_unit_boundaries(doc)


_ALWAYS_OPENING = ("„", "»", "‚", "›")
_MAYBE_OPENING = ('"', "“", "'")
_QUOTE_MARK = re.compile("[" + re.escape("".join(_ALWAYS_OPENING + _MAYBE_OPENING)) + "]")


@Language.component("opening_quote_sentencizer")
def opening_quote_sentencizer(doc: Doc) -> Doc:
    """Move a sentence start back onto an opening quotation mark.

    spaCy's sentencizer keeps punctuation after a full stop in the old sentence, which is
    right for closing marks ('… kam.“') and wrong for opening ones ('kam. „Nein.“').
    A straight or English mark counts as opening when space precedes it and none follows.
    Quote marks are found by position in the text; sentence starts change on the array.
    """
    text = doc_text(doc)
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    if not marks:
        return doc
    starts = doc.to_array(IDX).tolist()
    values = _sent_starts(doc)
    changed = False
    for k in marks:
        i = bisect.bisect_left(starts, k)
        if i <= 0 or i >= len(doc) - 1 or starts[i] != k:
            continue
        token = doc[i]
        if token.text not in _ALWAYS_OPENING and not (
            token.text in _MAYBE_OPENING and not token.whitespace_ and doc[i - 1].whitespace_
        ):
            continue
        if values[i + 1] == 1 and values[i] != 1:
            values[i] = 1
            values[i + 1] = -1
            changed = True
    if changed:
        _set_sent_starts(doc, values)
    return doc


@cache
def _lemma_lookup():
    """spaCy's German lookup table (``spacy-lookups-data``), the one its ``lemmatizer`` in
    lookup mode reads; None when the package is missing."""
    from spacy.lookups import load_lookups

    try:
        return load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, KeyError, OSError):
        return None


@lru_cache(maxsize=200_000)
def _tag_decision(form: str, lower: str) -> tuple[str, str]:
    """(STTS tag, lemma) of one word form.

    The lemma is HanTa's for open-class words, the form itself (lowercased) for pronouns,
    else spaCy's lookup lemma (the form itself when the lookup table lacks it).
    """
    if not form.strip():
        return "_SP", _lookup_lemma(form)
    lemma, tag = analyse_word(form)
    if tag.startswith(_OPEN_CLASS) and lemma:
        return tag, lemma
    if tag in _FORM_AS_LEMMA:
        return tag, lower
    return tag, _lookup_lemma(form)


def _lookup_lemma(form: str) -> str:
    table = _lemma_lookup()
    if table is None:
        return form.lower()
    found = table.get(form, form)
    return found[0] if isinstance(found, list) else found


@Language.component("hanta_tagger")
def hanta_tagger(doc: Doc) -> Doc:
    """Set ``token.tag_`` (STTS) and ``token.lemma_``: HanTa's lemma for open-class words,
    spaCy's lookup lemma for the rest (what its ``lemmatizer`` in lookup mode sets).

    Works on whole arrays (``Doc.to_array``/``from_array``) and decides once per word
    form, so its cost hardly grows with the number of tokens and no ``Token`` is created.
    """
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    orths, inverse = np.unique(doc.to_array(ORTH), return_inverse=True)
    tag_of = np.empty(len(orths), dtype=np.uint64)
    lemma_of = np.empty(len(orths), dtype=np.uint64)
    forms = [strings[orth] for orth in orths.tolist()]
    _form_table().prefetch(forms)  # the forms looked up in the table together
    for k, form in enumerate(forms):
        tag, lemma = _tag_decision(form, form.lower())
        tag_of[k] = strings.add(tag)
        lemma_of[k] = strings.add(lemma)
    out = np.stack([tag_of[inverse.reshape(-1)], lemma_of[inverse.reshape(-1)]], axis=1)
    doc.from_array([TAG, LEMMA], out)
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
    nlp.initialize()
    nlp.add_pipe("hanta_tagger")  # tags, HanTa lemmas and spaCy's lookup lemmas, per form
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
