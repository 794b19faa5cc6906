"""The event and quotation lexicon of one language, compiled from its YAML data.

``newsgraph/data/lang/<code>/events.yaml`` lists trigger verbs by lemma, nominalisations
and multiword expressions with the PLOVER type, mode and context they signal and the
*frame* that says where their arguments are (which prepositions introduce the recipient,
whether the subject is the recipient as with "receive", whether a complement clause holds
a reported act and with what modality). It also lists the function words the argument
rules need (prepositions and their articulated forms, determiners, subordinators,
auxiliaries, modals, negation, reporting verbs…) and the morphology that inflects the
lemmas. ``quotes.yaml`` adds quotation marks and the cues that a quoted string is a name
rather than speech. This module turns both into lookup tables, once per language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from newsgraph import lexicon
from newsgraph.annotate.events.morphology import Morphology, index_forms
from newsgraph.ontology import MODALITIES
from newsgraph.ontology import load as load_ontology


class EventLexiconError(ValueError):
    pass


#: Word forms whose classes are remembered per language (a news corpus has far fewer).
WORD_CACHE_SIZE = 200_000

OPEN_PAREN = frozenset({"(", "["})
CLOSE_PAREN = frozenset({")", "]"})
#: Punctuation that opens a clause or a bracket.
CLAUSE_PUNCT = OPEN_PAREN | CLOSE_PAREN | {";", ":", ","}


def norm(text: str) -> str:
    """The form tokens and lexicon words are compared in: lower case, straight apostrophe."""
    return text.lower().replace("’", "'").replace("`", "'")


class WordSet:
    """Words given literally or as ``prefix*`` patterns."""

    __slots__ = ("exact", "prefixes")

    def __init__(self, words: Iterable[str] = ()) -> None:
        exact: set[str] = set()
        prefixes: list[str] = []
        for w in words:
            w = norm(str(w))
            if w.endswith("*"):
                prefixes.append(w[:-1])
            else:
                exact.add(w)
        self.exact = frozenset(exact)
        self.prefixes = tuple(prefixes)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (
            word in self.exact or (bool(self.prefixes) and word.startswith(self.prefixes))
        )

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes)

    def meets(self, words: Collection[str]) -> bool:
        """Whether any of ``words`` is in the set: one set operation for the literal words
        instead of a membership test per word."""
        if not self.exact.isdisjoint(words):
            return True
        return bool(self.prefixes) and any(w.startswith(self.prefixes) for w in words)


@dataclass(frozen=True)
class Complement:
    """A clause or infinitive after the trigger that holds another act ("accused X *of
    supplying*", "denied *that*…"): who its actor is and what modality it gets."""

    markers: frozenset[str]
    control: str = "subject"  # subject | object: whose act the embedded one is
    modality: str | None = None
    emit: bool = True  # False: the embedded act only informs this event (threaten *to* …)
    causative: bool = False  # "ordered X to suspend publication": a forceful act is X's coercion


@dataclass(frozen=True)
class Frame:
    recipient: frozenset[str] = frozenset({"direct"})
    inverse: bool = False
    reciprocal: bool = False
    genitive: str | None = None
    adjective: str = "actor"
    complement: Complement | None = None
    fallback: bool = True
    object_actor: bool = False  # "withdrew the US from the deal": the object acts
    purpose: bool = False  # the recipient may be named in a purpose clause after it
    passive_actor: bool = False  # in the passive the subject acts ("were demobilized")
    place_recipient: bool = False  # a place after a recipient preposition receives ("a Mosca")


@dataclass(frozen=True)
class Trigger:
    id: str
    type: str
    kind: str  # verb | noun | phrase
    mode: str | None = None
    context: tuple[str, ...] = ()
    frame: Frame = Frame()
    requires: WordSet = field(default_factory=WordSet)
    excludes: WordSet = field(default_factory=WordSet)
    window: int = 6
    not_before: WordSet = field(default_factory=WordSet)
    negated_type: str | None = None
    setting: bool = (
        False  # a meeting noun whose participants act in the clause ("Al vertice …, X disse a Y")
    )
    order: int = 0  # position in the data: earlier entries win ties
    phrase: tuple[WordSet | frozenset[str], ...] = ()


class WordInfo(NamedTuple):
    """What the rules need to know about one word form, computed once per form."""

    prep: str | None
    det: bool
    conj: bool
    sub: bool
    relative: bool
    contrast: bool
    neg: bool
    clitic: bool
    pronoun: bool
    both: bool
    adverb: bool
    verb: dict[str, set[str]] | None
    features: frozenset[str]
    # Where the rules start looking: a document's positions of these are collected at
    # once (``itertools.compress``) instead of testing every token in Python.
    opens: bool  # may open a clause or a bracket (what clause segmentation looks at)
    trigger: bool  # may start a trigger (see :attr:`EventLexicon.trigger_forms`)
    multiword: bool  # may start a multiword preposition ("nei confronti di")
    adverb_phrase: bool  # may start a multiword adverb ("in gran parte")


@dataclass
class EventLexicon:
    lang: str
    verbs: dict[str, dict[str, set[str]]]  # form -> {lemma: features}
    verb_triggers: dict[str, list[Trigger]]  # lemma -> triggers
    noun_triggers: dict[str, list[Trigger]]  # form -> triggers
    phrase_triggers: dict[str, list[Trigger]]  # first-word form -> triggers
    prepositions: dict[str, str]  # form -> base
    words: dict[str, WordSet]  # named function-word classes
    aux: dict[str, str]  # lemma -> role (perfect, passive, progressive)
    modals: dict[str, str]  # lemma -> modality
    tense_modality: dict[str, str]  # feature (fut, cond) -> modality
    verb_suffixes: dict[str, tuple[str, ...]]  # feature -> endings of unknown finite verbs
    light_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    contexts: dict[str, WordSet]
    modes: dict[str, dict[str, WordSet]]
    multiword_index: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = field(
        default_factory=dict
    )
    adverb_index: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = field(
        default_factory=dict
    )
    pro_drop: bool = False
    capitalised_demonyms: bool = True
    _words_seen: dict[str, WordInfo] = field(default_factory=dict, repr=False)
    _tokens_seen: dict[str, tuple[str, WordInfo]] = field(default_factory=dict, repr=False)
    #: One copy of each distinct verbless word class: most words a corpus brings are in
    #: no class at all, and the cache of seen words then holds one shared value for them.
    _infos: dict[WordInfo, WordInfo] = field(default_factory=dict, repr=False)
    #: The classes of the forms no table lists, by their :meth:`_ending`.
    _unlisted: dict[tuple[bool, frozenset[str]], WordInfo] = field(
        default_factory=dict, repr=False
    )

    @cached_property
    def trigger_forms(self) -> frozenset[str]:
        """Every word form that can start a trigger: a phrase's or a noun's first word, or a
        form of a verb with triggers. Any other token starts none, which lets the trigger
        search pass it by without asking what it is."""
        verbs = {
            form
            for form, lemmas in self.verbs.items()
            if any(lemma in self.verb_triggers for lemma in lemmas)
        }
        return frozenset(verbs | self.noun_triggers.keys() | self.phrase_triggers.keys())

    def token(self, text: str) -> tuple[str, WordInfo]:
        """A token's normalised form and its classes, cached by the token's text: a
        document's token table reads every token, and a corpus repeats its tokens."""
        found = self._tokens_seen.get(text)
        if found is None:
            form = norm(text)
            found = (text if form == text else form, self.word(form))
            if len(self._tokens_seen) < WORD_CACHE_SIZE:
                self._tokens_seen[text] = found
        return found

    def tokens(self, texts: list[str]) -> list[tuple[str, WordInfo]]:
        """:meth:`token` of each text: one look-up per token in the cache, the rest read
        only for the texts it lacks."""
        looked = list(map(self._tokens_seen.get, texts))
        if None in looked:
            read = self.token
            return [found or read(text) for found, text in zip(looked, texts, strict=True)]
        return looked  # type: ignore[return-value]

    @cached_property
    def _adverb_endings(self) -> tuple[str, ...] | None:
        suffixes = self.words.get("adverb_suffixes")
        return None if suffixes is None else tuple(suffixes.exact)

    def word(self, form: str) -> WordInfo:
        """The classes of a (normalised) word form, cached: a corpus repeats its words."""
        info = self._words_seen.get(form)
        if info is None:
            ending = self._ending(form)
            if form in self._listed or form.startswith(self._class_prefixes):
                info = self._classify(form, ending)
                if info.verb is None:  # a verb's table is a dict, and no verb shares it
                    info = self._infos.setdefault(info, info)
            else:
                # Most forms a corpus brings are listed nowhere, and the ending is all that
                # classes them: they share one value per ending, classified once.
                info = self._unlisted.get(ending)
                if info is None:
                    info = self._classify(form, ending)
                    info = self._unlisted[ending] = self._infos.setdefault(info, info)
            if len(self._words_seen) < WORD_CACHE_SIZE:
                self._words_seen[form] = info
        return info

    @cached_property
    def _listed(self) -> frozenset[str]:
        """The forms a table of the lexicon names, and clause punctuation: every other form
        (unless a class lists it by a prefix) is in no class and no trigger."""
        return frozenset().union(
            self._classes_by_word,
            self.prepositions,
            self.verbs,
            self.trigger_forms,
            self.multiword_index,
            self.adverb_index,
            CLAUSE_PUNCT,
        )

    @cached_property
    def _class_prefixes(self) -> tuple[str, ...]:
        return tuple(prefix for _, prefixes in self._prefixed_classes for prefix in prefixes)

    def _ending(self, form: str) -> tuple[bool, frozenset[str]]:
        """What a form's ending says: whether it is an adverb ("-mente") and the tense
        features of a verb the lexicon may not list ("-erà": future)."""
        adverb = (
            self._adverb_endings is not None
            and len(form) > 6
            and form.endswith(self._adverb_endings)
        )
        if len(form) <= 4:
            return adverb, frozenset()
        suffixes = self.verb_suffixes.items()
        return adverb, frozenset(f for f, endings in suffixes if form.endswith(endings))

    @cached_property
    def sentence_cues(self) -> WordSet:
        """Words that let a sentence without a mention or a trigger still matter to event
        coding: an anaphoric noun names an earlier organisation, an obligation makes an
        event (see :func:`~newsgraph.annotate.events.coder.inert`)."""
        cues = [self.words.get("anaphoric_nouns"), self.words.get("obligation")]
        return WordSet(
            w
            for ws in cues
            if ws is not None
            for w in (*ws.exact, *(prefix + "*" for prefix in ws.prefixes))
        )

    @cached_property
    def _classes_by_word(self) -> dict[str, frozenset[str]]:
        """The word classes (keys of ``words``) each literally listed word is in."""
        classes: dict[str, set[str]] = {}
        for key, ws in self.words.items():
            for w in ws.exact:
                classes.setdefault(w, set()).add(key)
        return {w: frozenset(keys) for w, keys in classes.items()}

    @cached_property
    def _prefixed_classes(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((key, ws.prefixes) for key, ws in self.words.items() if ws.prefixes)

    def _classify(self, form: str, ending: tuple[bool, frozenset[str]]) -> WordInfo:
        """The classes of ``form``, whose :meth:`_ending` is ``ending``."""
        # A form's classes in one look-up rather than one set test per class.
        classes = self._classes_by_word.get(form, frozenset())
        prefixed = [key for key, prefixes in self._prefixed_classes if form.startswith(prefixes)]
        has = (classes | set(prefixed)).__contains__ if prefixed else classes.__contains__

        prep = self.prepositions.get(form)
        conj, sub, relative = has("conjunctions"), has("subordinators"), has("relatives")
        contrast = has("contrast")
        adverb = has("adverbs") or ending[0]
        verb = None if prep is not None or conj or sub or relative else self.verbs.get(form)
        features: set[str] = set()
        for feats in (verb or {}).values():
            features |= feats
        return WordInfo(
            prep=prep,
            det=has("determiners"),
            conj=conj,
            sub=sub,
            relative=relative,
            contrast=contrast,
            neg=has("negation"),
            clitic=has("clitics"),
            pronoun=has("pronouns"),
            both=has("both"),
            adverb=adverb,
            verb=verb,
            features=frozenset(features) if features else ending[1],
            opens=form in CLAUSE_PUNCT or conj or sub or relative or contrast,
            trigger=form in self.trigger_forms,
            multiword=form in self.multiword_index,
            adverb_phrase=form in self.adverb_index,
        )


def _words(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value]


def _frame(spec: Mapping[str, Any]) -> Frame:
    comp = spec.get("complement")
    complement = None
    if comp:
        modality = comp.get("modality")
        if modality is not None and modality not in MODALITIES:
            raise EventLexiconError(f"unknown modality {modality!r}")
        complement = Complement(
            markers=frozenset(norm(m) for m in _words(comp, "markers")),
            control=str(comp.get("control", "subject")),
            modality=modality,
            emit=bool(comp.get("emit", True)),
            causative=bool(comp.get("causative", False)),
        )
    recipient = spec.get("recipient", ["direct"])
    recipient = recipient.split() if isinstance(recipient, str) else recipient
    if not all(isinstance(r, str) for r in recipient):
        # YAML reads a bare ``on`` as true: the data must quote it.
        raise EventLexiconError(f"trigger {spec.get('id')}: recipient {recipient!r} must be words")
    return Frame(
        recipient=frozenset(norm(r) for r in recipient),
        inverse=bool(spec.get("inverse", False)),
        reciprocal=bool(spec.get("reciprocal", False)),
        genitive=spec.get("genitive"),
        adjective=str(spec.get("adjective", "actor")),
        complement=complement,
        fallback=bool(spec.get("fallback", True)),
        object_actor=bool(spec.get("object_actor", False)),
        purpose=bool(spec.get("purpose", False)),
        passive_actor=bool(spec.get("passive_actor", False)),
        place_recipient=bool(spec.get("place_recipient", False)),
    )


def _prep_forms(table: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for base, forms in table.items():
        out[norm(str(base))] = norm(str(base))
        for form in forms or []:
            out[norm(str(form))] = norm(str(base))
    return out


def _phrase_element(
    word: str, verbs: dict[str, dict[str, set[str]]], lemmas: set[str], prepositions: dict[str, str]
) -> WordSet | frozenset[str]:
    """A phrase word: a known verb lemma (a trigger, auxiliary, light, reporting… verb or
    one listed in ``phrase_verbs``) matches all its forms, ``{di}`` any form of a
    preposition, anything else itself (``prefix*`` allowed)."""
    word = norm(word)
    if word.startswith("{") and word.endswith("}"):
        base = word[1:-1]
        return frozenset(f for f, b in prepositions.items() if b == base)
    if word in lemmas:
        return frozenset(f for f, by in verbs.items() if word in by)
    return WordSet([word])


def compile_lexicon(lang: str, data: Mapping[str, Any]) -> EventLexicon:
    ontology = load_ontology()
    morph = Morphology.from_data(data.get("morphology") or {}, data.get("irregular") or {})
    prepositions = _prep_forms(data.get("prepositions") or {})
    aux = {str(k): str(v) for k, v in (data.get("auxiliaries") or {}).items()}
    modals = {str(k): str(v) for k, v in (data.get("modals") or {}).items()}
    light = set(_words(data, "light_verbs"))
    reporting = set(_words(data, "reporting_verbs"))
    purpose = set(_words(data, "purpose_verbs"))
    common = set(_words(data, "common_verbs")) | set(_words(data, "phrase_verbs"))

    specs = data.get("triggers") or []
    trigger_lemmas: set[str] = set()
    for spec in specs:
        trigger_lemmas.update(norm(v) for v in _words(spec, "verbs"))
    all_lemmas = trigger_lemmas | set(aux) | set(modals) | light | reporting | common | purpose
    all_lemmas |= {norm(str(k)) for k in (data.get("irregular") or {})}
    verbs = index_forms(morph, all_lemmas)

    verb_triggers: dict[str, list[Trigger]] = {}
    noun_triggers: dict[str, list[Trigger]] = {}
    phrase_triggers: dict[str, list[Trigger]] = {}
    for order, spec in enumerate(specs):
        type_name = str(spec["type"])
        ontology.event_type(type_name)
        mode = spec.get("mode")
        if not ontology.is_mode(type_name, mode):
            raise EventLexiconError(f"trigger {spec.get('id')}: {mode!r} is no {type_name} mode")
        negated = spec.get("negated_type")
        if negated is not None:
            ontology.event_type(str(negated))
        base = Trigger(
            id=f"events.{lang}.{spec['id']}",
            kind="verb",
            type=type_name,
            mode=mode,
            context=tuple(_words(spec, "context")),
            frame=_frame(spec),
            requires=WordSet(_words(spec, "requires")),
            excludes=WordSet(_words(spec, "excludes")),
            window=int(spec.get("window", 6)),
            not_before=WordSet(_words(spec, "not_before")),
            negated_type=negated,
            setting=bool(spec.get("setting", False)),
            order=order,
        )
        for lemma in _words(spec, "verbs"):
            verb_triggers.setdefault(norm(lemma), []).append(base)
        for noun in _words(spec, "nouns"):
            noun_triggers.setdefault(norm(noun), []).append(replace(base, kind="noun"))
        for phrase in spec.get("phrases") or []:
            parts = str(phrase).split()
            elements = tuple(_phrase_element(w, verbs, all_lemmas, prepositions) for w in parts)
            trig = replace(base, kind="phrase", phrase=elements)
            first = elements[0]
            keys = first.exact | set(first.prefixes) if isinstance(first, WordSet) else first
            for key in keys:
                phrase_triggers.setdefault(key, []).append(trig)

    def sequence(phrase: str) -> tuple[frozenset[str], ...]:
        return tuple(
            frozenset(f for f, b in prepositions.items() if b == w[1:-1])
            if w.startswith("{")
            else frozenset({norm(w)})
            for w in str(phrase).split()
        )

    multiword = [
        (sequence(p), norm(str(b))) for p, b in (data.get("multiword_prepositions") or {}).items()
    ]
    adverbs = [sequence(str(p)) for p in data.get("multiword_adverbs") or []]

    word_classes = {
        key: WordSet(_words(data.get("words") or {}, key)) for key in (data.get("words") or {})
    }
    return EventLexicon(
        lang=lang,
        verbs=verbs,
        verb_triggers=verb_triggers,
        noun_triggers=noun_triggers,
        phrase_triggers=phrase_triggers,
        prepositions=prepositions,
        words=word_classes,
        aux=aux,
        modals=modals,
        tense_modality={str(k): str(v) for k, v in (data.get("tense_modality") or {}).items()},
        verb_suffixes={
            str(k): tuple(str(s) for s in v) for k, v in (data.get("verb_suffixes") or {}).items()
        },
        light_verbs=frozenset(light),
        reporting_verbs=frozenset(reporting),
        purpose_verbs=frozenset(purpose),
        contexts={str(k): WordSet(v) for k, v in (data.get("contexts") or {}).items()},
        modes={
            str(t): {str(m): WordSet(ws) for m, ws in table.items()}
            for t, table in (data.get("modes") or {}).items()
        },
        multiword_index=index_sequences(multiword),
        adverb_index=index_sequences((a, "") for a in adverbs),
        pro_drop=bool(data.get("pro_drop", False)),
        capitalised_demonyms=bool(data.get("capitalised_demonyms", True)),
    )


def index_sequences(
    items: Iterable[tuple[tuple[frozenset[str], ...], str]],
) -> dict[str, list[tuple[tuple[frozenset[str], ...], str]]]:
    """Word sequences by each form of their first word, longest first."""
    index: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    for elements, value in sorted(items, key=lambda item: -len(item[0])):
        for form in elements[0]:
            index.setdefault(form, []).append((elements, value))
    return index


@lru_cache(maxsize=16)
def load(lang: str) -> EventLexicon:
    """The compiled lexicon of ``lang`` (empty tables for a language without data)."""
    return compile_lexicon(lang, lexicon.load(lang, "events"))
