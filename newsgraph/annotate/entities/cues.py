"""The per-language cues of the entity component, compiled from ``entities.yaml``.

Every word list is folded (case, diacritics, apostrophes) once here, so the rules compare
folded token keys with set and dict look-ups. Multi-word phrases (roles, institutions,
place prepositions) are kept as tuples of folded words, indexed by their last word so a
rule scanning leftwards from a name finds them cheaply. Weekday and month names come
from CLDR through babel, and the stop words from spaCy: no language needs to list them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph import lexicon
from newsgraph.config import DATA_DIR
from newsgraph.resolve.variants import fold

GIVEN_NAMES_FILE = DATA_DIR / "kb" / "given_names.txt"

Phrase = tuple[str, ...]


def _words(values: Any) -> frozenset[str]:
    return frozenset(fold(str(v)) for v in values or ())


def _phrase(text: str) -> Phrase:
    """A phrase as folded words, with elided articles split off as the tokenizer does
    ("dell'interno" -> ("dell'", "interno"))."""
    out: list[str] = []
    for word in fold(text).split():
        head, sep, tail = word.partition("'")
        if sep and tail:
            out += [head + "'", tail]
        else:
            out.append(word)
    return tuple(out)


def _phrases(values: Any) -> dict[Phrase, Any]:
    if isinstance(values, dict):
        return {_phrase(str(k)): v for k, v in values.items()}
    return {_phrase(str(v)): None for v in values or ()}


def _by_last(phrases: dict[Phrase, Any]) -> dict[str, list[Phrase]]:
    """Phrases indexed by their last word, longest first."""
    out: dict[str, list[Phrase]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        out.setdefault(p[-1], []).append(p)
    return out


def _by_first(phrases: dict[Phrase, Any]) -> dict[str, list[Phrase]]:
    """Phrases indexed by their first word, longest first."""
    out: dict[str, list[Phrase]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        out.setdefault(p[0], []).append(p)
    return out


def _calendar_words(lang: str) -> frozenset[str]:
    """Weekday and month names (all widths and forms) from CLDR."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return frozenset()
    try:
        loc = Locale.parse(lang)
    except (ValueError, LookupError, UnknownLocaleError):  # a code CLDR does not know
        return frozenset()
    out: set[str] = set()
    for table in (loc.days, loc.months):
        for context in table.values():
            for width in ("wide", "abbreviated"):
                out |= {fold(str(v)).rstrip(".") for v in context.get(width, {}).values()}
    return frozenset(w for w in out if len(w) > 2)


def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.stop_words(lang))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names from many languages: a capitalised word in this list starts a
    person's name ("Keir Starmer", "Atta Kenare")."""
    if not GIVEN_NAMES_FILE.is_file():
        return frozenset()
    lines = GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w) for line in lines if not line.startswith("#") for w in line.split())


@dataclass
class Institution:
    """A common noun naming a state institution ("governo", "foreign ministry")."""

    id: str
    name: str
    sector: str
    bare: bool
    #: Only written with a capital is the noun the institution ("lo Stato", not "è stato").
    proper: bool = False
    #: The word is also an adjective, and then names nothing ("military equipment",
    #: "operazioni militari").
    adjectival: bool = False
    #: Written in lower case, the words describe the actor rather than name it ("le
    #: autorità tedesche", "truppe americane", "l'esecutivo"): the mention is kept for
    #: the events, marked ``form == "description"`` for scorers of names.
    descriptive: bool = False
    #: After a bare particle the noun qualifies the one before it and names nothing
    #: ("crisi di governo", "visita di Stato", "colpo di Stato").
    qualifying: bool = False


