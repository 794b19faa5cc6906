"""The event coder: triggers → PLOVER events with arguments, modality, date and evidence.

For each content sentence (title, body, subheading, caption) the coder

1. splits the sentence into clauses and finds the triggers;
2. assigns arguments per trigger: a verb's subject and objects by its frame, with passive
   voice ("sanzionati dagli Stati Uniti": the agent acts, the subject undergoes),
   inverse verbs ("ha ricevuto … dalla Russia") and reciprocal use ("X e Y si sono
   incontrati", "colloqui tra X e Y": all participants are actors, as PLOVER codes
   reciprocal events); a noun's arguments from its own phrase ("fornitura da parte di
   Teheran", "offensiva israeliana", "invasion of South Lebanon") or from the light verb
   that governs it ("hanno espresso condanna nei confronti d'Israele");
3. links acts reported inside other acts: "X ha accusato Y di aver fornito Z a W" gives
   ACCUSE X→Y and AID Y→W (alleged); "threatened to break relations with Russia" gives
   one THREATEN whose recipient comes from the embedded act; a reported demand with "must"
   ("declared that China must drop barriers") is a REQUEST;
4. reads modality, the reporting source, date, place, materiel, mode and context;
5. drops what PLOVER would not code (an AID without recipient, a noun with no actor) and
   merges the same event told twice in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.annotate.events import counterparts, modality, triggers
from newsgraph.annotate.events.arguments import (
    Discourse,
    Subject,
    antecedent,
    inherited_subject,
    subject_left,
    verb_group_start,
)
from newsgraph.annotate.events.clauses import Clause, clause_at, segment
from newsgraph.annotate.events.lexicon import EventLexicon, Frame, Trigger
from newsgraph.annotate.events.phrases import (
    Phrase,
    np_start,
    phrases_right,
    prep_before,
    reporter_at,
    starts_complement,
)
from newsgraph.annotate.events.tokens import DocView, Mention
from newsgraph.ontology import Ontology, future_type
from newsgraph.ontology import load as load_ontology


@dataclass
class Candidate:
    """An event being built from one trigger."""

    trigger: Trigger
    start: int
    end: int
    head: int
    clause: Clause
    verbal: bool
    type: str
    actors: list[Mention] = field(default_factory=list)
    recipients: list[Mention] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    group: tuple[int, int] = (0, 0)  # the verb group that carries tense and negation
    reciprocal: bool = False
    passive: bool = False
    nominal_in_pp: bool = False
    salience: int = 1
    how: dict[str, str] = field(default_factory=dict)
    reading: modality.Reading = field(default_factory=modality.Reading)
    governed_modality: str | None = None
    dropped: bool = False
    content_type: str | None = None
    governor: int | None = None  # the light verb a noun trigger depends on
    rule: str = ""


def _lend_recipients(c: Candidate, cands: list[Candidate], how: str, same_type: bool) -> None:
    """Give ``c`` the recipients of an act in its clause that has no actor of its own,
    which then is no event by itself."""
    for o in cands:
        if (
            o is not c
            and not o.dropped
            and o.clause is c.clause
            and not o.actors
            and o.recipients
            and (o.type == c.type or not same_type)
        ):
            c.recipients, c.how["recipient"] = list(o.recipients), how
            o.dropped = True
            return


def _marker_before(view: DocView, i: int) -> bool:
    """Is token ``i`` an infinitive introduced by a complement marker ("to allow")?"""
    return view.norm[i - 1] in view.lex.words.get("complement_markers", ())


class SentenceCoder:
    """Codes the events of one sentence; keeps clause subjects for the sentence."""

    def __init__(self, view: DocView, start: int, end: int, discourse: Discourse) -> None:
        self.view = view
        self.lex: EventLexicon = view.lex
        self.start = start
        self.end = end
        self.discourse = discourse
        self.clauses = segment(view, start, end)
        self.subjects: dict[int, Subject | None] = {}
        for clause in self.clauses:
            self.subjects[clause.index] = self._clause_subject(clause)
            subject = self.subjects[clause.index]
            if subject is not None and subject.via == "np":
                discourse.remember_subject(subject.mentions)

    # --- subjects ---------------------------------------------------------------------

    def _first_verb(self, clause: Clause) -> int | None:
        view = self.view
        for i in range(clause.start, clause.end):
            if view.is_verb_at(i):
                return i
        return None

    def _clause_subject(self, clause: Clause) -> Subject | None:
        view = self.view
        verb = self._first_verb(clause)
        if clause.kind == "resume" and clause.parent is not None and clause.opener is not None:
            parent = self.clauses[clause.parent]
            found = subject_left(view, clause.opener, parent.start, self.discourse)
            if found is not None:
                return found
        if verb is not None:
            if clause.kind == "reporting":
                return self._inverted_subject(clause, verb)
            found = subject_left(
                view, verb_group_start(view, verb, clause.start), clause.start, self.discourse
            )
            if found is not None:
                return found
        if clause.kind == "relative":
            return antecedent(view, clause, self.start)
        return inherited_subject(self.clauses, clause, self.subjects, self.lex.pro_drop)

    def _inverted_subject(self, clause: Clause, verb: int) -> Subject | None:
        """The subject after a reporting verb: "…, ha detto lunedì il Cremlino"."""
        for p in phrases_right(self.view, verb + 1, clause.end):
            if p.prep is None and p.heads:
                return Subject(p.heads, p.start, p.end, "np")
        found = subject_left(
            self.view, verb_group_start(self.view, verb, clause.start), clause.start, self.discourse
        )
        return found

    def subject_at(self, clause: Clause, pos: int) -> tuple[list[Mention], str]:
        found = subject_left(self.view, pos, clause.start, self.discourse)
        if found is None:
            if clause.kind == "relative":
                found = antecedent(self.view, clause, self.start)
            else:
                found = inherited_subject(self.clauses, clause, self.subjects, self.lex.pro_drop)
                if found is not None:
                    return found.mentions, "inherited"
        if found is None:
            return [], ""
        return found.mentions, found.via

    # --- candidates -------------------------------------------------------------------

    def candidates(self, matches: list[triggers.Match] | None = None) -> list[Candidate]:
        """The sentence's event candidates, from its trigger ``matches`` (found here when
        not given)."""
        out = []
        if matches is None:
            matches = triggers.find(self.view, self.start, self.end)
        for m in matches:
            clause = clause_at(self.clauses, m.head)
            verbal = m.kind == "verb" or (
                m.kind == "phrase" and bool(self.view.verb[m.head]) and not self.view.det[m.head]
            )
            cand = Candidate(
                m.trigger, m.start, m.end, m.head, clause, verbal, m.trigger.type, rule=m.trigger.id
            )
            if verbal:
                self._verbal(cand)
            else:
                self._nominal(cand)
            out.append(cand)
        self._counterparts(out)
        self._absorb_light_triggers(out)
        self._obligations(out)
        self._link_complements(out)
        self._ellipsis(out)
        self._reported_stance(out)
        self._complete_halves(out)
        self._negotiated(out)
        return out

    def _reported_stance(self, cands: list[Candidate]) -> None:
        """ "US authorities said that removing the sanctions on Burma is out of the
        question": a stance (reject, accuse, demand…) with no actor of its own in what
        someone said is the speaker's; the act it is about lends its recipient."""
        ontology = load_ontology()
        for c in cands:
            # a verb or a predicative phrase ("is out of the question"), not a noun
            stance = c.verbal or c.trigger.kind == "phrase"
            if c.dropped or c.actors or not stance or not c.clause.reported:
                continue
            if ontology.event_type(c.type).quad != "verbal_conflict" or c.clause.parent is None:
                continue
            speaker = self.subjects.get(c.clause.parent)
            if speaker is None or not speaker.mentions:
                continue
            c.actors, c.how["actor"] = list(speaker.mentions), "speaker"
            if not c.recipients:
                _lend_recipients(c, cands, "content", same_type=False)

    @staticmethod
    def _complete_halves(cands: list[Candidate]) -> None:
        """Two triggers of one act in a clause, one naming who acts and the other whom
        ("launched artillery, mortar and rocket fire against …") make one event."""
        for c in cands:
            if not c.dropped and c.actors and not c.recipients:
                _lend_recipients(c, cands, "other_trigger", same_type=True)

    @staticmethod
    def _negotiated(cands: list[Candidate]) -> None:
        """ "called off the strike after deliberations with the government": talks with
        no actor of their own, in the clause of a cooperative act without a recipient or
        in one hanging on it, are the actor's talks with the act's counterpart."""
        ontology = load_ontology()
        for c in cands:
            if c.dropped or not c.actors or c.recipients or c.reciprocal:
                continue
            if not ontology.event_type(c.type).quad.endswith("cooperation"):
                continue
            for o in cands:
                if (
                    o is not c
                    and not o.dropped
                    and o.trigger.setting
                    and not o.actors
                    and o.recipients
                    and (o.clause is c.clause or o.clause.parent == c.clause.index)
                ):
                    c.recipients, c.how["recipient"] = list(o.recipients), "negotiated"
                    o.actors, o.how["actor"] = list(c.actors), "negotiated"
                    break

    def _counterparts(self, cands: list[Candidate]) -> None:
        """ "ospiterà la sua controparte iraniana" → the Iranian president."""
        view = self.view
        for c in cands:
            for side, other in ((c.recipients, c.actors), (c.actors, c.recipients)):
                for n, m in enumerate(side):
                    if m.adjective and counterparts.in_counterpart_phrase(view, m, self.start):
                        person = counterparts.resolve(view, m, other)
                        if person is not None:
                            side[n] = person

    @staticmethod
    def _absorb_light_triggers(cands: list[Candidate]) -> None:
        """ "ha ordinato l'assassinio di un generale": a trigger verb that only governs an
        act noun (ordering, authorising it) yields to the act, whose actor it supplied."""
        for c in cands:
            if c.governor is None:
                continue
            for v in cands:
                if v.verbal and v.start <= c.governor < v.end:
                    v.dropped = True
                    c.salience = max(c.salience, v.salience)

    def _ellipsis(self, cands: list[Candidate]) -> None:
        """A coordinated clause that leaves its source unsaid takes it from the clause
        before: "spera di ottenere caccia dalla Russia, ma finora ha ricevuto solo pochi
        aerei" — received from Russia."""
        previous: Candidate | None = None
        for c in cands:
            if c.dropped:
                continue
            if (
                not c.actors
                and c.verbal
                and not c.passive
                and previous is not None
                and c.clause.kind in {"coord", "gerund"}
            ):
                if c.trigger.frame.inverse:
                    source = [
                        m
                        for m in previous.recipients + previous.actors
                        if m.key not in {r.key for r in c.recipients}
                    ]
                else:
                    source = list(previous.actors)
                if source:
                    c.actors, c.how["actor"] = (
                        source[:1] if c.trigger.frame.inverse else source,
                        "ellipsis",
                    )
            if c.actors or c.recipients:
                previous = c

    def _passive(self, cand: Candidate) -> bool:
        view = self.view
        if "pp" not in view.features(cand.head):
            return False
        gs = cand.group[0]
        roles = {
            self.lex.aux.get(lemma) for j in range(gs, cand.head) for lemma in view.verb[j] or {}
        }
        if any(view.norm[j] in self.lex.words.get("reflexive", ()) for j in range(gs, cand.head)):
            return False
        if "passive" in roles:
            return True
        if gs != cand.head:
            return False
        # A bare participle after a noun is passive when an agent follows ("i droni
        # forniti dall'Iran") without an object first, or when, after the clause's own
        # verb, a verb that takes an object has none ("will return equipment seized last
        # year from UN peacekeepers").
        first = cand.phrases[0].prep if cand.phrases else ""
        if first in self.lex.words.get("agent_preps", ()):
            # …unless an object comes first: in "Chile condemned the killings by Peru"
            # the agent is the object's.
            return not self._object_follows(cand)
        before = cand.start - 1
        return (
            before >= 0
            and view.is_np_word(before)
            and view.mention_at[before] < 0
            and not view.det[before]
            and "direct" in cand.trigger.frame.recipient
            and any(view.is_verb_at(j) for j in range(cand.clause.start, before))
            and not self._object_follows(cand)
        )

    def _object_follows(self, cand: Candidate) -> bool:
        """Does a noun phrase (an object) start right after the verb?"""
        view = self.view
        j = cand.end
        while j < cand.clause.end and (view.adverb[j] or view.space[j]):
            j += 1
        return j < cand.clause.end and (
            view.det[j] or view.mention_at[j] >= 0 or (view.is_np_word(j) and not view.punct[j])
        )

    def _verbal(self, cand: Candidate) -> None:
        view, frame = self.view, cand.trigger.frame
        clause = cand.clause
        gs = verb_group_start(view, cand.start, clause.start)
        cand.group = (gs, cand.end)
        cand.phrases = phrases_right(view, cand.end, clause.end)
        cand.passive = self._passive(cand)
        cand.salience = 3 if clause.kind in {"main", "coord", "resume"} else 2
        feats = view.features(cand.head)
        if gs == cand.head and "pp" in feats and ("past" not in feats or cand.passive):
            cand.salience = 2  # a bare participle: "a lunch hosted by …"
        if (gs == cand.head and "ger" in feats) or (
            "inf" in feats and gs > clause.start and _marker_before(view, gs)
        ):
            cand.salience = 2  # "…, calling for", "resigned to allow": a side act
        subject, via = self.subject_at(clause, gs)
        agents = self.lex.words.get("agent_preps", ())
        agent = next((p for p in cand.phrases if p.prep in agents and p.heads), None)
        if cand.passive and frame.passive_actor and agent is None:
            # "guerrillas have been demobilized": the subject is the one who retreats.
            cand.actors, cand.how["actor"] = subject, f"subject:{via}"
            return
        if cand.passive or frame.inverse:
            cand.actors = list(agent.heads) if agent else []
            cand.how["actor"] = "agent" if agent else ""
            if (frame.inverse and not cand.passive) or "direct" in frame.recipient:
                cand.recipients, cand.how["recipient"] = subject, f"subject:{via}"
            elif not cand.recipients:
                # A passive has no object: only a prepositional recipient can follow.
                self._recipient_from_phrases(cand, exclude=agent, direct=False)
            return
        cand.actors, cand.how["actor"] = subject, via
        if not subject and via == "overt":
            self._located_actor(cand, gs)
        if frame.purpose and not any(p.prep in frame.recipient for p in cand.phrases if p.heads):
            self._purpose_recipient(cand)
        if frame.object_actor:
            # "Trump ha ritirato gli Stati Uniti dall'accordo": the object withdraws.
            moved = next(
                (
                    p
                    for p in phrases_right(view, cand.head + 1, max(cand.end, cand.head + 1))
                    + cand.phrases[:1]
                    if p.prep is None and p.heads
                ),
                None,
            )
            if moved is not None:
                cand.actors, cand.how["actor"] = list(moved.heads), "object"
                cand.phrases = [p for p in cand.phrases if p is not moved]
        if not cand.recipients:
            self._recipient_from_phrases(cand, exclude=None)
        if frame.reciprocal and len(cand.actors) > 1 and not cand.recipients:
            cand.reciprocal = True

    def _located_actor(self, cand: Candidate, gs: int) -> None:
        """ "Hundreds of people blocked streets in Hong Kong": a subject that is a
        generic agent noun ("people", "prisoners", "demonstrators") and names no one
        acts for the place the clause puts it in, as event coding conventionally codes
        unnamed crowds by their country."""
        view, words = self.view, self.lex.words
        j = gs - 1
        while j >= cand.clause.start and view.space[j]:
            j -= 1
        if j < cand.clause.start or view.norm[j] not in words.get("agent_nouns", ()):
            return
        locative = words.get("locative_preps", ())
        for p in cand.phrases:
            if p.prep in locative and p.label in {"COUNTRY", "LOCATION"}:
                cand.actors, cand.how["actor"] = list(p.heads[:1]), "located"
                cand.phrases = [q for q in cand.phrases if q is not p]
                return

    def _recipient_from_phrases(
        self, cand: Candidate, exclude: Phrase | None, direct: bool = True
    ) -> None:
        frame = cand.trigger.frame
        words = self.lex.words
        locative = words.get("locative_preps", ())
        candidates = [
            p
            for p in cand.phrases
            if p is not exclude
            and p.heads
            and p.prep != "source"
            and not reporter_at(self.view, p.end)  # "…, killing 50, Thai sources said"
        ]
        modifiers = {id(p) for p in candidates if self._object_modifier(cand, p)}
        usable = [
            p
            for p in candidates
            if id(p) in modifiers
            or (
                (p.prep not in words.get("agent_preps", ()) or p.prep in frame.recipient)
                and not (p.label == "LOCATION" and p.prep in locative and not frame.place_recipient)
            )
        ]
        for p in usable:
            if id(p) in modifiers:
                cand.recipients, cand.how["recipient"] = list(p.heads), "object_modifier"
                return
            if (p.prep is None and direct and "direct" in frame.recipient) or (
                p.prep is not None and p.prep in frame.recipient
            ):
                cand.recipients = list(p.heads)
                cand.how["recipient"] = p.prep or "direct"
                return
        if frame.fallback and cand.verbal and direct:
            for p in usable:
                if p.prep not in locative and p.prep not in words.get("genitive_preps", ()):
                    cand.recipients = list(p.heads)
                    cand.how["recipient"] = "fallback"
                    return

    def _object_modifier(self, cand: Candidate, p: Phrase) -> bool:
        """Is ``p`` the modifier that names whom an object naming no one belongs to?

        In "protest against violations by the security forces", "an investigation into
        crimes committed by X" and "troops for a force in Liberia" the object after the
        recipient preposition is a common noun; the phrase modifying it (an agent, a
        place: the language's ``object_modifier_preps``) says who the act is aimed at.
        A direct object counts only after a verb, and only with an agent ("condemned the
        killings by X").
        """
        view, frame = self.view, cand.trigger.frame
        place = p.prep in self.lex.words.get("locative_preps", ())
        if (
            cand.passive
            or p.prep not in self.lex.words.get("object_modifier_preps", ())
            or (place and p.label != "COUNTRY")
        ):
            return False
        j = p.start - 1
        while j >= cand.end and (view.space[j] or view.det[j]):
            j -= 1
        j -= 1  # the modifier's own preposition
        nouns = 0
        while j >= cand.end:
            if view.space[j] or view.prep_part[j]:
                j -= 1
                continue
            if view.mention_at[j] >= 0 or view.conj[j]:
                return False
            if view.prep[j] is not None:
                return nouns > 0 and view.prep[j] in frame.recipient
            if view.is_np_word(j):
                nouns += not (view.det[j] or view.punct[j])
            elif "pp" not in view.features(j):
                return False
            j -= 1
        # "blocked streets in Hong Kong": a place after a direct object is the setting.
        return nouns > 0 and cand.verbal and not place and "direct" in frame.recipient

    def _governing_verb(self, cand: Candidate, lo: int) -> int | None:
        """The light verb right before a noun trigger ("hanno espresso condanna"), also
        across a list of modifiers ("launched artillery, mortar and rocket fire")."""
        view = self.view
        j = cand.start - 1
        steps = 0
        while j >= lo and steps < 8:
            if view.has_lemma(j, self.lex.light_verbs) and not view.det[j]:
                return j
            listed = view.conj[j] or view.norm[j] == ","
            if not (
                view.det[j] or view.adverb[j] or view.space[j] or view.is_np_word(j) or listed
            ):
                return None
            j -= 1
            steps += 1
        return None

    def _tense_group(self, cand: Candidate) -> tuple[int, int]:
        """The nearest verb group before a noun trigger in its clause (else after it)."""
        view = self.view
        clause = cand.clause
        for j in range(cand.start - 1, clause.start - 1, -1):
            if view.verb_like(j):
                return verb_group_start(view, j, clause.start), j + 1
        for j in range(cand.end, clause.end):
            if view.verb_like(j):
                return verb_group_start(view, j, clause.start), j + 1
        return cand.start, cand.start

    def _nominal(self, cand: Candidate) -> None:
        view, frame = self.view, cand.trigger.frame
        clause = cand.clause
        words = self.lex.words
        limit = clause.end
        for j in range(cand.end, clause.end):
            if view.is_verb_at(j) and "pp" not in view.features(j):
                limit = j
                break
        cand.phrases = phrases_right(view, cand.end, limit)
        between = words.get("between_preps", ())
        genitive = words.get("genitive_preps", ())
        locative = words.get("locative_preps", ())
        for n, p in enumerate(cand.phrases):
            if not p.heads or (
                p.label == "LOCATION" and p.prep in locative and not frame.place_recipient
            ):
                continue
            if not cand.recipients and self._object_modifier(cand, p):
                cand.recipients, cand.how["recipient"] = list(p.heads), "object_modifier"
            elif p.prep in between and len(p.heads) > 1 and not cand.actors:
                cand.actors, cand.reciprocal, cand.how["actor"] = list(p.heads), True, "between"
            elif p.prep == "agent" and not cand.actors:
                cand.actors, cand.how["actor"] = list(p.heads), "agent"
            elif p.prep in genitive and n == 0 and p.start <= cand.end + 2 and frame.genitive:
                if frame.genitive == "actor" and not cand.actors:
                    cand.actors, cand.how["actor"] = list(p.heads), "genitive"
                elif frame.genitive == "recipient" and not cand.recipients:
                    cand.recipients, cand.how["recipient"] = list(p.heads), "genitive"
            elif p.prep is not None and p.prep in frame.recipient and not cand.recipients:
                cand.recipients, cand.how["recipient"] = list(p.heads), p.prep
        self._modifiers(cand)
        if frame.purpose and not cand.recipients:
            self._purpose_recipient(cand)
        lv = self._governing_verb(cand, clause.start)
        pp = prep_before(view, np_start(view, cand.start, clause.start), clause.start)
        if (
            cand.trigger.setting
            and pp is not None
            and cand.how.get("actor") == "genitive"
            and cand.actors[0].label == "ORGANIZATION"
        ):
            # "Al vertice del gruppo BRICS": the organisation hosts, the clause's people meet.
            cand.actors, cand.how["actor"] = [], ""
        if lv is not None:
            cand.governor = lv
            gs = verb_group_start(view, lv, clause.start)
            cand.group = (gs, lv + 1)
            cand.salience = 3 if clause.kind in {"main", "coord"} else 2
            if not cand.actors:
                cand.actors, via = self.subject_at(clause, gs)
                cand.how["actor"] = f"light:{via}"
            if not cand.recipients:
                for p in phrases_right(view, lv + 1, cand.start):
                    if p.prep is None and p.heads:
                        cand.recipients, cand.how["recipient"] = list(p.heads), "indirect"
                        break
        else:
            cand.group = self._tense_group(cand)
            cand.nominal_in_pp = pp is not None
            if cand.trigger.setting and not cand.actors and pp is not None:
                self._setting(cand)

    def _purpose_recipient(self, cand: Candidate) -> None:
        """Aid given "per supportare la guerra di Mosca" goes to Moscow: the first
        participant of a supporting purpose clause, even inside "di X"; after another
        purpose ("inviato soldati per combattere le truppe ucraine nella regione russa")
        the destination that follows is the recipient."""
        view = self.view
        words = view.lex.words
        markers = words.get("purpose_markers", ())
        end = cand.clause.end
        j = next(
            (
                k
                for k in range(cand.end, end)
                if view.norm[k] in markers and starts_complement(view, k, end)
            ),
            None,
        )
        if j is None:
            return
        verb = next((k for k in range(j + 1, end) if not (view.adverb[k] or view.neg[k])), j + 1)
        if view.has_lemma(verb, view.lex.purpose_verbs):
            for k in range(verb + 1, min(end, verb + 8)):
                idx = view.mention_at[k]
                if idx >= 0 and view.mentions[idx].label not in {"MATERIEL", "LOCATION"}:
                    cand.recipients, cand.how["recipient"] = [view.mentions[idx]], "purpose"
                    return
            return
        for p in phrases_right(view, verb + 1, end):
            if p.heads and p.prep is not None and p.prep in cand.trigger.frame.recipient:
                cand.recipients, cand.how["recipient"] = list(p.heads), "destination"
                return

    def _modifiers(self, cand: Candidate) -> None:
        """Nationality adjectives and possessors around a noun: "offensiva israeliana",
        "Israeli strikes", "Iran's offensive"."""
        view, frame = self.view, self.view.lex
        role = cand.trigger.frame.adjective
        found: list[Mention] = []
        after = cand.end
        if after < len(view.norm) and view.mention_at[after] >= 0:
            m = view.mentions[view.mention_at[after]]
            if m.adjective and m.label != "MATERIEL":
                found = [m]
        j = cand.start - 1
        if not found:
            while (
                j >= cand.clause.start
                and view.is_np_word(j)
                and view.mention_at[j] < 0
                and not view.det[j]
                and view.norm[j] != "'s"
                and cand.start - j <= 2
            ):
                j -= 1
            if j >= cand.clause.start and view.norm[j] == "'s":
                j -= 1
            if j >= cand.clause.start and view.mention_at[j] >= 0:
                m = view.mentions[view.mention_at[j]]
                if m.label != "MATERIEL" and (
                    m.adjective or view.norm[m.end] == "'s" or frame.capitalised_demonyms
                ):
                    found = [m]
        if not found:
            return
        if role == "actor" and not cand.actors:
            cand.actors, cand.how["actor"] = found, "modifier"
        elif role == "recipient" and not cand.recipients:
            cand.recipients, cand.how["recipient"] = found, "modifier"

    def _setting(self, cand: Candidate) -> None:
        """A meeting noun that sets the scene ("Al vertice di Kazan, Putin ha detto a
        Pezeshkian", "ha sottolineato Putin durante un incontro con …"): the participants
        are the clause's subject and the meeting's partner or the addressee."""
        view = self.view
        clause = cand.clause
        subject = self.subjects.get(clause.index)
        if subject is None or not subject.mentions:
            return
        cand.actors, cand.how["actor"] = list(subject.mentions), "setting"
        cand.salience = 2
        if cand.recipients:
            return
        addressee = view.lex.words.get("addressee_preps", ())
        verb = next(
            (
                j
                for j in range(clause.start, clause.end)
                if view.is_verb_at(j) and not cand.start <= j < cand.end
            ),
            None,
        )
        if verb is None:
            return
        for p in phrases_right(view, verb + 1, clause.end):
            if p.heads and p.prep in addressee and p.label != "LOCATION":
                cand.recipients, cand.how["recipient"] = list(p.heads), "addressee"
                return

    # --- acts inside acts -------------------------------------------------------------

    def _obligations(self, cands: list[Candidate]) -> None:
        """A reported "must" is a demand: "X declared that China must drop barriers"."""
        view = self.view
        obligation = self.lex.words.get("obligation")
        if obligation is None:
            return
        for clause in self.clauses:
            if clause.kind != "complement" or clause.parent is None:
                continue
            parent = self.clauses[clause.parent]
            if not any(
                view.has_lemma(j, self.lex.reporting_verbs) for j in range(parent.start, parent.end)
            ):
                continue
            modal = next(
                (j for j in range(clause.start, clause.end) if view.norm[j] in obligation), None
            )
            if modal is None:
                continue
            speaker = self.subjects.get(parent.index)
            target = subject_left(
                view, verb_group_start(view, modal, clause.start), clause.start, self.discourse
            )
            if speaker is None or target is None or not speaker.mentions or not target.mentions:
                continue
            trig = Trigger(
                id=f"events.{self.lex.lang}.obligation", type="REQUEST", kind="verb", frame=Frame()
            )
            cand = Candidate(
                trig,
                modal,
                modal + 1,
                modal,
                clause,
                True,
                "REQUEST",
                rule=trig.id,
                group=(modal, modal),
                salience=3,
            )
            cand.actors, cand.recipients = list(speaker.mentions), list(target.mentions)
            cand.how = {"actor": "speaker", "recipient": "obligation"}
            for other in cands:
                if other.clause is clause and other.start > modal:
                    other.dropped = True
                    cand.content_type = cand.content_type or other.type
            cands.append(cand)
        cands.sort(key=lambda c: c.start)

    def _link_complements(self, cands: list[Candidate]) -> None:
        for a in cands:
            comp = a.trigger.frame.complement
            if comp is None or a.dropped:
                continue
            if a.clause.kind == "relative" and comp.modality:
                self._relative_modality(a, cands, comp.modality)
                continue
            b = self._embedded(a, cands, comp.markers)
            if b is None:
                if comp.control == "object" and not a.recipients:
                    self._complement_subject(a, comp.markers)
                continue
            if comp.modality and b.governed_modality is None:
                b.governed_modality = comp.modality
            if comp.control == "object" and a.recipients:
                b.actors, b.how["actor"] = list(a.recipients), "control"
                if b.recipients and {m.key for m in b.recipients} & {m.key for m in a.recipients}:
                    b.recipients = [
                        m for m in b.recipients if m.key not in {x.key for x in a.recipients}
                    ]
            elif comp.control == "subject" and (
                not b.actors or b.how.get("actor") in {"inherited", "pronoun"}
            ):
                b.actors, b.how["actor"] = list(a.actors), "control"
            if comp.emit:
                b.salience = 1
                continue
            b.dropped = True
            if comp.causative and load_ontology().event_type(b.type).quad_class == 4:
                # "ordered La Prensa to suspend publication": the order is the coercion.
                a.type, a.how["type"] = b.type, "causative"
            else:
                a.content_type = b.type
            if a.reciprocal and b.clause is not a.clause:
                continue  # "X and Y agreed that their countries …": with each other
            own = {m.key for m in a.actors}
            others = [m for m in b.recipients + b.actors if m.key not in own]
            if not a.recipients and others:
                a.recipients, a.how["recipient"] = others[: len(b.recipients) or 1], "content"
            if not a.recipients:
                self._content_participant(a, b.start)

    def _complement_subject(self, a: Candidate, markers: frozenset[str]) -> None:
        """ "demanded that Hamas renounce …": the one asked is the complement's subject
        (the phrase that opens it, when its verb is one the lexicon does not know)."""
        for clause in self.clauses:
            if (
                clause.parent == a.clause.index
                and clause.kind == "complement"
                and clause.opener is not None
                and self.view.norm[clause.opener] in markers
            ):
                subject = self.subjects.get(clause.index)
                if subject is not None and subject.mentions and subject.via == "np":
                    a.recipients, a.how["recipient"] = list(subject.mentions), "complement"
                    return
                first = phrases_right(self.view, clause.opener + 1, clause.end)[:1]
                if first and first[0].prep is None and first[0].start <= clause.opener + 2:
                    a.recipients, a.how["recipient"] = list(first[0].heads), "complement"
                return

    def _content_participant(self, a: Candidate, start: int) -> None:
        """ "threatened to launch an offensive in its war with Iraq": the other party named
        in what is threatened, promised or refused is the recipient."""
        view = self.view
        own = {m.key for m in a.actors}
        end = a.clause.end
        for clause in self.clauses:
            if (
                clause.parent == a.clause.index
                and clause.kind == "complement"
                and clause.start >= a.end
            ):
                end = max(end, clause.end)
                break
        for k in range(start, end):
            idx = view.mention_at[k]
            if idx < 0:
                continue
            m = view.mentions[idx]
            if m.key not in own and m.label not in {"MATERIEL", "LOCATION"}:
                a.recipients, a.how["recipient"] = [m], "content"
                return

    def _embedded(
        self, a: Candidate, cands: list[Candidate], markers: frozenset[str]
    ) -> Candidate | None:
        """The act right after ``a``, if one of its complement markers introduces it in
        ``a``'s clause or in a complement clause of it."""
        view = self.view
        b = next((c for c in cands if c.start >= a.end and c is not a and not c.dropped), None)
        if b is None:
            return None
        in_scope = b.clause is a.clause or (
            b.clause.parent == a.clause.index and b.clause.kind == "complement"
        )
        marked = any(
            view.norm[k] in markers or (view.prep[k] or "") in markers
            for k in range(a.end, b.start)
        ) or (b.clause.opener is not None and view.norm[b.clause.opener] in markers)
        return b if in_scope and marked else None

    def _relative_modality(self, a: Candidate, cands: list[Candidate], value: str) -> None:
        """ "Le consegne di droni, che Mosca e Teheran hanno negato": the denial marks the
        act it refers to and is not an event of its own (PLOVER drops CAMEO's 'deny')."""
        opener = a.clause.opener
        if opener is None:
            return
        before = [c for c in cands if c.end <= opener and opener - c.end <= 8 and not c.dropped]
        if before:
            before[-1].governed_modality = value
            a.dropped = True


