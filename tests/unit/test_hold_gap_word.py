"""The gap between two holds is named for what the runner does in it, never "PAUSE".

Seen walking the app from the mat: every gap showed PAUSE in block letters and "Next: Pause", and a
paused run shows PAUSED in the same letters; from 2 m the two differ by one letter, so a runner in
a gap could not tell whether the app was waiting for space or counting down to the next hold.
"""

from __future__ import annotations

from hamstride.domain.cues import CueKind
from hamstride.domain.plan import Phase, build_timeline
from hamstride.ui.labels import phase_word
from tests.unit.helpers import session
from tests.unit.test_held_time import WALL


def test_a_gap_between_holds_says_relax_and_the_hold_says_hold() -> None:
    timeline = build_timeline(session(WALL))
    words = {phase_word(s) for s in timeline.segments if s.step_index == 0 and not s.is_transition}
    gap = [s for s in timeline.segments if s.step_index == 0 and s.phase is Phase.RELAX]
    assert gap, "the wall holds have gaps"
    assert words == {"HOLD", "RELAX"}
    assert all(CueKind.RELAX in {c.kind for c in s.cues} for s in gap), "the voice says what the screen says"
    assert all(not "PAUSED".startswith(phase_word(s)) for s in gap)
