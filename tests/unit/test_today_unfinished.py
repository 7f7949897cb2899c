"""`hamstride today` after a crash: the run's work is in its journal, not in the history, so today's advice
given from the history alone would be given as if nothing had happened (a new runner's Nordics done just
now, and `today` said "No Nordic session yet: start small"). It says the run is unfinished and that the
app resumes it (or keeps it), and gives no fresh advice; the journal is left as it was for the app."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.domain.engine import Engine
from hamstride.domain.model import Exercise, Session
from hamstride.domain.plan import build_timeline
from hamstride.storage.history import HistoryStore
from hamstride.wallclock import local_now
from tests.unit.helpers import FakeClock, leave_journal, make_record
from tests.unit.test_calendars import SESSIONS


def into_the_nordics(home: Path) -> tuple[HistoryStore, Session, Engine, datetime]:
    """The first session run into its first set of Nordics: the store it saves to, the session, its engine, now."""
    data = home / "data"
    now = local_now()
    store = HistoryStore(data / "history", lambda: now, journals=data / "in-progress")
    session = SESSIONS["nordic-first-session"]
    clock = FakeClock()
    engine = Engine(build_timeline(session), clock)
    engine.start()
    nordic = next(n for n, step in enumerate(session.steps) if step.exercise is Exercise.NORDIC)
    while not any(done.step == nordic and done.complete for done in engine.sets_done()):  # its first set of Nordics
        assert clock.now < 5000, engine.sets_done()
        clock.advance(0.5)
        engine.tick()
        engine.count_rep()  # the lunges wait for the runner's enter at each rep; timed steps run on the clock
    return store, session, engine, now


def crashed_in_the_nordics(home: Path, hours_ago: float) -> tuple[HistoryStore, list[Path]]:
    """The first session run into its Nordics, then its copy of hamstride died."""
    store, session, engine, now = into_the_nordics(home)
    leave_journal(store, session, engine, now - timedelta(hours=hours_ago))
    return store, sorted(store.journals.folder.iterdir())


def test_today_says_a_crashed_run_is_unfinished_instead_of_fresh_advice(
        capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    store, journals = crashed_in_the_nordics(isolated_home, hours_ago=0.5)
    before = [path.read_bytes() for path in journals]
    assert main(["today"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    title = SESSIONS["nordic-first-session"].title
    assert out.startswith(f"Unfinished: {title}, begun today at"), out
    assert "(3 eccentric reps done)" in out and "resume" in out and "partial" in out, out
    assert "Today:" not in out and "No Nordic session yet" not in out, out
    assert [path.read_bytes() for path in sorted(journals[0].parent.iterdir())] == before  # the app's to offer
    assert not store.load().records


def test_a_journal_of_a_run_already_saved_is_not_said(capsys: pytest.CaptureFixture[str],
                                                      isolated_home: Path) -> None:
    """The record went into the history and the process died before its journal was cleared: the history
    has it, so the advice is today's as usual."""
    store, journals = crashed_in_the_nordics(isolated_home, hours_ago=0.5)
    record_id = journals[0].stem
    store.save(make_record(local_now() - timedelta(minutes=30), session="nordic-first-session", eccentric_reps=6,
                           record_id=record_id, category=SESSIONS["nordic-first-session"].category))
    assert main(["today"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("Today:") and "Unfinished" not in out, out
