"""Where `b b` takes the runner, and where the walk goes on when it comes forward again to the sets `b b`
passed (walk14, on the fake clock): one rest, never two in a row; the set before, never a whole step; a set
ended with n stays ended; the screen's "Next" and time left say what will come."""

from __future__ import annotations

from hamstride.domain.engine import Engine
from hamstride.domain.model import Side
from tests.unit.test_engine import make, run_for, where


def nordics_then_plank(sets: int) -> str:
    """Get-ready 5; sets of 3 reps x 4 s (lower 2, lift 1, top pause 1) = 12 s, rests of 20 s; then the plank."""
    return f"""
title = "Nordics"
[[steps]]
name = "Nordic"
tempo = "2-0-1-1"
reps = 3
sets = {sets}
rest = 20
eccentric = true
control = true
[[steps]]
name = "Plank"
hold = 20
"""


THREE = nordics_then_plank(3)

# Single-leg RDL, 2 sets of 2 reps a side (3-0-1-0: 4 s a rep), then the Nordics.
SIDES_THEN_NORDIC = """
title = "Sides, then Nordics"
[[steps]]
name = "RDL"
tempo = "3-0-1-0"
reps = 2
sets = 2
rest = 10
sides = true
[[steps]]
name = "Nordic"
tempo = "2-0-1-1"
reps = 3
sets = 2
rest = 20
eccentric = true
control = true
"""


def reps_by_set(engine: Engine, step: int = 0) -> list[tuple[int, int]]:
    return [(s.set, s.reps) for s in engine.sets_done() if s.step == step]


def back_back(engine: Engine, clock: object, times: int = 2) -> None:
    for press in range(times):
        if press:
            clock.advance(0.2)  # type: ignore[attr-defined]
        engine.back()


def test_after_b_b_and_a_set_redone_the_set_done_whole_is_passed_with_one_rest() -> None:
    """Walked (walk14): sets 1 and 2 whole, `b b b` a second into set 3, set 1 redone: then its rest ("then Set
    2/3"), then a second rest (set 2's), then set 3: 40 s of rest where the plan has 20. A set done whole that the
    walk passes over takes its rest with it: one rest, a get-ready, then set 3."""
    engine, clock = make(THREE)
    engine.start()
    run_for(engine, clock, 5 + 12 + 20 + 12 + 20 + 1)
    assert where(engine) == ("Nordic", "lower", 3, 1)
    back_back(engine, clock, 3)
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 12 + 1)
    assert where(engine) == ("Nordic", "rest", 1, None)
    run_for(engine, clock, 20)  # the rest, and a second into what follows it
    assert where(engine) == ("Nordic", "get-ready", 3, None), where(engine)
    run_for(engine, clock, 5 + 12)
    assert where(engine)[0] == "Plank"
    assert reps_by_set(engine) == [(1, 6), (2, 3), (3, 3)]


def test_b_b_from_a_steps_first_set_goes_to_the_step_befores_last_set() -> None:
    """Walked (walk14): `b b` in the plank's first hold went back to the Nordics' set 1, then passed sets 2 and 3
    as done. Everywhere else `b b` is the set before: from a step's first set, the step before's last set (fewer
    eccentric reps redone than its first set and a walk through the rest)."""
    engine, clock = make(THREE)
    engine.start()
    run_for(engine, clock, 5 + 3 * 12 + 2 * 20 + 5 + 2)  # the Nordics whole, 2 s into the plank's hold
    assert where(engine) == ("Plank", "hold", 1, 1)
    back_back(engine, clock)
    assert where(engine) == ("Nordic", "get-ready", 3, None)
    run_for(engine, clock, 5 + 12 + 1)  # set 3 again: then the plank's get-ready
    assert where(engine) == ("Plank", "get-ready", 1, None)
    assert reps_by_set(engine) == [(1, 3), (2, 3), (3, 6)]


