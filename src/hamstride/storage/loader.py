"""Read a session file into a `Session`, or say everything that is wrong with it.

Every problem in a file is collected before giving up, so a runner fixing a
file sees the whole list at once instead of one error per attempt.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hamstride.domain import kinds
from hamstride.domain.errors import Problem, SessionFileError
from hamstride.domain.kinds.base import MAX_PHASE_SECONDS, MAX_REPS, MIN_PHASE_SECONDS, StepKind, describe
from hamstride.domain.model import Category, Exercise, Session, Step
from hamstride.storage import toml_places
from hamstride.storage.files import NotAFile, read_regular

if TYPE_CHECKING:
    from hamstride.storage.keylines import KeyLines

MAX_FILE_BYTES = 1024 * 1024
MAX_STEPS = 500
MAX_SETS = 100
MAX_SESSION_SECONDS = 4 * 3600.0
MAX_NAME_CHARS = 80
MAX_TEXT_CHARS = 2000
DEFAULT_LEAD_IN = 5.0
DEFAULT_SET_REST = 60.0

SESSION_KEYS = ("title", "summary", "tags", "category", "why", "lead_in", "sessions_per_week", "steps")
# Keys every step takes; each kind adds its own (kinds.kind_keys()).
COMMON_STEP_KEYS = ("name", "cue", "kind", "sets", "reps", "rest", "sides", "eccentric", "lead_in", "switch",
                    "exercise", "main", "control")


def step_keys() -> tuple[str, ...]:
    """Every key a step may write: asked of the registry each time, so a kind added is a kind known."""
    return COMMON_STEP_KEYS + tuple(k for k in kinds.kind_keys() if k not in COMMON_STEP_KEYS) + ("week",)


def week_keys() -> tuple[str, ...]:
    """What a week of a progression may change in a step."""
    return ("sets", "reps", "rest") + kinds.week_keys() + ("cue",)

MAX_WEEKS = 52
_WEEK_RANGE = re.compile(r"^\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?$")
MAX_KEY_SHOWN = 40  # a key longer than this is shown cut, not echoed in full
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class _Missing:
    pass


MISSING: Any = _Missing()


@dataclass
class _Reader:
    """Collects problems for one file while reading its values."""

    file: str
    written: str  # the file's text
    problems: list[Problem]
    step: int | None = None  # 0-based index of the step being read
    step_name: str | None = None
    prefix: str = ""  # e.g. 'week."5-10".' while reading a week's changes to a step

    @cached_property
    def lines(self) -> KeyLines:
        """Where each key was written: worked out only when a problem is to be told (a valid file,
        the library's every file at start, needs none; it was a third of reading one)."""
        from hamstride.storage.keylines import scan  # its patterns compiled only for a file with a problem

        return scan(self.written)

    def problem(self, key: str | None, message: str, hint: str | None = None) -> None:
        full = self.prefix + key if key is not None and self.prefix else key
        line = self.lines.line_of(self.step, full) or (self.lines.line_of(self.step, "week") if self.prefix
                                                       else None)
        self.problems.append(Problem(
            file=self.file, message=message, line=line,
            step=None if self.step is None else self.step + 1, step_name=self.step_name,
            key=None if full is None else shorten(full), hint=hint,
        ))

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...], prefix: str = "") -> None:
        for key in table:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if len(key) <= MAX_KEY_SHOWN else []
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
            self.problem(prefix + key, "unknown key", hint)

    def text(self, table: Mapping[str, Any], key: str, *, required: bool = False,
             multiline: bool = False, limit: int = MAX_TEXT_CHARS, default: str = "") -> str:
        value = table.get(key, MISSING)
        if value is MISSING:
            if required:
                self.problem(key, "is missing", f'add a line like {key} = "..."')
            return default
        if not isinstance(value, str):
            self.problem(key, f"expected text, got {describe(value)}", f'put it in quotes: {key} = "..."')
            return default
        pattern = _CONTROL if multiline else _CONTROL_OR_NEWLINE
        if pattern.search(value):
            allowed = "line breaks are the only control characters allowed" if multiline else \
                "keep it to one line of plain text"
            self.problem(key, "contains a control character", allowed)
            return default
        if required and not value.strip():
            self.problem(key, "is empty", f"give it a {key}")
            return default
        if len(value) > limit:
            self.problem(key, f"is {len(value)} characters long, the most is {limit}", "shorten it")
            return default
        return value

    def seconds(self, table: Mapping[str, Any], key: str, default: float, *, allow_zero: bool = False,
                label: str | None = None) -> float:
        label = label or key
        value = table.get(key.rpartition(".")[2], MISSING)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(label, f"expected a number of seconds, got {describe(value)}",
                         f"write a plain number, e.g. {key.rpartition('.')[2]} = 30")
            return default
        if isinstance(value, int) and abs(value) > MAX_PHASE_SECONDS * 1000:  # also too large for a float
            value = math.inf if value > 0 else -math.inf
        return self.check_seconds(label, float(value), allow_zero=allow_zero, default=default)

    def check_seconds(self, key: str, value: float, *, allow_zero: bool, default: float) -> float:
        if math.isnan(value):
            self.problem(key, "is not a number", "write a number of seconds")
            return default
        if math.isinf(value):
            self.problem(key, "is far over the limit of one hour" if value > 0 else "is below 0",
                         "write a number of seconds, at most 3600")
            return default
        if value < 0 or (value == 0 and not allow_zero):
            smallest = "0 or more" if allow_zero else "more than 0"
            self.problem(key, f"is {_seconds(value)} seconds; it must be {smallest}",
                         "remove the step if it should not happen" if not allow_zero else None)
            return default
        if value > MAX_PHASE_SECONDS:
            self.problem(key, f"is {_seconds(value)} seconds, over the limit of one hour",
                         "split it into several steps, or check the unit: seconds, not minutes")
            return default
        if 0 < value < MIN_PHASE_SECONDS:
            self.problem(key, f"is {_seconds(value)} seconds, too short to follow",
                         f"use at least {MIN_PHASE_SECONDS:g} seconds, or 0 where a pause can be left out")
            return default
        return value

    def count(self, table: Mapping[str, Any], key: str, default: int, limit: int,
              label: str | None = None, example: int = 3) -> int:
        label = label or key
        value = table.get(key.rpartition(".")[2], MISSING)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(label, f"expected a whole number, got {describe(value)}",
                         f"write a plain number, e.g. {key.rpartition('.')[2]} = {example}")
            return default
        if value < 1:
            self.problem(label, f"is {value if value > -10**12 else 'far below 0'}; it must be at least 1", "remove the step if it should not happen")
            return default
        if value > limit:
            shown = value if value < 10**12 else "far more than that"
            self.problem(label, f"is {shown}, over the limit of {limit}", f"use at most {limit}")
            return default
        return value

    def flag(self, table: Mapping[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, f"expected true or false, got {describe(value)}",
                         f"write {key} = true or {key} = false (no quotes)")
            return False
        return value


def shorten(text: str, limit: int = MAX_KEY_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _seconds(value: float) -> str:
    """3600.001 as 3600.001, not rounded to a number that is within the limit."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1e9 else f"{value:.3g}"


def load_session(path: Path) -> Session:
    """Load one session file; raise `SessionFileError` listing every problem."""
    shown = str(path)
    try:
        # A regular file only, bounded: a FIFO would hang, /dev/zero never end.
        data = read_regular(path, MAX_FILE_BYTES)
    except NotAFile as error:
        kind = (error.strerror or "").split(",")[0]  # "it is a pipe"
        raise SessionFileError(shown, [Problem(shown, f"is not a regular file ({kind})",
                                               hint="give the path of a .toml session file")]) from None
    except OSError as error:
        raise SessionFileError(shown, [Problem(shown, f"cannot be read: {error.strerror or error}")]) from error
    if len(data) > MAX_FILE_BYTES:
        raise SessionFileError(shown, [Problem(
            shown, f"is over the limit of {MAX_FILE_BYTES:,} (1 MiB)",
            hint="a session this large is almost certainly not a session file")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SessionFileError(shown, [Problem(
            shown, "is not UTF-8 text", line=line, hint="save the file as UTF-8")]) from error
    return parse_session(text, file=shown, name=path.stem, source=path)


def parse_session(text: str, *, file: str, name: str, source: Path | None = None) -> Session:
    encoded = text.encode("utf-8")
    if len(text) > MAX_FILE_BYTES or len(encoded) > MAX_FILE_BYTES:
        raise SessionFileError(file, [Problem(file, "is over the limit of 1 MiB")])
    if text.startswith("\ufeff"):
        raise SessionFileError(file, [Problem(file, "starts with a byte order mark (BOM), which TOML does not allow",
                                              line=1, hint="save the file as UTF-8 without a BOM")])
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SessionFileError(file, [_syntax_problem(file, error, text)]) from error
    except RecursionError:
        raise SessionFileError(file, [Problem(file, "nests arrays or tables too deeply to read",
                                              line=toml_places.too_deep(text).line,
                                              hint="a session needs only [[steps]] tables and short lists")]) from None
    except ValueError as error:  # tomllib's integer-size limit (over 4300 digits)
        place = toml_places.long_number(text)
        raise SessionFileError(file, [Problem(file, f"has a number too long to read ({shorten(str(error), 60)})",
                                              line=place.line, key=place.key,
                                              hint="write numbers of at most a few digits")]) from None
    reader = _Reader(file, text, [])
    session = _read_session(reader, table, name, source)
    if reader.problems:
        raise SessionFileError(file, reader.problems)
    assert session is not None
    return session


def _syntax_problem(file: str, error: tomllib.TOMLDecodeError, text: str) -> Problem:
    message = str(error)
    # tomllib appends "(at line L, column C)"; keep the words, move the place to the front.
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    line = column = None
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif (end := re.search(r"\s*\(at end of document\)$", message)):
        message = message[: end.start()] + " at the end of the file"
        if message.startswith("Unterminated string"):  # a multi-line string never closed: where it opens
            line = toml_places.unclosed_multiline(text).line
            if line is not None:
                message = f"a multi-line string opened on line {line} is never closed"
    hint = "check quotes, brackets and '=' on that line; text values need quotes"
    for pattern, better in _SYNTAX_HINTS:
        if pattern in message:
            hint = better
            break
    return Problem(file, f"is not valid TOML: {message}", line=line, column=column, hint=hint)


# tomllib's words for the mistakes people make most, and what to do about them.
_SYNTAX_HINTS = (
    ("Illegal character '\\n'", "a text value is missing its closing quote on that line"),
    ("is never closed", 'close it with the same three quotes that open it (""" or \'\'\')'),
    ("Invalid value", 'text values need quotes: name = "Plank", not name = Plank'),
    ("Cannot overwrite a value", "the same key is written twice in one table; keep one"),
    ("Cannot declare", "the same key or table is written twice; keep one"),
    ("Expected '=' after a key", "each line is key = value"),
)