@dataclass
class Cues:
    lang: str
    adjective_after: bool = True
    possessives: frozenset[str] = frozenset()
    elisions: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    org_particles: frozenset[str] = frozenset()
    place_prepositions: dict[str, list[Phrase]] = field(default_factory=dict)
    #: The place prepositions that take no person's name ("in", not "a": "va a Rossi").
    place_only_prepositions: dict[str, list[Phrase]] = field(default_factory=dict)
    coordinators: frozenset[str] = frozenset()
    #: Words before an online platform's name that make it the medium ("su Twitter").
    medium_words: frozenset[str] = frozenset()
    #: Words of sport: with a score in the sentence they make a country its team.
    sport_words: frozenset[str] = frozenset()
    place_context: frozenset[str] = frozenset()
    home_countries: frozenset[str] = frozenset()
    titles: dict[Phrase, str | None] = field(default_factory=dict)
    titles_by_last: dict[str, list[Phrase]] = field(default_factory=dict)
    roles: dict[Phrase, tuple[str, str]] = field(default_factory=dict)
    roles_by_last: dict[str, list[Phrase]] = field(default_factory=dict)
    roles_by_first: dict[str, list[Phrase]] = field(default_factory=dict)
    role_modifiers: frozenset[str] = frozenset()
    #: Titles written as part of a person's name ("don Abbondio", "suor Angelica").
    name_titles: frozenset[str] = frozenset()
    #: Words after which a capitalised name is a person's nickname ("detto Saetta").
    nickname_cues: frozenset[str] = frozenset()
    #: Past participles of speech verbs and their auxiliaries: a name right after them is
    #: the speaker's ("ha detto Dadullah").
    speech_participles: frozenset[str] = frozenset()
    speech_auxiliaries: frozenset[str] = frozenset()
    #: Roles written with a portfolio between them and the name ("ministro del Lavoro").
    portfolio_roles: frozenset[str] = frozenset()
    apposition_skips: tuple[Phrase, ...] = ()
    org_heads: frozenset[str] = frozenset()
    org_tails: frozenset[str] = frozenset()
    #: Words that end the name of an event ("World Cup", "Tony Award").
    event_tails: frozenset[str] = frozenset()
    loc_heads: frozenset[str] = frozenset()
    loc_tails: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    #: Nouns that take a person's name after "di" ("la morte di Ferri").
    person_nouns: frozenset[str] = frozenset()
    #: Words naming part of a place: after it in small letters ("Italia centrale"), and
    #: points written with a capital on either side of it ("Germania Est", "Nord Italia").
    compass_adjectives: frozenset[str] = frozenset()
    compass_points: frozenset[str] = frozenset()
    place_of_particles: frozenset[str] = frozenset()
    #: Codes written in capitals, as they are matched ("FI", not "fi").
    province_codes: frozenset[str] = frozenset()
    org_articles: frozenset[str] = frozenset()
    place_articles: frozenset[str] = frozenset()
    #: Definite articles that make a city's name its sports club's ("il Napoli").
    team_articles: frozenset[str] = frozenset()
    #: The articles a place's own name may start with ("il Cairo", "la Mecca", "l'Aia").
    name_articles: tuple[str, ...] = ()
    #: "a" and "in" joined to those articles ("al Cairo"): place prepositions before them.
    article_place_prepositions: frozenset[str] = frozenset()
    descriptors: dict[str, str] = field(default_factory=dict)
    descriptor_modifiers: frozenset[str] = frozenset()
    place_of_heads: frozenset[str] = frozenset()
    lower_place_heads: frozenset[str] = frozenset()
    lower_building_heads: frozenset[str] = frozenset()
    lower_org_heads: frozenset[str] = frozenset()
    #: Building heads whose name after "di" is the building's own ("chiesa di Sant'Anna").
    dedicated_heads: frozenset[str] = frozenset()
    #: Particles between a head word and the name it belongs to ("golfo del Messico").
    head_particles: frozenset[str] = frozenset()
    #: Area heads that, written as part of the name, name the area's administration.
    administration_heads: frozenset[str] = frozenset()
    not_acronyms: frozenset[str] = frozenset()
    institutions: dict[Phrase, Institution] = field(default_factory=dict)
    institutions_by_first: dict[str, list[Phrase]] = field(default_factory=dict)
    #: The particles after which a qualifying institution's word qualifies (``di``).
    qualifying_particles: frozenset[str] = frozenset()
    #: Nouns whose kind or activity an institution's word after "di" gives ("forze di
    #: polizia", "operazione di polizia"): the word describes, it names nothing.
    kind_nouns: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    #: English function words, in another language's text: a run of capitalised words
    #: with one of them is a title or an English name, not a person's ("Mad About You").
    english_function_words: frozenset[str] = frozenset()
    initial_words: frozenset[str] = frozenset()
    place_homonyms: frozenset[str] = frozenset()
    not_materiel: frozenset[str] = frozenset()
    given: frozenset[str] = frozenset()
    #: Endings of the adjectives that, written with a capital after an institution's
    #: word, make it part of a longer name ("Repubblica Popolare", "Consiglio Federale").
    name_adjective_endings: tuple[str, ...] = ()


