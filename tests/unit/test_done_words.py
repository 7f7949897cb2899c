"""Timed, hold and PNF work are told as what they are: seconds, holds, cycles; never "1 x 1, 0 reps"."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from rich.console import Console

from hamstride.domain.kinds import KINDS
from hamstride.domain.model import Side
from hamstride.domain.record import Record
from hamstride.domain.result import SideResult, StepResult, StepStatus
from hamstride.storage.export import markdown_report
from hamstride.storage.record_table import from_table, to_table
from hamstride.ui.widgets.step_table import step_rows

KIND = {kind.name: kind for kind in KINDS}
WHEN = datetime(2026, 11, 23, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def _step(index: int, name: str, kind: str, sets: int, reps: int, unit: float,
          sides: tuple[SideResult, ...], status: StepStatus = StepStatus.DONE) -> StepResult:
    return StepResult(index=index, name=name, kind=KIND[kind], eccentric=kind == "tempo", planned_sets=sets,
                      planned_reps=reps, sides=sides, status=status, planned_seconds=unit)


STEPS = (
    _step(0, "Leg swings", "timed", 1, 1, 30.0,
          (SideResult(Side.LEFT, 1, 0, 0, 30.0), SideResult(Side.RIGHT, 1, 0, 0, 30.0))),
    _step(1, "Side plank", "hold", 3, 1, 20.0,
          (SideResult(Side.LEFT, 3, 3, 0, 60.0), SideResult(Side.RIGHT, 2, 2, 0, 40.0)), StepStatus.PARTIAL),
    _step(2, "Contract-relax", "pnf", 1, 3, 37.0,
          (SideResult(Side.LEFT, 0, 0, 0, 37.0), SideResult(Side.RIGHT, 0, 0, 0, 0.0)), StepStatus.PARTIAL),
    _step(3, "Nordic curls", "tempo", 2, 5, 35.0, (SideResult(None, 2, 10, 3, 70.0),)),
)


def _text(steps: tuple[StepResult, ...]) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(step_rows(steps))
    return console.export_text()


def test_the_summary_tells_seconds_holds_and_cycles() -> None:
    text = _text(STEPS)
    swings = next(line for line in text.splitlines() if "Leg swings" in line)
    assert "30 s per side" in swings and "left: 0:30; right: 0:30" in swings
    assert "1 x 1" not in swings and "reps" not in swings
    plank = next(line for line in text.splitlines() if "Side plank" in line)
    assert "3 x 20 s hold per side" in plank and "left: 3 holds, 1:00; right: 2 holds, 0:40" in plank
    pnf = next(line for line in text.splitlines() if "Contract-relax" in line)
    assert "3 cycles per side" in pnf and "left: 0:37" in pnf and "0 sets" not in pnf
    nordic = next(line for line in text.splitlines() if "Nordic curls" in line)
    assert "2 x 5" in nordic and "2 sets, 10 reps (3 lost control)" in nordic


def test_the_unit_of_work_survives_the_history_file() -> None:
    record = Record(id="a" * 32, started=WHEN, ended=WHEN + timedelta(minutes=9), session="s", title="S",
                    completed=False, elapsed_seconds=540.0, steps=STEPS)
    again = from_table(to_table(record))
    assert [s.planned_seconds for s in again.steps] == [30.0, 20.0, 37.0, 35.0]


def test_the_report_lists_timed_and_pnf_work_with_its_time() -> None:
    record = Record(id="b" * 32, started=WHEN, ended=WHEN + timedelta(minutes=9), session="s", title="S",
                    completed=False, elapsed_seconds=540.0, steps=STEPS)
    report = markdown_report([record], date(2026, 11, 25), 4, 2)
    doses = report.split("## Doses per side")[1].split("##")[0]
    pnf = [line for line in doses.splitlines() if "Contract-relax" in line]
    assert pnf and "0:37" in pnf[0]
    swings = [line for line in doses.splitlines() if "Leg swings" in line]
    assert len(swings) == 2 and all("0:30" in line for line in swings)
