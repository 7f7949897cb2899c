"""The registry of step kinds: the only list of them, and what each kind says about itself."""

from __future__ import annotations

import pytest

from hamstride.domain import kinds
from hamstride.domain.phase import Action
from hamstride.domain.plan import build_timeline
from hamstride.storage.loader import step_keys, week_keys
from hamstride.ui.labels import counters, phase_word
from tests.unit.helpers import session

# One small step of each kind, as a runner would write it.
EXAMPLES = {
    "timed": 'name = "Jog"\nduration = 30',
    "hold": 'name = "Plank"\nhold = 20\nreps = 2',
    "tempo": 'name = "Nordic"\ntempo = "5-1-X-1"\nreps = 3\nsets = 2\ncontrol = true',
    "reps": 'name = "Lunges"\nreps = 6\nsides = true',
    "pnf": 'name = "Stretch"\nkind = "pnf"',
    "rest": 'name = "Breathe"\nkind = "rest"\nduration = 30',
}


def _step(kind: str) -> str:
    return f'title = "t"\n[[steps]]\n{EXAMPLES[kind]}\n'


def test_the_registry_lists_each_kind_once_by_a_unique_name() -> None:
    names = [kind.name for kind in kinds.KINDS]
    assert len(set(names)) == len(names) == len(set(map(id, kinds.KINDS)))
    assert sorted(EXAMPLES) == sorted(names), "give the new kind an example above"
    for kind in kinds.KINDS:
        assert kinds.by_name(kind.name) is kind


def test_a_name_no_kind_has_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'pfn' is not a kind of step"):
        kinds.by_name("pfn")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_kind_reads_plans_and_words_its_own_steps(name: str) -> None:
    step = session(_step(name)).steps[0]
    assert step.kind is kinds.by_name(name)
    timeline = build_timeline(session(_step(name)))
    work = [s for s in timeline.segments if not s.is_transition]
    assert work or step.kind.is_break
    for segment in timeline.segments:
        assert phase_word(segment)  # every phase the kind plans has a word on screen
        counters(segment)
    assert step.dose() and step.planned_seconds() > 0


def test_keys_a_file_may_write_come_from_the_kinds() -> None:
    for kind in kinds.KINDS:
        assert set(kind.keys) <= set(step_keys())
        assert set(kind.week_keys) <= set(kind.keys) & set(week_keys())


@pytest.mark.parametrize(("keys", "expected"), [
    ('reps = 8', "reps"),
    ('reps = 8\ntempo = "3-1-1-0"', "tempo"),
    ('hold = 20\nreps = 2', "hold"),
    ('duration = 30', "timed"),
    ('kind = "rest"\nduration = 30', "rest"),
])
def test_the_kind_a_step_is_follows_from_its_keys(keys: str, expected: str) -> None:
    step = session(f'title = "t"\n[[steps]]\nname = "S"\n{keys}\n').steps[0]
    assert step.kind is kinds.by_name(expected)


def test_only_self_paced_work_is_counted_and_only_tempo_reps_lose_control() -> None:
    for name in EXAMPLES:
        timeline = build_timeline(session(_step(name)))
        work = [s for s in timeline.segments if not s.is_transition]
        counted = {s.allows(Action.COUNT_REP) for s in work}
        lost = {s.allows(Action.LOST_CONTROL) for s in work}
        assert counted <= {name == "reps"}
        assert lost <= {name == "tempo"}
        assert all(not s.allows(action) for s in timeline.segments if s.is_transition for action in Action)


def test_x_is_offered_only_where_the_file_says_control_can_be_lost() -> None:
    from hamstride.domain.errors import SessionFileError

    bridge = build_timeline(session('title = "t"\n[[steps]]\nname = "Bridge"\ntempo = "2-0-1-1"\nreps = 5\n'))
    assert not any(s.allows(Action.LOST_CONTROL) for s in bridge.segments)
    with pytest.raises(SessionFileError) as raised:
        session('title = "t"\n[[steps]]\nname = "Plank"\nhold = 20\ncontrol = true\n')
    assert "key 'control': does not apply to a hold step" in str(raised.value)


def test_doses_read_as_a_runner_says_them() -> None:
    def dose(keys: str) -> str:
        return session(f'title = "t"\n[[steps]]\nname = "S"\n{keys}\n').steps[0].dose()

    assert dose('kind = "pnf"\npnf = { cycles = 1 }') == "1 cycle"
    assert dose('kind = "pnf"\nsides = true') == "3 cycles per side"
    assert dose('hold = 30\nreps = 3\nsets = 2\nrest = 30') == "2 x 3 x 30 s hold"
    assert dose('tempo = "5-0-1-0"\nreps = [6, 5]\nsets = 2') == "2 x 6/5 reps"
    assert dose('duration = 120') == "2 min"
