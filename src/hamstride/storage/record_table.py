"""A record's TOML form: the table written to and read from a history month."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from hamstride.domain.model import Category, Exercise, Side, StepKind
from hamstride.domain.record import Readiness, Record
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
        # What the coach reads, written out so a person reading the file sees it too.
        "nordic_reps": record.nordic_reps,
        "main_done": record.main_done,
    })
    optional = {"file_hash": record.file_hash or None, "week": record.week,
                "category": record.category.value if record.category else None,
                "maintenance": True if record.maintenance else None,
                "first_side": record.first_side.value if record.first_side else None,
                "rpe": record.rpe, "soreness": record.soreness, "note": record.note or None}
    table.update({key: value for key, value in optional.items() if value is not None})
    if record.readiness is not None:
        answers = {"soreness": record.readiness.soreness, "key_run": record.readiness.key_run}
        table["readiness"] = {key: value for key, value in answers.items() if value is not None}
    table["step"] = [_step_table(step) for step in record.steps]
    return table


def _step_table(step: StepResult) -> dict[str, Any]:
    return {
        "name": step.name,
        "kind": step.kind.value,
        "eccentric": step.eccentric,
        **({"exercise": step.exercise.value} if step.exercise is not None else {}),
        **({"main": True} if step.main else {}),
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
          "eccentric_reps", "file_hash", "week", "first_side", "rpe", "soreness", "note", "step",
          "nordic_reps", "main_done", "category", "maintenance", "readiness"}


def from_table(table: dict[str, Any]) -> Record:
    """A record from its TOML table; RecordError names the key that is wrong."""
    try:
        started, ended = table["started"], table["ended"]
        for key, value in (("started", started), ("ended", ended)):
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise RecordError(f"{key} must be a date and time with an offset, like 2026-11-24T18:00:00+01:00")
        steps = tuple(_step_from(index, raw) for index, raw in enumerate(table.get("step", [])))
        first_side = table.get("first_side")
        return Record(
            id=str(table["id"]), started=started, ended=ended, session=str(table["session"]),
            title=str(table.get("title", table["session"])), completed=table.get("status") == "complete",
            elapsed_seconds=float(table.get("elapsed_seconds", 0.0)), steps=steps,
            file_hash=str(table.get("file_hash", "")), week=_optional_int(table, "week"),
            first_side=Side(first_side) if first_side else None,
            rpe=_optional_int(table, "rpe"), soreness=_optional_int(table, "soreness"),
            note=str(table.get("note", "")),
            category=Category(table["category"]) if "category" in table else None,
            readiness=_readiness(table.get("readiness")), maintenance=table.get("maintenance") is True,
            extra={key: value for key, value in table.items() if key not in _KNOWN},
        )
    except KeyError as missing:
        raise RecordError(f"missing key {missing}") from None
    except (TypeError, ValueError) as error:
        if isinstance(error, RecordError):
            raise
        raise RecordError(str(error)) from None


def _readiness(value: Any) -> Readiness | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError("readiness must be a table")
    soreness = _optional_int(value, "soreness")
    if soreness is not None and not 0 <= soreness <= 10:
        raise RecordError("readiness.soreness must be 0 to 10")
    key_run = value.get("key_run")
    if key_run is not None and not isinstance(key_run, bool):
        raise RecordError("readiness.key_run must be true or false")
    return Readiness(soreness, key_run)


def _optional_int(table: dict[str, Any], key: str) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"{key} must be a whole number")
    return value


def _step_from(index: int, raw: dict[str, Any]) -> StepResult:
    sides = tuple(SideResult(
        side=Side(side["side"]) if "side" in side else None,
        sets_done=int(side.get("sets", 0)), reps_done=int(side.get("reps", 0)),
        reps_lost_control=int(side.get("reps_lost_control", 0)),
        active_seconds=float(side.get("active_seconds", 0.0)),
    ) for side in raw.get("side", []))
    return StepResult(index=index, name=str(raw["name"]), kind=StepKind(raw.get("kind", "timed")),
                      eccentric=bool(raw.get("eccentric", False)), planned_sets=int(raw.get("planned_sets", 1)),
                      planned_reps=int(raw.get("planned_reps", 1)), sides=sides,
                      status=StepStatus(raw.get("status", "done")),
                      exercise=Exercise(raw["exercise"]) if "exercise" in raw else None,
                      main=raw.get("main") is True)
