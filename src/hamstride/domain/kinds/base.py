"""What a kind of step is: the one seam the loader, the planner, the engine and the screens go through.

A kind (a timed drill, a hold, guided tempo reps...) lives in one module of this
package, behind the `StepKind` protocol below, and is listed once in
`hamstride.domain.kinds` (the registry). Nothing else in the code asks "which
kind is this step?": it asks the step's kind.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from hamstride.domain.phase import Action

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step
    from hamstride.domain.phase import Phase
    from hamstride.domain.result import SideResult, StepResult

# Limits every kind's values keep: what a runner can follow, and what keeps a plan small.
MAX_REPS = 1000
MAX_CYCLES = 50
MAX_PHASE_SECONDS = 3600.0
MIN_PHASE_SECONDS = 0.5  # nobody can follow a shorter phase; it also bounds the timeline's size


class Fields(Protocol):
    """Reads a step's values and collects what is wrong with them (the loader's reader).

    A kind reads its own keys through it, so its problems name the file, line and
    key like every other problem in a session file.
    """

    def problem(self, key: str | None, message: str, hint: str | None = None) -> None: ...

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...], prefix: str = "") -> None: ...

    def seconds(self, table: Mapping[str, Any], key: str, default: float, *, allow_zero: bool = False,
                label: str | None = None) -> float: ...

    def count(self, table: Mapping[str, Any], key: str, default: int, limit: int,
              label: str | None = None, example: int = 3) -> int: ...


class WorkPlan(Protocol):
    """Where a kind lays out the segments of one set on one side (the planner implements it)."""

    def add(self, phase: Phase, duration: float | None, *, rep: int | None = None) -> None:
        """One segment; duration None is open-ended: the runner ends it."""

    def rep(self, rep: int, reps: int, phases: list[tuple[Phase, float]]) -> None:
        """One rep of several timed phases (phases of 0 seconds are left out); the planner adds
        the "last rep" and "rep done" cues."""


class StepKind(Protocol):
    """One kind of step. Implementations are stateless singletons, compared by identity;
    their attributes are plain class attributes (read-only here)."""

    @property
    def name(self) -> str:
        """As a session file and the history write it: kind = "tempo"."""

    @property
    def keys(self) -> tuple[str, ...]:
        """Step keys that apply only to some kinds, this one among them."""

    @property
    def week_keys(self) -> tuple[str, ...]:
        """Of those, what a week of a progression may change."""

    @property
    def implied_by(self) -> tuple[str, ...]:
        """Keys that make a step this kind when `kind` is not written (no other kind may claim them)."""

    @property
    def implied_alone_by(self) -> tuple[str, ...]:
        """Keys that make a step this kind only when no key implies a kind outright: `reps` alone."""

    @property
    def example(self) -> str:
        """How to write one, for the hint when a step does not say what to do."""

    @property
    def needs_reps(self) -> bool:
        """A step of this kind must say `reps`."""

    @property
    def is_break(self) -> bool:
        """A rest between steps: no get-ready, no sides, no "set done"."""

    @property
    def actions(self) -> frozenset[Action]:
        """What the runner may do during its work."""

    @property
    def resting(self) -> frozenset[Phase]:
        """Phases of its work that are a rest between reps (the gap between two holds): not time worked."""

    @property
    def rep_word(self) -> str:
        """What one repetition is called on screen: "Rep", "Cycle"."""

    @property
    def phase_words(self) -> Mapping[Phase, str]:
        """The words for the phases of its work, as the screen shows them."""

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> object | None:
        """The kind's own values from a step's table (its `params`); None after a problem."""

    def reps_in(self, step: Step, set_number: int) -> int:
        """Repetitions in a set (1-based), as the counters show them."""

    def planned_reps(self, step: Step) -> int:
        """Repetitions a set asks for, as the history records them."""

    def work_seconds(self, step: Step, set_number: int) -> float:
        """Seconds of work in one set on one side (self-paced reps by their estimate)."""

    def dose(self, step: Step) -> str:
        """A short description of the dose for lists and tables, like "2 x 5 reps per side"."""

    def notation(self, step: Step) -> str:
        """A compact notation of how the work is done ("5-0-X-1" for a tempo), or ""."""

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        """Lay out one set's work on one side (get-ready, switches and rests are the planner's)."""

    def phase_word(self, step: Step, phase: Phase) -> str | None:
        """The word for one of its work phases on screen; None for a phase it does not plan."""

    def unit_seconds(self, step: Step) -> float:
        """Seconds of one unit of its work (a timed set, one hold), kept in the record to tell the dose."""

    def planned_text(self, result: StepResult) -> str:
        """The planned dose of a recorded step, as the summary, history and report tell it."""

    def done_text(self, result: StepResult, side: SideResult) -> str:
        """What was done on one side, in the kind's own words: reps, seconds, holds or cycles."""


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def recorded_sets(result: StepResult) -> str:
    """ "3 x " before a recorded dose of several sets, nothing for one."""
    return f"{result.planned_sets} x " if result.planned_sets > 1 else ""


