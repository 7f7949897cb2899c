"""A record's TOML form: the table written to and read from a history month."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hamstride.domain.model import Side, StepKind
from hamstride.plaintext import shown
from hamstride.domain.record import Record
from hamstride.domain.result import SideResult, StepResult, StepStatus

FORMAT = 1  # bump when a record's shape changes in a way old readers cannot follow


class RecordError(ValueError):
    """A table in a history file that is valid TOML but not a record we understand."""


def file_hash(path: Path | None) -> str:
    """A short fingerprint of the session file, so a record says which version was run."""
    if path is None or not path.is_file():
        return ""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def to_table(record: Record) -> dict[str, Any]:
    """The record as a TOML table; None values are left out (TOML has no null)."""
    table: dict[str, Any] = dict(record.extra)
    table.update({
        "id": record.id,
        "format": FORMAT,
        "started": record.started,
        "ended": record.ended,
        "session": record.session,
        "title": record.title,
        "status": "complete" if record.completed else "partial",
        "elapsed_seconds": round(record.elapsed_seconds, 1),
        "active_seconds": round(record.active_seconds, 1),
        "eccentric_reps": record.eccentric_reps,
    })
    optional = {"file_hash": record.file_hash or None, "week": record.week,
                "first_side": record.first_side.value if record.first_side else None,
                "rpe": record.rpe, "soreness": record.soreness, "note": record.note or None}
    table.update({key: value for key, value in optional.items() if value is not None})
    table["step"] = [_step_table(step) for step in record.steps]
    return table


def _step_table(step: StepResult) -> dict[str, Any]:
    return {
        "name": step.name,
        "kind": step.kind.value,
        "eccentric": step.eccentric,
        "status": step.status.value,
        "planned_sets": step.planned_sets,
        "planned_reps": step.planned_reps,
        "side": [{
            **({"side": side.side.value} if side.side is not None else {}),
            "sets": side.sets_done,
            "reps": side.reps_done,
            "reps_lost_control": side.reps_lost_control,
            "active_seconds": round(side.active_seconds, 1),
        } for side in step.sides],
    }


_KNOWN = {"id", "format", "started", "ended", "session", "title", "status", "elapsed_seconds", "active_seconds",
          "eccentric_reps", "file_hash", "week", "first_side", "rpe", "soreness", "note", "step"}


# What a record may hold, to tell a typo or a damaged file from a session.
MAX_SESSION_HOURS = 24  # a session lasts minutes; a day is the most a record can honestly say
MAX_COUNT = 100_000  # sets or reps in one step: anything larger is a damaged file


def from_table(table: dict[str, Any]) -> Record:
    """A record from its TOML table; RecordError names the key that is wrong, and its step."""
    try:
        started, ended = table["started"], table["ended"]
        for key, value in (("started", started), ("ended", ended)):
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise RecordError(f"key '{key}': must be a date and time with an offset, "
                                  "like 2026-11-24T18:00:00+01:00")
        raw_steps = table.get("step", [])
        if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
            raise RecordError("key 'step': must be a list of [[session.step]] tables")
        steps = tuple(_step_from(index, raw) for index, raw in enumerate(raw_steps))
        first_side = table.get("first_side")
        return Record(
            id=_text(table, "id", required=True), started=started, ended=ended,
            session=_text(table, "session", required=True),
            title=_shown(_text(table, "title") or _text(table, "session")), completed=table.get("status") == "complete",
            elapsed_seconds=_number(table, "elapsed_seconds"), steps=steps,
            file_hash=_text(table, "file_hash"), week=_optional_int(table, "week", 1, 52),
            first_side=_side(table, "first_side") if first_side is not None else None,
            rpe=_optional_int(table, "rpe", 1, 10), soreness=_optional_int(table, "soreness", 0, 10),
            note=_shown(_text(table, "note")),
            extra={key: value for key, value in table.items() if key not in _KNOWN},
        )
    except KeyError as missing:
        raise RecordError(f"key {missing}: is missing") from None


def check_record(record: Record, latest: datetime) -> None:
    """Values a session cannot have: a record from the future, one that ends before it starts."""
    if record.started > latest:
        raise RecordError(f"key 'started': {record.started:%Y-%m-%d} is in the future")
    if record.ended < record.started:
        raise RecordError("key 'ended': is before 'started'")
    if record.ended - record.started > timedelta(hours=MAX_SESSION_HOURS):
        raise RecordError(f"key 'ended': more than {MAX_SESSION_HOURS} hours after 'started'")
    if record.elapsed_seconds > MAX_SESSION_HOURS * 3600:
        raise RecordError(f"key 'elapsed_seconds': more than {MAX_SESSION_HOURS} hours")


def _text(table: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = table[key] if required else table.get(key, "")
    if not isinstance(value, str):
        raise RecordError(f"key '{key}': must be text")
    if required and not value:
        raise RecordError(f"key '{key}': is empty")
    return value


def _shown(text: str) -> str:
    # Text from a file stays text on every screen and in every export: no escape sequences.
    return shown(text, markup=False)


def _number(table: dict[str, Any], key: str, default: float = 0.0) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"key '{key}': must be a number")
    if not 0 <= value <= MAX_SESSION_HOURS * 3600:  # also refuses nan
        raise RecordError(f"key '{key}': {value} is not a number of seconds from 0 to {MAX_SESSION_HOURS} hours")
    return float(value)


def _count(table: dict[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"key '{key}': must be a whole number")
    if not 0 <= value <= MAX_COUNT:
        raise RecordError(f"key '{key}': {value} is out of range (0 to {MAX_COUNT:,})")
    return value


def _optional_int(table: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"key '{key}': must be a whole number")
    if not low <= value <= high:
        raise RecordError(f"key '{key}': {value} is out of range ({low} to {high})")
    return value


def _side(table: dict[str, Any], key: str) -> Side:
    value: Any = table.get(key)
    try:
        return Side(value)
    except ValueError:
        raise RecordError(f"key '{key}': must be one of {', '.join(s.value for s in Side)}") from None


def _choice(table: dict[str, Any], key: str, kind: type[StepKind] | type[StepStatus], default: str) -> Any:
    value = table.get(key, default)
    try:
        return kind(value)
    except ValueError:
        raise RecordError(f"key '{key}': must be one of {', '.join(k.value for k in kind)}") from None


def _step_from(index: int, raw: dict[str, Any]) -> StepResult:
    try:
        raw_sides = raw.get("side", [])
        if not isinstance(raw_sides, list) or not all(isinstance(s, dict) for s in raw_sides):
            raise RecordError("key 'side': must be a list of tables")
        sides = tuple(SideResult(
            side=_side(side, "side") if "side" in side else None,
            sets_done=_count(side, "sets", 0), reps_done=_count(side, "reps", 0),
            reps_lost_control=_count(side, "reps_lost_control", 0),
            active_seconds=_number(side, "active_seconds"),
        ) for side in raw_sides)
        eccentric = raw.get("eccentric", False)
        if not isinstance(eccentric, bool):
            raise RecordError("key 'eccentric': must be true or false")
        return StepResult(index=index, name=_shown(_text(raw, "name", required=True)),
                          kind=_choice(raw, "kind", StepKind, "timed"), eccentric=eccentric,
                          planned_sets=_count(raw, "planned_sets", 1), planned_reps=_count(raw, "planned_reps", 1),
                          sides=sides, status=_choice(raw, "status", StepStatus, "done"))
    except KeyError as missing:
        raise RecordError(f"step {index + 1}: key {missing}: is missing") from None
    except RecordError as error:
        raise RecordError(f"step {index + 1}: {error}") from None
