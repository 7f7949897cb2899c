"""The app is thin and a run flows one way (issue 23, items 1 and 2; item 5's sizes for ui/).

The app is given one settings object, one bundle of services and what to open on; each
screen lists its own palette commands; the run screen reports to its flow through a small
protocol, and the flow hands back one end with the records it could not save.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from textual.app import App

import hamstride.ui as ui
from hamstride.domain.plan import build_timeline
from hamstride.domain.progress import Position, SetDone
from hamstride.domain.result import RunResult
from hamstride.storage.config import Config
from hamstride.ui import app as app_module
from hamstride.ui.app import HamstrideApp, OpenRun, Services, Settings
from hamstride.ui.commands import ScreenCommands
from hamstride.ui.screens.charts import ChartsScreen
from hamstride.ui.screens.history import HistoryScreen
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.screens.run import RunScreen
from tests.unit.helpers import FakeClock, session

PLANK = 'title = "t"\n[[steps]]\nname = "Plank"\nhold = 3\nlead_in = 1\n'


def test_the_app_is_given_an_opening_the_settings_and_the_services() -> None:
    assert list(inspect.signature(HamstrideApp.__init__).parameters) == ["self", "opening", "settings", "services"]


def test_the_command_line_is_folded_into_the_settings() -> None:
    settings = Settings.of(Config(mute=False, sound="voice", volume=0.5), mute=True, backend="aplay")
    assert (settings.config.mute, settings.config.sound, settings.config.backend, settings.config.volume) == (
        True, "voice", "aplay", 0.5)
    assert Settings.of(Config(sound="both")).config == Config(sound="both")  # nothing said: the file's


def test_no_start_flag_and_no_screen_chosen_by_type_in_the_app() -> None:
    tree = ast.parse(Path(app_module.__file__).read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    by_type = [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.Call)
               and isinstance(node.func, ast.Name) and node.func.id == "isinstance"
               and "Screen" in ast.unparse(node.args[1])]
    assert "Start" not in names and by_type == []
    assert "sys.modules" not in ast.unparse(tree)


def test_each_screen_with_commands_declares_them() -> None:
    for screen in (HomeScreen, HistoryScreen, ChartsScreen, RunScreen):
        assert ScreenCommands in screen.COMMANDS, screen
        assert callable(getattr(screen, "palette_commands", None)), screen


class Reported:
    """A run's flow, as the run screen sees it: the RunProgress protocol and nothing else."""

    def __init__(self) -> None:
        self.sets: list[Position | None] = []
        self.results: list[RunResult] = []

    def set_reached(self, position: Position | None, sets: tuple[SetDone, ...], so_far: RunResult) -> None:
        self.sets.append(position)

    def finished(self, result: RunResult) -> None:
        self.results.append(result)


class _PlainApp(App[None]):
    """Any app: the run screen reports to the object it was handed, never to its app."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.progress = Reported()
        self.run_screen = RunScreen(build_timeline(session(PLANK)), clock=self.clock, progress=self.progress)

    def on_mount(self) -> None:
        self.push_screen(self.run_screen)


async def test_the_run_screen_reports_to_its_flow_one_way() -> None:
    app = _PlainApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.run_screen
        while not screen.engine.finished:
            app.clock.advance(0.5)
            screen.frame()
        await pilot.pause()
        assert app.progress.sets[0] == Position(0, 1, None)
        [result] = app.progress.results
        assert result.completed
        assert app.screen is screen  # the flow, not the screen, decides what is shown next


def test_the_flow_keeps_its_own_unsaved_records_and_the_app_the_only_list() -> None:
    from hamstride.ui import run_flow

    parameters = inspect.signature(run_flow.RunFlow.__init__).parameters
    assert "unsaved" not in parameters and "done" in parameters
    app_source = Path(app_module.__file__).read_text(encoding="utf-8")
    assert "on_run_screen_set_reached" not in app_source and "SetReached" not in app_source


def test_the_app_runs_with_nothing_but_an_opening() -> None:
    app = HamstrideApp(OpenRun(session(PLANK)), services=Services(clock=FakeClock()))
    assert app.settings == Settings() and app.services.store is None


def test_no_module_is_over_400_lines() -> None:
    folder = Path(ui.__file__).parent.parent  # the whole package: a module that grows past 400 lines is split
    sizes = {path.relative_to(folder).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in folder.rglob("*.py")}
    assert {name: size for name, size in sizes.items() if size > 400} == {}
