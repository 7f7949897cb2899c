"""The coach over simulated calendars: what it suggests, what the readiness check says, and the built-ins.

Each row of the tables failed on the old rules (the suggestion counted any
session, read only the latest record's soreness at 7/10, never spaced
eccentric work and never saw the programme).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from hamstride import locations
from hamstride.domain.kinds.tempo import Tempo
from hamstride.domain.model import Category, Exercise, Session
from hamstride.domain.plan import Phase, build_timeline
from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness, Record
from hamstride.domain.suggest import check, suggest
from hamstride.storage.library import load_library
from tests.unit.helpers import followed, make_record, rhythm

UTC = timezone.utc
MONDAY = datetime(2026, 11, 16, 18, tzinfo=UTC)


def builtins() -> dict[str, Session]:
    library = load_library(locations.builtin_sessions(), None)
    return {e.name: e.session for e in library.entries if e.session is not None}


SESSIONS = builtins()


def on(day: float, name: str, *, reps: int = 10, week: int | None = None, soreness: int | None = None,
       readiness: Readiness | None = None, exercise: Exercise | None = Exercise.NORDIC, hours: float = 0,
       completed: bool = True) -> Record:
    """A session `day` days after Monday 18:00, as the app records it (category from the built-in)."""
    session = SESSIONS[name]
    return make_record(MONDAY + timedelta(days=day, hours=hours), session=name, eccentric_reps=reps, week=week,
                       category=session.category, soreness=soreness, readiness=readiness, exercise=exercise,
                       record_id=f"{name}-{day}-{hours}", completed=completed, lost=0)


def programme_days(*days: float, history: list[Record] | None = None, maintenance: str = "weekly") -> list[Record]:
    """The programme followed on these days (after Monday 18:00), each at the week the calendar gave."""
    return followed(SESSIONS["nordic-programme"], [MONDAY + timedelta(days=d) for d in days], history=history,
                    maintenance=maintenance)


# Weeks 1-4 by the published rhythm, then three sessions of week 5.
IN_WEEK_5 = programme_days(-49, -42, -40, -35, -33, -31, -28, -26, -24, -21, -19, -17)

# (what, history, days after Monday 18:00 it is asked, the session suggested, words in the reason)
SUGGESTIONS = [
    ("a new runner starts small, not with 15 Nordics", [], 0, "nordic-first-session", "start small"),
    ("after the first session, the beginner progression, not the strength day",
     [on(-3, "nordic-first-session", reps=6)], 0, "nordic-beginner", "Week 1 of 8"),
    ("daily sessions: the day after Nordics is no eccentric day",
     [on(-7, "early-week-strength", reps=15), on(0, "early-week-strength", reps=15)], 1, "hip-extensors", "48 h"),
    ("the same session twice a day counts once", [on(-7, "early-week-strength", reps=15),
                                                  on(0, "early-week-strength", reps=15, hours=-8),
                                                  on(0, "early-week-strength", reps=15)], 0.1,
     "pre-run-warmup", "one focused session a day"),
    ("two warm-ups do not meet the target", [on(-7, "early-week-strength", reps=15),
                                             on(0, "pre-run-warmup", reps=0, exercise=None),
                                             on(1, "pre-run-warmup", reps=0, exercise=None)], 2,
     "early-week-strength", "0 of 2 this week"),
    ("a programme replaces the other Nordic sessions", IN_WEEK_5[:-1], -17, "nordic-programme",
     "2 of 3 sessions of week 5"),
    ("a programme week lasts seven days", IN_WEEK_5, -15, "pre-run-warmup", "week 6 starts on Monday"),
    ("the rest of a programme's week is hip-extensor work", programme_days(0), 2, "hip-extensors",
     "replaces the other Nordic sessions"),
    ("a week off: the programme carries on, the strength day is not added",
     IN_WEEK_5, -9, "nordic-programme", "Week 6 of 10"),
    ("six weeks off: the programme starts again at week 1", IN_WEEK_5, 27, "nordic-programme", "week 1"),
    ("soreness 6 on day 2 (after a stretch session): the isometrics",
     [on(-7, "early-week-strength", reps=15), on(0, "early-week-strength", reps=15),
      on(2, "rest-day-stretch", reps=0, exercise=None, readiness=Readiness(soreness=6), soreness=2)], 2.1,
     "sore-day-isometrics", "Soreness 6/10"),
    ("soreness 8 logged after Nordics, then a stretch session: still sore",
     [on(-7, "early-week-strength", reps=15), on(0, "early-week-strength", reps=15, soreness=8),
      on(0.2, "post-run-pnf", reps=0, exercise=None)], 2, "rest-day-stretch", "Soreness 8/10"),
    ("the beginner programme under way is followed after a strength day, not run again before its week",
     [on(-5, "nordic-beginner", reps=6, week=1), on(-3, "early-week-strength", reps=6)], 0, "hip-extensors",
     "Week 1 of 8"),
    ("eccentric bridges do not stand in for Nordics after three weeks",
     [on(-30, "early-week-strength", reps=15), on(-2, "late-week-short", exercise=Exercise.ECCENTRIC_BRIDGE)],
     0, "nordic-first-session", "days since your last Nordic session"),
]


@pytest.mark.parametrize(("what", "history", "day", "expected", "words"), SUGGESTIONS,
                         ids=[row[0] for row in SUGGESTIONS])
def test_suggest_over_simulated_calendars(what: str, history: list[Record], day: float, expected: str,
                                          words: str) -> None:
    now = MONDAY + timedelta(days=day)
    got = suggest(SESSIONS, history, now, 2)
    assert got.session == expected, (what, got)
    assert words in got.reason, (what, got.reason)


def test_the_suggestion_and_the_programme_agree_after_a_break() -> None:
    from hamstride.domain.progression import current_week

    for days_off in (10, 22, 30, 45):
        now = MONDAY + timedelta(days=-17 + days_off)
        got = suggest(SESSIONS, IN_WEEK_5, now, 2)
        choice = current_week(SESSIONS["nordic-programme"], IN_WEEK_5, now.date())
        assert choice is not None and got.session == "nordic-programme"
        assert got.reason.startswith(f"{choice.banner}: {choice.reason}"), days_off


def test_low_volume_maintenance_suggests_the_maintenance_session() -> None:
    done = followed(SESSIONS["nordic-programme"], rhythm(MONDAY - timedelta(days=80), 10))
    kept = programme_days(-10, history=done)
    assert kept[-1].maintenance
    got = suggest(SESSIONS, kept, MONDAY, 2, maintenance="low-volume")
    assert got.session == "nordic-maintenance" and "once a week" in got.reason
    weekly = suggest(SESSIONS, kept, MONDAY, 2)
    assert weekly.session == "nordic-programme" and "Maintenance after 10 weeks" in weekly.reason


# The readiness check: (what, history, answers today, hours after Monday 18:00, go?, words)
GATES = [
    ("nothing against it", [], Readiness(2, False), 0, True, ""),
    ("a race in two days", [], Readiness(1, True), 0, False, "race or hard run"),
    ("soreness 6 today", [], Readiness(6, False), 0, False, "soreness 6/10 (today's answer)"),
    ("soreness 6 said on day 2, skipped today", [on(-2, "early-week-strength", reps=15),
                                                on(0, "rest-day-stretch", reps=0, exercise=None,
                                                   readiness=Readiness(soreness=6))], None, 4, False, "6/10"),
    ("soreness 4 today clears the 6 of yesterday", [on(-1, "sore-day-isometrics", reps=0, exercise=None,
                                                       readiness=Readiness(soreness=6))], Readiness(4, None), 0,
     True, ""),
    ("eccentric work 24 h ago", [on(-1, "late-week-short", exercise=Exercise.ECCENTRIC_BRIDGE)],
     Readiness(0, False), 0, False, "48 h"),
    ("the same time two days later is fine", [on(-2, "early-week-strength", reps=15)], Readiness(0, False), 0,
     True, ""),
]


@pytest.mark.parametrize(("what", "history", "answers", "hours", "go", "words"), GATES, ids=[g[0] for g in GATES])
def test_the_readiness_check(what: str, history: list[Record], answers: Readiness | None, hours: float, go: bool,
                             words: str) -> None:
    now = MONDAY + timedelta(hours=hours)
    assert assess(history, now, answers).go is go, what
    verdict = check(SESSIONS["nordic-programme"], SESSIONS, history, now, answers, 2)
    assert verdict.go is go, (what, verdict)
    assert words in " ".join(verdict.reasons), (what, verdict.reasons)
    if not go:  # the coach's answer for today, the one home gives: no eccentric load
        assert verdict.alternative == suggest(SESSIONS, history, now, 2, answers=answers).session
        assert verdict.alternative in ("sore-day-isometrics", "rest-day-stretch", "hip-extensors"), verdict


# -- the built-ins ------------------------------------------------------------------------------------

def every_week(session: Session) -> list[Session]:
    return [session.for_week(w) for w in range(1, session.total_weeks + 1)] if session.total_weeks else [session]


@pytest.mark.parametrize("name", sorted(SESSIONS))
def test_every_eccentric_step_of_every_builtin_carries_a_safety_cue(name: str) -> None:
    for session in every_week(SESSIONS[name]):
        for step in session.steps:
            if not step.eccentric:
                continue
            assert "Sharp pain: stop" in step.cue and "strain" in step.cue, (name, step.name)
            if step.exercise is Exercise.NORDIC:
                assert "as far as you can brake" in step.cue or "as far as you can still stop" in step.cue, step.name
                assert "calves" in step.cue, (name, step.name)
            if step.exercise is Exercise.ECCENTRIC_BRIDGE:
                assert "Cramp" in step.cue, (name, step.name)


@pytest.mark.parametrize("name", sorted(n for n, s in SESSIONS.items() if s.nordic))
def test_nordics_come_after_a_proper_warm_up_with_easy_partial_nordics(name: str) -> None:
    session = SESSIONS[name]
    main = next(i for i, s in enumerate(session.steps) if s.main)
    timeline = build_timeline(session)
    warm_up = timeline.segments[timeline.step_starts[main]].start
    assert warm_up >= 4.5 * 60, (name, warm_up)
    before = session.steps[main - 1]
    assert "partial Nordic" in before.name and 2 <= before.reps <= 3 and not before.eccentric


def test_the_programme_cues_the_progression_from_week_5() -> None:
    programme = SESSIONS["nordic-programme"]
    for week in range(5, 11):
        main = programme.for_week(week).main_step
        assert main is not None and "start the fall faster, or add load" in main.cue


def test_the_bridge_walk_out_has_a_reset_pause_and_side_plank_matches_its_comment() -> None:
    walk_out = next(s for s in SESSIONS["late-week-short"].steps if s.name == "Eccentric bridge walk-out")
    assert isinstance(walk_out.params, Tempo) and "reset" in walk_out.cue
    assert walk_out.params.moves[-1][0] is Phase.PAUSE and walk_out.params.moves[-1][1] >= 3
    side_plank = next(s for s in SESSIONS["early-week-strength"].steps if s.name == "Side plank")
    assert side_plank.sets == 3 and 20 <= side_plank.work_seconds() <= 30  # FIFA 11+: 3 x 20-30 s, as its comment says


def test_the_pre_run_warm_up_has_a_jog_and_strides() -> None:
    steps = SESSIONS["pre-run-warmup"].steps
    assert steps[0].name == "Easy jog" and steps[0].work_seconds() >= 300
    strides = steps[-1]
    assert strides.name == "Strides" and 3 <= strides.sets <= 5 and 15 <= strides.work_seconds() <= 20
    assert not any(s.phase is Phase.STRETCH for s in build_timeline(SESSIONS["pre-run-warmup"]).segments)


CITATIONS = {"van Dyk": "2019", "Petersen": "2011", "Andrews": "2025", "Coratella": "2025", "Mjolsnes": "2004"}


@pytest.mark.parametrize("name", sorted(SESSIONS))
def test_every_builtin_says_why_it_works_with_correct_citations(name: str) -> None:
    why = SESSIONS[name].why
    assert why, name
    for author, year in CITATIONS.items():
        for found in re.finditer(rf"{author}[^()]*?(\d{{4}})", why):
            assert found.group(1) == year, (name, found.group(0))
    assert "51%" not in why and "85%" not in why  # the article's numbers, not the studies'
    if SESSIONS[name].nordic:
        assert "risk ratio" in why, name
    if "van Dyk" in why:
        assert "0.49" in why and "Br J Sports Med" in why
    if "recurrence" in why:
        assert "0.137" in why


def test_show_without_week_shows_the_week_the_runner_is_on_and_week_0_is_refused(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from hamstride.cli import main
    from hamstride.storage.history import HistoryStore

    today = datetime.now(timezone.utc).astimezone()
    store = HistoryStore(locations.locations().history, lambda: today)
    store.save(make_record(today - timedelta(days=8), session="nordic-programme", week=1,
                           category=Category.ECCENTRIC, lost=0))
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["show", "nordic-programme"]) == 0
    out = capsys.readouterr().out
    assert "week 2 of 10" in out and "Week 2 of 10: week 1 done (1 of 1 sessions)." in out
    assert "2 x 6 reps" in out and "Why it works: This is the programme of Petersen et al. 2011" in out
    assert main(["show", "nordic-programme", "--week", "5"]) == 0
    assert "week 5 of 10" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["show", "nordic-programme", "--week", "0"])
    assert refused.value.code == 2 and "weeks start at 1" in capsys.readouterr().err
