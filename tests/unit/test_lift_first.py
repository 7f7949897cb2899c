"""A bridge starts lying on the floor: its reps lift first; a walk-out says OUT and IN. The tempo notation is unchanged."""

from __future__ import annotations

import pytest

from hamstride import locations
from hamstride.domain.errors import SessionFileError
from hamstride.domain.model import Session
from hamstride.domain.phase import Phase
from hamstride.domain.plan import build_timeline
from hamstride.storage.library import load_library
from hamstride.ui.labels import phase_word
from tests.unit.helpers import session


def _work(text: str) -> list[tuple[str, float]]:
    timeline = build_timeline(session(text))
    return [(phase_word(s), s.duration) for s in timeline.segments
            if s.rep == 1 and s.phase in (Phase.LOWER, Phase.LIFT, Phase.PAUSE) and s.duration]


def test_a_bridge_that_starts_at_the_bottom_lifts_first() -> None:
    text = 'title = "t"\n[[steps]]\nname = "Glute bridge"\ntempo = "2-0-1-1"\nreps = 2\nstarts = "bottom"\n'
    assert _work(text) == [("LIFT", 1.0), ("PAUSE", 1.0), ("LOWER", 2.0)]
    assert session(text).steps[0].kind.notation(session(text).steps[0]) == "2-0-1-1"


def test_a_rep_starts_at_the_top_unless_the_file_says_otherwise() -> None:
    text = 'title = "t"\n[[steps]]\nname = "Nordic"\ntempo = "4-0-1-2"\nreps = 2\n'
    assert _work(text) == [("LOWER", 4.0), ("LIFT", 1.0), ("PAUSE", 2.0)]


def test_a_walk_out_names_its_phases() -> None:
    text = ('title = "t"\n[[steps]]\nname = "Walk-out"\ntempo = "5-0-2-3"\nreps = 2\n'
            'phases = { lower = "out", lift = "In" }\n')
    assert _work(text) == [("OUT", 5.0), ("IN", 2.0), ("PAUSE", 3.0)]


@pytest.mark.parametrize(("line", "message"), [
    ('starts = "middle"', "starts"),
    ('phases = "OUT"', "phases"),
    ('phases = { lower = "" }', "phases.lower"),
    ('phases = { down = "OUT" }', "phases.down"),
])
def test_bad_starts_and_phases_name_their_key(line: str, message: str) -> None:
    text = f'title = "t"\n[[steps]]\nname = "Bridge"\ntempo = "2-0-1-1"\nreps = 2\n{line}\n'
    with pytest.raises(SessionFileError) as caught:
        session(text)
    assert any(message in str(problem) for problem in caught.value.problems)


def _built_in_steps() -> list[Session]:
    """Each step of each built-in session, as a session of that one step."""
    library = load_library(locations.builtin_sessions(), None)
    return [e.session._replace(steps=(step,)) for e in library.entries if e.session is not None
            for step in e.session.steps]


def test_the_built_in_bridges_lift_first_and_the_walk_out_says_out_and_in() -> None:
    steps = _built_in_steps()
    bridges = [s for s in steps if any(w in s.steps[0].name.lower() for w in ("glute bridge", "hip thrust"))]
    assert bridges
    for one in bridges:
        first = next(seg for seg in build_timeline(one).segments if seg.phase in (Phase.LOWER, Phase.LIFT))
        assert first.phase is Phase.LIFT, one.steps[0].name
    walk_outs = [s for s in steps if "walk-out" in s.steps[0].name.lower()]
    assert walk_outs
    for one in walk_outs:
        words = {seg.phase: phase_word(seg) for seg in build_timeline(one).segments}
        assert words[Phase.OUT] == "OUT" and words[Phase.IN] == "IN", one.steps[0].name
