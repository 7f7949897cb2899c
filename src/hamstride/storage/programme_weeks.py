"""A programme's weeks in a session file: each step's `week` table, and `sessions_per_week`.

`week."5-10" = { sets = 3, reps = 8 }` changes a step's dose for those weeks; a week the
table does not name keeps the dose of the last one it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hamstride.domain.kinds.base import describe
from hamstride.domain.model import Step
from hamstride.storage.table_reader import MISSING, Reader, shorten

MAX_WEEKS = 52
_WEEK_RANGE = re.compile(r"^\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?$")

ReadStep = Callable[[Reader, dict[str, Any], float], Step | None]


def week_range(key: str) -> range | None:
    match = _WEEK_RANGE.match(key)
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not 1 <= first <= last <= MAX_WEEKS:
        return None
    return range(first, last + 1)


def read_weeks(reader: Reader, raw_steps: list[dict[str, Any]], steps: list[Step], lead_in: float, *,
               keys: tuple[str, ...], read_step: ReadStep) -> tuple[tuple[Step, ...], ...]:
    """A progression: each step's `week` table changes its dose for some weeks of the programme."""
    changes: list[dict[int, Step]] = []
    total = 0
    hint = 'write week."1" = { sets = 2, reps = 5 } or, for several weeks, week."5-10" = { ... }'
    for index, raw in enumerate(raw_steps):
        by_week: dict[int, Step] = {}
        changes.append(by_week)
        table = raw.get("week", MISSING)
        if table is MISSING:
            continue
        reader.step, reader.step_name = index, steps[index].name
        if not isinstance(table, dict):
            reader.problem("week", f"expected a table of weeks, got {describe(table)}", hint)
            continue
        for key, change in table.items():
            weeks = week_range(key)
            if weeks is None:
                reader.problem(f"week.{key}", f"{shorten(key)!r} is not a week or a range of weeks from 1 to "
                               f"{MAX_WEEKS}", hint)
                continue
            if not isinstance(change, dict):
                reader.problem(f"week.{key}", f"expected a table, got {describe(change)}", hint)
                continue
            reader.prefix = f'week."{key}".'
            reader.unknown_keys(change, keys)
            base = {k: v for k, v in raw.items() if k != "week"}
            if "reps" in change and "sets" not in change and isinstance(change["reps"], list) and change["reps"]:
                base["sets"] = len(change["reps"])
            step = read_step(reader, {**base, **change}, lead_in)
            reader.prefix = ""
            for week in weeks:
                if week in by_week:
                    reader.problem(f"week.{key}", f"week {week} is given twice", "give each week once")
                elif step is not None:
                    by_week[week] = step
            total = max(total, weeks[-1])
    reader.step, reader.step_name = None, None
    if reader.problems or total == 0:
        return ()
    return tuple(tuple(changes[i].get(week, _latest(changes[i], week, steps[i])) for i in range(len(steps)))
                 for week in range(1, total + 1))


def _latest(by_week: dict[int, Step], week: int, base: Step) -> Step:
    """A week the table does not name keeps the dose of the last week it did (or the step as written)."""
    earlier = [w for w in by_week if w < week]
    return by_week[max(earlier)] if earlier else base


def read_sessions_per_week(reader: Reader, value: Any, weeks: int) -> tuple[int, ...]:
    if value is MISSING:
        return ()
    hint = 'write sessions_per_week = 2, or per week: sessions_per_week = { "1" = 1, "2" = 2, "3-10" = 3 }'
    if not weeks:
        reader.problem("sessions_per_week", "only applies to a session with a week-by-week progression",
                       "add a week table to a step, or remove it")
        return ()
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 14:
        return (value,) * weeks
    if not isinstance(value, dict):
        reader.problem("sessions_per_week", f"expected a number or a table, got {describe(value)}", hint)
        return ()
    per_week: dict[int, int] = {}
    for key, count in value.items():
        span = week_range(key)
        if span is None or not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 14:
            reader.problem(f"sessions_per_week.{key}", "expected weeks = a number of sessions from 1 to 14", hint)
            return ()
        twice = [week for week in span if week in per_week]
        if twice:
            reader.problem(f"sessions_per_week.{key}", f"week {twice[0]} is given twice", "give each week once")
            return ()
        for week in span:
            per_week[week] = count
    return tuple(per_week.get(week, per_week.get(max((w for w in per_week if w < week), default=0), 1))
                 for week in range(1, weeks + 1))
