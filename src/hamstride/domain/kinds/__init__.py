"""The registry of step kinds: the only list of them.

To add a kind, write its module beside these (see docs/architecture.md for a
worked example) and add it to `KINDS`. Everything else (the loader's keys and
hints, the planner, the engine, the screens, the history) asks the kind.

Every table below is worked out from `KINDS` when asked, from what each kind
declares of itself and nothing else: which kind a key implies never depends on
which other kinds exist, so adding a kind cannot change how another kind's
steps are read or the messages about them (tests/unit/test_kind_seam.py adds a
kind the suite keeps for itself and compares every message).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from hamstride.domain.kinds.base import StepKind
from hamstride.domain.kinds.hold import HOLD
from hamstride.domain.kinds.pnf import PNF
from hamstride.domain.kinds.reps import REPS
from hamstride.domain.kinds.rest import REST
from hamstride.domain.kinds.tempo import TEMPO
from hamstride.domain.kinds.timed import TIMED
from hamstride.domain.phase import Action

KINDS: tuple[StepKind, ...] = (TIMED, HOLD, TEMPO, REPS, PNF, REST)

__all__ = ["KINDS", "Action", "StepKind", "by_name", "names", "taking", "implied", "kind_keys", "week_keys",
           "implying_keys", "TIMED", "HOLD", "TEMPO", "REPS", "PNF", "REST"]


class _Tables:
    """What the loader looks up, built once per list of kinds."""

    def __init__(self, registry: tuple[StepKind, ...]) -> None:
        self.by_name = {kind.name: kind for kind in registry}
        if len(self.by_name) != len(registry):
            raise ValueError(f"two step kinds share a name: {[kind.name for kind in registry]}")
        self.outright = _claims(registry, "implied_by")
        self.alone = _claims(registry, "implied_alone_by")
        # Keys only some kinds take, in the order the kinds list them.
        self.keys = tuple(dict.fromkeys(key for kind in registry for key in kind.keys))
        self.week_keys = tuple(dict.fromkeys(key for kind in registry for key in kind.week_keys))


def _claims(registry: tuple[StepKind, ...], declaration: str) -> dict[str, StepKind]:
    """Key -> the one kind that declares the key implies it; two kinds claiming one key is a bug."""
    claims: dict[str, StepKind] = {}
    for kind in registry:
        for key in getattr(kind, declaration):
            if key not in kind.keys:
                raise ValueError(f"{kind!r}: {declaration} names {key!r}, a key it does not take")
            if key in claims:
                raise ValueError(f"{claims[key]!r} and {kind!r} both say the key {key!r} implies them")
            claims[key] = kind
    return claims


@lru_cache(maxsize=4)
def _tables(registry: tuple[StepKind, ...]) -> _Tables:
    return _Tables(registry)


def by_name(name: str) -> StepKind:
    """The kind a file or the history names; ValueError for a name no kind has."""
    try:
        return _tables(KINDS).by_name[name]
    except (KeyError, TypeError):
        raise ValueError(f"{name!r} is not a kind of step") from None


def names() -> list[str]:
    return [kind.name for kind in KINDS]


def kind_keys() -> tuple[str, ...]:
    """Step keys only some kinds take, in the order the kinds list them."""
    return _tables(KINDS).keys


def week_keys() -> tuple[str, ...]:
    """Kind keys a week of a progression may change."""
    return _tables(KINDS).week_keys


def implying_keys() -> dict[str, tuple[str, StepKind]]:
    """Key -> ("outright" or "alone", the kind it implies): the key-to-kind table a test pins."""
    tables = _tables(KINDS)
    return {**{key: ("alone", kind) for key, kind in tables.alone.items()},
            **{key: ("outright", kind) for key, kind in tables.outright.items()}}


def taking(key: str) -> frozenset[StepKind]:
    """The kinds a kind-specific key applies to (empty for a key every step takes)."""
    return frozenset(kind for kind in KINDS if key in kind.keys)


def implied(raw: Mapping[str, Any]) -> list[tuple[str, StepKind]]:
    """Kinds a step's keys imply when `kind` is not written, one per kind, in the file's order.

    A key a kind declares in `implied_by` says the kind outright (tempo, hold...);
    one in `implied_alone_by` says it only when no key says a kind outright
    (`reps` alone is self-paced; tempo reps and held reps say reps too). When keys
    say two kinds outright and one of them takes all those keys (an effort-rated
    hold takes `hold`), that one is meant. More than one kind left is the
    loader's "a step is one kind of work" problem.
    """
    tables = _tables(KINDS)
    outright = _first_key_per_kind([(key, tables.outright[key]) for key in raw if key in tables.outright])
    if len(outright) > 1:
        said = [key for key, _ in outright]
        covering = [(key, kind) for key, kind in outright if all(k in kind.keys for k in said)]
        if len(covering) == 1:
            return covering
    if outright:
        return outright
    return [(key, tables.alone[key]) for key in raw if key in tables.alone][:1]


def _first_key_per_kind(found: list[tuple[str, StepKind]]) -> list[tuple[str, StepKind]]:
    seen: set[int] = set()
    kept = []
    for key, kind in found:
        if id(kind) not in seen:
            seen.add(id(kind))
            kept.append((key, kind))
    return kept
