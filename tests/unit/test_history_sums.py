"""The history screen's figures added up by SQLite are the figures of the records (issue 25, Hypothesis).

The history screen no longer builds a figure for every session it holds: the history's database adds
them up (`storage/history_sums.py`), and only the totals, the days and weeks the streaks need, the
chart's weeks and the calendar's days come back. The old path, kept here as the reference, is
`stats.compute` over every session the history shows, as whole records.

Over random histories of real records (`test_report_outline.histories`: the built-in sessions run
through the engine and varied, with gaps and breaks, time zones, partial sessions, reps that got away,
now and then an id used twice, and here starts taken back at once, which count for nothing), on any
day from weeks before the last session (sessions after today) to weeks after it, with any weekly
target:

- the figures (`Stats`) from the database's sums equal those `compute` gives from the records, value
  for value (the active minutes to the last digit), the calendar's days over the weeks it shows;
- so the screen's sentences and its warning are the same, character for character;
- the sums read while the months are still being read are those of the months read so far;
- the list's rows, read from the database's columns with no record built, are the records' rows: each
  field the list shows is the record's own, the row's text is the one the record would give, and the
  record the row opens is the record.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hamstride.domain.record import Record
from hamstride.domain.stats import Stats, compute, detraining_warning, from_sums, monday
from hamstride.storage.history import HistoryStore
from hamstride.storage.history_db import Listed
from hamstride.ui.screens.history import CHART_WEEKS, first_day_shown, stats_lines
from hamstride.ui.widgets.session_list import cells
from tests.unit.test_report_outline import PROGRAMMES, _written, histories


def _taken_back(record: Record) -> Record:
    """The same start taken back at once: no rep, no set, no second of work (a start that is no session)."""
    steps = tuple(replace(step, sides=tuple(replace(side, sets_done=0, reps_done=0, reps_lost_control=0,
                                                    active_seconds=0.0) for side in step.sides))
                  for step in record.steps)
    return replace(record, steps=steps, completed=False)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Record], date]:
    records, _, today = draw(st.sampled_from(PROGRAMMES).flatmap(histories))
    records = [_taken_back(r) if draw(st.integers(0, 7)) == 0 else r for r in records]
    return records, today - timedelta(days=draw(st.sampled_from([0, 0, 3, 10, 40])))


def _shown(records: list[Record]) -> list[Record]:
    """What the history shows, oldest first: an id in two places is its later copy (month, then place in it)."""
    placed: dict[str, tuple[str, int, Record]] = {}
    months: dict[str, int] = {}
    for record in records:  # as _written writes them: each month's sessions in the order drawn
        month = f"{record.started:%Y-%m}"
        pos = months[month] = months.get(month, -1) + 1
        if record.id not in placed or (month, pos) > placed[record.id][:2]:
            placed[record.id] = (month, pos, record)
    return [r for _, _, r in sorted(placed.values(), key=lambda p: (p[2].started.timestamp(), p[0], p[1]))]


def _same(new: Stats, old: Stats, since: date) -> None:
    assert new._replace(days={}) == old._replace(days={})
    assert new.days == {day: activity for day, activity in old.days.items() if day >= since}
    assert stats_lines(new) == stats_lines(old)
    assert detraining_warning(new) == detraining_warning(old)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.integers(1, 4))
def test_the_screens_figures_from_the_databases_sums_are_the_records_figures(
        case: tuple[list[Record], date], target: int) -> None:
    records, today = case
    since = first_day_shown(today)
    with tempfile.TemporaryDirectory() as folder:
        if records:
            _written(Path(folder) / "history", records)
        now = datetime.combine(today, datetime.min.time(), timezone.utc) + timedelta(hours=12)
        store = HistoryStore(Path(folder) / "history", lambda: now, cache=Path(folder) / "cache")
        shown = store.shown(today, since)
        whole = store.db.records()
    old = compute(_shown(records), today, target, chart_weeks=CHART_WEEKS)
    assert compute(whole, today, target, chart_weeks=CHART_WEEKS) == old  # the old path, from the database
    new = from_sums(shown.sums, today, target, chart_weeks=CHART_WEEKS)
    event(f"week streak {min(old.week_streak, 3)}, day streak {min(old.day_streak, 3)}")
    event(f"uncounted sessions: {len(whole) > old.sessions}")
    _same(new, old, since)
    assert len(shown.rows) == len(whole) and shown.titles == {r.title for r in whole}
    _listed_as_records(shown.rows, _shown(records))


def _listed_as_records(rows: Sequence[Listed], records: list[Record]) -> None:
    """The rows from the columns show what the records would: field by field, as text, and when opened."""
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row[:-1] == tuple(getattr(record, field) for field in Listed._fields[:-1])
        assert cells(row) == cells(record)  # type: ignore[arg-type]  # a record answers what a row does
        assert row.record() == record


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.integers(1, 3))
def test_the_sums_of_the_months_read_so_far_are_those_months_figures(
        case: tuple[list[Record], date], read: int) -> None:
    records, today = case
    since = first_day_shown(today)
    newest = sorted({f"{r.started:%Y-%m}" for r in records})[-read:]
    with tempfile.TemporaryDirectory() as folder:
        if records:
            _written(Path(folder) / "history", records)
        now = datetime.combine(today, datetime.min.time(), timezone.utc) + timedelta(hours=12)
        store = HistoryStore(Path(folder) / "history", lambda: now, cache=Path(folder) / "cache")
        for path in store.month_files():
            if path.name[:7] in newest:
                store.read_into_db(path, now + timedelta(days=1), [])
        so_far = store.shown_so_far(today, since)
    old = compute(_shown([r for r in records if f"{r.started:%Y-%m}" in newest]), today, chart_weeks=CHART_WEEKS)
    _same(from_sums(so_far.sums, today, chart_weeks=CHART_WEEKS), old, since)


def test_the_calendar_and_the_chart_begin_on_the_monday_the_database_adds_up_from() -> None:
    today = date(2026, 11, 24)
    since = first_day_shown(today)
    assert since == monday(since) == monday(today) - timedelta(weeks=25)
