"""Every rep the runner did is in the record: a rep marked lost (x) however it ends, and the reps of a set a
crash cut short, kept as partial or resumed (on the fake clock)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.engine import Engine
from hamstride.domain.plan import Phase, build_timeline
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalFolder, holds_work
from hamstride.storage.recorder import RunRecorder, keep_as_partial
from tests.unit.helpers import DEAD_OWNER, FakeClock, session
from tests.unit.test_engine import make, run_for, where

# Nordics: get-ready 5, set 1 (2 reps x 6 s: lower 5, lift 1), rest 30, set 2 (12), then the plank.
FIVE = """
title = "Five Nordics"
[[steps]]
name = "Nordic"
tempo = "5-0-1-0"
reps = 5
sets = 2
rest = 60
eccentric = true
control = true
[[steps]]
name = "Plank"
hold = 20
"""
LUNGES = """
title = "Lunges"
[[steps]]
name = "Lunges"
reps = 8
sets = 2
rest = 30
"""
STARTED = datetime(2026, 12, 7, 7, 0, tzinfo=timezone.utc)


def nordic(engine: Engine) -> tuple[int, int]:
    step = engine.result().steps[0]
    return step.reps_done, step.reps_lost_control


# -- 2. x on a rep left unfinished: it happened, the runner fell -------------------------------------------

def _fall_in_rep_2(engine: Engine, clock: FakeClock) -> None:
    engine.start()
    run_for(engine, clock, 5 + 6 + 3)  # rep 1 whole, 3 s into rep 2's lowering
    assert where(engine) == ("Nordic", "lower", 1, 2)
    assert engine.mark_lost_control() is engine.current


@pytest.mark.parametrize("key", ["n", "b", "q"])
def test_a_rep_marked_lost_counts_however_the_set_is_left(key: str) -> None:
    """x during rep 2's lowering, then n (the set ends), b (back to its start) or q, y (the session ends)
    before the rep's time is up: the rep fell, so it is a rep done with lost control. It was "cut short,
    not a rep" and its mark vanished: the fall, the set's heaviest eccentric load, was not in the record."""
    engine, clock = make()
    _fall_in_rep_2(engine, clock)
    clock.advance(0.5)
    {"n": engine.skip, "b": engine.back, "q": engine.finish_early}[key]()
    assert nordic(engine) == (2, 1)
    assert [(s.set, s.reps, s.lost) for s in engine.sets_done()] == [(1, 2, (2,))]


def test_a_fall_then_a_pause_counts_and_goes_on_at_the_next_rep() -> None:
    """x in the lowering, then space (or q, "Keep going"): the rep was done, fall and all. Going on brings a
    get-ready and the next rep, not the fallen one again (a lowering beyond the plan, its fall forgotten)."""
    engine, clock = make(FIVE)
    _fall_in_rep_2(engine, clock)
    engine.pause()
    clock.advance(20)
    engine.resume()
    assert nordic(engine) == (2, 1)
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY
    assert snap.upcoming is not None and snap.upcoming.rep == 3
    run_for(engine, clock, 5 + 3 * 6 + 1)  # the get-ready, reps 3 to 5: the set is done, with its 5 reps
    assert nordic(engine) == (5, 1)
    assert engine.sets_done()[0].complete


def test_a_fall_on_a_sets_last_rep_then_a_pause_ends_the_set() -> None:
    engine, clock = make()
    _fall_in_rep_2(engine, clock)  # rep 2 is the set's last
    engine.pause()
    engine.resume()
    assert where(engine)[:2] == ("Nordic", "rest")
    assert [(s.set, s.reps, s.lost, s.complete) for s in engine.sets_done()] == [(1, 2, (2,), True)]


def test_an_unmarked_rep_cut_short_is_still_not_a_rep() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 6 + 3)
    engine.skip()
    assert nordic(engine) == (1, 0)


# -- 1. a crash mid-set: the journal holds every rep counted -----------------------------------------------

def test_self_paced_reps_are_in_the_set_as_they_are_counted() -> None:
    """Enter counts a rep of a self-paced set: it is in what a journal keeps at once, not at the set's end."""
    engine, clock = make(LUNGES)
    engine.start()
    run_for(engine, clock, 6)
    for _ in range(3):
        engine.count_rep()
    assert [(s.set, s.reps, s.complete) for s in engine.sets_done()] == [(1, 3, False)]
    assert engine.result().steps[0].reps_done == 3
    engine.finish_set()
    assert [(s.set, s.reps, s.complete) for s in engine.sets_done()] == [(1, 3, True)]


