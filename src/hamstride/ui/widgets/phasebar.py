"""How far the current phase has run, as one line drawn by hand.

Textual's ProgressBar is a compound widget with its own styles and animation;
at ten frames a second it costs more than the rest of the run screen together.
This draws the line itself and repaints only when a cell changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

FULL, HALF, EMPTY = "━", "╸", "─"


class PhaseBar(Widget):
    DEFAULT_CSS = """
    PhaseBar {
        width: 1fr;
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.fraction = 0.0
        self._cells = -1  # half-cells drawn last time

    def show(self, fraction: float) -> None:
        """Set the fraction done (0 to 1); repaints only when the drawn line would change."""
        self.fraction = min(1.0, max(0.0, fraction))
        cells = round(self.fraction * self.size.width * 2)
        if cells != self._cells:
            self._cells = cells
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        halves = round(self.fraction * width * 2)
        full, half = divmod(halves, 2)
        done = FULL * full + (HALF if half else "")
        return Text.assemble((done, ""), (EMPTY * (width - len(done)), "dim"), no_wrap=True)
