"""The diary beside the history: answers at the readiness check, and the races ahead.

Two small TOML files in the history folder, so they travel with it:
- `checks.toml`: each answered check, kept whether or not a session followed (the last
  four weeks: only the last few days matter to the coach);
- `races.toml`: the races and hard runs the runner told `hamstride race` about.

They are written like the history months: a temporary file, fsynced, renamed over the
old one, under the folder's lock, re-read under it so two copies keep each other's
lines. A file that cannot be read is never rewritten: it is reported and set aside
(`.corrupt-<time>`, bytes unchanged) before a new one is started; an entry that
cannot be read is reported with its place and kept in the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import tomli_w

from hamstride.domain.diary import RACES_FILE, Check, Diary, Effort, Race
from hamstride.plaintext import shown
from hamstride.storage.files import private_folder, set_aside, write_atomic

T = TypeVar("T")

try:  # POSIX; elsewhere a second writer is rare enough to go without
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

CHECKS = "checks.toml"
RACES = RACES_FILE
KEEP_CHECKS = timedelta(days=28)
MAX_LABEL = 60
LAST_RACE_DAY = date.max - timedelta(days=400)


def kept_label(text: str) -> str:
    """A race's label as it is kept: at most MAX_LABEL characters, a longer one cut at a word with "…"
    (cut mid-word, "many words" read "many wo")."""
    label = text.strip()
    if len(label) <= MAX_LABEL:
        return label
    cut = label[:MAX_LABEL - 1]
    if " " in cut and not label[MAX_LABEL - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
CHECKS_HEADER = ("# hamstride: the answers at the readiness check, kept even when no session followed.\n"
                 "# Only the last four weeks are kept; the coach reads the last three days.\n")
RACES_HEADER = ("# hamstride: races and hard runs ahead (`hamstride race`). Eccentric work stays away from the\n"
                "# days before each (docs/dosing.md, \"Races\"). Edit with `hamstride race`, or by hand with care.\n")


class Read(NamedTuple):
    tables: list[dict[str, Any]]
    problems: list[str]
    readable: bool  # False: the file is there but is not ours to rewrite
    places: tuple[str, ...] = ()  # each table's ", line N" and what to delete to drop it, when known


def _read(path: Path, key: str) -> Read:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Read([], [], True)
    except OSError as error:
        return Read([], [f"{path} cannot be read ({error.strerror or error})"], False)
    readable = True
    problems: list[str] = []
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as error:
        # What can still be read counts: a soreness of 7 or next week's race forgotten for one stray
        # byte would let eccentric work through. The file stays as it is until the next change.
        readable = False
        data, problems = _one_a_line(path, raw, key, error) or _salvaged(path, raw, error)
        problems.append(f"{path}: it is kept as it is and set aside at the next change; what could be read "
                        "counts, and goes on into the new file")
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        return Read([], [f"{path}: key '{key}' must be a list of [[{key}]] tables; it is kept as it is and set "
                         "aside at the next change"], False)
    return Read(tables, problems, readable, _places(raw.decode("utf-8"), key, len(tables)) if readable else ())


def _places(text: str, key: str, count: int) -> tuple[str, ...]:
    """Where each table starts, as a runner finds it: its `[[key]]` header, or the line of its `{ ... }`
    in the `key = [...]` our writer makes (one a line). Nothing when the count does not match."""
    lines = text.split("\n")
    header = re.compile(rf"^\s*\[\[\s*{key}\s*\]\]")
    found = [(n, "table") for n, line in enumerate(lines, start=1) if header.match(line)]
    if not found:
        found = [(n, "line") for n, line in enumerate(lines, start=1) if line.lstrip().startswith("{")]
    return tuple(f", line {n}|{unit}" for n, unit in found) if len(found) == count else ()


MAX_LINES_LEFT_OUT = 20  # a diary broken in more places than this is not guessed at


def _one_a_line(path: Path, raw: bytes, key: str, error: Exception) -> tuple[dict[str, Any], list[str]] | None:
    """The file as our writer makes it (`key = [`, then one `{ ... }` a line), each entry read on its own:
    the parser names the line after a lost comma, which is fine, and leaving that one out dropped the newest
    answer (a 7) for the older one. None when the file is not in that form."""
    lines = raw.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    opening = re.compile(rf"^\s*{key}\s*=\s*\[\s*$")
    # Only that form: a line of anything else (a [[check]] table below the array) is not skipped unsaid.
    if not any(opening.match(line) for line in lines) or not all(
            opening.match(line) or line.strip()[:1] in ("", "#", "{", "]") for line in lines):
        return None
    entries: list[dict[str, Any]] = []
    said: list[str] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text.startswith("{"):
            continue
        try:  # as an array: two entries on a line, or the closing bracket after the last one, are read too
            read = tomllib.loads("entries = [" + text.rstrip().rstrip("]").rstrip().rstrip(",") + "]")["entries"]
        except (tomllib.TOMLDecodeError, RecursionError) as failed:
            said.append(f"{path}, line {number}: {shown(str(failed))}; that line is left out")
            continue
        entries.extend(entry for entry in read if isinstance(entry, dict))
    if isinstance(error, UnicodeDecodeError):
        at = raw.count(b"\n", 0, error.start) + 1
        said.insert(0, f"{path}, line {at}: a byte that is not UTF-8 text; save the file as UTF-8")
    return {key: entries}, said


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _salvaged(path: Path, raw: bytes, error: Exception) -> tuple[dict[str, Any], list[str]]:
    """The file read without the lines the parser stops at (a byte that is not UTF-8 reads as U+FFFD),
    and each line left out, named by its number in the file."""
    lines = raw.decode("utf-8", "replace").split("\n")
    numbers = list(range(1, len(lines) + 1))
    said: list[str] = []
    if isinstance(error, UnicodeDecodeError):
        line = raw.count(b"\n", 0, error.start) + 1
        said.append(f"{path}, line {line}: a byte that is not UTF-8 text; save the file as UTF-8")
    for _ in range(MAX_LINES_LEFT_OUT):
        try:
            return tomllib.loads("\n".join(lines)), said
        except (tomllib.TOMLDecodeError, RecursionError) as failed:
            found = _AT_LINE.search(str(failed))
            if found is None or not 1 <= int(found.group(1)) <= len(lines):
                break
            at = int(found.group(1)) - 1
            if not (said and said[0].startswith(f"{path}, line {numbers[at]}:")):
                said.append(f"{path}, line {numbers[at]}: {shown(str(failed)[:found.start()].strip())}; "
                            "that line is left out")
            del lines[at], numbers[at]
    return {}, [*said, f"{path}: {shown(str(error))}"]


def _check(table: dict[str, Any]) -> Check:
    when = table.get("when")
    if not isinstance(when, datetime) or when.tzinfo is None:
        raise ValueError("key 'when': must be a date and time with its offset, e.g. 2026-12-06T07:30:00+01:00")
    soreness = table.get("soreness")
    if soreness is not None and (not isinstance(soreness, int) or isinstance(soreness, bool)
                                 or not 0 <= soreness <= 10):
        raise ValueError("key 'soreness': must be a whole number from 0 to 10")
    key_run = table.get("key_run")
    if key_run is not None and not isinstance(key_run, bool):
        raise ValueError("key 'key_run': must be true or false")
    return Check(when, soreness, key_run)


def _race(table: dict[str, Any]) -> Race:
    day = table.get("day")
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ValueError("key 'day': must be a date, e.g. 2026-12-20")
    if day > LAST_RACE_DAY:  # the days before and after it must be dates too (9999-12-31 stopped the app)
        raise ValueError(f"key 'day': {day} is further ahead than any race; a date like 2026-12-20")
    label = table.get("label", "")
    if not isinstance(label, str) or not label.strip():
        raise ValueError('key \'label\': must be text, e.g. "10k"')
    effort = table.get("effort", Effort.RACE.value)
    if effort not in {e.value for e in Effort}:
        raise ValueError('key \'effort\': must be "race" or "hard"')
    return Race(day, kept_label(label), Effort(effort))


def read_checks(folder: Path) -> tuple[tuple[Check, ...], list[str]]:
    return _read_each(folder / CHECKS, "check", _check)


def read_races(folder: Path) -> tuple[tuple[Race, ...], list[str]]:
    return _read_each(folder / RACES, "race", _race)


def _read_each(path: Path, what: str, parse: Callable[[dict[str, Any]], T]) -> tuple[tuple[T, ...], list[str]]:
    """Every table of the file as `parse` reads it; a table it cannot read is skipped and named."""
    read = _read(path, what)
    found: list[T] = []
    for n, table in enumerate(read.tables, start=1):
        try:
            found.append(parse(table))
        except ValueError as error:
            place, _, unit = read.places[n - 1].partition("|") if read.places else ("", "", "entry")
            read.problems.append(f"{path}{place}: {what} {n}: {error}; skipped. Correct it, or delete that {unit}")
    return tuple(found), read.problems


def read_diary(folder: Path, config: Any = None, today: date | None = None) -> Diary:
    """Checks, races and (when the config names one) the calendar file's races and hard runs."""
    checks, problems = read_checks(folder)
    races, more = read_races(folder)
    problems += more
    path = getattr(config, "calendar", None)
    if path:
        from hamstride.storage.plan_ics import races_in_calendar  # icalendar only for a runner who uses it

        planned, trouble = races_in_calendar(Path(path).expanduser(), config.race_words, config.hard_words,
                                             today or date.today())
        races += planned
        problems += trouble
    return Diary(checks, races, tuple(problems))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The history folder's lock (the one the months are written under)."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _rewrite(path: Path, key: str, header: str, change: Any) -> list[str]:
    """Re-read under the lock, change the tables, write atomically; a file we cannot read is set aside first."""
    private_folder(path.parent)  # the history's folder, 0700 whatever the umask: this may be its first file
    notes: list[str] = []
    with _locked(path.parent):
        read = _read(path, key)
        if not read.readable and path.exists():
            aside = set_aside(path)
            notes.append(f"{path} could not be read; kept as {aside.name}")
        tables = change(read.tables)  # of a file set aside, what could be read of it
        write_atomic(path, header + tomli_w.dumps({key: tables}))
    return notes