def _read_session(reader: _Reader, table: dict[str, Any], name: str, source: Path | None) -> Session | None:
    reader.unknown_keys(table, SESSION_KEYS)
    title = reader.text(table, "title", required=True, limit=MAX_NAME_CHARS)
    summary = reader.text(table, "summary", multiline=True)
    tags: tuple[str, ...] = ()
    raw_tags = table.get("tags", [])
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
        reader.problem("tags", "expected a list of words", 'write tags = ["strength", "eccentric"]')
    else:
        for tag in raw_tags:
            if _CONTROL_OR_NEWLINE.search(tag) or len(tag) > 40:
                reader.problem("tags", f"the tag {tag[:40]!r} is not a short plain word", "keep tags short")
        tags = tuple(raw_tags)
    lead_in = reader.seconds(table, "lead_in", DEFAULT_LEAD_IN, allow_zero=True)
    category = _read_choice(reader, table, "category", Category)
    why = reader.text(table, "why", multiline=True)

    raw_steps = table.get("steps", MISSING)
    steps: list[Step] = []
    if raw_steps is MISSING or raw_steps == []:
        reader.problem("steps", "the session has no steps",
                       'add at least one [[steps]] table with a name and what to do, e.g.\n'
                       '    [[steps]]\n    name = "Plank"\n    hold = 30')
    elif not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        reader.problem("steps", "expected a list of [[steps]] tables", "write each step as a [[steps]] table")
    elif len(raw_steps) > MAX_STEPS:
        reader.problem("steps", f"has {len(raw_steps)} steps, over the limit of {MAX_STEPS}",
                       "split it into several sessions")
    else:
        for index, raw in enumerate(raw_steps):
            reader.step, reader.step_name = index, None
            step = _read_step(reader, {k: v for k, v in raw.items() if k != "week"}, lead_in)
            if step is not None:
                steps.append(step)
        reader.step, reader.step_name = None, None
    _check_main(reader, raw_steps, steps)
    weeks = _read_weeks(reader, raw_steps, steps, lead_in) if not reader.problems else ()
    has_weeks = isinstance(raw_steps, list) and any(isinstance(s, dict) and "week" in s for s in raw_steps)
    per_week: tuple[int, ...] = ()
    if not (reader.problems and has_weeks):  # step errors stop the weeks being read: no false error here
        per_week = _read_sessions_per_week(reader, table.get("sessions_per_week", MISSING), len(weeks))
    planned = max(sum(step.planned_seconds() for step in week) for week in (weeks or (tuple(steps),)))
    if not reader.problems and planned > MAX_SESSION_SECONDS:
        hours = planned / 3600
        reader.problem("steps", f"the session would take {hours:.1f} hours, over the limit of "
                       f"{MAX_SESSION_SECONDS / 3600:g} hours", "check sets, reps and seconds for a typo, "
                       "or split it into several sessions")
    if reader.problems:
        return None
    return Session(name=name, title=title, summary=summary, tags=tags, steps=weeks[0] if weeks else tuple(steps),
                   source=source, weeks=weeks, sessions_per_week=per_week,
                   category=category if category is not None or not any(s.eccentric for s in steps)
                   else Category.ECCENTRIC, why=why)