def test_b_b_from_a_steps_first_set_goes_to_the_last_sides_last_set_of_a_per_side_step() -> None:
    """For a per-side step before it, the set before is its last side's last set (from its side switch)."""
    engine, clock = make(SIDES_THEN_NORDIC)
    engine.start()
    run_for(engine, clock, 5 + 8 + 5 + 8 + 10 + 8 + 5 + 8 + 5 + 1)  # the RDLs, 1 s into the first Nordic
    assert where(engine) == ("Nordic", "lower", 1, 1)
    back_back(engine, clock)
    segment = engine.current
    assert segment is not None and (where(engine), segment.side) == (("RDL", "switch-side", 2, None), Side.RIGHT)
    run_for(engine, clock, 5 + 8 + 1)  # the switch and the right side's last set: on to the Nordics
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    assert [(s.set, s.side, s.reps) for s in engine.sets_done() if s.step == 0][-1] == (2, Side.RIGHT, 4)


def test_a_set_ended_with_n_is_passed_when_the_walk_comes_to_it_again() -> None:
    """Walked (walk14): n in set 2 after a rep (the set ends), set 3 begun, `b b b`: set 1 redone, then the walk
    went on in set 2 at rep 2, the reps the runner chose to skip. A set ended with n stays ended: passed, as done
    (its rep stays), and the walk goes on to set 3."""
    engine, clock = make(THREE)
    engine.start()
    run_for(engine, clock, 5 + 12 + 20 + 4 + 1)  # set 1, its rest, rep 1 of set 2, into rep 2
    engine.skip()  # n: set 2 ends
    run_for(engine, clock, 20 + 4 + 1)  # set 2's rest, a rep of set 3
    assert where(engine) == ("Nordic", "lower", 3, 2)
    back_back(engine, clock, 3)
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 12 + 20 + 5 + 0.5)  # set 1 again, its rest, a get-ready: on in set 3
    assert where(engine) == ("Nordic", "lower", 3, 2), where(engine)
    run_for(engine, clock, 8)
    assert reps_by_set(engine) == [(1, 6), (2, 1), (3, 3)]


def test_the_rest_before_a_set_left_part_done_says_its_next_rep_and_time() -> None:
    """Walked (walk14): set 1 whole, 2 reps of set 3... the rest before a set `b b` left part done said "Next:
    Lower, Rep 1/3, Set 2/3" and counted its whole time, though the set goes on at rep 3. Next says the rep that
    comes, and the time left counts only what will be walked (a get-ready, then the reps left)."""
    engine, clock = make(THREE)
    engine.start()
    run_for(engine, clock, 5 + 12 + 20 + 2 * 4 + 1)  # set 1, its rest, 2 reps of set 2, 1 s into rep 3
    back_back(engine, clock)
    run_for(engine, clock, 5 + 12 + 2)  # set 1 again: 2 s into its rest
    snap = engine.tick()
    assert where(engine) == ("Nordic", "rest", 1, None)
    assert snap.upcoming is not None and (snap.upcoming.set, snap.upcoming.rep) == (2, 3)
    expected = 18 + 5 + 4 + 20 + 12 + 5 + 20  # the rest, a get-ready, rep 3, the rest, set 3, the plank's
    assert abs(snap.remaining_total - expected) < 1e-6, snap.remaining_total
    run_for(engine, clock, 18 + 5 + 1)
    assert where(engine) == ("Nordic", "lower", 2, 3)


def test_the_rest_before_a_set_passed_over_says_the_set_that_comes() -> None:
    """After `b b b` and set 1 again, its rest's "Next" says set 3 (set 2 was done whole), and the time left
    counts set 3 after a get-ready, not set 2 and its rest too."""
    engine, clock = make(THREE)
    engine.start()
    run_for(engine, clock, 5 + 12 + 20 + 12 + 20 + 1)
    back_back(engine, clock, 3)
    run_for(engine, clock, 5 + 11.5)  # the redo's last top pause: "Next: rest 0:20, then Set 3/3"
    snap = engine.tick()
    assert where(engine) == ("Nordic", "pause", 1, 3)
    assert snap.upcoming is not None and (snap.upcoming.set, snap.upcoming.rep) == (3, 1)
    run_for(engine, clock, 0.5 + 2)
    snap = engine.tick()
    assert snap.upcoming is not None and (snap.upcoming.set, snap.upcoming.rep) == (3, 1)
    expected = 18 + 5 + 12 + 5 + 20
    assert abs(snap.remaining_total - expected) < 1e-6, snap.remaining_total
