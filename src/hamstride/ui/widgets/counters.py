"""Rep, set and side in block digits: the second thing a runner reads from the mat.

One widget draws the whole band (each label beside its big value), so a
change of rep repaints one region and never lays the screen out again. When
even the smallest glyphs do not fit it falls back to one line of bold text.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.widget import Widget

from hamstride.ui.widgets.bigtext import render_block


class Counter(NamedTuple):
    label: str  # small, over the value: "rep", "next set"
    big: str  # in block letters: "3/5"
    plain: str  # as one line of text: "Rep 3 / 5"
    short: str = ""  # block letters for a narrow cell: "L" for "LEFT"


GAP = 4  # columns between two counters


class Counters(Widget):
    DEFAULT_CSS = """
    Counters {
        width: 1fr;
        height: 3;
    }
    """

    def __init__(self, *, largest: int = 3, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.largest = largest
        self.counters: tuple[Counter, ...] = ()

    @property
    def text(self) -> str:
        """The counters as one line: "Rep 3 / 5   Set 2 / 3   Left"."""
        return "   ".join(counter.plain for counter in self.counters)

    def show(self, counters: tuple[Counter, ...]) -> None:
        if counters != self.counters:
            self.counters = counters
            self.refresh()

    def render(self) -> Text:
        width, height = self.content_size
        if not self.counters or width <= 0:
            return Text("")
        for scale in range(self.largest, 0, -1):
            for values in ([c.big for c in self.counters], [c.short or c.big for c in self.counters]):
                blocks = [render_block(value, scale) for value in values]
                if any(block is None for block in blocks):
                    break
                drawn = self._band([block for block in blocks if block is not None], width, height)
                if drawn is not None:
                    return drawn
        top = "\n" * max(0, (height - 1) // 2)
        return Text(top + self.text, style="bold", justify="center", no_wrap=True, overflow="ellipsis")

    def _band(self, blocks: list[list[str]], width: int, height: int) -> Text | None:
        """Each value's label beside its block letters, the cells side by side; None if they do not fit."""
        rows = len(blocks[0])
        cells = [len(counter.label) + 1 + len(block[0]) for counter, block in zip(self.counters, blocks)]
        total = sum(cells) + GAP * (len(cells) - 1)
        if rows > height or total > width:
            return None
        text = Text("\n" * ((height - rows) // 2), no_wrap=True)
        left = " " * ((width - total) // 2)
        for row in range(rows):
            text.append(left)
            for index, (counter, block) in enumerate(zip(self.counters, blocks)):
                if index:
                    text.append(" " * GAP)
                label = counter.label if row == rows // 2 else ""
                text.append(label.rjust(len(counter.label)) + " ", style="dim")
                text.append(block[row], style="bold")
            if row < rows - 1:
                text.append("\n")
        return text
