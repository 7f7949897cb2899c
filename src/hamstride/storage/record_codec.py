"""A record as one short line of JSON, for the history's database (history_db.py).

The TOML months are the record; the database keeps a copy of each session that is quick to
turn back into a `Record`: a JSON list of its values by position, read by `json` in C and handed
to the constructors without the checks a month goes through, as each value was checked when its
month was read. Building ten years of records this way takes a fraction of parsing their months.

What a newer version wrote and this one does not know (`Record.extra`) is kept as TOML values,
dates and times tagged so they come back as they were.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from hamstride.domain import kinds
from hamstride.domain.model import Category, Exercise, Side
from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.storage.record_quick import made  # its __init__ was most of the time ten years took to build

_SIDES: dict[str | None, Side | None] = {None: None, **{side.value: side for side in Side}}
_STATUSES = {status.value: status for status in StepStatus}
_EXERCISES: dict[str | None, Exercise | None] = {None: None, **{e.value: e for e in Exercise}}
_CATEGORIES: dict[str | None, Category | None] = {None: None, **{c.value: c for c in Category}}
_WHEN = "\x00when"  # the key of a tagged date or time: no TOML key from a file holds a NUL


def encode(record: Record) -> str:
    # Enumerations as they are: each is a StrEnum, which json writes as its value (the `.value` of
    # each of ten years' 60,000 was a tenth of the time encoding them took).
    readiness = None if record.readiness is None else [record.readiness.soreness, record.readiness.key_run]
    steps = [[step.name, step.kind.name, step.eccentric, step.status, step.planned_sets, step.planned_reps,
              step.exercise, step.main, step.planned_seconds,
              [[side.side, side.sets_done, side.reps_done, side.reps_lost_control, side.active_seconds]
               for side in step.sides], step.index]
             for step in record.steps]
    return json.dumps([record.id, record.started.isoformat(), record.ended.isoformat(), record.session,
                       record.title, record.completed, record.elapsed_seconds, record.file_hash, record.week,
                       record.first_side, record.rpe, record.soreness, record.note, record.category,
                       readiness, record.maintenance, _tagged(record.extra) if record.extra else None, steps,
                       record.ended_early],
                      ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Record:
    """The record `encode` wrote; ValueError for anything else (a damaged or foreign database)."""
    try:
        v = json.loads(text)
        steps = tuple(made(StepResult, {
            "index": s[10], "name": s[0], "kind": kinds.by_name(s[1]), "eccentric": s[2], "planned_sets": s[4],
            "planned_reps": s[5], "sides": tuple(made(SideResult, {
                "side": _SIDES[d[0]], "sets_done": d[1], "reps_done": d[2], "reps_lost_control": d[3],
                "active_seconds": d[4]}) for d in s[9]),
            "status": _STATUSES[s[3]], "exercise": _EXERCISES[s[6]], "main": s[7], "planned_seconds": s[8]})
            for s in v[17])
        readiness = None if v[14] is None else Readiness(v[14][0], v[14][1])
        return made(Record, {
            "id": v[0], "started": datetime.fromisoformat(v[1]), "ended": datetime.fromisoformat(v[2]),
            "session": v[3], "title": v[4], "completed": v[5], "elapsed_seconds": v[6], "steps": steps,
            "file_hash": v[7], "week": v[8], "first_side": _SIDES[v[9]], "rpe": v[10], "soreness": v[11],
            "note": v[12], "category": _CATEGORIES[v[13]], "readiness": readiness, "maintenance": v[15],
            "extra": _untagged(v[16]) if v[16] else {}, "ended_early": v[18]})
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValueError(f"not a record this version wrote: {error}") from None


def _tagged(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    if isinstance(value, datetime | date | time):
        return {_WHEN: [type(value).__name__, value.isoformat()]}
    return value


_WHENS: dict[str, Any] = {"datetime": datetime.fromisoformat, "date": date.fromisoformat, "time": time.fromisoformat}


def _untagged(value: Any) -> Any:
    if isinstance(value, dict):
        when = value.get(_WHEN)
        if when is not None:
            return _WHENS[when[0]](when[1])
        return {key: _untagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_untagged(item) for item in value]
    return value
