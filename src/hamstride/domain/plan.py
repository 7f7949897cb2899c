"""Turn a session into a timeline: every segment of every rep, with its cues.

The plan is the only place that decides what happens when. The engine walks
it; the UI and the audio only react to what the engine reports.
"""

from typing import NamedTuple, assert_never

from hamstride.domain.cues import AT_END, Cue, CueKind
from hamstride.domain.model import Session, Side, Step
from hamstride.domain.phase import Action, Phase

__all__ = ["Phase", "Segment", "Timeline", "build_timeline"]


TRANSITIONS = frozenset({Phase.GET_READY, Phase.REST, Phase.SWITCH_SIDE})
_START_CUE = {
    Phase.GET_READY: CueKind.GET_READY, Phase.LOWER: CueKind.LOWER, Phase.PAUSE: CueKind.PAUSE,
    Phase.LIFT: CueKind.LIFT, Phase.OUT: CueKind.OUT, Phase.IN: CueKind.IN, Phase.HOLD: CueKind.HOLD, Phase.CONTRACT: CueKind.CONTRACT,
    Phase.RELAX: CueKind.RELAX, Phase.STRETCH: CueKind.STRETCH, Phase.WORK: CueKind.GO,
    Phase.REST: CueKind.REST, Phase.SWITCH_SIDE: CueKind.SWITCH_SIDES,
}
_COUNTDOWN_PHASES = frozenset({Phase.GET_READY, Phase.HOLD, Phase.CONTRACT, Phase.STRETCH,
                               Phase.WORK, Phase.REST, Phase.SWITCH_SIDE})
_COUNTED_PHASES = frozenset({Phase.LOWER, Phase.OUT})  # the eccentric work: a tick each second
_HALFWAY_PHASES = frozenset({Phase.HOLD, Phase.STRETCH, Phase.WORK})
HALFWAY_FROM = 20.0  # a hold shorter than this needs no "halfway"
ALMOST_OVER_BEFORE = 10.0


class Segment(NamedTuple):
    """One stretch of time with one instruction: a lowering, a rest, a hold..."""

    position: int  # its place in the timeline (not `index`: a tuple has an index method)
    step_index: int
    step: Step
    set: int
    rep: int | None  # None outside reps (get-ready, rest, a timed drill)
    side: Side | None
    phase: Phase
    start: float  # planned offset from the session start (estimates for open segments)
    duration: float | None  # None: open-ended, the runner ends it
    cues: tuple[Cue, ...]
    ends_rep: bool = False
    ends_set: bool = False
    estimate: float = 0.0  # duration, or the expected length of an open segment
    counts_rep: bool = False  # the rep counts once this phase is done: a tempo rep's lowering, else its last phase

    @property
    def sets(self) -> int:
        return self.step.sets

    @property
    def reps(self) -> int:
        return self.step.kind.reps_in(self.step, self.set)

    @property
    def is_transition(self) -> bool:
        return self.phase in TRANSITIONS

    @property
    def open_ended(self) -> bool:
        return self.duration is None

    def allows(self, action: Action) -> bool:
        """May the runner do this now? Only during the work of a step whose kind offers it."""
        if self.is_transition or not self.step.allows(action):
            return False
        match action:
            case Action.COUNT_REP | Action.FINISH_SET:
                return self.open_ended
            case Action.LOST_CONTROL:
                return self.rep is not None
            case _:
                assert_never(action)


class SetSpan(NamedTuple):
    """One set on one side: the segments the runner can end early, go back to, or resume at."""

    step: int
    set: int
    side: Side | None
    start: int  # its own get-ready or side switch when it has one, else its first work segment
    work: int  # its first work segment
    end: int  # one past its last work segment


