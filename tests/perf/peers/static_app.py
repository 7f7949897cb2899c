"""Peer: the barest Textual app, one Static (launch time and memory floor).

With an argument it exits that many seconds after its first frame, so a
whole-process timer can run it to the end.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def __init__(self, seconds: float | None) -> None:
        super().__init__()
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        yield Static("BARE READY")

    def on_mount(self) -> None:
        if self.seconds is not None:
            self.set_timer(self.seconds, self.exit)


if __name__ == "__main__":
    Bare(float(sys.argv[1]) if len(sys.argv) > 1 else None).run()
