"""The safety heart over random runners (Hypothesis): what home suggests and what the check says, at any moment.

The histories (tests/unit/runner_histories.py) are a runner who does not always listen: any built-in at
any minute, two a day, breaks, sessions quit part-way, soreness answered here and there, travel. At a
random moment after them, with random races and checks in the diary, the invariants:
1. Inside a race's margin (before it, on its day, after it: docs/dosing.md, written out in `margin`),
   home suggests no eccentric session, and the check says no to every eccentric session, naming the race.
2. A programme week whose sessions are done: home does not suggest the programme, and the check says no
   to any eccentric session, saying the week is done (the programme replaces the other Nordic sessions).
3. The last soreness answer of the last 72 hours 5/10 or more (today's at the check included): the check
   says no with soreness among its reasons, and home suggests no eccentric session.
4. Home, the report (from outlines) and the charts name one programme, one week, and no next session
   before a done week is over.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.outline import Outline
from hamstride.domain.progression import WeekChoice, current_week
from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check_week as suggest_check_week
from hamstride.domain.suggest import programme_under_way, suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from hamstride.domain.weekly import charts
from tests.unit.runner_histories import (
    ECCENTRIC,
    HOME,
    OFFSETS,
    PROGRAMMES,
    SORE,
    after,
    answers,
    checks_around,
    histories,
    in_margin,
    moments,
    races_around,
)
from tests.unit.test_calendars import SESSIONS

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
modes = st.sampled_from((WEEKLY, LOW_VOLUME))
todays = st.none() | st.builds(Readiness, st.none() | answers, st.none() | st.booleans())


@st.composite
def situations(draw: st.DrawFn) -> tuple[list[Record], datetime, Diary]:
    """A history, a moment after it (or inside its last day), and the diary of that moment."""
    history = draw(histories)
    now = draw(moments(after(history) - timedelta(hours=6)))
    checks = draw(checks_around(now))
    # Answers in the 72 h the soreness rule reads, often the latest: one, or two within a flight of each
    # other in two offsets (a later answer may fall on an earlier day where it was given).
    ago = draw(st.integers(0, 72 * 60))
    for gap in draw(st.lists(st.integers(0, 14 * 60), min_size=1, max_size=2)):
        when = now - timedelta(minutes=min(72 * 60, ago + gap))
        checks += (Check(when.astimezone(draw(st.sampled_from((HOME, *OFFSETS)))), draw(answers)),)
    diary = Diary(checks=checks, races=draw(races_around(now)))
    return [r for r in history if r.started <= now], now, diary


def check_week(name: str, past: list[Record], now: datetime, maintenance: str, diary: Diary) -> WeekChoice | None:
    """The programme week the check is given for a session, as the app asks it (ui/readiness_check.py)."""
    return suggest_check_week(SESSIONS.get, SESSIONS[name], past, now.date(), maintenance, diary.checks)


def offered(name: str | None) -> bool:
    """Home's suggestion loads the hamstrings eccentrically."""
    return name is not None and SESSIONS[name].eccentric


@FAST
@given(situations(), st.sampled_from(ECCENTRIC), todays, modes)
def test_no_eccentric_work_inside_a_race_margin(situation: tuple[list[Record], datetime, Diary], name: str,
                                                today: Readiness | None, maintenance: str) -> None:
    past, now, diary = situation
    blocking = in_margin(diary, now)
    if not blocking:
        return
    got = suggest(SESSIONS, past, now, 2, maintenance, diary)
    assert not offered(got.session), (got, blocking, now)
    verdict = assess(past, now, today, diary, check_week(name, past, now, maintenance, diary))
    assert not verdict.go, (name, blocking, now)
    for race in blocking:
        assert any(race.label in reason for reason in verdict.reasons), (race, now, verdict)


@FAST
@given(situations(), st.sampled_from(ECCENTRIC), todays, modes)
def test_no_go_beyond_a_programme_week_already_done(situation: tuple[list[Record], datetime, Diary], name: str,
                                                    today: Readiness | None, maintenance: str) -> None:
    past, now, diary = situation
    got = suggest(SESSIONS, past, now, 2, maintenance, diary)
    for programme in PROGRAMMES:
        week = current_week(SESSIONS[programme], past, now.date(), maintenance, diary.checks)
        assert week is not None
        if not week.due:
            assert got.session != programme, (got, week)
    under_way = programme_under_way(SESSIONS.get, past, now.date())
    if under_way is None:
        return
    week = current_week(under_way, past, now.date(), maintenance, diary.checks)
    assert week is not None
    if week.due:
        return
    assert not offered(got.session), (got, week)
    verdict = assess(past, now, today, diary, check_week(name, past, now, maintenance, diary))
    assert not verdict.go and any(week.banner in reason and "beyond the programme's dose" in reason
                                  for reason in verdict.reasons), (name, under_way.name, week, verdict)


