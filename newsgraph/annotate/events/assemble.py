"""Event records from coded candidates: source, date, place, materiel, mode, context,
confidence and evidence; and one record for an event the article tells twice.

Actors, recipients, the place and the reporting source are entity ids when the entity
layer linked the mention (their canonical names are in ``doc._.entities``), else the
surface text; ``attrs`` keeps the surface forms either way.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from spacy.tokens import Span as SpacySpan

from newsgraph.annotate.events import dating, triggers
from newsgraph.annotate.events.arguments import Discourse
from newsgraph.annotate.events.coder import Candidate, SentenceCoder, finish, inert
from newsgraph.annotate.events.codes import contextual_codes
from newsgraph.annotate.events.phrases import np_start, phrases_right
from newsgraph.annotate.events.tokens import DocView, Mention
from newsgraph.annotate.records import sentence_index
from newsgraph.annotate.zones import content_sentences, trimmed_sentences
from newsgraph.model import Event, stable_id
from newsgraph.ontology import SYMMETRIC_TYPES, Ontology, auxiliary_mode


def _keys(mentions: list[Mention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if m.key not in out:
            out.append(m.key)
    return out


def sentence_starts(view: DocView) -> list[int]:
    """Start offsets of the sentences as ``annotate.records`` numbers them."""
    return [start for start, _ in trimmed_sentences(view.doc)]


class SentenceSource:
    """Who the sentence says reported it: "secondo l'agenzia IRNA", "ha detto il Cremlino"."""

    def __init__(self, coder: SentenceCoder) -> None:
        self.coder = coder
        self.mentions: list[Mention] = []
        self.text: str | None = None
        view = coder.view
        for i in range(coder.start, coder.end):
            if view.prep[i] == "source":
                for p in phrases_right(view, i + 1, min(coder.end, i + 12)):
                    if p.heads:
                        self.mentions = list(p.heads)
                        self.text = view.doc[np_start(view, p.start, p.start) : p.end].text
                        return
                return
        for clause in coder.clauses:
            if clause.kind == "reporting":
                subject = coder.subjects.get(clause.index)
                if subject is not None and subject.mentions:
                    self.mentions = list(subject.mentions)
                    self.text = view.doc[subject.start : subject.end].text
                    return

    def for_candidate(self, c: Candidate) -> tuple[list[Mention], str | None]:
        coder = self.coder
        view = coder.view
        clause = c.clause
        while clause.kind == "complement" and clause.parent is not None:
            parent = coder.clauses[clause.parent]
            if any(
                view.has_lemma(j, view.lex.reporting_verbs) for j in range(parent.start, parent.end)
            ):
                subject = coder.subjects.get(parent.index)
                if subject is not None and subject.mentions:
                    return list(subject.mentions), view.doc[subject.start : subject.end].text
            clause = parent
        return self.mentions, self.text


def _location(view: DocView, c: Candidate, taken: set[str]) -> Mention | None:
    locative = view.lex.words.get("locative_preps", ())
    best: tuple[int, Mention] | None = None
    for p in phrases_right(view, c.clause.start, c.clause.end):
        if p.prep not in locative or not p.heads:
            continue
        m = p.heads[0]
        if m.label not in {"LOCATION", "COUNTRY"} or m.key in taken:
            continue
        distance = abs(p.start - c.head)
        if best is None or distance < best[0]:
            best = (distance, m)
    return best[1] if best else None


def _materiel(view: DocView, c: Candidate) -> list[str]:
    out: list[str] = []
    nouns = view.lex.words.get("materiel_nouns")
    i = c.end
    while i < c.clause.end:
        idx = view.mention_at[i]
        if idx >= 0 and view.mentions[idx].label == "MATERIEL":
            m = view.mentions[idx]
            out.append(m.text)
            i = m.end
            continue
        if nouns is not None and idx < 0 and view.norm[i] in nouns:
            j = i + 1
            while (
                j < c.clause.end
                and view.is_np_word(j)
                and view.prep[j] is None
                and not view.punct[j]
                and view.mention_at[j] < 0
            ):
                j += 1
            out.append(view.doc[i:j].text)
            i = j
            continue
        i += 1
    return list(dict.fromkeys(out))


def _mode(view: DocView, c: Candidate) -> str | None:
    if c.trigger.mode and c.type == c.trigger.type:
        return c.trigger.mode
    clause = view.norm[c.clause.start : c.clause.end]
    for mode, words in view.lex.modes.get(c.type, {}).items():
        if words.meets(clause):
            return mode
    return None


def signalled_contexts(view: DocView, start: int, end: int) -> list[str]:
    """The contexts a word of tokens ``[start, end)`` signals, in the lexicon's order:
    read once per sentence rather than once per event of the sentence."""
    words = view.norm[start:end]
    return [context for context, cues in view.lex.contexts.items() if cues.meets(words)]


def _contexts(c: Candidate, signalled: list[str]) -> list[str]:
    """The trigger's own contexts, then those its sentence signals."""
    found = list(c.trigger.context)
    return found + [context for context in signalled if context not in found]


