"""What the app opens on, and what follows a run: each command's own, in one small class each.

`hamstride` opens the home screen, and runs come back to it; `hamstride run`
opens the session's run and the app ends after its summary; `hamstride history`
opens the history and the app ends when it closes. The app asks its opening;
it never asks which command started it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual.screen import Screen

from hamstride.ui.messages import HistoryChanged

if TYPE_CHECKING:
    from hamstride.domain.model import Session
    from hamstride.domain.result import RunResult
    from hamstride.ui.app import HamstrideApp
    from hamstride.ui.screens.home import HomeScreen


class Opening(Protocol):
    def first_screen(self, app: HamstrideApp) -> Screen[Any]:
        """The app's first screen, drawn in its first frame."""

    def begin(self, app: HamstrideApp) -> None:
        """After the resume offers (if a run is not already the first screen)."""

    def run_over(self, app: HamstrideApp, result: RunResult | None) -> None:
        """A run has ended, or the readiness check was left without one (None)."""


class OpenHome:
    """The home screen; a run comes back to it, and its history is read again."""

    def __init__(self) -> None:
        self.home: HomeScreen | None = None

    def first_screen(self, app: HamstrideApp) -> Screen[Any]:
        from hamstride.ui.screens.home import HomeScreen

        services, config = app.services, app.settings.config
        self.home = HomeScreen(services.library, services.sessions_folder, services.history, services.wall,
                               config.weekly_target, config.maintenance, watcher=app.watcher,
                               read_diary=app.read_diary, served=app.settings.served, load_titles=services.titles)
        app.watcher.start()
        return self.home

    def begin(self, app: HamstrideApp) -> None:
        pass  # the runner chooses

    def run_over(self, app: HamstrideApp, result: RunResult | None) -> None:
        # Read again after a check left without a run too: its answers are kept, and what held it (another
        # window's run under way) is home's to say as well (walk15: home still offered the Nordics held).
        if self.home is not None:
            self.home.post_message(HistoryChanged())


class OpenHistory:
    """The history screen; the app ends when it closes."""

    def __init__(self) -> None:
        self.shown_first = False

    def first_screen(self, app: HamstrideApp) -> Screen[Any]:
        if app.unfinished()[0]:
            return Screen()  # under the resume offers, then the history: pushed on mount
        # No run to offer first: the history is the first screen, filled in the app's first frame. Pushed
        # over an empty screen on mount, its first paint waited for a second pass of styles and a later frame.
        self.shown_first = True
        return self._history(app)

    def begin(self, app: HamstrideApp) -> None:
        if not self.shown_first:
            app.push_screen(self._history(app), lambda _: app.exit(None))

    @staticmethod
    def _history(app: HamstrideApp) -> Screen[Any]:
        from hamstride.ui.screens.history import HistoryScreen

        services = app.services
        config = app.settings.config
        return HistoryScreen(services.history(), services.wall, config.weekly_target, find_session=app.find_session,
                             maintenance=config.maintenance, read_diary=app.read_diary)

    def run_over(self, app: HamstrideApp, result: RunResult | None) -> None:
        app.exit(result)  # a resumed run, offered before the history


class OpenRun:
    """One session's run, first thing; the app ends after its summary."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def first_screen(self, app: HamstrideApp) -> Screen[Any]:
        if app.unfinished()[0] or (app.settings.readiness_check and self.session.eccentric):
            return Screen()  # under the resume offer or the readiness check, pushed on mount
        # Nothing to ask first: the run screen is the first screen, drawn in the app's first frame.
        # Pushed over an empty screen, it waited for a second pass of styles and a later frame.
        from hamstride.domain.sides import plan_reads_history

        store = app.services.history() if plan_reads_history(self.session) else None
        records = store.load().records if store is not None else ()
        return app.run_planned(self.session, records, None, first=True)

    def begin(self, app: HamstrideApp) -> None:
        store = app.services.history()
        app.start_session(self.session, store.load().records if store is not None else ())

    def run_over(self, app: HamstrideApp, result: RunResult | None) -> None:
        app.exit(result)
