"""A phone held upright by the mat (`hamstride serve`, about 40 columns), and a 40-column terminal.

Found at 390x844 in Chromium and in a 40x15 tmux window: home's key bar cut at "Copy to min…" (quit and
mute only in the palette), the session list showing titles alone, and the run screen's rep, set and side
in small plain text while the countdown stayed big. Readable from across the room is the product.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from hamstride.domain.plan import planned_seconds
from hamstride.ui.app import HamstrideApp
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.widgets.key_bar import KeyBar
from tests.e2e.terminal import biggest_block
from tests.ui.helpers import make_app, screen_lines
from tests.ui.test_home import home_app, ready
from tests.ui.test_run_readable import NORDIC
from tests.unit.helpers import FakeClock

PHONE = [(40, 15), (40, 30)]
IDS = [f"{w}x{h}" for w, h in PHONE]
# Three counters at once: rep, set and side, the widest band there is.
PER_SIDE_SETS = """
title = "Single-leg strength"
[[steps]]
name = "Single-leg RDL"
tempo = "3-0-1-0"
reps = 8
sets = 2
rest = 30
sides = true
switch = 5
lead_in = 5
"""


def key_bar_text(app: HamstrideApp) -> str:
    """The key bar's rows as they are on screen, joined, with its blank cells closed up."""
    bar = app.screen.query_one(KeyBar)
    top = bar.region.y
    return " ".join(" ".join(line.split()) for line in screen_lines(app)[top:bar.region.bottom])


def assert_every_key_shown(app: HamstrideApp) -> None:
    bar = app.screen.query_one(KeyBar)
    text = key_bar_text(app)
    for key in bar.keys:
        palette = key.key == app.COMMAND_PALETTE_BINDING  # its word may go for room, its key never
        shown = key.display if palette else f"{key.display} {key.description}".strip()
        assert shown in text, f"{shown!r} is not on the key bar: {text!r}"
        assert "…" not in text


@pytest.mark.parametrize("size", PHONE, ids=IDS)
async def test_home_shows_every_key_including_quit_and_mute(tmp_path: Path, size: tuple[int, int]) -> None:
    app, _, _ = home_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        descriptions = {key.description for key in app.screen.query_one(KeyBar).keys}
        assert {"Start", "History", "Edit", "Copy to mine", "Quit", "Mute"} <= descriptions
        assert_every_key_shown(app)


@pytest.mark.parametrize("size", PHONE, ids=IDS)
async def test_a_tap_on_the_second_row_of_keys_presses_its_key(tmp_path: Path, size: tuple[int, int]) -> None:
    app, _, _ = home_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        bar = app.screen.query_one(KeyBar)
        rows = screen_lines(app)[bar.region.y:bar.region.bottom]
        found = [y for y, row in enumerate(rows) if "m Mute" in row]
        assert found, f"no m Mute on the key bar: {rows}"
        y = found[0]
        muted = app.sound.player.muted
        await pilot.click(KeyBar, offset=(rows[y].index("m Mute") - bar.region.x, y))
        await pilot.pause()
        assert app.sound.player.muted is not muted


async def _run_at(app: HamstrideApp, clock: FakeClock, pilot: Pilot[Any], step: int, rep: int) -> RunScreen:
    """Half a second into the rep (first set, first side), frames at most 2 s apart as the screen draws."""
    screen = app.screen
    assert isinstance(screen, RunScreen)
    segment = next(s for s in screen.timeline.segments if s.step_index == step and s.rep == rep)
    left = segment.start + 0.5 - screen.engine.tick().elapsed
    while left > 1e-9:
        clock.advance(min(2.0, left))
        left -= min(2.0, left)
        screen.frame()
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", PHONE, ids=IDS)
async def test_the_run_screen_shows_every_key(size: tuple[int, int]) -> None:
    app, clock, _ = make_app(NORDIC)
    async with app.run_test(size=size) as pilot:
        await _run_at(app, clock, pilot, step=0, rep=2)
        descriptions = {key.description for key in app.screen.query_one(KeyBar).keys}
        assert {"Pause", "Skip", "Back", "Lost control", "Quit", "Mute"} <= descriptions
        assert_every_key_shown(app)


def session_row(lines: list[str], title_start: str) -> str:
    found = [line for line in lines if line.strip().startswith(title_start)]
    assert found, "\n".join(lines)
    return found[0]


@pytest.mark.parametrize("size", PHONE, ids=IDS)
async def test_the_session_list_tells_minutes_and_eccentric_at_40_columns(tmp_path: Path,
                                                                           size: tuple[int, int]) -> None:
    app, _, _ = home_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        screen = await ready(app, pilot)
        library = {entry.name: entry.session for entry in screen.library.entries}
        header = next(line for line in screen_lines(app) if line.strip().startswith("session"))
        assert "min" in header and "ecc" in header
        seen: list[str] = []  # every row the list shows, walked from the top as a runner would
        await pilot.press("home")
        for _ in library:
            await pilot.pause()
            seen += screen_lines(app)
            await pilot.press("down")
        for name, title_start in (("early-week-strength", "Early-week"), ("hip-extensors", "Hip extensors"),
                                  ("nordic-first-session", "Nordic curl: first")):
            session = library[name]
            assert session is not None
            row = session_row(seen, title_start)
            minutes = str(max(1, round(planned_seconds(session) / 60)))
            cells = row.split()
            assert minutes in cells, f"{row!r} does not say {minutes} min"
            assert ("✓" in cells) is session.eccentric, row


def below_the_bar(lines: list[str]) -> list[str]:
    """The rows under the progress bar: the counters' band, then the cue (the countdown is above)."""
    bar = next(y for y, line in enumerate(lines) if "──" in line)
    return lines[bar + 1:]


def above_the_bar(lines: list[str]) -> list[str]:
    bar = next(y for y, line in enumerate(lines) if "──" in line)
    return lines[1:bar]


@pytest.mark.parametrize("size", PHONE, ids=IDS)
async def test_rep_and_set_are_block_digits_at_40_columns(size: tuple[int, int]) -> None:
    app, clock, _ = make_app(NORDIC)
    async with app.run_test(size=size) as pilot:
        await _run_at(app, clock, pilot, step=0, rep=2)
        lines = screen_lines(app)
        band = below_the_bar(lines)
        rep = max(biggest_block(band, "2/5"), biggest_block(band, "2"))
        assert rep >= 1, "\n".join(lines)
        assert any("rep" in line for line in band)
        phase = biggest_block(above_the_bar(lines), "LOWER")
        assert rep >= phase, "\n".join(lines)  # nothing but the countdown bigger than the rep


@pytest.mark.parametrize("size", PHONE, ids=IDS)
async def test_rep_and_side_are_block_letters_at_40_columns_with_three_counters(size: tuple[int, int]) -> None:
    app, clock, _ = make_app(PER_SIDE_SETS)
    async with app.run_test(size=size) as pilot:
        await _run_at(app, clock, pilot, step=0, rep=5)
        lines = screen_lines(app)
        band = below_the_bar(lines)
        rep = max(biggest_block(band, "5/8"), biggest_block(band, "5"))
        side = max(biggest_block(band, "LEFT"), biggest_block(band, "L"))
        assert rep >= 1 and side >= 1, "\n".join(lines)
        assert any("side" in line for line in band) and any("rep" in line for line in band)
        phase = biggest_block(above_the_bar(lines), "LOWER")
        assert min(rep, side) >= phase, "\n".join(lines)


