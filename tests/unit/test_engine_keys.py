"""Issue 21, found by hand in tmux: keys at awkward moments must not lose work or skip a get-ready."""

from __future__ import annotations

from hamstride.domain.engine import Engine
from hamstride.domain.model import Side
from hamstride.domain.plan import Phase, build_timeline
from hamstride.domain.result import StepStatus
from tests.unit.helpers import FakeClock, session
from tests.unit.test_engine import NORDICS, make, run_for, where

# Nordics: get-ready 5, set 1 (2 reps x 6 s = 12), rest 30, set 2 (12), then the plank's get-ready (5), plank 20.

BRIDGE = """
title = "Short"
[[steps]]
name = "Glute bridge, easy"
tempo = "2-0-1-1"
reps = 3
[[steps]]
name = "Plank"
hold = 20
"""

RDL = """
title = "RDL"
[[steps]]
name = "RDL"
tempo = "3-0-1-0"
reps = 2
sides = true
"""


# -- 1. a key meant for the get-ready never ends work that has not started ---------------------------

def test_a_second_n_just_after_passing_the_get_ready_does_not_end_the_set() -> None:
    """Tried in tmux: n during GET READY, n again 0.4 s later: REST, "0 sets, 0 reps, of 3 x 3"."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 2)
    engine.skip()  # the get-ready: lowering starts now
    clock.advance(0.4)
    engine.tick()
    engine.skip()  # meant for the get-ready too
    assert where(engine) == ("Nordic", "lower", 1, 1)
    run_for(engine, clock, 12)
    assert engine.result().steps[0].reps_done == 2


def test_an_n_as_the_work_appears_is_for_the_get_ready_not_the_only_set() -> None:
    """Tried in tmux on "Glute bridge, easy" (one set): n within 0.1 s of the work jumped a step, silently."""
    engine, clock = make(BRIDGE)
    engine.start()
    run_for(engine, clock, 5)
    clock.advance(0.1)
    from hamstride.domain.engine import Refusal

    assert engine.skip() is Refusal.JUST_BEGUN  # the screen says why nothing happened
    assert where(engine)[:3] == ("Glute bridge, easy", "lower", 1)


def test_after_the_first_moments_n_ends_the_set_as_before() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 2)
    engine.skip()
    assert where(engine) == ("Nordic", "rest", 1, None)


def test_n_as_work_follows_a_side_switch_is_for_the_switch() -> None:
    engine, clock = make(RDL)
    engine.start()
    run_for(engine, clock, 5 + 8 + 5)  # left side done, the switch ran out: right side begins
    assert engine.current is not None and engine.current.side is Side.RIGHT
    clock.advance(0.3)
    engine.skip()
    assert engine.current is not None and engine.current.phase is Phase.LOWER


# -- 2. going back keeps every rep and mark counted: a new attempt adds to the set ------------------------

def test_b_b_keeps_a_finished_set_and_its_mark_and_the_new_attempt_adds_to_it() -> None:
    """Tried in tmux: x on rep 2 of set 1, set 1 done; in set 2 `b b`, then `n`: set 1 and its mark were gone."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 6 + 1)
    assert engine.mark_lost_control()  # rep 2
    run_for(engine, clock, 5 + 30 + 2)  # set 1 done, into set 2
    engine.back()
    clock.advance(0.3)
    engine.back()
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    engine.skip()  # past the get-ready: a new attempt at set 1
    nordic = engine.result().steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 2, 1)
    run_for(engine, clock, 8)  # one rep of the new attempt: a third lowering, counted
    assert (engine.result().steps[0].reps_done, engine.result().steps[0].reps_lost_control) == (3, 1)
    engine.finish_early()  # the new attempt is cut short: what it counted stays
    nordic = engine.result().steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 3, 1)


def test_a_finished_new_attempt_adds_to_the_set_and_keeps_its_mark() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 6 + 1)
    engine.mark_lost_control()
    run_for(engine, clock, 5 + 1)  # into the rest after set 1
    engine.back()  # set 1 again, from a get-ready
    run_for(engine, clock, 5 + 12)  # done again, cleanly
    nordic = engine.result().steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 4, 1)
    assert [(d.set, d.reps, d.lost, d.complete) for d in engine.sets_done()] == [(1, 4, (2,), True)]


