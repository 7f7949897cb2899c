"""The session model: what a session file says, after validation.

Everything here is frozen so a loaded session can be shared between the plan,
the engine and the UI without anyone changing it underneath the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path


class StepKind(StrEnum):
    TIMED = "timed"  # a drill for a duration
    HOLD = "hold"  # an isometric hold, possibly repeated
    TEMPO = "tempo"  # guided reps at a tempo: lower / pause / lift / pause
    REPS = "reps"  # self-paced reps: the runner counts or marks the set done
    PNF = "pnf"  # contract-relax stretching
    REST = "rest"  # a plain rest


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


@dataclass(frozen=True)
class Tempo:
    """Seconds per phase of one rep, as in the strength notation lower-pause-lift-pause."""

    lower: float
    pause: float = 0.0
    lift: float = 1.0
    top: float = 0.0
    explosive_lift: bool = False

    @property
    def rep_seconds(self) -> float:
        return self.lower + self.pause + self.lift + self.top

    def notation(self) -> str:
        def fmt(value: float) -> str:
            return str(int(value)) if float(value).is_integer() else f"{value:g}"

        lift = "X" if self.explosive_lift else fmt(self.lift)
        return f"{fmt(self.lower)}-{fmt(self.pause)}-{lift}-{fmt(self.top)}"


@dataclass(frozen=True)
class Pnf:
    """Contract-relax: an optional first stretch, then cycles of contract, relax, stretch."""

    prestretch: float = 10.0
    contract: float = 6.0
    relax: float = 3.0
    stretch: float = 25.0
    cycles: int = 3

    @property
    def seconds(self) -> float:
        return self.prestretch + self.cycles * (self.contract + self.relax + self.stretch)


@dataclass(frozen=True)
class Step:
    name: str
    kind: StepKind
    cue: str = ""
    sets: int = 1
    reps: int = 1
    rest: float = 0.0  # between sets
    sides: bool = False
    eccentric: bool = False
    lead_in: float = 5.0  # get-ready before the step
    switch: float = 5.0  # switch-side transition
    duration: float = 0.0  # timed drills and rest steps
    hold: float = 0.0  # hold seconds
    between: float = 0.0  # pause between held reps
    rep_seconds: float = 3.0  # estimate for self-paced reps
    tempo: Tempo | None = None
    pnf: Pnf | None = None
    set_reps: tuple[int, ...] = ()  # reps per set when they differ, e.g. 12, 10, 8; else empty
    exercise: Exercise | None = None  # what the coach needs to know about the step
    main: bool = False  # the step whose completion makes the session count

    def reps_in(self, set_number: int) -> int:
        """Reps in a set (1-based): the same every set unless set_reps says otherwise."""
        if self.set_reps:
            return self.set_reps[min(set_number, len(self.set_reps)) - 1]
        return self.reps

    def work_seconds(self, set_number: int = 1) -> float:
        """Seconds of work in one set on one side (self-paced reps by their estimate)."""
        reps = self.reps_in(set_number)
        match self.kind:
            case StepKind.TIMED | StepKind.REST:
                return self.duration
            case StepKind.HOLD:
                return reps * self.hold + (reps - 1) * self.between
            case StepKind.TEMPO:
                assert self.tempo is not None
                return reps * self.tempo.rep_seconds
            case StepKind.REPS:
                return reps * self.rep_seconds
            case StepKind.PNF:
                assert self.pnf is not None
                return self.pnf.seconds

    def planned_seconds(self) -> float:
        """The whole step: get-ready, every set on every side, switches and rests."""
        sides = 2 if self.sides else 1
        work = sum(self.work_seconds(n) for n in range(1, self.sets + 1))
        return (self.lead_in + sides * work
                + (self.sets * self.switch if self.sides else 0.0) + (self.sets - 1) * self.rest)

    def dose(self) -> str:
        """A short human description of the dose, for lists and tables."""
        per_side = " per side" if self.sides else ""
        sets = f"{self.sets} x " if self.sets > 1 else ""
        match self.kind:
            case StepKind.TIMED | StepKind.REST:
                return f"{sets}{_seconds(self.duration)}{per_side}"
            case StepKind.HOLD:
                reps = f"{self.reps} x " if self.reps > 1 else ""
                return f"{sets}{reps}{_seconds(self.hold)} hold{per_side}"
            case StepKind.TEMPO | StepKind.REPS:
                reps = "/".join(str(r) for r in self.set_reps) if self.set_reps else str(self.reps)
                return f"{sets}{reps} reps{per_side}"
            case StepKind.PNF:
                assert self.pnf is not None
                return f"{self.pnf.cycles} cycles{per_side}"


def _seconds(value: float) -> str:
    if value >= 60 and value % 60 == 0:
        return f"{int(value // 60)} min"
    return f"{value:g} s"


@dataclass(frozen=True)
class Session:
    name: str  # the file's stem: how the runner names it on the command line
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    tags: tuple[str, ...] = ()
    source: Path | None = field(default=None, compare=False)
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

    def for_week(self, week: int) -> Session:
        """The session as planned for a programme week (clamped to the programme's length)."""
        if not self.weeks:
            return self
        week = max(1, min(week, len(self.weeks)))
        return replace(self, steps=self.weeks[week - 1], week=week)

    def with_lead_in(self, seconds: float) -> Session:
        """Every step's get-ready set to the runner's preference (rest steps have none)."""
        steps = tuple(s if s.kind is StepKind.REST else replace(s, lead_in=seconds) for s in self.steps)
        return replace(self, steps=steps)
