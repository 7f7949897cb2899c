from __future__ import annotations

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.engine import Engine, Refusal
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
control = true
[[steps]]
name = "Plank"
hold = 20
"""


def make(text: str = NORDICS) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    return Engine(build_timeline(session(text)), clock=clock), clock


def planned_cues(engine: Engine) -> list[tuple[int, Cue]]:
    return [(s.position, c) for s in engine.timeline.segments for c in s.cues]


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
    engine.resume()  # back into position first: a get-ready, then the lowering from its start
    clock.advance(1.0)
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY
    assert snap.remaining == 4.0 and snap.elapsed == 7.0
    assert [c.kind for c in snap.cues] == [CueKind.GET_READY]


def test_cues_due_before_a_pause_are_still_reported() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(6.0)  # no tick in between: the lower cue is due
    engine.pause()
    assert [c.kind for c in engine.tick().cues] == [CueKind.GET_READY, CueKind.COUNT, CueKind.COUNT,
                                                     CueKind.COUNT, CueKind.LOWER, CueKind.TICK]


def run_for(engine: Engine, clock: FakeClock, seconds: float) -> None:
    """Time passing as the screen sees it: a frame at least every half second."""
    for _ in range(round(seconds / 0.5)):
        clock.advance(0.5)
        engine.tick()


def where(engine: Engine) -> tuple[str, str, int, int | None]:
    segment = engine.current
    assert segment is not None
    return segment.step.name, segment.phase.value, segment.set, segment.rep


# The Nordics: get-ready 5, set 1 (2 reps x 6 s = 12), rest 30, set 2 (12), then the plank's get-ready.


def test_skip_during_work_ends_the_set_keeps_it_and_goes_to_its_rest() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 6 + 2)  # rep 1 done, two seconds into rep 2
    engine.skip()
    assert where(engine) == ("Nordic", "rest", 1, None)
    assert engine.tick().skip_offer == "Nordic"  # "press n again to skip the rest of Nordic"
    nordic = engine.result().steps[0]
    assert (nordic.reps_done, nordic.sets_done, nordic.active_seconds) == (1, 1, 8.0)
    # Left alone, the rest runs out and set 2 comes: the offer is gone.
    run_for(engine, clock, 30)
    assert where(engine) == ("Nordic", "lower", 2, 1)
    assert engine.tick().skip_offer == ""


def test_a_second_skip_passes_over_the_rest_of_the_step_recorded_as_not_done() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 3)
    engine.skip()
    clock.advance(1.2)  # the second press a moment later, having read "press n again..."
    engine.skip()
    assert where(engine) == ("Plank", "get-ready", 1, None)
    run_for(engine, clock, 5 + 20)
    result = engine.result()
    assert engine.finished
    # Three seconds of a lowering and no rep: nothing of the step was done, it was skipped.
    assert result.steps[0].status is StepStatus.SKIPPED and result.steps[1].status is StepStatus.DONE
    assert not result.completed  # a step was passed over: never "complete"


def test_a_double_tap_that_ends_a_set_ends_only_that_set() -> None:
    """Tried in tmux (walk11): n n a quarter of a second apart during a lowering passed over the whole
    step, every set still to come. Two taps that close are one tap, as on a rest: the set ends, the
    rest of the step stays, and the screen says why the second did nothing; a press a moment later,
    while "press n again" is still offered, passes the rest of the step as before."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 3)
    assert engine.skip() is None
    clock.advance(0.25)
    refusal = engine.skip()
    assert where(engine) == ("Nordic", "rest", 1, None)
    assert refusal is Refusal.DOUBLE_TAP
    assert engine.tick().skip_offer == "Nordic"
    clock.advance(1.0)
    assert engine.skip() is None
    assert where(engine) == ("Plank", "get-ready", 1, None)


def test_a_tap_seconds_after_the_one_that_ended_a_set_while_paused_is_no_double_tap() -> None:
    """Walked (walk13): paused in a lowering, n ended the set; n 2.9 s and 3.4 s later did nothing, and space
    then said "two quick taps count as one". A double tap is two taps a moment apart on the runner's clock,
    which runs on while the session's is paused: the press seconds later is the one the offer asks for."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 6 + 1)  # rep 1 done, 1 s into rep 2
    engine.pause()
    clock.advance(1.0)
    assert engine.skip() is None  # the set ends
    clock.advance(2.9)
    assert engine.skip() is None
    assert where(engine) == ("Plank", "get-ready", 1, None)


def test_the_second_skip_offer_lapses_so_a_later_skip_passes_only_the_rest() -> None:
    """Tried in tmux: n ended a set, and an n pressed five seconds into the rest threw away the
    whole step. The offer is for a quick second press; after it lapses n skips the rest period."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 3)
    engine.skip()
    assert engine.tick().skip_offer == "Nordic"
    run_for(engine, clock, 5)
    assert engine.tick().skip_offer == ""
    engine.skip()
    assert where(engine) == ("Nordic", "get-ready", 2, None)


