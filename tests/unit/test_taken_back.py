"""A start taken back is no session (found by tests/ui/test_hurried_keys.py): `n` over the get-ready, then
`q`, `y` 0.2 s into the first Nordic lowering saved a session of nothing. It counted toward the streak
and the week's target, and as eccentric work, so home then held every Nordic session for 48 h.

A session counts when some of its work was done: a rep, hold, cycle or set counted, or, for work the
clock measures, TAKEN_BACK_SECONDS of it (StepResult.worked)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hamstride.domain import kinds
from hamstride.domain.kinds.base import StepKind
from hamstride.domain.model import Exercise
from hamstride.domain.readiness import last_eccentric
from hamstride.domain.record import Record
from hamstride.domain.result import TAKEN_BACK_SECONDS, SideResult, StepResult, StepStatus
from hamstride.domain.stats import compute, counts
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


def test_a_whole_lowering_without_its_rep_counted_is_not_a_rep_either() -> None:
    record = _record(_step(0, "Nordic", kinds.TEMPO, active=3.9, eccentric=True))
    assert not record.worked and not record.eccentric


def test_one_rep_is_a_session_and_eccentric_work() -> None:
    record = _record(_step(0, "Nordic", kinds.TEMPO, reps=1, active=4.0, eccentric=True))
    assert record.worked and record.eccentric and counts(record)
    assert last_eccentric([record], NOW + timedelta(hours=1)) is record


def test_a_warm_up_done_then_a_nordic_begun_and_left_counts_but_is_not_eccentric_work() -> None:
    """The runner did the warm-up, knelt for the Nordics and stopped 2 s in: a session, no 48 h wait."""
    record = _record(_step(0, "Warm-up", kinds.TIMED, sets=1, active=60.0),
                     _step(1, "Nordic", kinds.TEMPO, active=2.0, eccentric=True))
    assert record.worked and counts(record) and not record.eccentric
    assert last_eccentric([record], NOW + timedelta(hours=1)) is None


def test_work_the_clock_measures_counts_from_taken_back_seconds() -> None:
    short = _record(_step(0, "Plank", kinds.HOLD, active=TAKEN_BACK_SECONDS - 0.1))
    held = _record(_step(0, "Plank", kinds.HOLD, active=TAKEN_BACK_SECONDS))
    timed = _record(_step(0, "Isometric", kinds.TIMED, active=20.0, eccentric=True))
    assert not short.worked and held.worked
    assert timed.worked and timed.eccentric  # 20 s of a 30 s eccentric set loads the muscle: the 48 h run


def test_the_history_database_the_streaks_and_the_coach_read_agree_with_the_record(tmp_path: Path) -> None:
    """What the screens read from the history's database (tallies, outlines) says what the record says."""
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    store.save(_record(_step(0, "Warm-up", kinds.TIMED, sets=1, active=60.0),
                       _step(1, "Nordic", kinds.TEMPO, active=2.0, eccentric=True)))
    store.save(_record(_step(0, "Nordic", kinds.TEMPO, active=0.2, eccentric=True), started=NOW + timedelta(hours=1)))
    assert [(o.worked, o.eccentric) for o in store.outlines()] == [(True, False), (False, False)]
    shown = store.shown()
    assert [(t.worked, t.eccentric) for t in shown.tallies] == [(True, False), (False, False)]
    assert compute(shown.tallies, NOW.date()).sessions == compute(store.load().records, NOW.date()).sessions == 1
