"""The history for other tools: CSV for a spreadsheet, JSON with every detail, Markdown for a physio."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hamstride.domain.diary import Check, Race
from hamstride.domain.model import Session
from hamstride.domain.outline import Dated, Outline
from hamstride.domain.record import Record
from hamstride.domain.stats import compute, monday
from hamstride.domain.targets import WEEKLY
from hamstride.domain.timetext import clock, tenths
from hamstride.domain.weekly import Charts, charts
from hamstride.plaintext import shown
from hamstride.storage.files import NotAFile, kind_of, write_atomic
from hamstride.storage.record_table import to_table

# A cell a spreadsheet would read as a formula (=HYPERLINK(...)), or that some read as one after a
# tab or a carriage return: OWASP's CSV-injection guidance, a leading ' keeps it text.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """Text from a file as a CSV cell: control characters removed, a formula-leading cell quoted."""
    value = shown(value, markup=False)  # a carriage return becomes a space: " =1" is quoted too
    return "'" + value if value.lstrip(" ").startswith(_FORMULA_LEADS) else value


# One row per session: each column's name and how its cell comes from the record.
COLUMNS: tuple[tuple[str, Callable[[Record], object]], ...] = (
    ("date", lambda r: r.day.isoformat()),
    ("started", lambda r: r.started.isoformat()),
    ("ended", lambda r: r.ended.isoformat()),
    ("session", lambda r: text_cell(r.session)),
    ("title", lambda r: text_cell(r.title)),
    ("status", lambda r: r.status),
    ("elapsed_min", lambda r: round(r.elapsed_seconds / 60, 1)),
    ("active_min", lambda r: round(r.active_tenths / 60, 1)),
    ("eccentric_reps", lambda r: r.eccentric_reps),
    ("controlled_eccentric_reps", lambda r: r.controlled_eccentric_reps),
    ("rpe", lambda r: _blank(r.rpe)),
    ("soreness", lambda r: _blank(r.soreness)),
    ("week", lambda r: _blank(r.week)),
    ("note", lambda r: text_cell(r.note)),
)
CSV_COLUMNS = tuple(name for name, _ in COLUMNS)


def write_private(path: Path, text: str | bytes) -> None:
    """Write an export for the runner alone (0600, like the history): notes and soreness are private.

    Written whole to a new file beside it and renamed over it (an old 0644 file becomes 0600). Never
    through a symbolic link (one planted by someone else would aim the write at its target) nor over
    a pipe, a device or a folder: those raise OSError, said as the reason."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise NotAFile(0, "it is a symbolic link, and hamstride does not write through links; "
                          "give the file's real path", str(path))
    if mode is not None and not stat.S_ISREG(mode):
        raise NotAFile(0, f"it is {kind_of(mode)}, not a file", str(path))
    write_atomic(path, text)


def csv_row(record: Record) -> list[object]:
    return [cell(record) for _, cell in COLUMNS]


def csv_text(records: Sequence[Record]) -> str:
    """One row per session: what a spreadsheet wants."""
    return csv_from_rows(csv_row(record) for record in records)