def test_a_quick_second_skip_after_a_step_s_last_set_keeps_the_next_get_ready() -> None:
    """Tried in tmux: n n in a side plank's last set went straight into a Nordic's lowering. The
    second n meant "skip the rest of this step", of which there was none; the get-ready is kept."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 30 + 3)  # into set 2 of 2 of the Nordics
    engine.skip()
    assert where(engine) == ("Plank", "get-ready", 1, None)
    engine.skip()
    assert where(engine) == ("Plank", "get-ready", 1, None)
    run_for(engine, clock, 4)
    engine.skip()  # later on, n passes the get-ready as always
    assert where(engine)[:3] == ("Plank", "hold", 1)


def test_a_double_tap_on_a_rest_keeps_the_get_ready_it_brings() -> None:
    """Tried in tmux: n n in SWITCH SIDES (or a rest) passed the switch and, at once, the get-ready
    it brings, so work began with the runner still at the laptop. The two taps are one burst: the
    get-ready stays; a tap a moment later passes it as always."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 1)
    assert where(engine) == ("Nordic", "rest", 1, None)
    assert engine.skip() is None
    clock.advance(0.2)
    assert engine.skip() is Refusal.GET_READY_KEPT
    remaining = engine.tick().remaining
    assert where(engine) == ("Nordic", "get-ready", 2, None) and remaining is not None and remaining > 4.7
    run_for(engine, clock, 1.5)
    engine.skip()
    assert where(engine) == ("Nordic", "lower", 2, 1)


def test_a_skip_just_after_a_get_ready_is_taken_as_meant_for_it() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5.5)  # the runner meant to skip the get-ready, a moment too late
    engine.skip()
    assert where(engine) == ("Nordic", "lower", 1, 1)


def test_skip_on_the_first_side_goes_to_the_other_side_not_past_it() -> None:
    engine, clock = make('title = "t"\n[[steps]]\nname = "RDL"\ntempo = "3-0-1-0"\nreps = 4\nsides = true\n'
                         '[[steps]]\nname = "Plank"\nhold = 20\n')
    engine.start()
    run_for(engine, clock, 5 + 4)
    engine.skip()
    assert engine.current is not None and engine.current.phase is Phase.SWITCH_SIDE
    run_for(engine, clock, 5)
    assert engine.current is not None and engine.current.side is Side.RIGHT and engine.current.step.name == "RDL"
    left, right = engine.result().steps[0].sides
    assert (left.reps_done, left.sets_done) == (1, 1)


def test_skipping_a_rest_brings_a_get_ready_before_the_next_set() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 1)
    assert where(engine) == ("Nordic", "rest", 1, None)
    engine.skip()
    snap = engine.tick()
    assert where(engine) == ("Nordic", "get-ready", 2, None) and snap.remaining == 5.0
    assert snap.upcoming is not None and (snap.upcoming.phase, snap.upcoming.set) == (Phase.LOWER, 2)
    assert CueKind.GET_READY in [c.kind for c in snap.cues]
    run_for(engine, clock, 5)
    assert where(engine) == ("Nordic", "lower", 2, 1)


def test_a_long_lead_in_is_kept_after_a_skipped_rest() -> None:
    engine, clock = make(NORDICS.replace('eccentric = true', 'eccentric = true\nlead_in = 12', 1))
    engine.start()
    run_for(engine, clock, 12 + 12 + 1)
    engine.skip()
    assert engine.tick().remaining == 12.0


def test_skipping_steps_before_any_work_marks_them_skipped_and_the_session_not_complete() -> None:
    engine, clock = make()
    engine.start()
    engine.skip()  # get-ready
    clock.advance(2.0)  # a skip at once would be taken as meant for the get-ready
    engine.skip()  # ends set 1, nothing done
    clock.advance(1.0)  # a second tap at once would be the same tap
    engine.skip()  # and the rest of the Nordics
    clock.advance(1.0)  # a third tap at once is the same burst: it keeps the plank's get-ready
    engine.skip()  # plank get-ready
    clock.advance(2.0)
    engine.skip()  # plank
    result = engine.result()
    assert engine.finished and not result.completed
    assert [s.status for s in result.steps] == [StepStatus.SKIPPED, StepStatus.SKIPPED]