def test_the_journal_keeps_the_finished_set_while_a_new_attempt_runs() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 1)
    engine.back()
    run_for(engine, clock, 5 + 1)  # a second into the new attempt
    done = {(d.set, d.reps, d.complete) for d in engine.sets_done()}
    assert done == {(1, 2, True)}
    run_for(engine, clock, 5)  # the new attempt's first rep: in the journal at once
    assert {(d.set, d.reps, d.complete) for d in engine.sets_done()} == {(1, 3, True)}


PLANK = """
[[steps]]
name = "Plank"
hold = 20
"""

REDO = """
title = "Redo"
[[steps]]
name = "Nordic"
tempo = "3-0-1-0"
reps = 6
eccentric = true
control = true
"""


def test_a_set_redone_after_b_keeps_the_first_attempts_reps_and_lost_marks() -> None:
    """Four reps, two of them lost (x), b in the fifth, then a redo of all six: the runner lowered ten times
    and fell twice. The record said 6 reps, 0 lost: the week's volume, the next session's dose and the
    "more than a third got away" hold read less than happened. A set redone counts once as a set."""
    engine, clock = make(REDO)
    engine.start()
    run_for(engine, clock, 5 + 1)
    assert engine.mark_lost_control()  # rep 1
    run_for(engine, clock, 4 + 4)
    assert engine.mark_lost_control()  # rep 3
    run_for(engine, clock, 4 + 4 + 1)  # reps 3 and 4 counted, a second into the fifth
    engine.back()
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 6 * 4)  # the redo, all six, cleanly
    result = engine.result()
    nordic = result.steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control, nordic.status) == \
        (1, 10, 2, StepStatus.DONE)
    assert result.completed and result.eccentric_reps == 10
    assert [(d.reps, d.lost, d.complete) for d in engine.sets_done()] == [(10, (1, 3), True)]


def test_a_late_x_after_a_redo_marks_the_redos_rep() -> None:
    """x a moment after the redo's last rep marks that rep, the set's twelfth: not the first attempt's rep 6
    again (a mark the set already held, or one on a rep of another attempt)."""
    engine, clock = make(REDO + PLANK)
    engine.start()
    run_for(engine, clock, 5 + 6 * 4)  # six clean reps: the plank's get-ready
    assert where(engine) == ("Plank", "get-ready", 1, None)
    engine.back()
    clock.advance(0.3)
    engine.back()  # at once: the step before, the Nordics again
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 6 * 4 + 1)  # six more, and a second into the plank's get-ready
    assert engine.mark_lost_control() is not None  # meant for the rep that just ended
    nordic = engine.result().steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 12, 1)
    assert [(d.step, d.lost) for d in engine.sets_done()] == [(0, (12,))]


