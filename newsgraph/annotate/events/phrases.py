"""Noun phrases around entity mentions, found over classified tokens.

An argument is a noun phrase that contains an entity mention: "il presidente iraniano
Massud Pezeshkian", "Moroccan diplomats", "il presidente degli Stati Uniti Joe Biden". The
phrase's *head* is the participant it stands for: the last name in it, a nationality
adjective only when no name is there ("Moroccan diplomats" → Morocco), and a name after
"di"/"of" only when the noun before is a title ("il governo di Israele" → Israel, but
"capitale del Turkmenistan" is not Turkmenistan). The preposition before a phrase says
what it can be: subject or object when bare, agent after "da"/"by", recipient after the
prepositions a trigger's frame lists, a place after "a"/"in"/"at".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.annotate.events.lexicon import CLOSE_PAREN, OPEN_PAREN
from newsgraph.annotate.events.tokens import DocView, Mention


@dataclass
class Phrase:
    start: int  # token range
    end: int
    heads: list[Mention]  # the participant(s) the phrase stands for (coordination adds more)
    prep: str | None  # base preposition before it, None when bare
    mentions: list[Mention] = field(default_factory=list)  # all mentions inside

    @property
    def label(self) -> str:
        return self.heads[0].label if self.heads else ""


def _genitive(view: DocView, i: int) -> bool:
    return view.prep[i] in view.lex.words.get("genitive_preps", ())


def _title_before(view: DocView, i: int, lo: int) -> bool:
    """Is the word before position ``i`` (a genitive preposition) a title noun?"""
    j = i - 1
    while j >= lo and view.det[j]:
        j -= 1
    titles = view.lex.words.get("title_nouns")
    return j >= lo and titles is not None and view.norm[j] in titles


def skip_paren_left(view: DocView, i: int, lo: int) -> int:
    """From a closing bracket at ``i``, the index before its opening bracket."""
    depth = 0
    while i >= lo:
        if view.norm[i] in CLOSE_PAREN:
            depth += 1
        elif view.norm[i] in OPEN_PAREN:
            depth -= 1
            if depth == 0:
                return i - 1
        i -= 1
    return lo - 1


def skip_paren_right(view: DocView, i: int, hi: int) -> int:
    depth = 0
    while i < hi:
        if view.norm[i] in OPEN_PAREN:
            depth += 1
        elif view.norm[i] in CLOSE_PAREN:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return hi


def _glued(view: DocView, k: int) -> bool:
    """Is token ``k`` a slash or hyphen inside one word ("SPLM/A")? A determiner-like
    letter after it ends a name, not a phrase."""
    doc = view.doc
    return (
        view.norm[k] in {"/", "-"}
        and k > 0
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
    )


def np_start(view: DocView, i: int, lo: int) -> int:
    """Start of the noun phrase whose rightmost token is ``i``: its determiners are its
    left edge ("in passato la Russia" starts at "la"), unless a genitive attaches it to a
    noun before ("il presidente degli Stati Uniti")."""
    j = i
    while j - 1 >= lo:
        k = j - 1
        if view.det[j] and not (
            view.det[k] or view.both[k] or _genitive(view, k) or _glued(view, k)
        ):
            break
        if (view.is_np_word(k) and view.prep[k] is None) or (
            _genitive(view, k)
            and k - 1 >= lo
            and view.is_np_word(k - 1)
            and view.prep[k - 1] is None
        ):
            j = k
        else:
            break
    return j


def np_end(view: DocView, i: int, hi: int) -> int:
    """End (exclusive) of the noun phrase starting at or containing ``i``. A determiner
    right after a name starts a new phrase ("ha incontrato a Mosca il presidente …")."""
    j = i
    while j < hi:
        if j > i and view.det[j] and view.mention_at[j - 1] >= 0 and view.mention_at[j] < 0:
            break
        if (
            view.mention_at[j] >= 0
            or (view.is_np_word(j) and view.prep[j] is None)
            or (
                _genitive(view, j)
                and j + 1 < hi
                and (view.mention_at[j + 1] >= 0 or view.is_np_word(j + 1))
                and view.prep[j + 1] is None
            )
        ):
            j += 1
        else:
            break
    return j


def heads(
    view: DocView, start: int, end: int, participants_only: bool = True, agents_only: bool = False
) -> list[Mention]:
    """The head participant of the phrase ``[start, end)`` (a one-item list), or [].

    With ``agents_only`` (a subject), a nationality adjective heads the phrase only when
    it qualifies people or an institution ("i diplomatici iraniani", "Moroccan
    diplomats"), not a thing ("le consegne di droni iraniani").
    """
    named: list[Mention] = []
    adjectives: list[Mention] = []
    seen: set[int] = set()
    for i in range(start, end):
        idx = view.mention_at[i]
        if idx < 0 or idx in seen:
            continue
        seen.add(idx)
        m = view.mentions[idx]
        if participants_only and m.label == "MATERIEL":
            continue
        before = m.start - 1
        if before >= start and _genitive(view, before) and not _title_before(view, before, start):
            continue
        (adjectives if m.adjective else named).append(m)
    if named:
        return [named[-1]]
    if agents_only and adjectives and not _agentive(view, start, end):
        return []
    # The first adjective is the nationality; a later one is often a direction or a
    # region ("la regione russa occidentale").
    return adjectives[:1]


def _agentive(view: DocView, start: int, end: int) -> bool:
    """Does the phrase name people or an institution, or only the nationality itself?"""
    agents = view.lex.words.get("agent_nouns")
    titles = view.lex.words.get("title_nouns")
    words = [
        view.norm[i]
        for i in range(start, end)
        if view.mention_at[i] < 0 and not view.det[i] and not view.punct[i]
    ]
    return not words or any(
        (agents is not None and w in agents) or (titles is not None and w in titles) for w in words
    )


def mentions_in(view: DocView, start: int, end: int) -> list[Mention]:
    out: list[Mention] = []
    for i in range(start, end):
        idx = view.mention_at[i]
        if idx >= 0 and (not out or out[-1].index != idx):
            out.append(view.mentions[idx])
    return out


def prep_before(view: DocView, start: int, lo: int) -> str | None:
    j = start - 1
    while j >= lo and view.space[j]:
        j -= 1
    return view.prep[j] if j >= lo else None


def _joiner(view: DocView, i: int) -> bool:
    return view.conj[i] or view.norm[i] == "," or view.det[i] or view.space[i]


def phrases_right(view: DocView, pos: int, hi: int) -> list[Phrase]:
    """Noun phrases with participants from ``pos`` to the first complement, the source
    ("secondo …", "according to …") or the clause end, coordinated ones ("con Francia,
    Gran Bretagna e Germania") merged into one phrase."""
    out: list[Phrase] = []
    i = pos
    while i < hi:
        word = view.norm[i]
        if view.space[i] or view.prep_part[i]:
            i += 1
            continue
        if word in OPEN_PAREN:
            i = skip_paren_right(view, i, hi)
            continue
        if (
            view.prep[i] is not None
            and view.mention_at[i] < 0
            and (starts_complement(view, i, hi) or view.prep[i] == "source")
        ):
            break  # what follows belongs to an infinitive or names the source
        if view.mention_at[i] >= 0:
            end = np_end(view, i, hi)
            start = np_start(view, i, pos)
            found = heads(view, start, end)
            inside = mentions_in(view, start, end)
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.heads
                and found
                and _coordinated(view, prev.end, start)
                and not reporter_at(view, end)
            ):
                prev.heads.extend(found)
                prev.mentions.extend(inside)
                prev.end = end
            else:
                out.append(Phrase(start, end, found, prep_before(view, start, pos), inside))
            i = max(end, i + 1)
            continue
        i += 1
    return out


def reporter_at(view: DocView, end: int) -> bool:
    """Does a reporting verb follow a phrase ending at ``end``? Then the phrase is its
    subject ("…, Defence Minister Pierre Joxe said"), not an object or a conjunct."""
    j = end
    while j < len(view.norm) and (view.space[j] or view.is_verb_group(j)):
        j += 1  # "…, il ministro ha detto"
    return j < len(view.norm) and view.has_lemma(j, view.lex.reporting_verbs)


def _coordinated(view: DocView, prev_end: int, start: int) -> bool:
    """Do only commas, conjunctions and determiners separate two phrases, with at least
    one comma or conjunction ("con Francia, Gran Bretagna e Germania")?"""
    between = range(prev_end, start)
    return all(_joiner(view, k) for k in between) and any(
        view.conj[k] or view.norm[k] == "," for k in between
    )


def starts_complement(view: DocView, i: int, hi: int) -> bool:
    """Is token ``i`` a preposition or marker that opens an infinitive ("di aver
    fornito", "to launch")?"""
    j = i + 1
    while j < hi and (view.space[j] or view.neg[j] or view.adverb[j]):
        j += 1
    if j >= hi or view.mention_at[j] >= 0 or view.det[j]:
        return False
    words = view.lex.words
    if view.norm[i] not in words.get("complement_markers", ()):
        return False
    return "inf" in view.features(j) or (
        view.norm[i] in words.get("infinitive_markers", ()) and _unknown_verb(view, j, hi)
    )


def _unknown_verb(view: DocView, j: int, hi: int) -> bool:
    """ "promised to democratize Serbia": after an infinitive marker, a lower-case word
    the lexicon does not know, followed by a determiner or a name, is a verb with its
    object — a noun there would need the name before it ("to opposition leaders")."""
    word = view.doc[j].text
    if not (word.isalpha() and word.islower()) or view.verb[j] or view.prep[j] is not None:
        return False
    if view.conj[j] or view.pronoun[j] or view.adverb[j] or view.sub[j]:
        return False
    k = j + 1
    while k < hi and view.space[k]:
        k += 1
    return k < hi and (view.det[k] or view.mention_at[k] >= 0)
