"""Inflected forms of verbs from their lemma, driven by per-language data.

There is no lemmatizer for Italian among the package's dependencies, and a blank spaCy
pipeline has none for English either, so trigger verbs are listed by lemma and their
surface forms are generated once, at load time, from the language's ``morphology`` table
(``events.yaml``): for each lemma ending (Italian -are/-ere/-ire, English any), the suffixes
that replace it for each tense feature and the spelling rules at the stem/suffix join
("cerc-" + "-erà" is "cercherà"), clitic pronouns that attach to infinitives and gerunds, and
irregular forms listed per verb. Matching a token is then one dictionary lookup, and the
feature of the matched form (future, conditional, participle…) tells the modality rules
the tense.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Generated forms shorter than this collide with function words ("d-i" of "dire" is
#: the preposition "di"); short forms of irregular verbs are listed explicitly instead.
MIN_GENERATED = 4

#: Tense and form features a generated form carries: inf, pres, past, pp (participle),
#: ger (gerund), fut, cond, subj.


@dataclass(frozen=True)
class Join:
    """A spelling rule at the stem/suffix join: a stem ending matching ``pattern`` before a
    suffix starting with one of ``before`` is rewritten to ``replacement``."""

    pattern: re.Pattern[str]
    before: str
    replacement: str


@dataclass
class Conjugation:
    """The forms of verbs whose lemma has one ending: suffixes by feature, join rules."""

    suffixes: dict[str, list[str]]
    joins: list[Join]
    doubling: re.Pattern[str] | None = None  # stems that may double their last consonant

    def variants(self, stem: str, suffix: str) -> list[str]:
        """The form, and where the stem may double its final consonant before a vowel
        ("expel" + "-ed"), the doubled form as well: stress decides, which spelling
        cannot show, and an unused extra form costs nothing."""
        forms = [self.join(stem, suffix)]
        if (
            self.doubling is not None
            and suffix[:1] in "aeiou"
            and suffix
            and self.doubling.search(stem)
        ):
            forms.append(stem + stem[-1] + suffix)
        return forms

    def join(self, stem: str, suffix: str) -> str:
        for rule in self.joins:
            if suffix[:1] and suffix[0] in rule.before and rule.pattern.search(stem):
                return rule.pattern.sub(rule.replacement, stem) + suffix
        return stem + suffix


@dataclass
class Morphology:
    conjugations: dict[str, Conjugation] = field(default_factory=dict)
    clitics: list[str] = field(default_factory=list)
    clitic_features: frozenset[str] = frozenset()
    irregular: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], irregular: Mapping[str, Any]) -> Morphology:
        conjugations = {
            str(ending): Conjugation(
                suffixes={f: [str(s) for s in sufs] for f, sufs in table["forms"].items()},
                joins=[
                    Join(re.compile(f"(?:{stem})$"), str(before), str(repl))
                    for stem, before, repl in table.get("joins", [])
                ],
                doubling=re.compile(f"(?:{table['doubling']})$") if table.get("doubling") else None,
            )
            for ending, table in (data.get("endings") or {}).items()
        }
        return cls(
            conjugations=conjugations,
            clitics=[str(c) for c in data.get("clitics", [])],
            clitic_features=frozenset(data.get("clitic_features", [])),
            irregular={
                str(lemma): {f: [str(x) for x in forms] for f, forms in (table or {}).items()}
                for lemma, table in irregular.items()
            },
        )

    def _ending(self, lemma: str) -> str | None:
        """The longest listed ending the lemma has (``""`` matches any lemma)."""
        best = None
        for ending in self.conjugations:
            if lemma.endswith(ending) and (best is None or len(ending) > len(best)):
                best = ending
        return best

    def forms(self, lemma: str) -> dict[str, set[str]]:
        """Every generated surface form (lower case) of ``lemma`` with its features.

        A multiword lemma ("prendere parte") inflects its first word only; the rest is
        matched by the trigger's phrase, not here.
        """
        lemma = lemma.lower()
        out: dict[str, set[str]] = {}

        def add(form: str, feature: str) -> None:
            out.setdefault(form, set()).add(feature)

        ending = self._ending(lemma)
        if ending is not None:
            stem = lemma[: len(lemma) - len(ending)] if ending else lemma
            conjugation = self.conjugations[ending]
            for feature, suffixes in conjugation.suffixes.items():
                for suffix in suffixes:
                    for form in conjugation.variants(stem, suffix):
                        if len(form) >= MIN_GENERATED:
                            add(form, feature)
        for feature, forms in self.irregular.get(lemma, {}).items():
            for form in forms:
                add(form.lower(), feature)
        add(lemma, "inf")
        for form, feats in list(out.items()):
            if feats & self.clitic_features:
                host = form[:-1] if "inf" in feats and form.endswith("e") else form
                for clitic in self.clitics:
                    add(host + clitic, "inf" if "inf" in feats else "ger")
        return out


def index_forms(morph: Morphology, lemmas: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """form -> {lemma: features} for all ``lemmas``."""
    index: dict[str, dict[str, set[str]]] = {}
    for lemma in lemmas:
        for form, feats in morph.forms(lemma).items():
            index.setdefault(form, {}).setdefault(lemma.lower(), set()).update(feats)
    return index
