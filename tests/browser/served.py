"""`hamstride serve` started for real, and headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.terminal import hamstride_command

CHROMIUM = "/usr/bin/chromium"
# Never Playwright's own browser download: the system's Chromium, quiet and offline.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str:
    """Chromium's path; without it the browser tests skip (CI installs it, so there they fail)."""
    found = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing in CI: .ci/run installs it")
        pytest.skip("browser tests skipped: no Chromium at /usr/bin/chromium (Debian: apt install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("browser tests skipped: playwright is not installed (make install-dev installs it)")
    return found


@contextmanager
def serving(data_dir: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`hamstride serve --port 0` in its own process; yields the URL it printed, with its token."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen([hamstride_command(), "--data-dir", str(data_dir), "serve", "--port", "0", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert process.stdout is not None
        printed: list[str] = []
        deadline = time.monotonic() + 30
        url = None
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            printed.append(line)
            found = re.search(r"http://\S+\?token=\S+", line)
            url = found.group(0) if found else None
        assert url is not None, "serve printed no URL:\n" + "".join(printed)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def terminal_rows(websocket_url: str) -> int:
    """The rows the page asked the app for: textual-serve opens its websocket with ?width=..&height=.."""
    found = re.search(r"[?&]height=(\d+)", websocket_url)
    assert found is not None, websocket_url
    return int(found.group(1))