def _confidence(c: Candidate) -> float:
    score = 0.9 if c.verbal else 0.75
    if c.how.get("actor", "").endswith(
        ("inherited", "pronoun", "both", "possessive", "modifier", "located")
    ):
        score *= 0.85
    if c.how.get("recipient") == "fallback":
        score *= 0.8
    if not c.recipients and not c.reciprocal:
        score *= 0.9
    if not c.actors:
        score *= 0.8
    return round(score, 2)


class DocumentCoder:
    def __init__(self, view: DocView, ontology: Ontology) -> None:
        self.view = view
        self.ontology = ontology
        self.article = view.doc._.article
        self.article_id = self.article.id if self.article is not None else ""
        self.published = self.article.published if self.article is not None else None

    @cached_property
    def timexes(self) -> list[SpacySpan]:
        """The document's dated expressions, read when its first event is dated (most
        documents have none)."""
        return dating.timexes(self.view.doc)

    def events(self) -> list[Event]:
        view = self.view
        starts = sentence_starts(view)
        discourse = Discourse()
        events: list[Event] = []
        body_seen = 0
        for sent, zone in content_sentences(view.doc):
            lead = zone == "title" or (zone == "body" and body_seen == 0)
            body_seen += zone == "body"
            matches = triggers.find(view, sent.start, sent.end)
            if inert(view, sent.start, sent.end, matches):
                continue
            coder = SentenceCoder(view, sent.start, sent.end, discourse)
            kept = finish(coder, coder.candidates(matches), self.ontology)
            if not kept:
                continue
            source = SentenceSource(coder)
            index = sentence_index(starts, sent.start_char)
            contexts = signalled_contexts(view, sent.start, sent.end)
            for c in kept:
                events.append(self._event(c, coder, source, index, zone, lead, contexts))
        return merge(events)

    def _event(
        self,
        c: Candidate,
        coder: SentenceCoder,
        source: SentenceSource,
        index: int,
        zone: str,
        lead: bool,
        signalled: list[str],
    ) -> Event:
        view, ontology = self.view, self.ontology
        start, end = view.char_span(c.start, c.end)
        participants = {m.key for m in c.actors + c.recipients}
        place = _location(view, c, participants)
        dated = dating.from_clause(
            self.timexes, c.clause.start, c.clause.end, c.head
        ) or dating.from_publication(self.published, c.reading.modality, lead)
        reporters, reporter_text = source.for_candidate(c)
        if reporters and all(m.key in {a.key for a in c.actors} for m in reporters):
            reporters, reporter_text = [], None  # the actor announcing its own act
        mode = _mode(view, c)
        contexts = _contexts(c, signalled)
        clause_start, clause_end = view.char_span(c.clause.start, c.clause.end)
        historical = bool(dated.value and self.published and dated.value[:4] < self.published[:4])
        attrs: dict[str, object] = {
            "actor_text": [m.text for m in c.actors],
            "recipient_text": [m.text for m in c.recipients],
            "reciprocal": c.reciprocal,
            "salience": c.salience,
            "arguments": dict(c.how),
            "clause": [clause_start, clause_end],
            "zone": zone,
            "contexts": contexts,
            "quad_class": ontology.event_type(c.type).quad_class,
            "score": ontology.score(c.type, mode),
            "cameo": ontology.cameo_code(c.type, mode, tuple(contexts)),
            "auxiliary_mode": auxiliary_mode(c.reading.modality, historical),
        }
        if c.reading.cue:
            attrs["modality_cue"] = c.reading.cue
        if c.type != c.trigger.type:
            attrs["stated_type"] = c.trigger.type
        if c.content_type:
            attrs["content_type"] = c.content_type
        if place is not None:
            attrs["location_text"] = place.text
        if dated.start is not None:
            attrs["date_text"] = view.doc._.text[dated.start : dated.end]
            attrs["date_span"] = [dated.start, dated.end]
        if reporter_text:
            attrs["reported_by_text"] = reporter_text
        codes = contextual_codes(view, c.actors + c.recipients, coder.start, coder.end)
        if codes:
            attrs["participant_codes"] = codes
        return Event(
            id=stable_id(self.article_id, "event", start, end, c.type),
            article_id=self.article_id,
            sentence=index,
            start=start,
            end=end,
            type=c.type,
            trigger=view.doc._.text[start:end],
            mode=mode,
            context=contexts[0] if contexts else None,
            actors=_keys(c.actors),
            recipients=_keys(c.recipients),
            materiel=_materiel(view, c),
            location=place.place_key if place is not None else None,
            date=dated.value,
            date_granularity=dated.granularity,
            date_method=dated.method,
            modality=c.reading.modality,
            reported_by=(_keys(reporters)[0] if reporters else reporter_text),
            rule=c.rule,
            confidence=_confidence(c),
            attrs=attrs,
        )