def save_check(folder: Path, check: Check) -> list[str]:
    """Keep one check's answers (nothing to keep when both were skipped)."""
    if check.soreness is None and check.key_run is None:
        return []
    table: dict[str, Any] = {"when": check.when}
    if check.soreness is not None:
        table["soreness"] = check.soreness
    if check.key_run is not None:
        table["key_run"] = check.key_run

    def add(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
        oldest = check.when - KEEP_CHECKS
        kept = [t for t in tables if not isinstance(t.get("when"), datetime) or t["when"] >= oldest]
        return [*kept, table]

    return _rewrite(folder / CHECKS, "check", CHECKS_HEADER, add)


def add_race(folder: Path, race: Race) -> list[str]:
    table = {"day": race.day, "label": kept_label(race.label), "effort": race.effort.value}

    def add(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
        same = [t for t in tables if t.get("day") == race.day and t.get("label") == table["label"]]
        return tables if same else sorted([*tables, table], key=lambda t: str(t.get("day")))

    return _rewrite(folder / RACES, "race", RACES_HEADER, add)


def remove_race(folder: Path, day: date, label: str | None) -> tuple[int, list[str]]:
    """Remove the races on that day (only the one with that label, when given); how many went."""
    removed = 0

    def drop(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal removed
        # The label as typed, or as it was kept (a long one is kept shortened).
        names = None if label is None else {label.strip(), kept_label(label)}
        kept = [t for t in tables if not (t.get("day") == day and (names is None or t.get("label") in names))]
        removed = len(tables) - len(kept)
        return kept

    if not (folder / RACES).exists():
        return 0, []
    notes = _rewrite(folder / RACES, "race", RACES_HEADER, drop)
    return removed, notes
