"""Peer: a bare Textual app that counts down once a second (what a 1 Hz phase should cost)."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Countdown(App[None]):
    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.left = seconds

    def compose(self) -> ComposeResult:
        yield Static(str(self.left), id="count")

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.left -= 1
        if self.left < 0:
            self.exit()
            return
        self.query_one("#count", Static).update(str(self.left))


if __name__ == "__main__":
    Countdown(int(sys.argv[1]) if len(sys.argv) > 1 else 60).run()