def test_back_goes_to_the_start_of_the_set_and_keeps_the_sets_done() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 30 + 8)  # set 2, rep 2
    assert where(engine) == ("Nordic", "lower", 2, 2)
    engine.back()
    snap = engine.tick()
    # Set 2 again, from a get-ready: set 1's two reps stay; the time left does not jump back.
    assert where(engine) == ("Nordic", "get-ready", 2, None)
    assert engine.result().steps[0].reps_done == 2 + 1
    run_for(engine, clock, 5 + 12)
    nordic = engine.result().steps[0]
    # The redo added its two reps to set 2's first one: five lowerings done, two sets.
    assert (nordic.reps_done, nordic.sets_done, nordic.status) == (5, 2, StepStatus.DONE)
    assert snap.remaining_total > 0


def test_back_twice_quickly_goes_to_the_set_before_then_the_step_befores_last_set() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 30 + 4)
    engine.back()
    engine.back()  # at once: the set before
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 12 + 30 + 12 + 5 + 4)  # on into the plank
    assert where(engine) == ("Plank", "hold", 1, 1)
    engine.back()
    assert where(engine) == ("Plank", "get-ready", 1, None)
    engine.back()  # at once: the set before, the step before's last
    assert where(engine) == ("Nordic", "get-ready", 2, None)
    assert engine.result().steps[0].reps_done == 6  # set 1 done twice: every rep of both stands


def test_back_from_a_rest_redoes_the_set_just_done() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 10)
    engine.back()
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    assert engine.result().steps[0].reps_done == 2


def test_a_gap_in_the_clock_pauses_where_it_began_and_credits_nothing() -> None:
    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDICS)), clock=clock, max_gap=2.5)
    engine.start()
    run_for(engine, clock, 5 + 3)  # three seconds into the first lowering
    clock.advance(62.0)  # the lid is closed for a minute (SIGSTOP, suspend)
    snap = engine.tick()
    assert snap.paused and snap.slept == 62.0
    assert where(engine) == ("Nordic", "lower", 1, 1) and snap.remaining == 2.0
    assert snap.cues == () and engine.result().steps[0].reps_done == 0
    assert snap.elapsed == 8.0
    engine.resume()
    snap = engine.tick()
    assert not snap.paused and snap.slept is None
    assert where(engine) == ("Nordic", "get-ready", 1, None)  # back into position, then the rep again
    run_for(engine, clock, 5 + 5.5)  # the lowering again, whole: the rep counts as its lift begins
    assert engine.result().steps[0].reps_done == 1 and where(engine) == ("Nordic", "lift", 1, 1)


def test_a_key_after_a_gap_lands_where_the_gap_began() -> None:
    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDICS)), clock=clock, max_gap=2.5)
    engine.start()
    run_for(engine, clock, 5 + 2)
    clock.advance(100.0)
    engine.skip()  # pressed while the process stood still: it ends the set as it was, not 100 s later
    nordic = engine.result().steps[0]
    assert nordic.active_seconds == 2.0 and nordic.reps_done == 0
    assert engine.tick().slept == 100.0


def test_a_resumed_run_starts_at_the_set_and_keeps_the_sets_before() -> None:
    from hamstride.domain.progress import Position

    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 30 + 3)
    done = engine.sets_done()
    assert engine.position() == Position(0, 2, None)
    again, clock2 = make()
    again = Engine(again.timeline, clock2, done=done)
    again.start(Position(0, 2, None))
    assert where(again) == ("Nordic", "get-ready", 2, None)
    run_for(again, clock2, 5 + 12 + 5 + 20)
    result = again.result()
    assert again.finished and result.completed and result.steps[0].reps_done == 4


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


def test_a_self_paced_set_ended_with_n_before_any_rep_is_not_a_set_done() -> None:
    """Found in tmux: reverse lunges, n after 2.5 s with no rep counted, saved "1 set, 0 reps"."""
    engine, clock = make('title = "t"\n[[steps]]\nname = "Lunges"\nreps = 10\nsides = true\n')
    engine.start()
    run_for(engine, clock, 5 + 2.5)
    assert engine.skip() is None  # ends the left set: nothing counted
    left = engine.result().steps[0].sides[0]
    assert (left.side, left.reps_done, left.sets_done) == (Side.LEFT, 0, 0)


def test_one_back_just_after_a_set_began_by_itself_restarts_that_set() -> None:
    """Walked: one b 2 s into set 2's first lowering (the rest ran straight into it) brought back set 1, a set
    done, to do again; the keys table says the set before comes only when b is pressed again at once."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 30 + 2)
    assert where(engine) == ("Nordic", "lower", 2, 1)
    engine.back()
    assert where(engine) == ("Nordic", "get-ready", 2, None)
    clock.advance(1.0)
    engine.back()  # again at once: the set before
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 12 + 30 + 12 + 5 + 1)  # set 1, its rest, set 2, on into the plank's first second
    assert where(engine) == ("Plank", "hold", 1, 1)
    engine.back()  # one b a second into a step's first set: its start, not the step before
    assert where(engine) == ("Plank", "get-ready", 1, None)