@lru_cache(maxsize=32)
def cues_for(lang: str) -> Cues:
    data = lexicon.load(lang, "entities")
    roles = {p: (str(v[0]), str(v[1])) for p, v in _phrases(data.get("roles")).items()}
    bare = {_phrase(str(w)) for w in data.get("bare_institutions") or ()}
    proper = {_phrase(str(w)) for w in data.get("proper_institutions") or ()}
    adjectival = {_phrase(str(w)) for w in data.get("adjectival_institutions") or ()}
    descriptive = {_phrase(str(w)) for w in data.get("descriptive_institutions") or ()}
    qualifying = {_phrase(str(w)) for w in data.get("qualifying_institutions") or ()}
    institutions = {
        p: Institution(
            str(v[0]),
            str(v[1]),
            str(v[2]),
            bare=p in bare,
            proper=p in proper,
            adjectival=p in adjectival,
            descriptive=p in descriptive,
            qualifying=p in qualifying,
        )
        for p, v in _phrases(data.get("institutions")).items()
    }
    titles = _phrases(data.get("person_titles"))
    calendar = _calendar_words(lang)
    particles = _words(data.get("name_particles"))
    english = frozenset() if lang == "en" else _stop_words("en") - particles - given_names()
    return Cues(
        lang=lang,
        adjective_after=data.get("adjective_position", "after") == "after",
        possessives=_words(data.get("possessives")),
        elisions=_words(data.get("elisions")),
        name_particles=particles,
        org_particles=_words(data.get("org_particles")),
        place_prepositions=_by_last(_phrases(data.get("place_prepositions"))),
        place_only_prepositions=_by_last(_phrases(data.get("place_only_prepositions"))),
        coordinators=_words(data.get("coordinators")),
        sport_words=_words(data.get("sport_words")),
        medium_words=_words(data.get("medium_words")),
        place_context=_words(data.get("place_context")),
        home_countries=frozenset(str(c) for c in data.get("home_countries") or ()),
        titles=titles,
        titles_by_last=_by_last(titles),
        roles=roles,
        roles_by_last=_by_last(roles),
        roles_by_first=_by_first(roles),
        role_modifiers=_words(data.get("role_modifiers")),
        portfolio_roles=_words(data.get("portfolio_roles")),
        nickname_cues=_words(data.get("nickname_cues")),
        speech_participles=_words(data.get("speech_participles")),
        speech_auxiliaries=_words(data.get("speech_auxiliaries")),
        name_titles=_words(data.get("name_titles")),
        apposition_skips=tuple(
            sorted(_phrases(data.get("apposition_skips")), key=len, reverse=True)
        ),
        org_heads=_words(data.get("org_heads")),
        org_tails=_words(data.get("org_tails")),
        event_tails=_words(data.get("event_tails")),
        loc_heads=_words(data.get("loc_heads")),
        loc_tails=_words(data.get("loc_tails")),
        place_nouns=_words(data.get("place_nouns")),
        person_nouns=_words(data.get("person_nouns")),
        compass_adjectives=_words(data.get("compass_adjectives")),
        compass_points=_words(data.get("compass_points")),
        place_of_particles=_words(data.get("place_of_particles")),
        province_codes=frozenset(str(c) for c in data.get("province_codes") or ()),
        org_articles=_words(data.get("org_articles")),
        place_articles=_words(data.get("place_articles")),
        team_articles=_words(data.get("team_articles")),
        name_articles=tuple(str(a) for a in data.get("name_articles") or ()),
        article_place_prepositions=_words(data.get("article_place_prepositions")),
        descriptors={fold(str(k)): str(v) for k, v in (data.get("descriptors") or {}).items()},
        descriptor_modifiers=_words(data.get("descriptor_modifiers")),
        place_of_heads=_words(data.get("place_of_heads")),
        lower_place_heads=_words(data.get("lower_place_heads")),
        lower_building_heads=_words(data.get("lower_building_heads")),
        lower_org_heads=_words(data.get("lower_org_heads")),
        dedicated_heads=_words(data.get("dedicated_heads")),
        head_particles=_words(data.get("head_particles", data.get("org_particles"))),
        administration_heads=_words(data.get("administration_heads")),
        not_acronyms=_words(data.get("not_acronyms")),
        institutions=institutions,
        institutions_by_first=_by_first(institutions),
        qualifying_particles=_words(data.get("qualifying_particles")),
        kind_nouns=_words(data.get("kind_nouns")),
        common=_words(data.get("common_words")) | _stop_words(lang) | calendar,
        english_function_words=english,
        initial_words=_words(data.get("initial_words")),
        place_homonyms=_words(data.get("place_homonyms")),
        not_materiel=_words(data.get("not_materiel")),
        given=given_names() - calendar,
        name_adjective_endings=tuple(
            fold(str(e)) for e in data.get("name_adjective_endings") or ()
        ),
    )
