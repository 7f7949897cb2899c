"""A Nordic step whose file leaves out `exercise = "nordic"` is weighed as a Nordic all the same.

The dose rule counted only steps marked `exercise = "nordic"`: a runner's copy of the first session with
that line gone and 2 x 30 planned counted as 0 Nordic reps, so the check let 60 Nordics through for a runner
with none lately, and `hamstride check` said nothing. An eccentric or main step named like a Nordic is now
weighed, and `hamstride check` asks for the key (its runs build up no Nordic dose without it).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.cli import main
from hamstride.domain.dose import dose_reason, planned_nordics
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import FIRST, HIP, check, suggest
from hamstride.storage.dose_notes import dose_notes
from hamstride.storage.loader import load_session
from tests.unit.test_calendars import SESSIONS

MONDAY = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
MARKED = 'exercise = "nordic"\n'


def unmarked(folder: Path, name: str = "my-first-nordics", reps: int = 30) -> Path:
    """The built-in first session copied, its Nordic step's exercise key left out and 2 x `reps` planned."""
    text = (locations.builtin_sessions() / "nordic-first-session.toml").read_text(encoding="utf-8")
    assert text.count(MARKED) == 1 and text.count("reps = 3\n") == 2
    text = text.replace(MARKED, "")
    head, _, nordic = text.rpartition('name = "Nordic hamstring curl"')
    path = folder / f"{name}.toml"
    path.write_text(head + 'name = "Nordic hamstring curl"' + nordic.replace("reps = 3\n", f"reps = {reps}\n"),
                    encoding="utf-8")
    return path


def test_sixty_unmarked_nordics_are_held_for_a_runner_with_none_lately(tmp_path: Path) -> None:
    own = load_session(unmarked(tmp_path))
    assert not own.nordic  # the file says no exercise: the history would count none
    assert planned_nordics(own) == 60
    reason = dose_reason([], MONDAY, own)
    assert reason is not None and "60 Nordic reps" in reason and "at most 10" in reason, reason
    verdict = check(own, {**SESSIONS, own.name: own}, [], MONDAY, Readiness(0, False), 2)
    assert not verdict.go and any("60 Nordic reps" in r for r in verdict.reasons), verdict


def test_home_does_not_offer_the_first_session_edited_in_place_without_its_key(tmp_path: Path) -> None:
    own = load_session(unmarked(tmp_path, FIRST))
    home = suggest({**SESSIONS, FIRST: own}, [], MONDAY, 2)
    assert home.session == HIP and "60 Nordic reps" in home.reason, home


def test_check_asks_for_the_key_at_the_steps_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = unmarked(tmp_path, reps=3)  # the dose of the built-in: only the key is wanting
    notes = dose_notes(load_session(path))
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text == 'name = "Nordic hamstring curl"')
    assert [(n.line, n.key) for n in notes] == [(line, "name")], notes
    assert "no exercise key" in notes[0].message and notes[0].hint and 'exercise = "nordic"' in notes[0].hint
    assert main(["check", str(path)]) == 0  # valid: a warning, not a problem
    out = " ".join(capsys.readouterr().out.split())
    assert f"warning: {path}:{line}:" in out and "exercise = \"nordic\"" in out, out


def test_the_built_ins_weigh_as_before() -> None:
    """Their warm-up "Easy partial Nordics" is neither eccentric nor main: not weighed, no note."""
    for path in sorted(locations.builtin_sessions().glob("*.toml")):
        session = load_session(path)
        assert dose_notes(session) == [], path
        assert planned_nordics(session) == sum(
            sum(s.reps_in(n) for n in range(1, s.sets + 1)) * (2 if s.sides else 1)
            for s in session.steps if s.exercise is not None and s.exercise.value == "nordic"), path
