"""A laptop clock set wrong (Hypothesis): a session or an answer dated after now was given all the same.

A runner whose laptop clock ran a day ahead does the programme's week 1; the clock is put right (or it
moves backwards, as a dual-boot or a dead CMOS battery makes it do). The history then holds a session
dated after now. It happened, and before now: the coach must read it as done by now at the latest.
Left out as "not yet", the 48 h rule, the programme week and the soreness it was answered with all forgot
it, and home offered the first session again an hour after the week's Nordics.

Invariant, for any random runner, any eccentric session dated up to three days ahead of the real time it
was done, and any moment after it while its date is still ahead of the clock (within 46 h of when it was
really done): the check says no to every eccentric session, giving the 48 h among its reasons; home
suggests no eccentric session; a soreness of 5/10 or more answered on its summary, or at a check dated
ahead, is among the check's reasons; and the programme replays it as a session done by now.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.progression import progress
from hamstride.domain.readiness import assess, resume_needs_check
from hamstride.domain.record import Record
from hamstride.domain.suggest import check_week, suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from hamstride.domain.weekly import programme_map
from tests.unit.runner_histories import ECCENTRIC, OFFSETS, PROGRAMMES, after, histories, run_of
from tests.unit.test_calendars import SESSIONS

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def eccentric(name: str | None) -> bool:
    return name is not None and SESSIONS[name].eccentric


@st.composite
def clock_ahead(draw: st.DrawFn, names: tuple[str, ...] = ECCENTRIC) -> tuple[list[Record], Record, datetime, Diary, bool]:
    """A history, then an eccentric session recorded with the clock `ahead`; now is `since` after it was
    really done, the clock put right, its date still ahead of now. Sore on its summary or at a check dated
    ahead, now and then."""
    history = draw(histories)
    done_at = (after(history) + timedelta(hours=draw(st.integers(49, 24 * 30)))).astimezone(
        draw(st.sampled_from(OFFSETS)))
    ahead = timedelta(minutes=draw(st.integers(2, 3 * 24 * 60)))
    since = timedelta(minutes=draw(st.integers(0, min(int(ahead.total_seconds() // 60) - 1, 46 * 60 - 1))))
    name = draw(st.sampled_from(names))
    sore = draw(st.sampled_from((None, "summary", "check")))
    soreness = draw(st.integers(5, 10))
    # What the app wrote: the session planned on the history as the wrong clock saw it.
    record = run_of(name, history, done_at + ahead, "ahead", soreness=soreness if sore == "summary" else None)
    now = done_at + since
    checks = (Check(now + ahead, soreness),) if sore == "check" else ()
    return history, record, now, Diary(checks=checks), sore is not None


@FAST
@given(clock_ahead(), st.sampled_from(ECCENTRIC), st.sampled_from((WEEKLY, LOW_VOLUME)))
def test_a_session_dated_ahead_of_the_clock_keeps_eccentric_work_away(
        situation: tuple[list[Record], Record, datetime, Diary, bool], name: str, maintenance: str) -> None:
    history, record, now, diary, sore = situation
    records = [*history, record]
    assert record.started > now  # the clock was put right after it: its date is still ahead
    got = suggest(SESSIONS, records, now, 2, maintenance, diary)
    assert not eccentric(got.session), (got, record.session, record.started, now)
    week = check_week(SESSIONS.get, SESSIONS[name], records, now.date(), maintenance, diary.checks)
    verdict = assess(records, now, None, diary, week)
    assert not verdict.go, (name, record.session, record.started, now)
    assert any("48 h" in reason for reason in verdict.reasons), verdict
    if sore:
        assert any(reason.startswith("soreness") for reason in verdict.reasons), verdict


@FAST
@given(clock_ahead(PROGRAMMES), st.sampled_from((WEEKLY, LOW_VOLUME)))
def test_a_programme_session_dated_ahead_of_the_clock_is_counted_by_now(
        situation: tuple[list[Record], Record, datetime, Diary, bool], maintenance: str) -> None:
    history, record, now, diary, _ = situation
    session = SESSIONS[record.session]
    as_of_its_date = progress(session, [*history, record], record.day, maintenance, diary.checks)
    found = progress(session, [*history, record], now.date(), maintenance, diary.checks)
    assert as_of_its_date is not None and found is not None
    counted_then = any(r is record for r, _ in as_of_its_date.counted)
    counted_now = any(r.id == record.id for r, _ in found.counted)
    assert counted_now == counted_then, (record.started, now, found.choice)


@pytest.mark.parametrize("ahead", [timedelta(minutes=5), timedelta(hours=10), timedelta(days=2)])
def test_a_crashed_run_dated_ahead_of_the_clock_asks_the_check_again_on_resume(ahead: timedelta) -> None:
    # Begun with the clock ahead, resumed after it was put right: how long ago it began is not known, and
    # the answers given as it began may be a night old (the check asks again three hours on).
    session = SESSIONS["early-week-strength"]
    now = datetime(2026, 4, 20, 7, tzinfo=OFFSETS[0])
    assert resume_needs_check(session, 0, now + ahead, now)
    assert not resume_needs_check(session, 0, now - timedelta(minutes=20), now)  # minutes ago: it holds


@FAST
@given(clock_ahead(PROGRAMMES))
def test_the_programme_map_reads_a_session_dated_ahead_as_done_by_today(
        case: tuple[list[Record], Record, datetime, Diary, bool]) -> None:
    """The report's and the charts' programme map, as home: its next session no sooner than 48 h after one
    dated ahead (read as done today), and a soreness answered with it or at a check dated ahead still said."""
    history, record, now, diary, sore = case
    mapped = programme_map(SESSIONS[record.session], [*history, record], now.date(), diary.checks)
    assert mapped is not None and mapped.next_due is not None
    assert mapped.next_due >= now.date() + timedelta(days=2), (record.started, now, mapped.next_due)
    if sore:
        assert mapped.sore is not None, (record, diary)
