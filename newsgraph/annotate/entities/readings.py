"""What a KB name means where it stands: the reading of each gazetteer match.

- A nationality adjective ("iraniano", "Iranian") is a COUNTRY (or GROUP: "occidentale")
  mention marked ``form: adjective``: events read it as the country acting.
- A capital is the city after a place preposition ("a Mosca", "in Tehran"), or in a
  dateline ("Ashgabat, Turkmenistan"); elsewhere it stands for its government ("Mosca ha
  detto", "tra Mosca e Teheran", "Moscow's"): the mention is then the country, with
  ``metonymy: capital`` and the city kept as ``place``. Either way the other reading
  stays on the mention (``stands_for`` or ``place``), so a later stage or a gold standard
  can take the one it needs.
- A city after a definite article ("il Napoli", "la Roma") is the sports club named for
  it, an ORGANIZATION with ``metonymy: team`` and the city as ``place`` (the language's
  ``team_articles``: Italian writes no article before a city's name); a country in a
  match report (a score and a word of sport in the sentence) is its national team.
- A seat of power ("il Cremlino", "la Casa Bianca") is an ORGANIZATION of its own, with
  ``metonymy: seat`` and ``stands_for`` the country whose government it speaks for;
  after a place preposition ("alla Casa Bianca") it is the building, a LOCATION that
  stands for the institution.
- An organisation's name followed (Italian) or preceded (English) by the adjective of its
  country takes the adjective in ("Guardie rivoluzionarie iraniane").
"""

from __future__ import annotations

import re

from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.gazetteer import Case, Gazetteer, Hit, Match
from newsgraph.annotate.entities.mentions import KB, Found
from newsgraph.annotate.entities.tokens import ROMAN, TokenView, is_upper
from newsgraph.kb import KB as KnowledgeBase
from newsgraph.kb import Entry, score
from newsgraph.model import stable_id

RULE = "kb.gazetteer"
#: A town smaller than this whose name is a first name is read as the first name.
SMALL_CITY = 500_000
#: A town smaller than this is a place only where the words around it say so: the
#: names of the many small towns are also surnames and words ("Pagani", "Sala").
TOWN = 100_000
_DASHES = frozenset({"-", "–", "—"})
#: A match's score written as one token.
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")


def _score(view: TokenView, i: int) -> bool:
    """A match's score at token ``i``: "3-0", or "3", "-", "0" as the tokenizer may split
    it."""
    text = view.text[i]
    if _SCORE.match(text):
        return True
    return (
        text in _DASHES
        and 0 < i < len(view) - 1
        and view.text[i - 1].isdigit()
        and view.text[i + 1].isdigit()
        and len(view.text[i - 1]) <= 3
        and len(view.text[i + 1]) <= 3
    )


def medium(view: TokenView, cues: Cues, start: int, end: int, entry: Entry) -> bool:
    """Whether tokens ``[start, end)`` name an online platform as the medium ("su
    Twitter", "il profilo Instagram", "l'account di Twitter"), not the company that owns
    it (the entry's ``attrs["platforms"]``): no mention."""
    platforms = entry.attrs.get("platforms")
    if not platforms or start == 0:
        return False
    if view.span_text(start, end).casefold() not in {str(p).casefold() for p in platforms}:
        return False
    h = start - 1
    if h > 0 and view.key[h] in cues.place_of_particles:
        h -= 1  # "l'account di Twitter"
    return view.same_sentence(h, start) and view.key[h] in cues.medium_words


def _as_team(found: Found, place: Entry) -> None:
    """Make ``found`` the sports team named for ``place`` (a club for a city, a national
    team for a country): an organisation, with the place kept as ``place``."""
    found.label, found.entry = "ORGANIZATION", None
    found.entity = "ent/" + stable_id("ORGANIZATION", "team", place.id)
    found.attrs.update(metonymy="team", place=place.id)
    found.attrs.pop("code", None)
    found.rule = "kb.team"
    found.confidence = 0.7


