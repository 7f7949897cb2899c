"""Driving the installed `hamstride` in a real terminal: tmux send-keys and capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from hamstride.ui.widgets.bigtext import render_block

# Two sets of two slow bridges with a 3 s rest, then a 3 s plank: short enough to run whole, and not
# eccentric work, so no readiness check comes first.
SETS = """
title = "Sets"
[[steps]]
name = "Slow bridge"
tempo = "2-0-1-0"
reps = 2
sets = 2
rest = 3
[[steps]]
name = "Plank"
hold = 3
"""


def app_env(tmp_path: Path) -> dict[str, str]:
    """What the command runs with in a test: a home and a data folder of its own under `tmp_path`
    (never the developer's), in a terminal of 256 colours and true colour."""
    return {"HOME": str(tmp_path / "home"), "HAMSTRIDE_HOME": str(tmp_path / "hamstride"),
            "TERM": "xterm-256color", "COLORTERM": "truecolor"}


def require(tool: str) -> str:
    """The tool's path; outside CI a missing tool skips, in CI it fails (CI must have it)."""
    found = shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{tool} is missing in CI: .ci/run installs it")
    pytest.skip(f"{tool} is not installed on this machine")


def hamstride_command() -> str:
    beside = Path(sys.executable).parent / "hamstride"
    if beside.exists():
        return str(beside)
    found = shutil.which("hamstride")
    if not found:
        pytest.fail("the hamstride command is not installed: run `make test`")
    return found


class Terminal:
    def __init__(self, home: Path, width: int = 80, height: int = 24) -> None:
        self.tmux = require("tmux")
        self.name = f"hamstride-test-{uuid.uuid4().hex[:8]}"
        self.socket = home / "tmux.sock"
        self.home = home
        self.size = (width, height)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run([self.tmux, "-S", str(self.socket), *args], capture_output=True, text=True,
                              timeout=20)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr}")
        return done.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        environment = " ".join(f"{key}={_quote(value)}" for key, value in env.items())
        # Under pytest COLUMNS and LINES are set, and terminal-size lookups trust
        # them over the tty: the app would lay itself out for the wrong size.
        line = (f"env -u COLUMNS -u LINES {environment} {' '.join(_quote(c) for c in command)}; "
                "echo EXITED $?; sleep 60")
        width, height = self.size
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), line)

    def start_alone(self, command: list[str], env: dict[str, str]) -> None:
        """`command` is the pane's own process (exec'd by the shell tmux starts): the session's leader, the
        one process the system sends SIGHUP when the terminal is closed. Nothing runs after it."""
        environment = " ".join(f"{key}={_quote(value)}" for key, value in env.items())
        width, height = self.size
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   f"exec env -u COLUMNS -u LINES {environment} {' '.join(_quote(c) for c in command)}")

    def start_in_shell(self, command: list[str], env: dict[str, str]) -> None:
        """Typed at an interactive shell, which has job control: ctrl+z stops the command, `fg` brings it back."""
        environment = " ".join(f"{key}={_quote(value)}" for key, value in env.items())
        width, height = self.size
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   f"env -u COLUMNS -u LINES {environment} PS1='$ ' bash --norc --noprofile -i")
        # In a subshell: a stopped job would let the shell go on to the echo at once.
        self.keys(f"( {' '.join(_quote(c) for c in command)}; echo EXITED $? )", "Enter")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def screen(self) -> list[str]:
        return self._tmux("capture-pane", "-p", "-t", self.name).splitlines()

    def text(self) -> str:
        return "\n".join(self.screen())

    def wait_for(self, seen: Callable[[list[str]], bool], timeout: float = 15.0, what: str = "") -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen()
            if seen(lines):
                return lines
            if time.monotonic() > deadline:
                size = self._tmux("display", "-p", "-t", self.name, "#{window_width}x#{window_height}").strip()
                raise AssertionError(f"waited {timeout} s for {what or 'the screen'}; the {size} "
                                     "terminal shows:\n" + "\n".join(lines))
            time.sleep(0.1)

    def flags(self) -> tuple[str, str]:
        """Whether the pane is on the alternate screen, and whether an app asked for the mouse."""
        shown = self._tmux("display", "-p", "-t", self.name, "#{alternate_on} #{mouse_any_flag}").split()
        return shown[0], shown[1]

    def app_pid(self) -> int:
        """The pid of the command running in the pane (the shell's child), read from /proc."""
        shell = int(self._tmux("display", "-p", "-t", self.name, "#{pane_pid}").strip())
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == shell:
                return int(stat.parent.name)
        raise AssertionError("the command in the terminal has no process")

    def close(self) -> None:
        subprocess.run([self.tmux, "-S", str(self.socket), "kill-server"], capture_output=True, timeout=20)


def plain_text(lines: list[str]) -> str:
    """The screen's words in one line, read across wrapped lines and a dialog's borders: a sentence
    in a dialog wraps where its width says, and each of its lines is framed by the border."""
    plain = " ".join(lines).translate({ord(c): " " for c in "█▀▄▔▁▌▐"})
    return " ".join(plain.split())


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def biggest_block(lines: list[str], text: str) -> int:
    """The largest scale at which the screen shows `text` in the run screen's block letters, 0 if it does not."""
    for scale in range(8, 0, -1):
        block = render_block(text, scale)
        if block is None:
            continue
        block = [row.rstrip() for row in block]
        for top, line in enumerate(lines):
            start = line.find(block[0])
            while start != -1 and block[0]:
                rows = lines[top:top + len(block)]
                if len(rows) == len(block) and all(r[start:start + len(b)] == b for r, b in zip(rows, block)):
                    return scale
                start = line.find(block[0], start + 1)
    return 0


def shows_big(lines: list[str], text: str) -> bool:
    """Whether the screen shows `text` in the run screen's block letters, at any scale."""
    return biggest_block(lines, text) > 0
