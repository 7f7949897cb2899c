"""Our value classes are NamedTuples, a fifth of a dataclass's cost to create at each launch.

A NamedTuple is a tuple: these tests pin down the tuple behaviours that would
change what the code does if they leaked (see tests/perf/test_launch_classes.py
for what the launch saves).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest

import hamstride
from hamstride.domain import kinds
from hamstride.domain.kinds.hold import Hold
from hamstride.domain.kinds.pnf import Pnf
from hamstride.domain.kinds.reps import SelfPaced
from hamstride.domain.kinds.tempo import Tempo
from hamstride.domain.kinds.timed import Duration
from hamstride.domain.model import Step
from tests.unit.helpers import session
from tests.unit.test_kinds import EXAMPLES, _step

# Values of two kinds that hold the same numbers: as bare tuples they would be equal.
SAME_NUMBERS = [
    (Duration(30.0), SelfPaced(30.0)),
    (Hold(30.0), (30.0, 0.0)),
    (Duration(30.0), (30.0,)),
    (Pnf(), (10.0, 6.0, 3.0, 25.0, 3)),
    (Tempo(5.0), (5.0, 0.0, 1.0, 0.0, False, False, ())),
]


@pytest.mark.parametrize(("value", "other"), SAME_NUMBERS, ids=lambda value: type(value).__name__)
def test_a_kinds_values_are_never_equal_to_another_kinds_with_the_same_numbers(value: Any, other: Any) -> None:
    assert value != other and other != value
    assert not value == other and not other == value
    assert len({value, other}) == 2  # nor one key in a dict, a set or a cache
    assert {value: "first"}.get(other) is None


def test_a_step_of_one_kind_is_not_equal_to_a_step_of_another_with_the_same_numbers() -> None:
    timed = Step("Plank", kinds.TIMED, Duration(30.0))
    assert timed != Step("Plank", kinds.TIMED, SelfPaced(30.0))
    assert timed == Step("Plank", kinds.TIMED, Duration(30.0))


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_every_kinds_values_are_equal_only_to_values_of_that_kind(kind: str) -> None:
    """A new kind's values follow the rule too (see docs/architecture.md)."""
    params = session(_step(kind)).steps[0].params
    if isinstance(params, tuple):
        assert params != tuple(params) and tuple(params) != params
        assert params == type(params)(*params)


@pytest.mark.parametrize("make", [lambda: Duration(30.0), lambda: Hold(30.0, 3.0), lambda: Pnf(cycles=2),
                                  lambda: SelfPaced(), lambda: Tempo(5.0, words=())])
def test_equal_values_of_one_kind_stay_equal_and_hash_alike(make: Any) -> None:
    value, again = make(), make()
    assert value == again and not value != again and hash(value) == hash(again)
    assert value != value._replace(**{value._fields[0]: 99})


def _named_tuples_of_ours() -> list[type[tuple[Any, ...]]]:
    found: list[type[tuple[Any, ...]]] = []
    for module in pkgutil.walk_packages(hamstride.__path__, "hamstride."):
        if module.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields") \
                    and value.__module__ == module.name:
                found.append(value)
    return found


def test_every_named_tuple_of_ours_has_a_field_so_each_value_is_true() -> None:
    """`position or Position(...)`, `self._interlude or ...`: as with dataclasses, any value is true,
    which a tuple is only with at least one field."""
    classes = _named_tuples_of_ours()
    assert {"Step", "Segment", "Snapshot", "Tempo"} <= {cls.__name__ for cls in classes}
    assert [cls.__name__ for cls in classes if not cls._fields] == []  # type: ignore[attr-defined]


def test_the_runners_lead_in_goes_to_every_step_but_a_rest() -> None:
    """`dataclasses.replace` refuses a NamedTuple: the session's steps are replaced with `_replace`."""
    plan = session('title = "t"\n[[steps]]\nname = "Nordic"\ntempo = "5-0-1-0"\nreps = 3\nlead_in = 5\n'
                   '[[steps]]\nname = "Breathe"\nkind = "rest"\nduration = 30\n')
    steps = plan.with_lead_in(12.0).steps
    assert [step.lead_in for step in steps] == [12.0, plan.steps[1].lead_in]
    assert steps[0]._replace(lead_in=5.0) == plan.steps[0]
