"""`hamstride run` draws the run screen, footer keys included, in the app's first frame.

With nothing to ask first (no unfinished session, no readiness check) the run
screen is the app's first screen rather than pushed over an empty one; its
key bar draws its keys in the first frame, and again only when the keys on
offer change. Checked headless, on the fake clock, at the moment the
app is ready (before any pause lets a later refresh catch up).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.storage.config import Config
from hamstride.ui.app import HamstrideApp, OpenRun, Services, Settings
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.screens.summary import SummaryScreen
from hamstride.ui.services import given
from hamstride.ui.widgets.key_bar import KeyBar
from tests.ui.helpers import advance, count_key_bar_draws, make_app, screen_lines
from tests.unit.helpers import FakeClock, session

HOLD = 'title = "Hold"\n[[steps]]\nname = "Plank"\nhold = 4\nlead_in = 3\n'
TEMPO = ('title = "Tempo"\n[[steps]]\nname = "Nordic"\ntempo = "3-0-1-0"\nreps = 2\neccentric = true\n'
         'control = true\nlead_in = 3\n')


def _keys(app: HamstrideApp) -> list[str]:
    return [f"{key.display} {key.description}" for key in app.screen.query_one(KeyBar).keys]


async def test_the_run_is_the_first_screen_with_its_keys_in_the_footer() -> None:
    app, _, _ = make_app(HOLD)
    async with app.run_test(size=(100, 30)):
        assert len(app.screen_stack) == 1 and isinstance(app.screen, RunScreen)
        assert _keys(app) == ["space Pause", "→ Skip", "← Back", "q Quit", "m Mute"]


async def test_the_keymap_shows_in_the_first_footer() -> None:
    _, _, player = make_app(HOLD)
    app = HamstrideApp(OpenRun(session(HOLD)), Settings(config=Config(keymap={"pause": "p"})), Services(clock=FakeClock(), player=given(player)))
    async with app.run_test(size=(100, 30)):
        keys = _keys(app)
        assert "p Pause" in keys and "space Pause" not in keys


async def test_a_run_that_was_the_first_screen_ends_on_its_summary_and_the_app_exits() -> None:
    app, clock, _ = make_app(HOLD)
    async with app.run_test(size=(100, 30)) as pilot:
        advance(app, clock, 10)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is not None and app.return_value.completed


async def test_the_key_bar_is_drawn_again_only_when_its_keys_change(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = count_key_bar_draws(monkeypatch)
    app, clock, _ = make_app(TEMPO)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.pause()
        drawn = len(draws)
        screen.refresh_bindings()  # the same keys on offer
        await pilot.pause()
        assert len(draws) == drawn
        advance(app, clock, 6)  # into the reps (a get-ready of at least 5 s first), where "x" marks a rep where control was lost
        await pilot.pause()
        await pilot.pause()
        assert len(draws) > drawn
        assert "x Lost control" in _keys(app)
        assert "x Lost control" in screen_lines(app)[-1]


async def test_an_eccentric_session_still_asks_the_readiness_check_first(tmp_path: Path) -> None:
    _, _, player = make_app(TEMPO)
    app = HamstrideApp(OpenRun(session(TEMPO)), Settings(readiness_check=True), Services(clock=FakeClock(), player=given(player), user_folder=tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)
