"""One programme under way: home's suggestion, the report's programme map and the charts name the same.

The report used to map "the latest session that carried a week", while home followed "the latest plan
Nordic session's programme". After a programme, a break and the small first session, home said "Week 1
of 8" of the beginner progression while the report said "Nordic programme: week 5 of 10; next session:
today": two doses for one runner on one day. Now both ask `programme_under_way`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.domain.record import Record
from hamstride.domain.suggest import programme_under_way, suggest
from hamstride.storage.history import HistoryStore
from hamstride.wallclock import local_now
from tests.unit.helpers import followed, make_record
from tests.unit.test_coach import SESSIONS


def _back_after_a_break(now: datetime) -> list[Record]:
    """Four weeks of the 10-week programme, seven weeks off, then the small first session three days ago."""
    start = now - timedelta(days=80)
    days = [start + timedelta(days=d) for d in (0, 7, 9, 14, 16, 18, 21, 23)]
    history = followed(SESSIONS["nordic-programme"], days)
    first = make_record(now - timedelta(days=3), session="nordic-first-session", eccentric_reps=6,
                        category=SESSIONS["nordic-first-session"].category, record_id="first-again", lost=0)
    return [*history, first]


def test_after_a_break_and_the_first_session_the_report_maps_the_programme_home_follows(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    now = local_now()
    records = _back_after_a_break(now)
    followed_now = suggest(SESSIONS, records, now, 2)
    assert followed_now.session == "nordic-beginner" and followed_now.reason.startswith("Week 1 of 8")
    store = HistoryStore(isolated_home / "data" / "history", lambda: now)
    for record in records:
        store.save(record)
    assert main(["report", "--weeks", "4"]) == 0
    out = capsys.readouterr().out
    assert "Nordic programme, 10 weeks" not in out, out
    assert "Nordic beginner" in out and "week 1 of 8" in out, out


def test_a_programme_left_for_the_strength_day_is_not_mapped_as_under_way() -> None:
    """Home no longer follows a programme after the runner took up the strength day's 15 Nordics: the
    report does not show its map with a "next session" either."""
    now = local_now()
    start = now - timedelta(days=30)
    history = followed(SESSIONS["nordic-programme"], [start + timedelta(days=d) for d in (0, 7, 9, 14, 16)])
    strength = make_record(now - timedelta(days=3), session="early-week-strength", eccentric_reps=15,
                           category=SESSIONS["early-week-strength"].category, record_id="strength", lost=0)
    records = [*history, strength]
    assert not suggest(SESSIONS, records, now, 2).reason.startswith("Week ")
    assert programme_under_way(SESSIONS.get, records, now.date()) is None


def test_a_maintenance_session_keeps_the_programme_it_maintains() -> None:
    now = local_now()
    start = now - timedelta(days=30)
    history = followed(SESSIONS["nordic-programme"], [start + timedelta(days=d) for d in (0, 7, 9)])
    kept = make_record(now - timedelta(days=2), session="nordic-maintenance", eccentric_reps=10,
                       category=SESSIONS["nordic-maintenance"].category, record_id="kept", lost=0)
    found = programme_under_way(SESSIONS.get, [*history, kept], now.date())
    assert found is not None and found.name == "nordic-programme"


def test_a_session_that_carries_a_week_but_is_no_programme_is_not_mapped() -> None:
    """A `week` in a record of the hip-extensor session (edited by hand, or from an older version) made
    the report look for a map of that session."""
    now = local_now()
    odd = make_record(now - timedelta(days=2), session="hip-extensors", eccentric_reps=0, week=3,
                      category=SESSIONS["hip-extensors"].category, record_id="odd", lost=0)
    assert programme_under_way(SESSIONS.get, [odd], now.date()) is None
