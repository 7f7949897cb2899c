"""The registry of step kinds: the only list of them.

To add a kind, write its module beside these (see docs/architecture.md for a
worked example) and add it to `KINDS`. Everything else (the loader's keys and
hints, the planner, the engine, the screens, the history) asks the kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hamstride.domain.kinds.base import StepKind
from hamstride.domain.phase import Action
from hamstride.domain.kinds.hold import HOLD
from hamstride.domain.kinds.pnf import PNF
from hamstride.domain.kinds.reps import REPS
from hamstride.domain.kinds.rest import REST
from hamstride.domain.kinds.tempo import TEMPO
from hamstride.domain.kinds.timed import TIMED

KINDS: tuple[StepKind, ...] = (TIMED, HOLD, TEMPO, REPS, PNF, REST)

_BY_NAME = {kind.name: kind for kind in KINDS}
# Keys only some kinds take, in the order the kinds list them.
KIND_KEYS: tuple[str, ...] = tuple(dict.fromkeys(key for kind in KINDS for key in kind.keys))
WEEK_KEYS: tuple[str, ...] = tuple(dict.fromkeys(key for kind in KINDS for key in kind.week_keys))

__all__ = ["KINDS", "KIND_KEYS", "WEEK_KEYS", "Action", "StepKind", "by_name", "names", "taking", "implied",
           "TIMED", "HOLD", "TEMPO", "REPS", "PNF", "REST"]


def by_name(name: str) -> StepKind:
    """The kind a file or the history names; ValueError for a name no kind has."""
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise ValueError(f"{name!r} is not a kind of step") from None


def names() -> list[str]:
    return [kind.name for kind in KINDS]


def taking(key: str) -> frozenset[StepKind]:
    """The kinds a kind-specific key applies to (empty for a key every step takes)."""
    return frozenset(kind for kind in KINDS if key in kind.keys)


def implied(raw: Mapping[str, Any]) -> list[tuple[str, StepKind]]:
    """Kinds a step's keys imply when `kind` is not written, in the file's order.

    A kind's own key (tempo, hold...) says the kind outright; a key that another
    such kind takes too (reps: tempo reps, held reps) says it only when nothing
    more specific is there.
    """
    found = [(key, kind) for key in raw for kind in KINDS if kind.implied_by == key]
    specific = [(key, kind) for key, kind in found if not _shared(key, kind)]
    return specific or found[:1]


def _shared(key: str, kind: StepKind) -> bool:
    return any(key in other.keys for other in KINDS if other is not kind and other.implied_by is not None)