def recorded_side(result: StepResult) -> str:
    return " per side" if len(result.sides) > 1 else ""


def reps_planned(result: StepResult) -> str:
    """ "3 x 5 per side": a recorded dose of counted reps."""
    return f"{result.planned_sets} x {result.planned_reps}{recorded_side(result)}"


def reps_done(side: SideResult) -> str:
    """ "3 sets, 15 reps (2 lost control)": counted reps done on one side."""
    lost = f" ({side.reps_lost_control} lost control)" if side.reps_lost_control else ""
    return f"{plural(side.sets_done, 'set')}, {plural(side.reps_done, 'rep')}{lost}"


def seconds_text(value: float) -> str:
    """Seconds as a dose says them: "45 s", "2 min"."""
    if value >= 60 and value % 60 == 0:
        return f"{int(value // 60)} min"
    return f"{value:g} s"


def sets_text(step: Step) -> str:
    """ "3 x " before a dose of several sets, nothing for one."""
    return f"{step.sets} x " if step.sets > 1 else ""


def per_side(step: Step) -> str:
    return " per side" if step.sides else ""


def describe(value: Any) -> str:
    """A value from a file, named for an error message: "the text 'five'", "a table"."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {shown!r}"
    if isinstance(value, int) and abs(value) >= 10**12:
        return "a very large number"  # printing it in full could take thousands of digits
    if isinstance(value, float) and not abs(value) < 10**12:  # TOML's inf and nan: words the runner never wrote
        return "a value that is not a number" if math.isnan(value) else \
            "a very large number" if value > 0 else "a number far below 0"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


V = TypeVar("V", bound=tuple[Any, ...])


def own_values(cls: type[V]) -> type[V]:
    """A kind's own values (a step's `params`: Tempo, Hold...) made equal only to values of their class.

    They are NamedTuples, a fifth of a dataclass's cost to create at each launch. As plain
    tuples two kinds' values holding the same numbers would be equal (Hold(30) == Duration(30));
    with this they compare as the dataclasses did, and equal values still hash alike.
    """
    setattr(cls, "__eq__", _equal)
    setattr(cls, "__ne__", _unequal)
    setattr(cls, "__hash__", tuple.__hash__)
    return cls


def _equal(self: tuple[Any, ...], other: object) -> bool:
    if other.__class__ is self.__class__:
        return tuple.__eq__(self, other)
    return False if isinstance(other, tuple) else NotImplemented


def _unequal(self: tuple[Any, ...], other: object) -> bool:
    if other.__class__ is self.__class__:
        return tuple.__ne__(self, other)
    return True if isinstance(other, tuple) else NotImplemented


class KindBase(ABC):
    """What most kinds share. Everything a kind says in words is abstract, so a kind
    that forgets one fails at import instead of borrowing another kind's words
    (a hold reported as "3 sets, 3 reps")."""

    # Declared by every kind, checked when it is made (a class attribute cannot be abstract).
    REQUIRED = ("name", "keys", "example", "implied_by", "rep_word", "phase_words")

    name: str
    keys: tuple[str, ...]
    example: str
    implied_by: tuple[str, ...]
    implied_alone_by: tuple[str, ...] = ()
    week_keys: tuple[str, ...] = ()
    needs_reps = False
    is_break = False
    actions: frozenset[Action] = frozenset()
    resting: frozenset[Phase] = frozenset()
    rep_word: str
    phase_words: Mapping[Phase, str]

    def __init__(self) -> None:
        missing = [attribute for attribute in self.REQUIRED if not hasattr(self, attribute)]
        if missing:
            raise TypeError(f"{type(self).__name__} must declare {', '.join(missing)}")

    def reps_in(self, step: Step, set_number: int) -> int:
        return step.reps_in(set_number)

    def planned_reps(self, step: Step) -> int:
        return step.reps

    def notation(self, step: Step) -> str:
        return ""

    def phase_word(self, step: Step, phase: Phase) -> str | None:
        return self.phase_words.get(phase)

    def unit_seconds(self, step: Step) -> float:
        return self.work_seconds(step, 1)

    @abstractmethod
    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> object | None: ...

    @abstractmethod
    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None: ...

    @abstractmethod
    def work_seconds(self, step: Step, set_number: int) -> float: ...

    @abstractmethod
    def dose(self, step: Step) -> str: ...

    @abstractmethod
    def planned_text(self, result: StepResult) -> str: ...

    @abstractmethod
    def done_text(self, result: StepResult, side: SideResult) -> str: ...

    def __repr__(self) -> str:
        return f"<step kind {getattr(self, 'name', '?')}>"
