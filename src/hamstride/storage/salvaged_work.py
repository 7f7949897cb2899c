"""The coach's records of a month that does not parse: its whole sessions, and those whose work is unread.

A session with a line of its work broken by hand is not guessed at (month_salvage.py): it is not in the
figures, the history screen, the export, nor any month a save writes. But the coach must still know it
was done: a strength day saved 14 h ago whose `side` line gained a stray comma let home offer the strength
day again, and the readiness check start it with no hold. What its own lines say alone (its times, its
category, its totals, a step's `eccentric = true`) makes a `Salvaged` record (domain/salvaged.py), read by
`MonthReader.load`, the coach's reading, only. It is eccentric work when anything read says so, and when
nothing read says either way (its figures unread: the session it names may be Nordics). No time read, the
month's modification time stands for both its start and its end: later than it was, never earlier.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from hamstride.domain import kinds
from hamstride.domain.model import Category, Exercise
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.domain.salvaged import Salvaged
from hamstride.plaintext import shown
from hamstride.storage import month_toml
from hamstride.storage.files import read_regular
from hamstride.storage.month_salvage import Unread, unread_work

if TYPE_CHECKING:
    from hamstride.domain.record import Record
    from hamstride.storage.month_reader import MonthReader

MAX_COUNT = 100_000  # as record_table: a larger count is a damaged file, not read
NOT_LOADING = (Category.WARM_UP, Category.MOBILITY, Category.ISOMETRIC)


def coached(reader: MonthReader, records: tuple[Record, ...]) -> tuple[Record, ...]:
    """`records` (the database's, oldest first) with the unread sessions of each month that does not parse."""
    from hamstride.storage.month_reader import MAX_MONTH_BYTES

    known = {record.id for record in records}
    found: list[Record] = []
    for name, month in reader.db.months().items():
        if month.clean:  # read whole: nothing left out
            continue
        path = reader.folder / name
        try:
            raw = read_regular(path, MAX_MONTH_BYTES)
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            continue
        try:
            month_toml.loads(raw.decode("utf-8"))
            continue  # it parses: a session refused for a value is said where it is (month_places.py)
        except (UnicodeDecodeError, RecursionError, ValueError):
            pass
        found += [kept for unread in unread_work(raw) if (kept := salvaged(unread, name, modified)).id not in known]
    if not found:
        return records
    return tuple(sorted((*records, *found), key=lambda record: record.started))


def salvaged(unread: Unread, month: str, modified: datetime) -> Salvaged:
    """What reads of the session, as the coach counts it: its latest time read, its totals read (summed, should
    the lines of two sessions have run together), eccentric when anything read says so or nothing says."""
    every = unread.every
    started, ended = _latest(every.get("started", ())), _latest(every.get("ended", ()))
    started = started or ended or modified
    ended = max(ended or started, started)
    eccentric_reps, nordic_reps = _total(every.get("eccentric_reps", ())), _total(every.get("nordic_reps", ()))
    categories = {Category(value) for value in every.get("category", ()) if value in set(Category)}
    category = Category.ECCENTRIC if Category.ECCENTRIC in categories else min(categories, default=None)
    nordic_step = "nordic" in every.get("exercise", ())
    says = bool(eccentric_reps or nordic_reps) or category is Category.ECCENTRIC or nordic_step \
        or True in every.get("eccentric", ())
    eccentric = says or (eccentric_reps is None and not (categories and categories <= set(NOT_LOADING)))
    nordics = nordic_reps or 0
    steps: list[StepResult] = []
    if nordics:
        steps.append(_step(len(steps), nordics, eccentric=True, nordic=True))
    if eccentric and ((eccentric_reps or 0) > nordics or not steps):
        steps.append(_step(len(steps), max(0, (eccentric_reps or 0) - nordics), eccentric=True,
                           nordic=nordic_step and not nordics))
    if not steps:
        steps.append(_step(0, 0, eccentric=False, nordic=False))
    session, title, ident = (_text(every.get(key, ())) for key in ("session", "title", "id"))
    return Salvaged(id=ident or f"{month}-session-{unread.number}", started=started, ended=ended, session=session,
                    title=title or session or f"Session {unread.number} of {month}", completed=False,
                    elapsed_seconds=(ended - started).total_seconds(), steps=tuple(steps), category=category,
                    soreness=max((n for v in every.get("soreness", ()) if (n := _count(v, 10)) is not None),
                                 default=None), broken_line=unread.line)


def _step(index: int, reps: int, *, eccentric: bool, nordic: bool) -> StepResult:
    """One step standing for what was read: its reps, one set (some work done), nothing planned."""
    return StepResult(index=index, name="(its line is broken)", kind=kinds.TEMPO if eccentric else kinds.TIMED,
                      eccentric=eccentric, planned_sets=0, planned_reps=0,
                      sides=(SideResult(None, sets_done=1, reps_done=reps, reps_lost_control=0, active_seconds=0.0),),
                      status=StepStatus.PARTIAL, exercise=Exercise.NORDIC if nordic else None)


def _latest(values: tuple[Any, ...]) -> datetime | None:
    return max((value for value in values if isinstance(value, datetime) and value.utcoffset() is not None),
               default=None)


def _total(values: tuple[Any, ...]) -> int | None:
    counts = [count for value in values if (count := _count(value)) is not None]
    return sum(counts) if counts else None


def _count(value: Any, most: int = MAX_COUNT) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= most else None


def _text(values: tuple[Any, ...]) -> str:
    """The first of a key's values that is text, as every screen shows text from a file."""
    return next((shown(value[:200], markup=False) for value in values if isinstance(value, str)), "")
