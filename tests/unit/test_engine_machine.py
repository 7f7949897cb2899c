"""The run under random keys at random moments (issue 21): a Hypothesis state machine on the fake clock.

Keys: n (skip), b (back), x (lost control), space (pause/resume), Enter (count a rep), d (set done),
q (end the session); the command palette's actions call the same engine methods. Time: short and long
moves with a frame every half second, and jumps longer than MAX_GAP (a laptop asleep). Now and then
the process "crashes": its journal is written to disk as the app writes it, read back as a new copy
finds it, and the run goes on from it.

Invariants, checked after every step:
- nothing once done is lost: each set's (complete, reps) as the result shows it never goes down, so a
  finished set stays until a new attempt at it finishes (and beats or equals it);
- nothing is credited while paused or across a clock gap: time moving while paused, or a jump in the
  clock, changes nothing of the result; active seconds never exceed the seconds run;
- no key ends work that has not started: a skip within WORK_GUARD of work beginning changes nothing;
- every return to work starts with a get-ready: after a pause in timed work, and after a skipped rest or switch;
- `complete` only when every work step was done, every set of it complete;
- the journal, read back at any moment, resumes to the same result.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from hamstride.domain.engine import WORK_GUARD, Engine
from hamstride.domain.plan import Segment, build_timeline
from hamstride.domain.result import RunResult, StepStatus
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalFolder
from hamstride.storage.recorder import RunRecorder
from tests.unit.helpers import DEAD_OWNER, FakeClock, session

MAX_GAP = 2.5  # as the run screen sets it
STARTED = datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)

MIXED = """
title = "Every kind of moment"
[[steps]]
name = "Nordic"
tempo = "3-0-1-0"
reps = 2
sets = 2
rest = 6
eccentric = true
control = true
[[steps]]
name = "Breather"
kind = "rest"
duration = 8
[[steps]]
name = "RDL"
tempo = "2-0-1-0"
reps = 2
sides = true
[[steps]]
name = "Lunges"
reps = 2
sides = true
[[steps]]
name = "Plank"
hold = 6
sets = 2
rest = 5
"""
PLAN = session(MIXED, name="mixed")
TIMELINE = build_timeline(PLAN)

SetKey = tuple[int, str, int]


def ranks(engine: Engine) -> dict[SetKey, tuple[bool, int]]:
    """Each set with a rep done or finished: how much of it (a mark on a rep cut short is not a rep)."""
    return {(d.step, d.side.value if d.side else "", d.set): (d.complete, d.reps) for d in engine.sets_done()
            if d.reps or d.complete}


def figures(result: RunResult) -> list[tuple[object, ...]]:
    """What a result says was done, step by step and side by side (seconds to the journal's millisecond)."""
    return [(s.status, tuple((side.side, side.sets_done, side.reps_done, side.reps_lost_control,
                              round(side.active_seconds, 2)) for side in s.sides)) for s in result.steps]


def is_work(segment: Segment | None) -> bool:
    return segment is not None and not segment.is_transition


class RunMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="hamstride-machine-"))
        self.store = HistoryStore(self.folder / "history", lambda: STARTED, journals=self.folder / "in-progress")
        self.clock = FakeClock()
        self.engine = Engine(TIMELINE, clock=self.clock, max_gap=MAX_GAP)
        self.engine.start()
        self.engine.tick()
        self.best: dict[SetKey, tuple[bool, int]] = {}
        self.work_for: float | None = None  # seconds of work since it began, while that is known to be short
        self.last = self._seen()

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- observing -----------------------------------------------------------------

    def _seen(self) -> tuple[Segment | None, float]:
        return self.engine.current, self.engine.tick().elapsed

    def _after(self) -> None:
        """Track how long work has run since it began, as far as a test can see it from outside."""
        segment, elapsed = self._seen()
        before, then = self.last
        if is_work(segment) and not self.engine.paused:
            if not is_work(before) or self._new_work(before, segment):
                self.work_for = elapsed - then  # it began at some moment in between: at most this long ago
            elif self.work_for is not None:
                self.work_for += elapsed - then
        else:
            self.work_for = None
        self.last = (segment, elapsed)

    def _new_work(self, before: Segment | None, now: Segment | None) -> bool:
        return before is not None and now is not None and (before.step_index, before.side, before.set) != (
            now.step_index, now.side, now.set)

    # -- time ------------------------------------------------------------------------

    @rule(seconds=st.sampled_from([0.1, 0.3, 0.5, 1.0, 2.0]))
    def moment(self, seconds: float) -> None:
        paused, before = self.engine.paused, figures(self.engine.result())
        self.clock.advance(seconds)
        self.engine.tick()
        if paused:
            assert figures(self.engine.result()) == before, "credited while paused"
        self._after()

    @rule(seconds=st.integers(min_value=3, max_value=40))
    def a_while(self, seconds: int) -> None:
        for _ in range(seconds * 2):  # a frame every half second, as the screen draws
            self.clock.advance(0.5)
            self.engine.tick()
            self._after()

    @rule()
    def until_it_changes(self) -> None:
        """On to the moment the screen changes (a phase, a set, a rest begins): where late keys land."""
        segment = self.engine.current
        for _ in range(600):
            if self.engine.current is not segment or self.engine.paused or self.engine.finished:
                break
            self.clock.advance(0.1)
            self.engine.tick()
        self._after()

    @rule(seconds=st.sampled_from([MAX_GAP + 0.5, 30.0, 600.0]))
    def laptop_sleeps(self, seconds: float) -> None:
        before = figures(self.engine.result())
        elapsed = self.engine.tick().elapsed
        self.clock.advance(seconds)
        snap = self.engine.tick()
        assert figures(self.engine.result()) == before, "credited across a clock gap"
        assert snap.elapsed == elapsed
        assert self.engine.finished or self.engine.paused
        self._after()

    # -- keys ------------------------------------------------------------------------

    @rule()
    def n(self) -> None:
        guarded = self.work_for is not None and self.work_for < WORK_GUARD - 1e-9
        segment, before = self.engine.current, figures(self.engine.result())
        self.engine.skip()
        if guarded:
            assert self.engine.current is segment, "a skip meant for the get-ready ended work that had not started"
            assert figures(self.engine.result()) == before
        self._back_to_work_through_a_get_ready(segment)
        self._after()

    def _back_to_work_through_a_get_ready(self, before: Segment | None) -> None:
        """A key that leads into work comes from work or from a get-ready, never from a rest or a switch."""
        if is_work(self.engine.current) and not self.engine.paused and self.engine.current is not before:
            assert before is not None and (is_work(before) or before.phase.value == "get-ready"), \
                f"into work straight from {before}"

    @rule()
    def b(self) -> None:
        self.engine.back()
        self._after()

    @rule()
    def x(self) -> None:
        self.engine.mark_lost_control()
        self._after()

    @rule()
    def space(self) -> None:
        paused, segment = self.engine.paused, self.engine.current
        self.engine.toggle_pause()
        if paused and is_work(segment) and segment is not None and not segment.open_ended:
            current = self.engine.current
            assert current is not None and current.phase.value == "get-ready", "back to work without a get-ready"
        self._after()

    @rule()
    def enter(self) -> None:
        self.engine.count_rep()
        self._after()

    @rule()
    def d(self) -> None:
        self.engine.finish_set()
        self._after()

    @precondition(lambda self: not self.engine.finished)
    @rule()
    def q(self) -> None:
        self.engine.finish_early()
        self._after()

    @precondition(lambda self: self.engine.started and not self.engine.finished)
    @rule()
    def crash_and_resume(self) -> None:
        """kill -9: the journal as the app last wrote it, read back by the next copy, which goes on from it."""
        position, result = self.engine.position(), self.engine.result()
        recorder = RunRecorder(self.store, lambda: STARTED, PLAN, target=2)
        JournalFolder(self.store.journals.folder, owner=DEAD_OWNER).write(
            recorder.journal(position, self.engine.sets_done(), result))
        journals, problems = self.store.journals.orphans(set())
        assert problems == []
        if not journals:
            # Killed before any work (in the first get-ready): nothing to offer, and nothing done to lose.
            assert not any(side.sets_done or side.reps_done for step in result.steps for side in step.sides)
            self.engine = Engine(TIMELINE, clock=self.clock, max_gap=MAX_GAP)
            self.engine.start()
            self.last = self._seen()
            self.work_for = None
            return
        assert len(journals) == 1
        journal = journals[0]
        again = RunRecorder(self.store, lambda: STARTED + timedelta(hours=1), PLAN, target=2, resume=journal)
        self.store.journals.clear(journal.record.id)
        self.engine = Engine(TIMELINE, clock=self.clock, max_gap=MAX_GAP, done=again.done_before,
                             elapsed_before=again.elapsed_before)
        self.engine.start(again.start_at)
        resumed = self.engine.result()
        assert figures(resumed) == figures(result), "the journal did not resume to the same result"
        assert abs(resumed.elapsed_seconds - result.elapsed_seconds) < 0.01
        self.last = self._seen()
        self.work_for = None

    # -- invariants --------------------------------------------------------------------

    @invariant()
    def nothing_done_is_lost(self) -> None:
        for key, rank in ranks(self.engine).items():
            assert rank >= self.best.get(key, (False, 0)), f"set {key} went from {self.best[key]} to {rank}"
            self.best[key] = rank
        assert set(self.best) <= set(ranks(self.engine)), "a set done has gone from the result"

    @invariant()
    def active_never_exceeds_time_run(self) -> None:
        result = self.engine.result()
        assert result.active_seconds <= result.elapsed_seconds + 0.01

    @invariant()
    def complete_only_when_every_work_step_was_done(self) -> None:
        result = self.engine.result()
        if result.completed:
            assert self.engine.finished
            work = [s for s in result.steps if not s.kind.is_break]
            assert all(s.status is StepStatus.DONE for s in work)
            planned = sum(s.planned_sets * len(s.sides) for s in work)
            assert sum(1 for d in self.engine.sets_done() if d.complete) == planned


RunMachine.TestCase.settings = settings(max_examples=100, stateful_step_count=40, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
test_the_run_under_random_keys = RunMachine.TestCase


def test_the_timeline_has_every_kind_of_moment() -> None:
    """The machine's session offers what it must: a guarded get-ready, rests, a break, switches, open sets."""
    phases = {s.phase.value for s in TIMELINE.segments}
    assert {"get-ready", "rest", "switch-side", "lower", "lift", "hold"} <= phases
    assert any(s.open_ended for s in TIMELINE.segments) and any(s.step.kind.is_break for s in TIMELINE.segments)
