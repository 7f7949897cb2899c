"""Words for what the engine reports: phase names, counters, "next". No timing here."""

from __future__ import annotations

import math

from hamstride.domain.plan import Phase, Segment
from hamstride.domain.timetext import clock

__all__ = ["PHASE_CLASS", "PHASE_WORDS", "clock", "countdown", "counters", "describe_next"]

# Words for the moments between work; the work's own words come from the step's kind.
TRANSITION_WORDS = {Phase.GET_READY: "GET READY", Phase.REST: "REST", Phase.SWITCH_SIDE: "SWITCH SIDES"}


def phase_word(segment: Segment) -> str:
    """What the runner is told to do now, in a word or two: "LOWER", "GET READY"."""
    if not segment.is_transition:
        word = segment.step.kind.phase_word(segment.step, segment.phase)
        if word is not None:
            return word
    return TRANSITION_WORDS[segment.phase]


# The colour family of each phase, as a CSS class on the run screen.
PHASE_CLASS = {
    Phase.GET_READY: "-transition", Phase.SWITCH_SIDE: "-transition", Phase.REST: "-rest",
    Phase.LOWER: "-lowering", Phase.PAUSE: "-work", Phase.LIFT: "-work", Phase.HOLD: "-work",
    Phase.CONTRACT: "-work", Phase.RELAX: "-rest", Phase.STRETCH: "-work", Phase.WORK: "-work",
}


def countdown(seconds: float) -> str:
    """Whole seconds rounded up, as a countdown is read: 4.2 s left shows 5, exactly 4 s shows 4."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return str(whole)


def counters(segment: Segment) -> list[str]:
    """"Rep 3 / 5", "Set 2 / 3", "Left": what the runner counts."""
    parts = []
    step = segment.step
    if segment.rep is not None and segment.reps > 1:
        label = step.kind.rep_word
        parts.append(f"{label} {segment.rep} / {segment.reps}")
    if step.sets > 1:
        parts.append(f"Set {segment.set} / {step.sets}")
    if segment.side is not None:
        parts.append(segment.side.value.capitalize())
    return parts


def describe_next(segment: Segment | None, current: Segment) -> str:
    if segment is None:
        return "Next: finish"
    if segment.step_index != current.step_index:
        side = f" ({segment.side.value})" if segment.side else ""
        return f"Next: {segment.step.name}{side}, {segment.step.dose()}"
    parts = counters(segment)
    word = phase_word(segment).capitalize()
    return f"Next: {word}" + (f", {', '.join(parts)}" if parts else "")
