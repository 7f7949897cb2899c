"""The history's cold build (no database yet: the first open after an install, a new Python, a
deleted cache) holds exactly what the plain way of reading a month held, only sooner.

Invariants (Hypothesis):
- the sessions' headers a month has are counted as `SESSION_HEADER.findall` counts them, whatever
  the text: headers with spaces, comments, two on a line, `[[session]]` inside a string or a key;
- the database a cold build leaves holds, row for row and column for column, what reading each month
  the plain way gives (each value through its rule, each record, step and side through its class's
  constructor, as the app read months before the cold build was made quicker), and says the same
  problems in the same order, over random histories of real records (built-in sessions run through
  the engine) with bad values, missing keys, unknown keys and damaged steps and sides among them.
"""

from __future__ import annotations

import sqlite3
import tempfile
import tomllib
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import SideResult, StepResult
from hamstride.storage.fields import ValueProblem
from hamstride.storage.history import HistoryStore
from hamstride.storage.history_db import _row
from hamstride.storage.month_places import ignored_edit, refusal
from hamstride.storage.month_reader import FUTURE_SLACK
from hamstride.storage.month_text import SESSION_HEADER, month_text, session_headers
from hamstride.storage.record_table import (
    _KNOWN,
    READINESS_KEYS,
    RECORD_KEYS,
    REQUIRED,
    SIDE_KEYS,
    STEP_KEYS,
    Key,
    RecordError,
    check_record,
    derived_edits,
    to_table,
)
from tests.perf.real_history import run_through

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a month's text is made of, with the near misses of a header among them.
PIECES = st.sampled_from([
    "[[session]]", " [[session]]", "\t[[ session ]]  ", "[[session]] # a comment", "[[session]] [[session]]",
    "[[session.step]]", "[[sessions]]", "[session]", "[[ session]]x", 'note = "[[session]]"', "# [[session]]",
    "[[session]]#", "id = 1", "", " ", "\t", "#", "\r", "[[", "]]", "session", "\u2028",
])
texts = st.lists(st.tuples(PIECES, st.sampled_from(["\n", "", " ", "\r\n"])), max_size=30).map(
    lambda parts: "".join(piece + end for piece, end in parts))


@FAST
@given(text=texts)
def test_headers_are_counted_as_the_pattern_counts_them(text: str) -> None:
    assert session_headers(text) == len(SESSION_HEADER.findall(text))


# -- the plain way of reading a month: the oracle ----------------------------------------------------

NOW = datetime(2026, 11, 24, 19, tzinfo=timezone(timedelta(hours=1)))


def _plain_read(table: dict[str, Any], keys: tuple[Key[Any], ...], dropped: list[str],
                nested: dict[str, Any]) -> dict[str, Any]:
    """Each key through its rule, one at a time: record_table.read_table as it was."""
    values: dict[str, Any] = {}
    for key in keys:
        if key.attr is None:
            continue
        convert = nested.get(key.name, key.rule.convert)
        raw = table.get(key.name, key.default)
        if raw is REQUIRED:
            raise RecordError(f"key '{key.name}': is missing")
        if raw is None:
            values[key.attr] = None
            continue
        try:
            problem = key.rule.check(raw)
            if problem:
                raise ValueProblem(problem)
            values[key.attr] = convert(raw)
        except ValueProblem as problem:
            if key.default is REQUIRED:
                raise RecordError(f"key '{key.name}': {problem}") from None
            dropped.append(f"key '{key.name}': {problem}; that value was left out")
            values[key.attr] = None if key.default is None else convert(key.default)
        except RecordError as error:
            if key.default is REQUIRED:
                raise
            dropped.append(f"{error}; that value was left out")
            values[key.attr] = None if key.default is None else convert(key.default)
    return values


def _plain_record(table: dict[str, Any], dropped: list[str]) -> Record:
    def sides(raw: list[dict[str, Any]]) -> tuple[SideResult, ...]:
        return tuple(SideResult(**_plain_read(side, SIDE_KEYS, dropped, {})) for side in raw)

    def steps(raw: list[dict[str, Any]]) -> tuple[StepResult, ...]:
        made = []
        for index, step in enumerate(raw):
            before = len(dropped)
            try:
                made.append(StepResult(index=index, **_plain_read(step, STEP_KEYS, dropped, {"side": sides})))
            except RecordError as error:
                raise RecordError(f"step {index + 1}: {error}") from None
            dropped[before:] = [f"step {index + 1}: {said}" for said in dropped[before:]]
        return tuple(made)

    def readiness(raw: dict[str, Any]) -> Readiness:
        try:
            return Readiness(**_plain_read(raw, READINESS_KEYS, dropped, {}))
        except RecordError as error:
            raise RecordError(f"readiness: {error}") from None

    values = _plain_read(table, RECORD_KEYS, dropped, {"step": steps, "readiness": readiness})
    values["title"] = values["title"] or values["session"]
    return Record(**values, extra={key: value for key, value in table.items() if key not in _KNOWN})