def inert(view: DocView, start: int, end: int, matches: list[triggers.Match]) -> bool:
    """Whether coding the sentence of tokens ``[start, end)``, whose trigger matches are
    ``matches``, can neither yield an event nor tell later sentences anything, so that it
    need not be coded (most sentences of an article are such, and coding one is the
    larger part of the stage's cost).

    That is so when no trigger matched, no word makes an event without one (a reported
    obligation, "deve"), and the sentence can give the discourse no subject: a subject
    the discourse remembers is a mention in its own sentence, or the organisation an
    anaphoric noun of the sentence refers back to ("il gruppo")."""
    if matches or view.mentions_within(start, end):
        return False
    return not view.lex.sentence_cues.meets(view.norm[start:end])


def _key_set(mentions: list[Mention]) -> frozenset[str]:
    return frozenset(m.key for m in mentions)


def sentence_candidates(
    view: DocView, start: int, end: int, discourse: Discourse
) -> tuple[SentenceCoder, list[Candidate]]:
    coder = SentenceCoder(view, start, end, discourse)
    return coder, coder.candidates()


def finish(coder: SentenceCoder, cands: list[Candidate], ontology: Ontology) -> list[Candidate]:
    """Modality, type conversion and PLOVER's filters; reciprocal and coordinated pairs
    go to the discourse for "entrambi"."""
    view = coder.view
    kept: list[Candidate] = []
    for c in cands:
        if c.dropped:
            continue
        c.reading = modality.read(view, c.clause, c.group, c.start, c.nominal_in_pp)
        if c.governed_modality and c.reading.modality in {"asserted", "planned", "alleged"}:
            c.reading = modality.Reading(c.governed_modality, c.reading.cue)
        if c.reading.modality == "negated" and c.trigger.negated_type:
            c.type = c.trigger.negated_type
            c.reading = modality.Reading("asserted", c.reading.cue)
        if c.reading.future:
            c.type = future_type(c.type)
        if not c.verbal and c.reading.local and c.reading.modality == "hypothetical":
            continue  # "un possibile attacco": a speculation, not a reported event
        # The same words cannot be both sides; the same country can ("French farmers
        # would blockade Paris").
        c.recipients = [m for m in c.recipients if all(m is not a for a in c.actors)]
        if not _codable(c, ontology):
            continue
        kept.append(c)
        group = c.actors + c.recipients
        if len(group) >= 2:
            coder.discourse.remember_pair(group[0], group[1])
    return _dedupe(kept)


