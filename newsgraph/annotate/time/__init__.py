"""Temporal expressions and the publication date: the ``newsgraph_time`` component.

For each content sentence (title, body, subheading, caption) it finds the temporal
expressions (:mod:`.grammar`, rules that are data), reads the tense around each
(:mod:`.tense`) and resolves them (:mod:`.resolve`) against the publication date. When
the metadata gave no publication date, the explicit dates of the article are weighed
first (:mod:`.published`) and the estimate is written to ``doc._.article`` (with its
method and confidence, so the store keeps it with the article) before anything relative
is resolved.

Output: ``doc.spans["timex"]``, one span per expression labelled with its kind (date,
duration, set, anchored); ``span._.attrs`` holds value, granularity, kind, method,
resolved, and where they apply tense, direction, mod, anchor and anchor_id, weekday_agrees
and zone; ``span._.rule`` the rule id, ``span._.confidence`` the confidence.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph import lexicon
from newsgraph.annotate.time import published as pubdate
from newsgraph.annotate.time.grammar import alternation, key, lower
from newsgraph.annotate.time.periods import DAY
from newsgraph.annotate.time.resolve import ABSOLUTE
from newsgraph.annotate.time.tagger import Candidate, Tagger, Timex
from newsgraph.annotate.time.tagger import load as load_tagger
from newsgraph.annotate.time.tense import FUTURE
from newsgraph.annotate.zones import content_sentences, sentences, zone_at
from newsgraph.model import Article

TIMEX_KEY = "timex"
#: A date on one of the first lines of the article (outside these zones) is a dateline.
HEAD_LINES = 5
DATELINE_MAX_CHARS = 100
NOT_DATELINE_ZONES = frozenset(
    {"title", "caption", "related", "newsletter", "share", "cookie", "section_label"}
)

__all__ = ["TIMEX_KEY", "Tagger", "TimeAnnotator", "Timex", "published_date"]


def published_date(article: Article | None) -> tuple[date | None, float]:
    """The article's publication day (from an ISO date or date-time) and its confidence."""
    if article is None or not article.published:
        return None, 1.0
    try:
        day = date.fromisoformat(str(article.published)[:10])
    except ValueError:
        return None, 1.0
    confidence = article.published_confidence
    return day, float(confidence) if confidence is not None else 1.0


class TimeAnnotator:
    def __init__(self, lang: str, today: date | None = None) -> None:
        self.tagger = load_tagger(lang)
        cues = [key(str(c)) for c in lexicon.load(lang, "time").get("published_cues") or ()]
        self.published_cue = (
            re.compile(r"(?<!\w)" + alternation(cues) + r"(?!\w)") if cues else None
        )
        self.today = today

    def __call__(self, doc: Doc) -> Doc:
        article: Article | None = doc._.article
        text = doc._.text  # a span's own ``text`` joins its tokens anew on each call
        parsed = [
            (sent, zone, self.tagger.parse(text[sent.start_char : sent.end_char]))
            for sent, zone in content_sentences(doc)
        ]
        published, confidence = published_date(article)
        if article is not None and not article.published:
            found = self.estimate(doc, parsed)
            if found is not None:
                article.published = found.day.isoformat()
                article.published_method = found.method
                article.published_confidence = found.confidence
                published, confidence = found.day, found.confidence
        spans = []
        for sent, zone, candidates in parsed:
            for cand in candidates:
                timex = self.tagger.resolve(cand, published, confidence)
                if timex is not None:
                    span = self._span(doc, sent, zone, timex)
                    if span is not None:
                        spans.append(span)
        doc.spans[TIMEX_KEY] = spans
        return doc

    @staticmethod
    def _span(doc: Doc, sent: SpacySpan, zone: str, timex: Timex) -> SpacySpan | None:
        base = sent.start_char
        span = doc.char_span(
            base + timex.start, base + timex.end, label=timex.kind, alignment_mode="expand"
        )
        if span is None:
            return None
        attrs = timex.as_attrs()
        if zone != "body":
            attrs["zone"] = zone
        ext = span._  # each ``span._`` builds an accessor object: one for the three values
        ext.attrs = attrs
        ext.rule = timex.rule
        ext.confidence = timex.confidence
        return span

    # -- the publication date ----------------------------------------------------------

    def estimate(
        self, doc: Doc, parsed: list[tuple[SpacySpan, str, list[Candidate]]]
    ) -> pubdate.Estimate | None:
        head_end = _head_end(doc._.text)
        clues: list[pubdate.DateClue] = []
        weekdays: set[int] = set()
        content_starts = {sent.start_char for sent, _, _ in parsed}
        # Datelines may sit in zones annotators skip (a byline, a date line).
        extra = [
            (sent, zone, self.tagger.parse(sent.text))
            for sent in sentences(doc)
            if sent.start_char not in content_starts
            and (zone := zone_at(doc, sent.start_char)) not in NOT_DATELINE_ZONES
            and (sent.start_char < head_end or self._has_cue(sent.text))
        ]
        for sent, zone, candidates in [*parsed, *extra]:
            for cand in candidates:
                slots = cand.found.slots
                if cand.found.rule.type == "weekday" and slots.get("shift") is None:
                    if cand.tense != FUTURE and slots.get("weekday") is not None:
                        weekdays.add(int(slots["weekday"]))
                    continue
                timex = self.tagger.resolve(cand, None)
                if timex is None or timex.method != ABSOLUTE or timex.granularity != DAY:
                    continue
                clues.append(
                    pubdate.DateClue(
                        date.fromisoformat(timex.value),
                        zone,
                        cand.tense,
                        timex.attrs.get("weekday_agrees"),
                        self._dateline(doc, sent, zone, cand, head_end),
                    )
                )
        today = self.today or date.today()
        return pubdate.estimate(clues, weekdays, today)

    def _has_cue(self, text: str) -> bool:
        return self.published_cue is not None and self.published_cue.search(lower(text)) is not None

    def _dateline(
        self, doc: Doc, sent: SpacySpan, zone: str, cand: Candidate, head_end: int
    ) -> bool:
        """A short line at the head of the article that is no clause ("Roma, 13 gennaio
        2025"; not "Nacque a Tulsa il 26 luglio 1922."), or a date after a "published"
        cue."""
        start = sent.start_char + cand.found.start
        line_start = doc._.text.rfind("\n", 0, start) + 1
        if self._has_cue(doc._.text[line_start:start]):
            return True
        if zone in NOT_DATELINE_ZONES or start >= head_end or cand.tense is not None:
            return False
        line_end = doc._.text.find("\n", start)
        line = doc._.text[line_start : line_end if line_end >= 0 else len(doc._.text)]
        return len(line.strip()) <= DATELINE_MAX_CHARS


def _head_end(text: str) -> int:
    """Where the first :data:`HEAD_LINES` non-empty lines of ``text`` end."""
    for seen, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), start=1):
        if seen == HEAD_LINES:
            return m.end()
    return len(text)


@Language.factory("newsgraph_time", default_config={"today": None})
def make_time_annotator(nlp: Language, name: str, today: str | None) -> TimeAnnotator:
    """``today`` (ISO date) is the run date no estimate may pass; None means the clock's."""
    return TimeAnnotator(str(nlp.lang), date.fromisoformat(today) if today else None)
