"""Bridges move as the body does: lift into the bridge, take the heels out (the eccentric
work), bring them in, come down, breathe. Each phase has its own word and its own sound."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hamstride import locations
from hamstride.domain.cues import CueKind
from hamstride.domain.errors import SessionFileError
from hamstride.domain.model import Session
from hamstride.domain.phase import Phase
from hamstride.domain.plan import TRANSITIONS, Segment, build_timeline
from hamstride.storage.loader import load_session
from hamstride.ui.labels import phase_word
from tests.unit.helpers import session

ROOT = Path(__file__).parents[2]
WALK_OUT = [Phase.LIFT, Phase.OUT, Phase.IN, Phase.LOWER, Phase.PAUSE]
SINGLE_LEG = [Phase.LIFT, Phase.OUT, Phase.IN, Phase.PAUSE]


def _voice_words() -> dict[str, str]:
    """What each cue's voice clip says, from the script that renders them."""
    spec = importlib.util.spec_from_file_location("make_sounds", ROOT / "scripts" / "make_sounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.VOICE)


def _late_week() -> Session:
    return load_session(locations.builtin_sessions() / "late-week-short.toml")


def _reps(timeline_segments: tuple[Segment, ...], step_index: int) -> list[list[Segment]]:
    """Each rep of a step as its work segments in order, set by set and side by side."""
    reps: list[list[Segment]] = []
    for segment in timeline_segments:
        if segment.step_index != step_index or segment.phase in TRANSITIONS:
            continue
        if not reps or segment.rep != reps[-1][0].rep or (segment.set, segment.side) != (reps[-1][0].set,
                                                                                             reps[-1][0].side):
            reps.append([])
        reps[-1].append(segment)
    return reps


@pytest.mark.parametrize(("name", "order"), [("Eccentric bridge walk-out", WALK_OUT),
                                             ("Single-leg eccentric bridge", SINGLE_LEG)])
def test_every_rep_of_a_built_in_bridge_moves_in_the_bodys_order(name: str, order: list[Phase]) -> None:
    plan = _late_week()
    index = next(i for i, step in enumerate(plan.steps) if step.name == name)
    timeline = build_timeline(plan)
    reps = _reps(timeline.segments, index)
    assert len(reps) == plan.steps[index].sets * plan.steps[index].reps * (2 if plan.steps[index].sides else 1)
    for rep in reps:
        assert [s.phase for s in rep] == order, f"{name}, set {rep[0].set}, rep {rep[0].rep}"
        # Nothing but the lift into the bridge may follow a get-ready, a rest or the breath between reps.
        before = timeline.segments[rep[0].position - 1]
        assert before.phase in (Phase.GET_READY, Phase.REST, Phase.SWITCH_SIDE, Phase.PAUSE)
    words = [phase_word(s) for s in reps[0]]
    assert "LOWER" not in words[:words.index("OUT") + 1], "the heels go out; nothing is lowered before they do"


def test_each_bridge_phase_is_cued_by_its_own_sound_saying_its_word() -> None:
    plan = _late_week()
    voice = _voice_words()
    spoken = {"LIFT": "up"}  # the lift has always said "up"
    bridges = {i for i, step in enumerate(plan.steps) if "eccentric bridge" in step.name.lower()}
    for segment in build_timeline(plan).segments:
        if segment.step_index not in bridges or segment.phase in TRANSITIONS:
            continue
        start = segment.cues[0]
        assert start.at == 0.0 and start.kind.value == segment.phase.value
        word = phase_word(segment)
        assert voice[start.kind.value] == spoken.get(word, word.lower()), (word, start.kind)
        for folder in (locations.sounds(), locations.sounds() / "voice"):
            assert (folder / f"{start.kind.value}.wav").is_file()


def test_the_heels_going_out_are_counted_each_second_like_a_lowering() -> None:
    step = ('title = "t"\n[[steps]]\nname = "Walk-out"\nreps = 1\n'
            'moves = ["lift 1", "out 5", "in 2", "lower 1", "pause 3"]\n')
    out = next(s for s in build_timeline(session(step)).segments if s.phase is Phase.OUT)
    assert [c.number for c in out.cues if c.kind is CueKind.TICK] == [1, 2, 3, 4]


def test_moves_are_read_in_order_and_named_by_the_kind() -> None:
    step = session('title = "t"\n[[steps]]\nname = "Walk-out"\nreps = 3\n'
                   'moves = ["lift 1", "out 5", "in 2", "lower 1.5", "pause 3"]\n').steps[0]
    assert step.kind.name == "tempo"
    assert step.work_seconds() == 3 * 12.5
    assert step.kind.notation(step) == "lift 1, out 5, in 2, lower 1.5, pause 3"


@pytest.mark.parametrize(("line", "key", "says"), [
    ('moves = "lift 1, out 5"', "moves", "expected a list"),
    ('moves = []', "moves", "is empty"),
    ('moves = ["lift 1", "walk 5"]', "moves", "'walk 5' is not a move"),
    ('moves = ["lift 1", "out five"]', "moves", "'out five' is not a move"),
    ('moves = ["lift 1", "pause 3"]', "moves", "no lowering"),
    ('moves = ["lift 1", "out 0.2"]', "moves", "too short to follow"),
    ('moves = ["out 5"]\ntempo = "5-0-1-0"', "moves", "either"),
    ('moves = ["out 5"]\nstarts = "bottom"', "starts", "the moves give the order"),
])
def test_bad_moves_name_their_key(line: str, key: str, says: str) -> None:
    with pytest.raises(SessionFileError) as caught:
        session(f'title = "t"\n[[steps]]\nname = "Bridge"\nreps = 2\n{line}\n')
    assert any(f"key '{key}'" in str(p) and says in str(p) for p in caught.value.problems), caught.value
