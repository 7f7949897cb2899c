"""The sessions in progress on real files: set-level resume, one journal per running copy, never a
saved session offered again."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.domain.progress import Position
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalFolder, JournalState, JournalWriter, process_token
from hamstride.storage.month_reader import Loaded
from hamstride.storage.recorder import RunRecorder, keep_as_partial, orphan_journals
from tests.unit.helpers import FakeClock, make_record, session

PARIS = timezone(timedelta(hours=1))
FIXED = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)

SESSION = """
title = "Two steps"
[[steps]]
name = "Single-leg RDL"
tempo = "2-0-1-0"
reps = 2
sets = 2
rest = 10
sides = true
eccentric = true
[[steps]]
name = "Plank"
hold = 10
"""


def store(folder: Path) -> HistoryStore:
    return HistoryStore(folder / "history", lambda: FIXED, journals=folder / "in-progress")


def gone_owner(history: HistoryStore) -> None:
    """The journals were written by a copy of hamstride that has died."""
    history.journals.owner = "4194303999:no-such-boot:0"


def journal_now(recorder: RunRecorder, engine: Engine) -> None:
    recorder.store.journals.write(recorder.journal(engine.position(), engine.sets_done(), engine.result()))


def run_until(engine: Engine, clock: FakeClock, seconds: float) -> None:
    for _ in range(int(seconds / 0.5)):
        clock.advance(0.5)
        engine.tick()


def test_a_crash_mid_set_resumes_at_that_set_and_keeps_the_sets_before(tmp_path: Path) -> None:
    history = store(tmp_path)
    gone_owner(history)
    plan = session(SESSION)
    clock = FakeClock()
    recorder = RunRecorder(history, lambda: FIXED, plan, target=2)
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    # 5 s get-ready, left set 1 (6 s), switch 5 s, right set 1 (6 s), rest 10 s: into set 2, left.
    run_until(engine, clock, 5 + 6 + 5 + 6 + 10 + 3)
    assert engine.position() == Position(0, 2, engine.position().side)  # type: ignore[union-attr]
    journal_now(recorder, engine)
    # The laptop dies here, one rep into set 2. The next start finds the journal:
    [journal], problems = orphan_journals(history)
    assert problems == [] and journal.position.set == 2
    assert journal.record.steps[0].reps_done == 5 and not journal.record.completed  # set 1, and a rep of set 2

    later = RunRecorder(history, lambda: FIXED + timedelta(minutes=6), plan, target=2, resume=journal)
    clock2 = FakeClock()
    engine2 = Engine(build_timeline(plan), clock2, done=later.done_before, elapsed_before=later.elapsed_before)
    engine2.start(later.start_at)
    snap = engine2.tick()
    assert snap.segment is not None and snap.segment.set == 2 and snap.segment.phase.value == "get-ready"
    assert snap.upcoming is not None and snap.upcoming.rep == 2  # set 2 goes on after its rep done before the crash
    run_until(engine2, clock2, 120)
    assert engine2.finished
    outcome = later.finish(engine2.result())
    assert outcome.saved is not None and outcome.saved.in_history
    assert orphan_journals(history) == ([], [])
    record = history.load().records[0]
    assert record.id == journal.record.id and record.completed
    assert [side.sets_done for side in record.steps[0].sides] == [2, 2]
    assert record.steps[0].reps_done == 8  # set 1 and set 2's first rep from before the crash, the rest after
    # True times: what was run before the crash plus after it; the record spans the break.
    assert record.elapsed_seconds > journal.record.elapsed_seconds
    assert record.ended - record.started == timedelta(minutes=6)


def test_a_journal_is_offered_only_once_its_owner_is_gone(tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        history = store(tmp_path)
        history.journals.owner = process_token(other.pid)  # a second copy, running
        plan = session(SESSION)
        clock = FakeClock()
        engine = Engine(build_timeline(plan), clock)
        engine.start()
        run_until(engine, clock, 8)  # past the get-ready: a journal of nothing done is never offered
        journal_now(RunRecorder(history, lambda: FIXED, plan, target=2), engine)
        assert orphan_journals(store(tmp_path)) == ([], [])  # not offered while that copy runs
    finally:
        other.kill()
        other.wait()
    [journal], _ = orphan_journals(store(tmp_path))
    assert journal.record.title == "Two steps"


def test_two_running_copies_keep_a_journal_each(tmp_path: Path) -> None:
    plan = session(SESSION)
    first, second = store(tmp_path), store(tmp_path)
    for history in (first, second):
        engine = Engine(build_timeline(plan), FakeClock())
        engine.start()
        journal_now(RunRecorder(history, lambda: FIXED, plan, target=2), engine)
    assert len(list((tmp_path / "in-progress").glob("*.toml"))) == 2
    gone_owner(first)
    engine = Engine(build_timeline(plan), FakeClock())
    engine.start()
    engine.finish_early()
    # One copy finishing clears only its own journal.
    recorder = RunRecorder(first, lambda: FIXED, plan, target=2)
    recorder.finish(engine.result())
    assert len(list((tmp_path / "in-progress").glob("*.toml"))) == 2
    first.journals.clear(recorder.id)


def test_a_journal_whose_record_was_saved_is_cleared_never_offered(tmp_path: Path) -> None:
    history = store(tmp_path)
    gone_owner(history)
    plan = session(SESSION)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    run_until(engine, clock, 12)
    recorder = RunRecorder(history, lambda: FIXED, plan, target=2)
    journal_now(recorder, engine)
    engine.finish_early()
    history.save(recorder.record(engine.result()))  # the kill comes after the save, before the clear
    assert orphan_journals(history) == ([], [])
    assert not history.journals.path_for(recorder.id).exists()
    assert len(history.load().records) == 1


def test_keep_as_partial_moves_the_journal_into_the_history(tmp_path: Path) -> None:
    history = store(tmp_path)
    gone_owner(history)
    plan = session(SESSION)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    run_until(engine, clock, 8)
    journal_now(RunRecorder(history, lambda: FIXED, plan, target=2), engine)
    [journal], _ = orphan_journals(history)
    saved = keep_as_partial(history, journal)
    assert saved is not None and saved.in_history and not journal.path.exists()
    assert [r.completed for r in history.load().records] == [False]


def test_an_unreadable_journal_is_set_aside(tmp_path: Path) -> None:
    history = store(tmp_path)
    (tmp_path / "in-progress").mkdir()
    bad = tmp_path / "in-progress" / "abc.toml"
    bad.write_text("position = [")
    journals, problems = orphan_journals(history)
    assert journals == [] and "abc.toml.corrupt-" in problems[0]
    assert not bad.exists()


def test_the_writer_keeps_the_order_and_writes_nothing_after_close(tmp_path: Path) -> None:
    history = store(tmp_path)
    plan = session(SESSION)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    recorder = RunRecorder(history, lambda: FIXED, plan, target=2)
    errors: list[OSError] = []
    writer = JournalWriter(history.journals, errors.append)
    states = []
    for _ in range(30):
        run_until(engine, clock, 1)
        states.append(recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    for state in states:
        writer.put(state)
    writer.close()
    path = history.journals.path_for(recorder.id)
    written = tomllib.loads(path.read_text())
    assert written["position"]["set"] == states[-1].position.set
    assert len(written["set"]) == len(states[-1].sets)
    path.unlink()  # the save clears it; a late put must not bring it back
    writer.put(states[0])
    writer.close()
    assert not path.exists() and errors == []


def test_a_folder_that_cannot_be_written_is_said_once(tmp_path: Path) -> None:
    blocker = tmp_path / "in-progress"
    blocker.write_text("a file where the folder should be")
    journals = JournalFolder(blocker)
    errors: list[OSError] = []
    writer = JournalWriter(journals, errors.append)
    plan = session(SESSION)
    engine = Engine(build_timeline(plan), FakeClock())
    engine.start()
    recorder = RunRecorder(store(tmp_path / "x"), lambda: FIXED, plan, target=2)
    for _ in range(3):
        writer.put(JournalState(recorder.record(engine.result()), Position(0, 1, None), (), None))
    writer.close()
    assert len(errors) == 1


def test_the_apps_journals_live_beside_the_shared_history_folder(isolated_home: Path) -> None:
    from rich.console import Console

    from hamstride.cli.context import Context

    history = Context(Console()).store
    assert history.folder == isolated_home / "data" / "history"
    assert history.journals.folder == isolated_home / "data" / "in-progress"


def test_without_a_journal_the_start_does_not_read_the_history(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The app asks for orphans on its first frame: with none left, ten years of months stay unread."""
    history = store(tmp_path)
    history.save(make_record(FIXED - timedelta(days=1)))
    reads: list[int] = []
    original = HistoryStore.load

    def counted(self: HistoryStore) -> Loaded:
        reads.append(1)
        return original(self)

    monkeypatch.setattr(HistoryStore, "load", counted)
    assert orphan_journals(history) == ([], [])
    (tmp_path / "in-progress").mkdir(exist_ok=True)
    (tmp_path / "in-progress" / "notes.txt").write_text("not a journal")
    assert orphan_journals(history) == ([], [])
    assert reads == []
    # A journal left by a copy that died: now the history is read, to clear the journal if it was saved.
    gone_owner(history)
    plan = session(SESSION)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    run_until(engine, clock, 12)
    journal_now(RunRecorder(history, lambda: FIXED, plan, target=2), engine)
    [journal], _ = orphan_journals(store(tmp_path))
    assert reads == [1] and journal.position.step == 0