def _crash(tmp_path: Path, text: str, seconds: float, *, mark: bool = False,
           count: int = 0) -> HistoryStore:
    """A run `seconds` in (with an x, or reps counted by hand), journalled as the run screen journals it,
    then killed: its owner gone."""
    store = HistoryStore(tmp_path / "history", lambda: STARTED, journals=tmp_path / "in-progress")
    plan = session(text)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    run_for(engine, clock, seconds)
    if mark:
        assert engine.mark_lost_control() is engine.current
    for _ in range(count):
        engine.count_rep()
    recorder = RunRecorder(store, lambda: STARTED, plan, target=2)
    JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    return store


def _resume(store: HistoryStore, text: str) -> tuple[Engine, FakeClock]:
    [journal], _ = store.journals.orphans(set())
    again = RunRecorder(store, lambda: STARTED + timedelta(minutes=5), session(text), target=2, resume=journal)
    clock = FakeClock()
    engine = Engine(build_timeline(session(text)), clock, done=again.done_before,
                    elapsed_before=again.elapsed_before)
    engine.start(again.start_at)
    return engine, clock


def test_three_lowerings_then_a_crash_kept_as_partial_are_three_eccentric_reps(tmp_path: Path) -> None:
    store = _crash(tmp_path, FIVE, 5 + 3 * 6 + 2)  # reps 1-3 of set 1, 2 s into the fourth lowering
    [journal], _ = store.journals.orphans(set())
    assert journal.record.eccentric_reps == 3 and holds_work(journal)
    saved = keep_as_partial(store, journal)
    assert saved is not None and saved.in_history
    [record] = store.load().records
    assert record.eccentric_reps == 3


def test_a_fall_then_a_crash_keeps_the_fall(tmp_path: Path) -> None:
    """x in rep 2's lowering, then the laptop dies: the journal holds rep 2, lost."""
    store = _crash(tmp_path, FIVE, 5 + 6 + 3, mark=True)
    [journal], _ = store.journals.orphans(set())
    assert [(s.set, s.reps, s.lost) for s in journal.sets] == [(1, 2, (2,))]
    assert (journal.record.steps[0].reps_done, journal.record.steps[0].reps_lost_control) == (2, 1)


def test_a_set_a_crash_cut_short_resumes_at_the_next_rep(tmp_path: Path) -> None:
    """Resumed, the set that was running goes on, after a get-ready, at the rep after the last one done:
    those reps were done. Started again whole, the runner did them twice (reps beyond the plan) and the
    record kept only the set's best attempt (the first reps dropped: eccentric work under-counted)."""
    engine, clock = _resume(_crash(tmp_path, FIVE, 5 + 3 * 6 + 2), FIVE)
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY and snap.segment.set == 1
    assert snap.upcoming is not None and snap.upcoming.rep == 4
    assert engine.result().steps[0].reps_done == 3
    run_for(engine, clock, 5 + 2 * 6 + 1)  # the get-ready, reps 4 and 5: set 1 done, with its five reps
    assert [(s.set, s.reps, s.complete) for s in engine.sets_done()] == [(1, 5, True)]
    engine.finish_early()
    assert engine.result().steps[0].eccentric_reps == 5


def test_a_self_paced_set_a_crash_cut_short_goes_on_with_its_count(tmp_path: Path) -> None:
    engine, clock = _resume(_crash(tmp_path, LUNGES, 6, count=3), LUNGES)
    assert engine.result().steps[0].reps_done == 3
    run_for(engine, clock, 6)  # the get-ready
    assert engine.tick().reps_counted == 3  # the count goes on from where it was
    for _ in range(5):
        engine.count_rep()
    assert [(s.set, s.reps, s.complete) for s in engine.sets_done()] == [(1, 8, True)]


