"""The quick read of a step or side table (storage/record_quick.py) gives no verdict of its own.

Invariants (Hypothesis), over steps of real records (built-in sessions run through the engine) with
hostile edits (wrong types, missing keys, extra keys, values out of range and at its edges, nan, text
with markup and escape sequences, sides that are not tables):
- whenever the quick read gives a step, reading it key by key through each key's rule (the way the app
  read every step before, kept here as the reference) gives that same step, value for value and type
  for type, with nothing left out or said; where it gives None, the key-by-key read decides;
- a record read with the quick read under it is, and says, what the key-by-key read is and says: the
  same record, the same values left out in the same words, the same error naming the same key;
- every step and side our own writer wrote is read the quick way (else ten years would gain nothing).
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hamstride.domain.result import SideResult, StepResult
from hamstride.storage.record_quick import quick_record, quick_side, quick_step
from hamstride.storage.record_table import _KNOWN, SIDE_KEYS, STEP_KEYS, RecordError, dropping_bad_values, from_table
from tests.unit.test_cold_build import (
    DELETE,
    KEYS,
    PLACES,
    VALUES,
    _damaged,
    _plain_read,
    _plain_record,
    _real_tables,
)

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values at the edges of each rule, and text a screen must not take as markup or a terminal as a command.
EDGES: st.SearchStrategy[Any] = st.sampled_from([
    0, 1, 100_000, 100_001, -1, 86_400, 86_400.0, 86_400.05, 86_401, -0.0, 0.0, 3.0, 1e308, 10**400, True, False,
    float("nan"), float("inf"), "[@click=app.quit]Nordic", "x\x1b]0;owned\x07", "\u202eevil", "[b]bold[/b]",
    "Nordic", "nordic", "left", "right", "done", "skipped", "timed", "reps", "hold", None, [], [{}], [{"side": "up"}],
    {"side": "left"}, [1], "", 52, 53, 10, 11, "complete", "partial", "completed", {"soreness": 11}, {"key_run": 1},
    {"soreness": 3, "key_run": True, "x": 1}, {"soreness": True}, "strength", "eccentric",
])
STEP_KEY_NAMES = st.sampled_from(sorted({key.name for key in STEP_KEYS} | {key.name for key in SIDE_KEYS} | {"x"}))
EDITS = st.lists(st.tuples(st.sampled_from(["step", "side"]), st.integers(0, 3), STEP_KEY_NAMES,
                           st.one_of(EDGES, EDGES, EDGES, VALUES, st.just(DELETE))), max_size=4)


def _steps() -> list[dict[str, Any]]:
    return [step for table in _real_tables() for step in table["step"]]


def _edited(step: dict[str, Any], edits: list[tuple[str, int, str, Any]]) -> dict[str, Any]:
    step = copy.deepcopy(step)
    for where, side, key, value in edits:
        target = step
        sides = step.get("side")
        if where == "side" and isinstance(sides, list) and sides and isinstance(sides[side % len(sides)], dict):
            target = sides[side % len(sides)]
        if value is DELETE:
            target.pop(key, None)
        else:
            target[key] = value
    return step


def _key_by_key(step: dict[str, Any], index: int, dropped: list[str]) -> StepResult | None:
    """The reference: record_table's keys read one at a time through their rules, sides too."""
    def sides(raw: list[dict[str, Any]]) -> tuple[SideResult, ...]:
        return tuple(SideResult(**_plain_read(side, SIDE_KEYS, dropped, {})) for side in raw)
    try:
        return StepResult(index=index, **_plain_read(step, STEP_KEYS, dropped, {"side": sides}))
    except RecordError:
        return None


