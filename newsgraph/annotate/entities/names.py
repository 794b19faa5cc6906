"""Names the KB does not list, found from capitalisation and cues.

A *chunk* is a run of capitalised words in a sentence, joined by the particles names
contain ("Bashar al-Assad", "Alcide De Gasperi", "Università di Nottingham" — the latter
kind only after an organisation or place head word). A chunk is cut into *segments*:
around the KB names inside it ("Stati Uniti Joe Biden"), before a first name that
follows other words ("Repubblica Carlo Azeglio Ciampi"), and without the role or title
that leads it ("Ministro dei Trasporti Altero Matteoli" is a role and a name). A segment
becomes a mention only with evidence of what it is, strongest first:

1. the KB knows it, exactly or as a transliteration variant ("Massud Pezeshkian");
2. a place or organisation head word in it ("Piazza Duomo", "Provincia di Bolzano",
   "Ministero del Lavoro", "Alinghi Group") or written in lower case before it ("via del
   Corso", "provincia di Sondrio", "università di Nottingham"), which joins the mention;
3. a role or title before it ("il portavoce X Y", "Dr. X"), a nickname's cue ("detto
   X"), or a first name: at its start ("Keir Starmer"), or alone ("Marco è arrivato");
4. an acronym of two to six capitals ("PD", "ASL") is an organisation;
5. two or more capitalised words with none of the above are taken, with low confidence,
   for a person's name (the commonest kind of unknown multi-word name in news), or for
   a place's after "in" or "presso", unless their last word names an event or a law
   ("World Cup", "Civil Rights Act"), they are all a quotation holds (a title: "Match
   Point"), or a lone letter or a numeral inside them makes them a product's or a
   show's ("X Factor"): none of those is a named entity here;
6. a name listed after a person's ("Gaber, Jannacci e Paolo Rossi") is another person's,
   as one listed after a place is another place.

An institution named by a common noun and a place ("Procura di Cagliari", "Polizia di
Stato") is left to :mod:`.institutions`. Headlines written in capitals or in title case
give capitalisation no meaning, so only the KB and cues apply there.
"""

from __future__ import annotations

import itertools
import re

from newsgraph.annotate.entities import heads
from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.institutions import first_name_leads
from newsgraph.annotate.entities.mentions import CUE, GUESS, KB, Found
from newsgraph.annotate.entities.readings import medium
from newsgraph.annotate.entities.roles import Roles
from newsgraph.annotate.entities.tokens import (
    CAPITALISED,
    NAMELIKE,
    PREFIXED,
    ROMAN,
    UPPER,
    TokenView,
    is_capitalised,
    is_upper,
)
from newsgraph.kb import KB as KnowledgeBase
from newsgraph.kb import Candidate
from newsgraph.model import stable_id
from newsgraph.resolve.variants import fold, name_key

MAX_WORDS = 8
#: Adjectives allowed between a descriptive noun and the name it introduces.
MAX_MODIFIERS = 3
LONE_RULE = "entities.place_word"
#: A person found by being listed after another ("Gaber, Jannacci e Paolo Rossi").
LISTED_RULE = "entities.listed_person"
#: A person found by a listed first name at the start of a name, or alone.
GIVEN_NAME_RULE = "entities.given_name"
#: The rule of a name read by the common noun before it, by the class the noun gives.
_DESCRIBED_RULES = {
    "LOCATION": "entities.place_head",
    "ORGANIZATION": "entities.org_head",
    "PERSON": "entities.person_noun",
}
_HUMPS = re.compile(r"[A-Z][a-z]+")
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,2}$")
#: A title-case headline: this share of its words or more are capitalised.
TITLE_CASE_SHARE = 0.6
#: Segment texts whose KB reading is remembered: names recur across articles, and most
#: segments miss the KB, each miss costing a fold and a transliteration key. The memory
#: is emptied when it reaches this size, so that it stays bounded on any corpus.
MAX_REMEMBERED = 50_000

Segment = tuple[int, int]
PLACE_LABELS = frozenset({"LOCATION", "COUNTRY"})


def _english_tail(view: TokenView, i: int, cues: Cues) -> bool:
    """A tail word that an English particle follows, inside an English name quoted in
    another language's text: "Institute" in "Massachusetts Institute of Technology"."""
    return (
        view.key[i] in cues.org_tails
        and i + 1 < len(view)
        and _english_particle(view.key[i + 1], cues)
    )


