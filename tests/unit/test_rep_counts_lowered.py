"""A tempo rep counts once its lowering is done (walk14, on the fake clock): n, b, q, a crash or a pause in its
lift or top pause keeps it, and going on gives the next rep. It counted only when its top pause ended: the
runner lowered once more than the record said (an unrecorded Nordic lowering). A rep cut short in its
lowering still does not count: nothing is credited that was not done."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_engine import make, run_for, where
from tests.unit.test_reps_kept import _crash, _resume
from tests.unit.test_walk_back import nordics_then_plank, reps_by_set

NORDIC = nordics_then_plank(2)  # two sets of 3 reps, 4 s a rep (lower 2, lift 1, top pause 1), rest 20


@pytest.mark.parametrize("seconds", [4 + 2.5, 4 + 3.5])  # rep 2's lift, rep 2's top pause
@pytest.mark.parametrize("key", ["n", "b", "q"])
def test_a_rep_lowered_whole_counts_however_its_lift_is_cut_short(key: str, seconds: float) -> None:
    engine, clock = make(NORDIC)
    engine.start()
    run_for(engine, clock, 5 + seconds)
    assert where(engine)[2:] == (1, 2) and where(engine)[1] != "lower"
    clock.advance(0.2)
    {"n": engine.skip, "b": engine.back, "q": engine.finish_early}[key]()
    assert reps_by_set(engine) == [(1, 2)]


def test_a_rep_cut_short_in_its_lowering_does_not_count() -> None:
    engine, clock = make(NORDIC)
    engine.start()
    run_for(engine, clock, 5 + 4 + 1.5)  # rep 1, 1.5 s into rep 2's lowering
    engine.skip()
    assert reps_by_set(engine) == [(1, 1)]


def test_a_pause_in_the_lift_goes_on_at_the_next_rep() -> None:
    engine, clock = make(NORDIC)
    engine.start()
    run_for(engine, clock, 5 + 4 + 2.5)  # rep 2's lift
    engine.pause()
    clock.advance(30)
    engine.resume()
    assert where(engine) == ("Nordic", "get-ready", 1, None)
    run_for(engine, clock, 5 + 0.5)
    assert where(engine) == ("Nordic", "lower", 1, 3)
    run_for(engine, clock, 4)  # rep 3, into the rest
    assert reps_by_set(engine) == [(1, 3)]


def test_a_crash_in_the_lift_keeps_the_rep_and_resumes_at_the_next(tmp_path: Path) -> None:
    store = _crash(tmp_path, NORDIC, 5 + 4 + 2.5)  # rep 2's lift, then the laptop dies
    [journal], _ = store.journals.orphans(set())
    assert [(s.set, s.reps) for s in journal.sets] == [(1, 2)]
    resumed, clock = _resume(store, NORDIC)
    run_for(resumed, clock, 5 + 0.5)
    assert where(resumed) == ("Nordic", "lower", 1, 3)
