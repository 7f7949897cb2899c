"""Where `b b` takes the runner, and where the walk goes on when it comes forward again to the sets `b b`
passed (walk14, on the fake clock): one rest, never two in a row; the set before, never a whole step; a set
ended with n stays ended; the screen's "Next" and time left say what will come."""

from __future__ import annotations

from hamstride.domain.engine import Engine
from tests.unit.test_engine import make, run_for, where

# Get-ready 5; three sets of 3 reps x 4 s (lower 2, lift 1, top pause 1) = 12 s, rests of 20 s; then the plank.
THREE = """
title = "Three sets"
[[steps]]
name = "Nordic"
tempo = "2-0-1-1"
reps = 3
sets = 3
rest = 20
eccentric = true
control = true
[[steps]]
name = "Plank"
hold = 20
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