@MANY
@given(pick=st.integers(0, 10_000), index=st.integers(0, 30), edits=EDITS)
@example(pick=0, index=0, edits=[("step", 0, "name", "")])
@example(pick=0, index=0, edits=[("step", 0, "planned_seconds", 86_400.05)])
@example(pick=0, index=0, edits=[("side", 0, "active_seconds", 86_401)])
@example(pick=0, index=0, edits=[("side", 0, "reps", True)])
def test_a_step_read_quick_is_the_step_its_keys_rules_read(pick: int, index: int,
                                                           edits: list[tuple[str, int, str, Any]]) -> None:
    steps = _steps()
    step = _edited(steps[pick % len(steps)], edits)
    quick = quick_step(step, index)
    if quick is None:
        return  # record_table reads it key by key: the reference itself
    dropped: list[str] = []
    expected = _key_by_key(step, index, dropped)
    assert dropped == []
    assert quick == expected
    assert repr(quick) == repr(expected)  # and type for type: 3 is not 3.0, True is not 1
    for side, table in zip(quick.sides, step.get("side", []), strict=True):
        assert repr(side) == repr(quick_side(table))


@MANY
@given(model=st.integers(0, 3), damage=st.lists(st.tuples(PLACES, KEYS | STEP_KEY_NAMES, EDGES | VALUES | st.just(DELETE)),
                                                max_size=4))
def test_a_record_read_with_quick_steps_is_and_says_what_the_key_by_key_read_does(
        model: int, damage: list[tuple[tuple[str, int, int], str, Any]]) -> None:
    _agree(model, damage)


def _key_by_key_record(table: dict[str, Any]) -> tuple[Any, list[str]]:
    """The reference: record_table as it read every record before, each key through its rule (its quick
    reads turned off), and what it left out."""
    from unittest import mock

    from hamstride.storage import record_table

    def none(*_: Any) -> None:
        return None

    with mock.patch.multiple(record_table, quick_record=none, quick_step=none, quick_side=none):
        return _read(table)


def _read(table: dict[str, Any]) -> tuple[Any, list[str]]:
    try:
        with dropping_bad_values() as dropped:
            return from_table(table), dropped
    except RecordError as error:
        return str(error), []


def _agree(model: int, damage: list[tuple[tuple[str, int, int], str, Any]]) -> None:
    table = _real_tables()[model]
    for place, key, value in damage:
        table = _damaged(table, place, key, value)
    expected, expected_dropped = _key_by_key_record(table)
    plain_dropped: list[str] = []
    try:
        plain: Any = _plain_record(table, plain_dropped)  # test_cold_build's oracle, independent of both
    except RecordError as error:
        plain = str(error)
    read, dropped = _read(table)
    assert repr(read) == repr(expected) == repr(plain)
    assert dropped == expected_dropped
    if not isinstance(expected, str):
        assert read == expected == plain
        assert read.extra == expected.extra == plain.extra  # kept for the next write; compared by no record


RECORD_KEY_NAMES = st.sampled_from(sorted(_KNOWN | {"x"}))
RECORD_EDITS = st.lists(st.tuples(st.just(("record", 0, 0)), RECORD_KEY_NAMES,
                                  st.one_of(EDGES, EDGES, EDGES, VALUES, st.just(DELETE))), max_size=3)


@MANY
@given(model=st.integers(0, 3), damage=RECORD_EDITS)
@example(model=0, damage=[(("record", 0, 0), "title", "x\x1b]0;owned\x07")])
@example(model=0, damage=[(("record", 0, 0), "note", "\u202eevil")])
@example(model=0, damage=[(("record", 0, 0), "week", 53)])
@example(model=0, damage=[(("record", 0, 0), "rpe", 0)])
@example(model=0, damage=[(("record", 0, 0), "readiness", {"soreness": 3, "key_run": True, "x": 1})])
@example(model=0, damage=[(("record", 0, 0), "readiness", {"key_run": 1})])
def test_a_record_edited_at_its_own_keys_is_and_says_what_the_key_by_key_read_does(
        model: int, damage: list[tuple[tuple[str, int, int], str, Any]]) -> None:
    _agree(model, damage)


def test_every_record_step_and_side_our_writer_writes_is_read_the_quick_way() -> None:
    for table in _real_tables():
        assert quick_record(table, _KNOWN) is not None, table
    for index, step in enumerate(_steps()):
        assert quick_step(step, index) is not None, step
        assert all(quick_side(side) is not None for side in step.get("side", []))
