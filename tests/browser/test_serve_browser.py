"""The served app on a phone-sized page in headless Chromium: start a session, watch it count, pause by touch.

Skips, saying why, where Chromium is not installed; CI installs it (.ci/run).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.served import CHROMIUM_ARGS, chromium, serving, terminal_rows

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}  # CSS pixels of a phone held upright
SESSION = """\
title = "A served check"
summary = "One timed step, to watch the countdown in a browser."
lead_in = 3

[[steps]]
name = "Hold a plank"
cue = "Forearms down, body straight."
duration = 120
"""


def _user_session(data_dir: Path) -> None:
    folder = data_dir / "config" / "sessions"
    folder.mkdir(parents=True)
    (folder / "a-served-check.toml").write_text(SESSION, encoding="utf-8")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_without_the_token_every_route_is_refused(tmp_path: Path) -> None:
    with serving(tmp_path / "home") as (url, _):
        base = url.split("?", 1)[0]
        assert _status(url) == 200
        for path in ("", "static/js/textual.js", "ws", "download/x", "?token=wrong"):
            assert _status(base + path) == 403, path


def test_a_tab_gets_the_app_drawn_not_the_printed_list(tmp_path: Path) -> None:
    """The served process has pipes, not a terminal: told it is served, it opens the app."""
    import asyncio

    import aiohttp

    async def screen_bytes(url: str) -> bytes:
        base, token = url.split("?token=")
        received = b""
        async with aiohttp.ClientSession(headers={"Cookie": f"hamstride-token={token}"}) as client:
            async with client.ws_connect(base.replace("http", "ws") + "ws?width=60&height=30") as socket:
                while b"History" not in received and len(received) < 200_000:
                    message = await socket.receive(timeout=30)
                    if message.type != aiohttp.WSMsgType.BINARY:
                        break
                    received += message.data
        return received

    with serving(tmp_path / "home") as (url, _):
        drawn = asyncio.run(screen_bytes(url))
    assert b"History" in drawn  # the home screen's key bar
    assert b"Start one with" not in drawn  # what `hamstride` prints into a pipe


def test_lan_prints_a_link_for_this_network_with_its_qr_code(tmp_path: Path) -> None:
    with serving(tmp_path / "home", "--lan") as (url, process):
        assert process.stdout is not None
        after = [process.stdout.readline() for _ in range(4)]
        assert "scan this" in after[0] and "▀" in "".join(after[1:])  # the QR code's first lines
        base = url.split("?", 1)[0]
        local = "http://127.0.0.1:" + base.rsplit(":", 1)[1]  # listening on every address, this one too
        assert _status(local) == 403 and _status(local + "?token=" + url.split("token=", 1)[1]) == 200


def test_a_phone_starts_a_session_sees_it_count_and_pauses_it_by_touch(tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    data_dir = tmp_path / "home"
    _user_session(data_dir)
    with serving(data_dir) as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
            page = context.new_page()
            # A websocket opened without the token (a page of another origin would have no cookie) is refused.
            refused = page.evaluate("""url => new Promise(done => {
                const socket = new WebSocket(url.replace("http", "ws").split("?")[0] + "ws");
                socket.onopen = () => done("opened");
                socket.onerror = () => done("refused");
            })""", url)
            assert refused == "refused"
            sockets: list[str] = []
            page.on("websocket", lambda socket: sockets.append(socket.url))
            page.goto(url)
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            assert "Sound plays on the laptop" in page.inner_text("#sound-note")
            # The page is as wide as the phone: no desktop-width page drawn tiny, no text off the side.
            assert page.evaluate("document.documentElement.clientWidth") == PHONE["width"]
            assert page.evaluate("document.querySelector('.xterm-screen').getBoundingClientRect().width") <= PHONE["width"]
            home_shot = _steady(page)  # home has its sessions
            screen = page.evaluate("JSON.stringify(document.querySelector('.xterm-screen').getBoundingClientRect())")
            box = json.loads(screen)
            row = box["height"] / terminal_rows(sockets[-1])
            # Held upright (40 columns) the key bar's keys take two rows, with a blank row above and
            # below them to tap: "⏎ Start ... c Copy to mine", then "q Quit m Mute ... ^p palette".
            first, second = box["bottom"] - 2.5 * row, box["bottom"] - 1.5 * row
            (tmp_path / "home.png").write_bytes(home_shot)
            page.touchscreen.tap(box["left"] + box["width"] * 8.5 / 40, second)  # "m Mute", second row
            _changed(page, home_shot, f"tapping Mute on the key bar's second row did nothing: see {tmp_path}/home.png")
            page.focus(".xterm-helper-textarea")  # where xterm.js reads the keyboard from
            page.keyboard.press("End")  # our session: the runner's own come last
            start_shot = _steady(page)
            page.touchscreen.tap(30, first)  # "⏎ Start", at the left of the key bar
            _changed(page, start_shot, "tapping Start on the key bar started nothing")
            # The run screen: the countdown changes from one second to the next.
            shots = _shots_while(page, seconds=3.0)
            (tmp_path / "run.png").write_bytes(shots[-1])  # to look at when this fails
            assert len(set(shots)) >= 2, f"the countdown did not change: see {tmp_path / 'run.png'}"
            (tmp_path / "run.png").write_bytes(page.screenshot())
            page.touchscreen.tap(30, first)  # the run screen's first key: space, pause
            _steady(page)
            paused = _shots_while(page, seconds=2.5)
            assert len(set(paused)) == 1, "after tapping pause, the screen still counts"
        finally:
            browser.close()
        # The tab is gone: its app quits, and the run's journal says why it stopped.
        journals = _wait_for(lambda: [p for p in data_dir.rglob("*.toml") if "stopped" in p.read_text()], 20)
        assert journals, "closing the page left no journal marked as stopped: " + repr(
            [(p, p.read_text()[:300]) for p in data_dir.rglob("*.toml")])
        assert "browser page was closed" in journals[0].read_text()


def _steady(page: Page, seconds: float = 20.0) -> bytes:
    """The page once two looks a second apart are the same (the app has drawn what it was doing)."""
    end = time.monotonic() + seconds
    last = page.screenshot()
    while time.monotonic() < end:
        time.sleep(1.0)
        shot = page.screenshot()
        if shot == last:
            return shot
        last = shot
    raise AssertionError("the page never stopped changing")


def _changed(page: Page, before: bytes, failure: str, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if page.screenshot() != before:
            return
        time.sleep(0.3)
    raise AssertionError(failure)


def _shots_while(page: Page, seconds: float) -> list[bytes]:
    shots = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        shots.append(page.screenshot())
        time.sleep(0.5)
    return shots


def _wait_for(find, seconds: float):  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while True:
        found = find()
        if found or time.monotonic() > end:
            return found
        time.sleep(0.3)
