"""The terminal watch, on a real pseudo-terminal: a terminal closed under a process that hears no SIGHUP is seen,
the app's stop handed over, and a process whose app thread cannot take it ended all the same; a live terminal
is looked at about once a second, no more. And a browser tab's app (pipes, no terminal) is never watched."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from hamstride.cli.serve import app_command
from hamstride.ui.terminal_watch import LEAST_GAP_SECONDS, WATCH_SECONDS

on_a_pty = pytest.mark.skipif(not hasattr(os, "openpty") or not Path("/proc/self/task").is_dir(),
                              reason="a pseudo-terminal and /proc (Linux)")

# A process on the terminal that ignores SIGHUP (as a wrapper's child may, and none is sent it anyway): its event
# loop runs until the watch's stop, which ends it with the hang-up's code.
STOPPED = """
import asyncio, os, signal
from hamstride.ui.terminal_watch import TerminalWatch
signal.signal(signal.SIGHUP, signal.SIG_IGN)

async def main():
    loop = asyncio.get_running_loop()
    stopped = loop.create_future()
    TerminalWatch().start(loop, lambda: stopped.set_result(None), stuck=lambda: os._exit(3))
    print("WATCHING", flush=True)
    await stopped
    os._exit(129)

asyncio.run(main())
"""

# The app's thread is stuck (as on Textual's dead writer's full queue): its loop never runs the stop.
STUCK = """
import asyncio, os, signal, threading
from hamstride.ui.terminal_watch import TerminalWatch
signal.signal(signal.SIGHUP, signal.SIG_IGN)
TerminalWatch(patience=0.2).start(asyncio.new_event_loop(), lambda: os._exit(1), stuck=lambda: os._exit(3))
print("WATCHING", flush=True)
threading.Event().wait()
"""

# Two seconds on a live terminal: how often the watch's thread woke (the system counts its switches).
WAKE_UPS = """
import asyncio, os, sys, threading, time
from hamstride.ui.terminal_watch import TerminalWatch
watch = TerminalWatch()
watch.start(asyncio.new_event_loop(), lambda: os._exit(1), stuck=lambda: os._exit(3))
[thread] = [t for t in threading.enumerate() if t.name == "hamstride-terminal-watch"]
time.sleep(2)
status = open(f"/proc/self/task/{thread.native_id}/status").read().split()
switches = sum(int(status[status.index(key) + 1]) for key in ("voluntary_ctxt_switches:",
                                                             "nonvoluntary_ctxt_switches:"))
print("GONE" if watch.gone.is_set() else "THERE", switches, flush=True)
"""


def _on_a_terminal(code: str) -> tuple[subprocess.Popen[bytes], int]:
    """`code` run with a pseudo-terminal as its input and output (not its controlling terminal: no SIGHUP
    reaches it from there); the terminal's other end, once the code said WATCHING or printed its line."""
    master, slave = os.openpty()
    process = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    return process, master


def _read_line(process: subprocess.Popen[bytes], master: int) -> str:
    seen = b""
    while not seen.endswith(b"\n"):
        try:
            chunk = os.read(master, 100)
        except OSError:  # EIO: every copy of the terminal's other end is closed, the process ended
            chunk = b""
        if not chunk:
            assert process.stderr is not None
            raise AssertionError(f"the process ended before it wrote its line: {process.stderr.read().decode()}")
        seen += chunk
    return seen.decode().strip()


def _closed_under(code: str) -> int:
    """The exit code of `code` when its terminal is closed under it (its window shut)."""
    process, master = _on_a_terminal(code)
    try:
        assert _read_line(process, master) == "WATCHING"
    finally:
        os.close(master)  # the terminal is hung up: reads see its end, writes fail, isatty says no
    try:
        return process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@on_a_pty
def test_a_terminal_closed_with_no_sighup_is_seen_and_the_apps_stop_is_handed_over() -> None:
    assert _closed_under(STOPPED) == 129


@on_a_pty
def test_an_app_thread_stuck_on_the_dead_terminal_is_ended_by_the_watch() -> None:
    assert _closed_under(STUCK) == 3


@on_a_pty
def test_a_live_terminal_is_looked_at_about_once_a_second_not_busily() -> None:
    process, master = _on_a_terminal(WAKE_UPS)
    try:
        there, switches = _read_line(process, master).split()
    finally:
        os.close(master)
        process.kill()
        process.wait()
    assert there == "THERE"
    # A look a second (a poll's timeout, then the least gap) is some 4 switches in 2 s; even a poll that answered
    # at once would be held to one look a tenth of a second (40): a busy loop makes thousands.
    assert int(switches) <= 12, switches


def test_a_served_app_on_pipes_is_never_watched(tmp_path: Path) -> None:
    """The command a browser tab runs under `hamstride serve`, as textual-serve runs it: its input and output are
    pipes, which a watch would take for a terminal gone at its first look (and stop the app, code 129). It runs
    on past several looks' time, and ends as a closed tab ends it: by textual-serve's quit, with code 0."""
    pytest.importorskip("textual_serve", reason="the serve extra is not installed")
    from textual_serve.app_service import AppService

    data = tmp_path / "data"
    (data / "config").mkdir(parents=True)
    (data / "config" / "config.toml").write_text('backend = "silent"\n')
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_COLOR_SYSTEM": "truecolor",
           "TERM_PROGRAM": "textual", "COLUMNS": "80", "ROWS": "24"}
    served = subprocess.Popen(app_command(str(data)), shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env)
    assert served.stdin is not None and served.stdout is not None
    drawn = threading.Event()
    threading.Thread(target=_read_all, args=(served.stdout, drawn), daemon=True).start()
    try:
        assert drawn.wait(60), "the served app drew nothing"
        time.sleep(2 * (WATCH_SECONDS + LEAST_GAP_SECONDS))  # a watch would have looked, and stopped it, by now
        assert served.poll() is None, f"the served app ended by itself ({served.returncode})"
        served.stdin.write(AppService.encode_packet(b"M", b'{"type": "quit"}'))
        served.stdin.flush()
        assert served.wait(timeout=30) == 0
    finally:
        if served.poll() is None:
            served.kill()
            served.wait()


def _read_all(stream: IO[bytes], drawn: threading.Event) -> None:
    """What the app sends the page, thrown away (a full pipe would block it); `drawn` once it sent anything."""
    while os.read(stream.fileno(), 65536):  # as soon as anything came, not once a buffer is full
        drawn.set()
