"""How far the current phase has run, as one line drawn by hand.

Textual's ProgressBar is a compound widget with its own styles and animation;
at ten frames a second it costs more than the rest of the run screen together.
This draws the line itself and repaints only when a cell changes.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

FULL, HALF, EMPTY = "━", "╸", "─"
DIM = Style(dim=True)


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
        self._cells = 0  # half-cells done, as drawn
        self._width = 0  # as last laid out: reading self.size ten times a second adds up

    def show(self, fraction: float) -> None:
        """Set the fraction done (0 to 1); repaints only when the drawn line would change."""
        self.fraction = min(1.0, max(0.0, fraction))
        width = self._width
        cells = min(round(self.fraction * width * 2), width * 2)
        if cells != self._cells:
            self._cells = cells
            self.refresh()

    def on_resize(self) -> None:
        self._width = self.size.width
        self.show(self.fraction)

    def render_line(self, y: int) -> Strip:
        # Textual's line API: one strip made by hand, no rich Text to wrap and format.
        width = self.size.width
        style = self.visual_style.rich_style
        full, half = divmod(max(0, self._cells), 2)
        done = FULL * full + (HALF if half else "")
        rest = max(0, width - len(done))
        return Strip([Segment(done, style), Segment(EMPTY * rest, style + DIM)], width)
