"""The line `hamstride run` prints as it exits says what the history holds.

Walked: `hamstride run sore-day-isometrics`, q then y in its first get-ready: the summary said
"Nothing was done", no record was written, and the command printed "Sore-day isometrics: partial,
0 eccentric reps, 3 s." as if a partial session had been kept."""

from __future__ import annotations

from hamstride.cli.app import closing_line
from hamstride.domain import kinds
from hamstride.domain.result import RunResult, SideResult, StepResult, StepStatus


def result(active: float, completed: bool = False) -> RunResult:
    side = SideResult(side=None, sets_done=1 if active else 0, reps_done=0, reps_lost_control=0,
                      active_seconds=active)
    step = StepResult(index=0, name="Bridge hold", kind=kinds.HOLD, eccentric=False, planned_sets=1,
                      planned_reps=1, sides=(side,), status=StepStatus.PARTIAL if active else StepStatus.SKIPPED)
    return RunResult("sore-day-isometrics", "Sore-day isometrics", completed, 3.2, (step,), ended_early=True)


def test_a_run_ended_before_anything_was_done_says_nothing_was_recorded() -> None:
    assert closing_line(result(0.0)) == "Sore-day isometrics: ended before anything was done; nothing was recorded."


def test_a_run_with_work_done_says_partial_with_its_figures() -> None:
    assert closing_line(result(2.0)) == "Sore-day isometrics: partial, 0 eccentric reps, 3 s."


def test_one_eccentric_rep_is_said_as_one_rep() -> None:
    """walk15: "partial, 1 eccentric reps, 53 s."."""
    side = SideResult(side=None, sets_done=1, reps_done=1, reps_lost_control=0, active_seconds=5.0)
    step = StepResult(index=0, name="Nordic curl", kind=kinds.TEMPO, eccentric=True, planned_sets=3,
                      planned_reps=5, sides=(side,), status=StepStatus.PARTIAL)
    run = RunResult("nordic-first-session", "Nordic curl: first session", False, 53.0, (step,), ended_early=True)
    assert closing_line(run) == "Nordic curl: first session: partial, 1 eccentric rep, 53 s."