_Choice = TypeVar("_Choice", Category, Exercise)


def _read_choice(reader: _Reader, table: dict[str, Any], key: str, choices: type[_Choice]) -> _Choice | None:
    """One word from a closed list, with the nearest one suggested for a typo."""
    value = table.get(key, MISSING)
    if value is MISSING:
        return None
    words = [c.value for c in choices]
    try:
        return choices(value)
    except ValueError:
        close = difflib.get_close_matches(str(value), words, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(words)}"
        reader.problem(key, f"{describe(value)} is not one of: {', '.join(words)}", hint)
        return None


def _check_main(reader: _Reader, raw_steps: Any, steps: list[Step]) -> None:
    """One main step at most: the work whose completion makes the session count."""
    mains = [index for index, step in enumerate(steps) if step.main]
    if len(mains) > 1 and isinstance(raw_steps, list):
        reader.step, reader.step_name = mains[1], steps[mains[1]].name
        reader.problem("main", f"step {mains[0] + 1} is already the main step",
                       "mark only the one step whose completion makes the session count")
        reader.step, reader.step_name = None, None


def _week_range(key: str) -> range | None:
    match = _WEEK_RANGE.match(key)
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not 1 <= first <= last <= MAX_WEEKS:
        return None
    return range(first, last + 1)


