"""checks.toml and races.toml edited by hand and broken (a byte that is not UTF-8, a quote left
open): the answers and races that can still be read still count, and a new file keeps them.

Walked: soreness 7 answered on a summary, then checks.toml got a stray byte; the whole file was
unread ("'utf-8' codec can't decode byte 0xff"), so the coach forgot the 7, and the next check would
have set the file aside and started a new one without it. A race in races.toml with its label's quote
left open was forgotten the same way: eccentric work two days before the race."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hamstride.domain.diary import Check, Race
from hamstride.storage.diary import add_race, read_checks, read_races, save_check

WHEN = datetime(2026, 12, 7, 8, tzinfo=timezone.utc)


def test_a_stray_byte_in_checks_toml_keeps_every_answer_counted(tmp_path: Path) -> None:
    save_check(tmp_path, Check(WHEN - timedelta(hours=2), soreness=2))
    save_check(tmp_path, Check(WHEN, soreness=7))
    path = tmp_path / "checks.toml"
    path.write_bytes(path.read_bytes() + b"\xff\xfe\n")
    broken = path.read_bytes()
    checks, problems = read_checks(tmp_path)
    assert [c.soreness for c in checks] == [2, 7]
    assert problems and "checks.toml" in problems[0] and "line 7" in problems[0], problems
    assert path.read_bytes() == broken  # reading changes nothing
    save_check(tmp_path, Check(WHEN + timedelta(hours=1), key_run=True))  # the next check: a new file...
    [aside] = tmp_path.glob("checks.toml.corrupt-*")
    assert aside.read_bytes() == broken
    assert [(c.soreness, c.key_run) for c in read_checks(tmp_path)[0]] == [(2, None), (7, None), (None, True)]


def test_a_quote_left_open_in_races_toml_loses_only_that_line(tmp_path: Path) -> None:
    add_race(tmp_path, Race(date(2026, 12, 9), "Harbour 10k"))
    add_race(tmp_path, Race(date(2027, 4, 25), "Marathon"))
    path = tmp_path / "races.toml"
    path.write_text(path.read_text().replace('label = "Harbour 10k"', 'label = "Harbour 10k'))
    races, problems = read_races(tmp_path)
    assert [r.label for r in races] == ["Marathon"]  # the broken line is named, the others count
    assert problems and "line 4" in problems[0], problems


def test_a_hand_written_table_form_is_read_one_table_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "races.toml").write_text(
        '[[race]]\nday = 2026-12-09\nlabel = "Harbour 10k\n\n[[race]]\nday = 2026-12-12\nlabel = "parkrun"\n')
    races, problems = read_races(tmp_path)
    assert [(r.day, r.label) for r in races] == [(date(2026, 12, 12), "parkrun")]
    assert problems and "line 3" in problems[0], problems


def test_an_answer_with_a_wrong_value_is_named_by_its_line(tmp_path: Path) -> None:
    """Walked: soreness = "high" typed over a 7 said "check 2: key 'soreness': ... skipped", no line."""
    save_check(tmp_path, Check(WHEN - timedelta(hours=2), soreness=2))
    save_check(tmp_path, Check(WHEN, soreness=7))
    path = tmp_path / "checks.toml"
    path.write_text(path.read_text().replace("soreness = 7", 'soreness = "high"'))
    checks, [problem] = read_checks(tmp_path)
    assert [c.soreness for c in checks] == [2]
    assert "checks.toml, line 5: check 2: key 'soreness'" in problem and "delete that line" in problem, problem


def test_a_race_table_with_a_wrong_value_is_named_by_its_header_line(tmp_path: Path) -> None:
    (tmp_path / "races.toml").write_text('[[race]]\nday = 2026-12-09\nlabel = "10k"\n\n[[race]]\nday = "soon"\n'
                                         'label = "parkrun"\n')
    _, [problem] = read_races(tmp_path)
    assert "races.toml, line 5: race 2: key 'day'" in problem, problem


def test_a_comma_lost_between_two_answers_keeps_the_newer_one(tmp_path: Path) -> None:
    """Review: with the comma after the older answer lost, the parser names the next line, which is fine:
    leaving it out dropped the newest answer (a 7) and kept the old 2. Each answer is read on its own."""
    save_check(tmp_path, Check(WHEN - timedelta(hours=2), soreness=2))
    save_check(tmp_path, Check(WHEN, soreness=7))
    path = tmp_path / "checks.toml"
    path.write_text(path.read_text().replace("soreness = 2 },", "soreness = 2 }"))
    checks, problems = read_checks(tmp_path)
    assert [c.soreness for c in checks] == [2, 7]
    assert problems and "checks.toml" in problems[0], problems


def test_the_closing_bracket_on_the_last_answer_keeps_it(tmp_path: Path) -> None:
    """Review: `{ ... soreness = 7 }]` (the bracket's line joined by hand) dropped the newest answer, and two
    answers on one line dropped both."""
    save_check(tmp_path, Check(WHEN - timedelta(hours=2), soreness=2))
    save_check(tmp_path, Check(WHEN, soreness=7))
    path = tmp_path / "checks.toml"
    text = path.read_text()
    path.write_text(text.replace("soreness = 7 },\n]", "soreness = 7 }]").replace("soreness = 2 },\n", "soreness = 2 }, x\n"))
    assert [c.soreness for c in read_checks(tmp_path)[0]] == [7]  # the broken line named, the 7 kept
    path.write_text(text.replace("soreness = 2 },\n    {", "soreness = 2 }, {").replace("soreness = 7 },\n]", "soreness = 7 }]"))
    checks, problems = read_checks(tmp_path)
    assert [c.soreness for c in checks] == [2, 7], problems
