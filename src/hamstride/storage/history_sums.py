"""The history screen's figures added up by the history's database, not from every session built.

Ten years are some 3,650 sessions: building each one's figures in Python and adding them up was most of
the time the history screen took to fill. SQLite adds them up instead, over the sessions shown (the
`shown` view: an id in two places once), copied once into a table of this connection's own, and only
what the screen shows comes back: the totals, the days with a session (the day streaks), each week's
focused days (the week streaks), the weeks of the chart and the days of the calendar.

What comes back is `domain.stats.Sums`, what `sums_of` adds up from the records, and must equal it:
`tests/unit/test_history_sums.py` holds that over random histories. So the active minutes are added in
Python, in the order the sessions were done, as `sums_of` adds them (a float sum in another order may
differ in its last digit), and so are the few days of the calendar.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from hamstride.domain.stats import DayActivity, Sums, add_to_day, monday

# Each session shown, oldest first (the rowid keeps that order), with what the figures read of it.
_COPY = """CREATE TEMP TABLE figures AS SELECT day, active, eccentric_reps AS reps, nordic_reps AS nordic,
           eccentric, focused, (worked OR completed) AS counts, title FROM shown ORDER BY utc, month, pos"""
_TOTALS = """SELECT count(*), sum(reps), sum(nordic), max(CASE WHEN eccentric AND day <= :today THEN day END),
             max(CASE WHEN nordic > 0 AND day <= :today THEN day END) FROM figures WHERE counts"""
# Day ordinal 1 (1 January of year 1) is a Monday: (day - 1) / 7 numbers the weeks.
_FOCUSED = "SELECT (day - 1) / 7, count(DISTINCT day) FROM figures WHERE counts AND focused GROUP BY 1"
_WEEK_REPS = "SELECT (day - 1) / 7, sum(reps) FROM figures WHERE counts AND day >= :since GROUP BY 1"
_DAYS = "SELECT day, active, reps, eccentric FROM figures WHERE counts AND day >= :since ORDER BY rowid"


def sums(db: sqlite3.Connection, today: date, since: date) -> tuple[Sums, int, set[str]]:
    """The history's sums (the weeks and days from `since`'s week on), how many sessions it shows, and
    their titles: read in one transaction, so all of them are of the same moment."""
    asked = {"today": today.toordinal(), "since": monday(since).toordinal()}
    db.execute("PRAGMA temp_store = MEMORY")
    began = not db.in_transaction
    if began:
        db.execute("BEGIN")
    try:
        db.execute(_COPY)
        try:
            count, reps, nordic, eccentric_day, nordic_day = db.execute(_TOTALS, asked).fetchone()
            minutes = 0.0
            for (active,) in db.execute("SELECT active FROM figures WHERE counts ORDER BY rowid"):
                minutes += active / 60
            numbers = {row[0] for row in db.execute("SELECT DISTINCT day FROM figures WHERE counts")}
            focused = {_monday(week): days for week, days in db.execute(_FOCUSED)}
            week_reps = {_monday(week): total for week, total in db.execute(_WEEK_REPS, asked)}
            days = _days(db.execute(_DAYS, asked).fetchall())
            shown = db.execute("SELECT count(*) FROM figures").fetchone()[0]
            titles = {row[0] for row in db.execute("SELECT DISTINCT title FROM figures")}
        finally:
            db.execute("DROP TABLE temp.figures")
    finally:
        if began:
            db.execute("COMMIT")
    found = Sums(count, minutes, nordic or 0, reps or 0, _day(eccentric_day), _day(nordic_day), numbers, focused,
                 week_reps, days)
    return found, shown, titles


def _monday(week: int) -> date:
    return date.fromordinal(week * 7 + 1)


def _day(number: int | None) -> date | None:
    return None if number is None else date.fromordinal(number)


def _days(rows: list[tuple[int, float, int, int]]) -> dict[date, DayActivity]:
    """What each day held, added up as `stats.sums_of` adds it (its minutes in the sessions' order)."""
    per_day: dict[int, list[float]] = {}
    for day, active, reps, eccentric in rows:
        add_to_day(per_day, day, reps, active, bool(eccentric))
    return {date.fromordinal(d): DayActivity(int(v[0]), int(v[1]), v[2], bool(v[3])) for d, v in per_day.items()}
