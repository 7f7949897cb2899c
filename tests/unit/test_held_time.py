"""What a hold step records: the seconds actually held, and a step begun is never "not reached".

Run on the engine with a fake clock, then through every surface that shows the figure: the step's
words (summary and history), the report's doses and the CSV export.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hamstride.domain.engine import Engine
from hamstride.domain.plan import Phase, build_timeline
from hamstride.domain.record import Record, record_from_result
from hamstride.domain.result import RunResult, StepStatus
from hamstride.storage.export import csv_row, markdown_report
from tests.unit.helpers import FakeClock, session

# Five holds of 10 s with 5 s between: 50 s held in 70 s of the set.
WALL = """
title = "Wall holds"
[[steps]]
name = "Wall hold"
hold = 10
between = 5
reps = 5
[[steps]]
name = "Plank"
hold = 20
"""
# Three holds of 10 s with 15 s between: a gap long enough to go on after a pause, with a get-ready's time left.
LONG_GAPS = WALL.replace("between = 5", "between = 15").replace("reps = 5", "reps = 3")
DAY = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def make(plan: str = WALL) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    return Engine(build_timeline(session(plan)), clock=clock), clock


def run_for(engine: Engine, clock: FakeClock, seconds: float) -> None:
    for _ in range(round(seconds / 0.1)):
        clock.advance(0.1)
        engine.tick()


def record_of(result: RunResult) -> Record:
    return record_from_result(result, id="r1", started=DAY, ended=DAY + timedelta(seconds=result.elapsed_seconds))


def test_the_gaps_between_holds_are_not_counted_as_time_held() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 5 * 10 + 4 * 5 + 1)  # get-ready, the holds and their gaps, into the next step
    [side] = engine.result().steps[0].sides
    assert side.reps_done == 5
    assert side.active_seconds == 50.0  # held: 5 x 10 s, not the 70 s from the first hold to the last


def test_every_surface_shows_the_time_held() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 5 * 10 + 4 * 5 + 1)
    engine.finish_early()
    record = record_of(engine.result())
    step = record.steps[0]
    assert step.done_text(step.sides[0]) == "5 holds, 0:50"  # the summary's and the history's words
    assert record.active_tenths == 50.0
    assert csv_row(record)[_csv_column("active_min")] == round(50 / 60, 1)  # the CSV export
    report = markdown_report((record,), DAY.date(), 1, 3, None, ())
    assert "| Wall hold | both | 1 | 5 | 0:50 | 0 |" in report  # the report's doses


def test_a_pause_in_a_gap_between_holds_credits_no_time_held() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 10 + 2)  # 2 s into the gap after the first hold
    assert engine.current is not None and engine.current.phase is Phase.RELAX
    engine.pause()
    clock.advance(30)
    engine.resume()
    engine.finish_early()
    [side] = engine.result().steps[0].sides
    assert side.reps_done == 1 and side.active_seconds == 10.0


def test_quitting_during_the_first_hold_records_the_step_begun_not_not_reached() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 5 + 2.2)  # the get-ready, then 2.2 s into the first hold
    assert engine.current is not None and engine.current.phase is Phase.HOLD
    engine.finish_early()
    wall, plank = engine.result().steps
    assert wall.status is StepStatus.PARTIAL  # begun: the runner did hold, for 2.2 s
    assert wall.sides[0].reps_done == 0 and wall.sides[0].sets_done == 0  # no hold credited: none was finished
    assert abs(wall.sides[0].active_seconds - 2.2) < 1e-6
    assert plank.status is StepStatus.NOT_REACHED


def test_quitting_in_the_get_ready_of_a_step_leaves_it_not_reached() -> None:
    engine, clock = make()
    engine.start()
    run_for(engine, clock, 2)  # the get-ready: nothing of the step was guided yet
    engine.finish_early()
    assert [s.status for s in engine.result().steps] == [StepStatus.NOT_REACHED, StepStatus.NOT_REACHED]


def _csv_column(name: str) -> int:
    from hamstride.storage.export import CSV_COLUMNS

    return CSV_COLUMNS.index(name)



class Watch:
    """The run ticked every 0.1 s, as a person watching the screen: how long it showed a hold of the wall step."""

    def __init__(self, plan: str = WALL) -> None:
        self.engine, self.clock = make(plan)
        self.held = 0.0
        self.engine.start()

    def run(self, seconds: float, *, until_the_next_step: bool = False) -> None:
        for _ in range(round(seconds / 0.1)):
            segment = self.engine.current
            if until_the_next_step and (segment is None or segment.step_index > 0):
                return
            self.clock.advance(0.1)
            if segment is not None and segment.step_index == 0 and segment.phase is Phase.HOLD:
                self.held += 0.1  # on for this tenth: a tick ends a segment at its planned end, not before
            self.engine.tick()
        assert not until_the_next_step, "the wall holds never ended"

    def pause_for(self, seconds: float) -> None:
        self.engine.pause()
        self.clock.advance(seconds)
        self.engine.resume()


def test_a_pause_in_a_gap_goes_on_with_the_gap_and_never_repeats_the_hold_before_it() -> None:
    watch = Watch(LONG_GAPS)
    watch.run(5 + 10 + 2)  # 2 s into the gap after the first hold: that hold is done
    watch.pause_for(30)
    gap = watch.engine.tick()
    watch.run(200, until_the_next_step=True)
    [side] = watch.engine.result().steps[0].sides
    assert side.reps_done == 3 and side.sets_done == 1  # each hold counted once
    assert abs(watch.held - 30.0) < 0.15  # three holds were guided, not four: the first was not done again
    assert side.active_seconds == 30.0  # the time held is the time held
    assert gap.segment is not None and gap.segment.phase is Phase.RELAX and gap.segment.rep == 1
    assert gap.remaining is not None and abs(gap.remaining - 13.0) < 1e-6  # the gap went on where it was


def test_a_pause_near_the_end_of_a_gap_brings_a_get_ready_before_the_next_hold() -> None:
    watch = Watch()
    watch.run(5 + 10 + 2)  # 3 s of the 5 s gap left: less than a get-ready
    watch.pause_for(30)
    ready = watch.engine.tick()
    assert ready.segment is not None and ready.segment.phase is Phase.GET_READY
    watch.run(5.1)
    hold = watch.engine.current
    assert hold is not None and hold.phase is Phase.HOLD and hold.rep == 2  # the next hold, not the one done
    watch.run(200, until_the_next_step=True)
    [side] = watch.engine.result().steps[0].sides
    assert abs(watch.held - 50.0) < 0.15 and side.reps_done == 5 and side.active_seconds == 50.0

