"""Skip (right or n) in the gap between two holds skips the gap, as it skips a rest, never the set.

Walking sore-day-isometrics in tmux: right pressed in the 5 s gap after the first of five heel digs
ended the set (1 hold of 5 kept) and went to SWITCH SIDES, with "press n again to skip the rest of
Heel dig". The gap is a rest within the set (a pause there goes on with the gap, no time held is
counted in it): skipping it brings a get-ready, then the next hold, as after any rest.
"""

from __future__ import annotations

from hamstride.domain.plan import Phase
from tests.unit.test_held_time import WALL, Watch


def test_skip_in_a_gap_goes_on_to_the_next_hold_after_a_get_ready() -> None:
    watch = Watch(WALL)
    watch.run(5 + 10 + 1)  # 1 s into the gap after the first hold
    gap = watch.engine.current
    assert gap is not None and gap.phase is Phase.RELAX and gap.rep == 1
    assert watch.engine.skip() is None
    ready = watch.engine.tick()
    assert ready.segment is not None and ready.segment.phase is Phase.GET_READY
    watch.run(5.1)
    hold = watch.engine.current
    assert hold is not None and hold.phase is Phase.HOLD and hold.rep == 2 and hold.step_index == 0
    watch.run(300, until_the_next_step=True)
    [side] = watch.engine.result().steps[0].sides
    assert side.reps_done == 5 and side.sets_done == 1  # all five holds, none lost to the skip
    assert abs(watch.held - 50.0) < 0.25
