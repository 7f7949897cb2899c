"""The Textual app: it opens on what its command asked for, starts runs and shows their screens.

The app is given three things: what to open on (`ui/openings.py`), the runner's
settings (config.toml with the command line folded in) and a small bundle of
services (history, library, clocks, sound). A run belongs to its `RunFlow`
(`ui/run_flow.py`), which hands back one `FlowEnd`; each screen lists its own
palette commands; the sessions folder is watched by a service the app owns.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from hamstride import collector
from hamstride.plaintext import shown
from hamstride.storage.files import holds_toml
from hamstride.ui.hangup import HUNG_UP, end_soon, job_control, stop_the_job
from hamstride.ui.keynames import KeyNames
from hamstride.ui.messages import StartSession
from hamstride.ui.openings import OpenHistory, OpenHome, Opening, OpenRun
from hamstride.ui.services import Services, Settings
from hamstride.ui.sound import AppSound
from hamstride.ui.terminal_watch import terminal_watch

if TYPE_CHECKING:
    from hamstride.audio.player import CuePlayer
    from hamstride.domain.diary import Diary
    from hamstride.domain.model import Session, Side
    from hamstride.domain.record import Readiness, Record
    from hamstride.domain.result import RunResult
    from hamstride.storage.history import Saved
    from hamstride.storage.journal import Journal
    from hamstride.ui.run_flow import FlowEnd, RunFlow
    from hamstride.ui.stops import Stopped
    from hamstride.ui.watcher import FolderWatcher

# What only a run needs (its screen and flow, the engine, the journal's recorder) is imported
# when a run starts: the home screen draws its first frame without it.

__all__ = ["HamstrideApp", "OpenHistory", "OpenHome", "OpenRun", "Services", "Settings"]

STOPPED_SERVED = "its browser page was closed (hamstride serve)"  # in the journal: the resume offer says it


class HamstrideApp(App["RunResult | None"]):  # named, not imported: home draws its first frame without it
    CSS_PATH = "hamstride.tcss"
    TITLE = "hamstride"
    BINDINGS = [Binding("m", "toggle_mute", "Mute", id="mute"),
                # priority: a dialog (the readiness check, a question) is modal, and would keep it from the app
                Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="suspend", priority=True)]

    def __init__(self, opening: Opening, settings: Settings | None = None, services: Services | None = None) -> None:
        super().__init__()
        self.opening = opening
        self.settings = settings or Settings()
        self.services = services or Services()
        self.sound = AppSound(self.settings, self.services, ring=self.bell, notice=self._sound_notice,
                              later=self.set_timer, key=self.screen_key)
        self._watcher: FolderWatcher | None = None  # made for the home screen: a run or the history never look
        self.unsaved: list[Saved] = []  # records that could not go into the history: told on exit
        self.stopped: Stopped | None = None
        self.flow: RunFlow | None = None  # the run under way, from its first get-ready to its feedback
        self._last: RunResult | None = None
        self._unfinished: tuple[list[Journal], list[str]] | None = None  # journals a crash left; problems reading
        self._keys: tuple[Screen[Any], KeyNames] | None = None  # the screen on show's key names
        self.terminal_watch = terminal_watch()  # None off a terminal (a browser tab's): seen before Textual takes it
        config = self.settings.config
        if config.theme:
            self.theme = config.theme if config.theme in self.available_themes else "textual-dark"
        if config.keymap:  # before the first screen is built: its footer shows the runner's keys
            self.set_keymap(config.keymap)

    @property
    def watcher(self) -> FolderWatcher:  # the look at the sessions folder, made when home asks for it
        from hamstride.ui.watcher import FolderWatcher

        self._watcher = self._watcher or FolderWatcher(self.services.sessions_folder)
        return self._watcher

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, from any screen: what it quotes from files (titles, notes, paths) stays text."""
        if markup:
            message, title = shown(message), shown(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- sound ----------------------------------------------------------------

    @property
    def player(self) -> CuePlayer:
        return self.sound.player

    @property
    def sound_status(self) -> str:
        return self.sound.status

    def screen_key(self, action: str, usual: str) -> str:
        """The key for `action` on the screen on show (the app's own included), as the runner has it."""
        if self._keys is None or self._keys[0] is not self.screen:
            self._keys = (self.screen, KeyNames(self.screen))
        return self._keys[1](action, usual)

    def _sound_notice(self, text: str) -> None:
        # Called from the audio thread when a backend falls through.
        if threading.current_thread() is threading.main_thread():
            self._tell(text, severity="warning", timeout=8)
        else:
            self.call_from_thread(self._tell, text, severity="warning", timeout=8)

    def _tell(self, text: str, *, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """On the run screen a notice goes to its status line, where it covers nothing of the session."""
        if self.flow is not None and self.screen is self.flow.screen:
            self.flow.screen.note(text, timeout)
        else:
            self.notify(text, severity=severity, timeout=timeout)

    def action_toggle_mute(self) -> None:
        self._tell("Sound off" if self.sound.toggle_mute() else "Sound on", timeout=2)

    # -- opening ---------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return self.opening.first_screen(self)

    def unfinished(self) -> tuple[list[Journal], list[str]]:
        """The journals a crash left, and the problems reading them; looked for once."""
        if self._unfinished is None:
            folder = self.services.journal_folder
            store = self.services.history() if folder is not None and holds_toml(folder) else None
            if store is None:  # no journal left: the history, and what reads a journal, wait for a read
                self._unfinished = ([], [])
            else:
                from hamstride.storage.recorder import orphan_journals

                self._unfinished = orphan_journals(store)
        return self._unfinished

    def on_load(self) -> None:
        # `run FILE`: the run is the first screen and its get-ready is due as that screen is drawn. The
        # sound child starts now, while Textual starts the terminal, and is ready by then (it started at
        # that first cue before: the cue waited 50-160 ms for it).
        if isinstance(self.opening, OpenRun):
            self.sound.warm()

    def on_mount(self) -> None:
        if self.settings.served:  # in a browser tab: keys big enough to tap (hamstride.tcss)
            self.add_class("-served")
        if not self.is_headless:  # tests drive a headless app: their runner keeps its signals
            self._handle_signals()
            if self.terminal_watch is not None:  # closed with no SIGHUP sent us (its leader ignores it): seen
                self.terminal_watch.start_for(self)
        journals, problems = self.unfinished()
        for problem in problems:
            self.notify(problem, severity="warning", timeout=15)
        if self.flow is not None:  # under way already, as the first screen
            return
        if not journals:  # no crash left one (the offers, and what reads a journal, wait for one)
            self.opening.begin(self)
            return
        from hamstride.ui.offers import ResumeOffers

        ResumeOffers(self, self.services.history(), journals, resume=self._resume, kept=self._kept,
                     then=lambda: self.opening.begin(self)).next()

    def on_ready(self) -> None:
        # The first frame is drawn: the collector, off for the start-up, runs again.
        self.call_after_refresh(lambda: collector.resume(collect=self.flow is None))

    def find_session(self, name: str) -> Session | None:
        """A session of the library by its exact name (a programme's plan, for the charts)."""
        return next((entry.session for entry in self.services.library().entries if entry.name == name), None)

    def _kept(self, saved: Saved) -> None:
        if saved.in_history:
            self.notify(f"Unfinished session kept as partial: {saved.path}", timeout=6)
        else:
            from hamstride.ui.run_flow import saved_text

            self.unsaved.append(saved)
            self.notify(saved_text(saved), severity="error", timeout=15)

    # -- runs ---------------------------------------------------------------------

    @on(StartSession)
    def _start_from_home(self, message: StartSession) -> None:
        self.start_session(message.session, message.records)

    def start_session(self, session: Session, records: Sequence[Record]) -> None:
        """Run a session as the history says, after the readiness check when it is eccentric work."""
        self.sound.warm()  # its child starts while the runner answers the check or the run screen is built
        if not self.settings.readiness_check or not session.eccentric:  # the check comes before eccentric work
            self.run_planned(session, records, None)
            return
        from hamstride.ui.readiness_check import ask_readiness

        def go(chosen: Session, answers: Readiness) -> None:
            self.run_planned(chosen, records, answers)

        ask_readiness(self, session, records, self.services, self.read_diary(), go=go,
                      declined=lambda: self.opening.run_over(self, None), keep=self._keep_answers,
                      maintenance=self.settings.config.maintenance, target=self.settings.config.weekly_target)

    def read_diary(self) -> Diary:
        """The answers at past checks and the races ahead (history folder, the config's calendar)."""
        from hamstride.domain.diary import Diary
        from hamstride.storage.diary import read_diary

        store = self.services.history()
        if store is None:
            return Diary()
        return read_diary(store.folder, self.settings.config, self.services.wall().date())

    def _keep_answers(self, answers: Readiness) -> None:
        from hamstride.ui.answers_kept import keep_check_answers

        keep_check_answers(self, answers)

    def run_planned(self, session: Session, records: Sequence[Record], readiness: Readiness | None, *,
                    first: bool = False) -> Screen[Any]:
        """This week of its programme, the other side first; the week's reason on the run's status line
        (the why note was on the readiness check, and is on home and in `show`). Returns the run screen."""
        from hamstride.ui.run_flow import plan_for

        checks = self.read_diary().checks if session.total_weeks else ()  # what may hold a programme back
        planned = plan_for(session, records, self.services.wall, self.settings.config.maintenance, checks,
                           lambda: self.services.unsaved_work(records))  # another copy's run under way: in its week
        flow = self._start_flow(planned.session, week=planned.week, banner=planned.banner,
                                first_side=planned.first_side, readiness=readiness,
                                maintenance=planned.maintenance, first=first)
        if planned.told:
            self.call_after_refresh(flow.screen.note, planned.told, 15.0)
        return flow.screen

    def _resume(self, session: Session, journal: Journal) -> None:
        from hamstride.ui.offers import resume_when_ready

        resume_when_ready(self, session, journal, resume=lambda: self._start_flow(session, resume=journal),
                          kept=self._kept, answers=self._keep_answers)

    def _start_flow(self, session: Session, *, resume: Journal | None = None, week: int | None = None,
                    banner: str = "", first_side: Side | None = None, readiness: Readiness | None = None,
                    maintenance: bool = False, first: bool = False) -> RunFlow:
        from hamstride.ui.run_flow import RunFlow, RunSetup

        self.sound.warm()  # its child starts while the run screen is built (a resumed run, `run FILE`)
        services = self.services
        setup = RunSetup(services.clock, services.wall, self.settings.config, services.opener)
        self.flow = RunFlow(self, setup, session, done=self._flow_done, resume=resume, week=week, banner=banner,
                            first_side=first_side, sound=self.sound, readiness=readiness, maintenance=maintenance)
        if self._watcher is not None:  # under a run the folder is not shown: a look would only cost CPU
            self._watcher.pause()
        if not first:
            self.flow.show()
        return self.flow

    @property
    def result(self) -> RunResult | None:
        """The last run's result, as soon as the run is over (the summary may still be open)."""
        if self.flow is not None and self.flow.result is not None:
            return self.flow.result
        return self._last

    def _flow_done(self, end: FlowEnd) -> None:
        self.unsaved.extend(end.unsaved)
        self._last = end.result
        self.flow = None
        if self._watcher is not None:
            self._watcher.resume()
        self.opening.run_over(self, end.result)

    # -- ways out: each goes the way `q` does in a run --------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        key = KeyNames(screen)  # the runner's keys, after config.toml's [keymap]
        for command in super().get_system_commands(screen):  # the theme, keys, screenshot, quit...
            if command.title == "Quit":  # Textual's "as soon as possible" is not what ours does
                yield SystemCommand("Quit", self.quit_help(key("quit", "ctrl+q")), command.callback,
                                    command.discover)
            else:
                yield command
        yield SystemCommand("Mute or unmute", f"Turn the cues' sound off or on ({key('toggle_mute', 'm')})",
                            self.action_toggle_mute)

    def quit_help(self, key: str) -> str:
        """What Quit (ctrl+q, the palette's) does now: in a run it asks first, as q does."""
        if self.flow is not None and self.flow.running:
            return f"Asks first, then ends the session and saves what was done ({key})"
        if self.flow is not None:
            return f"Close hamstride: the session is saved ({key})"
        return f"Close hamstride ({key})"

    async def action_quit(self) -> None:
        """ctrl+q, the palette's Quit, home's q: during a run, the run asks first, as its q does."""
        if self.flow is not None and self.flow.ask_to_stop():
            return
        self.exit()

    def action_help_quit(self) -> None:
        """ctrl+c: during a run, as q; elsewhere how to quit. Not Textual's own toast: its bold markup
        would be shown as text, since every toast here is (file text quoted in one stays text)."""
        if self.flow is not None and self.flow.ask_to_stop():
            return
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit hamstride", title="Do you want to quit?")
                return

    def _handle_signals(self) -> None:
        # Through the event loop: each handler runs on the app's thread, between two messages.
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):  # no SIGHUP on Windows
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                # Closed by the system or its terminal: nobody is there to answer a question, so the
                # terminal is left as it was found and the journal as it is, for a resume.
                loop.add_signal_handler(signum, self._stop, "Stopped", 128 + signum, signum == signal.SIGHUP)
            # Textual's driver goes back into application mode on every SIGCONT. After a SIGSTOP it never
            # suspended for (a stopped process, a closed lid) that started a second pair of terminal
            # threads, which kept the process alive after the session. ctrl+z (Textual's
            # action_suspend_process sends SIGTSTP) and a SIGTSTP from the shell both suspend here,
            # through App.suspend, which resumes itself; a SIGCONT has nothing more to do.
            loop.add_signal_handler(signal.SIGTSTP, self._suspend_process)
            loop.add_signal_handler(signal.SIGCONT, lambda: None)

    def action_suspend_process(self) -> None:
        """ctrl+z: the process stops as any program's does, back with the shell's `fg`. A browser tab, Windows
        and a terminal whose own command hamstride is have no shell to go back to: it says so, and goes on."""
        if self.settings.served or self.is_web or sys.platform == "win32" or not job_control():
            self._tell("ctrl+z cannot suspend hamstride here: space pauses the session", timeout=4)
            return
        super().action_suspend_process()

    def _suspend_process(self) -> None:
        # A run pauses before the process stops, and says how long it was away when it is back. Back to no
        # terminal (its window closed while stopped), it stops as a hang-up stops it, the journal kept.
        if not stop_the_job(self, self.flow.standing_still() if self.flow is not None else contextlib.nullcontext()):
            self.hung_up()

    def hung_up(self) -> None:  # the terminal is gone (back from a stop to none, seen by its watch)
        self._stop("The terminal was closed", HUNG_UP, terminal_gone=True)

    def _stop(self, why: str, code: int, terminal_gone: bool = False) -> None:
        if self.stopped is not None:  # a hang-up after the stop seen on resume: it has said why already
            return
        self._served_run_left()
        from hamstride.ui.stops import Stopped, closing_line

        self.stopped = Stopped(closing_line(why, self.flow), code)  # the journal is closed by now
        if terminal_gone:  # nothing a library waits on there may keep the process, and the journal, alive
            end_soon(code, busy=lambda: self.flow is not None and self.flow.writing)
        self.exit(None, return_code=code)

    def panic(self, *renderables: RenderableType) -> None:
        from hamstride.ui.stops import input_closed

        if not self.is_headless and input_closed():
            # Textual's input thread failed because stdin was closed under it (EBADF): a plain word, not its
            # traceback, and a failing exit (74, EX_IOERR), as nothing more can be read from the runner.
            self._stop("The terminal stopped sending keys (its input was closed)", 74, terminal_gone=True)
            return
        super().panic(*renderables)

    def _served_run_left(self) -> None:
        """In a browser tab that closed (or a serve that stopped) under a run: paused, and the journal says why."""
        if self.flow is not None and self.settings.served:
            self.flow.stopped(STOPPED_SERVED)

    def exit(self, result: Any = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        from hamstride.ui.answers_kept import keep_answers_left_open

        try:
            keep_answers_left_open(self)  # every way out comes here, before its screens go
        finally:
            super().exit(result, return_code, message)

    def on_unmount(self) -> None:
        if self.flow is not None:
            self._served_run_left()
            self.flow.close()
        if self._watcher is not None:
            self._watcher.close()
        self.sound.close()
        if self.terminal_watch is not None:
            self.terminal_watch.close()

