"""A record's TOML form: the table written to and read from a history month."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Generic, NamedTuple, TypeVar

from hamstride.domain import kinds
from hamstride.domain.kinds.base import describe
from hamstride.domain.model import Category, Exercise, Side
from hamstride.domain.record import COMPLETE, PARTIAL, Readiness, Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.domain.salvaged import Salvaged
from hamstride.domain.timetext import tenths
from hamstride.plaintext import shown
from hamstride.storage.digest import file_hash as file_hash  # where callers have always found it
from hamstride.storage.fields import (
    Rule,
    ValueProblem,
    anything,
    aware_datetime,
    flag,
    list_of_tables,
    member,
    number,
    text,
    unchanged,
    whole,
)
from hamstride.storage.record_quick import MAX_COUNT, MAX_SESSION_HOURS, made, quick_record, quick_side, quick_step

FORMAT = 1  # bump when a record's shape changes in a way old readers cannot follow


class RecordError(ValueError):
    """A table in a history file that is valid TOML but not a record we understand."""


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
Out = TypeVar("Out")


class Key(NamedTuple, Generic[Out]):
    """One key of a table: the rule its value follows, where it goes when read, what is written."""

    name: str
    rule: Rule[Any]
    write: Callable[[Out], Any]  # the value to write; None leaves the key out (TOML has no null)
    attr: str | None = None  # the constructor argument it fills; None: written for other tools, not read
    default: Any = REQUIRED  # the value read when the key is absent (through the rule unless None)


def write_table(value: Out, keys: Sequence[Key[Out]]) -> dict[str, Any]:
    return {key.name: written for key in keys if (written := key.write(value)) is not None}


# While a history month is read: the values left out of its records, said to the runner. A record
# with one value out of range (rpe = 42, a week of -1) keeps its session; only that value goes.
_DROPPED: ContextVar[list[str] | None] = ContextVar("dropped", default=None)


@contextmanager
def dropping_bad_values() -> Iterator[list[str]]:
    """Read records keeping each whose required keys are good: a bad optional value is left out
    (its default read instead) and said in the list."""
    dropped: list[str] = []
    token = _DROPPED.set(dropped)
    try:
        yield dropped
    finally:
        _DROPPED.reset(token)


# A key as read_table reads it: its name, its rule's check and convert (None: the value as it is), the
# argument it fills and its default. Worked out once per tuple of keys, not at each of the 700,000
# keys ten years of history read: unpacking each Key and its Rule, and calling a convert that
# changes nothing, were a fifth of the time.
_Reading = tuple[str, Callable[[Any], str], Callable[[Any], Any] | None, str, Any]
_READINGS: dict[int, tuple[Sequence[Key[Any]], tuple[_Reading, ...]]] = {}


def _readings(keys: Sequence[Key[Any]]) -> tuple[_Reading, ...]:
    known = _READINGS.get(id(keys))
    if known is not None and known[0] is keys:  # kept with its keys: their id is never another's
        return known[1]
    readings = tuple((key.name, key.rule.check, None if key.rule.convert is unchanged else key.rule.convert,
                      key.attr, key.default) for key in keys if key.attr is not None)
    _READINGS[id(keys)] = (keys, readings)
    return readings


def read_table(table: dict[str, Any], keys: Sequence[Key[Any]]) -> dict[str, Any]:
    """The constructor arguments the keys fill; RecordError names the first key that is wrong."""
    values: dict[str, Any] = {}
    dropped = _DROPPED.get()
    get = table.get
    for name, check, convert, attr, default in _readings(keys):
        raw = get(name, default)
        if raw is REQUIRED:
            raise RecordError(f"key '{name}': is missing")
        if raw is None:
            values[attr] = None
            continue
        try:
            problem = check(raw)
            if problem:
                raise ValueProblem(problem)
            values[attr] = raw if convert is None else convert(raw)
        except ValueProblem as problem:
            if dropped is None or default is REQUIRED:
                raise RecordError(f"key '{name}': {problem}") from None
            dropped.append(f"key '{name}': {problem}; that value was left out")
            values[attr] = None if default is None else default if convert is None else convert(default)
        except RecordError as error:  # a step or a side, named inside
            if dropped is None or default is REQUIRED:
                raise
            dropped.append(f"{error}; that value was left out")
            values[attr] = None if default is None else default if convert is None else convert(default)
    return values


# A step's kind, by the name the registry knows it by.
_STEP_KIND = Rule(lambda value: "" if value in kinds.names() else f"must be one of {', '.join(kinds.names())}",
                  kinds.by_name)


# What a record may hold (MAX_SESSION_HOURS, MAX_COUNT): in record_quick.py, which reads them too.
_SECONDS = number(0, MAX_SESSION_HOURS * 3600,
                  out_of_range=f"{{value}} is not a number of seconds from 0 to {MAX_SESSION_HOURS} hours")
_COUNT = whole(0, MAX_COUNT)


def _plain(rule: Rule[str]) -> Rule[str]:
    # Text from a file stays text on every screen and in every export: no escape sequences.
    return Rule(rule.check, lambda value: shown(value, markup=False))


def _tenth(seconds: float) -> float:
    return tenths(seconds)  # the one rule of every record and export


SIDE_KEYS: tuple[Key[SideResult], ...] = (
    Key("side", member(Side), lambda s: s.side.value if s.side is not None else None, "side", None),
    Key("sets", _COUNT, lambda s: s.sets_done, "sets_done", 0),
    Key("reps", _COUNT, lambda s: s.reps_done, "reps_done", 0),
    Key("reps_lost_control", _COUNT, lambda s: s.reps_lost_control, "reps_lost_control", 0),
    Key("active_seconds", _SECONDS, lambda s: _tenth(s.active_seconds), "active_seconds", 0.0),
)


def _sides(raw: list[dict[str, Any]]) -> tuple[SideResult, ...]:
    # Each as our writer writes it read in one pass (record_quick.py); any other key by key, said.
    return tuple(quick or made(SideResult, read_table(side, SIDE_KEYS)) for side in raw
                 for quick in (quick_side(side),))


STEP_KEYS: tuple[Key[StepResult], ...] = (
    Key("name", _plain(text(required=True)), lambda s: s.name, "name"),
    Key("kind", _STEP_KIND, lambda s: s.kind.name, "kind", "timed"),
    Key("eccentric", flag(), lambda s: s.eccentric, "eccentric", False),
    Key("status", member(StepStatus), lambda s: s.status.value, "status", "done"),
    Key("planned_sets", _COUNT, lambda s: s.planned_sets, "planned_sets", 1),
    Key("planned_reps", _COUNT, lambda s: s.planned_reps, "planned_reps", 1),
    Key("exercise", member(Exercise), lambda s: s.exercise.value if s.exercise else None, "exercise", None),
    Key("main", flag(), lambda s: True if s.main else None, "main", False),
    Key("planned_seconds", _SECONDS, lambda s: _tenth(s.planned_seconds) if s.planned_seconds else None,
        "planned_seconds", 0.0),
    Key("side", Rule(list_of_tables("must be a list of tables").check, _sides),
        lambda s: [write_table(side, SIDE_KEYS) for side in s.sides], "sides", []),
)


def _steps(raw: list[dict[str, Any]]) -> tuple[StepResult, ...]:
    steps = []
    for index, table in enumerate(raw):
        quick = quick_step(table, index)  # as our writer writes it, in one pass; any other key by key, said
        if quick is not None:
            steps.append(quick)
            continue
        dropped = _DROPPED.get()
        before = len(dropped) if dropped is not None else 0
        try:
            values = read_table(table, STEP_KEYS)
            values["index"] = index
            steps.append(made(StepResult, values))
        except RecordError as error:
            raise RecordError(f"step {index + 1}: {error}") from None
        if dropped is not None:  # name the step of each value left out in it
            dropped[before:] = [f"step {index + 1}: {said}" for said in dropped[before:]]
    return tuple(steps)


READINESS_KEYS: tuple[Key[Readiness], ...] = (
    Key("soreness", whole(0, 10), lambda r: r.soreness, "soreness", None),
    Key("key_run", flag(), lambda r: r.key_run, "key_run", None),
)


def _readiness_check(value: Any) -> str:
    known = {key.name for key in READINESS_KEYS}
    if not isinstance(value, dict) or not set(value) <= known:
        return f"must be a table of {' and '.join(sorted(known))}"
    return ""


def _readiness(raw: dict[str, Any]) -> Readiness:
    dropped = _DROPPED.get()
    before = len(dropped) if dropped is not None else 0
    try:
        readiness = Readiness(**read_table(raw, READINESS_KEYS))
    except RecordError as error:
        raise RecordError(f"readiness: {error}") from None
    if dropped is not None:  # a value left out in it is named in its table, so its own line is found
        dropped[before:] = [f"readiness: {said}" for said in dropped[before:]]
    return readiness


# "completd" or 7 is not read as partial in silence: it is left out, and said (then partial it is).
_STATUS = Rule(lambda value: "" if value in (COMPLETE, PARTIAL) else f"must be {COMPLETE} or {PARTIAL}",
               lambda value: bool(value == COMPLETE))


# The history's [[session]] table, key by key, in the order it is written.
RECORD_KEYS: tuple[Key[Record], ...] = (
    Key("id", text(required=True), lambda r: r.id, "id"),
    Key("format", anything(), lambda r: FORMAT),
    Key("started", aware_datetime(), lambda r: r.started, "started"),
    Key("ended", aware_datetime(), lambda r: r.ended, "ended"),
    Key("session", _plain(text(required=True)), lambda r: r.session, "session"),
    Key("title", _plain(text()), lambda r: r.title, "title", ""),  # an empty title reads as the session's name
    Key("status", _STATUS, lambda r: r.status, "completed", PARTIAL),
    Key("elapsed_seconds", _SECONDS, lambda r: _tenth(r.elapsed_seconds), "elapsed_seconds", 0.0),
    Key("active_seconds", anything(), lambda r: r.active_tenths),  # from the steps, for other tools
    Key("eccentric_reps", anything(), lambda r: r.eccentric_reps),
    Key("file_hash", text(), lambda r: r.file_hash or None, "file_hash", ""),
    Key("week", whole(1, 52), lambda r: r.week, "week", None),
    Key("first_side", member(Side), lambda r: r.first_side.value if r.first_side else None, "first_side", None),
    Key("rpe", whole(1, 10), lambda r: r.rpe, "rpe", None),
    Key("soreness", whole(0, 10), lambda r: r.soreness, "soreness", None),
    Key("note", _plain(text()), lambda r: r.note or None, "note", ""),
    # What the coach reads: the answers before the session, what it was for, whether its main work was done.
    Key("category", member(Category), lambda r: r.category.value if r.category else None, "category", None),
    Key("readiness", Rule(_readiness_check, _readiness),
        lambda r: write_table(r.readiness, READINESS_KEYS) if r.readiness else None, "readiness", None),
    Key("maintenance", flag(), lambda r: True if r.maintenance else None, "maintenance", False),
    Key("ended_early", flag(), lambda r: True if r.ended_early else None, "ended_early", False),
    Key("main_done", anything(), lambda r: r.main_done),  # from the steps, for other tools and people
    Key("nordic_reps", anything(), lambda r: r.nordic_reps),
    Key("step", Rule(list_of_tables("must be a list of [[session.step]] tables").check, _steps),
        lambda r: [write_table(step, STEP_KEYS) for step in r.steps], "steps", []),
)
_KNOWN = frozenset(key.name for key in RECORD_KEYS)
_DERIVED = tuple(key for key in RECORD_KEYS if key.attr is None and key.name != "format")


def to_table(record: Record) -> dict[str, Any]:
    """The record as a TOML table: keys from newer versions first, as they were, then ours. A session whose work
    was not read (domain/salvaged.py) is never written: what was not read would be written as if true."""
    if isinstance(record, Salvaged):
        raise RecordError(f"session {record.id!r} was not read whole (line {record.broken_line}); it is not written")
    table: dict[str, Any] = dict(record.extra)
    table.update(write_table(record, RECORD_KEYS))
    return table


def from_table(table: dict[str, Any]) -> Record:
    """A record from its TOML table; RecordError names the key that is wrong, and its step."""
    quick = quick_record(table, _KNOWN)  # as our writer writes it, in one pass; any other key by key, said
    if quick is not None:
        return quick
    values = read_table(table, RECORD_KEYS)
    values["title"] = values["title"] or values["session"]
    values["extra"] = {key: value for key, value in table.items() if key not in _KNOWN}
    return made(Record, values)


def derived_edits(table: dict[str, Any], record: Record) -> list[str]:
    """Keys written for other tools and people (eccentric_reps, main_done...) that are not what the steps
    give: never read, as the steps are the record, but an edit of one is said, not ignored in silence."""
    said = []
    for key in _DERIVED:
        written = table.get(key.name, REQUIRED)
        if written is REQUIRED:  # left out (an older or hand-written record): nothing to tell
            continue
        worked_out = key.write(record)
        if not _same(written, worked_out):
            said.append(f"key '{key.name}': is worked out from the steps ({_as_toml(worked_out)}), so "
                        f"{describe(written)} written there was not read: your edit was ignored")
    return said


def _same(written: Any, worked_out: Any) -> bool:
    if isinstance(written, bool) or isinstance(worked_out, bool):
        return written is worked_out
    if isinstance(worked_out, float):  # seconds to a tenth: 1200 reads as 1200.0
        return isinstance(written, (int, float)) and abs(written - worked_out) < 0.05
    return type(written) is type(worked_out) and bool(written == worked_out)


def _as_toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return f"{value:.1f}".removesuffix(".0") if isinstance(value, float) else str(value)


def check_record(record: Record, latest: datetime) -> tuple[Record, list[str]]:
    """Values a session cannot have, mended so the session is kept (never hidden: the app itself
    may have saved it, with a wall clock that was wrong), and what was mended, said.

    An end before the start becomes the start plus the time run; a start in the future stays
    as it is, said (a clock set days fast), and an end more than a day after the start is a
    session resumed days later: kept as it is."""
    said: list[str] = []
    if record.started > latest:
        said.append(f"key 'started': {record.started:%Y-%m-%d} is in the future (a clock set wrong?); "
                    "the session is counted on that day")
    if record.ended < record.started:
        said.append("key 'ended': is before 'started'; the end was taken as the start plus the time run")
        record = replace(record, ended=record.started + timedelta(seconds=round(record.elapsed_seconds)))
    return record, said
