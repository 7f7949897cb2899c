"""What the runner did of a session, set by set, and the result it adds up to.

Every attempt at a set counts: going back to a set (b) starts a new attempt at it, and
the set keeps every rep counted and every rep marked lost of every attempt. A first
go of 4 reps, 2 of them marked, then b and a redo of 6 reps is a set of 10 reps, 2
of them lost: the runner lowered ten times and fell twice, and the coach doses from
that (the 48 h, the week's volume, the "more than a third got away" hold). The set
counts once toward the sets done, and is complete once any attempt completed it.
The seconds worked on a set add up over every attempt too: they were worked.

A mark names a rep of the whole set: the second attempt's rep 1 after four reps is
the set's rep 5, so a journal keeps a set as one `SetDone` (reps, lost) as before.

A rep the runner marked lost (`x`: the fall got away, the runner is on their hands)
is a rep done however it ends: cut short by `n`, `b`, `q` or a crash, the fall
happened, and it is the heaviest eccentric load of the set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hamstride.domain.model import Side
from hamstride.domain.plan import Segment, Timeline
from hamstride.domain.progress import SetDone

if TYPE_CHECKING:
    from hamstride.domain.result import RunResult, StepStatus

SetKey = tuple[int, Side | None, int]  # step (0-based), side, set (1-based)
MIN_TIMED_SET = 1.0  # seconds of a set without reps that make it a set done


def key_of(segment: Segment) -> SetKey:
    """The set a segment belongs to."""
    return segment.step_index, segment.side, segment.set


class Attempt:
    """One go at one set on one side, or the attempts at it added up (a plain class: working state,
    never compared or shown)."""

    def __init__(self, reps: int = 0, lost: set[int] | None = None, complete: bool = False) -> None:
        self.reps = reps
        self.lost = set() if lost is None else lost  # rep numbers
        self.complete = complete  # every planned rep or second of it

    @property
    def done(self) -> int:
        """The reps done: those counted, and a rep under way marked lost (its fall happened, whatever ends it)."""
        return max(self.reps, max(self.lost, default=0))

    def then(self, later: Attempt) -> Attempt:
        """This, and a later attempt after it: the reps added, the later one's marks numbered on from
        this one's reps (its rep 1 after 4 reps is the set's rep 5)."""
        return Attempt(self.done + later.done, self.lost | {self.done + rep for rep in later.lost},
                       self.complete or later.complete)


class Tallies:
    def __init__(self, timeline: Timeline, done: Iterable[SetDone] = ()) -> None:
        self.timeline = timeline
        self._kept: dict[SetKey, Attempt] = {}  # the attempts over, added up
        self._last: dict[SetKey, tuple[int, int]] = {}  # the latest attempt over: its first rep's offset, its reps
        self._active: dict[SetKey, float] = {}
        self._attempt: tuple[SetKey, Attempt] | None = None
        self._ended: set[SetKey] = set()  # sets the runner ended (n) since their last attempt began
        # Steps whose sets are counted in reps; the others (timed drills) in seconds.
        # Self-paced sets count their reps too (open-ended): their seconds alone are no set.
        self._rep_steps = frozenset(s.step_index for s in timeline.segments if s.ends_rep or s.open_ended)
        for item in done:
            key = (item.step, item.side, item.set)
            self._kept[key] = Attempt(item.reps, set(item.lost), item.complete)
            self._active[key] = item.active

    # -- writing -------------------------------------------------------------

    def begin(self, key: SetKey) -> None:
        """A new attempt at a set starts (what the attempts before did stays, and this one adds to it)."""
        self.settle()
        self._attempt = (key, Attempt())
        self._ended.discard(key)

    def end(self, key: SetKey) -> None:
        """The runner ended the set (n): the walk coming forward to it again passes it, as done."""
        self.settle()
        self._ended.add(key)

    def ended(self, key: SetKey) -> bool:
        """Whether the runner ended this set (n) and has not begun it again since."""
        return key in self._ended

    def go_on(self, key: SetKey) -> None:
        """A set a crash cut short goes on (a resumed run): what was kept of it becomes the attempt under
        way (moved, not copied, so it is counted once), its reps numbered on from the last one done."""
        self.settle()
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

    def count_to(self, key: SetKey, rep: int) -> None:
        """Rep `rep` of the attempt under way was done (a fall marked lost in its lowering): counted, once."""
        attempt = self.attempt(key)
        attempt.reps = max(attempt.reps, rep)

    def mark_done(self, key: SetKey, rep: int) -> bool:
        """Rep `rep` (of its attempt) of a set just ended marked as lost control (x pressed a moment late):
        False if not counted."""
        live = self._live(key)
        if live is not None:
            if not 1 <= rep <= live.done:
                return False
            live.lost.add(rep)
            return True
        offset, reps = self._last.get(key, (0, 0))
        if not 1 <= rep <= reps:
            return False
        self._kept[key].lost.add(offset + rep)
        return True

    def counted(self, key: SetKey, rep: int | None) -> bool:
        """Whether this rep of the set's latest attempt was done (counted, or marked lost under way)."""
        live = self._live(key)
        reps = live.done if live is not None else self._last.get(key, (0, 0))[1]
        return rep is not None and 1 <= rep <= reps

    def worked(self, segment: Segment, seconds: float) -> None:
        """Seconds of a segment of work done; a rest within a set (the gap between two holds) is no work:
        a hold's time is the time held."""
        if segment.phase in segment.step.kind.resting:
            return
        key = (segment.step_index, segment.side, segment.set)
        self._active[key] = self._active.get(key, 0.0) + max(0.0, seconds)

    def settle(self) -> None:
        """The attempt under way is over (the set ran out, the runner ended it, went back or quit): what it
        did is added to the set."""
        if self._attempt is None:
            return
        key, attempt = self._attempt
        self._attempt = None
        # A rep cut short is not a rep, unless the runner marked it lost: that fall happened.
        attempt.reps = attempt.done
        old = self._kept.get(key, Attempt())
        self._last[key] = (old.done, attempt.reps)  # none counted: a late x has no rep of it to mark
        if attempt.reps or attempt.complete:
            self._kept[key] = old.then(attempt)

    # -- reading -------------------------------------------------------------

    def _live(self, key: SetKey) -> Attempt | None:
        return self._attempt[1] if self._attempt is not None and self._attempt[0] == key else None

    def shown(self, key: SetKey) -> Attempt | None:
        """The set as it stands: every attempt over, and the one under way."""
        old, live = self._kept.get(key), self._live(key)
        if live is None:
            return old
        return (old or Attempt()).then(live)

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
        a step before it with nothing done was skipped, one from it on is not reached yet. (`result` is
        first needed here, once a set is reached: not before a run's first frame.)"""
        from hamstride.domain.result import RunResult, SideResult, StepResult, StepStatus

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
        from hamstride.domain.result import StepStatus

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