def csv_from_rows(rows: Iterable[Sequence[object]]) -> str:
    """The CSV of rows already made (the history's database keeps each session's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def json_text(records: Sequence[Record]) -> str:
    """Every record with every step and side, datetimes in ISO 8601 with their offsets."""
    def plain(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        raise TypeError(f"cannot write {type(value).__name__}")

    return json.dumps({"sessions": [_text_only(_with_words(r)) for r in records]}, default=plain, indent=2,
                      ensure_ascii=False) + "\n"


def _with_words(record: Record) -> dict[str, Any]:
    """The record as the history keeps it, each step and side with what its counts are, in the kind's
    own words: a PNF step's `reps` are cycles, a timed drill's work is in its seconds ("0:30 in 2 sets")."""
    table = to_table(record)
    for step, written in zip(record.steps, table.get("step", [])):
        written["planned"] = step.planned_text()
        for side, side_table in zip(step.sides, written.get("side", [])):
            side_table["done"] = step.done_text(side)
    return table


def _text_only(value: Any) -> Any:
    """Every string in a table with its control characters removed: keys from newer versions pass
    through to the JSON as they were read, and JSON keeps C1 controls (a terminal's CSI) as they are."""
    if isinstance(value, str):
        return shown(value, markup=False)
    if isinstance(value, dict):
        return {shown(str(key), markup=False): _text_only(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_text_only(item) for item in value]
    return value


def _md(text: str) -> str:
    """Text from files inside a Markdown table: control characters removed (the report is often read
    in a terminal, where an escape sequence would act), pipes and line breaks would break the row."""
    text = shown(text, markup=False, one_line=True)
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown_report(records: Sequence[Record], today: date, weeks: int, target: int,
                    programme: Session | None = None, checks: Sequence[Check] = (),
                    every: Sequence[Outline] | None = None, maintenance: str = WEEKLY,
                    races: Sequence[Race] = (), coached: Sequence[Dated] | None = None) -> str:
    """The report: totals, the weeks side by side, left and right, the programme, every session, and
    the answers the coach went by (after sessions, and at the checks kept beside the history).

    `records` are whole records of at least the days from `weekly.report_start(today, weeks)`; the
    streaks and the programme read `every` session (default: `records`), in outline from the database.
    `coached`: what the programme reads instead, `every` and the work not in the history yet (a run under
    way in another copy, a crash's: domain.done_by.with_unsaved), which the streaks and lists never count."""
    first_day = monday(today) - timedelta(weeks=weeks - 1)
    chosen = [r for r in records if first_day <= r.day <= today]
    stats = compute(records if every is None else every, today, target)
    per_week: dict[date, int] = defaultdict(int)
    for day in {r.day for r in chosen if r.focused}:  # as the streak counts: focused sessions, once a day
        per_week[monday(day)] += 1
    weeks_met = sum(1 for n in range(weeks) if per_week.get(first_day + timedelta(weeks=n), 0) >= target)
    lines = [
        f"# Hamstring training report: {first_day:%d %b %Y} to {today:%d %b %Y} ({weeks} week{'s' if weeks != 1 else ''})",
        "",
        f"- Sessions: {len(chosen)} ({sum(1 for r in chosen if r.completed)} complete, "
        f"{sum(1 for r in chosen if not r.completed)} partial)",
        f"- Weeks meeting the target of {target} a week: {weeks_met} of {weeks}",
        f"- Eccentric reps: {sum(r.eccentric_reps for r in chosen)}, of which with full control: "
        f"{sum(r.controlled_eccentric_reps for r in chosen)}",
        f"- Current week streak: {stats.week_streak}; days since the last eccentric session: "
        f"{'none yet' if stats.days_since_eccentric is None else stats.days_since_eccentric}",
        "",
        *_weekly_tables(charts(records, today, weeks, target, programme, checks, every if coached is None else coached,
                               maintenance, races)),
        "## Sessions",
        "",
        "| date | session | status | active | eccentric reps (controlled) | effort | soreness |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in chosen:
        lines.append(f"| {r.started:%a %d %b %H:%M} | {_md(r.title)} | {r.status} | "
                     f"{clock(r.active_tenths)} | {r.eccentric_reps} ({r.controlled_eccentric_reps}) | "
                     f"{'' if r.rpe is None else r.rpe} | {'' if r.soreness is None else r.soreness} |")
    lines += ["", "## Doses per side", "",
              "| exercise | side | sets | reps, holds or cycles | time | reps with control lost |",
              "|---|---|---:|---:|---:|---:|"]
    doses: dict[tuple[str, str], list[float]] = {}
    for r in chosen:
        for step in r.steps:
            for done in step.sides:
                if not (done.sets_done or done.reps_done or done.active_seconds >= 1):
                    continue
                key = (step.name, done.side.value if done.side else "both")
                total = doses.setdefault(key, [0, 0, 0, 0.0])
                total[0] += done.sets_done
                total[1] += done.reps_done
                total[2] += done.reps_lost_control
                total[3] += tenths(done.active_seconds)
    for (name, side), (sets, reps, lost, seconds) in sorted(doses.items()):
        lines.append(f"| {_md(name)} | {side} | {sets:g} | {reps:g} | {clock(seconds)} | {lost:g} |")
    # What the coach went by: the answers after each session and those at the readiness checks.
    felt = [(r.ended, f"after {_md(r.title)}", _blank(r.rpe), _blank(r.soreness), "")
            for r in chosen if r.rpe is not None or r.soreness is not None]
    felt += [(c.when, "readiness check", "", _blank(c.soreness), "" if c.key_run is None else
              "yes" if c.key_run else "no") for c in checks if first_day <= c.when.date() <= today]
    lines += ["", "## Effort and soreness over time", ""]
    if felt:
        lines += ["The answers the coach goes by: after each session, and at the readiness checks (kept even when "
                  "no session followed).", "",
                  "| when | answered | effort (1-10) | soreness (0-10) | race or hard run ahead |",
                  "|---|---|---:|---:|---|"]
        for when, where, effort, sore, ahead in sorted(felt, key=lambda row: row[0]):
            lines.append(f"| {when:%a %d %b %H:%M} | {where} | {effort} | {sore} | {ahead} |")
    else:
        lines.append("Nothing recorded: the summary screen asks after each session, the check before eccentric work.")
    notes = [r for r in chosen if r.note]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {r.day:%d %b}: {_md(r.note)}" for r in notes]
    return "\n".join(lines) + "\n"


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def _side(reps: int, lost: int) -> str:
    return f"{reps} ({lost})" if reps else ""


def _weekly_tables(figures: Charts) -> list[str]:
    """The charts' figures as tables: volume, soreness and effort, and the sides, week by week."""
    lines = ["## Week by week", "",
             f"Eccentric reps, the programme's plan, the answers after each session (effort averaged, "
             f"soreness the week's highest) and before it (the readiness check's soreness, the week's "
             f"highest), and the single-leg eccentric reps per side with those where control was lost in "
             f"brackets. The target is {figures.target} sessions a week.", "",
             "| week of | sessions | Nordic reps | other eccentric reps | planned | effort | soreness "
             "| sore before | left (lost) | right (lost) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for week in figures.weeks:
        met = " ✓" if week.meets(figures.target) else ""
        lines.append(f"| {week.monday:%d %b %Y} | {week.sessions}{met} | {week.nordic_reps} | {week.bridge_reps} | "
                     f"{_blank(week.planned_reps)} | {_blank(week.effort)} | {_blank(week.soreness)} | "
                     f"{_blank(week.sore_before)} | "
                     f"{_side(week.left.reps, week.left.lost)} | {_side(week.right.reps, week.right.lost)} |")
    lines += ["", "## Left and right", "", figures.balance.sentence, ""]
    plan = figures.programme
    if plan is not None:
        lines += ["## Programme", "", _md(plan.sentence(figures.today)), "",
                  "| week | sessions | done | |", "|---:|---:|---:|---|"]
        for step in plan.weeks:
            lines.append(f"| {step.number} | {step.needed} | {step.done} | {step.state} |")
        lines.append("")
    return lines