def _read_weeks(reader: _Reader, raw_steps: list[dict[str, Any]], steps: list[Step],
                lead_in: float) -> tuple[tuple[Step, ...], ...]:
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
            weeks = _week_range(key)
            if weeks is None:
                reader.problem(f"week.{key}", f"{shorten(key)!r} is not a week or a range of weeks from 1 to "
                               f"{MAX_WEEKS}", hint)
                continue
            if not isinstance(change, dict):
                reader.problem(f"week.{key}", f"expected a table, got {describe(change)}", hint)
                continue
            reader.prefix = f'week."{key}".'
            reader.unknown_keys(change, week_keys())
            base = {k: v for k, v in raw.items() if k != "week"}
            if "reps" in change and "sets" not in change and isinstance(change["reps"], list) and change["reps"]:
                base["sets"] = len(change["reps"])
            step = _read_step(reader, {**base, **change}, lead_in)
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


def _read_sessions_per_week(reader: _Reader, value: Any, weeks: int) -> tuple[int, ...]:
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
        span = _week_range(key)
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


def _read_step(reader: _Reader, raw: dict[str, Any], lead_in: float) -> Step | None:
    before = len(reader.problems)
    name = raw.get("name")
    if isinstance(name, str) and name.strip():
        reader.step_name = name[:MAX_NAME_CHARS]
    name = reader.text(raw, "name", required=True, limit=MAX_NAME_CHARS)
    reader.unknown_keys(raw, step_keys())
    cue = reader.text(raw, "cue", multiline=True)
    kind = _read_kind(reader, raw)
    if kind is None:
        return None
    for key in raw:
        if (takers := kinds.taking(key)) and kind not in takers:
            reader.problem(key, f"does not apply to a {kind.name} step",
                           f"remove it, or make the step one of: {', '.join(sorted(k.name for k in takers))}")

    before_sets = len(reader.problems)
    sets = reader.count(raw, "sets", 1, MAX_SETS)
    sets_known = len(reader.problems) == before_sets
    set_reps: tuple[int, ...] = ()
    if isinstance(raw.get("reps"), list):
        set_reps = _read_set_reps(reader, raw["reps"], sets)
        reps = max(set_reps, default=1)
    else:
        reps = reader.count(raw, "reps", 1, MAX_REPS, example=5)
    if kind.needs_reps and "reps" not in raw:
        reader.problem("reps", "is missing", "say how many reps a set has, e.g. reps = 5")
    rest = reader.seconds(raw, "rest", DEFAULT_SET_REST if sets > 1 else 0.0, allow_zero=True)
    if "rest" in raw and sets == 1 and sets_known and not kind.is_break:
        reader.problem("rest", "is the rest between sets, but the step has one set",
                       "remove it, or add sets = 2 or more; for a rest step write kind = \"rest\" and duration")
    sides = reader.flag(raw, "sides")
    eccentric = reader.flag(raw, "eccentric")
    step_lead_in = reader.seconds(raw, "lead_in", lead_in, allow_zero=True)
    switch = reader.seconds(raw, "switch", 5.0, allow_zero=True)
    if "switch" in raw and not sides:
        reader.problem("switch", "is the switch-side pause, but the step is not per side", "add sides = true or remove it")

    params = kind.read(reader, raw, reps=reps)
    exercise = _read_choice(reader, raw, "exercise", Exercise)
    main = reader.flag(raw, "main")
    control = reader.flag(raw, "control")
    if control and kinds.Action.LOST_CONTROL not in kind.actions:
        reader.problem("control", f"does not apply to a {kind.name} step: only guided lowerings can get away",
                       "remove it; it belongs on a tempo step such as a Nordic")
    if exercise is not None and exercise.eccentric:
        if "eccentric" not in raw:
            eccentric = True  # a Nordic is eccentric work whether the file says so or not
        elif not eccentric:
            reader.problem("eccentric", f"a {exercise.value} step is eccentric work",
                           "write eccentric = true, or leave the key out")
    if kind.is_break and (sides or eccentric):
        reader.problem("sides" if sides else "eccentric", f"does not apply to a {kind.name} step", "remove it")
    if len(reader.problems) > before or params is None:
        return None
    return Step(
        name=name, kind=kind, params=params, cue=cue, sets=sets, reps=reps, rest=rest, sides=sides,
        eccentric=eccentric, lead_in=0.0 if kind.is_break else step_lead_in,
        switch=switch, set_reps=set_reps, exercise=exercise, main=main, control=control,
    )


