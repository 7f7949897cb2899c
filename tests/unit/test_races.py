"""Races ahead: `hamstride race`, the calendar file, the gate and the suggestion; and checks kept on disk."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.domain.diary import Check, Diary, Effort, Race
from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import check, suggest
from hamstride.storage.config import Config
from hamstride.storage.diary import add_race, read_checks, read_diary, read_races, remove_race, save_check
from tests.unit.test_calendars import SESSIONS, other

UTC = timezone.utc
FRIDAY = datetime(2026, 12, 18, 7, tzinfo=UTC)  # a 10k on Sunday the 20th


def test_a_race_keeps_eccentric_work_out_of_the_days_before_it_and_says_why() -> None:
    diary = Diary(races=(Race(date(2026, 12, 20), "10k"),))
    history = [other(FRIDAY - timedelta(days=7), "early-week-strength", reps=15)]
    verdict = assess(history, FRIDAY, Readiness(1, False), diary)
    assert not verdict.go and "race (10k) on Sunday 20 December" in verdict.reasons[0]
    assert "Coratella 2025" in verdict.reasons[0]
    checked = check(SESSIONS["nordic-programme"], SESSIONS, history, FRIDAY, Readiness(1, False), 2, diary=diary)
    assert checked.reasons == verdict.reasons and checked.alternative == "sore-day-isometrics", checked
    got = suggest(SESSIONS, history, FRIDAY, 2, diary=diary)
    assert got.session == "sore-day-isometrics" and "10k" in got.reason
    race_day = suggest(SESSIONS, history, datetime(2026, 12, 20, 7, tzinfo=UTC), 2, diary=diary)
    assert race_day.session == "pre-run-warmup"
    monday_after = datetime(2026, 12, 21, 18, tzinfo=UTC)  # a race keeps its 3 days after it too
    assert not assess(history, monday_after, Readiness(1, False), diary).go
    wednesday_after = datetime(2026, 12, 23, 7, tzinfo=UTC)
    assert assess(history, wednesday_after, Readiness(1, False), diary).go
    four_days_before = datetime(2026, 12, 16, 18, tzinfo=UTC)
    assert assess(history, four_days_before, Readiness(1, False), diary).go


def test_a_marathon_keeps_a_week_clear_and_a_hard_run_two_days() -> None:
    marathon = Race(date(2027, 4, 25), "London Marathon")
    half = Race(date(2027, 4, 25), "Half marathon")
    hard = Race(date(2027, 4, 25), "Intervals 6 x 800", Effort.HARD)
    six_days_before = datetime(2027, 4, 19, 7, tzinfo=UTC)
    assert marathon.long and marathon.blocks(six_days_before) and "Clarkson & Hubal 2002" in \
        assess([], six_days_before, None, Diary(races=(marathon,))).reasons[0]
    assert not half.long and not half.blocks(six_days_before)
    assert hard.blocks(datetime(2027, 4, 23, 1, tzinfo=UTC)) and not hard.blocks(datetime(2027, 4, 22, 23, tzinfo=UTC))


def test_races_are_kept_listed_and_removed_atomically(tmp_path: Path) -> None:
    add_race(tmp_path, Race(date(2026, 12, 20), "10k"))
    add_race(tmp_path, Race(date(2026, 12, 20), "10k"))  # the same twice: kept once
    add_race(tmp_path, Race(date(2027, 4, 25), "Marathon", Effort.RACE))
    races, problems = read_races(tmp_path)
    assert [(r.day, r.label) for r in races] == [(date(2026, 12, 20), "10k"), (date(2027, 4, 25), "Marathon")]
    assert problems == [] and not list(tmp_path.glob(".*.tmp"))
    assert remove_race(tmp_path, date(2026, 12, 20), None)[0] == 1
    assert [r.label for r in read_races(tmp_path)[0]] == ["Marathon"]


def test_a_races_file_that_cannot_be_read_is_kept_byte_for_byte(tmp_path: Path) -> None:
    broken = b"[[race]\nday = 2026-12-20\n"
    (tmp_path / "races.toml").write_bytes(broken)
    races, problems = read_races(tmp_path)
    assert races == () and "races.toml, line 1:" in problems[0] and "kept as it is" in problems[-1]
    notes = add_race(tmp_path, Race(date(2026, 12, 20), "10k"))
    aside = next(tmp_path.glob("races.toml.corrupt-*"))
    assert aside.read_bytes() == broken and aside.name in notes[0]
    (tmp_path / "races.toml").write_text('[[race]]\nday = "soon"\nlabel = "10k"\n')
    assert "race 1: key 'day': must be a date" in read_races(tmp_path)[1][0]


def test_a_check_is_kept_and_old_ones_pruned(tmp_path: Path) -> None:
    save_check(tmp_path, Check(FRIDAY - timedelta(days=40), soreness=3))
    save_check(tmp_path, Check(FRIDAY, soreness=6, key_run=True))
    save_check(tmp_path, Check(FRIDAY, None, None))  # nothing answered: nothing kept
    checks, problems = read_checks(tmp_path)
    assert checks == (Check(FRIDAY, 6, True),) and problems == []


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//plan//EN
BEGIN:VEVENT
UID:1
DTSTART;VALUE=DATE:20261220
SUMMARY:Christmas 10k
END:VEVENT
BEGIN:VEVENT
UID:2
DTSTART:20261215T180000Z
SUMMARY:Intervals 6x800
END:VEVENT
BEGIN:VEVENT
UID:3
DTSTART:20261214T070000Z
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Tempo run
END:VEVENT
BEGIN:VEVENT
UID:4
DTSTART:20261216T070000Z
SUMMARY:Easy run
END:VEVENT
END:VCALENDAR
"""


