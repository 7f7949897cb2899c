from __future__ import annotations

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.engine import Engine
from hamstride.domain.model import Side
from hamstride.domain.plan import Phase, build_timeline
from hamstride.domain.result import StepStatus
from tests.unit.helpers import FakeClock, session

NORDICS = """
title = "Nordics"
[[steps]]
name = "Nordic"
tempo = "5-0-1-0"
reps = 2
sets = 2
rest = 30
eccentric = true
[[steps]]
name = "Plank"
hold = 20
"""


def make(text: str = NORDICS) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    return Engine(build_timeline(session(text)), clock=clock), clock


def planned_cues(engine: Engine) -> list[tuple[int, Cue]]:
    return [(s.index, c) for s in engine.timeline.segments for c in s.cues]


def test_start_shows_the_first_segment_and_its_start_cue() -> None:
    engine, _ = make()
    engine.start()
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY
    assert snap.remaining == 5 and [c.kind for c in snap.cues] == [CueKind.GET_READY]


def test_remaining_follows_the_clock() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(6.5)  # 1.5 s into the first lowering
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.LOWER
    assert snap.remaining == 3.5 and snap.elapsed == 6.5
    assert abs(snap.progress - 0.3) < 1e-9


def test_a_late_tick_reports_every_cue_it_passed_in_order_once() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(20.0)  # one tick for 20 s: through get-ready, rep 1, rep 2, into the rest
    late = engine.tick()
    assert late.segment is not None and late.segment.phase is Phase.REST
    kinds = [c.kind for c in late.cues]
    assert kinds == [CueKind.GET_READY, CueKind.COUNT, CueKind.COUNT, CueKind.COUNT,
                     CueKind.LOWER, CueKind.TICK, CueKind.TICK, CueKind.TICK, CueKind.TICK,
                     CueKind.LIFT, CueKind.REP_DONE,
                     CueKind.LOWER, CueKind.LAST_REP, CueKind.TICK, CueKind.TICK, CueKind.TICK,
                     CueKind.TICK, CueKind.LIFT, CueKind.SET_DONE, CueKind.REST]
    assert engine.tick().cues == ()  # nothing twice
    assert late.remaining == 30 - (20 - 17)  # the rest began at 17 s, not at the late tick


def test_no_drift_whatever_the_tick_pattern() -> None:
    engine, clock = make()
    engine.start()
    for step in (0.37, 1.9, 0.01, 3.3, 7.0, 0.5) * 3:
        clock.advance(step)
        engine.tick()
    snap = engine.tick()
    expected_elapsed = sum((0.37, 1.9, 0.01, 3.3, 7.0, 0.5)) * 3
    assert abs(snap.elapsed - expected_elapsed) < 1e-9
    seg = snap.segment
    assert seg is not None
    assert abs((seg.start + snap.local) - expected_elapsed) < 1e-9  # plan offset == clock


def test_pause_freezes_time_and_cues() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(6.0)
    engine.tick()
    engine.pause()
    clock.advance(120.0)
    frozen = engine.tick()
    assert frozen.paused and frozen.remaining == 4.0 and frozen.cues == ()
    engine.resume()
    clock.advance(1.0)
    snap = engine.tick()
    assert snap.remaining == 3.0 and snap.elapsed == 7.0
    assert [c.kind for c in snap.cues] == [CueKind.TICK]


def test_cues_due_before_a_pause_are_still_reported() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(6.0)  # no tick in between: the lower cue is due
    engine.pause()
    assert [c.kind for c in engine.tick().cues] == [CueKind.GET_READY, CueKind.COUNT, CueKind.COUNT,
                                                     CueKind.COUNT, CueKind.LOWER, CueKind.TICK]


def test_skip_ends_a_rest_and_skips_the_rest_of_a_step_during_work() -> None:
    engine, clock = make()
    engine.start()
    engine.skip()  # get-ready: straight to the first lowering
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.LOWER
    assert [c.kind for c in snap.cues] == [CueKind.GET_READY, CueKind.LOWER]
    clock.advance(2.0)
    engine.tick()
    engine.skip()  # during work: on to the plank's get-ready
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.step.name == "Plank"
    assert snap.segment.phase is Phase.GET_READY
    result = engine.result()
    assert result.steps[0].status is StepStatus.PARTIAL  # two seconds of lowering were done
    assert result.steps[0].active_seconds == 2.0


def test_skipping_a_step_before_any_work_marks_it_skipped() -> None:
    engine, _ = make()
    engine.start()
    engine.skip()  # get-ready
    engine.skip()  # the work
    engine.skip()  # plank get-ready
    engine.skip()  # plank
    result = engine.result()
    assert engine.finished and result.completed
    assert result.steps[1].status is StepStatus.SKIPPED


