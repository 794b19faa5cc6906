"""The PLOVER event ontology: types, modes, contexts, quad classes, scores and CAMEO codes.

The facts come from ``newsgraph/data/plover.yaml``, which ``scripts/build_ontology.py``
derives from the PLOVER manual and the CAMEO→PLOVER table (CC BY-SA 4.0, attribution in
the file). This module adds what the coder needs on top of the facts:

- the seven modalities newsgraph reports on every event (PLOVER names four "auxiliary
  modes" but leaves them to implementations) and their PLOVER auxiliary-mode equivalent;
- the PLOVER rule that a *future* material act is coded as its verbal counterpart
  (promised aid is AGREE, an announced attack is THREATEN), see :func:`future_type`;
- the CAMEO code and root (cue category) that best fit a (type, mode, context), for users
  of GDELT-style data, and the conflict/cooperation score.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from newsgraph.config import DATA_DIR

ONTOLOGY_FILE = DATA_DIR / "plover.yaml"

#: How sure the text is that the event happened, from most to least committed.
MODALITIES = ("asserted", "planned", "alleged", "suspected", "hypothetical", "denied", "negated")

#: newsgraph modality -> PLOVER auxiliary mode (historical is decided by the event date).
AUXILIARY_MODE = {"planned": "future", "hypothetical": "hypothetical", "negated": "negation"}

#: PLOVER codes promised or announced material acts as the verbal category: "cooperative
#: actions ... reported in future tense ... should be coded as AGREE" (the CAMEO 03x
#: "express intent to" codes, returns and releases included), and an announced act of force
#: is a threat. Meetings and verbal support keep their type with the modality "planned", so
#: that a scheduled visit is still found among CONSULT events.
FUTURE_TYPE = {
    "AID": "AGREE",
    "COOPERATE": "AGREE",
    "RETREAT": "AGREE",
    "ASSAULT": "THREATEN",
    "COERCE": "THREATEN",
    "SANCTION": "THREATEN",
    "PROTEST": "THREATEN",
}


#: Types whose participants PLOVER treats alike: "all participants are coded in the
#: actor field" of a meeting, and cooperation is mutual. Who is named first does not tell
#: two such events apart.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    quad_class: int
    requires_recipient: bool
    modes: tuple[str, ...]
    score: float
    mode_scores: dict[str, float]


@dataclass(frozen=True)
class CameoCode:
    code: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    """The loaded ontology; use :func:`load` to get the shared instance."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.types = {
            name: EventType(
                name=name,
                quad=info["quad"],
                quad_class=int(info["quad_class"]),
                requires_recipient=bool(info["requires_recipient"]),
                modes=tuple(info.get("modes") or ()),
                score=float(info.get("score", 0.0)),
                mode_scores={str(k): float(v) for k, v in (info.get("mode_scores") or {}).items()},
            )
            for name, info in data["event_types"].items()
        }
        self.contexts = tuple(data.get("contexts") or ())
        self.auxiliary_modes = tuple(data.get("auxiliary_modes") or ())
        self.nonstate_codes = dict(data.get("nonstate_codes") or {})
        self.cameo = {
            str(code): CameoCode(
                code=str(code),
                type=info["type"],
                mode=info.get("mode"),
                contexts=tuple(info.get("contexts") or ()),
            )
            for code, info in data.get("cameo_codes", {}).items()
        }
        self._root_counts: dict[str, Counter[str]] = {}
        for c in self.cameo.values():
            self._root_counts.setdefault(c.type, Counter())[c.root] += 1

    def event_type(self, name: str) -> EventType:
        try:
            return self.types[name]
        except KeyError:
            raise KeyError(f"{name!r} is not a PLOVER event type") from None

    def is_mode(self, type_name: str, mode: str | None) -> bool:
        return mode is None or mode in self.event_type(type_name).modes

    def score(self, type_name: str, mode: str | None = None) -> float:
        """The PLOVER conflict (-10) to cooperation (+10) score of a type and mode."""
        t = self.event_type(type_name)
        return t.mode_scores.get(mode or "", t.score)

    def cameo_code(
        self, type_name: str, mode: str | None = None, contexts: tuple[str, ...] = ()
    ) -> str | None:
        """The CAMEO code that best fits: same type, then same mode, then most shared
        contexts, then the type's most common cue category, then the most general code."""
        roots = self._root_counts.get(type_name)
        if not roots:
            return None

        def rank(c: CameoCode) -> tuple[int, int, int, int, str]:
            return (
                -(mode is not None and c.mode == mode),
                -len(set(c.contexts) & set(contexts)),
                -roots[c.root],
                len(c.code),
                c.code,
            )

        return min((c for c in self.cameo.values() if c.type == type_name), key=rank).code

    def cameo_root(
        self, type_name: str, mode: str | None = None, contexts: tuple[str, ...] = ()
    ) -> str | None:
        code = self.cameo_code(type_name, mode, contexts)
        return code[:2] if code else None

    def from_cameo(self, code: str) -> CameoCode | None:
        """The PLOVER reading of a CAMEO code; an unknown sub-code falls back to its parent."""
        while code:
            if code in self.cameo:
                return self.cameo[code]
            code = code[:-1]
        return None


@lru_cache(maxsize=1)
def load() -> Ontology:
    with ONTOLOGY_FILE.open(encoding="utf-8") as fh:
        return Ontology(yaml.safe_load(fh))


def future_type(type_name: str) -> str:
    """The category PLOVER codes a future (promised, announced) act of this type as."""
    return FUTURE_TYPE.get(type_name, type_name)


def auxiliary_mode(modality: str, historical: bool = False) -> str | None:
    """PLOVER's auxiliary mode for an event's modality (``historical`` for old events)."""
    if historical and modality == "asserted":
        return "historical"
    return AUXILIARY_MODE.get(modality)