def _english_name(view: TokenView, a: int, b: int, cues: Cues) -> bool:
    """Whether tokens ``[a, b)`` hold an English name's tail word (:func:`_english_tail`);
    one set test first, since few names hold a tail word at all."""
    return not cues.org_tails.isdisjoint(view.key[a:b]) and any(
        _english_tail(view, i, cues) for i in range(a, b)
    )


def _english_particle(key: str, cues: Cues) -> bool:
    """An English function word that is not also a word of the text's language: "of",
    "for", not "a" or "in"."""
    return key in cues.english_function_words and key not in cues.common


#: Punctuation that may end an item of a list of names.
_LIST_MARKS = frozenset({",", ";", ".", ":", ")", "!", "?"})
#: Opening quotation marks and the marks that close them.
_QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}


def _quoted(view: TokenView, a: int, b: int) -> bool:
    """Whether tokens ``[a, b)`` are all a quotation holds."""
    return a > 0 and b < len(view) and _QUOTES.get(view.text[a - 1]) == view.text[b]


def _capital_elision(text: str) -> bool:
    """ "D'" in "D'Alema", "O'" in "O'Brien"."""
    return len(text) == 2 and text[0].isupper() and text[1] in "'’"


def _capital_particle(text: str, key: str, cues: Cues) -> bool:
    """A particle written with a capital inside a name: a surname's ("Lucrezia Di
    Vanzetti"), unless it is also an article, which starts titles too ("La Scuola")."""
    return text[:1].isupper() and key in cues.name_particles and key not in cues.org_articles


def _splits(found: Found) -> bool:
    """Whether a known mention is a boundary for names around it: a KB name other than
    a bulk place name or a surname (both may be part of a person's name: "Denzel
    Washington", "Jill Biden")."""
    if found.priority != KB or found.rule == "kb.short_form":
        return False
    return not (found.entry is not None and found.entry.attrs.get("bulk"))


