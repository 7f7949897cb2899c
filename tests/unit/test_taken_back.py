"""A start taken back is no session (found by tests/ui/test_hurried_keys.py): `n` over the get-ready, then
`q`, `y` 0.2 s into the first Nordic lowering saved a session of nothing. It counted toward the streak
and the week's target, and as eccentric work, so home then held every Nordic session for 48 h.

A session counts when some of its work was done: a rep, hold, cycle or set counted, or TAKEN_BACK_SECONDS
(a second) of it run (StepResult.worked). A lowering left in pain or in a fall before its rep was
counted has loaded the muscle: the 48 h run from it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hamstride.domain import kinds
from hamstride.domain.kinds.base import StepKind
from hamstride.domain.model import Exercise
from hamstride.domain.readiness import last_eccentric
from hamstride.domain.record import Record
from hamstride.domain.result import TAKEN_BACK_SECONDS, SideResult, StepResult, StepStatus
from hamstride.domain.stats import compute, counts, from_sums
from hamstride.storage.history import HistoryStore

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=timezone.utc)


def _step(index: int, name: str, kind: StepKind, *, reps: int = 0, sets: int = 0, active: float = 0.0,
          eccentric: bool = False) -> StepResult:
    side = SideResult(side=None, sets_done=sets, reps_done=reps, reps_lost_control=0, active_seconds=active)
    status = StepStatus.PARTIAL if (reps or sets or active) else StepStatus.NOT_REACHED
    return StepResult(index=index, name=name, kind=kind, eccentric=eccentric, planned_sets=2, planned_reps=5,
                      sides=(side,), status=status, exercise=Exercise.NORDIC if eccentric else None,
                      main=eccentric)


def _record(*steps: StepResult, started: datetime = NOW) -> Record:
    return Record(id=f"r{started:%H%M%S}", started=started, ended=started + timedelta(minutes=2), session="s",
                  title="S", completed=False, elapsed_seconds=120.0, steps=steps, ended_early=True)


def test_a_nordic_left_two_tenths_into_its_first_lowering_is_no_session() -> None:
    record = _record(_step(0, "Nordic", kinds.TEMPO, active=0.2, eccentric=True))
    assert not record.worked and not record.eccentric and not counts(record)
    assert compute([record], NOW.date()).sessions == 0
    assert last_eccentric([record], NOW + timedelta(hours=1)) is None


def test_a_whole_lowering_left_in_pain_before_its_rep_is_counted_is_eccentric_work() -> None:
    """Review: the cues tell the runner to stop at a sharp pain; a first lowering of 4 s, left in the
    lift (or in a fall, x then q), must start the 48 h before the next eccentric session."""
    record = _record(_step(0, "Nordic", kinds.TEMPO, active=4.7, eccentric=True))
    assert record.worked and record.eccentric and counts(record)
    assert last_eccentric([record], NOW + timedelta(hours=1)) is record


def test_one_rep_is_a_session_and_eccentric_work() -> None:
    record = _record(_step(0, "Nordic", kinds.TEMPO, reps=1, active=4.0, eccentric=True))
    assert record.worked and record.eccentric and counts(record)
    assert last_eccentric([record], NOW + timedelta(hours=1)) is record


def test_a_warm_up_done_then_a_nordic_begun_and_left_counts_but_is_not_eccentric_work() -> None:
    """The runner did the warm-up, skipped the Nordics' get-ready and stopped at once: a session, no 48 h."""
    record = _record(_step(0, "Warm-up", kinds.TIMED, sets=1, active=60.0),
                     _step(1, "Nordic", kinds.TEMPO, active=0.4, eccentric=True))
    assert record.worked and counts(record) and not record.eccentric
    assert last_eccentric([record], NOW + timedelta(hours=1)) is None


def test_a_second_of_any_work_is_work() -> None:
    short = _record(_step(0, "Plank", kinds.HOLD, active=TAKEN_BACK_SECONDS - 0.1))
    held = _record(_step(0, "Plank", kinds.HOLD, active=TAKEN_BACK_SECONDS))
    assert not short.worked and held.worked


def test_the_history_database_the_streaks_and_the_coach_read_agree_with_the_record(tmp_path: Path) -> None:
    """What the screens read from the history's database (its sums, outlines) says what the record says."""
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.save(_record(_step(0, "Warm-up", kinds.TIMED, sets=1, active=60.0),
                       _step(1, "Nordic", kinds.TEMPO, active=0.4, eccentric=True)))
    store.save(_record(_step(0, "Nordic", kinds.TEMPO, active=0.2, eccentric=True), started=NOW + timedelta(hours=1)))
    assert [(o.worked, o.eccentric) for o in store.outlines()] == [(True, False), (False, False)]
    shown = store.shown(NOW.date(), NOW.date())
    assert len(shown.rows) == 2 and shown.sums.last_eccentric is None
    assert from_sums(shown.sums, NOW.date()).sessions == compute(store.load().records, NOW.date()).sessions == 1


NORDIC = """
title = "Nordic"
[[steps]]
name = "Nordic"
tempo = "4-0-1-2"
reps = 3
eccentric = true
exercise = "nordic"
lead_in = 5
"""


def _quit_after(seconds: float, *, fall: bool = False) -> Record:
    """The engine on a fake clock: the get-ready, then `seconds` into the first rep, then q (confirmed)."""
    from hamstride.domain.engine import Engine
    from hamstride.domain.plan import build_timeline
    from hamstride.domain.record import record_from_result
    from tests.unit.helpers import FakeClock, session

    clock = FakeClock()
    engine = Engine(build_timeline(session(NORDIC)), clock)
    engine.start()
    for tenth in range(1, round((5 + seconds) * 10) + 1):
        clock.advance(0.1)
        engine.tick()
        if fall and tenth == 5 * 10 + 35:  # 3.5 s into the lowering: down, x
            engine.mark_lost_control()
    engine.finish_early()
    return record_from_result(engine.result(), id="r", started=NOW, ended=NOW + timedelta(seconds=5 + seconds))


def test_through_the_engine_a_tap_is_taken_back_and_a_lowering_left_in_pain_or_a_fall_starts_the_48_h() -> None:
    tap, pain, fall = _quit_after(0.2), _quit_after(4.7), _quit_after(4.1, fall=True)
    assert not tap.worked and not counts(tap)
    assert pain.worked and pain.eccentric and last_eccentric([pain], NOW + timedelta(hours=1)) is pain
    assert fall.worked and fall.eccentric