def last_answer(past: list[Record], checks: tuple[Check, ...], now: datetime) -> int | None:
    """The runner's latest soreness answer of the last 72 hours, by the clock (oracle: not the code's rule)."""
    said = [(r.started, r.readiness.soreness) for r in past if r.readiness is not None]
    said += [(r.ended, r.soreness) for r in past if r.ended <= now]
    said += [(c.when, c.soreness) for c in checks if c.when <= now]
    recent = [(when, value) for when, value in said if value is not None and now - when <= timedelta(hours=72)]
    if not recent:
        return None
    last = max(when for when, _ in recent)
    return max(value for when, value in recent if when == last)  # two at one instant: the higher


def said_last(past: list[Record], diary: Diary, now: datetime, minutes: int, value: int,
              where: timezone) -> tuple[list[Record], Diary]:
    """The same, with an answer `minutes` before now the latest: nothing said after it (the runner said
    nothing since; the answers before it stay)."""
    when = now - timedelta(minutes=minutes)
    quiet = [replace(r, soreness=r.soreness if r.ended <= when else None,
                     readiness=r.readiness if r.started <= when else None) for r in past]
    checks = tuple(c for c in diary.checks if c.when <= when) + (Check(when.astimezone(where), value),)
    return quiet, replace(diary, checks=checks)


@FAST
@given(situations(), st.sampled_from(ECCENTRIC), todays, modes,
       st.tuples(st.integers(0, 72 * 60), answers, st.sampled_from((HOME, *OFFSETS))))
def test_sore_means_no_eccentric_work(situation: tuple[list[Record], datetime, Diary], name: str,
                                      today: Readiness | None, maintenance: str,
                                      last: tuple[int, int, timezone]) -> None:
    past, now, diary = situation
    past, diary = said_last(past, diary, now, *last)
    said = last_answer(past, diary.checks, now)
    if said is not None and said >= SORE:
        assert not offered(suggest(SESSIONS, past, now, 2, maintenance, diary).session)
    if today is not None and today.soreness is not None:
        said = today.soreness  # the runner's word now
    if said is None or said < SORE:
        return
    verdict = assess(past, now, today, diary, check_week(name, past, now, maintenance, diary))
    assert not verdict.go and any(reason.startswith("soreness") for reason in verdict.reasons), (said, verdict)


@FAST
@given(situations(), modes)
def test_home_the_report_and_the_charts_name_one_programme_week(situation: tuple[list[Record], datetime, Diary],
                                                                maintenance: str) -> None:
    """4. One programme, one week, one date for the next session: home's suggestion, the report (which reads
    outlines) and the charts' programme map; the map never offers a session before a done week is over."""
    past, now, diary = situation
    today = now.date()
    programme = programme_under_way(SESSIONS.get, past, today)
    assert programme == programme_under_way(SESSIONS.get, [Outline.of(r) for r in past], today)
    got = suggest(SESSIONS, past, now, 2, maintenance, diary)
    banner = got.reason.startswith(("Week ", "Maintenance after"))
    if programme is None:
        assert not banner, got
        return
    week = current_week(programme, past, today, maintenance, diary.checks)
    assert week is not None
    shown = charts(past, today, 4, 2, programme, diary.checks, [Outline.of(r) for r in past], maintenance).programme
    assert shown is not None and (shown.week, shown.maintenance, shown.dose, shown.reason) == \
        (week.week, week.maintenance, week.dose, week.reason), (shown, week)
    if not week.due:
        assert shown.next_due is not None and week.next_on is not None and shown.next_due >= week.next_on
    if banner:
        assert got.reason.startswith(f"{week.banner}: "), (got, week)
    if got.session is not None and SESSIONS[got.session].nordic:  # it replaces the other Nordic sessions
        assert banner and got.session in (programme.name, "nordic-maintenance"), (got, programme.name)
