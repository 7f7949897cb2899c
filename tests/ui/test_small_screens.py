"""Every screen of a per-side step is readable at 60x20: rep, set and side in block digits,
SWITCH in block letters, the header and the status line whole; the summary opens at its
title and the home screen's key bar shows every key."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.ui.screens.summary import SummaryScreen, heading
from tests.ui.helpers import make_app, screen_lines, shown
from tests.ui.small_screens import MOMENTS, PER_SIDE, SIZE, go_to
from tests.ui.test_home import home_app, ready
from tests.unit.helpers import make_record

BLOCKS = set("█▀▄")


def _has_blocks(line: str) -> bool:
    return bool(BLOCKS & set(line))


@pytest.mark.parametrize("moment", ["lower", "lift", "pause", "right-side", "get-ready", "rest"])
async def test_rep_set_and_side_stay_in_block_digits(moment: str) -> None:
    app, clock, _ = make_app(PER_SIDE)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, clock, pilot, MOMENTS[moment])
        lines = screen_lines(app)
        band = [line for line in lines if "set" in line and _has_blocks(line)]
        assert band, "\n".join(lines)
        assert not any("Set 1 / 2" in line or "Set 2 / 2" in line for line in lines if "Next:" not in line), \
            "\n".join(lines)


async def test_switch_sides_is_in_block_letters() -> None:
    app, clock, _ = make_app(PER_SIDE)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, clock, pilot, MOMENTS["switch-sides"])
        assert shown(app)["phase"] == "SWITCH SIDES"
        lines = screen_lines(app)
        assert not any("SWITCH SIDES" in line for line in lines), "\n".join(lines)
        assert all(_has_blocks(line) for line in lines[1:4]), "\n".join(lines)


@pytest.mark.parametrize("moment", list(MOMENTS))
async def test_the_header_names_the_step_whole_with_the_time_left(moment: str) -> None:
    app, clock, _ = make_app(PER_SIDE)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, clock, pilot, MOMENTS[moment])
        top = " ".join(screen_lines(app)[:2])
        assert "Single-leg Romanian deadlift" in top and "left" in top and "…" not in top, top


async def test_the_offer_to_skip_the_rest_of_the_step_is_whole_on_the_status_line() -> None:
    app, clock, _ = make_app(PER_SIDE)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, clock, pilot, MOMENTS["lower"])
        await pilot.press("n")
        assert "skip the rest" in shown(app)["status"]
        lines = screen_lines(app)
        status = [line for line in lines if "skip the rest" in line]
        assert status and "…" not in " ".join(status), "\n".join(lines)


MANY_STEPS = PER_SIDE + "".join(
    f'[[steps]]\nname = "Single-leg glute bridge with a pause {n}"\nhold = 20\nsides = true\n' for n in range(1, 5))


async def test_the_summary_opens_at_its_title_and_time() -> None:
    app, clock, _ = make_app(MANY_STEPS)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, clock, pilot, MOMENTS["right-side"])
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        lines = screen_lines(app)
        assert any("Session ended early: Single-leg strength" in line for line in lines[:3]), "\n".join(lines)
        assert any(line.strip().startswith("Time ") for line in lines[:4]), "\n".join(lines)
        assert any("Single-leg Romanian" in line for line in lines), "the steps' table is in view"
        assert any("Effort" in line for line in lines) and "^s" in lines[-1]


async def test_a_full_summary_opens_at_its_title_with_the_fields_and_keys_in_view() -> None:
    app, _, _ = make_app(PER_SIDE)
    record = make_record(datetime(2026, 11, 24, 19, tzinfo=timezone.utc) - timedelta(hours=1), completed=False)
    summary = SummaryScreen(record, streak="2 of 2 this week, week streak now 1",
                            warning="Three weeks without Nordics: start again with a small dose.",
                            saved="Saved to /home/runner/.local/share/hamstride/history/2026-11.toml")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(summary)
        await pilot.pause()
        lines = screen_lines(app)
        assert any(f"{heading(record)}: Early-week strength" in line for line in lines[:3]), "\n".join(lines)
        assert any(line.strip().startswith("Time ") for line in lines[:4]), "\n".join(lines)
        assert any("Effort" in line for line in lines) and "^s" in lines[-1], "\n".join(lines)


async def test_the_home_key_bar_keeps_every_key(tmp_path: Path) -> None:
    app, _, _ = home_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        bar = screen_lines(app)[-1]
        for key in ("Start", "History", "Edit", "Copy", "q Quit", "m Mute", "^p"):
            assert key in bar, bar