class Timeline(NamedTuple):
    session: Session
    segments: tuple[Segment, ...]
    step_starts: tuple[int, ...]  # index of each step's first segment
    set_spans: tuple[SetSpan, ...] = ()

    @property
    def total(self) -> float:
        """Estimated seconds for the whole session (exact without self-paced steps)."""
        if not self.segments:
            return 0.0
        last = self.segments[-1]
        return last.start + last.estimate

    def after(self, segment_index: int) -> float:
        """Estimated seconds of everything after the given segment."""
        following = segment_index + 1
        if following >= len(self.segments):
            return 0.0
        return self.total - self.segments[following].start

    def step_of(self, segment_index: int) -> int:
        return self.segments[segment_index].step_index

    def next_work(self, segment_index: int) -> Segment | None:
        """The next segment that is work, not a transition: what "next" shows (asked at every frame:
        no copy of the segments after it, a few thousand in a long session)."""
        segments = self.segments
        for index in range(segment_index + 1, len(segments)):
            if not segments[index].is_transition:
                return segments[index]
        return None

    def step_end(self, step_index: int) -> int:
        """Index one past the step's last segment."""
        following = step_index + 1
        return self.step_starts[following] if following < len(self.step_starts) else len(self.segments)


class _Draft:
    """A segment being planned: its start and index come once every segment is laid out.

    A plain class: working state, never compared or shown (a dataclass cost 0.5 ms to create at
    launch, tests/perf/test_launch_classes.py)."""

    def __init__(self, step_index: int, step: Step, set: int, rep: int | None, side: Side | None,
                 phase: Phase, duration: float | None, extra: list[Cue]) -> None:
        self.step_index = step_index
        self.step = step
        self.set = set
        self.rep = rep
        self.side = side
        self.phase = phase
        self.duration = duration
        self.extra = extra
        self.ends_rep = False
        self.ends_set = False
        self.counts_rep = False


def build_timeline(session: Session, first_side: Side = Side.LEFT) -> Timeline:
    """The session second by second; per-side steps start on first_side (runs alternate it)."""
    drafts: list[_Draft] = []
    step_starts: list[int] = []
    for step_index, step in enumerate(session.steps):
        step_starts.append(len(drafts))
        drafts.extend(_step_drafts(step_index, step, first_side))
    if drafts:
        drafts[-1].extra.append(Cue(CueKind.SESSION_DONE, _end_of(drafts[-1])))
    segments: list[Segment] = []
    offset = 0.0
    for index, draft in enumerate(drafts):
        estimate = draft.duration if draft.duration is not None else _open_estimate(draft.step, draft.set)
        segments.append(Segment(
            position=index, step_index=draft.step_index, step=draft.step, set=draft.set, rep=draft.rep,
            side=draft.side, phase=draft.phase, start=offset, duration=draft.duration,
            cues=_cues(draft), ends_rep=draft.ends_rep, ends_set=draft.ends_set, estimate=estimate,
            counts_rep=draft.counts_rep,
        ))
        offset += estimate
    return Timeline(session=session, segments=tuple(segments), step_starts=tuple(step_starts),
                    set_spans=_set_spans(segments))


def planned_seconds(session: Session) -> float:
    """`build_timeline(session).total`, without building the cues and segments (the home screen shows
    it for every session in the library: the whole timelines were most of its first frame)."""
    total = 0.0
    for step_index, step in enumerate(session.steps):
        for draft in _step_drafts(step_index, step):
            total += draft.duration if draft.duration is not None else _open_estimate(draft.step, draft.set)
    return total


def _set_spans(segments: list[Segment]) -> tuple[SetSpan, ...]:
    spans: list[SetSpan] = []
    index = 0
    while index < len(segments):
        first = segments[index]
        if first.is_transition:
            index += 1
            continue
        key = (first.step_index, first.set, first.side)
        end = index
        while end < len(segments) and not segments[end].is_transition \
                and (segments[end].step_index, segments[end].set, segments[end].side) == key:
            end += 1
        before = segments[index - 1] if index > 0 else None
        own = before is not None and before.phase in (Phase.GET_READY, Phase.SWITCH_SIDE) \
            and before.step_index == first.step_index
        spans.append(SetSpan(first.step_index, first.set, first.side, index - 1 if own else index, index, end))
        index = end
    return tuple(spans)


def get_ready_before(segment: Segment) -> Segment:
    """A get-ready put before a set that starts after a skipped rest or a step back:
    the runner has to get from the laptop back into position."""
    seconds = segment.step.get_ready
    draft = _Draft(segment.step_index, segment.step, segment.set, None, segment.side, Phase.GET_READY, seconds, [])
    return Segment(position=segment.position, step_index=segment.step_index, step=segment.step, set=segment.set,
                   rep=None, side=segment.side, phase=Phase.GET_READY, start=segment.start, duration=seconds,
                   cues=_cues(draft), estimate=seconds)


