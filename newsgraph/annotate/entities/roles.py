"""Roles and titles around a person's name: "il primo ministro britannico Keir Starmer",
"the Iranian foreign ministry spokesman Esmaeil Baqaei", "il leader supremo, l'Ayatollah
Ali Khamenei", "Jake Sullivan, consigliere per la sicurezza nazionale", "Hossein Salami,
a sinistra, capo delle Guardie rivoluzionarie iraniane", "il ministro del Lavoro Fabbrucci".

Reading leftwards from the name, the rule crosses words that qualify a role without
ending it (articles, "ex", "nuovo", commas), nationality adjectives and names of
countries and organisations (which give the role its country and organisation), and
titles ("Ayatollah", "Dr.") and the portfolio of a minister ("del Lavoro"), until it
meets a role phrase of the language's data. To the
right it reads an apposition: a comma, an optional aside ("a sinistra"), a role phrase
and what qualifies it. A person mention anywhere in between stops the search: the role
is that person's.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.annotate.entities.cues import Cues, Phrase
from newsgraph.annotate.entities.mentions import Found
from newsgraph.annotate.entities.tokens import TokenView

#: Punctuation a role and its name may be separated by.
_JOINERS = frozenset({",", ":", "(", "-", "–", "—"})
#: How far (in tokens) a role may be from the name it qualifies.
WINDOW = 12


@dataclass
class RoleInfo:
    role: str | None = None
    sector: str | None = None
    title: str | None = None
    country: str | None = None
    org: str | None = None
    org_name: str | None = None
    #: The token where the cue starts, for provenance.
    cue: int = -1

    def take(self, mention: Found) -> None:
        """Country and organisation from a mention qualifying the role."""
        if mention.label == "ORGANIZATION" and self.org is None:
            self.org, self.org_name = mention.entity, mention.name
        country = mention.attrs.get("country")
        if mention.label in ("COUNTRY", "ORGANIZATION") and self.country is None and country:
            self.country = str(country)


class Roles:
    def __init__(self, cues: Cues) -> None:
        self.cues = cues

    def around(
        self, view: TokenView, person: Found, by_start: dict[int, Found], by_end: dict[int, Found]
    ) -> RoleInfo | None:
        """The role given to ``person`` by the words before it, else by an apposition."""
        found = self.before(view, person.start, by_end)
        if found is None or found.role is None:
            after = self.after(view, person.end, by_start)
            if after is not None:
                after.title = found.title if found else None
                return after
        return found

    def before(self, view: TokenView, start: int, by_end: dict[int, Found]) -> RoleInfo | None:
        cues, info = self.cues, RoleInfo()
        j = start - 1
        while j >= 0 and view.same_sentence(j, start) and start - j <= WINDOW:
            mention = by_end.get(j + 1)
            if mention is not None:
                if mention.label == "PERSON":
                    break
                info.take(mention)
                j = mention.start - 1
                continue
            p = view.phrase_ending(j + 1, cues.roles_by_last)
            if p >= 0:
                info.role, info.sector = cues.roles[tuple(view.key[p : j + 1])]
                info.cue = p
                self._qualifiers_before(view, p, by_end, info)
                return info
            p = view.phrase_ending(j + 1, cues.titles_by_last)
            if p >= 0:
                info.title = cues.titles[tuple(view.key[p : j + 1])] or view.text[p]
                info.cue = p
                j = p - 1
                continue
            key = view.key[j]
            if key in cues.role_modifiers or key in cues.elisions or key in _JOINERS:
                j -= 1
                continue
            if j == start - 1 and self.portfolio_at(view, j):
                j -= 1  # "il ministro del Lavoro Fabbrucci": the portfolio, then the role
                continue
            break
        return info if info.title else None

    def portfolio_at(self, view: TokenView, i: int) -> bool:
        """Whether the capitalised word at ``i`` is the portfolio of a role written
        before it, which is not part of the name after it ("il ministro del Lavoro
        Fabbrucci", "l'assessore alla Cultura Lucrezia Di Vanzetti")."""
        cues = self.cues
        p = i - 1
        if p < 1 or view.first_word[i] or view.key[p] not in cues.org_particles:
            return False
        start = view.phrase_ending(p, cues.roles_by_last)
        return (
            start >= 0 and view.same_sentence(start, i) and view.key[p - 1] in cues.portfolio_roles
        )

    def _qualifiers_before(
        self, view: TokenView, p: int, by_end: dict[int, Found], info: RoleInfo
    ) -> None:
        """An adjective, a possessive or a name just before the role ("Iranian President",
        "Russia's foreign minister", "US Secretary of State")."""
        j = p - 1
        if j >= 0 and view.key[j] in self.cues.possessives:
            j -= 1
        mention = by_end.get(j + 1)
        if mention is not None and mention.label != "PERSON" and view.same_sentence(j, p):
            info.take(mention)

    def after(self, view: TokenView, end: int, by_start: dict[int, Found]) -> RoleInfo | None:
        cues, n = self.cues, len(view)
        if end >= n or view.text[end] not in (",", "(") or not view.same_sentence(end, end - 1):
            return None
        j = end + 1
        for skip in cues.apposition_skips:
            if tuple(view.key[j : j + len(skip)]) == skip:
                j += len(skip)
                if j < n and view.text[j] in (",", ")"):
                    j += 1
                break
        while j < n and view.key[j] in cues.role_modifiers and view.same_sentence(j, end):
            j += 1
        phrase = self._role_at(view, j)
        if phrase is None or not view.same_sentence(j, end):
            return None
        info = RoleInfo(cue=j)
        info.role, info.sector = cues.roles[phrase]
        j += len(phrase)
        while j < n and view.same_sentence(j, end) and j - end <= WINDOW:
            mention = by_start.get(j)
            if mention is not None:
                if mention.label == "PERSON":
                    break
                info.take(mention)
                j = mention.end
            elif view.key[j] in cues.role_modifiers or view.key[j] in cues.elisions:
                j += 1
            else:
                break
        return info

    def _role_at(self, view: TokenView, j: int) -> Phrase | None:
        if j >= len(view):
            return None
        for phrase in self.cues.roles_by_first.get(view.key[j], ()):
            if tuple(view.key[j : j + len(phrase)]) == phrase:
                return phrase
        return None