def _day_range(value: str) -> tuple[date, date] | None:
    """First and last day a date value covers (day, ISO week, month or year)."""
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return d, d
        if "-W" in value:
            year, week = value.split("-W")
            monday = date.fromisocalendar(int(year), int(week[:2]), 1)
            return monday, date.fromisocalendar(int(year), int(week[:2]), 7)
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Unknown, or one period inside the other ("2024" and "2024-10-11", a week and
    one of its days)."""
    if not a or not b:
        return True
    ra, rb = _day_range(a), _day_range(b)
    if ra is None or rb is None:
        return a == b
    return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])


def _finer(a: str | None, b: str | None) -> bool:
    """Is date ``b`` more precise than ``a``?"""
    ra, rb = (_day_range(a) if a else None), (_day_range(b) if b else None)
    if rb is None:
        return False
    return ra is None or (rb[1] - rb[0]) < (ra[1] - ra[0])


def _same_told_event(a: Event, b: Event) -> bool:
    """One event told twice: same type and modality, the participants of one telling
    among those of the other, no conflicting date or place."""
    if a.type != b.type or a.modality != b.modality:
        return False
    pa, pb = set(a.actors) | set(a.recipients), set(b.actors) | set(b.recipients)
    if not pa or not pb or not (pa <= pb or pb <= pa):
        return False
    symmetric = a.type in SYMMETRIC_TYPES or a.attrs.get("reciprocal") or b.attrs.get("reciprocal")
    if not symmetric and not (
        _nested(set(a.actors), set(b.actors)) and _nested(set(a.recipients), set(b.recipients))
    ):
        return False  # "Israel struck Hamas" and "Hamas struck Israel" are two events
    if a.location and b.location and a.location != b.location:
        return False
    return compatible_dates(a.date, b.date)


def _nested(a: set[str], b: set[str]) -> bool:
    return not a or not b or a <= b or b <= a


def merge(events: list[Event]) -> list[Event]:
    """Keep one record for an event told again later in the article; the retelling is
    kept as a further mention of it and lends what the first telling lacked (a more
    precise date, a place, the fuller list of participants)."""
    out: list[Event] = []
    for e in events:
        twin = next((o for o in out if _same_told_event(o, e)), None)
        if twin is None:
            out.append(e)
            continue
        twin.attrs.setdefault("mentions", []).append(
            {
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "trigger": e.trigger,
                "rule": e.rule,
            }
        )
        if _finer(twin.date, e.date):
            twin.date, twin.date_granularity, twin.date_method = (
                e.date,
                e.date_granularity,
                e.date_method,
            )
            twin.attrs["date_lent_by"] = e.sentence
        if twin.location is None and e.location is not None:
            twin.location = e.location
        if len(set(e.actors) | set(e.recipients)) > len(set(twin.actors) | set(twin.recipients)):
            twin.actors, twin.recipients = list(e.actors), list(e.recipients)
            twin.attrs["reciprocal"] = e.attrs.get("reciprocal", False)
            codes = {
                **e.attrs.get("participant_codes", {}),
                **twin.attrs.get("participant_codes", {}),
            }
            if codes:
                twin.attrs["participant_codes"] = codes
        twin.confidence = max(twin.confidence, e.confidence)
    _share_lent_dates(out)
    return out


def _share_lent_dates(events: list[Event]) -> None:
    """Events dated by one expression keep one date. "Ospiterà questa settimana … per la
    firma di un trattato": when a retelling narrows the visit to Friday, the signing, dated
    by the same "questa settimana", is narrowed with it."""
    lent: dict[tuple[int, int], Event] = {}
    for e in events:
        span = e.attrs.get("date_span")
        if span and "date_lent_by" in e.attrs:
            lent[(span[0], span[1])] = e
    for e in events:
        span = e.attrs.get("date_span")
        source = lent.get((span[0], span[1])) if span else None
        if source is not None and source is not e and _finer(e.date, source.date):
            e.date, e.date_granularity, e.date_method = (
                source.date,
                source.date_granularity,
                source.date_method,
            )
            e.attrs["date_lent_by"] = source.attrs["date_lent_by"]