def test_back_restarts_the_step_or_goes_to_the_previous_one() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(40.0)  # well into the Nordic step (rest after set 1 ends at 47)
    engine.tick()
    engine.back()
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.index == 0
    assert [c.kind for c in snap.cues] == [CueKind.GET_READY]  # the step's cues come again
    assert engine.result().steps[0].reps_done == 0  # the redo replaces what was counted
    # Four seconds into the plank, then back twice quickly: the second goes to the Nordic step.
    clock.advance(59.0 + 4.0)
    engine.tick()
    assert engine.current is not None and engine.current.step.name == "Plank"
    engine.back()
    assert engine.current is not None and engine.current.step.name == "Plank"
    engine.back()
    assert engine.current is not None and engine.current.step.name == "Nordic"


def test_self_paced_reps_are_counted_by_the_runner() -> None:
    engine, clock = make('title = "t"\n[[steps]]\nname = "Lunges"\nreps = 3\nsets = 2\nrest = 10\nsides = true\n')
    engine.start()
    clock.advance(5.0)
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.open_ended and snap.remaining is None
    clock.advance(100.0)  # an open segment waits for the runner
    assert engine.tick().segment is snap.segment
    engine.count_rep()
    engine.count_rep()
    counted = engine.tick()
    assert counted.reps_counted == 2
    assert [c.kind for c in counted.cues] == [CueKind.REP_DONE, CueKind.REP_DONE]
    engine.count_rep()  # the third ends the set on the left
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.SWITCH_SIDE
    assert [c.kind for c in snap.cues] == [CueKind.SET_DONE, CueKind.SWITCH_SIDES]
    clock.advance(5.0)
    engine.tick()
    engine.count_rep()
    engine.finish_set()  # right side: one rep, then "set done" by hand
    result = engine.result().steps[0]
    left, right = result.sides
    assert (left.side, left.reps_done, left.sets_done) == (Side.LEFT, 3, 1)
    assert (right.side, right.reps_done, right.sets_done) == (Side.RIGHT, 1, 1)
    assert left.active_seconds == 100.0


def test_lost_control_is_flagged_on_the_current_rep() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(8.0)  # rep 1, lowering
    assert engine.mark_lost_control()
    assert engine.mark_lost_control()  # twice on one rep counts once
    clock.advance(60.0)
    engine.tick()
    result = engine.result().steps[0]
    assert result.sides[0].reps_lost_control == 1
    assert result.reps_done == 4 and result.eccentric_reps == 4


def test_lost_control_outside_a_rep_does_nothing() -> None:
    engine, _ = make()
    engine.start()
    assert not engine.mark_lost_control()  # get-ready


def test_finish_early_keeps_what_was_done() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(12.0)  # rep 1 done (ends at 11), rep 2 lowering 1 s in
    engine.tick()
    engine.finish_early()
    clock.advance(50.0)
    result = engine.result()
    assert engine.finished and not result.completed
    assert result.steps[0].reps_done == 1 and result.steps[0].status is StepStatus.PARTIAL
    assert result.steps[1].status is StepStatus.NOT_REACHED
    assert result.elapsed_seconds == 12.0
    assert result.steps[0].active_seconds == 7.0  # 5 + 1 for rep 1, 1 s of rep 2


def test_a_full_run_fires_each_planned_cue_once_and_completes() -> None:
    engine, clock = make()
    engine.start()
    fired: list[Cue] = list(engine.tick().cues)
    while not engine.finished:
        clock.advance(0.25)
        fired.extend(engine.tick().cues)
    snap = engine.tick()
    assert snap.finished and snap.completed and snap.segment is None
    assert fired[-1].kind is CueKind.SESSION_DONE
    assert sorted(map(repr, fired)) == sorted(repr(c) for _, c in planned_cues(engine))
    result = engine.result()
    assert result.completed and result.elapsed_seconds == engine.timeline.total
    assert [s.status for s in result.steps] == [StepStatus.DONE, StepStatus.DONE]


def test_wake_in_points_at_the_next_change() -> None:
    engine, clock = make()
    engine.start()
    assert engine.wake_in() == 0.0  # the get-ready cue is due now
    engine.tick()
    assert engine.wake_in() == 2.0  # get-ready: the "3" of 3-2-1 is due at 2 s
    clock.advance(2.0)
    engine.tick()
    assert engine.wake_in() == 1.0
    clock.advance(3.25)  # 0.25 s into the first lowering: next tempo tick at 1 s
    engine.tick()
    assert engine.wake_in() == 0.75
    engine.pause()
    assert engine.wake_in() is None