def test_a_late_x_after_b_cut_a_redos_first_rep_marks_nothing() -> None:
    """b two seconds into a redo's first lowering, x a moment later: the rep left was the redo's, never
    counted; it marked rep 1 of the first go, a rep done cleanly an attempt ago."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 1)  # set 1 done, cleanly: into the rest
    engine.back()
    run_for(engine, clock, 5 + 2)  # the redo, two seconds into its first lowering
    engine.back()
    clock.advance(0.5)
    assert engine.mark_lost_control() is None
    nordic = engine.result().steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 2, 0)


def test_an_attempt_left_with_b_keeps_what_it_counted() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 1)
    engine.mark_lost_control()  # rep 1
    run_for(engine, clock, 5 + 2)  # rep 1 done, into rep 2
    engine.skip()  # set 1 ends with one rep, marked
    engine.back()  # set 1 again
    run_for(engine, clock, 5 + 6 + 2)  # one clean rep of the new attempt, into its second
    engine.back()  # left: its clean rep stays
    nordic = engine.result().steps[0]
    assert (nordic.sets_done, nordic.reps_done, nordic.reps_lost_control) == (1, 2, 1)


# -- 4. skips are "skipped" ----------------------------------------------------------------------------

def test_a_step_passed_over_with_n_n_is_skipped_not_partial() -> None:
    """Tried in tmux: "Easy partial Nordics: 0 sets, 0 reps, partly done"."""
    engine, clock = make()
    engine.start()
    engine.skip()  # the get-ready
    run_for(engine, clock, 2)
    engine.skip()  # ends set 1 with nothing done
    clock.advance(1.0)  # "press n again to skip the rest of Nordic" read
    engine.skip()  # and the rest of the step
    assert where(engine) == ("Plank", "get-ready", 1, None)
    run_for(engine, clock, 5 + 20)
    result = engine.result()
    assert [s.status for s in result.steps] == [StepStatus.SKIPPED, StepStatus.DONE]
    assert result.steps[0].sets_done == 0 and not result.completed


def test_quitting_before_a_step_leaves_it_not_reached() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 30 + 12 + 1)  # the plank's get-ready
    engine.finish_early()
    assert [s.status for s in engine.result().steps] == [StepStatus.DONE, StepStatus.NOT_REACHED]


# -- 5. every return to work starts with a get-ready ---------------------------------------------------

def test_n_during_a_side_switch_brings_a_get_ready_not_the_lowering() -> None:
    """Tried in tmux: n during SWITCH SIDES dropped straight into LOWER on the right."""
    engine, clock = make(RDL)
    engine.start()
    run_for(engine, clock, 5 + 8 + 1)
    assert engine.current is not None and engine.current.phase is Phase.SWITCH_SIDE
    engine.skip()
    snap = engine.tick()
    assert snap.segment is not None and (snap.segment.phase, snap.segment.side) == (Phase.GET_READY, Side.RIGHT)
    run_for(engine, clock, 5)
    assert engine.current is not None and (engine.current.phase, engine.current.rep) == (Phase.LOWER, 1)


def test_space_after_a_pause_mid_lowering_brings_a_get_ready_then_the_rep_again() -> None:
    """Tried in tmux: space after a pause resumed mid-LOWER."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 6 + 2)  # rep 2, two seconds into the lowering
    engine.pause()
    clock.advance(40)
    engine.resume()
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY and snap.remaining == 5.0
    assert snap.upcoming is not None and (snap.upcoming.phase, snap.upcoming.rep) == (Phase.LOWER, 2)
    run_for(engine, clock, 5)
    assert where(engine) == ("Nordic", "lower", 1, 2) and engine.tick().remaining == 5.0
    run_for(engine, clock, 6)
    nordic = engine.result().steps[0]
    assert (nordic.reps_done, nordic.status, nordic.active_seconds) == (2, StepStatus.PARTIAL, 14.0)
    assert engine.result().elapsed_seconds == 5 + 6 + 2 + 5 + 6


def test_space_after_the_laptop_slept_brings_a_get_ready() -> None:
    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDICS)), clock=clock, max_gap=2.5)
    engine.start()
    run_for(engine, clock, 5 + 3)
    clock.advance(300)
    assert engine.tick().slept == 300
    engine.resume()
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5)
    assert where(engine) == ("Nordic", "lower", 1, 1) and engine.tick().remaining == 5.0


def test_space_after_a_pause_in_a_rest_goes_on_with_the_rest() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 10)
    engine.pause()
    clock.advance(30)
    engine.resume()
    snap = engine.tick()
    assert where(engine) == ("Nordic", "rest", 1, None) and snap.remaining == 20.0


# -- 8. the header's time after a resume is the session's time ----------------------------------------

def test_a_resumed_run_counts_the_time_before_the_crash() -> None:
    """Tried in tmux: after a resume the header restarted at 0:02 while the summary added the time before."""
    from hamstride.domain.progress import Position

    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDICS)), clock=clock, elapsed_before=47.0)
    engine.start(Position(0, 2, None))
    run_for(engine, clock, 2)
    assert engine.tick().elapsed == 49.0 and engine.result().elapsed_seconds == 49.0


