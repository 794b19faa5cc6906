"""Language identification per article and per paragraph, with lingua.

The detector is built for a configured set of languages only: lingua loads a model per
language on first use, and loading every language it knows costs over a gigabyte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from newsgraph import lexicon
from newsgraph.clean.layout import CONTENT_KINDS
from newsgraph.model import Span

#: Paragraphs shorter than this carry too little signal to overrule the article's language.
MIN_PARAGRAPH_CHARS = 40
#: Detection reads this many characters of a text: its cost grows with the length read,
#: and on 2,000 dice and all wikinews articles (16,653 paragraphs and whole articles) a
#: longer sample changed neither a decision nor a confidence rounded to three places.
SAMPLE_CHARS = 1000
#: The confidence at which lingua alone may mark a paragraph with another language than
#: its article's, when the paragraph's function words do not tell (:func:`_settle`).
SWITCH_CONFIDENCE = 0.9
_WORD = re.compile(r"[^\W\d_]+")


class UnknownLanguageCode(ValueError):
    pass


def _language(code: str) -> Language:
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
    except AttributeError as exc:
        raise UnknownLanguageCode(f"unknown ISO 639-1 language code: {code!r}") from exc


def _builder(codes: tuple[str, ...]) -> LanguageDetectorBuilder:
    languages = [_language(c) for c in codes]
    if len(languages) == 1:
        # lingua needs two candidates; a lone language is then never contested.
        languages *= 2
    return LanguageDetectorBuilder.from_languages(*languages)


@lru_cache(maxsize=8)
def detector(codes: tuple[str, ...]) -> LanguageDetector:
    return _builder(codes).build()


def preload(codes: tuple[str, ...]) -> None:
    """Load the n-gram models of ``codes`` now rather than when a text first needs them.

    lingua decides many texts from their letters alone and loads its models (about 150 MB
    for six languages) only for the first text it cannot: in a long run that happened
    thousands of articles in, inside one article's time, and made memory look as if it
    grew with the corpus. The models are shared by every detector of the process, so the
    detector built here only loads them and is dropped."""
    _builder(codes).with_preloaded_language_models().build()


#: Confidence values of a text: each candidate language's code and its value, best first.
Values = list[tuple[str, float]]


def confidences(text: str, codes: tuple[str, ...]) -> Values:
    """How likely each of ``codes`` is for ``text`` (values sum to 1; empty when lingua
    finds no letters of any)."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return []
    values = detector(codes).compute_language_confidence_values(sample)
    return [(v.language.iso_code_639_1.name.lower(), float(v.value)) for v in values]


def _best(values: Values) -> tuple[str | None, float]:
    if not values or values[0][1] <= 0:
        return None, 0.0
    return values[0]


def _function_words(text: str, lang: str) -> int:
    stops = lexicon.stop_words(lang)
    return sum(m.group().lower() in stops for m in _WORD.finditer(text))


def _settle(text: str, values: Values, prior: str | None) -> tuple[str | None, float]:
    """A paragraph's language, given its article's (``prior``). lingua reads a few dozen
    characters by their letters, so a paragraph of foreign names ("Jürgen Klöppner vince
    il Gran Premio di Svizzera") often comes out in the names' language; its function
    words do not lie. Another language than the article's is kept when the paragraph
    holds more of that language's function words, or as many and lingua is sure of it;
    otherwise the paragraph is in the article's language, with the confidence lingua gave
    that. (On the 1,419 Wikinews articles this kept 33 of the 100 paragraphs lingua put in
    another language: quotations, captions and headlines in English or French, lists of
    English titles. It put back 67, all Italian sentences or lists of names, scores and
    titles in an Italian article.)"""
    lang, conf = _best(values)
    if lang is None or prior is None or lang == prior:
        return lang, conf
    theirs, ours = _function_words(text, lang), _function_words(text, prior)
    if theirs > ours or (theirs == ours and conf >= SWITCH_CONFIDENCE):
        return lang, conf
    return prior, dict(values).get(prior, 0.0)


def detect(text: str, codes: tuple[str, ...]) -> tuple[str | None, float]:
    """The most likely language of ``text`` among ``codes`` and its confidence (0..1)."""
    return _best(confidences(text, codes))


def detect_article(
    text: str, spans: Iterable[Span], codes: tuple[str, ...], declared: str | None = None
) -> tuple[str | None, float]:
    """Detect the article's language from its content zones and mark each long paragraph.

    Each content span with enough text gets ``attrs["language"]``; the article's language
    comes from the content text as a whole, so boilerplate in another language does not
    sway it. A paragraph's language is weighed against the article's (``declared`` by its
    source, else the one detected): :func:`_settle`.
    """
    content = []
    # Detection is among the costliest stages of the pipeline: a sample seen twice (an
    # article of one paragraph is its own whole, a long first paragraph starts it) is
    # detected once.
    seen: dict[str, Values] = {}

    def values_once(passage: str) -> Values:
        sample = passage[:SAMPLE_CHARS]
        found = seen.get(sample)
        return found if found is not None else seen.setdefault(sample, confidences(sample, codes))

    paragraphs = []
    for span in spans:
        if span.kind not in CONTENT_KINDS:
            continue
        content.append(span.text)
        if len(span.text) >= MIN_PARAGRAPH_CHARS:
            paragraphs.append((span, values_once(span.text)))
    article = _best(values_once("\n".join(content) or text))
    prior = declared or article[0]
    for span, values in paragraphs:
        lang, conf = _settle(span.text[:SAMPLE_CHARS], values, prior)
        if lang is None:
            continue
        span.attrs["language"] = lang
        span.attrs["language_confidence"] = round(conf, 3)
    return article
