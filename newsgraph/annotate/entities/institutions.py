"""State institutions named by a common noun and a country: "il governo cinese", "l'esercito
russo", "il ministero degli Esteri iraniano", "the Iranian foreign ministry", "the
government of Iran".

These are the actors of much of the news, and each gets the CAMEO code of its country
and sector (CHN GOV, RUS MIL, IRN GOV). The entity id is built from the country and the
institution ("org/IR/foreign-ministry"), so every article naming the Iranian foreign
ministry in any words links to one entity, and a KB entry with that id (the Farnesina is
``org/IT/foreign-ministry``) gives it its proper name. Some institutions are actors even
without a country ("la polizia ha arrestato", "il governo"): those are mentions of a
generic entity local to the article. Some words describe their actor rather than name
it ("le autorità tedesche", "truppe americane"): their mentions are marked as
descriptions (``attrs["form"]``), actors for the events but no names for a scorer of
names. An institution's word written with a capital that runs on into capitalised
adjectives ("Repubblica Popolare di Doneck", "Polizia Nazionale") leads a name of its
own: that name is the mention, an organisation of its own, not the institution.
"""

from __future__ import annotations

from newsgraph.annotate.entities.cues import Cues, Institution
from newsgraph.annotate.entities.mentions import INSTITUTION, Found
from newsgraph.annotate.entities.tokens import NAMELIKE, TokenView, is_capitalised, within
from newsgraph.kb import KB, Entry
from newsgraph.kb.schema import ANY
from newsgraph.model import stable_id
from newsgraph.resolve.variants import fold

RULE = "entities.institution"
#: The ``form`` of a mention that describes an institution without naming it.
DESCRIPTION = "description"


def nationality_adjectives(kb: KB, lang: str) -> frozenset[str]:
    """The one-word nationality adjectives of ``lang`` the KB knows ("spagnola",
    "giapponese"), folded."""
    return frozenset(
        fold(text)
        for entry in kb.entries.values()
        for code, texts in entry.adjectives.items()
        if code in (lang, ANY)
        for text in texts
        if " " not in text
    )


def first_name_leads(view: TokenView, cues: Cues, adjectives: frozenset[str], i: int) -> bool:
    """Whether the word at ``i``, a first name that is also an institution's word, starts
    a person's name: a capitalised word follows in the sentence that is no adjective
    ("Marina Petrella"; not "la Marina", "Marina Russa" nor "Marina Militare"). The
    institution rule and the name finder both ask, so that neither leaves the name to
    the other."""
    if view.key[i] not in cues.given or not view.same_sentence(i, i + 1):
        return False
    after = view.key[i + 1]
    return (
        view.flags[i + 1] & NAMELIKE != 0
        and after not in adjectives
        and not after.endswith(cues.name_adjective_endings)
    )


