"""Fuzzing the built-in sessions through the loader and the planner: only our own error ever comes out."""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride import locations
from hamstride.domain.errors import SessionFileError
from hamstride.domain.model import Side
from hamstride.domain.plan import build_timeline
from hamstride.storage.loader import parse_session

BUILT_IN = {path.stem: path.read_text(encoding="utf-8") for path in sorted(locations.builtin_sessions().glob("*.toml"))}

hostile_scalars = st.one_of(
    st.integers(), st.integers(min_value=-(10**400), max_value=10**400), st.floats(allow_nan=True),
    st.booleans(), st.text(max_size=30), st.sampled_from(["hold", "tempo", "pnf", "rest", "timed", "reps", "x",
                                                          "5-0-1-0", "X-1-1", "1-10", "[/]", "-rf", "\x1b]0;t\x07"]),
    st.just(datetime(2026, 1, 1, tzinfo=timezone.utc)),
)
hostile_values = st.recursive(hostile_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["lower", "lift", "hold", "reps", "sets", "rest", "1", "2-3", "1-52", "0", "cycles", "contract"]), inner,
        max_size=4)), max_leaves=8)


def _check(text: str) -> None:
    try:
        session = parse_session(text, file="fuzz.toml", name="fuzz")
    except SessionFileError as error:
        assert error.problems and all(str(p) for p in error.problems)
        return
    for week in range(1, session.total_weeks + 1) if session.total_weeks else [None]:
        planned = session.for_week(week) if week is not None else session
        for side in Side:
            assert build_timeline(planned, side).total > 0


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here] if here else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*here, index))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BUILT_IN)), data=st.data())
def test_changed_values_in_a_built_in_session_give_our_error_or_a_plan(name: str, data: st.DataObject) -> None:
    table = tomllib.loads(BUILT_IN[name])
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(table)
        path = data.draw(st.sampled_from(paths))
        parent: Any = table
        for part in path[:-1]:
            parent = parent[part]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(hostile_values)
    try:
        text = tomli_w.dumps(table)
    except (TypeError, ValueError):  # a value TOML cannot hold (a nan key, a None): not a file anyone can write
        return
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BUILT_IN)), data=st.data())
def test_changed_text_in_a_built_in_session_gives_our_error_or_a_plan(name: str, data: st.DataObject) -> None:
    text = BUILT_IN[name]
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        insert = data.draw(st.one_of(st.text(max_size=8), st.sampled_from(
            ["[[steps]]\n", "\n[[steps]]\nname = 'x'\n", "9" * 5000, "[" * 2000, '"""', "\u2028", "\ufeff", "\x00",
             "week.\"1-60\" = {}", "=", "\n"])))
        text = text[:at] + insert + text[at + cut:]
    _check(text)
