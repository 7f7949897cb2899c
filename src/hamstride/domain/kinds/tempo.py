"""Guided reps at a tempo: lower, pause, lift, pause, counted out loud. The eccentric work."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamstride.domain.kinds.base import (
    MAX_PHASE_SECONDS, MIN_PHASE_SECONDS, Action, Fields, KindBase, WorkPlan, describe,
)
from hamstride.domain.kinds.reps import reps_dose
from hamstride.domain.phase import Phase

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step

TEMPO_KEYS = ("lower", "pause", "lift", "top")
_TEMPO_PART = re.compile(r"^(\d+(?:\.\d+)?|[xX])$")
_HINT = 'write lower-pause-lift-pause seconds, e.g. tempo = "5-0-1-0" (X for an explosive lift), ' \
        "or a table: tempo = { lower = 5, lift = 1 }"


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


def tempo_of(step: Step) -> Tempo:
    assert isinstance(step.params, Tempo), step.params
    return step.params


class TempoKind(KindBase):
    name = "tempo"
    keys = ("tempo", "reps")
    week_keys = ("tempo",)
    implied_by = "tempo"
    example = 'reps = 8 with tempo = "3-1-1-0" (guided reps)'
    phase_words = {Phase.LOWER: "LOWER", Phase.PAUSE: "PAUSE", Phase.LIFT: "LIFT"}
    needs_reps = True
    actions = frozenset({Action.LOST_CONTROL})

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Tempo | None:
        value = raw.get("tempo")
        if value is None:
            fields.problem("tempo", "is missing", _HINT)
            return None
        if isinstance(value, str):
            return _read_text(fields, value)
        if isinstance(value, dict):
            return _read_table(fields, value)
        fields.problem("tempo", f"expected a tempo, got {describe(value)}", _HINT)
        return None

    def work_seconds(self, step: Step, set_number: int) -> float:
        return step.reps_in(set_number) * tempo_of(step).rep_seconds

    def dose(self, step: Step) -> str:
        return reps_dose(step)

    def notation(self, step: Step) -> str:
        return tempo_of(step).notation()

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        tempo, reps = tempo_of(step), step.reps_in(set_number)
        for rep in range(1, reps + 1):
            plan.rep(rep, reps, [(Phase.LOWER, tempo.lower), (Phase.PAUSE, tempo.pause),
                                 (Phase.LIFT, tempo.lift), (Phase.PAUSE, tempo.top)])


def _read_text(fields: Fields, value: str) -> Tempo | None:
    parts = value.strip().split("-")
    if len(parts) not in (3, 4) or not all(_TEMPO_PART.match(p.strip()) for p in parts):
        fields.problem("tempo", f"{value!r} is not a tempo", _HINT)
        return None
    parts = [p.strip() for p in parts] + ["0"] * (4 - len(parts))
    for position, part in enumerate(parts):
        if part in "xX" and position != 2:
            fields.problem("tempo", f"X (explosive) is only for the lift, the third number, in {value!r}", _HINT)
            return None
    explosive = parts[2] in ("x", "X")
    lower, pause, lift, top = (1.0 if p in ("x", "X") else float(p) for p in parts)
    names = ("tempo (lower)", "tempo (pause)", "tempo (lift)", "tempo (top pause)")
    for label, seconds in zip(names, (lower, pause, lift, top)):
        if seconds > MAX_PHASE_SECONDS:
            fields.problem("tempo", f"{label} is {seconds:g} seconds, over the limit of one hour", _HINT)
            return None
        if 0 < seconds < MIN_PHASE_SECONDS:
            fields.problem("tempo", f"{label} is {seconds:g} seconds, too short to follow",
                           f"use at least {MIN_PHASE_SECONDS:g} seconds, or 0 to leave the phase out")
            return None
    if lower == 0:
        fields.problem("tempo", f"{value!r} has no lowering phase",
                       "the first number, the lowering, must be more than 0")
        return None
    return Tempo(lower, pause, lift, top, explosive_lift=explosive)


def _read_table(fields: Fields, value: Mapping[str, Any]) -> Tempo | None:
    fields.unknown_keys(value, TEMPO_KEYS, prefix="tempo.")
    lower = fields.seconds(value, "tempo.lower", 0.0, label="tempo.lower")
    if "lower" not in value:
        fields.problem("tempo.lower", "is missing", "say how many seconds the lowering takes, e.g. lower = 5")
    pause = fields.seconds(value, "tempo.pause", 0.0, allow_zero=True, label="tempo.pause")
    lift = fields.seconds(value, "tempo.lift", 1.0, allow_zero=True, label="tempo.lift")
    top = fields.seconds(value, "tempo.top", 0.0, allow_zero=True, label="tempo.top")
    return Tempo(lower, pause, lift, top)


TEMPO = TempoKind()
