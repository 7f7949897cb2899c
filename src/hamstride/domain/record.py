"""One session in the history.

A record is what the runner did:
the run's result plus when it happened and what the runner said about it.
Datetimes keep the offset they were recorded with, so a session done at
07:00 in Lisbon stays a morning session after a flight to Berlin.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from fractions import Fraction
from functools import cached_property
from typing import Any

from hamstride.domain.model import Category, Exercise, Side
from hamstride.domain.result import RunResult, StepResult, StepStatus, did_work
from hamstride.domain.status import COMPLETE as COMPLETE
from hamstride.domain.status import PARTIAL as PARTIAL
from hamstride.domain.timetext import total_tenths

# docs/dosing.md: a third of a session's main reps or more is the session (its dose was taken); fewer is
# a try. 48 h apart, the tries beside a week's session in 7 days stay under one session more.
COUNTS_SHARE = Fraction(1, 3)


def taken(reps: int, planned: int) -> bool:
    """Main reps enough to count as the session they were planned for: a third of them, not a try."""
    return reps > 0 and reps >= planned * COUNTS_SHARE


@dataclass(frozen=True)
class Readiness:
    """The answers to the check before eccentric work; None where the runner skipped a question."""

    soreness: int | None = None  # hamstring soreness today, 0-10
    key_run: bool | None = None  # a race or hard run in the next 2-3 days

    @property
    def answered(self) -> bool:
        return self.soreness is not None or self.key_run is not None


@dataclass(frozen=True)
class Record:
    """Its figures (active seconds, eccentric reps...) are sums over the steps, taken in one pass and
    kept: a record never changes, and the history screen and the charts ask them of thousands."""

    id: str
    started: datetime  # aware: with the offset the laptop had at the time
    ended: datetime
    session: str  # the session's name, as on the command line
    title: str
    completed: bool
    elapsed_seconds: float
    steps: tuple[StepResult, ...]
    file_hash: str = ""
    week: int | None = None  # progression week, when the session has one
    first_side: Side | None = None  # per-side steps alternate from one run to the next
    rpe: int | None = None  # effort, 1-10
    soreness: int | None = None  # hamstring soreness, 0-10
    note: str = ""
    category: Category | None = None  # what the session is for, as its file said
    readiness: Readiness | None = None  # the answers before the session, when it asked
    maintenance: bool = False  # a programme run as maintenance, after its last week
    ended_early: bool = False  # the runner ended it (q); older records without the key read False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # keys from newer versions, kept

    @property
    def status(self) -> str:
        """"complete" for a session run to its end, else "partial"."""
        return COMPLETE if self.completed else PARTIAL

    @property
    def day(self) -> date:
        """The runner's calendar day: the date where and when they trained."""
        return self.started.date()

    @cached_property
    def _sums(self) -> tuple[float, int, int, bool, bool]:
        """Active seconds, eccentric reps, Nordic reps, whether eccentric work was done, and whether any
        work was (StepResult.worked): one pass over the steps and their sides, in the order each step's
        own sums take them."""
        active = 0.0
        eccentric_reps = nordic_reps = 0
        eccentric_work = worked = False
        for step in self.steps:
            step_active = 0.0
            reps = sets = 0
            for side in step.sides:
                step_active += side.active_seconds
                reps += side.reps_done
                sets += side.sets_done
            active += step_active
            step_worked = did_work(reps, sets, step_active)
            worked = worked or step_worked
            if step.eccentric:
                eccentric_reps += reps
                eccentric_work = eccentric_work or step_worked
            if step.exercise is Exercise.NORDIC:
                nordic_reps += reps
        return active, eccentric_reps, nordic_reps, eccentric_work, worked

    @property
    def active_seconds(self) -> float:
        return self._sums[0]

    @cached_property  # read for the month's check of its written figure and for the CSV row alike
    def active_tenths(self) -> float:
        """The active seconds as every file and export gives them: each side to a tenth, as the month
        keeps it, and the sum of those (timetext.total_tenths), so a session read back from its month
        exports the figure it was saved with. The exact sum stays what the coach and the streaks read."""
        return total_tenths(side.active_seconds for step in self.steps for side in step.sides)

    @property
    def eccentric_reps(self) -> int:
        return self._sums[1]

    @property
    def eccentric(self) -> bool:
        """Any eccentric work done: what keeps the adaptations from fading, and what the 48 h wait runs from."""
        return self._sums[1] > 0 or self._sums[3]

    @property
    def worked(self) -> bool:
        """Some work was done (StepResult.worked): what makes a session count, toward streaks and the coach."""
        return self._sums[4]

    @cached_property
    def controlled_eccentric_reps(self) -> int:
        return sum(side.reps_done - side.reps_lost_control
                   for step in self.steps if step.eccentric for side in step.sides)

    @property
    def nordic_reps(self) -> int:
        return self._sums[2]

    @cached_property
    def main_done(self) -> bool:
        """The main work was done: every set of the main step (or, in a file without one, of every
        eccentric step; in one without those, the whole session)."""
        main = [step for step in self.steps if step.main]
        if not main:
            main = [step for step in self.steps if step.eccentric]
        if not main:
            return self.completed
        return all(step.status is StepStatus.DONE for step in main)

    @cached_property
    def main_taken(self) -> bool:
        """The main work went far enough to count as the session: done, or quit after a third of its reps
        (`taken`). The plan read here is each main step's sets times its most reps a set: at least what it
        planned, so never less of a try. The coach's progression weighs a programme's own week instead."""
        if self.main_done:
            return True
        main = [step for step in self.steps if step.main] or [step for step in self.steps if step.eccentric]
        planned = sum(s.planned_sets * s.planned_reps * (2 if any(side.side is not None for side in s.sides) else 1)
                      for s in main)
        return bool(main) and taken(self.main_reps[0], planned)

    @property
    def main_reps(self) -> tuple[int, int]:
        """Reps of the main work and how many of them got away (lost control)."""
        main = [step for step in self.steps if step.main] or [step for step in self.steps if step.eccentric]
        return sum(s.reps_done for s in main), sum(s.reps_lost_control for s in main)

    @cached_property
    def focused(self) -> bool:
        """Counts towards the weekly target: a strength or eccentric session that did eccentric hamstring
        work, its main work taken (done, or quit after a third of its reps: `main_taken`). The article's two focused sessions (Nordics, RDLs, eccentric bridges)
        are these; hip-extensor and core work is what it "sprinkles in" beside them, so two hip-extensor
        days do not make the week (docs/dosing.md, "The weekly target")."""
        if self.category is not None and not self.category.focused:
            return False
        return self.eccentric and self.main_taken

    @property
    def sore_before(self) -> int | None:
        """The soreness answered at the check before the session, if it was."""
        return None if self.readiness is None else self.readiness.soreness

    @property
    def nordic(self) -> bool:
        """Nordic work done: what keeps the Nordic adaptations (van Dyk 2019 is about Nordics)."""
        return self.nordic_reps > 0

    def with_feedback(self, rpe: int | None, soreness: int | None, note: str) -> Record:
        return replace(self, rpe=rpe, soreness=soreness, note=note)


def record_from_result(result: RunResult, *, id: str, started: datetime, ended: datetime,
                       file_hash: str = "", week: int | None = None, first_side: Side | None = None,
                       category: Category | None = None, readiness: Readiness | None = None,
                       maintenance: bool = False) -> Record:
    return Record(id=id, started=started, ended=ended, session=result.session_name, title=result.title,
                  completed=result.completed, elapsed_seconds=result.elapsed_seconds, steps=result.steps,
                  file_hash=file_hash, week=week, first_side=first_side, category=category,
                  readiness=readiness if readiness is not None and readiness.answered else None,
                  maintenance=maintenance, ended_early=result.ended_early)


# -- TOML ------------------------------------------------------------------
