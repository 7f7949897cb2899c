"""Read a session file into a `Session`, or say everything that is wrong with it.

Every problem in a file is collected before giving up, so a runner fixing a
file sees the whole list at once instead of one error per attempt.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hamstride.domain import kinds
from hamstride.domain.errors import Problem, SessionFileError
from hamstride.domain.kinds.base import MAX_REPS, StepKind, describe
from hamstride.domain.model import Category, Exercise, Session, Step
from hamstride.storage import month_toml
from hamstride.storage.files import MAX_FILE_BYTES, NotAFile, read_regular
from hamstride.storage.table_reader import CONTROL_OR_NEWLINE, MISSING, Reader, shorten

if TYPE_CHECKING:
    import tomllib
    from collections.abc import Sequence

# A plain file is read by rtoml (month_toml): tomllib, and what finds the place of a problem in the
# text (toml_places), are imported for a file that has one.

MAX_STEPS = 500
MAX_SETS = 100
MAX_SESSION_SECONDS = 4 * 3600.0
MAX_NAME_CHARS = 80
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
        # tomllib's value and errors; rtoml's speed when the text is plain (home reads every file at start)
        table = month_toml.loads(text)
    except RecursionError:
        from hamstride.storage import toml_places

        raise SessionFileError(file, [Problem(file, "nests arrays or tables too deeply to read",
                                              line=toml_places.too_deep(text).line,
                                              hint="a session needs only [[steps]] tables and short lists")]) from None
    except ValueError as error:  # a syntax error (tomllib's TOMLDecodeError), or its integer-size limit
        import tomllib  # imported already: only tomllib raises its errors

        from hamstride.storage import toml_places

        if isinstance(error, tomllib.TOMLDecodeError):
            raise SessionFileError(file, [_syntax_problem(file, error, text)]) from error
        place = toml_places.long_number(text)  # over 4300 digits
        raise SessionFileError(file, [Problem(file, f"has a number too long to read ({shorten(str(error), 60)})",
                                              line=place.line, key=place.key,
                                              hint="write numbers of at most a few digits")]) from None
    reader = Reader(file, text, [])
    session = _read_session(reader, table, name, source)
    if reader.problems:
        raise SessionFileError(file, reader.problems)
    assert session is not None
    return session


def _syntax_problem(file: str, error: tomllib.TOMLDecodeError, text: str) -> Problem:
    from hamstride.storage import toml_places

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
    # The key and the step written on that line, as every other problem names them (a runner
    # looks for "sets", not for column 9).
    key, steps_before = toml_places.key_at(text, line, _STEPS_HEADER) if line is not None else (None, 0)
    return Problem(file, f"is not valid TOML: {message}", line=line, column=column, step=steps_before or None,
                   key=key, hint=toml_places.syntax_hint(message))


_STEPS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*steps[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)


def _read_session(reader: Reader, table: dict[str, Any], name: str, source: Path | None) -> Session | None:
    reader.unknown_keys(table, SESSION_KEYS)
    title = reader.text(table, "title", required=True, limit=MAX_NAME_CHARS)
    summary = reader.text(table, "summary", multiline=True)
    tags: tuple[str, ...] = ()
    raw_tags = table.get("tags", [])
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
        reader.problem("tags", "expected a list of words", 'write tags = ["strength", "eccentric"]')
    else:
        for tag in raw_tags:
            if CONTROL_OR_NEWLINE.search(tag) or len(tag) > 40:
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
    has_weeks = isinstance(raw_steps, list) and any(isinstance(s, dict) and "week" in s for s in raw_steps)
    per_week_value = table.get("sessions_per_week", MISSING)
    weeks: tuple[tuple[Step, ...], ...] = ()
    per_week: tuple[int, ...] = ()
    if has_weeks or per_week_value is not MISSING:  # a programme's: a session without weeks needs none of it
        from hamstride.storage.programme_weeks import read_sessions_per_week, read_weeks

        if has_weeks and not reader.problems:
            weeks = read_weeks(reader, raw_steps, steps, lead_in, keys=week_keys(), read_step=_read_step)
        if not (reader.problems and has_weeks):  # step errors stop the weeks being read: no false error here
            per_week = read_sessions_per_week(reader, per_week_value, len(weeks))
    planned = max(sum(step.planned_seconds() for step in week) for week in (weeks or (tuple(steps),)))
    if not reader.problems and planned > MAX_SESSION_SECONDS:
        hours = planned / 3600
        reader.problem("steps", f"the session would take {hours:.1f} hours, over the limit of "
                       f"{MAX_SESSION_SECONDS / 3600:g} hours", "check sets, reps and seconds for a typo, "
                       "or split it into several sessions")
    if reader.problems:
        return None
    if weeks:
        steps, weeks = _progressed(steps), tuple(tuple(_progressed(week)) for week in weeks)
    return Session(name=name, title=title, summary=summary, tags=tags, steps=weeks[0] if weeks else tuple(steps),
                   source=source, weeks=weeks, sessions_per_week=per_week,
                   category=category if category is not None or not any(s.eccentric for s in steps)
                   else Category.ECCENTRIC, why=why)


_Choice = TypeVar("_Choice", Category, Exercise)


def _read_choice(reader: Reader, table: dict[str, Any], key: str, choices: type[_Choice]) -> _Choice | None:
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


def _progressed(steps: Sequence[Step]) -> list[Step]:
    """A programme's main step with no `exercise` key, whatever its name, is eccentric work: the weeks
    progress it, and domain/dose.py weighs it as a Nordic ("Hamstring lowers" with the key deleted ran 36
    reps with no readiness check). `exercise = "..."` says what it is instead; `check` asks for the key."""
    return [step._replace(eccentric=True) if step.main and step.exercise is None and not step.kind.is_break
            else step for step in steps]


def _check_main(reader: Reader, raw_steps: Any, steps: list[Step]) -> None:
    """One main step at most: the work whose completion makes the session count."""
    mains = [index for index, step in enumerate(steps) if step.main]
    if len(mains) > 1 and isinstance(raw_steps, list):
        reader.step, reader.step_name = mains[1], steps[mains[1]].name
        reader.problem("main", f"step {mains[0] + 1} is already the main step",
                       "mark only the one step whose completion makes the session count")
        reader.step, reader.step_name = None, None


def _read_step(reader: Reader, raw: dict[str, Any], lead_in: float) -> Step | None:
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
    if exercise is None and main and "eccentric" not in raw and isinstance(name, str) \
            and "nordic" in name.casefold():
        # A runner's copy with its `exercise = "nordic"` line deleted: still Nordics (domain/dose.py weighs
        # them so). Eccentric work, so the check comes first and its run starts the 48 h; `check` asks for the key.
        eccentric = True
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


def _read_set_reps(reader: Reader, value: list[Any], sets: int) -> tuple[int, ...]:
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


def _read_kind(reader: Reader, raw: dict[str, Any]) -> StepKind | None:
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
