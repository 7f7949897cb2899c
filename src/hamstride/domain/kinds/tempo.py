"""Guided reps at a tempo: lower, pause, lift, pause, counted out loud. The eccentric work.

A rep that is more than down and up (a bridge walk-out: lift into the bridge, heels
out, heels in, hips down, breathe) writes its moves in order instead of a tempo.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from hamstride.domain.kinds.base import (
    MAX_PHASE_SECONDS,
    MIN_PHASE_SECONDS,
    Fields,
    KindBase,
    WorkPlan,
    describe,
    own_values,
    reps_done,
    reps_planned,
)
from hamstride.domain.kinds.reps import reps_dose
from hamstride.domain.phase import Action, Phase

if TYPE_CHECKING:
    from hamstride.domain.model import Side, Step
    from hamstride.domain.result import SideResult, StepResult

TEMPO_KEYS = ("lower", "pause", "lift", "top")
STARTS = ("top", "bottom")
PHASE_KEYS = {"lower": Phase.LOWER, "lift": Phase.LIFT, "pause": Phase.PAUSE, "out": Phase.OUT, "in": Phase.IN}
# What a move is called in a file and in the notation ("lift 1, out 5, in 2, lower 1, pause 3").
MOVES = {"lift": Phase.LIFT, "out": Phase.OUT, "in": Phase.IN, "lower": Phase.LOWER, "pause": Phase.PAUSE}
ECCENTRIC_MOVES = (Phase.LOWER, Phase.OUT)
_MOVE = re.compile(r"^\s*([a-z]+)\s+(\d+(?:\.\d+)?)\s*$")
_MOVES_HINT = 'write each move as a word and its seconds, in order, e.g. ' \
              'moves = ["lift 1", "out 5", "in 2", "lower 1", "pause 3"]; the words: ' + ", ".join(MOVES)
MAX_WORD = 12  # a phase word is drawn in block letters: it must fit a 60-column screen
_TEMPO_PART = re.compile(r"^(\d+(?:\.\d+)?|[xX])$")
_HINT = 'write lower-pause-lift-pause seconds, e.g. tempo = "5-0-1-0" (X for an explosive lift), ' \
        "or a table: tempo = { lower = 5, lift = 1 }"


@own_values
class Tempo(NamedTuple):
    """Seconds per phase of one rep, as in the strength notation lower-pause-lift-pause."""

    lower: float
    pause: float = 0.0
    lift: float = 1.0
    top: float = 0.0
    explosive_lift: bool = False
    from_bottom: bool = False  # starts = "bottom": lying on the floor, each rep lifts first
    words: tuple[tuple[Phase, str], ...] = ()  # phases = { lower = "OUT", lift = "IN" }
    moves: tuple[tuple[Phase, float], ...] = ()  # a rep written move by move: the four numbers are unused

    @property
    def rep_seconds(self) -> float:
        if self.moves:
            return sum(seconds for _, seconds in self.moves)
        return self.lower + self.pause + self.lift + self.top

    def rep_phases(self) -> list[tuple[Phase, float]]:
        """One rep's phases in the order the body does them."""
        if self.moves:
            return list(self.moves)
        down = [(Phase.LOWER, self.lower), (Phase.PAUSE, self.pause)]
        up = [(Phase.LIFT, self.lift), (Phase.PAUSE, self.top)]
        return up + down if self.from_bottom else down + up

    def notation(self) -> str:
        if self.moves:
            return ", ".join(f"{phase.value} {_fmt(seconds)}" for phase, seconds in self.moves)
        fmt = _fmt
        lift = "X" if self.explosive_lift else fmt(self.lift)
        return f"{fmt(self.lower)}-{fmt(self.pause)}-{lift}-{fmt(self.top)}"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def tempo_of(step: Step) -> Tempo:
    assert isinstance(step.params, Tempo), step.params
    return step.params