def test_a_redo_a_crash_cut_after_the_sets_reps_were_all_lowered_goes_on_after_that_set(tmp_path: Path) -> None:
    """Walked (walk11): 3 of set 1's 5 reps, b, 2 reps of the redo, then the laptop dies. The journal keeps set 1 as
    5 reps, not complete (attempts add up, and the redo was cut): the resume started set 1 again whole, 5 more
    Nordics where the plan had none left. A set whose reps are all lowered goes on after it, as after its end."""
    store = HistoryStore(tmp_path / "history", lambda: STARTED, journals=tmp_path / "in-progress")
    plan = session(FIVE)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    run_for(engine, clock, 5 + 3 * 6 + 1)  # reps 1-3 of set 1, 1 s into the fourth lowering
    engine.back()
    run_for(engine, clock, 5 + 2 * 6 + 2)  # the get-ready, two reps of the redo, 2 s into its third
    assert [(s.set, s.reps, s.complete) for s in engine.sets_done()] == [(1, 5, False)]
    recorder = RunRecorder(store, lambda: STARTED, plan, target=2)
    JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    resumed, clock = _resume(store, FIVE)
    snap = resumed.tick()
    assert snap.segment is not None and snap.segment.set == 1 and snap.segment.phase is Phase.REST, where(resumed)
    run_for(resumed, clock, 60 + 5 + 5 * 6 + 1)  # the rest, set 2's get-ready and its five reps
    assert [(s.set, s.reps) for s in resumed.sets_done()] == [(1, 5), (2, 5)]
    assert resumed.result().steps[0].reps_done == 10  # the plan's ten, none lowered twice


def test_a_crash_in_a_redo_after_b_b_goes_on_in_the_set_left_at_its_rep_after(tmp_path: Path) -> None:
    """Walked (walk11): set 1 whole, 2 reps of set 2, b b (the set before), a rep of that redo, then the laptop
    dies. The resume went on after set 1 (its reps all done) and gave set 2 whole: 2 Nordics beyond the plan.
    After a set done whole, a set the crash left part done goes on at the rep after its last one done."""
    store = HistoryStore(tmp_path / "history", lambda: STARTED, journals=tmp_path / "in-progress")
    plan = session(FIVE)
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start()
    run_for(engine, clock, 5 + 5 * 6 + 60 + 2 * 6 + 1)  # set 1, its rest, 2 reps of set 2, 1 s into the third
    assert where(engine) == ("Nordic", "lower", 2, 3)
    engine.back()
    clock.advance(0.5)
    engine.back()  # b b: the set before
    run_for(engine, clock, 5 + 6 + 2)  # the get-ready, one rep of the redo of set 1, 2 s into its second
    assert where(engine) == ("Nordic", "lower", 1, 2)
    recorder = RunRecorder(store, lambda: STARTED, plan, target=2)
    JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    resumed, clock = _resume(store, FIVE)
    run_for(resumed, clock, 5 + 0.5)
    assert where(resumed) == ("Nordic", "lower", 2, 3), where(resumed)
    run_for(resumed, clock, 3 * 6 + 1)  # set 2's last three reps
    assert [(s.set, s.reps) for s in resumed.sets_done()] == [(1, 6), (2, 5)]
    assert resumed.result().steps[0].reps_done == 11  # the plan's ten and the one redone: none beyond


def test_after_b_b_and_the_set_before_again_the_set_left_goes_on_at_its_next_rep() -> None:
    """Review (review12): set 1 whole, 2 reps of set 2, b b, set 1 again: set 2 then came whole, its 2 reps from
    before b b lowered again (7 in the set), where a crash in that redo resumed it at rep 3. The walk that comes
    back to a set b b left part done goes on in it at the rep after its last one done, as a resume does."""
    clock = FakeClock()
    engine = Engine(build_timeline(session(FIVE)), clock)
    engine.start()
    run_for(engine, clock, 5 + 5 * 6 + 60 + 2 * 6 + 1)  # set 1, its rest, 2 reps of set 2, 1 s into the third
    engine.back()
    clock.advance(0.5)
    engine.back()  # b b: the set before
    run_for(engine, clock, 5 + 5 * 6 + 60)  # its get-ready, the five reps again, the rest
    run_for(engine, clock, 5 + 0.5)  # a get-ready: back into set 2 where it was left
    assert where(engine) == ("Nordic", "lower", 2, 3), where(engine)
    run_for(engine, clock, 3 * 6 + 1)
    assert [(s.set, s.reps) for s in engine.sets_done()] == [(1, 10), (2, 5)]
    assert engine.result().steps[0].reps_done == 15  # the plan's ten and set 1 done again: none beyond
