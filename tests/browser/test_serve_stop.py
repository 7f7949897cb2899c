"""Ctrl+C on `hamstride serve` with a run under way in a tab: the run stops then and is kept, not run on.

It used to run on for some 20 s while aiohttp waited for the open websocket to end by itself, and
the journal credited the sets of those seconds ("paused and kept", the command had said), though
the runner had stopped the laptop's server to stop. Stopped inside the first set, nothing is kept
(the journal is the last set boundary's, app.py): so the signal comes just after set 1 ends.
"""

from __future__ import annotations

import signal
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.browser.served import CHROMIUM_ARGS, chromium, serving
from tests.browser.test_serve_browser import _steady

pytestmark = pytest.mark.browser

SESSION = """\
title = "Bridges"
lead_in = 1

[[steps]]
name = "Slow bridge"
tempo = "2-0-1-0"
reps = 2
sets = 6
rest = 2
"""


def test_ctrl_c_stops_a_served_run_at_once_and_keeps_it_as_it_was(tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    data_dir = tmp_path / "home"
    folder = data_dir / "config" / "sessions"
    folder.mkdir(parents=True)
    (folder / "bridges.toml").write_text(SESSION, encoding="utf-8")
    (data_dir / "config" / "config.toml").write_text('backend = "silent"\n', encoding="utf-8")
    with serving(data_dir) as (url, process), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1000, "height": 700}).new_page()
            page.goto(url)
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            journals = data_dir / "data" / "in-progress"
            _steady(page)  # home drawn (the terminal is a canvas: its text cannot be read here)
            page.focus(".xterm-helper-textarea")
            page.keyboard.press("End")  # our session: the runner's own come last
            _steady(page)
            page.keyboard.press("Enter")
            first_set = _wait_for_sets(journals, 1, seconds=40)  # set 1 done: journalled at its end
            process.send_signal(signal.SIGINT)
            stopped_at = time.monotonic()
            process.wait(timeout=60)
            took = time.monotonic() - stopped_at
        finally:
            browser.close()
    [journal] = list(journals.glob("*.toml"))
    kept = tomllib.loads(journal.read_text())
    assert "browser page was closed" in kept["stopped"]
    # Set 1 was done when Ctrl+C came; the kept run is that, not the sets the app ran on through while the
    # server took its time to close (a set is 2 reps of 3 s, with 2 s rests: 20 s were two sets more).
    assert kept["set"] == first_set["set"], (took, kept["set"])
    assert kept["session"]["elapsed_seconds"] < first_set["session"]["elapsed_seconds"] + 6.0


def _wait_for_sets(folder: Path, sets: int, seconds: float) -> dict[str, Any]:
    """The run's journal once it has `sets` sets done."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for path in folder.glob("*.toml"):
            try:
                journal = tomllib.loads(path.read_text())
            except (OSError, tomllib.TOMLDecodeError):
                continue  # being replaced
            if len(journal.get("set", [])) >= sets:
                return journal
        time.sleep(0.1)
    raise AssertionError(f"no journal with {sets} set(s) done in {folder}")
