"""What the runner did of a session, set by set, and the result it adds up to.

Each set on each side keeps its best attempt. Going back to a set starts a new
attempt at it, but the attempt replaces what was kept only once it has done at
least as much: a finished set stays finished until the runner finishes it again.
The seconds worked on a set add up over every attempt: they were worked.

A rep the runner marked lost (`x`: the fall got away, the runner is on their hands)
is a rep done however it ends: cut short by `n`, `b`, `q` or a crash, the fall
happened, and it is the heaviest eccentric load of the set.
"""

from __future__ import annotations

from collections.abc import Iterable

from hamstride.domain.model import Side
from hamstride.domain.plan import Segment, Timeline
from hamstride.domain.result import RunResult, SetDone, SideResult, StepResult, StepStatus

SetKey = tuple[int, Side | None, int]  # step (0-based), side, set (1-based)
MIN_TIMED_SET = 1.0  # seconds of a set without reps that make it a set done


def key_of(segment: Segment) -> SetKey:
    """The set a segment belongs to."""
    return segment.step_index, segment.side, segment.set


class Attempt:
    """One go at one set on one side (a plain class: working state, never compared or shown)."""

    def __init__(self, reps: int = 0, lost: set[int] | None = None, complete: bool = False) -> None:
        self.reps = reps
        self.lost = set() if lost is None else lost  # rep numbers
        self.complete = complete  # every planned rep or second of it

    @property
    def done(self) -> int:
        """The reps done: those counted, and a rep under way marked lost (its fall happened, whatever ends it)."""
        return max(self.reps, max(self.lost, default=0))

    @property
    def rank(self) -> tuple[bool, int]:
        return self.complete, self.done