def _open_estimate(step: Step, set_number: int) -> float:
    return step.work_seconds(set_number)


def _end_of(draft: _Draft) -> float:
    return AT_END if draft.duration is None else draft.duration


class _SetPlan:
    """One set's work on one side, as its kind lays it out (the `WorkPlan` a kind is given)."""

    def __init__(self, out: list[_Draft], step_index: int, step: Step, set_number: int,
                 side: Side | None) -> None:
        self._out, self._step_index, self._step = out, step_index, step
        self._set, self._side = set_number, side

    def add(self, phase: Phase, duration: float | None, *, rep: int | None = None) -> None:
        self._add(phase, duration, rep)

    def rep(self, rep: int, reps: int, phases: list[tuple[Phase, float]]) -> None:
        drafts = [self._add(phase, seconds, rep) for phase, seconds in phases if seconds > 0]
        if rep == reps and reps > 1:
            drafts[0].extra.append(Cue(CueKind.LAST_REP, 0.0))
        drafts[-1].ends_rep = True
        # The eccentric work is the lowering: once it is done the rep was done (a lift or a top pause cut short
        # by n, b, a pause or a crash does not make the runner lower again), else the rep's last phase.
        next((d for d in reversed(drafts) if d.phase is Phase.LOWER), drafts[-1]).counts_rep = True
        drafts[-1].extra.append(Cue(CueKind.REP_DONE, _end_of(drafts[-1])))

    def _add(self, phase: Phase, duration: float | None, rep: int | None) -> _Draft:
        draft = _Draft(self._step_index, self._step, self._set, rep, self._side, phase, duration, [])
        self._out.append(draft)
        return draft


def _step_drafts(step_index: int, step: Step, first: Side = Side.LEFT) -> list[_Draft]:
    out: list[_Draft] = []

    def add(phase: Phase, duration: float, *, set_: int, side: Side | None) -> None:
        out.append(_Draft(step_index, step, set_, None, side, phase, duration, []))

    second = Side.RIGHT if first is Side.LEFT else Side.LEFT
    if step.get_ready > 0:
        add(Phase.GET_READY, step.get_ready, set_=1, side=first if step.sides else None)
    sides: tuple[Side | None, ...] = (first, second) if step.sides else (None,)
    for set_number in range(1, step.sets + 1):
        for side in sides:
            if side is second and step.switch > 0:
                add(Phase.SWITCH_SIDE, step.switch, set_=set_number, side=side)
            step.kind.work(step, set_number, side, _SetPlan(out, step_index, step, set_number, side))
            last = out[-1]
            last.ends_set = True
            # The rep that ends a set is announced by "set done", not "rep done" too.
            last.extra[:] = [c for c in last.extra if c.kind is not CueKind.REP_DONE]
            if not step.kind.is_break:
                last.extra.append(Cue(CueKind.SET_DONE, _end_of(last)))
        if set_number < step.sets and step.rest > 0:
            add(Phase.REST, step.rest, set_=set_number, side=first if step.sides else None)
    return out


def _cues(draft: _Draft) -> tuple[Cue, ...]:
    cues = [Cue(_START_CUE[draft.phase], 0.0)]
    d = draft.duration
    if d is not None:
        if draft.phase in _COUNTED_PHASES:
            cues += [Cue(CueKind.TICK, float(n), n) for n in range(1, int(d) + 1) if n < d]
        if draft.phase in _HALFWAY_PHASES and d >= HALFWAY_FROM:
            cues.append(Cue(CueKind.HALFWAY, d / 2))
        if draft.phase is Phase.REST and d >= 3 * ALMOST_OVER_BEFORE:
            cues.append(Cue(CueKind.REST_ALMOST_OVER, d - ALMOST_OVER_BEFORE))
        if draft.phase in _COUNTDOWN_PHASES and d >= 5:
            cues += [Cue(CueKind.COUNT, d - n, n) for n in (3, 2, 1)]
    cues += draft.extra
    # Stable sort: cues at the same offset keep the order they were added in.
    return tuple(sorted(cues, key=lambda c: c.at))
