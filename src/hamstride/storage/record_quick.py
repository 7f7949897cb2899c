"""A record, step or side table as our own writer writes it, read in one pass (issue 25's cold build).

Ten years of history hold some 60,000 step and side tables; taking each of their keys through its
rule (record_table.read_table: a lookup, a call to its check and to its convert) was the biggest
part of building the history's database. Here each key is checked inline, by its exact type and
range, as record_table's keys would take it. A table with anything else in it (a wrong type, a value
out of range, text where a number goes, a type TOML never gives) reads as None, and record_table
reads it key by key, its rules saying what is wrong and where: a quick read never gives a verdict of
its own (tests/unit/test_record_quick.py holds the two to the same records, errors and words).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, TypeVar

from hamstride.domain import kinds
from hamstride.domain.model import Category, Exercise, Side
from hamstride.domain.record import COMPLETE, PARTIAL, Readiness, Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.plaintext import shown

# What a record may hold, to tell a typo or a damaged file from a session.
MAX_SESSION_HOURS = 24  # a session lasts minutes; a day is the most a record can honestly say
MAX_COUNT = 100_000  # sets or reps in one step: anything larger is a damaged file
MAX_SECONDS = MAX_SESSION_HOURS * 3600

# As fields.member reads them: by the written value.
_SIDES = {str(side.value): side for side in Side}
_STATUSES = {str(status.value): status for status in StepStatus}
_EXERCISES = {str(exercise.value): exercise for exercise in Exercise}
_CATEGORIES = {str(category.value): category for category in Category}


Out = TypeVar("Out")


def made(cls: type[Out], fields: dict[str, Any]) -> Out:
    """An instance of a frozen dataclass with these fields (every one of them), as pickle makes one:
    its `__init__`, a guarded assignment per field, was a tenth of the time ten years of records
    took to read. The values are the ones the keys' rules checked (tests/unit/test_cold_build.py
    checks that the keys fill every field)."""
    instance: Out = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


def _count(value: Any) -> bool:
    return value.__class__ is int and 0 <= value <= MAX_COUNT  # a bool's class is bool, not int


def _seconds(value: Any) -> float | None:
    """The seconds as _SECONDS reads them (a float), None for anything it would not take."""
    if (value.__class__ is float or value.__class__ is int) and 0 <= value <= MAX_SECONDS:  # nan fails
        return float(value)
    return None


def quick_side(table: dict[str, Any]) -> SideResult | None:
    """The side record_table.SIDE_KEYS read from this table when each of its values is good; else None."""
    get = table.get
    side = get("side")
    if side is not None:
        side = _SIDES.get(side) if side.__class__ is str else None
        if side is None:
            return None
    sets, reps, lost = get("sets", 0), get("reps", 0), get("reps_lost_control", 0)
    active = _seconds(get("active_seconds", 0.0))
    if active is None or not (_count(sets) and _count(reps) and _count(lost)):
        return None
    return made(SideResult, {"side": side, "sets_done": sets, "reps_done": reps, "reps_lost_control": lost,
                             "active_seconds": active})


def quick_step(table: dict[str, Any], index: int) -> StepResult | None:
    """The step record_table.STEP_KEYS read from this table when each of its values (and of its sides)
    is good; else None."""
    get = table.get
    name, kind_name, status = get("name"), get("kind", "timed"), get("status", "done")
    eccentric, main, exercise = get("eccentric", False), get("main", False), get("exercise")
    planned_sets, planned_reps = get("planned_sets", 1), get("planned_reps", 1)
    if name.__class__ is not str or not name or kind_name.__class__ is not str or status.__class__ is not str:
        return None
    if eccentric.__class__ is not bool or main.__class__ is not bool:
        return None
    if not (_count(planned_sets) and _count(planned_reps)):
        return None
    status = _STATUSES.get(status)
    if status is None:
        return None
    if exercise is not None:
        exercise = _EXERCISES.get(exercise) if exercise.__class__ is str else None
        if exercise is None:
            return None
    seconds = _seconds(get("planned_seconds", 0.0))
    if seconds is None:
        return None
    try:
        kind = kinds.by_name(kind_name)  # a name no kind has: ValueError, as the rule's check says
    except ValueError:
        return None
    raw = get("side", [])
    if raw.__class__ is not list:
        return None
    sides = []
    for side_table in raw:
        side = quick_side(side_table) if side_table.__class__ is dict else None
        if side is None:
            return None
        sides.append(side)
    return made(StepResult, {
        "name": shown(name, markup=False), "kind": kind, "eccentric": eccentric, "status": status,
        "planned_sets": planned_sets, "planned_reps": planned_reps, "exercise": exercise, "main": main,
        "planned_seconds": seconds, "sides": tuple(sides), "index": index})


def _whole(value: Any, low: int, high: int) -> bool:
    return value is None or (value.__class__ is int and low <= value <= high)  # None: the key left out


def _text(value: Any) -> bool:
    return value.__class__ is str


def _aware(value: Any) -> bool:
    return value.__class__ is datetime and value.tzinfo is not None


def quick_record(table: dict[str, Any], known: Collection[str]) -> Record | None:
    """The record record_table.RECORD_KEYS read from this table when each of its values, and of its
    steps and sides, is good; else None. `known`: the keys they read or write (the others are kept)."""
    get = table.get
    ident, started, ended, session = get("id"), get("started"), get("ended"), get("session")
    title, status, file_hash, note = get("title", ""), get("status", PARTIAL), get("file_hash", ""), get("note", "")
    maintenance, ended_early = get("maintenance", False), get("ended_early", False)
    if not (_text(ident) and ident and _text(session) and session and _text(title) and _text(file_hash)
            and _text(note) and _aware(started) and _aware(ended)):
        return None
    if not ((status == COMPLETE or status == PARTIAL) and _text(status)):
        return None
    if maintenance.__class__ is not bool or ended_early.__class__ is not bool:
        return None
    week, rpe, soreness = get("week"), get("rpe"), get("soreness")
    if not (_whole(week, 1, 52) and _whole(rpe, 1, 10) and _whole(soreness, 0, 10)):
        return None
    elapsed = _seconds(get("elapsed_seconds", 0.0))
    if elapsed is None:
        return None
    first_side, category, readiness = get("first_side"), get("category"), get("readiness")
    if first_side is not None:
        first_side = _SIDES.get(first_side) if first_side.__class__ is str else None
        if first_side is None:
            return None
    if category is not None:
        category = _CATEGORIES.get(category) if category.__class__ is str else None
        if category is None:
            return None
    if readiness is not None:
        if readiness.__class__ is not dict or not readiness.keys() <= {"soreness", "key_run"}:
            return None
        sore, key_run = readiness.get("soreness"), readiness.get("key_run")
        if not _whole(sore, 0, 10) or not (key_run is None or key_run.__class__ is bool):
            return None
        readiness = Readiness(sore, key_run)
    raw = get("step", [])
    if raw.__class__ is not list:
        return None
    steps = []
    for index, step_table in enumerate(raw):
        step = quick_step(step_table, index) if step_table.__class__ is dict else None
        if step is None:
            return None
        steps.append(step)
    session = shown(session, markup=False)
    return made(Record, {
        "id": ident, "started": started, "ended": ended, "session": session,
        "title": shown(title, markup=False) or session, "completed": status == COMPLETE, "elapsed_seconds": elapsed,
        "file_hash": file_hash, "week": week, "first_side": first_side, "rpe": rpe, "soreness": soreness,
        "note": shown(note, markup=False), "category": category, "readiness": readiness,
        "maintenance": maintenance, "ended_early": ended_early, "steps": tuple(steps),
        "extra": {key: value for key, value in table.items() if key not in known}})
