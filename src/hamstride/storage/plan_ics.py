"""The runner's training plan as an iCalendar file: its races and hard runs ahead.

Most running apps and plans export .ics. The file is read where it lies, on this
machine; nothing is fetched or sent. An event counts when its summary holds one
of the configured words (config `race_words`, `hard_words`), case aside: a race
word makes it a race, else a hard word a hard run. A weekly repeat (RRULE) counts
on each of its days in the weeks ahead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hamstride.domain.diary import Effort, Race, long_label
from hamstride.plaintext import shown

AHEAD = timedelta(days=60)  # events further off do not change what is done today
BEHIND = timedelta(days=8)  # a race keeps eccentric work away for up to 7 days after it too
MAX_EVENTS = 5000  # a calendar of years of runs: only so many are read


def effort_of(summary: str, race_words: Iterable[str], hard_words: Iterable[str]) -> Effort | None:
    words = summary.casefold()
    if any(w.casefold() in words for w in race_words) or long_label(summary):  # "Lavaredo 120K trail"
        return Effort.RACE
    if any(w.casefold() in words for w in hard_words):
        return Effort.HARD
    return None


def _day_and_time(value: Any) -> tuple[date, time | None] | None:
    if isinstance(value, datetime):
        local = value.astimezone() if value.tzinfo is not None else value
        return local.date(), local.time()
    if isinstance(value, date):
        return value, None
    return None


def _lasts(event: Any) -> timedelta | None:
    """How long the event lasts (DTEND, or DURATION), when the calendar says and it can be read."""
    try:
        if event.get("DTEND") is not None:
            lasts = event.decoded("DTEND") - event.decoded("DTSTART")
        elif event.get("DURATION") is not None:
            lasts = event.decoded("DURATION")
        else:
            return None
    except Exception:  # an end icalendar cannot read, or a date less a time: the start stands
        return None
    return lasts if isinstance(lasts, timedelta) and lasts > timedelta(0) else None


def _starts(event: Any, today: date) -> list[Any]:
    """The event's start, and its repeats up to AHEAD when it has an RRULE."""
    first = event.decoded("DTSTART")
    rule = event.get("RRULE")
    if rule is None:
        return [first]
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped]  # icalendar's own dependency

    start = first if isinstance(first, datetime) else datetime.combine(first, time(0))
    until = datetime.combine(today + AHEAD, time(0), tzinfo=start.tzinfo)
    since = datetime.combine(today - BEHIND, time(0), tzinfo=start.tzinfo)
    dates = rrulestr(rule.to_ical().decode(), dtstart=start).between(since, until, inc=True)
    return [d if isinstance(first, datetime) else d.date() for d in dates[:MAX_EVENTS]]


def races_in_calendar(path: Path, race_words: Sequence[str], hard_words: Sequence[str],
                      today: date) -> tuple[tuple[Race, ...], list[str]]:
    """Races and hard runs from a week ago (a race's margin after it) to two months ahead, and what could
    not be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return (), [f"calendar {path} cannot be read ({error.strerror or error}); fix `calendar` in config.toml"]
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception as error:  # icalendar raises ValueError and others on a broken file
        return (), [f"calendar {path}: not an iCalendar file ({shown(str(error)[:200])})"]
    races: list[Race] = []
    problems: list[str] = []
    for n, event in enumerate(calendar.walk("VEVENT")):
        if n >= MAX_EVENTS:
            problems.append(f"calendar {path}: only the first {MAX_EVENTS} events were read")
            break
        summary = str(event.get("SUMMARY", ""))
        effort = effort_of(summary, race_words, hard_words)
        if effort is None:
            continue
        try:
            starts = _starts(event, today)
        except Exception as error:  # a DTSTART or RRULE icalendar or dateutil cannot read
            problems.append(f"calendar {path}: event {summary[:40]!r}: {shown(str(error)[:120])}; skipped")
            continue
        lasts = _lasts(event)
        for start in starts:
            found = _day_and_time(start)
            # The days after a race run from its end: an all-day event's DTEND is the day after its last.
            ends = _day_and_time(start + lasts - (timedelta(0) if isinstance(start, datetime) else timedelta(days=1))
                                 if lasts else start)
            if found is None:
                continue
            last = ends if ends is not None else found  # kept by its end: a stage race begun over a week ago
            if not today - BEHIND <= last[0] or found[0] > today + AHEAD:
                continue
            later = (last[0], last[1] or time(0)) > (found[0], found[1] or time(0))  # the same day, later, too
            races.append(Race(found[0], summary.strip()[:60] or effort.value, effort, found[1], path.name,
                              *(last if later else (None, None))))
    return tuple(races), problems
