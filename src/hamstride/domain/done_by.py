"""A session or an answer dated after now was given all the same: the rules read it as done by now.

A laptop clock that ran ahead and was then put right (or one that moved backwards: a dual boot, a
flat clock battery) leaves the history a session dated after now. It happened, and before now. Left out
as "not yet", the 48 h after it, its programme week and the soreness answered with it were all forgotten
until the clock caught up with its date: home offered week 1 again an hour after week 1's Nordics.
So each rule reads such a session as ended now at the latest (the latest it can really have been
done: the 48 h from it are the most that can still be due), and an answer dated ahead as given now.
The progression, which knows only a day, reads a session dated after it as done that day.

Work not in the history yet is done by now too (`Unsaved`, `with_unsaved`): a run another copy of
hamstride has under way, or one a crash left that the runner has not yet resumed or kept. Its record
is what its journal holds so far; the coach weighs it as a session of the history (once: a record
saved meanwhile is the history's), and says why (`under_way`). The history's lists and streaks never
see it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from hamstride.domain.outline import Outline
from hamstride.domain.record import Record

if TYPE_CHECKING:
    from hamstride.domain.diary import Check
    from hamstride.domain.outline import Dated

D = TypeVar("D", bound="Dated")
LAST_MINUTE = time(23, 59)  # a day's end, for a session dated after the day the progression is asked of


def by_now(records: Iterable[D], now: datetime) -> list[D]:
    """The records, each one that begins after `now` moved back to end now (in its own offset)."""
    return [r if r.started <= now else _ending(r, now.astimezone(r.ended.tzinfo)) for r in records]


def by_day(records: Iterable[D], today: date) -> list[D]:
    """The records, each one dated after `today` moved back to end on its last minute (in its offset)."""
    return [r if r.day <= today else _ending(r, datetime.combine(today, LAST_MINUTE, tzinfo=r.ended.tzinfo))
            for r in records]


def checks_by_now(checks: Iterable[Check], now: datetime) -> tuple[Check, ...]:
    """The checks, each one dated after `now` as answered now."""
    return tuple(c if c.when <= now else replace(c, when=now.astimezone(c.when.tzinfo)) for c in checks)


def checks_by_day(checks: Iterable[Check], today: date) -> tuple[Check, ...]:
    """The checks, each one dated after `today` as answered on its last minute."""
    return tuple(c if c.when.date() <= today else
                 replace(c, when=datetime.combine(today, LAST_MINUTE, tzinfo=c.when.tzinfo)) for c in checks)


class Unsaved(NamedTuple):
    """A run's work not in the history yet, as its journal holds it: `running`, another copy of hamstride
    is at it now; otherwise a crash left it, and the runner has not resumed or kept it yet. `ended`: the
    run was over, but its record could not be saved then."""

    record: Record
    running: bool
    ended: bool = False


def with_unsaved(records: Sequence[D], unsaved: Iterable[Unsaved]) -> list[D | Record]:
    """The history and the work not in it yet, oldest first: what the coach weighs. A run whose record is
    in the history already (saved since its journal was read) is counted once, as the history has it."""
    extra = [u.record for u in unsaved]
    if not extra:
        return list(records)
    saved = {r.id for r in records}
    new = {r.id: r for r in extra if r.id not in saved}  # one journal per id; the last read wins
    return sorted([*records, *new.values()], key=lambda r: r.started)


def eccentric_ahead(unsaved: Iterable[Unsaved]) -> Record | None:
    """A run under way in another copy with eccentric work still to come and none done yet (its warm-up):
    the 48 h rule cannot see it, yet its Nordics are minutes away. One session at a time: the coach holds
    eccentric work here until it is over. A crashed run's is what it did: nothing ahead is certain; nor is
    an ended one's (its record kept in the journal for want of a writable history)."""
    return next((u.record for u in unsaved if u.running and not u.ended and not u.record.eccentric
                 and any(step.eccentric for step in u.record.steps)), None)


def under_way(record: Dated, unsaved: Iterable[Unsaved], now: datetime) -> str:
    """How the coach names a session it weighs: "" for one of the history; for work not in it yet, where
    the runner would look for it ("under way in another hamstride window (started 10:02)")."""
    found = next((u for u in unsaved if u.record.id == record.id), None)
    if found is None:
        return ""
    began = found.record.started.astimezone(now.tzinfo)
    at = f"{began:%H:%M}" if began.date() == now.date() else f"{began:%a %d %b %H:%M}"
    if found.ended:
        return f"not saved to the history yet (ended; started {at})"
    if found.running:
        return f"under way in another hamstride window (started {at})"
    return f"left unfinished by a crash and not yet resumed or kept (started {at})"


def _ending(record: D, end: datetime) -> D:
    """The record moved to end at `end`: its length kept, so its 48 h start as late as they can."""
    started = end - (record.ended - record.started)
    if isinstance(record, Record):
        return cast("D", replace(record, started=started, ended=end))
    if isinstance(record, Outline):
        return cast("D", record._replace(started=started, ended=end, day=started.date()))
    raise TypeError(f"not a session record: {type(record).__name__}")