def _plain_month(path: Path, latest: datetime) -> tuple[list[tuple[object, ...]], list[str]]:
    records: list[Record] = []
    problems: list[str] = []
    text = path.read_text()
    for index, table in enumerate(tomllib.loads(text)["session"]):
        dropped: list[str] = []
        try:
            record, mended = check_record(_plain_record(table, dropped), latest)
        except RecordError as error:
            ident = table.get("id")
            named = f" (id {ident!r})" if isinstance(ident, str) and len(ident) <= 64 else ""
            problems.append(refusal(path, text, index, named, str(error), "skipped"))
            continue
        named = f" ({record.title}, {record.started:%Y-%m-%d})"
        problems.extend(refusal(path, text, index, named, said, "") for said in dropped)
        problems.extend(f"{path}: session {index + 1}{named}: {said} (the file is left as it is)" for said in mended)
        if not any(said.startswith(("key 'step'", "step ")) for said in dropped):
            problems.extend(ignored_edit(path, text, index, named, said) for said in derived_edits(table, record))
        records.append(record)
    return [_row(path.name, pos, record) for pos, record in enumerate(records)], problems


# -- random histories of real records, some of them damaged ------------------------------------------

@cache
def _real_tables() -> tuple[dict[str, Any], ...]:
    """Tables of records the app saves: built-in sessions run through the engine."""
    with tempfile.TemporaryDirectory() as scratch:
        store = HistoryStore(Path(scratch), lambda: NOW)
        return tuple(to_table(run_through(name, NOW, store)) for name in
                     ("early-week-strength", "post-run-pnf", "nordic-first-session", "hip-extensors"))


VALUES = st.one_of(
    st.integers(-3, 200_000), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.text(max_size=4),
    st.sampled_from(["left", "right", "done", "partial", "complete", "skipped", "nordic", "tempo", "hold", "strength",
                     "", "timed", "\x1b[31m"]),
    st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.sampled_from(["soreness", "key_run", "x"]),
                                                             st.integers(-1, 12) | st.booleans(), max_size=2),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)),
    st.dates(), st.times(),
)
DELETE = object()
# Where a mutation lands: the record, one of its steps, one of a step's sides.
PLACES = st.tuples(st.sampled_from(["record", "step", "side"]), st.integers(0, 20), st.integers(0, 3))
# Keys a session cannot do without (it is skipped) as often as all the others (a value left out).
KEYS = st.sampled_from(["id", "started", "ended", "session", "name", "step", "side"]) | st.sampled_from(
    sorted(_KNOWN | {k.name for k in STEP_KEYS} | {k.name for k in SIDE_KEYS} | {"new_key"}))


def _damaged(table: dict[str, Any], place: tuple[str, int, int], key: str, value: Any) -> dict[str, Any]:
    import copy

    table = copy.deepcopy(table)
    where, step, side = place
    target: Any = table
    steps = table.get("step")
    if where != "record" and isinstance(steps, list) and steps and isinstance(steps[step % len(steps)], dict):
        target = steps[step % len(steps)]
        sides = target.get("side")
        if where == "side" and isinstance(sides, list) and sides and isinstance(sides[side % len(sides)], dict):
            target = sides[side % len(sides)]
    if value is DELETE:
        target.pop(key, None)
    else:
        target[key] = value
    return table


histories = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 400),
              st.lists(st.tuples(PLACES, KEYS, VALUES | st.just(DELETE)), max_size=3)),
    min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories)
def test_a_cold_build_holds_what_reading_the_months_the_plain_way_holds(
        history: list[tuple[int, int, list[tuple[tuple[str, int, int], str, Any]]]]) -> None:
    months: dict[str, list[dict[str, Any]]] = {}
    for n, (model, days_ago, damage) in enumerate(history):
        started = NOW - timedelta(days=days_ago, minutes=n)
        table = dict(_real_tables()[model], id=f"s{n}", started=started, ended=started + timedelta(minutes=20))
        for place, key, value in damage:
            table = _damaged(table, place, key, value)
        months.setdefault(f"{started:%Y-%m}", []).append(table)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "history"
        folder.mkdir()
        for name, tables in months.items():
            (folder / f"{name}.toml").write_text(month_text(tables))
        expected_rows: list[tuple[object, ...]] = []
        expected_problems: list[str] = []
        for path in sorted(folder.glob("*.toml"), reverse=True):  # the newest month first, as the build goes
            rows, problems = _plain_month(path, NOW + FUTURE_SLACK)
            expected_rows += rows
            expected_problems += problems
        store = HistoryStore(folder, lambda: NOW, cache=Path(scratch) / "cache")
        said = store.sync()
        assert store.db.path is not None
        with sqlite3.connect(store.db.path) as db:
            rows = db.execute("SELECT * FROM sessions ORDER BY month DESC, pos").fetchall()
            clean = dict(db.execute("SELECT name, clean FROM months").fetchall())
        db.close()
    assert list(said) == expected_problems
    assert rows == expected_rows
    assert clean == {f"{name}.toml": int(not any(p.startswith(f"{folder / name}.toml") for p in expected_problems))
                     for name in months}


def test_the_keys_read_fill_every_field_of_the_classes_built_without_their_constructors() -> None:
    """record_table.made builds records, steps and sides without `__init__`: a field no key fills
    would be missing from every record read (its default never set)."""
    import dataclasses

    filled = {Record: {k.attr for k in RECORD_KEYS} | {"extra"}, StepResult: {k.attr for k in STEP_KEYS} | {"index"},
              SideResult: {k.attr for k in SIDE_KEYS}}
    for cls, attrs in filled.items():
        assert {field.name for field in dataclasses.fields(cls)} == attrs - {None}, cls
