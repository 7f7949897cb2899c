"""Hints name the runner's keys: after config.toml's [keymap], "space to go on" would point at a dead key."""

from __future__ import annotations

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.storage.config import Config
from hamstride.ui.app import HamstrideApp, OpenRun, Services, Settings
from hamstride.ui.services import given
from tests.ui.helpers import RecordingBackend, advance, palette_commands, shown
from tests.ui.test_run_screen import SHORT
from tests.unit.helpers import FakeClock, session

KEYMAP = {"pause": "p", "skip": "s", "mute": "u", "quit-session": "x"}


def _app(keymap: dict[str, str]) -> tuple[HamstrideApp, FakeClock]:
    clock = FakeClock()
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    return HamstrideApp(OpenRun(session(SHORT)), Settings(config=Config(keymap=keymap)), Services(clock=clock, player=given(player))), clock


async def test_the_status_line_names_the_remapped_keys() -> None:
    app, clock = _app(KEYMAP)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "(u mutes)" in shown(app)["status"]
        await pilot.press("p")
        assert shown(app)["status"] == "Paused: p to go on"
        await pilot.press("space")  # no longer the pause key: still paused
        assert shown(app)["status"] == "Paused: p to go on"
        await pilot.press("p", "s")  # on, then the get-ready skipped
        advance(app, clock, 5.0)
        await pilot.press("s")  # the set ends; pressed again, the rest of the step would go
        assert shown(app)["status"] == "Press s again to skip the rest of Nordic"
        await pilot.press("u")
        assert "(muted: u)" in app.sound_status


async def test_a_key_kept_beside_the_remapped_one_is_still_named_as_usual() -> None:
    app, clock = _app({})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert shown(app)["status"] == "Paused: space to go on"
        await pilot.press("space", "right")
        advance(app, clock, 5.0)
        await pilot.press("right")  # skip's keys are → and n: the hint keeps n
        assert shown(app)["status"] == "Press n again to skip the rest of Nordic"


async def test_the_palette_names_the_remapped_keys() -> None:
    app, _ = _app(KEYMAP)
    async with app.run_test(size=(80, 24)):
        helps = {command.title: command.help for command in palette_commands(app, app.screen)}
        assert helps["Pause or resume"].endswith("(p)") and helps["Skip"].endswith("(s)")
        assert helps["Mute or unmute"].endswith("(u)") and helps["End the session"].endswith("(x)")
        assert helps["Back"].endswith("(b)")  # not remapped: its usual key


async def test_the_palettes_quit_says_what_it_does_in_a_run_and_out_of_one() -> None:
    """Textual's "Quit the application as soon as possible" was wrong in a run: there Quit asks first,
    then ends the session and saves what was done."""
    app, clock = _app({})
    async with app.run_test(size=(80, 24)) as pilot:
        helps = {command.title: command.help for command in palette_commands(app, app.screen)}
        assert "as soon as possible" not in helps["Quit"]
        assert helps["Quit"].startswith("Asks first, then ends the session and saves what was done (")
        await pilot.press("q", "y")
        await pilot.pause()
        helps = {command.title: command.help for command in palette_commands(app, app.screen)}
        assert helps["Quit"].startswith("Close hamstride: the session is saved")
