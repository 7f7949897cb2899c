"""The Textual app: runs sessions, plays their cues, keeps the history, shows the screens."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from textual import on
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from hamstride import collector, locations
from hamstride.plaintext import shown
from hamstride.domain.kinds.base import plural
from hamstride.domain.errors import SessionFileError
from hamstride.domain.model import Session, Side
from hamstride.domain.result import RunResult
from hamstride.domain.sound import SoundMode
from hamstride.storage.config import Config
from hamstride.storage.history import HistoryStore, Saved
from hamstride.storage.loader import load_session
from hamstride.ui.keynames import KeyNames
from hamstride.ui.messages import HistoryChanged, StartSession
from hamstride.wallclock import local_now

if TYPE_CHECKING:
    from hamstride.audio.player import CuePlayer
    from hamstride.audio.speech import Speaker
    from hamstride.domain.cues import Cue, CueKind
    from hamstride.domain.engine import Clock
    from hamstride.domain.readiness import Verdict
    from hamstride.domain.record import Readiness, Record
    from hamstride.storage.journal import Journal
    from hamstride.storage.library import Library
    from hamstride.ui.run_flow import RunFlow
    from hamstride.ui.screens.run import RunScreen

# What only a run needs (its screen and flow, the sound, the engine, the journal's recorder) is
# imported when a run starts, or a sound is first made: the home screen draws its first frame
# without it. `hamstride run` imports it while building its first screen.

# The home, resume and summary screens are imported where they are first shown:
# `hamstride run` draws its first frame sooner without them.

Wall = Callable[[], datetime]


class Start(StrEnum):
    """What the app opens on."""

    RUN = "run"  # the given session; the app exits after its summary
    HOME = "home"  # the home screen; runs come back to it
    HISTORY = "history"  # the history screen; the app exits when it closes
STOPPED_SERVED = "its browser page was closed (hamstride serve)"
SPEAK_AFTER = 0.8  # seconds: the get-ready sound first, then the step's name


class HamstrideApp(App[RunResult | None]):
    CSS_PATH = "hamstride.tcss"
    TITLE = "hamstride"
    BINDINGS = [Binding("m", "toggle_mute", "Mute", id="mute")]

    def __init__(self, session: Session | None = None, *, clock: Clock = time.monotonic, wall: Wall = local_now,
                 player: CuePlayer | None = None, muted: bool | None = None, sound_mode: SoundMode | None = None,
                 backend: str | None = None, store: HistoryStore | None = None, config: Config | None = None,
                 start: Start = Start.RUN, load_library: Callable[[], Library] | None = None,
                 user_folder: Path | None = None, speaker: Speaker | None = None,
                 readiness_check: bool = False, served: bool = False) -> None:
        super().__init__()
        # In a browser tab (`hamstride serve`): keys big enough to tap, and a run left by closing
        # the tab is journalled as stopped so, and why.
        self.served = served
        # The check before eccentric work: the command turns it on; tests of other screens leave it off.
        self.readiness_check = readiness_check
        self._speaker = speaker
        self.load_library = load_library or _no_library
        self.user_folder = user_folder or locations.locations().user_sessions
        self.session = session
        self.clock = clock
        self.wall = wall
        self.config = config or Config()
        self.store = store
        self.start = start
        self._player = player
        self._muted = self.config.mute if muted is None else muted
        self._sound_mode = sound_mode or SoundMode(self.config.sound)
        self._backend = backend or self.config.backend
        self._result: RunResult | None = None
        self.unsaved: list[Saved] = []  # records that could not go into the history: told on exit
        self.closed_by: int | None = None  # the signal (SIGTERM, SIGHUP) that closed the app, if one did
        self.flow: RunFlow | None = None  # the run under way, from its first get-ready to its feedback
        self._unfinished: tuple[list[Journal], list[str]] | None = None  # journals a crash left; problems reading
        self._keys: tuple[Screen[Any], KeyNames] | None = None  # the screen on show's key names
        if self.config.theme:
            self.theme = self.config.theme if self.config.theme in self.available_themes else "textual-dark"
        if self.config.keymap:  # before the first screen is built: its footer shows the runner's keys
            self.set_keymap(self.config.keymap)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, from any screen: what it quotes from files (titles, notes, paths) stays text."""
        if markup:
            message, title = shown(message), shown(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- sound ----------------------------------------------------------------

    @property
    def player(self) -> CuePlayer:
        if self._player is None:
            from hamstride.audio.backends import available_backends
            from hamstride.audio.clips import SoundBank
            from hamstride.audio.player import CuePlayer

            backends = available_backends(self.bell, self._backend)
            self._player = CuePlayer(SoundBank(locations.sounds(), self.config.volume), backends,
                                     mode=self._sound_mode, muted=self._muted, on_notice=self._sound_notice)
            if self._backend and backends[0].name != self._backend:
                self._sound_notice(f"The sound backend {self._backend} is not available here: cues play "
                                   f"through {backends[0].name}.")
        return self._player

    def screen_key(self, action: str, usual: str) -> str:
        """The key for `action` on the screen on show (the app's own included), as the runner has it."""
        if self._keys is None or self._keys[0] is not self.screen:
            self._keys = (self.screen, KeyNames(self.screen))
        return self._keys[1](action, usual)

    @property
    def sound_status(self) -> str:
        player = self.player
        names = ""
        if player.mode is not SoundMode.TONES and self.speaker.available:
            names = f", names by {Path(self.speaker.program or '').name}"
        mute = self.screen_key("toggle_mute", "m")
        return (f"Sound: {player.backend.name}, {player.mode.value}{names}"
                + (f" (muted: {mute})" if player.muted else f" ({mute} mutes)"))

    def on_run_screen_cues_due(self, message: RunScreen.CuesDue) -> None:
        self.play_now(message.cues, message.announce)

    # The run screen's sound output (RunScreen.CueOutput).

    def play_now(self, cues: tuple[Cue, ...], announce: str) -> None:
        self.player.play_cues(cues)
        if announce and self.player.mode is not SoundMode.TONES and not self.player.muted:
            # After the get-ready sound, not over it.
            self.set_timer(SPEAK_AFTER, partial(self.speaker.say, announce))

    def arm_next(self, cues: tuple[Cue, ...], delay: float) -> None:
        if self.clock is time.monotonic:  # the sound thread waits on the real clock only
            self.player.arm(cues, delay)

    def unheard(self) -> frozenset[CueKind]:
        from hamstride.audio.backends import BellBackend
        from hamstride.audio.player import BELL_CUES
        from hamstride.domain.cues import CueKind

        player = self.player
        if player.muted or not isinstance(player.backend, BellBackend):
            return frozenset()
        return frozenset(CueKind) - BELL_CUES  # the bell rings only where the runner must act

    def sound_line(self) -> str:
        if self.unheard():
            # Short enough for 60 columns: what will not be heard, and what shows instead.
            return f"Terminal bell: counts and ticks flash instead ({self.screen_key('toggle_mute', 'm')} mutes)"
        return self.sound_status

    @property
    def speaker(self) -> Speaker:
        if self._speaker is None:
            from hamstride.audio.speech import Speaker

            self._speaker = Speaker()
        return self._speaker

    def _sound_notice(self, text: str) -> None:
        # Called from the audio thread when a backend falls through.
        if threading.current_thread() is threading.main_thread():
            self._tell(text, severity="warning", timeout=8)
        else:
            self.call_from_thread(self._tell, text, severity="warning", timeout=8)

    def _tell(self, text: str, *, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """On the run screen a notice goes to its status line, where it covers nothing of the session."""
        if _running(self.screen):
            self.screen.note(text, timeout)
        else:
            self.notify(text, severity=severity, timeout=timeout)

    def action_toggle_mute(self) -> None:
        self.player.muted = not self.player.muted
        self._tell("Sound off" if self.player.muted else "Sound on", timeout=2)

    # -- starting ---------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        if self.start == Start.HOME:
            from hamstride.ui.screens.home import HomeScreen

            return HomeScreen(self.load_library, self.user_folder, self.store, self.wall, self.config.weekly_target,
                              self.config.maintenance)
        from hamstride.domain.readiness import needs_check

        self._unfinished = self._orphan_journals()
        if self.start == Start.RUN and self.session is not None and not self._unfinished[0] \
                and not (self.readiness_check and needs_check(self.session)):
            # Nothing to ask first: the run screen is the first screen, drawn in the app's first frame.
            # Pushed over an empty screen, it waited for a second pass of styles and a later frame.
            records = self.store.load().records if self.store is not None else ()
            self._start_checked(self.session, records, None, first=True)
            assert self.flow is not None and self.flow.screen is not None
            return self.flow.screen
        return Screen()  # under the resume offer, the readiness check, or the history: pushed on mount

    def _orphan_journals(self) -> tuple[list[Journal], list[str]]:
        if self.store is None:
            return [], []
        from hamstride.storage.recorder import orphan_journals

        return orphan_journals(self.store)

    def pop_screen(self) -> AwaitComplete:
        if len(self.screen_stack) == 1 and _running(self.screen):
            # The run was the first screen (see get_default_screen): an empty one takes its place.
            return self.switch_screen(Screen())
        return super().pop_screen()

    def on_mount(self) -> None:
        if self.served:
            self.add_class("-served")
        # Closed by the system (SIGTERM) or its terminal (SIGHUP): leave the terminal as it
        # was found, and the journal as it is, so the session can be resumed.
        if not self.is_headless:  # tests drive a headless app: their runner keeps its signals
            with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):  # no SIGHUP on Windows
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGTERM, signal.SIGHUP):
                    loop.add_signal_handler(signum, self._closed_by_signal, signum)
            self._resume_only_after_suspend()
        journals, problems = self._unfinished if self._unfinished is not None else self._orphan_journals()
        for problem in problems:
            self.notify(problem, severity="warning", timeout=15)
        if self.flow is None:  # not already under way as the first screen
            self._offer_resume(journals)

    def on_ready(self) -> None:
        # The first frame is drawn: the collector, off for the start-up, runs again.
        self.call_after_refresh(collector.resume)

    def _begin(self) -> None:
        if self.start == Start.HISTORY:
            from hamstride.ui.screens.history import HistoryScreen

            self.push_screen(HistoryScreen(self.store, self.wall, self.config.weekly_target,
                                           find_session=self.find_session),
                             lambda _: self.exit(None))
        elif self.start == Start.RUN and self.session is not None:
            records = self.store.load().records if self.store is not None else ()
            self.start_session(self.session, records)

    def start_session(self, session: Session, records: Sequence[Record]) -> None:
        """Run a session as the history says, after the readiness check when it is eccentric work."""
        from hamstride.domain.readiness import assess, needs_check

        if not self.readiness_check or not needs_check(session):
            self._start_checked(session, records, None)
            return
        from hamstride.ui.screens.readiness import ALTERNATIVE, ReadinessChoice, ReadinessScreen

        library = self.load_library()

        def assess_now(answers: Readiness) -> Verdict:
            return assess(records, self.wall(), answers, library.names())

        def answered(choice: ReadinessChoice | None) -> None:
            if choice is None:  # back: nothing starts
                if self.start != Start.HOME:
                    self.exit(None)
                return
            chosen = session
            alternative = assess_now(choice.answers).alternative
            if choice.run == ALTERNATIVE and alternative is not None:
                found = library.find(alternative)
                chosen = found.session if found is not None and found.session is not None else session
            self._start_checked(chosen, records, choice.answers)

        titles = {e.name: e.session.title for e in library.entries if e.session is not None}
        self.push_screen(ReadinessScreen(session.title, assess_now, titles, why=session.why), answered)

    def _start_checked(self, session: Session, records: Sequence[Record], readiness: Readiness | None, *,
                       first: bool = False) -> None:
        """This week of its programme, the other side first, and why the week is what it is.

        Nothing is toasted over the run: the week's reason goes on the run screen's status line,
        and the why note was on the readiness check (and is on home and in `show`).
        """
        from hamstride.ui.run_flow import plan_for

        planned = plan_for(session, records, self.wall, self.config.maintenance)
        self._run(planned.session, week=planned.week, banner=planned.banner, first_side=planned.first_side,
                  readiness=readiness, maintenance=planned.maintenance, first=first)
        if planned.told:
            self.call_after_refresh(self._tell_on_run_screen, planned.told)

    def _tell_on_run_screen(self, text: str) -> None:
        if _running(self.screen):
            self.screen.note(text, seconds=15.0)

    def find_session(self, name: str) -> Session | None:
        """A session of the library by its exact name (a programme's plan, for the charts)."""
        for entry in self.load_library().entries:
            if entry.name == name:
                return entry.session
        return None

    def _offer_resume(self, journals: list[Journal]) -> None:
        """Each session a crash left unfinished, newest first: resume it, or keep it as partial."""
        if not journals:
            self._begin()
            return
        journal = journals.pop()
        session = self._journal_session(journal)
        record = journal.record
        # Sets, not steps: a step stopped half-way was not done, and a runner counts sets.
        done = plural(sum(step.sets_done for step in record.steps), "set")
        when = record.started.strftime("%a %d %b, %H:%M")
        if journal.reason:  # left on purpose, not a crash: say how, so the offer is no surprise
            when += f"; it stopped because {journal.reason}"
        if session is not None:
            at = journal.position
            steps = len(session.for_week(record.week).steps) if record.week else len(session.steps)
            where = f"step {at.step + 1} of {steps}" + (f", set {at.set}" if at.set > 1 else "") + (
                f", {at.side.value} side" if at.side is not None else "")
            question = (f"{record.title} was not finished ({when}): {done} done, stopped at {where}. "
                        "Resume from that set, or keep what was done as a partial session?")
        else:
            question = (f"{record.title} was not finished ({when}): {done} done. Its session file has "
                        "changed or is gone, so it can only be kept as a partial session.")

        from hamstride.ui.screens.resume import ResumeChoice, ResumeScreen

        def chosen(choice: ResumeChoice | None) -> None:
            if choice is ResumeChoice.RESUME and session is not None:
                self._run(session, resume=journal)
                return
            assert self.store is not None
            from hamstride.storage.recorder import keep_as_partial

            saved = keep_as_partial(self.store, journal)
            self._tell_saved(saved, "kept as partial")
            self._offer_resume(journals)

        self.push_screen(ResumeScreen(question, can_resume=session is not None), chosen)

    def _journal_session(self, journal: Journal) -> Session | None:
        source = Path(journal.source) if journal.source else None
        if source is None or not source.is_file():
            return None
        from hamstride.storage.record_table import file_hash

        if journal.record.file_hash and file_hash(source) != journal.record.file_hash:
            return None  # the steps may have changed: resuming "at step 3" would mean something else
        try:
            return load_session(source)
        except SessionFileError:
            return None

    @on(StartSession)
    def _start_from_home(self, message: StartSession) -> None:
        self.start_session(message.session, message.records)

    # -- a run --------------------------------------------------------------------

    def _run(self, session: Session, *, resume: Journal | None = None, week: int | None = None,
             banner: str = "", first_side: Side | None = None, readiness: Readiness | None = None,
             maintenance: bool = False, first: bool = False) -> None:
        from hamstride.ui.run_flow import RunFlow, RunSetup

        setup = RunSetup(self.clock, self.wall, self.config, self.store)
        self.flow = RunFlow(self, setup, session, done=self._after_run, unsaved=self.unsaved, resume=resume,
                             week=week, banner=banner, first_side=first_side, sound=self, readiness=readiness,
                             maintenance=maintenance)
        self.flow.start(first=first)

    def on_run_screen_set_reached(self, message: RunScreen.SetReached) -> None:
        if self.flow is not None:
            self.flow.set_reached(message)

    @property
    def result(self) -> RunResult | None:
        """The last run's result, as soon as the run is over (the summary may still be open)."""
        if self.flow is not None and self.flow.result is not None:
            return self.flow.result
        return self._result

    def _after_run(self, result: RunResult | None) -> None:
        self._result = result
        self.flow = None
        if self.start == Start.HOME:
            # The run and summary screens have dismissed themselves: home is on top again.
            self.screen.post_message(HistoryChanged())
            return
        self.exit(result)

    def _tell_saved(self, saved: Saved, what: str) -> None:
        if saved.in_history:
            self.notify(f"Unfinished session {what}: {saved.path}", timeout=6)
        else:
            from hamstride.ui.run_flow import saved_text

            self.unsaved.append(saved)
            self.notify(saved_text(saved), severity="error", timeout=15)

    # -- commands -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        key = KeyNames(screen)  # the runner's keys, after config.toml's [keymap]
        yield SystemCommand("Mute or unmute", f"Turn the cues' sound off or on ({key('toggle_mute', 'm')})",
                            self.action_toggle_mute)
        from hamstride.ui.screens.home import HomeScreen

        if isinstance(screen, HomeScreen):
            for entry in screen.library.entries:
                if entry.session is not None:
                    yield SystemCommand(f"Start: {shown(entry.session.title)}",
                                        shown(entry.session.summary or entry.name, one_line=True),
                                        partial(self.start_session, entry.session, screen.records))
            yield SystemCommand("History", f"Calendar, streaks and past sessions ({key('history', 'h')})",
                                screen.action_history)
            yield SystemCommand("Edit the session", f"Open the highlighted session in $EDITOR ({key('edit', 'e')})",
                                screen.action_edit)
        yield from self._chart_commands(screen, key)
        if _running(screen):
            yield SystemCommand("Pause or resume", f"Stop the clock, or start it again ({key('toggle_pause', 'space')})",
                                screen.action_toggle_pause)
            yield SystemCommand("Skip", f"Skip a rest or get-ready; during work, end the set ({key('skip', 'n')})",
                                screen.action_skip)
            yield SystemCommand("Back", f"Back to the start of the set; twice: the set before ({key('back', 'b')})",
                                screen.action_back)
            yield SystemCommand("End the session", f"Stop now, keeping what you did ({key('quit_session', 'q')})",
                                screen.action_quit_session)

    def _chart_commands(self, screen: Screen, key: KeyNames) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        # The screens load on demand; their modules are imported once one is on screen.
        history = sys.modules.get("hamstride.ui.screens.history")
        if history is not None and isinstance(screen, history.HistoryScreen):
            yield SystemCommand("Charts", "Weekly volume, soreness and effort, left and right, the programme "
                                f"({key('charts', 'c')})", screen.action_charts)
        charts = sys.modules.get("hamstride.ui.screens.charts")
        if charts is not None and isinstance(screen, charts.ChartsScreen):
            for weeks in charts.RANGES:
                yield SystemCommand(f"Charts: last {weeks} weeks",
                                    f"Show {weeks} weeks ({key('next_range', 'r')} cycles 4, 12, 26)",
                                    partial(screen.action_range, weeks))
            for tab, title, help in charts.CHART_COMMANDS:
                yield SystemCommand(title, f"{help} ({key('next_chart', 'c')})", partial(screen.action_show_chart, tab))

    def _resume_only_after_suspend(self) -> None:
        """Textual 8's Linux driver restarts application mode on every SIGCONT. After a SIGSTOP it
        never suspended (a stopped process, a debugger), that starts a second pair of terminal
        threads beside the first, and the orphaned pair keeps the process alive after the session
        ends: the terminal never came back. Resume only when the driver itself suspended."""
        driver = self._driver
        resume = getattr(driver, "_sigcont_application", None)
        if driver is None or resume is None:
            return

        def on_sigcont(signum: int, frame: object) -> None:
            if getattr(driver, "_must_signal_resume", False):
                resume()

        signal.signal(signal.SIGCONT, on_sigcont)

    def _closed_by_signal(self, signum: int) -> None:
        self.closed_by = signum
        if self.flow is not None:
            self.flow.close()
            self.flow = None
        self.exit(None, return_code=128 + signum)

    def on_unmount(self) -> None:
        if self.flow is not None:
            if self.served:  # the tab closed (or serve stopped) under a run: the resume offer says so
                self.flow.stopped(STOPPED_SERVED)
            self.flow.close()
        if self._player is not None:
            self._player.close()
        if self._speaker is not None:
            self._speaker.close()


def _running(screen: Screen[Any]) -> TypeGuard[RunScreen]:
    """Whether a run screen is shown; its module is loaded only once a run has started."""
    run = sys.modules.get("hamstride.ui.screens.run")
    return run is not None and isinstance(screen, run.RunScreen)


def _no_library() -> Library:
    from hamstride.storage.library import Library  # `run FILE` starts without the library

    return Library(())


def binding_ids() -> set[str]:
    """Every key binding id the app and its screens have: what config.toml's [keymap] may name."""
    import importlib
    import pkgutil

    from textual.binding import Binding as _Binding

    import hamstride.ui.screens as screens

    classes: list[type] = [HamstrideApp]
    for module in pkgutil.iter_modules(screens.__path__):
        loaded = importlib.import_module(f"{screens.__name__}.{module.name}")
        classes += [value for value in vars(loaded).values() if isinstance(value, type)
                    and issubclass(value, Screen) and value.__module__ == loaded.__name__]
    return {binding.id for cls in classes for binding in getattr(cls, "BINDINGS", [])
            if isinstance(binding, _Binding) and binding.id}
