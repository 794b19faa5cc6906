"""Language identification per article and per paragraph, with lingua.

The detector is built for a configured set of languages only: lingua loads a model per
language on first use, and loading every language it knows costs over a gigabyte.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from newsgraph.clean.layout import CONTENT_KINDS
from newsgraph.model import Span

#: Paragraphs shorter than this carry too little signal to overrule the article's language.
MIN_PARAGRAPH_CHARS = 40
#: Detection reads this many characters of a text: its cost grows with the length read,
#: and on 2,000 dice and all wikinews articles (16,653 paragraphs and whole articles) a
#: longer sample changed neither a decision nor a confidence rounded to three places.
SAMPLE_CHARS = 1000


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


def detect(text: str, codes: tuple[str, ...]) -> tuple[str | None, float]:
    """The most likely language of ``text`` among ``codes`` and its confidence (0..1)."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return None, 0.0
    values = detector(codes).compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


def detect_article(
    text: str, spans: Iterable[Span], codes: tuple[str, ...]
) -> tuple[str | None, float]:
    """Detect the article's language from its content zones and mark each long paragraph.

    Each content span with enough text gets ``attrs["language"]``; the article's language
    comes from the content text as a whole, so boilerplate in another language does not
    sway it.
    """
    content = []
    # Detection is among the costliest stages of the pipeline: a sample seen twice (an
    # article of one paragraph is its own whole, a long first paragraph starts it) is
    # detected once.
    seen: dict[str, tuple[str | None, float]] = {}

    def detect_once(passage: str) -> tuple[str | None, float]:
        sample = passage[:SAMPLE_CHARS]
        return seen.get(sample) or seen.setdefault(sample, detect(sample, codes))

    for span in spans:
        if span.kind not in CONTENT_KINDS:
            continue
        content.append(span.text)
        if len(span.text) >= MIN_PARAGRAPH_CHARS:
            lang, conf = detect_once(span.text)
            if lang:
                span.attrs["language"] = lang
                span.attrs["language_confidence"] = round(conf, 3)
    whole = "\n".join(content) or text
    return detect_once(whole)