def test_the_calendar_files_races_and_hard_runs_count(tmp_path: Path) -> None:
    plan = tmp_path / "plan.ics"
    plan.write_text(ICS)
    config = Config(calendar=str(plan))
    diary = read_diary(tmp_path, config, date(2026, 12, 10))
    found = sorted((r.day, r.effort.value, r.label) for r in diary.races)
    assert (date(2026, 12, 20), "race", "Christmas 10k") in found
    assert (date(2026, 12, 15), "hard", "Intervals 6x800") in found
    assert [d for d, e, label in found if label == "Tempo run"] == [date(2026, 12, 14) + timedelta(weeks=n)
                                                                   for n in range(4)]
    assert not any(label == "Easy run" for _, _, label in found) and diary.problems == ()
    broken = Config(calendar=str(tmp_path / "missing.ics"))
    assert "cannot be read" in read_diary(tmp_path, broken, date(2026, 12, 10)).problems[0]
    plan.write_text("not a calendar")
    assert "not an iCalendar file" in read_diary(tmp_path, config, date(2026, 12, 10)).problems[0]


def test_the_race_command_adds_lists_and_removes(capsys: pytest.CaptureFixture[str]) -> None:
    from hamstride.cli import main

    ahead = (datetime.now(UTC) + timedelta(days=30)).date()
    assert main(["race", ahead.isoformat(), "10k"]) == 0
    assert "Kept: race (10k)" in capsys.readouterr().out
    assert (locations.locations().history / "races.toml").is_file()
    assert main(["race", "list"]) == 0
    assert "race (10k)" in capsys.readouterr().out
    assert main(["race", "remove", ahead.isoformat()]) == 0
    assert main(["race", "list"]) == 0 and "No races ahead" in capsys.readouterr().out
    assert main(["race", "2026-13-01", "x"]) == 2
    assert main(["race", "2020-01-01", "old"]) == 2 and "is past" in capsys.readouterr().out


