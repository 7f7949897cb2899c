"""The engine names the cues due next and when, so a sound thread can wait for them."""

from __future__ import annotations

import pytest

from hamstride.domain.cues import CueKind
from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from tests.unit.helpers import FakeClock, session

NORDICS = """
title = "Nordics"
[[steps]]
name = "Nordic"
tempo = "3-0-1-0"
reps = 2
sets = 2
rest = 30
eccentric = true
lead_in = 5
[[steps]]
name = "Lunges"
reps = 5
lead_in = 0
"""


def make() -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDICS)), clock=clock)
    engine.start()
    return engine, clock


def test_every_cue_the_ticks_report_was_named_in_advance_at_its_time() -> None:
    engine, clock = make()
    engine.tick()  # the get-ready's opening cue, due at once
    checked = 0
    while True:
        upcoming = engine.next_cues()
        if upcoming is None:
            break
        due_in, cues = upcoming
        clock.advance(due_in)
        fired = engine.tick().cues
        # The same cue objects, all of them, at the named moment: nothing earlier, nothing left out.
        assert fired == cues and len(cues) >= 1
        checked += 1
    assert checked > 20
    assert engine.current is not None and engine.current.open_ended  # the self-paced lunges: nothing due


def test_the_cues_of_a_phase_change_come_together() -> None:
    engine, clock = make()
    engine.tick()
    clock.advance(4.5)
    engine.tick()  # the count of 1, at 4 s
    upcoming = engine.next_cues()
    assert upcoming is not None
    due_in, cues = upcoming
    assert due_in == pytest.approx(0.5)
    assert [c.kind for c in cues] == [CueKind.LOWER]
    clock.advance(0.5)
    engine.tick()
    clock.advance(3.0)
    engine.tick()  # the lift of rep 1 begins
    clock.advance(0.5)
    upcoming = engine.next_cues()
    assert upcoming is not None
    # The end of rep 1 and the start of the last rep fall due in one instant.
    assert {c.kind for c in upcoming[1]} == {CueKind.REP_DONE, CueKind.LOWER, CueKind.LAST_REP}


def test_nothing_is_named_while_paused() -> None:
    engine, clock = make()
    engine.tick()
    engine.pause()
    assert engine.next_cues() is None
    engine.resume()
    assert engine.next_cues() is not None