class TempoKind(KindBase):
    name = "tempo"
    keys = ("tempo", "moves", "reps", "starts", "phases")
    week_keys = ("tempo", "moves")
    implied_by = ("tempo", "moves")
    example = 'reps = 8 with tempo = "3-1-1-0" (guided reps)'
    phase_words = {Phase.LOWER: "LOWER", Phase.PAUSE: "PAUSE", Phase.LIFT: "LIFT", Phase.OUT: "OUT", Phase.IN: "IN"}
    rep_word = "Rep"
    needs_reps = True
    actions = frozenset({Action.LOST_CONTROL})

    def read(self, fields: Fields, raw: Mapping[str, Any], *, reps: int) -> Tempo | None:
        value = raw.get("tempo")
        if "moves" in raw:
            if value is not None:
                fields.problem("moves", "a rep is written either as a tempo or as moves, not both",
                               "keep moves for a rep of more than down and up, else keep tempo")
                return None
            if "starts" in raw:
                fields.problem("starts", "does not apply to a rep written as moves: the moves give the order",
                               "remove it, and put the moves in the order the body does them")
                return None
            moves = _read_moves(fields, raw["moves"])
            return None if moves is None else Tempo(0.0, lift=0.0, moves=moves, words=_read_words(fields, raw))
        if value is None:
            fields.problem("tempo", "is missing", _HINT)
            return None
        if isinstance(value, str):
            tempo = _read_text(fields, value)
        elif isinstance(value, dict):
            tempo = _read_table(fields, value)
        else:
            fields.problem("tempo", f"expected a tempo, got {describe(value)}", _HINT)
            return None
        if tempo is None:
            return None
        return tempo._replace(from_bottom=_read_starts(fields, raw), words=_read_words(fields, raw))

    def work_seconds(self, step: Step, set_number: int) -> float:
        return step.reps_in(set_number) * tempo_of(step).rep_seconds

    def dose(self, step: Step) -> str:
        return reps_dose(step)

    def notation(self, step: Step) -> str:
        return tempo_of(step).notation()

    def planned_text(self, result: StepResult) -> str:
        return reps_planned(result)

    def done_text(self, result: StepResult, side: SideResult) -> str:
        return reps_done(side)

    def phase_word(self, step: Step, phase: Phase) -> str | None:
        return dict(tempo_of(step).words).get(phase) or self.phase_words.get(phase)

    def work(self, step: Step, set_number: int, side: Side | None, plan: WorkPlan) -> None:
        tempo, reps = tempo_of(step), step.reps_in(set_number)
        for rep in range(1, reps + 1):
            plan.rep(rep, reps, tempo.rep_phases())


def _read_moves(fields: Fields, value: Any) -> tuple[tuple[Phase, float], ...] | None:
    if not isinstance(value, list):
        fields.problem("moves", f"expected a list, got {describe(value)}", _MOVES_HINT)
        return None
    if not value:
        fields.problem("moves", "is empty", _MOVES_HINT)
        return None
    moves = []
    for item in value:
        match = _MOVE.match(item) if isinstance(item, str) else None
        if match is None or match.group(1) not in MOVES:
            shown = repr(item) if isinstance(item, str) and len(item) <= 30 else describe(item)
            fields.problem("moves", f"{shown} is not a move", _MOVES_HINT)
            return None
        seconds = float(match.group(2))
        if not MIN_PHASE_SECONDS <= seconds <= MAX_PHASE_SECONDS:
            fields.problem("moves", f"{item.strip()!r} is {seconds:g} seconds, "
                           + ("too short to follow" if seconds < MIN_PHASE_SECONDS else "over the limit of one hour"),
                           f"give each move from {MIN_PHASE_SECONDS:g} seconds to one hour")
            return None
        moves.append((MOVES[match.group(1)], seconds))
    if not any(phase in ECCENTRIC_MOVES for phase, _ in moves):
        fields.problem("moves", "has no lowering: a guided rep is there for its slow lowering",
                       'add the eccentric move, "lower" or "out", e.g. "out 5"')
        return None
    return tuple(moves)


def _read_starts(fields: Fields, raw: Mapping[str, Any]) -> bool:
    value = raw.get("starts", "top")
    if value not in STARTS:
        fields.problem("starts", f"expected \"top\" or \"bottom\", got {describe(value)}",
                       'write starts = "bottom" for a rep that begins lying down and lifts first')
        return False
    return bool(value == "bottom")


def _read_words(fields: Fields, raw: Mapping[str, Any]) -> tuple[tuple[Phase, str], ...]:
    value = raw.get("phases", {})
    hint = 'write phases = { lower = "OUT", lift = "IN" }'
    if not isinstance(value, dict):
        fields.problem("phases", f"expected a table, got {describe(value)}", hint)
        return ()
    fields.unknown_keys(value, tuple(PHASE_KEYS), prefix="phases.")
    words = []
    for key, phase in PHASE_KEYS.items():
        word = value.get(key)
        if word is None:
            continue
        if not isinstance(word, str) or not word.strip() or len(word.strip()) > MAX_WORD \
                or not word.strip().isprintable():
            fields.problem(f"phases.{key}", f"expected a word of 1 to {MAX_WORD} letters, got {describe(word)}", hint)
            continue
        words.append((phase, word.strip().upper()))
    return tuple(words)


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
