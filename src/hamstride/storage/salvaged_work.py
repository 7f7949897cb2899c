"""The coach's records: the history's whole sessions, and those a hand edit left read in part or not at all.

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
from pathlib import Path
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
    from hamstride.domain.outline import Outline
    from hamstride.domain.record import Record
    from hamstride.storage.month_reader import MonthReader

MAX_COUNT = 100_000  # as record_table: a larger count is a damaged file, not read
NOT_LOADING = (Category.WARM_UP, Category.MOBILITY, Category.ISOMETRIC)


def coached(reader: MonthReader, records: tuple[Record, ...], latest: datetime) -> tuple[Record, ...]:
    """`records` (the database's, oldest first) with the sessions of each month read in part that the figures
    leave out or read as no work: a month that does not parse (its sessions whose work does not read), or one
    that does with a session refused (`started = "yesterday"`), read with no steps (`[[session.stepp]]`) or with
    less eccentric work than its own figures say (`pside = [`); and
    the same of each month a save moved aside, the sessions of it that were not carried on."""
    from hamstride.storage.month_reader import MAX_MONTH_BYTES

    found: list[Salvaged] = []
    unclean = [reader.folder / name for name, month in reader.db.months().items() if not month.clean]
    for path in [*unclean, *_set_aside(reader.folder)]:
        try:
            raw = read_regular(path, MAX_MONTH_BYTES)
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            continue
        name = path.name.split(".")[0]  # the month, moved aside or not: "2026-11"
        try:
            data = month_toml.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, RecursionError, ValueError):
            found += [salvaged(unread, name, modified) for unread in unread_work(raw)]
            continue
        found += [salvaged(unread, name, modified) for unread in _read_as_none(path, data, latest)]
    if not found:
        return records
    known = {record.id for record in records}
    stand_for = {kept.id for kept in found if kept.id in known and kept.broken_line == 0}  # read as no work
    found = [kept for kept in found if kept.id not in known or kept.id in stand_for]
    return tuple(sorted((*(r for r in records if r.id not in stand_for), *found), key=lambda record: record.started))


def coached_outlines(reader: MonthReader, outlines: tuple[Outline, ...], latest: datetime) -> tuple[Outline, ...]:
    """`outlines` (the database's) as `coached` gives the records: what `hamstride show` replays a programme from,
    so that its week is the one home gives. The months are read again only when one is read in part."""
    from hamstride.domain.outline import Outline

    if all(month.clean for month in reader.db.months().values()) and not _set_aside(reader.folder):
        return outlines
    ids = {outline.id for outline in outlines}
    kept = [record for record in coached(reader, (), latest) if isinstance(record, Salvaged)]
    stand_for = {record.id for record in kept if record.id in ids and record.broken_line == 0}
    added = [Outline.of(record) for record in kept if record.id not in ids or record.id in stand_for]
    return tuple(sorted((*(o for o in outlines if o.id not in stand_for), *added), key=lambda o: o.started))


def _set_aside(folder: Path) -> list[Path]:
    """The months a save moved aside (`2026-11.toml.corrupt-<time>`): the sessions in them that did not read whole
    were carried into no new month, and the coach must not forget the strength day of 14 h ago at the next save."""
    try:
        return sorted(path for path in folder.iterdir() if ".toml.corrupt-" in path.name)
    except OSError:
        return []


def _read_as_none(path: Path, data: dict[str, Any], latest: datetime) -> list[Unread]:
    """The sessions of a month that parses that the reader refused, or read with no steps (a step's header
    misspelt, `[[sesion.step]]`: the session's own figures say 29 Nordics) or less work than its figures say,
    and those under a misspelt header (`[[psession]]`, not a session to the reader at all): each key as its
    table holds it."""
    from hamstride.storage.month_reader import read_tables

    tables = data.get("session")
    tables = tables if isinstance(tables, list) and all(isinstance(table, dict) for table in tables) else []
    unread = [_keys(number, table) for number, (table, read) in
              enumerate(zip(tables, read_tables(path, tables, latest), strict=True), start=1)
              if read.record is None or not read.record.steps or _written_more(table, read.record)]
    return unread + [_keys(0, table) for key, value in data.items() if key != "session" for table in _strays(value)]


def _strays(value: Any) -> list[dict[str, Any]]:
    """The tables, at any depth, that set a session's own keys (`[[s.ession]]`, `[[psession]]`)."""
    if isinstance(value, list):
        return [table for item in value for table in _strays(item)]
    if not isinstance(value, dict):
        return []
    if any(name in value for name in ("id", "started", "ended")):
        return [value]
    return [table for item in value.values() for table in _strays(item)]


def _keys(number: int, table: dict[str, Any]) -> Unread:
    every: dict[str, tuple[Any, ...]] = {key: (value,) for key, value in table.items()
                                         if not isinstance(value, (dict, list))}
    every["eccentric"], every["exercise"] = _inside(table, "eccentric"), _inside(table, "exercise")
    return Unread(number, 0, every)


def _written_more(table: dict[str, Any], record: Record) -> bool:
    """Its own figures say more eccentric work than its steps as read (`pside = [`, `eccentricc = true`: a step's
    key misspelt, its reps or its eccentric work not read): the coach goes by what was written."""
    eccentric, nordic = _count(table.get("eccentric_reps")) or 0, _count(table.get("nordic_reps")) or 0
    return eccentric > record.eccentric_reps or nordic > record.nordic_reps or (eccentric > 0 and not record.eccentric)


def _inside(value: Any, key: str) -> tuple[Any, ...]:
    """Every value `key` has in the tables within `value` (a step's `eccentric = true`, wherever it was put)."""
    if isinstance(value, list):
        return tuple(found for item in value for found in _inside(item, key))
    if isinstance(value, dict):
        return tuple(found for name, item in value.items() if isinstance(item, (dict, list))
                     for found in _inside(item, key)) + ((value[key],) if key in value else ())
    return ()


def salvaged(unread: Unread, month: str, modified: datetime) -> Salvaged:
    """What reads of the session, as the coach counts it: its latest time read, its totals read (summed, should
    the lines of two sessions have run together), eccentric when anything read says so or nothing says."""
    every = unread.every
    started, ended = _latest(every.get("started", ())), _latest(every.get("ended", ()))
    started = started or ended or modified
    # No end read: the month's last write stands for it, never earlier than the save (a session resumed in
    # the evening after a morning crash ended hours after its start; its 48 h run from then).
    ended = max(ended or max(modified, started), started)
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