def test_the_race_commands_rule_keeps_its_names_capitalised(capsys: pytest.CaptureFixture[str]) -> None:
    """str.capitalize() lowercased the rest of the rule: "nordics ... (coratella 2025)"."""
    from hamstride.cli import main

    ahead = (datetime.now(UTC) + timedelta(days=30)).date()
    assert main(["race", ahead.isoformat(), "10k"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "Nordics leave the hamstrings weaker" in said
    assert "(Coratella 2025)" in said


@pytest.mark.parametrize(("day", "label", "said"), [
    ("2026-12-20", "10k", "inside the 3 days kept clear before it: no eccentric work from now; again from Wed 23 Dec "
                    "(3 days after it)"),
    ("2026-12-22", "Valencia Marathon", "inside the 7 days kept clear before it: no eccentric work from now; "
                                        "again from Tue 29 Dec (7 days after it)"),
    ("2026-12-18", "parkrun", "it is today: no eccentric work before it; again from Mon 21 Dec (3 days after it)"),
])
def test_a_race_whose_clear_days_have_begun_says_now_not_a_moment_past(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, day: str, label: str, said: str) -> None:
    """Friday 10:00: "stops from Thu 17 Dec 00:00" was a moment already past."""
    from hamstride.cli import main

    monkeypatch.setattr("hamstride.wallclock.local_now", lambda: FRIDAY.replace(hour=10))
    assert main(["race", day, label]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "stops from" not in out and said in out, out


def test_a_race_days_ahead_still_says_when_eccentric_work_stops(capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from hamstride.cli import main

    monkeypatch.setattr("hamstride.wallclock.local_now", lambda: FRIDAY.replace(hour=10))
    assert main(["race", "2026-12-28", "10k"]) == 0
    assert "eccentric work stops from Fri 25 Dec 00:00" in " ".join(capsys.readouterr().out.split())


def test_race_list_into_a_pipe_keeps_each_line_whole(isolated_home: Path) -> None:
    """`hamstride race list | cat` (or `| grep`): one line a race and one for its rule, never cut at
    80 columns, whatever Rich would guess the width of a pipe to be."""
    import os
    import subprocess

    from tests.e2e.terminal import hamstride_command

    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    label = "Berlin autumn half marathon with the club, second wave start"
    day = date.today() + timedelta(days=20)
    subprocess.run([hamstride_command(), "race", day.isoformat(), label], env=env, check=True,
                   capture_output=True, timeout=60)
    listed = subprocess.run([hamstride_command(), "race", "list"], env=env, check=True,
                            capture_output=True, text=True, timeout=60)
    lines = listed.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0] == f"{day:%a %d %b %Y}  race ({label})"
    assert lines[1].startswith(f"    race ({label}) on ") and lines[1].endswith(
        f"eccentric work again from {day + timedelta(days=3):%a %d %b} (3 days after it).")


def test_a_long_race_label_is_kept_as_the_list_shows_it_and_the_runner_is_told(
        capsys: pytest.CaptureFixture[str]) -> None:
    # "Kept: race (Berlin half marathon, the one ... many words)" was said, and `race list` then showed
    # "... many wo)": the label was cut at 60 characters, mid-word, without a word.
    from hamstride.cli import main

    ahead = (datetime.now(UTC) + timedelta(days=30)).date()
    label = "Berlin half marathon, the one with the long name and many words"
    assert main(["race", ahead.isoformat(), label]) == 0
    kept = " ".join(capsys.readouterr().out.split())
    assert main(["race", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()[0]
    shown = listed.split("race (", 1)[1].rsplit(")", 1)[0]
    assert len(shown) <= 60 and shown.endswith("…") and "many wo" not in shown
    assert f"Kept: race ({shown})" in kept
    assert "shortened" in kept
    assert main(["race", "remove", ahead.isoformat(), label]) == 0  # named as typed, it goes
    assert "Removed 1 race" in capsys.readouterr().out


def test_a_race_further_ahead_than_two_years_is_refused_and_one_in_the_file_is_named(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # `race 9999-12-31 far` was kept, then stopped `race` and `race list` on OverflowError.
    from hamstride.cli import main

    assert main(["race", "9999-12-31", "far"]) == 2
    assert "more than two years ahead" in " ".join(capsys.readouterr().out.split())
    assert main(["race", "list"]) == 0 and "No races ahead" in capsys.readouterr().out
    (tmp_path / "races.toml").write_text('[[race]]\nday = 9999-12-31\nlabel = "far"\n\n'
                                         '[[race]]\nday = 2026-12-20\nlabel = "10k"\n')
    races, problems = read_races(tmp_path)
    assert [r.label for r in races] == ["10k"]
    assert len(problems) == 1 and "race 1: key 'day'" in problems[0]
