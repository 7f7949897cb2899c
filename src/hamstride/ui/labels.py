"""Words for what the engine reports: phase names, counters, "next". No timing here."""

from __future__ import annotations

import math
from collections.abc import Callable

from hamstride.domain.frames import Snapshot
from hamstride.domain.plan import Phase, Segment
from hamstride.domain.timetext import clock
from hamstride.ui.widgets.counters import Counter

__all__ = ["PHASE_TONE", "band", "clock", "countdown", "counters", "describe_next", "phase_word", "span", "status_line"]

# Words for the moments between work; the work's own words come from the step's kind.
TRANSITION_WORDS = {Phase.GET_READY: "GET READY", Phase.REST: "REST", Phase.SWITCH_SIDE: "SWITCH SIDES"}
# Said shorter in block letters when a narrow screen has no room for the whole word.
SHORT_WORDS = {"SWITCH SIDES": "SWITCH"}


def phase_word(segment: Segment) -> str:
    """What the runner is told to do now, in a word or two: "LOWER", "GET READY"."""
    if not segment.is_transition:
        word = segment.step.kind.phase_word(segment.step, segment.phase)
        if word is not None:
            return word
    return TRANSITION_WORDS[segment.phase]


# The colour family of each phase (the run view's tones).
PHASE_TONE = {
    Phase.GET_READY: "transition", Phase.SWITCH_SIDE: "transition", Phase.REST: "rest",
    Phase.LOWER: "lowering", Phase.OUT: "lowering", Phase.PAUSE: "work", Phase.LIFT: "work", Phase.IN: "work",
    Phase.HOLD: "work",
    Phase.CONTRACT: "work", Phase.RELAX: "rest", Phase.STRETCH: "work", Phase.WORK: "work",
}


def countdown(seconds: float) -> str:
    """Whole seconds rounded up, as a countdown is read: 4.2 s left shows 5, exactly 4 s shows 4."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return str(whole)


def span(seconds: float) -> str:
    """A planned length: "45 s", "1:30"."""
    return f"{round(seconds)} s" if seconds < 60 else clock(seconds)


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


def band(segment: Segment, coming: Segment | None) -> tuple[Counter, ...]:
    """Rep, set and side for the big band. In a get-ready, rest or side switch it shows
    what is coming (the next set and its side), never the set just finished."""
    work = segment
    if segment.is_transition:
        if coming is None or coming.step_index != segment.step_index:
            return ()
        work = coming
    step = work.step
    prefix = "next " if segment.is_transition else ""
    out = []
    if not segment.is_transition and work.rep is not None and work.reps > 1:
        label = step.kind.rep_word
        out.append(Counter(label.lower(), f"{work.rep}/{work.reps}", f"{label} {work.rep} / {work.reps}",
                           bare=str(work.rep), bare_label=f"{label.lower()}/{work.reps}"))
    if step.sets > 1:
        out.append(Counter(f"{prefix}set", f"{work.set}/{step.sets}", f"Set {work.set} / {step.sets}",
                           bare=str(work.set), bare_label=f"{prefix}set/{step.sets}"))
    if work.side is not None:
        word = work.side.value
        out.append(Counter(f"{prefix}side", word.upper(), word.capitalize(), short=word[0].upper()))
    return tuple(out)


def describe_next(segment: Segment | None, current: Segment, following: Segment | None = None) -> str:
    """What comes next: the next step, the rest or side switch that follows this set, or the next phase."""
    if following is not None and not current.is_transition and following.step_index == current.step_index \
            and following.phase in (Phase.REST, Phase.SWITCH_SIDE) and following.duration is not None:
        then = ", ".join(counter.plain for counter in band(following, segment))
        what = "rest" if following.phase is Phase.REST else "switch sides"
        return f"Next: {what} {span(following.duration)}" + (f", then {then}" if then else "")
    if segment is None:
        return "Next: finish"
    if segment.step_index != current.step_index:
        side = f" ({segment.side.value})" if segment.side else ""
        return f"Next: {segment.step.name}{side}, {segment.step.dose()}"
    parts = counters(segment)
    word = phase_word(segment).capitalize()
    return f"Next: {word}" + (f", {', '.join(parts)}" if parts else "")


def status_line(snap: Snapshot, key: Callable[[str, str], str], note: str, sound_line: Callable[[], str]) -> str:
    """The run screen's status line: a pause, the offer to skip, a notice (`note`, while it lasts), the keys of
    a set the runner counts, or the sound's word; `key` names the runner's key for an action."""
    segment = snap.segment
    if snap.slept is not None:
        return f"Paused: the laptop slept for {clock(snap.slept)} · {key('toggle_pause', 'space')} to go on"
    if snap.paused:
        return f"Paused: {key('toggle_pause', 'space')} to go on"
    if snap.skip_offer:
        return f"Press {key('skip', 'n')} again to skip the rest of {snap.skip_offer}"
    if note:
        return note
    if segment is not None and segment.open_ended:
        return f"{key('count_rep', 'Enter')}: count a rep · {key('finish_set', 'd')}: set done"
    return sound_line()