def _best(kb: KnowledgeBase, hits: tuple[Hit, ...]) -> tuple[Hit, Entry] | None:
    ranked = [
        (score(entry, hit.kind, True), hit, entry)
        for hit in hits
        if (entry := kb.get(hit.entry)) is not None
    ]
    if not ranked:
        return None
    _, hit, entry = max(ranked, key=lambda r: r[0])
    return hit, entry


class Reader:
    """Turns gazetteer matches of one document into mentions with their readings."""

    def __init__(self, kb: KnowledgeBase, cues: Cues, gazetteer: Gazetteer) -> None:
        self.kb = kb
        self.cues = cues
        self.gazetteer = gazetteer

    def read(self, view: TokenView, matches: list[Match]) -> list[Found]:
        out: list[Found] = []
        place_ends: set[int] = set()
        for match in matches:
            best = _best(self.kb, match.hits)
            if best is None:
                continue
            hit, entry = best
            if self._filtered(view, match, hit, entry):
                continue
            found = self._found(view, match, hit, entry, place_ends)
            if found.label == "PERSON":
                self._drop_title(view, found)
            if found.label == "LOCATION":
                place_ends.add(found.end)
            out.append(found)
        return out + self._with_adjectives(out)

    def _drop_title(self, view: TokenView, found: Found) -> None:
        """A KB name written with its title ("Papa Benedetto XVI", "Sir Keir Starmer")
        links through the title but names the person without it."""
        titles = self.cues.titles
        while found.size > 1 and (view.key[found.start],) in titles:
            found.attrs.setdefault(
                "title", titles[(view.key[found.start],)] or view.text[found.start]
            )
            found.start += 1

    def _filtered(self, view: TokenView, match: Match, hit: Hit, entry: Entry) -> bool:
        """A one-word name that is also an ordinary word, where nothing says it is a name
        (the first word of a sentence, or any word for a bulk place name), or a town
        named like a person ("Adriano", "Virginia"), which the first name wins, or a
        city named like a word of the language ("Sala", "Papa", "Union"), a place only
        where the words before it say so. An
        acronym in capitals is a name even where its letters spell a word ("US"); one
        written like a word at the start of a sentence is the word where the language
        lists it ("Nato a Roma nel 1950": born). An online platform named as the medium
        is no mention either (:func:`medium`), nor a town named like a pope or a king
        (:meth:`_regnal`) or like a priest (:meth:`_titled`)."""
        if medium(view, self.cues, match.start, match.end, entry):
            return True
        if entry.attrs.get("bulk") and (
            self._regnal(view, match)
            or (self._titled(view, match) and not self._place_context(view, match.start))
        ):
            return True
        if match.end - match.start > 1 or hit.case == Case.LOWER:
            return False
        key = view.key[match.start]
        bulk = bool(entry.attrs.get("bulk"))
        cues = self.cues
        if bulk and key in cues.place_homonyms and not self._place_context(view, match.start):
            return True
        if bulk and entry.rank < SMALL_CITY:
            if key in cues.given or (key,) in cues.titles or (key,) in cues.roles:
                return True
            home = entry.country in cues.home_countries
            if entry.rank < TOWN and not home and not self._place_context(view, match.start):
                return True
        first = view.first_word[match.start]
        if first and key in cues.initial_words and not is_upper(view.text[match.start]):
            return True
        if key not in self.cues.common:
            return False
        if hit.case == Case.ACRONYM and is_upper(view.text[match.start]) and not bulk:
            # Written in capitals: "US officials said", "IT" the acronym (not "Ciò", a
            # word at the start of a sentence that also matches the short name "Cio").
            return False
        return first or bulk or match.weak

    def _regnal(self, view: TokenView, match: Match) -> bool:
        """A name and a Roman numeral, a pope's or a monarch's ("Paolo VI", "papa Pio
        IX"), where a town is named alike: a first name or a title before the numeral
        makes it the person."""
        if match.end - match.start != 2 or not ROMAN.match(view.text[match.end - 1]):
            return False
        cues, h = self.cues, match.start - 1
        return view.key[match.start] in cues.given or (h >= 0 and (view.key[h],) in cues.titles)

    def _titled(self, view: TokenView, match: Match) -> bool:
        """A town named like a person with a title ("Padre Bernardo", "Don Torcuato"):
        the priest, where no word before it says a place follows."""
        return match.end - match.start >= 2 and (view.key[match.start],) in self.cues.titles

    def _place_context(self, view: TokenView, start: int) -> bool:
        """Whether the words before a town's name say a place follows ("a Carpi", "il
        sindaco di Sassuolo"), or a province code follows it ("Montesilvano (PE)")."""
        cues = self.cues
        if view.phrase_ending(start, cues.place_prepositions) >= 0:
            return True
        before = start - 1
        if (
            before >= 0
            and view.key[before] in cues.place_context
            and view.same_sentence(before, start)
        ):
            return True
        code = view.text[start + 1 : start + 4]
        return (
            len(code) == 3
            and code[0] == "("
            and code[2] == ")"
            and len(code[1]) == 2
            and (code[1].isupper())
        )

    def _found(
        self, view: TokenView, match: Match, hit: Hit, entry: Entry, place_ends: set[int]
    ) -> Found:
        attrs: dict[str, object] = {}
        if entry.code:
            attrs["code"] = entry.code
        if entry.country:
            attrs["country"] = entry.country
        confidence = 0.95 if match.end - match.start > 1 else 0.9
        if match.weak:
            confidence -= 0.1
        found = Found(
            match.start,
            match.end,
            entry.type,
            entry.id,
            entry.name,
            RULE,
            confidence,
            KB,
            entry,
            attrs,
        )
        if hit.kind == "adjective":
            attrs["form"] = "adjective"
            found.rule = "kb.adjective"
            found.confidence = 0.85
        elif hit.kind == "short":
            found.rule = "kb.short_form"
            found.confidence = 0.85
        if self._team(view, found, entry) or self._national_team(view, found, entry, hit):
            return found
        if entry.stands_for and entry.type == "LOCATION":
            self._capital(view, found, entry, place_ends)
        elif entry.stands_for and self._after_place_word(view, found.start):
            self._building(found, entry)
        elif entry.stands_for:
            attrs.update(metonymy="seat", stands_for=entry.stands_for)
        return found

    def _after_place_word(self, view: TokenView, start: int) -> bool:
        """Whether a place preposition, alone or joined to an article, stands before
        token ``start`` ("a Palazzo Chigi", "alla Casa Bianca", "nel Cremlino")."""
        if view.phrase_ending(start, self.cues.place_prepositions) >= 0:
            return True
        before = start - 1
        return (
            before >= 0
            and view.key[before] in self.cues.article_place_prepositions
            and view.same_sentence(before, start)
        )

    @staticmethod
    def _building(found: Found, seat: Entry) -> None:
        """A seat of power where something happens ("ricevuto alla Casa Bianca"): the
        building, a LOCATION, with the institution it houses as ``stands_for``."""
        found.label, found.entry = "LOCATION", None
        found.entity = "ent/" + stable_id("LOCATION", "seat", seat.id)
        found.attrs.update(stands_for=seat.id)
        found.attrs.pop("code", None)

    def _team(self, view: TokenView, found: Found, city: Entry) -> bool:
        """A city after a definite article, which the language writes before no city's
        name ("il Napoli", "la Roma", "del Parma"): the sports club named for it, an
        organisation with the city kept as ``place``."""
        before = found.start - 1
        if city.type != "LOCATION" or city.attrs.get("kind") != "city" or before < 0:
            return False
        if view.key[before] not in self.cues.team_articles:
            return False
        if not view.same_sentence(before, found.start) or view.first_word[found.start]:
            return False
        after = found.end
        if after < len(view) and view.same_sentence(found.start, after):
            following = view.text[after]
            if following[:1].isupper() or following in _DASHES:
                return False  # "il Varese JazzFestival", "la Parigi-Tours"
        if self._named_with_article(view.doc[found.start : found.end].text, city):
            return False  # "al Cairo", "alla Mecca": the article is the city's own
        _as_team(found, city)
        return True

    def _national_team(self, view: TokenView, found: Found, country: Entry, hit: Hit) -> bool:
        """A country's name in a match report, a sentence with a score and a word of
        sport ("la Polonia battuta per 3-0"): the national team, an organisation with the
        country kept as ``place``, as a club named for its city is."""
        if country.type != "COUNTRY" or hit.kind != "name":
            return False
        if view.phrase_ending(found.start, self.cues.place_prepositions) >= 0:
            return False  # "in Italia": the country
        if found.end < len(view) and view.key[found.end] in self.cues.compass_adjectives:
            return False  # "l'Italia meridionale": a part of the country
        start, end = view.sentence_bounds(found.start)
        if self.cues.sport_words.isdisjoint(view.key[start:end]):
            return False
        if not any(_score(view, i) for i in range(start, end)):
            return False
        _as_team(found, country)
        return True

    def _named_with_article(self, name: str, city: Entry) -> bool:
        """Whether the KB knows the city's name written with an article of the language
        ("Il Cairo", "La Mecca"), so that the article before it is part of its name."""
        for article in self.cues.name_articles:
            written = article + name if article.endswith("'") else f"{article} {name}"
            if any(c.entry is city for c in self.kb.lookup(written, self.cues.lang)):
                return True
        return False

    def _capital(self, view: TokenView, found: Found, city: Entry, place_ends: set[int]) -> None:
        """The city reading or the government reading of a capital."""
        if self._is_place(view, found.start, found.end, place_ends) or self._at_named_place(
            view, found, city
        ):
            found.attrs["stands_for"] = city.stands_for
            return
        actor = self.kb.get(city.stands_for)
        if actor is None:
            return
        found.label, found.entity, found.name, found.entry = actor.type, actor.id, actor.name, actor
        found.attrs.update(metonymy="capital", place=city.id, country=actor.country or city.country)
        code = actor.code or ""
        found.attrs["code"] = code if " " in code or not code else f"{code} GOV"
        found.rule = "kb.metonymy"
        found.confidence = 0.8

    def _at_named_place(self, view: TokenView, found: Found, city: Entry) -> bool:
        """A capital whose name takes an article after "a" or "in" joined to it ("al
        Cairo", "nell'Avana"): the place, as after "a" before other capitals."""
        before = found.start - 1
        return (
            before >= 0
            and view.key[before] in self.cues.article_place_prepositions
            and self._named_with_article(view.doc[found.start : found.end].text, city)
        )

    def _is_place(self, view: TokenView, start: int, end: int, place_ends: set[int]) -> bool:
        cues = self.cues
        if end < len(view) and view.key[end] in cues.possessives:
            return False
        if view.phrase_ending(start, cues.place_prepositions) >= 0:
            return True
        before = start - 1
        if before > 0 and view.key[before] in cues.coordinators and before in place_ends:
            return True
        # A dateline or an apposition: "Ashgabat, Turkmenistan".
        return (
            end + 1 < len(view)
            and view.text[end] == ","
            and view.same_sentence(end, end + 1)
            and any(
                h.entry.startswith("country/") and h.kind == "name"
                for h in self._hits_at(view, end + 1)
            )
        )

    def _hits_at(self, view: TokenView, i: int) -> list[Hit]:
        """KB names of one word at token ``i`` (enough for the dateline test)."""
        return self.gazetteer.phrases.get((view.key[i],), [])

    def _with_adjectives(self, found: list[Found]) -> list[Found]:
        """Organisation names extended by the adjective of their own country."""
        adjectives = {
            (f.start if self.cues.adjective_after else f.end): f for f in found if f.is_adjective
        }
        out = []
        for f in found:
            if f.label != "ORGANIZATION" or f.entry is None:
                continue
            adj = adjectives.get(f.end if self.cues.adjective_after else f.start)
            if adj is None or adj.label != "COUNTRY":
                continue
            if f.entry.country and adj.attrs.get("country") != f.entry.country:
                continue
            start, end = min(f.start, adj.start), max(f.end, adj.end)
            attrs = dict(f.attrs, country=adj.attrs.get("country"))
            out.append(
                Found(
                    start, end, f.label, f.entity, f.name, f.rule, f.confidence, KB, f.entry, attrs
                )
            )
        return out
