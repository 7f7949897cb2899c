"""The home screen at 60x20, the smallest size the README promises: opened at the top, Today in view."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import screen_lines
from tests.ui.test_home import home_app, ready


async def test_home_opens_at_the_top_with_today_whole_and_quit_in_the_footer(tmp_path: Path) -> None:
    app, _, _ = home_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await ready(app, pilot)
        lines = screen_lines(app)
        assert screen.scroll_y == 0
        assert any(line.strip().startswith("Today:") for line in lines[:3])
        assert any("This week:" in line for line in lines)
        assert "q Quit" in lines[-1]