class Tallies:
    def __init__(self, timeline: Timeline, done: Iterable[SetDone] = ()) -> None:
        self.timeline = timeline
        self._kept: dict[SetKey, Attempt] = {}
        self._active: dict[SetKey, float] = {}
        self._attempt: tuple[SetKey, Attempt] | None = None
        # Steps whose sets are counted in reps; the others (timed drills) in seconds.
        # Self-paced sets count their reps too (open-ended): their seconds alone are no set.
        self._rep_steps = frozenset(s.step_index for s in timeline.segments if s.ends_rep or s.open_ended)
        for item in done:
            key = (item.step, item.side, item.set)
            self._kept[key] = Attempt(item.reps, set(item.lost), item.complete)
            self._active[key] = item.active

    # -- writing -------------------------------------------------------------

    def begin(self, key: SetKey) -> None:
        """A new attempt at a set starts (what is kept of it stays until the attempt beats it)."""
        self.settle(finished=False)
        self._attempt = (key, Attempt())

    def go_on(self, key: SetKey) -> None:
        """A set a crash cut short goes on (a resumed run): what was kept of it becomes the attempt under
        way (moved, not copied, so it is counted once), its reps numbered on from the last one done."""
        self.settle(finished=False)
        kept = self._kept.pop(key, None) or Attempt()
        self._attempt = (key, Attempt(kept.done, set(kept.lost), kept.complete))

    def live(self) -> tuple[SetKey, int, int, bool, float] | None:
        """The attempt under way as it stands (its set, reps done, marks, complete, the set's seconds worked
        so far: a lowering cut short by a pause is eccentric work): a change is worth a journal."""
        if self._attempt is None:
            return None
        key, attempt = self._attempt
        return key, attempt.done, len(attempt.lost), attempt.complete, self._active.get(key, 0.0)

    def attempt(self, key: SetKey) -> Attempt:
        """The attempt under way at this set, begun if there is none."""
        if self._attempt is None or self._attempt[0] != key:
            self.begin(key)
        assert self._attempt is not None
        return self._attempt[1]

    def mark_done(self, key: SetKey, rep: int) -> bool:
        """A rep of a set just ended marked as lost control (x pressed a moment late): False if not counted."""
        shown = self.shown(key)
        if shown is None or not 1 <= rep <= shown.done:
            return False
        shown.lost.add(rep)
        return True

    def counted(self, key: SetKey, rep: int | None) -> bool:
        """Whether this rep of the set was done (counted), as the set stands."""
        shown = self.shown(key)
        return shown is not None and rep is not None and 1 <= rep <= shown.done

    def worked(self, segment: Segment, seconds: float) -> None:
        """Seconds of a segment of work done; a rest within a set (the gap between two holds) is no work:
        a hold's time is the time held."""
        if segment.phase in segment.step.kind.resting:
            return
        key = (segment.step_index, segment.side, segment.set)
        self._active[key] = self._active.get(key, 0.0) + max(0.0, seconds)

    def settle(self, *, finished: bool = True) -> None:
        """The attempt under way is over. Finished (the set ran out, or the runner ended it), it is kept
        when it did at least as much as the set had; left (back, quit), only when it did more."""
        if self._attempt is None:
            return
        key, attempt = self._attempt
        self._attempt = None
        # A rep cut short is not a rep, unless the runner marked it lost: that fall happened.
        attempt.reps = attempt.done
        old = self._kept.get(key)
        if old is None or attempt.rank > old.rank or (finished and attempt.rank == old.rank):
            self._kept[key] = attempt

    # -- reading -------------------------------------------------------------

    def shown(self, key: SetKey) -> Attempt | None:
        """The set as it stands: the attempt under way once it has done more than what is kept."""
        old = self._kept.get(key)
        if self._attempt is not None and self._attempt[0] == key:
            live = self._attempt[1]
            if old is None or live.rank > old.rank:
                return live
        return old

    def sets_done(self) -> tuple[SetDone, ...]:
        """What was done, set by set: what a journal keeps so a run can go on from it."""
        keys = set(self._kept) | set(self._active) | ({self._attempt[0]} if self._attempt else set())
        done = []
        for key in sorted(keys, key=_set_order):
            shown = self.shown(key) or Attempt()
            active = self._active.get(key, 0.0)
            if shown.done or shown.complete or active > 0:
                step, side, number = key
                done.append(SetDone(step=step, side=side, set=number, reps=shown.done,
                                    lost=tuple(sorted(shown.lost)), active=round(active, 3),
                                    complete=shown.complete))
        return tuple(done)

    def counts(self, key: SetKey) -> bool:
        """Was anything of this set done: a rep, or for a drill without reps a second or more?"""
        shown = self.shown(key)
        if shown is not None and (shown.complete or shown.done):
            return True
        return key[0] not in self._rep_steps and self._active.get(key, 0.0) >= MIN_TIMED_SET

    def result(self, *, here: int, completed: bool, elapsed: float, ended_early: bool = False) -> RunResult:
        """The run so far; `here` is the step the run is at (the number of steps once it ran to the end):
        a step before it with nothing done was skipped, one from it on is not reached yet."""
        steps = []
        session = self.timeline.session
        for index, step in enumerate(session.steps):
            sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if step.sides else (None,)
            per_side = []
            keys = []
            for side in sides:
                own = [(index, side, n) for n in range(1, step.sets + 1)]
                keys.extend(own)
                shown = [t for t in map(self.shown, own) if t is not None]
                per_side.append(SideResult(
                    side=side, sets_done=sum(1 for key in own if self.counts(key)),
                    reps_done=sum(t.done for t in shown), reps_lost_control=sum(len(t.lost) for t in shown),
                    active_seconds=round(sum(self._active.get(key, 0.0) for key in own), 3)))
            steps.append(StepResult(
                index=index, name=step.name, kind=step.kind, eccentric=step.eccentric,
                planned_sets=step.sets, planned_reps=step.kind.planned_reps(step),
                sides=tuple(per_side), status=self._status(index, keys, here),
                exercise=step.exercise, main=step.main, planned_seconds=step.kind.unit_seconds(step),
            ))
        every_step_done = all(s.status is StepStatus.DONE for s in steps if not s.kind.is_break)
        return RunResult(session_name=session.name, title=session.title, completed=completed and every_step_done,
                         elapsed_seconds=round(elapsed, 3), steps=tuple(steps), ended_early=ended_early)

    def _status(self, index: int, keys: list[SetKey], here: int) -> StepStatus:
        if self.timeline.session.steps[index].kind.is_break:
            return StepStatus.DONE if index <= here else StepStatus.NOT_REACHED
        if all((shown := self.shown(key)) is not None and shown.complete for key in keys):
            return StepStatus.DONE
        if any(self.counts(key) for key in keys):
            return StepStatus.PARTIAL
        if index == here and any(self._active.get(key, 0.0) > 0 for key in keys):
            # The run ended in the step's work (a quit 2 s into its first hold): begun, not "not reached".
            # Nothing more is credited: no set or rep counts, only the seconds the runner was guided through.
            return StepStatus.PARTIAL
        return StepStatus.SKIPPED if index < here else StepStatus.NOT_REACHED


def _set_order(key: SetKey) -> tuple[int, int, str]:
    step, side, number = key
    return step, number, side.value if side else ""
