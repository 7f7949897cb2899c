"""One answer for today, whatever surface the runner asks: home's suggestion, the readiness check's
alternative and `hamstride today` name the same session (or all say rest), and each says why.

Seen in a walk-through: a day after Nordics (under 48 h), the check offered the sore-day isometrics
while home offered the hip-extensor session. Each row is a hold of docs/dosing.md; the ones marked
"disagreed" had home and the check give two prescriptions (or the check said go where home held back).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.domain.diary import Diary, Race
from hamstride.domain.model import Exercise
from hamstride.domain.record import Readiness, Record
from hamstride.storage.history import HistoryStore
from hamstride.wallclock import local_now
from tests.unit.helpers import followed, make_record, rhythm
from tests.unit.surfaces import check, home, kept
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_coach import MONDAY, on

FIT = Readiness(0, False)
HIP, ISOMETRIC, STRETCH, WARM_UP, FIRST = ("hip-extensors", "sore-day-isometrics", "rest-day-stretch",
                                           "pre-run-warmup", "nordic-first-session")
# A runner used to the strength day's 15 Nordics (two weeks of it), so it alone is no start-small case.
USED_TO_15 = [on(-14, "early-week-strength", reps=15), on(-7, "early-week-strength", reps=15)]
STRENGTH_MONDAY_10 = on(0, "early-week-strength", reps=15, hours=-8)  # Monday 10:00
HIP_TODAY_SORE = on(0, "hip-extensors", reps=0, exercise=None, hours=-8, soreness=6)
HIP_TODAY = on(0, "hip-extensors", reps=0, exercise=None, hours=-8)
TEN_K_MONDAY = Diary(races=(Race(MONDAY.date(), "10k", starts_at=time(20)),))
TEN_K_WEDNESDAY = Diary(races=(Race(MONDAY.date() + timedelta(days=2), "10k"),))
TEN_K_SUNDAY = Diary(races=(Race(MONDAY.date() - timedelta(days=1), "10k"),))
BEGINNER = SESSIONS["nordic-beginner"]
AFTER_BEGINNER = followed(BEGINNER, rhythm(MONDAY - timedelta(days=8 * 7 + 21), 8), maintenance="low-volume")
MAINTAINED = followed(BEGINNER, [datetime.combine(AFTER_BEGINNER[-1].day + timedelta(days=9), time(18),
                                                  tzinfo=MONDAY.tzinfo)], history=AFTER_BEGINNER,
                      maintenance="low-volume")


def at(record: Record, hours: float) -> datetime:
    return record.started + timedelta(hours=hours)


# (what, history, now, the session the runner opens, answers at its check, diary, target, maintenance,
#  the one answer, words every surface's reason must say)
CASES = [
    ("48 h, the week short of its target: disagreed (check: isometrics)", [*USED_TO_15, STRENGTH_MONDAY_10],
     at(STRENGTH_MONDAY_10, 30), "nordic-programme", FIT, Diary(), 3, "weekly", HIP, "30 h ago"),
    ("48 h, the target met: disagreed (check: isometrics)", [*USED_TO_15, STRENGTH_MONDAY_10],
     at(STRENGTH_MONDAY_10, 30), "early-week-strength", FIT, Diary(), 1, "weekly", STRETCH, "30 h ago"),
    ("a focused session done today: disagreed (check: isometrics)", [*USED_TO_15, STRENGTH_MONDAY_10],
     MONDAY, "nordic-programme", FIT, Diary(), 2, "weekly", WARM_UP, "one focused session a day"),
    ("sore after a session today: disagreed (check: isometrics)", [*USED_TO_15, HIP_TODAY_SORE], MONDAY,
     "early-week-strength", FIT, Diary(), 2, "weekly", None, "Soreness 6/10"),
    ("sore at the check, a session done today: disagreed (check: isometrics)", [*USED_TO_15, HIP_TODAY],
     MONDAY, "early-week-strength", Readiness(6, False), Diary(), 2, "weekly", None, "Soreness 6/10"),
    ("very sore at the check", USED_TO_15, MONDAY, "early-week-strength", Readiness(8, False), Diary(), 2,
     "weekly", STRETCH, "Soreness 8/10"),
    ("race day: disagreed (check: isometrics)", USED_TO_15, MONDAY - timedelta(hours=8), "early-week-strength",
     FIT, TEN_K_MONDAY, 2, "weekly", WARM_UP, "10k"),
    ("a race ahead, a session done today: disagreed (check: isometrics)", [*USED_TO_15, HIP_TODAY], MONDAY,
     "early-week-strength", FIT, TEN_K_WEDNESDAY, 2, "weekly", None, "10k"),
    ("a race ahead", USED_TO_15, MONDAY, "early-week-strength", FIT, TEN_K_WEDNESDAY, 2, "weekly", ISOMETRIC,
     "10k"),
    ("a race just behind", USED_TO_15, MONDAY, "early-week-strength", FIT, TEN_K_SUNDAY, 2, "weekly", ISOMETRIC,
     "10k"),
    ("back after a long break: disagreed (check: go, 15 Nordics)", USED_TO_15, MONDAY + timedelta(days=25),
     "early-week-strength", FIT, Diary(), 2, "weekly", FIRST, "32 days since your last Nordic session"),
    ("a new runner: disagreed (check: go, 15 Nordics)", [], MONDAY, "early-week-strength", FIT, Diary(), 2,
     "weekly", FIRST, "No Nordic session yet"),
    ("low-volume maintenance 5 days after the last: disagreed (check: go)", MAINTAINED,
     at(MAINTAINED[-1], 5 * 24), "nordic-maintenance", FIT, Diary(), 2, "low-volume", HIP, "session is done"),
    ("a programme week done, the target met: disagreed (check: hip extensors)",
     followed(SESSIONS["nordic-programme"], rhythm(MONDAY - timedelta(days=28), 5)), MONDAY + timedelta(days=6),
     "nordic-programme", FIT, Diary(), 2, "weekly", WARM_UP, "week 5 done"),
]


@pytest.mark.parametrize(("what", "history", "now", "opened", "answers", "diary", "target", "maintenance", "one",
                          "why"), CASES, ids=[c[0] for c in CASES])
def test_home_and_the_check_give_one_answer(what: str, history: list[Record], now: datetime, opened: str,
                                            answers: Readiness, diary: Diary, target: int, maintenance: str,
                                            one: str | None, why: str) -> None:
    checked = check(opened, history, now, answers, diary, target, maintenance)
    # Home, once the check's answers are kept (the runner who backs out and looks at home again).
    session, reason = home(history, now, kept(diary, now, answers), target, maintenance)
    assert (session, not checked.go, checked.alternative) == (one, True, one), (reason, checked)
    assert why in reason, reason
    title = SESSIONS[one].title if one is not None else "rest"
    assert why.lower() in checked.text.lower() and f"Today: {title}." in checked.text, checked.text


def test_a_lower_answer_later_the_same_day_does_not_undo_a_sore_one() -> None:
    """A 6 at a check this morning and a 2 at this evening's check: the same hamstring on the same day.
    Home goes by the higher; so does the check, or it would say go where home says isometrics."""
    morning = Diary(checks=(kept(Diary(), MONDAY - timedelta(hours=9), Readiness(6, None)).checks))
    checked = check("early-week-strength", USED_TO_15, MONDAY, Readiness(2, False), morning)
    session, _ = home(USED_TO_15, MONDAY, kept(morning, MONDAY, Readiness(2, False)))
    assert not checked.go and checked.alternative == session == ISOMETRIC, checked


def _saved(folder: Path, records: list[Record], now: datetime) -> None:
    store = HistoryStore(folder / "data" / "history", lambda: now)
    for record in records:
        store.save(record)


def test_the_cli_says_what_home_says_and_why(capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    now = local_now()
    strength = [make_record(now - timedelta(days=d, hours=h), session="early-week-strength", eccentric_reps=15,
                            category=SESSIONS["early-week-strength"].category, record_id=f"s{d}", lost=0,
                            exercise=Exercise.NORDIC) for d, h in ((15, 0), (8, 0), (1, 6))]
    _saved(isolated_home, strength, now)
    assert main(["today"]) == 0
    out = capsys.readouterr().out
    session, reason = home(strength, now, Diary(), 2)
    assert session == HIP
    assert " ".join(out.split()) == f"Today: {SESSIONS[HIP].title}. {reason}", out
    assert "30 h ago" in out and "48 h" in out


def test_the_cli_on_a_new_runner_names_the_first_session(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["today"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith(f"Today: {SESSIONS[FIRST].title}. No Nordic session yet"), out


def test_show_of_a_programme_says_where_to_ask_whether_today_is_a_day_for_it(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    """`show` prints the week the programme is on ("Week 2 of 10"), read from outlines; on a day eccentric
    work waits that read as "go". It says where the one answer for today is, and that answer says no."""
    now = local_now()
    history = followed(SESSIONS["nordic-programme"], [now - timedelta(days=7, hours=3), now - timedelta(hours=30)])
    _saved(isolated_home, history, now)
    assert main(["show", "nordic-programme"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Whether today is a day for it: hamstride today." in out, out
    assert main(["today"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    session, reason = home(history, now, Diary(), 2)
    assert session is not None and session != "nordic-programme" and "30 h ago" in reason
    assert said == f"Today: {SESSIONS[session].title}. {reason}", said


def test_the_dates_are_what_the_table_says() -> None:
    assert MONDAY.weekday() == 0 and MONDAY.date() == date(2026, 11, 16)
    assert AFTER_BEGINNER[-1].week == 8 and MAINTAINED[-1].maintenance


def test_the_report_map_does_not_say_today_the_day_after_other_eccentric_work() -> None:
    """The programme map (report, charts) said "next session: today" the day after the late-week session's
    eccentric bridges, while home held eccentric work back for 48 h: it counted only the programme's own."""
    from hamstride.domain.weekly import programme_map

    programme = SESSIONS["nordic-programme"]
    weeks = followed(programme, [MONDAY - timedelta(days=d) for d in (16, 9, 7)])
    bridges = on(-2, "late-week-short", reps=10, exercise=Exercise.ECCENTRIC_BRIDGE)  # Saturday 18:00
    history = [*weeks, bridges]
    now = MONDAY - timedelta(days=1)  # Sunday 18:00, 24 h later
    session, reason = home(history, now)
    assert session in (HIP, STRETCH) and "24 h ago" in reason, reason
    mapped = programme_map(programme, history, now.date())
    assert mapped is not None and mapped.next_due is not None and mapped.next_due > now.date(), mapped
    assert "next session: today" not in mapped.sentence(now.date())
