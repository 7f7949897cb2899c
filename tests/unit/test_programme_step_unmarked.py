"""A programme's progressed main step without an `exercise` key is weighed as Nordics and is eccentric work,
whatever its name.

The name fallback matched only the letters "nordic": a copy of `nordic-programme` with its Nordic step renamed
"Hamstring lowers" (or "Curl nórdico", "Nordisk", "Russian curl") and `exercise = "nordic"` deleted planned
no Nordics, so `hamstride check` said nothing and the readiness check let week 1's 3 x 12 through for a runner
with none lately; the step was not eccentric either, so `run FILE` asked no readiness check and started no
48 h. The step a programme's weeks dose is what the programme is for: without the key it is weighed as a
Nordic, and a runner who means another exercise says so (`exercise = "hip-thrust"`...).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.cli import main
from hamstride.domain.dose import dose_reason, planned_nordics
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import check
from hamstride.storage.dose_notes import dose_notes
from hamstride.storage.loader import load_session
from tests.unit.helpers import session
from tests.unit.test_calendars import SESSIONS

MONDAY = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
BUILT_IN = locations.builtin_sessions() / "nordic-programme.toml"
NAMES = ("Hamstring lowers", "Curl nórdico", "Nordisk", "Russian curl")


def renamed(folder: Path, name: str, week_1: str = "{ sets = 3, reps = 12 }") -> Path:
    """The built-in programme copied: its Nordic step renamed, its exercise key deleted, week 1 as given."""
    text = BUILT_IN.read_text(encoding="utf-8")
    for old, new in (('name = "Nordic hamstring curl"', f'name = "{name}"'), ('exercise = "nordic"\n', ""),
                     ('week."1" = { sets = 2, reps = 5 }', f'week."1" = {week_1}')):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "my-lowers.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", NAMES)
def test_the_renamed_step_is_weighed_and_eccentric(tmp_path: Path, name: str) -> None:
    own = load_session(renamed(tmp_path, name))
    main_step = own.main_step
    assert main_step is not None and main_step.exercise is None and not own.nordic  # its runs build up nothing
    assert main_step.eccentric and own.eccentric  # the readiness check first, and the 48 h after its run
    assert planned_nordics(own) == 36
    reason = dose_reason([], MONDAY, own)
    assert reason is not None and "36 Nordic reps" in reason, reason
    verdict = check(own, {**SESSIONS, own.name: own}, [], MONDAY, Readiness(0, False), 2)
    assert not verdict.go and any("36 Nordic reps" in r for r in verdict.reasons), verdict


def test_check_asks_for_the_key_at_the_steps_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = renamed(tmp_path, "Hamstring lowers", "{ sets = 2, reps = 5 }")  # the built-in's doses: only the key wants
    notes = dose_notes(load_session(path))
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text == 'name = "Hamstring lowers"')
    assert [(n.line, n.key) for n in notes] == [(line, "name")], notes
    assert "no exercise key" in notes[0].message and notes[0].hint and 'exercise = "nordic"' in notes[0].hint
    assert main(["check", str(path)]) == 0  # valid: a warning, not a problem
    out = " ".join(capsys.readouterr().out.split())
    assert f"warning: {path}:{line}:" in out and 'exercise = "nordic"' in out, out


def test_a_step_marked_as_another_exercise_is_that_exercise(tmp_path: Path) -> None:
    path = renamed(tmp_path, "Hip thrust")
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Hip thrust"', 'name = "Hip thrust"\n'
                                                             'exercise = "hip-thrust"'), encoding="utf-8")
    own = load_session(path)
    assert planned_nordics(own) == 0 and dose_notes(own) == []
    assert own.main_step is not None and not own.main_step.eccentric


SINGLE = """
title = "Russian curls"
[[steps]]
name = "Russian curl"
tempo = "4-0-1-0"
sets = 2
reps = 5
main = true
"""


def test_a_session_without_weeks_is_not_guessed_at() -> None:
    """Outside a programme only the name says Nordic, as before: no guess at a main step's exercise."""
    plan = session(SINGLE)
    assert not plan.eccentric and planned_nordics(plan) == 0
