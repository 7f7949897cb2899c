"""The run screen: one instruction, a big countdown, and what comes next.

It draws what the engine reports and forwards keys to it; it never computes timing. Cues go first, before any
drawing, to the sound output it is given; that output may already be waiting for them (armed with the next cues).

Drawing is kept cheap because lowering redraws ten times a second: the picture is one widget (ui/widgets/run_view.py)
that repaints only the rows that changed, in the phase's colour (a CSS class would restyle it and repaint every row);
the key bar, in a row of its own, is drawn again only when the keys on offer change; the screen behind is blank
(Textual composes every widget a change overlaps).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen

from hamstride.domain.cues import Cue, CueKind
from hamstride.domain.engine import Clock, Engine, Snapshot
from hamstride.domain.phase import Action
from hamstride.domain.plan import Phase, Segment, Timeline
from hamstride.domain.progress import Position, SetDone
from hamstride.ui.commands import ScreenCommands
from hamstride.ui.keynames import KeyNames
from hamstride.ui.labels import PHASE_TONE, SHORT_WORDS, band, clock, countdown, describe_next, phase_word, status_line
from hamstride.ui.screens.run_keys import REFUSED, REFUSED_SECONDS
from hamstride.ui.screens.run_ports import CueOutput, RunProgress
from hamstride.ui.widgets.counters import Counter
from hamstride.ui.widgets.key_bar import KeyBar, KeyRow
from hamstride.ui.widgets.run_view import Picture, RunView, cue_pages, cue_room

if TYPE_CHECKING:
    from hamstride.domain.result import RunResult  # made once a set is reached, after the first frame

# How often the bar moves, by phase, at most: no frame comes before the bar as drawn moves. The runner paces
# the slow lowering against the bar, so it moves smoothly. A lift or a pause lasts a second or two and the sound
# times it (the runner is moving or holding, often facing away), so the bar steps each half second.
BAR_FRAME = {Phase.LOWER: 0.1, Phase.OUT: 0.1, Phase.LIFT: 0.5, Phase.IN: 0.5, Phase.PAUSE: 0.5}
IDLE_FRAME = 1.0  # nothing scheduled (open-ended set): the session clock still moves
AFTER_DUE = 0.001  # the frame wakes just after a due time, so an armed sound thread goes first
ARM_TOLERANCE = 0.002  # seconds: the same cues due this much later or sooner need no new arming
CUE_PAGE_SECONDS = 6.0  # a cue longer than its lines shows page by page
FLASH_SECONDS = 0.3  # a cue the speaker cannot sound shows as a flash of the countdown
NOTE_SECONDS = 8.0  # how long a notice stays on the status line
# Frames come at least once a second; a clock that jumps further stood still (a suspended laptop, a stopped
# process): the run pauses where the gap began.
MAX_GAP = 2.5

_RUNNER_ACTIONS = frozenset(action.value for action in Action)  # the bindings' action names


class RunScreen(Screen["RunResult"]):
    BLANK = True  # covered by the view and the key row: its own 30 lines are not composed at each frame
    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="pause"),
        Binding("right,n", "skip", "Skip", id="skip"),
        Binding("left,b", "back", "Back", id="back"),
        Binding("enter", "count_rep", "Count rep", id="count-rep"),
        Binding("d", "finish_set", "Set done", id="finish-set"),
        Binding("x", "lost_control", "Lost control", id="lost-control"),
        Binding("q", "quit_session", "Quit", id="quit-session"),
    ]

    class CuesDue(Message):
        """Cues that fell due, for an app that gave the screen no sound output."""

        def __init__(self, cues: tuple[Cue, ...], announce: str = "") -> None:
            super().__init__()
            self.cues = cues
            self.announce = announce  # a step's name to speak, at its get-ready

    def __init__(self, timeline: Timeline, *, clock: Clock = time.monotonic, start: Position | None = None,
                 done: tuple[SetDone, ...] = (), banner: str = "", sound: CueOutput | None = None,
                 progress: RunProgress | None = None, elapsed_before: float = 0.0) -> None:
        super().__init__()
        self.timeline = timeline
        self.engine = Engine(timeline, clock=clock, max_gap=MAX_GAP, done=done, elapsed_before=elapsed_before)
        self._clock = clock
        self.start_at = start or Position(0, 1, None)
        self.banner = banner  # e.g. "Week 4 of 10"
        self.sound = sound
        self.progress = progress
        self._wake: asyncio.TimerHandle | None = None
        self._armed: tuple[tuple[Cue, ...], float] | None = None  # what the sound was last armed with
        self._segment: Segment | None = None
        self._journalled: tuple[Position | None, object] | bool | None = None  # the set and attempt told
        self._done = False
        self._offered: tuple[bool, ...] = ()
        self._cue_pages: list[str] = []
        self._cue_room, self._cue_source, self._cue_rows = (0, 0), "", 0  # the width, lines and cue of the pages
        self._counters: tuple[Counter, ...] = ()
        self._next = self._note = ""
        self._note_until = 0.0  # the session's elapsed seconds when the notice goes
        self._last_snap: Snapshot | None = None
        self._flash_until = -1.0  # session seconds: the countdown flashes until then
        self._view: RunView | None = None
        self._drawn_from: tuple[object, ...] | None = None  # what the last whole picture was made of
        self.key = KeyNames(self)  # the runner's keys, for the hints on the status line

    def compose(self) -> ComposeResult:
        # Started before the key bar is built, so that its keys are the ones on offer at the first frame.
        self.engine.start(self.start_at)
        self._sound_cues(self.engine.tick())  # the opening cues sound now, not 10-20 ms on at the first frame
        yield RunView(id="run-view")
        with KeyRow():
            yield KeyBar(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.frame()

    def on_resize(self, event: events.Resize) -> None:
        # The cue's pages are made for a width and lines: made again for new ones only (told thrice at a start).
        if self._last_snap is not None and cue_room(self.view.size) != self._cue_room:
            self._drawn_from = None
            self._draw(self._last_snap)

    def frame(self) -> Snapshot:
        """Catch the engine up with the clock, play what fell due, draw, and plan the next frame."""
        snap = self.engine.tick()
        self._sound_cues(snap)
        self._draw(snap)
        if snap.segment is not None and self.progress is not None:
            if self._journalled is None:  # the mount's frame: told once drawn (the result's module is 2 ms)
                self.call_after_refresh(self._report)
            else:
                self._report()
        if snap.finished:
            self._finish()
        else:
            self._schedule(snap)
        return snap

    def _report(self) -> None:
        """A set begun or ended, a rep done or marked: told to the flow, which journals it (a crash loses no rep)."""
        reached = self.engine.position(), self.engine.tallies.live()
        if reached != self._journalled and self.progress is not None:
            self._journalled = reached
            self.progress.set_reached(reached[0], self.engine.sets_done(), self.engine.result())

    def note(self, text: str, seconds: float = NOTE_SECONDS) -> None:
        """A notice on the status line, where it covers nothing of the session."""
        self._note = text
        self._note_until = (self._last_snap.elapsed if self._last_snap is not None else 0.0) + seconds
        if self._last_snap is not None:
            self._draw(self._last_snap)

    def _sound_cues(self, snap: Snapshot) -> None:
        if not snap.cues:
            return
        segment = snap.segment
        announce = ""
        if segment is not None and segment.phase is Phase.GET_READY \
                and any(c.kind is CueKind.GET_READY for c in snap.cues):
            announce = segment.step.name
        if self.sound is None:
            # To the app, not via this screen's queue: the last cues ("session
            # complete") are sent just as the screen is dismissed.
            self.app.post_message(self.CuesDue(snap.cues, announce))
            return
        self.sound.play_now(snap.cues, announce)
        unheard = self.sound.unheard()
        if unheard and any(cue.kind in unheard for cue in snap.cues):
            self._flash(snap)

    def _flash(self, snap: Snapshot) -> None:
        # Timed on the session clock, like everything the screen shows: _draw ends it.
        self._flash_until = snap.elapsed + FLASH_SECONDS

    def _draw(self, snap: Snapshot) -> None:
        self._last_snap = snap
        segment = snap.segment
        view = self.view
        time_text = f"{clock(snap.elapsed)} done · {clock(snap.remaining_total)} left"
        if segment is None:
            self._drawn_from = None
            view.show(view.picture._replace(where=self.timeline.session.title, time=time_text,
                                            phase="DONE" if snap.completed else "ENDED",
                                            countdown=clock(snap.elapsed), counters=(), cue="", next=""))
            return
        if segment is not self._segment:
            self._segment = segment
            coming = snap.upcoming
            planned = self.timeline.segments
            if planned[segment.position] is not segment:  # a get-ready put before a set: the set follows
                following: Segment | None = planned[segment.position]
            else:
                following = planned[segment.position + 1] if segment.position + 1 < len(planned) else None
            self._counters = band(segment, coming)
            self._next = describe_next(coming, segment, following)
            self._refresh_keys()
        if segment.open_ended:
            count = f"{snap.reps_counted}/{segment.reps}"
        else:
            assert snap.remaining is not None
            count = countdown(snap.remaining)
        flashing = snap.elapsed < self._flash_until
        # Most frames only move the bar: the rest is the last picture's while nothing it is made of changed
        # (a change of the sound's words on the status line, a mute or a backend lost, comes with a notice).
        made_of = (segment, snap.paused, snap.slept, snap.skip_offer, count, time_text, flashing, self._note,
                   bool(self._note) and snap.elapsed < self._note_until, int(snap.elapsed // CUE_PAGE_SECONDS),
                   self._cue_room)
        if made_of == self._drawn_from:
            view.show(view.picture._replace(progress=snap.progress))
            return
        banner = f"{self.banner} · " if self.banner else ""
        number, steps = segment.step_index + 1, len(self.timeline.session.steps)
        phase = "PAUSED" if snap.paused else phase_word(segment)
        offer = snap.skip_offer and not snap.paused and snap.slept is None  # said shorter on a narrow screen
        view.show(Picture(
            where=f"{banner}Step {number} of {steps} · {segment.step.name}",
            where_short=f"{banner}{number}/{steps} · {segment.step.name}",
            time=time_text,
            time_short=f"{clock(snap.remaining_total)} left",
            phase=phase,
            phase_short=SHORT_WORDS.get(phase, ""),
            countdown=count,
            progress=snap.progress,
            counters=self._counters,
            cue=self._cue_page(segment.step.cue, snap.elapsed),
            cue_rows=self._cue_rows,
            next=self._next,
            status=status_line(snap, self.key, self._note if snap.elapsed < self._note_until else "",
                               self.sound.sound_line if self.sound is not None else str),
            status_short=f"Press {self.key('skip', 'n')} again to skip the rest of this step" if offer else "",
            flashing=flashing,
            tone="paused" if snap.paused else PHASE_TONE[segment.phase],
        ))
        self._drawn_from = made_of[:-1] + (self._cue_room,)  # the room the cue was just wrapped for

    def _cue_page(self, cue: str, elapsed: float) -> str:
        """The step's cue; one page at a time when it needs more lines than the view gives it."""
        room = cue_room(self.view.size)
        if room != self._cue_room or self._cue_source != cue:
            self._cue_room, self._cue_source = room, cue
            self._cue_pages, self._cue_rows = cue_pages(cue, *room)
        return self._cue_pages[int(elapsed // CUE_PAGE_SECONDS) % len(self._cue_pages)] if self._cue_pages else ""

    def _refresh_keys(self) -> None:
        """Refresh the bindings only when the keys on offer change: each refresh walks the whole screen."""
        offered = tuple(bool(self.check_action(binding.action, ())) for binding in self.BINDINGS
                        if isinstance(binding, Binding))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    @property
    def view(self) -> RunView:
        """The screen's picture (looked up once: a query each frame adds up at ten frames a second)."""
        if self._view is None:
            self._view = self.query_one(RunView)
        return self._view

    def frame_delay(self, snap: Snapshot) -> float | None:
        """Seconds until the next frame is needed; None while paused (a key brings the next)."""
        if snap.paused:
            return None
        wake = self.engine.wake_in()
        delay = IDLE_FRAME if wake is None else wake
        segment = snap.segment
        if segment is not None and segment.phase in BAR_FRAME and segment.duration is not None:
            # At the bar's pace, but no sooner than the bar as drawn moves (a long phase, a narrow screen).
            delay = min(delay, max(BAR_FRAME[segment.phase], self.view.bar_moves_in(snap.local, segment.duration)))
        if snap.elapsed < self._flash_until:
            delay = min(delay, self._flash_until - snap.elapsed)
        return max(0.0, delay)

    def _schedule(self, snap: Snapshot) -> None:
        self.on_unmount()  # the wake planned before
        delay = self.frame_delay(snap)
        self._arm_sound(None if delay is None else self.engine.next_cues())
        if delay is None:
            return
        # The event loop's own timer: cheaper than a Textual Timer at ten frames a second.
        self._wake = asyncio.get_running_loop().call_later(delay + AFTER_DUE, self._on_wake)

    def _arm_sound(self, upcoming: tuple[float, tuple[Cue, ...]] | None) -> None:
        """Tell the sound thread what falls due next, only when that changed: each arming wakes it."""
        if self.sound is None:
            return
        if upcoming is None:
            if self._armed is not None:
                self._armed = None
                self.sound.arm_next((), 0.0)
            return
        due_in, cues = upcoming
        due_at = self._clock() + due_in
        if self._armed is not None and abs(self._armed[1] - due_at) < ARM_TOLERANCE \
                and len(self._armed[0]) == len(cues) and all(a is b for a, b in zip(self._armed[0], cues)):
            return
        self._armed = (cues, due_at)
        self.sound.arm_next(cues, due_in)

    def _on_wake(self) -> None:
        self._wake = None
        if self._done or not self.is_attached or not self.app.is_running:
            return
        # Drawn here: a message through the screen's queue woke its task and idle handling each frame,
        # a fifth of a frame's CPU. An error is raised again from that queue, loud as in any handler
        # (asyncio would only log it, and the run would stand still).
        try:
            self.frame()
        except Exception as error:  # but no widget found as the app closes, taking them down before this screen
            if not isinstance(error, NoMatches) or self.children:
                self.call_later(_raise, error)

    def on_unmount(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.on_unmount()  # no more frames
        self._arm_sound(None)
        result: RunResult = self.engine.result()
        if self.progress is not None:
            self.progress.finished(result)  # the flow takes it from here, screens included
        else:
            self.dismiss(result)

    # -- keys ----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        from hamstride.ui.screens.run_keys import palette_commands

        return [SystemCommand(title, help, callback) for title, help, callback in palette_commands(self)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == Action.LOST_CONTROL.value:  # also a moment after a rep: a late x marks that rep
            return self.engine.lost_control_rep() is not None
        if action in _RUNNER_ACTIONS:  # offered only when the step's kind allows them now
            return (segment := self.engine.current) is not None and segment.allows(Action(action))
        return True

    def action_toggle_pause(self) -> None:
        self.engine.toggle_pause()
        self.frame()

    def action_skip(self) -> None:
        refused = self.engine.skip()
        if refused is not None:
            self.note(REFUSED[refused].format(n=self.key("skip", "n")), REFUSED_SECONDS)
        elif self._note in {text.format(n=self.key("skip", "n")) for text in REFUSED.values()}:
            self._note = ""  # that n did its work: why an earlier one did nothing is stale now
        self.frame()

    def action_back(self) -> None:
        self.engine.back()
        self.frame()

    def action_count_rep(self) -> None:
        self.engine.count_rep()
        self.frame()

    def action_finish_set(self) -> None:
        self.engine.finish_set()
        self.frame()

    def action_lost_control(self) -> None:
        if (segment := self.engine.mark_lost_control()) is None:  # chosen from the palette outside a rep
            self.note(f"{self.key('lost_control', 'x')} marks a rep: press it during the rep", 3)
            return
        late = "" if segment is self.engine.current else f"Set {segment.set}, "  # the rep just ended
        if late:  # its set was journalled before the mark: again with it, or a crash would lose it
            self._journalled = False
        self.frame()  # which journals the mark at once
        self.note(f"{late}Rep {segment.rep} marked: control lost. It still counts.", 3)

    def action_quit_session(self) -> None:
        was_paused = self.engine.paused
        self.engine.pause()
        self.frame()

        def answered(stop: bool | None) -> None:
            if stop:
                self.engine.finish_early()
            elif not was_paused:
                self.engine.resume()
            self.frame()

        from hamstride.ui.screens.confirm import ConfirmScreen  # when first asked: a run starts sooner

        self.app.push_screen(ConfirmScreen("End the session now? What you have done is kept.",
                                           yes="End it", no="Keep going"), answered)


def _raise(error: Exception) -> None:
    raise error  # in the screen's queue, where Textual reports it and ends the app