def _codable(c: Candidate, ontology: Ontology) -> bool:
    etype = ontology.event_type(c.type)
    if not c.actors and not c.recipients:
        return False
    if etype.requires_recipient and not c.recipients and not (c.reciprocal and len(c.actors) > 1):
        return False
    if not c.actors:
        return c.verbal and etype.quad_class == 4 and c.passive
    return not (not c.verbal and c.salience == 1 and c.how.get("actor") in {"", None})


@dataclass(frozen=True)
class Participants:
    """What decides whether two tellings are one event: type and who took part."""

    type: str
    actors: frozenset[str]
    recipients: frozenset[str]
    reciprocal: bool

    @classmethod
    def of(cls, c: Candidate) -> Participants:
        return cls(c.type, _key_set(c.actors), _key_set(c.recipients), c.reciprocal)


def same_event(a: Participants, b: Participants) -> bool:
    if a.type != b.type or not (a.actors | a.recipients) & (b.actors | b.recipients):
        return False
    ra, rb = a.recipients, b.recipients
    return not ra or not rb or bool(ra & rb) or a.reciprocal or b.reciprocal


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One event per type and participants in a sentence ("attacks … have killed"): the
    telling with the higher salience stays, completed with what the other names."""
    out: list[Candidate] = []
    for c in cands:
        twin = next((o for o in out if same_event(Participants.of(o), Participants.of(c))), None)
        if twin is None:
            out.append(c)
            continue
        keep, other = (c, twin) if c.salience > twin.salience else (twin, c)
        if not keep.recipients and other.recipients:
            keep.recipients = list(other.recipients)
        out[out.index(twin)] = keep
    return out