class Names:
    def __init__(
        self, kb: KnowledgeBase, cues: Cues, roles: Roles, adjectives: frozenset[str]
    ) -> None:
        self.kb = kb
        self.cues = cues
        self.roles = roles
        #: One-word nationality adjectives (:func:`.institutions.nationality_adjectives`).
        self.adjectives = adjectives
        self._readings: dict[str, Candidate | None] = {}
        #: The name and entity id of each (type, text) of a name not in the KB, remembered
        #: as the readings are: names recur, and an id costs a fold or a name key and a hash.
        self._ids: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, view: TokenView, known: list[Found]) -> list[Found]:
        by_end = {f.end: f for f in known}
        by_start = {f.start: f for f in known}
        fixed = {
            i
            for f in known
            if _splits(f) and not self._surname(view, f, by_end)
            for i in range(f.start, f.end)
        }
        places = {f.start for f in known if f.priority == KB and f.label in PLACE_LABELS}
        place_ends = {f.end for f in known if f.label in PLACE_LABELS and not f.is_adjective}
        person_ends = {f.end for f in known if f.label == "PERSON"}
        out = []
        for start, end, zone in view.sentences:
            shape = self._shape(view, start, end, zone)
            if shape == "upper":
                continue
            for chunk in self._chunks(view, start, end):
                for a, b in self._segments(view, chunk, fixed, places):
                    found = self._classify(view, a, b, by_end, guesses=shape == "plain")
                    listed = shape == "plain" and self._listed(view, a, b, place_ends, found)
                    if listed:
                        text = view.span_text(a, b)
                        found = self._unknown(a, b, text, "LOCATION", 0.45, GUESS, LONE_RULE)
                    elif (
                        shape == "plain"
                        and self._list_item(view, a, b)
                        and self._listed(view, a, b, person_ends, found)
                    ):
                        text = view.span_text(a, b)
                        found = self._unknown(a, b, text, "PERSON", 0.45, GUESS, LISTED_RULE)
                    if found is not None and found.label in PLACE_LABELS:
                        place_ends.add(found.end)
                    if found is not None and found.label == "PERSON":
                        person_ends.add(found.end)
                    if found is not None:
                        adjacent = by_start if self.cues.adjective_after else by_end
                        self._nationality(view, found, adjacent)
                        out.append(found)
        return out

    def _list_item(self, view: TokenView, a: int, b: int) -> bool:
        """Whether tokens ``[a, b)`` stand alone as an item of a list of names: a whole
        name (not an initial, nor a piece of a longer run of capitalised words: "J." of
        "J. Robin Warren"), with no head word ("Università"), that a punctuation mark, a
        coordinator or the sentence's end follows (not a description: "Docente
        emerito", "Primario di neurologia")."""
        cues = self.cues
        if view.text[b - 1].endswith(".") or view.key[a] in cues.org_heads:
            return False
        if view.key[a] in cues.loc_heads:
            return False
        if b >= len(view) or not view.same_sentence(a, b):
            return True
        after = view.text[b]
        return after in _LIST_MARKS or view.key[b] in cues.coordinators

    def _surname(self, view: TokenView, found: Found, by_end: dict[int, Found]) -> bool:
        """Whether a known one-word place is a surname, right after a first name or a
        name a role introduces ("Cristoforo Colombo", "l'attore Denzel Washington"), as a
        bulk place already is."""
        i = found.start
        if not (found.end == i + 1 and found.label in PLACE_LABELS and i > 0):
            return False
        h = i - 1
        if not (view.flags[h] & CAPITALISED and view.same_sentence(h, i)):
            return False
        if view.key[h] in self.cues.given:
            return True
        return i not in by_end and self.roles.before(view, h, by_end) is not None

    def _nationality(self, view: TokenView, found: Found, adjacent: dict[int, Found]) -> None:
        """An unknown organisation qualified by a nationality adjective takes its country
        ("the Nigerian Union of Teachers", "l'agenzia Jiji giapponese"); one named by its
        head word takes the adjective into its name too ("il Ministero della Sanità
        sudafricano"), as a KB organisation does (:mod:`.readings`)."""
        if found.entry is not None or found.label != "ORGANIZATION":
            return
        adj = adjacent.get(found.end if self.cues.adjective_after else found.start)
        if adj is None or not adj.is_adjective or adj.label != "COUNTRY":
            return
        for key in ("country", "code"):
            if adj.attrs.get(key):
                found.attrs.setdefault(key, adj.attrs[key])
        if view.key[found.start] in self.cues.org_heads:
            found.start, found.end = min(found.start, adj.start), max(found.end, adj.end)

    # --- chunks and segments --------------------------------------------------------

    def _shape(self, view: TokenView, start: int, end: int, zone: str) -> str:
        """ "upper" for a sentence in capitals, "title" for a title-case headline, else
        "plain"."""
        if zone != "title" and len(view.flagged_in(UPPER, start, end)) < 2:
            return "plain"  # a sentence in capitals has two words in capitals at least
        words = [t for t in view.text[start:end] if t[:1].isalpha()]
        if not words:
            return "plain"
        if sum(map(is_upper, words)) > len(words) / 2 and len(words) > 2:
            return "upper"
        if zone == "title" and len(words) > 3:
            caps = sum(map(is_capitalised, words))
            if caps >= TITLE_CASE_SHARE * len(words):
                return "title"
        return "plain"

    def _chunks(self, view: TokenView, start: int, end: int) -> list[Segment]:
        cues, texts, keys, flags = self.cues, view.text, view.key, view.flags
        out: list[Segment] = []
        for i in view.flagged_in(NAMELIKE, start, end):
            if out and i < out[-1][1]:
                continue  # inside the chunk before
            j = i + 1
            organised = keys[i] in cues.org_heads or keys[i] in cues.loc_heads
            while j < end and j - i < MAX_WORDS:
                if flags[j] & NAMELIKE:
                    # A head word inside the run ("Nigerian Union of Teachers"), or a tail
                    # word of an English name ("Massachusetts Institute of Technology").
                    organised = (
                        organised or keys[j] in cues.org_heads or _english_tail(view, j, cues)
                    )
                    j += 1
                    continue
                # "e dei" goes on with the name ("Ministero delle Infrastrutture e dei
                # Trasporti"), "e il" starts another ("il Comune di Pavia e il Politecnico").
                coordinated = keys[j] in cues.coordinators and not (
                    j + 1 < end and keys[j + 1] in cues.head_particles
                )
                # After "di", "e" before a word that heads no other name goes on with the
                # name too ("Istituto Nazionale di Geofisica e Vulcanologia").
                of_both = (
                    coordinated
                    and organised
                    and any(keys[k] in cues.head_particles for k in range(i + 1, j))
                    and j + 1 < end
                    and flags[j + 1] & NAMELIKE
                    and keys[j + 1] not in cues.org_heads
                    and keys[j + 1] not in cues.loc_heads
                )
                joins = (
                    keys[j] in cues.name_particles
                    or _capital_elision(texts[j])
                    or (organised and keys[j] in cues.org_particles and not coordinated)
                    or of_both
                )
                k = j + 1
                while joins and k < end and organised and keys[k] in cues.org_particles:
                    k += 1  # "Ministero delle Infrastrutture e dei Trasporti"
                if joins and k < end and flags[k] & NAMELIKE:
                    j = k + 1
                    continue
                break
            out.append((i, j))
        return out

    def _segments(
        self, view: TokenView, chunk: Segment, fixed: set[int], places: set[int]
    ) -> list[Segment]:
        """The chunk cut around KB names, before first names, and before the known place
        that ends it: in an organisation's or a building's name ("Università Cattolica
        | di Milano", "Stadio Adriatico | di Pescara"; not "Provincia di Bolzano"), and
        in a name without a head word ("Brozzi Marelli | di Torino")."""
        if self._opening_word(view, *chunk):
            return []
        a, b = self._after_role(view, *chunk)
        keys, cues = view.key, self.cues
        if a >= b:
            return []
        english = _english_name(view, a, b, cues)
        organised = keys[a] in cues.org_heads or keys[a] in cues.loc_heads
        # A place after the name is not part of it: "Università Cattolica | di Milano",
        # "Massachusetts Institute of Technology | di Boston".
        located = (organised and keys[a] not in cues.place_of_heads) or english
        # A tail word makes one name of the words before it, KB names among them: "New
        # York Post", "Varese Calcio" (a KB name of the whole is read first).
        tailed = (
            b - a >= 2 and (keys[b - 1] in cues.org_tails or english) and not view.first_word[a]
        )
        organised = organised or tailed
        cuts = [a]
        for i in range(a + 1, b):
            previous = keys[i - 1]
            # A first name last after a word that could be one too is a surname: "Grimmo
            # Daniele" (but "Repubblica | Carlo Azeglio Ciampi", "Boston | Edward Davis").
            new_name = (
                keys[i] in cues.given
                and previous not in cues.given
                and not (a + 2 == b and self._first_name_like(view, a, fixed))
                and not (i - 1 == a and self._unknown_first_name(view, a, fixed, places))
            )
            joined = (
                previous in cues.name_particles
                or (previous,) in cues.titles
                or previous in cues.loc_heads
                or previous in cues.org_heads
                or (english and _english_particle(previous, cues))  # "Institute of Marine…"
            )
            place = (
                located
                and i in places
                and previous in cues.org_particles
                and not _english_particle(previous, cues)  # "Council of Europe"
            )
            # Without a head word, "di" in small letters before a known place or a first
            # name ends the name: "Brozzi Marelli | di Torino", "Nebbie | di Robert Fanshawe".
            of = (
                not organised
                and previous in cues.head_particles
                and view.text[i - 1].islower()
                and (i in places or keys[i] in cues.given)
            )
            if (not organised and (i in fixed or i - 1 in fixed)) or (new_name and not joined):
                cuts.append(i)
            elif place or of:
                cuts += [i - 1, i]
        cuts.append(b)
        out = []
        for x, y in itertools.pairwise(cuts):
            if x in fixed and not (tailed and x == a):
                continue
            x, y = self._trim(view, x, y)
            if x < y:
                out.append((x, y))
        return out

    def _opening_word(self, view: TokenView, a: int, b: int) -> bool:
        """A chunk of one ordinary word that opens its sentence ("Il", "Ma"), the
        commonest chunk: :meth:`_trim` would drop it, so it is dropped without the search
        for roles and cuts (a province code is kept: "(PO)")."""
        return (
            b - a == 1
            and view.first_word[a]
            and view.key[a] in self.cues.common
            and not self._province_code(view, a)
        )

    def _unknown_first_name(
        self, view: TokenView, a: int, fixed: set[int], places: set[int]
    ) -> bool:
        """A name's first word that no list knows, before a known first name, which is
        then a middle name ("Mason John Sheppard", "Mir Hossein Mousavi"): inside its
        sentence, after no particle ("il sindaco di | Rotterdam Ahmed Aboutaleb"), and
        no KB place."""
        return (
            not view.first_word[a]
            and a not in places
            and view.key[a - 1] not in self.cues.org_particles
            and self._first_name_like(view, a, fixed)
        )

    def _first_name_like(self, view: TokenView, i: int, fixed: set[int]) -> bool:
        """A capitalised word that no list knows: not an ordinary, head, role or title
        word, nor a KB name."""
        cues, key, text = self.cues, view.key[i], view.text[i]
        if i in fixed or key in cues.common or key in cues.org_heads or key in cues.loc_heads:
            return False
        if (key,) in cues.roles or (key,) in cues.titles or key in cues.name_particles:
            return False
        return len(text) >= 3 and text[1:].isalpha() and text[1:].islower()

    def _after_role(self, view: TokenView, a: int, b: int) -> Segment:
        """The chunk without a leading role and its portfolio: "Ministro dei Trasporti
        Altero Matteoli" -> "Altero Matteoli", "Presidente del Senato" -> nothing; or
        without the portfolio of a role written before it ("il ministro del Lavoro
        Carlo Fabbrucci" -> "Carlo Fabbrucci", "... del Lavoro Fabbrucci" -> "Fabbrucci")."""
        cues, keys = self.cues, view.key
        named = keys[b - 1] not in cues.loc_tails and keys[b - 1] not in cues.org_tails
        if named and keys[a] not in cues.org_heads and self.roles.portfolio_at(view, a):
            given = [
                i
                for i in range(a + 2, b)
                if keys[i] in cues.given and keys[i - 1] not in cues.name_particles
            ]
            return (given[0], b) if given else (a + 1, b)
        if not ((keys[a],) in cues.roles or (keys[a],) in cues.titles):
            return a, b
        a += 1
        if a < b and keys[a] in cues.org_particles:
            given = [i for i in range(a, b) if keys[i] in cues.given]
            if given:
                return given[0], b
            last = keys[b - 1]
            heads = cues.org_heads | cues.loc_heads
            named = last not in cues.common and last not in heads
            return (b - 1, b) if named and b - a > 1 else (b, b)
        return a, b

    def _trim(self, view: TokenView, a: int, b: int) -> Segment:
        """Drop titles, role words, ordinary words and particles before the name, and
        particles after it."""
        cues, keys = self.cues, view.key
        if b - a == 1 and self._province_code(view, a):
            return a, b  # "(PO)", "(VA)": codes that spell ordinary words too
        while a < b:
            key = keys[a]
            leading_cue = (key,) in cues.titles or (key,) in cues.roles
            initial = view.first_word[a] and key in cues.initial_words
            ordinary = initial or (
                key in cues.common and (view.first_word[a] or key not in cues.name_particles)
            )
            dangling = not view.flags[a] & CAPITALISED and not PREFIXED.match(view.text[a])
            if not (leading_cue or ordinary or dangling):
                break
            a += 1
        while b > a and (keys[b - 1] in cues.name_particles or keys[b - 1] in cues.org_particles):
            b -= 1
        return a, b

    # --- classification -------------------------------------------------------------

    def _classify(
        self, view: TokenView, a: int, b: int, by_end: dict[int, Found], guesses: bool
    ) -> Found | None:
        cues, keys = self.cues, view.key
        text = view.span_text(a, b)
        size = b - a
        known = self._known(text, a, b)
        if known is not None:
            if known.entry is not None and medium(view, cues, a, b, known.entry):
                return None
            return known
        # A first name that is also an institution's word leads a person's name: the
        # institution rule leaves it, and its head word must not make it one either
        # (unless another head follows: "Marina Romanò dell'Assemblea Città Studi").
        person = (
            (keys[a] in cues.org_heads or (keys[a],) in cues.institutions)
            and size >= 2
            and first_name_leads(view, cues, self.adjectives, a)
            and cues.org_heads.isdisjoint(keys[a + 1 : b])
            and cues.loc_heads.isdisjoint(keys[a + 1 : b])
        )
        if (self._institution(view, a, b) and not person) or self._event(view, b):
            return None
        headed = None if person else self._headed(view, a, b, text)
        if headed is not None:
            return headed
        led = self._led_by_lower_head(view, a, b)
        if led is not None:
            return led
        if guesses and self._place_of(view, a, b):
            return self._unknown(a, b, text, "LOCATION", 0.5, GUESS, LONE_RULE)
        if guesses and self._person_of(view, a, b):
            return self._unknown(a, b, text, "PERSON", 0.6, CUE, "entities.person_noun")
        if size == 1 and self._province_code(view, a):
            return self._unknown(a, b, text, "LOCATION", 0.6, CUE, "entities.province_code")
        if self._nickname(view, a):
            return self._unknown(a, b, text, "PERSON", 0.7, CUE, "entities.nickname")
        if self._speaker(view, a):
            return self._unknown(a, b, text, "PERSON", 0.6, CUE, "entities.speaker")
        after_particle = a > 0 and keys[a - 1] in cues.org_particles
        # A nationality adjective after a role's words is no name ("presidente della
        # Repubblica Italiana").
        adjective = size == 1 and keys[a] in self.adjectives
        cue = None if after_particle or adjective else self.roles.before(view, a, by_end)
        if cue is not None:
            return self._unknown(a, b, text, "PERSON", 0.8, CUE, "entities.role_cue")
        if keys[a] in cues.given and not is_upper(view.text[a]):
            if size >= 2:
                return self._unknown(a, b, text, "PERSON", 0.75, CUE, GIVEN_NAME_RULE)
            if keys[a] not in cues.common:
                return self._unknown(a, b, text, "PERSON", 0.5, GUESS, GIVEN_NAME_RULE)
        described = self._described(view, a, b)
        if described is not None:
            return described
        if size == 1 and self._acronym(view, a):
            return self._unknown(a, b, text, "ORGANIZATION", 0.55, GUESS, "entities.acronym")
        capitalised = view.flags[a] & view.flags[b - 1] & CAPITALISED
        plain = self._plain(view, a, b)
        english = not cues.english_function_words.isdisjoint(keys[a:b])
        if guesses and size >= 2 and capitalised and plain and not english:
            if _quoted(view, a, b) or self._model_name(view, a, b):
                return None
            titled = keys[a] in cues.org_articles and not view.first_word[a]  # "The Nation"
            # Alone in brackets after a name, a name is its publisher, team or party
            # ("Le ombre di Aldo Ferracuti (Gallo Bianchetti)"): an organisation.
            bracketed = a > 0 and b < len(view) and (view.text[a - 1], view.text[b]) == ("(", ")")
            label = (
                "ORGANIZATION"
                if titled or bracketed
                else self._after_article(view, a) or self._after_place_only(view, a) or "PERSON"
            )
            return self._unknown(a, b, text, label, 0.5, GUESS, "entities.capitalised")
        if guesses and size == 1 and plain and self._lone_place(view, a):
            return self._unknown(a, b, text, "LOCATION", 0.4, GUESS, LONE_RULE)
        return None

    @staticmethod
    def _model_name(view: TokenView, a: int, b: int) -> bool:
        """A name with a lone capital letter among its words, or a Roman numeral before
        its last word, as products, series and shows are named ("X Factor", "Galaxy S
        III Mini"); a person's has a numeral last ("Rama IX", "Berlusconi II" of a
        cabinet), and a letter with a stop ("J. Robin Warren")."""
        texts = view.text[a:b]
        return any(len(t) == 1 for t in texts) or any(ROMAN.match(t) for t in texts[:-1])

    def _plain(self, view: TokenView, a: int, b: int) -> bool:
        """No ordinary word among the name's, but for a surname's particle ("Lucrezia Di
        Vanzetti"); one set test first, since most names hold no ordinary word."""
        cues = self.cues
        return cues.common.isdisjoint(view.key[a:b]) or not any(
            k in cues.common and not _capital_particle(view.text[i], k, cues)
            for i, k in enumerate(view.key[a:b], a)
        )

    def _event(self, view: TokenView, b: int) -> bool:
        """A name ending in a word that names an event ("World Cup", "Varzolo
        JazzFestival"): neither a person, an organisation nor a place."""
        text = view.text[b - 1]
        if view.key[b - 1] in self.cues.event_tails:
            return True
        humps = _HUMPS.findall(text[1:])  # a word in camel case: its last part
        return bool(humps) and fold(humps[-1]) in self.cues.event_tails

    def _nickname(self, view: TokenView, a: int) -> bool:
        """A name after the word that gives a person's nickname, itself after a name:
        "Mario Rossi detto Saetta", "Mario Rossi, detto Saetta" (not "ha detto Rossi")."""
        h = a - 1
        return (
            h > 1
            and view.key[h] in self.cues.nickname_cues
            and view.text[h].islower()
            and view.same_sentence(h - 1, a)
            and (is_capitalised(view.text[h - 1]) or view.text[h - 1] in {",", "("})
        )

    def _speaker(self, view: TokenView, a: int) -> bool:
        """A name right after a speech verb in the past: "ha detto Dadullah"."""
        h = a - 1
        cues = self.cues
        return (
            h > 0
            and view.key[h] in cues.speech_participles
            and view.key[h - 1] in cues.speech_auxiliaries
            and view.same_sentence(h - 1, a)
        )

    def _after_article(self, view: TokenView, a: int) -> str | None:
        """The type an article before an unknown name gives it: news prose writes no
        article before a person's name, so after one the name is an organisation's ("il
        West Ham United", "dalla Celtic League"), or after "in" and an article a place's
        ("nella Rift Valley")."""
        h = a - 1
        if h < 0 or not view.same_sentence(h, a):
            return None
        key = view.key[h]
        if key in self.cues.place_articles:
            return "LOCATION"
        if key in self.cues.org_articles:
            return "ORGANIZATION"
        return None

    def _after_place_only(self, view: TokenView, a: int) -> str | None:
        """ "LOCATION" for an unknown name after a preposition that takes no person's name
        ("in Alta Provenza", "presso Serre Persano")."""
        return "LOCATION" if view.phrase_ending(a, self.cues.place_only_prepositions) >= 0 else None

    def _place_of(self, view: TokenView, a: int, b: int) -> bool:
        """A capitalised name after a noun that takes a place's name ("il sindaco di
        Capoterra", "i comuni di Castiglione dei Pepoli", "the mayor of Ribera")."""
        return self._noun_of(view, a, b, self.cues.place_nouns)

    def _person_of(self, view: TokenView, a: int, b: int) -> bool:
        """A capitalised name after a noun that takes a person's name ("la morte di
        Zambrotti", "il padre di Ottavia", "the murder of Zambrotti")."""
        return self._noun_of(view, a, b, self.cues.person_nouns)

    def _noun_of(self, view: TokenView, a: int, b: int, nouns: frozenset[str]) -> bool:
        h = a - 1
        # The words before the name first: few names follow a noun and a particle.
        if not (h > 0 and view.key[h] in self.cues.place_of_particles and view.key[h - 1] in nouns):
            return False
        if view.first_word[a] or not view.flags[a] & view.flags[b - 1] & CAPITALISED:
            return False
        if any(is_upper(view.text[i]) for i in range(a, b)):
            return False
        return view.same_sentence(h - 1, a)

    def _listed(
        self, view: TokenView, a: int, b: int, place_ends: set[int], found: Found | None
    ) -> bool:
        """An unknown capitalised name listed after a place ("Scarperia (FI), Vernio e
        Castiglione dei Pepoli"): another place; or, with the ends of people's names as
        ``place_ends``, after a person ("Togliatti e De Gasperi, Valletta"): another
        person. After a comma, a name the rules took for a person's stays one ("il
        sindaco di Stroppiana, Vittorino Piazza")."""
        k = a - 1
        if k < 1:
            return False
        # The word before the name first: few names follow a comma or a coordinator.
        coordinated = view.key[k] in self.cues.coordinators
        guessed = found is None or (coordinated and found.rule == "entities.capitalised")
        if not guessed or not (coordinated or view.text[k] == ","):
            return False
        if view.first_word[a] or any(is_upper(view.text[i]) for i in range(a, b)):
            return False
        if not view.flags[a] & view.flags[b - 1] & CAPITALISED:
            return False
        if view.text[k - 1] == ")" and k >= 4 and view.text[k - 3] == "(":
            k -= 3  # a province code after the place: "Scarperia (FI),"
        return k in place_ends and view.same_sentence(k - 1, a)

    def _province_code(self, view: TokenView, i: int) -> bool:
        """A province's code in brackets after a town's name: "Pontecorvo (FR)"."""
        return (
            view.text[i] in self.cues.province_codes  # the rarest condition first
            and 0 < i < len(view) - 1
            and view.text[i - 1] == "("
            and view.text[i + 1] == ")"
        )

    def _lone_place(self, view: TokenView, i: int) -> bool:
        """A capitalised word inside a sentence that no rule knows, after a place
        preposition ("a Carpi", "in Moldavia"): most often a place. (Alone elsewhere, a
        capitalised word is a surname, a team, a brand or a ship too often to guess.)"""
        text, key, cues = view.text[i], view.key[i], self.cues
        if view.first_word[i] or len(text) < 3 or is_upper(text) or not text[1:].islower():
            return False
        if key in cues.org_heads or key in cues.loc_heads:
            return False
        if (key,) in cues.roles or (key,) in cues.titles:
            return False
        return view.phrase_ending(i, cues.place_prepositions) >= 0

    def _institution(self, view: TokenView, a: int, b: int) -> bool:
        """A name led by an institution's common noun ("Procura di Cagliari"), which the
        institution rule reads as the institution and its place."""
        inst = self.cues.institutions.get((view.key[a],))
        return b - a >= 2 and inst is not None and inst.bare

    def _headed(self, view: TokenView, a: int, b: int, text: str) -> Found | None:
        """A place or organisation by its head or tail word."""
        cues, keys = self.cues, view.key
        head = keys[a]
        if b - a < 2:
            return None
        if head in cues.loc_heads and (head not in cues.org_heads or head in cues.place_of_heads):
            return self._unknown(a, b, text, "LOCATION", 0.7, CUE, "entities.place_head")
        tail = keys[b - 1] in cues.org_tails or _english_name(view, a, b, cues)
        if head in cues.org_heads or tail:
            return self._unknown(a, b, text, "ORGANIZATION", 0.7, CUE, "entities.org_head")
        if keys[b - 1] in cues.loc_tails:
            return self._unknown(a, b, text, "LOCATION", 0.7, CUE, "entities.place_head")
        return None

    def _led_by_lower_head(self, view: TokenView, a: int, b: int) -> Found | None:
        """ "provincia di Sondrio", "via del Corso", "università di Nottingham": a head
        word in lower case, maybe a particle, then the name (:mod:`.heads`)."""
        found = heads.lead(view, self.cues, a, capitals=False)
        if found is None:
            return None
        h, label = found
        rule = heads.PLACE_RULE if label == "LOCATION" else heads.ORG_RULE
        return self._unknown(h, b, view.span_text(h, b), label, heads.CONFIDENCE, CUE, rule)

    def _described(self, view: TokenView, a: int, b: int) -> Found | None:
        """A name after a common noun that says what it names, which is not part of the
        name: "la società Idc", "la compagnia ferroviaria spagnola Renfe", "in località
        Raica". Up to :data:`MAX_MODIFIERS` adjectives may stand between them: those of
        countries, or the listed ones."""
        cues, keys = self.cues, view.key
        h = a - 1
        while h >= 0 and a - 1 - h < MAX_MODIFIERS and view.same_sentence(h, a):
            key = keys[h]
            label = cues.descriptors.get(key)
            # A head written with a capital is part of the name ("Società Autostrade"),
            # but for an institution's, which takes its head's name ("Governo Letta").
            if label is not None and (
                not is_capitalised(view.text[h]) or (key,) in cues.institutions
            ):
                text = view.span_text(a, b)
                return self._unknown(a, b, text, label, 0.65, CUE, _DESCRIBED_RULES[label])
            if key not in cues.descriptor_modifiers and key not in self.adjectives:
                return None
            h -= 1
        return None

    def _acronym(self, view: TokenView, i: int) -> bool:
        """An unknown all-capitals word that is likely an organisation: not a Roman
        numeral, a person's initials ("J.K."), a listed non-organisation ("UTC", "HIV"),
        nor a two-letter code in brackets (an Italian province: "Civitavecchia (RM)")."""
        text = view.text[i]
        if not (is_upper(text) and 2 <= len(text) <= 6) or ROMAN.match(text):
            return False
        if _INITIALS.match(text):  # a person's initials: "J.K. Ferlenghi"
            return False
        key = view.key[i]
        if key in self.cues.common or key in self.cues.not_acronyms:
            return False
        bracketed = 0 < i < len(view) - 1 and view.text[i - 1] == "(" and view.text[i + 1] == ")"
        return not (bracketed and len(text) == 2)

    def _reading(self, text: str) -> Candidate | None:
        """The KB entry a segment's text names, if any (an adjective or a bulk place name
        does not count)."""
        if text in self._readings:
            return self._readings[text]
        if len(self._readings) >= MAX_REMEMBERED:
            self._readings.clear()
        candidates = [c for c in self.kb.lookup(text, self.cues.lang) if c.name.kind != "adjective"]
        best = candidates[0] if candidates and not candidates[0].entry.attrs.get("bulk") else None
        self._readings[text] = best
        return best

    def _known(self, text: str, a: int, b: int) -> Found | None:
        best = self._reading(text)
        if best is None:
            return None
        entry = best.entry
        attrs: dict[str, object] = {}
        if entry.code:
            attrs["code"] = entry.code
        if entry.country:
            attrs["country"] = entry.country
        rule = "kb.variant" if best.how == "variant" else "kb.name"
        return Found(a, b, entry.type, entry.id, entry.name, rule, 0.85, KB, entry, attrs)

    def _unknown(
        self, a: int, b: int, text: str, label: str, confidence: float, priority: int, rule: str
    ) -> Found:
        named = self._ids.get((label, text))
        if named is None:
            if len(self._ids) >= MAX_REMEMBERED:
                self._ids.clear()
            name = " ".join(text.split())
            key = name_key(name) if label == "PERSON" else fold(name)
            named = self._ids[label, text] = (name, "ent/" + stable_id(label, key))
        name, entity = named
        return Found(a, b, label, entity, name, rule, confidence, priority)
