"""Peer: a bare Textual app with a ProgressBar moved ten times a second (what a tempo phase should cost)."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import ProgressBar


class Bar(App[None]):
    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.frames = round(seconds * 10)
        self.done = 0

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="bar", total=50, show_eta=False, show_percentage=False)

    def on_mount(self) -> None:
        self.set_interval(0.1, self.tick)

    def tick(self) -> None:
        self.done += 1
        if self.done > self.frames:
            self.exit()
            return
        self.query_one("#bar", ProgressBar).update(progress=self.done % 51)


if __name__ == "__main__":
    Bar(float(sys.argv[1]) if len(sys.argv) > 1 else 60).run()
