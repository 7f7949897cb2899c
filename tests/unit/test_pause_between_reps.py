"""Tempo reps have no gap between them: a pause anywhere in a rep, its top pause too, was a pause in that rep.

A rep counts once its lowering is done (the eccentric work); a pause in its lowering does it again from its
start after a get-ready (the runner left the position), a pause after it (the lift, the top pause) goes on at
the next rep: a lowering is never done twice for one rep counted, nor a rep counted twice.
"""

from __future__ import annotations

from hamstride.domain.engine import Engine
from hamstride.domain.plan import Phase, build_timeline
from tests.unit.helpers import FakeClock, session

# Each rep: lower 3 s, lift 1 s, 2 s at the top (the rep's last phase: the next rep's lowering follows).
NORDIC = 'title = "Top pause"\n[[steps]]\nname = "Nordic"\ntempo = "3-0-1-2"\nreps = 3\n[[steps]]\nname = "Plank"\nhold = 20\n'


def test_the_top_pause_of_a_tempo_rep_is_part_of_the_rep_not_a_gap_after_it() -> None:
    timeline = build_timeline(session(NORDIC))
    work = [s for s in timeline.segments if s.step_index == 0 and not s.is_transition]
    assert [(s.phase, s.rep, s.ends_rep) for s in work[:3]] == [
        (Phase.LOWER, 1, False), (Phase.LIFT, 1, False), (Phase.PAUSE, 1, True)]
    assert all(s.phase not in s.step.kind.resting for s in work)


def test_a_pause_in_the_top_pause_goes_on_at_the_next_rep_and_counts_the_rep_once() -> None:
    """Walked (walk14): a pause in the top pause gave the rep again, its lowering too: four lowerings, three in
    the record. Its lowering was done: the rep counts, and going on brings a get-ready, then rep 2."""
    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDIC)), clock=clock)
    engine.start()
    for _ in range(round((5 + 3 + 1 + 1) / 0.1)):  # get-ready, lower, lift, 1 s at the top of rep 1
        clock.advance(0.1)
        engine.tick()
    top = engine.current
    assert top is not None and top.phase is Phase.PAUSE and top.rep == 1
    engine.pause()
    clock.advance(30)
    engine.resume()
    lowered = 0.0
    for _ in range(600):
        segment = engine.current
        if segment is None or segment.step_index > 0:
            break
        clock.advance(0.1)
        if segment.phase is Phase.LOWER:
            lowered += 0.1
        engine.tick()
    [side] = engine.result().steps[0].sides
    assert side.reps_done == 3 and side.sets_done == 1  # rep 1, then 2 and 3: three counted
    assert abs(lowered - 6.0) < 0.15  # after the pause: reps 2 and 3, not rep 1's lowering again
