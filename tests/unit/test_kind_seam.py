"""The seam between kinds holds: each kind declares what implies it, words its own
doses, and a kind added (the suite's own RPE hold) changes no other kind's messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hamstride.domain import kinds
from hamstride.domain.engine import Engine
from hamstride.domain.errors import SessionFileError
from hamstride.domain.kinds.base import KindBase
from hamstride.domain.plan import build_timeline
from hamstride.storage.loader import load_session
from tests.unit.helpers import FakeClock, session
from tests.unit.rpe_hold import RPE_HOLD, RpeHoldKind

BAD = sorted((Path(__file__).parents[1] / "data" / "bad_sessions").glob("*.toml"))
ARCHITECTURE = Path(__file__).parents[2] / "docs" / "architecture.md"


@pytest.fixture
def with_rpe_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry with the suite's own kind added, as a new module and one line in `KINDS` would."""
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, RPE_HOLD))


def test_the_key_to_kind_table_is_what_each_kind_declares() -> None:
    assert kinds.implying_keys() == {
        "duration": ("outright", kinds.TIMED),
        "hold": ("outright", kinds.HOLD),
        "tempo": ("outright", kinds.TEMPO), "moves": ("outright", kinds.TEMPO),
        "pnf": ("outright", kinds.PNF),
        "reps": ("alone", kinds.REPS),
    }


def test_adding_a_kind_adds_its_own_key_and_moves_no_other(with_rpe_hold: None) -> None:
    table = kinds.implying_keys()
    assert table.pop("rpe") == ("outright", RPE_HOLD)
    assert table == {"duration": ("outright", kinds.TIMED), "hold": ("outright", kinds.HOLD),
                     "tempo": ("outright", kinds.TEMPO), "moves": ("outright", kinds.TEMPO),
                     "pnf": ("outright", kinds.PNF),
                     "reps": ("alone", kinds.REPS)}


def test_two_kinds_claiming_one_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Thief(RpeHoldKind):
        name = "thief"
        implied_by = ("hold",)

    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, Thief()))
    with pytest.raises(ValueError, match="both say the key 'hold' implies them"):
        kinds.implied({"hold": 30})


@pytest.mark.parametrize("missing", ["dose", "planned_text", "done_text", "work", "read", "work_seconds"])
def test_a_kind_that_forgets_a_wording_cannot_be_made(missing: str) -> None:
    forgetful = type("Forgetful", (RpeHoldKind,), {missing: KindBase.__dict__[missing]})
    with pytest.raises(TypeError, match=missing):
        forgetful()


@pytest.mark.parametrize("missing", ["rep_word", "phase_words", "implied_by", "keys", "example"])
def test_a_kind_that_forgets_a_declaration_cannot_be_made(missing: str) -> None:
    attributes = {name: value for name, value in RpeHoldKind.__dict__.items() if name != missing}
    forgetful = type("Forgetful", (KindBase,), attributes)
    with pytest.raises(TypeError, match=missing):
        forgetful()


def _messages() -> dict[str, str]:
    said = {}
    for path in BAD:
        with pytest.raises(SessionFileError) as caught:
            load_session(path)
        said[path.stem] = str(caught.value)
    return said


def _without_the_new_kind(message: str) -> list[list[str]]:
    """A message's lines as their list items, with the added kind taken out of the lists.

    A list that names every kind or key ("add one of: ...", "make the step one of:
    ...", "known keys: ...") rightly names the new kind; every other word must be as before.
    """
    own_keys = {key for key in RPE_HOLD.keys if kinds.taking(key) == {RPE_HOLD}}
    mentions = {RPE_HOLD.name, RPE_HOLD.example, *own_keys}
    return [[item for item in re.split(r", | or ", line) if item not in mentions] for line in message.splitlines()]


def test_adding_a_kind_changes_no_other_kinds_message(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _messages()
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, RPE_HOLD))
    after = _messages()
    assert after != before, "the new kind should at least be offered where every kind is listed"
    for stem, message in before.items():
        assert _without_the_new_kind(after[stem]) == _without_the_new_kind(message), stem


def test_the_added_kind_is_read_and_told_in_its_own_words(with_rpe_hold: None) -> None:
    plan = session('title = "t"\n[[steps]]\nname = "Wall hold"\nhold = 30\nrpe = 7\nsets = 3\nrest = 20\n'
                   'sides = true\n[[steps]]\nname = "Plank"\nhold = 20\n')
    held, plank = plan.steps
    assert held.kind is RPE_HOLD and plank.kind is kinds.HOLD
    assert held.dose() == "3 x 30 s hold at RPE 7 per side"
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock=clock)
    engine.start()
    while not engine.finished:
        clock.advance(0.5)
        engine.tick()
    step = engine.result().steps[0]
    assert step.planned_text() == "3 x 30 s hold per side"
    assert [step.done_text(side) for side in step.sides] == ["3 holds, 1:30", "3 holds, 1:30"]
    with pytest.raises(SessionFileError) as caught:
        session('title = "t"\n[[steps]]\nname = "Plank"\nkind = "hold"\nhold = 20\nrpe = 7\n')
    assert "key 'rpe': does not apply to a hold step" in str(caught.value)


def test_the_architecture_docs_worked_example_is_the_suites_kind() -> None:
    module = (Path(__file__).parent / "rpe_hold.py").read_text()
    example = module.split("# --8<-- worked example\n")[1].split("# --8<--")[0].strip()
    doc = ARCHITECTURE.read_text()
    indented = "\n".join(("   " + line) if line else "" for line in example.splitlines())
    assert indented in doc, "docs/architecture.md's worked example drifted from tests/unit/rpe_hold.py"