# -- found by the state machine (tests/unit/test_engine_machine.py), kept as plain tests ---------------

def test_a_mark_on_a_rep_cut_short_keeps_the_rep_it_marks() -> None:
    """n, x, b at one instant: x marked rep 1, b cut the rep. The journal had kept a set with 0 reps and 1
    lost; a mark never stands without its rep. A rep marked lost is a rep done however it ends (the runner
    says it fell: the heaviest eccentric load), so the set keeps one rep, lost, rather than dropping both."""
    engine, _ = make()
    engine.start()
    engine.skip()
    assert engine.mark_lost_control()
    engine.back()
    assert [(s.set, s.reps, s.lost) for s in engine.sets_done()] == [(1, 1, (1,))]
    assert engine.result().steps[0].reps_lost_control == 1


def test_the_built_in_glute_bridge_keeps_its_only_set_when_n_lands_as_lift_appears() -> None:
    """The issue's own case: `late-week-short`, "Glute bridge, easy" (one set, lifting first)."""
    from tests.unit.test_coach import SESSIONS

    clock = FakeClock()
    engine = Engine(build_timeline(SESSIONS["late-week-short"]), clock=clock, max_gap=2.5)
    engine.start(1)  # the bridge's get-ready
    run_for(engine, clock, 5)
    assert where(engine)[:2] == ("Glute bridge, easy", "lift")
    clock.advance(0.1)
    engine.skip()
    assert where(engine)[:3] == ("Glute bridge, easy", "lift", 1)


def test_two_quick_taps_straddling_the_guard_do_not_end_the_set() -> None:
    """Found in review: n n 0.4 s apart as the get-ready ended; the first was refused, the second ended
    the only set at 0 reps. Taps that quick are one burst meant for the get-ready."""
    from hamstride.domain.engine import Refusal

    engine, clock = make(BRIDGE)
    engine.start()
    run_for(engine, clock, 5)
    clock.advance(1.2)
    engine.tick()
    assert engine.skip() is Refusal.JUST_BEGUN
    clock.advance(0.4)  # now past the guard, but part of the same burst
    engine.tick()
    assert engine.skip() is Refusal.JUST_BEGUN
    assert where(engine)[:3] == ("Glute bridge, easy", "lower", 1)
    clock.advance(1.5)  # a moment later, an n on its own ends the set as it always did
    engine.tick()
    assert engine.skip() is None
    assert where(engine)[0] != "Glute bridge, easy" or where(engine)[1] != "lower"


# -- found walking the installed app: space in a get-ready, or at the end of a rest -----------------------

def test_space_after_a_pause_in_a_get_ready_gives_the_whole_get_ready_again() -> None:
    """Tried in tmux: space 4 s into a 5 s get-ready, space again: the lowering began 1 s later, the runner
    still at the laptop where the pause was pressed."""
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 4.5)
    engine.pause()
    clock.advance(20)
    engine.resume()
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY and snap.remaining == 5.0
    run_for(engine, clock, 4.5)
    assert where(engine)[1] == "get-ready"
    run_for(engine, clock, 0.5)
    assert where(engine) == ("Nordic", "lower", 1, 1)
    assert engine.result().elapsed_seconds == 4.5 + 5  # the paused time does not count; the get-ready's does


def test_space_after_a_pause_at_the_end_of_a_rest_brings_a_get_ready_before_the_work() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 12 + 28)  # 2 s of the 30 s rest left
    engine.pause()
    clock.advance(20)
    engine.resume()
    snap = engine.tick()
    assert snap.segment is not None and snap.segment.phase is Phase.GET_READY and snap.remaining == 5.0
    assert snap.upcoming is not None and (snap.upcoming.phase, snap.upcoming.set, snap.upcoming.rep) == \
        (Phase.LOWER, 2, 1)
    run_for(engine, clock, 5)
    assert where(engine) == ("Nordic", "lower", 2, 1)
    run_for(engine, clock, 12)
    nordic = engine.result().steps[0]
    assert (nordic.sides[0].sets_done, nordic.reps_done) == (2, 4)