class Institutions:
    def __init__(self, kb: KB, cues: Cues, adjectives: frozenset[str]) -> None:
        self.kb = kb
        self.cues = cues
        #: One-word nationality adjectives (:func:`nationality_adjectives`).
        self.adjectives = adjectives

    def find(self, view: TokenView, known: list[Found], article_id: str) -> list[Found]:
        first = self.cues.institutions_by_first
        countries = {f.start: f for f in known if f.label == "COUNTRY"}
        ends = {f.end: f for f in known if f.label == "COUNTRY"}
        out: list[Found] = []
        starting = view.keyed(first)  # the tokens an institution's name can start at
        if not starting:
            return out
        for start, end, _ in view.sentences:
            for i in within(starting, start, end):
                for phrase in first[view.key[i]]:
                    stop = i + len(phrase)
                    if stop <= end and tuple(view.key[i:stop]) == phrase:
                        inst = self.cues.institutions[phrase]
                        if inst.proper and (view.first_word[i] or not is_capitalised(view.text[i])):
                            break
                        if inst.adjectival and self._qualifies(view, i, stop):
                            break
                        if inst.qualifying and self._qualifier(view, i):
                            break
                        if len(phrase) == 1 and first_name_leads(
                            view, self.cues, self.adjectives, i
                        ):
                            break
                        named = self._named_on(view, i, stop)
                        if named > stop:
                            out.append(self._named(view, i, named))
                            break
                        found = self._found(view, i, stop, inst, countries, ends, article_id)
                        if found is not None:
                            described = inst.descriptive and not is_capitalised(view.text[i])
                            if described or self._of_kind(view, i):
                                found.attrs["form"] = DESCRIPTION
                            out.append(found)
                        break
        return out

    def _qualifies(self, view: TokenView, start: int, end: int) -> bool:
        """Whether an institution's word that is also an adjective stands as one: next to
        a noun, on the side where the language puts its adjectives ("military
        observers", "operazioni militari"). A noun is told by being a lower-case word
        that is not a stop word (nor, in English, a past tense: "the military struck")."""
        i = end if not self.cues.adjective_after else start - 1
        if not view.same_sentence(i, start):
            return False
        text, key = view.text[i], view.key[i]
        cues = self.cues
        if not (text.isalpha() and text.islower()) or len(text) < 3:
            return False
        if key in cues.common or key in cues.org_articles or key in cues.place_articles:
            return False
        return cues.adjective_after or not key.endswith("ed")

    def _named_on(self, view: TokenView, start: int, end: int) -> int:
        """The end of a longer name an institution's word written with a capital runs
        on into: capitalised adjectives ("Repubblica Popolare", "Corte Suprema"), then
        a place after a bare "di" ("Repubblica Popolare di Doneck"; "Consiglio
        Nazionale del PdL" names the council, not its owner); ``end`` if none."""
        cues, keys, flags = self.cues, view.key, view.flags
        if not is_capitalised(view.text[start]) or not cues.name_adjective_endings:
            return end
        j = end
        while (
            view.same_sentence(start, j)
            and flags[j] & NAMELIKE
            and keys[j] not in cues.given
            and keys[j].endswith(cues.name_adjective_endings)
        ):
            j += 1
        if j == end or not view.same_sentence(start, j + 1):
            return j
        if keys[j] in cues.qualifying_particles and flags[j + 1] & NAMELIKE:
            j += 2
            while view.same_sentence(start, j) and flags[j] & NAMELIKE:
                j += 1
        return j

    @staticmethod
    def _named(view: TokenView, start: int, end: int) -> Found:
        """The organisation a name led by an institution's word names: one of its own,
        not the generic institution (its id as the rules for unknown names make it)."""
        name = " ".join(view.span_text(start, end).split())
        entity = "ent/" + stable_id("ORGANIZATION", fold(name))
        return Found(start, end, "ORGANIZATION", entity, name, RULE, 0.7, INSTITUTION)

    def _qualifier(self, view: TokenView, i: int) -> bool:
        """Whether the word at ``i`` follows a bare particle after a lower-case word:
        "crisi di governo", "visita di Stato" (not "il capo del governo", nor "Consiglio
        di Stato", a name of its own)."""
        p = i - 1
        if p < 1 or not view.same_sentence(p - 1, i):
            return False
        before = view.text[p - 1]
        return (
            view.key[p] in self.cues.qualifying_particles and before.isalpha() and before.islower()
        )

    def _of_kind(self, view: TokenView, i: int) -> bool:
        """Whether the institution's word at ``i`` gives the kind of the noun before it
        and a particle, in small letters ("le forze di polizia", "le squadre dei vigili
        del fuoco")."""
        p = i - 1
        return (
            p >= 1
            and view.key[p] in self.cues.head_particles
            and view.key[p - 1] in self.cues.kind_nouns
            and not is_capitalised(view.text[i])
            and view.same_sentence(p - 1, i)
        )

    def _modifier(self, view: TokenView, country: Found) -> bool:
        """A country's name (not a capital for its government) standing as a noun
        modifier: not after a place preposition."""
        prepositions = self.cues.place_prepositions
        return country.rule != "kb.metonymy" and view.phrase_ending(country.start, prepositions) < 0

    def _country(
        self,
        view: TokenView,
        start: int,
        end: int,
        starts: dict[int, Found],
        ends: dict[int, Found],
    ) -> tuple[Found | None, int, int]:
        """The country qualifying the institution at [start, end) and the span with its
        adjective taken in."""
        if self.cues.adjective_after:
            adj = starts.get(end)
            if adj is not None and adj.is_adjective:
                return adj, start, adj.end
        else:
            # An adjective, or a country's name as a modifier ("US officials"; not "in
            # France police said").
            adj = ends.get(start)
            if adj is not None and (adj.is_adjective or self._modifier(view, adj)):
                return adj, adj.start, end
            owner = ends.get(start - 1)
            if owner is not None and view.key[start - 1] in self.cues.possessives:
                return owner, start, end
        if end < len(view) and view.key[end] in self.cues.org_particles:
            named = starts.get(end + 1)
            if named is not None and not named.is_adjective and view.same_sentence(end, end + 1):
                return named, start, end
        return None, start, end

    def _found(
        self,
        view: TokenView,
        start: int,
        end: int,
        inst: Institution,
        starts: dict[int, Found],
        ends: dict[int, Found],
        article_id: str,
    ) -> Found | None:
        country, start, end = self._country(view, start, end, starts, ends)
        entry = self.kb.get(country.entity) if country is not None else None
        if entry is None or entry.type != "COUNTRY":
            if not inst.bare:
                return None
            entity = "ent/" + stable_id(article_id, "institution", inst.id)
            attrs = {"institution": inst.id, "generic": True}
            return Found(
                start, end, "ORGANIZATION", entity, inst.name, RULE, 0.6, INSTITUTION, attrs=attrs
            )
        return self._of_country(start, end, inst, entry)

    def _of_country(self, start: int, end: int, inst: Institution, country: Entry) -> Found:
        entity = f"org/{country.country}/{inst.id}"
        known = self.kb.get(entity)
        name = known.name if known else f"{inst.name} of {country.name}"
        code = (known.code if known and known.code else None) or f"{country.code} {inst.sector}"
        attrs = {"institution": inst.id, "country": country.country, "code": code}
        return Found(
            start, end, "ORGANIZATION", entity, name, RULE, 0.85, INSTITUTION, known, attrs
        )
