"""The resume offer says what was done as a runner counts it: the warm-up's timed drills are not "sets done"."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from hamstride import locations
from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import Journal
from hamstride.storage.loader import load_session
from hamstride.storage.recorder import RunRecorder
from hamstride.ui.offers import question
from tests.unit.helpers import FakeClock

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)
PROGRAMME = load_session(locations.builtin_sessions() / "nordic-programme.toml")


def journal_after(seconds: float, tmp_path: Path) -> Journal:
    """The journal a run of the programme's week 1 leaves at the last set boundary `seconds` in."""
    plan = PROGRAMME.for_week(1)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    for _ in range(int(seconds * 2)):
        clock.advance(0.5)
        engine.tick()
    recorder = RunRecorder(HistoryStore(tmp_path / "history", lambda: NOW), lambda: NOW, PROGRAMME, target=2, week=1)
    state = recorder.journal(engine.position(), engine.sets_done(), engine.result())
    return Journal(state.record, state.position, state.sets, str(state.source or ""), tmp_path / "j.toml")


def test_warm_up_drills_are_counted_as_steps_not_as_sets_done(tmp_path: Path) -> None:
    # The jog (90 s) and both sides of the front-to-back swings (30 s each), with their get-readies.
    journal = journal_after(5 + 90 + 5 + 30 + 5 + 30 + 5 + 10, tmp_path)
    said = question(journal, PROGRAMME)
    assert "sets done" not in said and "3 sets" not in said, said
    assert "2 of 7 steps done" in said and "no eccentric reps yet" in said, said
    assert "stopped at step 3 of 7" in said


def test_a_run_stopped_in_the_nordics_says_their_reps(tmp_path: Path) -> None:
    from hamstride.domain.progress import Position
    from tests.unit.helpers import make_record

    record = make_record(NOW, eccentric_reps=5, completed=False)  # set 1 of 2 x 5, then the crash
    journal = Journal(record, Position(0, 2, None), (), "", tmp_path / "j.toml")
    said = question(journal, None)
    assert "0 of 1 step done; Nordic hamstring curl: 2 sets, 5 reps" in said and "; 5 eccentric reps" in said, said
