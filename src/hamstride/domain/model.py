"""The session model: what a session file says, after validation.

Everything here is frozen so a loaded session can be shared between the plan,
the engine and the UI without anyone changing it underneath the others.
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from hamstride.domain.phase import Action

if TYPE_CHECKING:
    from hamstride.domain.kinds.base import StepKind


GET_READY_MIN = 5.0  # from the laptop back to kneeling, heels anchored


class Category(StrEnum):
    """What a session is for: the coach counts strength and eccentric sessions towards the weekly target."""

    STRENGTH = "strength"
    ECCENTRIC = "eccentric"
    WARM_UP = "warm-up"
    MOBILITY = "mobility"
    ISOMETRIC = "isometric"

    @property
    def focused(self) -> bool:
        """A focused hamstring session, the kind the article asks for twice a week."""
        return self in (Category.STRENGTH, Category.ECCENTRIC)


class Exercise(StrEnum):
    """The exercises the coach knows facts about; other steps leave `exercise` out."""

    NORDIC = "nordic"  # the Nordic hamstring exercise or a variant: the injury evidence is for these
    ECCENTRIC_BRIDGE = "eccentric-bridge"  # bridge walk-outs and slides: eccentric, cramp-prone
    HIP_HINGE = "hip-hinge"  # a slow hip-hinge lowering: an easier eccentric
    SINGLE_LEG_RDL = "single-leg-rdl"
    HIP_THRUST = "hip-thrust"  # hip thrusts, bridges and kickbacks: hip-extensor work
    ISOMETRIC = "isometric"  # a hamstring hold without lengthening, for sore days

    @property
    def eccentric(self) -> bool:
        return self in (Exercise.NORDIC, Exercise.ECCENTRIC_BRIDGE, Exercise.HIP_HINGE)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Step(NamedTuple):
    """One step of a session: what every kind of step has, and its kind's own values.

    `kind` says how the step is read, timed, planned and described (see
    `hamstride.domain.kinds`); `params` holds the values only that kind has, such
    as a tempo or a hold's seconds.
    """

    name: str
    kind: "StepKind"
    params: object  # the kind's own values, e.g. a Tempo for a tempo step
    cue: str = ""
    sets: int = 1
    reps: int = 1
    rest: float = 0.0  # between sets
    sides: bool = False
    eccentric: bool = False
    lead_in: float = 5.0  # get-ready before the step
    switch: float = 5.0  # switch-side transition
    set_reps: tuple[int, ...] = ()  # reps per set when they differ, e.g. 12, 10, 8; else empty
    exercise: Exercise | None = None  # what the coach needs to know about the step
    main: bool = False  # the step whose completion makes the session count
    control: bool = False  # a lowering can get away (a Nordic's fall): x marks the rep

    @property
    def get_ready(self) -> float:
        """Seconds to get into position before the step, or before a set after a skipped rest:
        the lead-in, never under GET_READY_MIN; a break between steps needs none."""
        return 0.0 if self.kind.is_break else max(GET_READY_MIN, self.lead_in)

    def reps_in(self, set_number: int) -> int:
        """Reps in a set (1-based): the same every set unless set_reps says otherwise."""
        if self.set_reps:
            return self.set_reps[min(set_number, len(self.set_reps)) - 1]
        return self.reps

    def work_seconds(self, set_number: int = 1) -> float:
        """Seconds of work in one set on one side (self-paced reps by their estimate)."""
        return self.kind.work_seconds(self, set_number)

    def planned_seconds(self) -> float:
        """The whole step: get-ready, every set on every side, switches and rests."""
        sides = 2 if self.sides else 1
        work = sum(self.work_seconds(n) for n in range(1, self.sets + 1))
        return (self.get_ready + sides * work
                + (self.sets * self.switch if self.sides else 0.0) + (self.sets - 1) * self.rest)

    def dose(self) -> str:
        """A short human description of the dose, for lists and tables."""
        return self.kind.dose(self)

    def allows(self, action: Action) -> bool:
        """May the runner do this during the step's work? The kind says."""
        if action is Action.LOST_CONTROL and not self.control:
            return False  # offered only where the file says control can be lost
        return action in self.kind.actions


class Session(NamedTuple):
    """A session file, validated: its steps, and for a programme the steps of each week.

    A NamedTuple, as Step is: immutable, and a fifth of a frozen dataclass's cost to create at each launch
    (some 0.5 ms). Two sessions are equal when every field is, their files included."""

    name: str  # the file's stem: how the runner names it on the command line
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    tags: tuple[str, ...] = ()
    source: Path | None = None
    weeks: tuple[tuple[Step, ...], ...] = ()  # a progression: the steps of week 1, 2, ...
    sessions_per_week: tuple[int, ...] = ()  # per programme week: sessions that complete it
    week: int | None = None  # which week `steps` are, once one is chosen
    category: Category | None = None  # None: the file does not say (the coach then counts it as nothing)
    why: str = ""  # why it works: the evidence, with its citation

    @property
    def main_step(self) -> Step | None:
        return next((step for step in self.steps if step.main), None)

    @property
    def eccentric(self) -> bool:
        """Any eccentric work: a readiness check comes first."""
        return any(step.eccentric for step in self.steps)

    @property
    def nordic(self) -> bool:
        return any(step.exercise is Exercise.NORDIC for step in self.steps)

    @property
    def total_weeks(self) -> int:
        return len(self.weeks)

    def for_week(self, week: int) -> "Session":
        """The session as planned for a programme week (clamped to the programme's length)."""
        if not self.weeks:
            return self
        week = max(1, min(week, len(self.weeks)))
        return self._replace(steps=self.weeks[week - 1], week=week)

    def with_steps(self, steps: tuple[Step, ...]) -> "Session":
        """The same session with other steps (a programme's low-volume maintenance dose)."""
        return self._replace(steps=steps)

    def with_lead_in(self, seconds: float) -> "Session":
        """Every step's get-ready set to the runner's preference (rest steps have none)."""
        steps = tuple(s if s.kind.is_break else s._replace(lead_in=seconds) for s in self.steps)
        return self._replace(steps=steps)