def _read_set_reps(reader: _Reader, value: list[Any], sets: int) -> tuple[int, ...]:
    hint = f"one number of reps for each of the {sets} sets, e.g. reps = [12, 10, 8] with sets = 3"
    if not value:
        reader.problem("reps", "is an empty list", hint)
        return ()
    if not all(isinstance(r, int) and not isinstance(r, bool) and 1 <= r <= MAX_REPS for r in value):
        reader.problem("reps", f"expected whole numbers from 1 to {MAX_REPS}", hint)
        return ()
    if len(value) != sets:
        reader.problem("reps", f"lists {len(value)} sets of reps but the step has sets = {sets}", hint)
        return ()
    return tuple(value)


def _read_kind(reader: _Reader, raw: dict[str, Any]) -> StepKind | None:
    explicit = raw.get("kind", MISSING)
    if explicit is not MISSING:
        try:
            return kinds.by_name(explicit)
        except ValueError:
            choices = kinds.names()
            close = difflib.get_close_matches(str(explicit), choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
            reader.problem("kind", f"{describe(explicit)} is not a kind of step", hint)
            return None
    given = kinds.implied(raw)
    if len(given) > 1:
        (first, _), (second, _) = given[:2]
        reader.problem(second, f"a step is one kind of work, but it has both '{first}' and '{second}'",
                       "keep one, or split it into two steps")
        return None
    if given:
        return given[0][1]
    examples = [kind.example for kind in kinds.KINDS]
    reader.problem(None, "does not say what to do",
                   f"add one of: {', '.join(examples[:-1])} or {examples[-1]}")
    return None
