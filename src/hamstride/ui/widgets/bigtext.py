"""Text in block letters, as large as the space allows: readable from the mat.

Textual's Digits are three rows tall at most. A countdown watched from two
metres wants more, so this draws a 5x5 pixel font with half-block characters
(two pixels a cell, square on a typical terminal) at the largest whole scale
that fits, and falls back to plain bold text when even the smallest does not.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

GLYPH_ROWS = 5
_FONT_SOURCE = {
    "A": (" ### ", "#   #", "#####", "#   #", "#   #"),
    "C": (" ####", "#    ", "#    ", "#    ", " ####"),
    "D": ("#### ", "#   #", "#   #", "#   #", "#### "),
    "E": ("#####", "#    ", "#### ", "#    ", "#####"),
    "F": ("#####", "#    ", "#### ", "#    ", "#    "),
    "G": (" ####", "#    ", "#  ##", "#   #", " ####"),
    "H": ("#   #", "#   #", "#####", "#   #", "#   #"),
    "I": ("###", " # ", " # ", " # ", "###"),
    "K": ("#   #", "#  # ", "###  ", "#  # ", "#   #"),
    "L": ("#    ", "#    ", "#    ", "#    ", "#####"),
    "M": ("#   #", "## ##", "# # #", "#   #", "#   #"),
    "N": ("#   #", "##  #", "# # #", "#  ##", "#   #"),
    "O": (" ### ", "#   #", "#   #", "#   #", " ### "),
    "P": ("#### ", "#   #", "#### ", "#    ", "#    "),
    "R": ("#### ", "#   #", "#### ", "#  # ", "#   #"),
    "S": (" ####", "#    ", " ### ", "    #", "#### "),
    "T": ("#####", "  #  ", "  #  ", "  #  ", "  #  "),
    "U": ("#   #", "#   #", "#   #", "#   #", " ### "),
    "W": ("#   #", "#   #", "# # #", "## ##", "#   #"),
    "X": ("#   #", " # # ", "  #  ", " # # ", "#   #"),
    "Y": ("#   #", " # # ", "  #  ", "  #  ", "  #  "),
    "0": (" ### ", "#  ##", "# # #", "##  #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "  ## ", " #   ", "#####"),
    "3": ("#### ", "    #", " ### ", "    #", "#### "),
    "4": ("#   #", "#   #", "#####", "    #", "    #"),
    "5": ("#####", "#    ", "#### ", "    #", "#### "),
    "6": (" ### ", "#    ", "#### ", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", "  #  "),
    "8": (" ### ", "#   #", " ### ", "#   #", " ### "),
    "9": (" ### ", "#   #", " ####", "    #", " ### "),
    ":": ("   ", " # ", "   ", " # ", "   "),
    "/": ("    #", "   # ", "  #  ", " #   ", "#    "),
    "-": ("     ", "     ", "#####", "     ", "     "),
    " ": ("   ", "   ", "   ", "   ", "   "),
}
FONT: dict[str, tuple[tuple[bool, ...], ...]] = {
    char: tuple(tuple(c == "#" for c in row) for row in rows) for char, rows in _FONT_SOURCE.items()
}
GAP = 1  # pixels between glyphs


def pixels(text: str) -> list[list[bool]] | None:
    """The text as rows of pixels at scale 1, or None if a character has no glyph."""
    glyphs = []
    for char in text.upper():
        glyph = FONT.get(char)
        if glyph is None:
            return None
        glyphs.append(glyph)
    rows: list[list[bool]] = [[] for _ in range(GLYPH_ROWS)]
    for index, glyph in enumerate(glyphs):
        for row, line in zip(rows, glyph):
            if index:
                row.extend([False] * GAP)
            row.extend(line)
    return rows


def render_block(text: str, scale: int) -> list[str] | None:
    """Lines of half-block characters for the text at a whole scale."""
    grid = pixels(text)
    if grid is None:
        return None
    scaled = [[p for p in row for _ in range(scale)] for row in grid for _ in range(scale)]
    if len(scaled) % 2:
        scaled.append([False] * len(scaled[0]))
    lines = []
    for top, bottom in zip(scaled[0::2], scaled[1::2]):
        lines.append("".join("█" if t and b else "▀" if t else "▄" if b else " " for t, b in zip(top, bottom)))
    return lines


def block_size(text: str, scale: int) -> tuple[int, int] | None:
    grid = pixels(text)
    if grid is None:
        return None
    return len(grid[0]) * scale, -(-GLYPH_ROWS * scale // 2)


def best_scale(text: str, width: int, height: int, largest: int = 6) -> int:
    """The largest scale at which the text fits, 0 if none does."""
    for scale in range(largest, 0, -1):
        size = block_size(text, scale)
        if size is not None and size[0] <= width and size[1] <= height:
            return scale
    return 0


class BigText(Widget):
    """Block letters that grow with the widget; plain bold text when there is no room."""

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: 1fr;
        min-height: 1;
    }
    """

    text: reactive[str] = reactive("", layout=False)

    def __init__(self, text: str = "", *, largest: int = 6, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.largest = largest
        self.set_reactive(BigText.text, text)
        self._key: tuple[str, int, int, Style] | None = None
        self._strips: list[Strip] = []

    def render_line(self, y: int) -> Strip:
        # Textual's line API: the rows are made here, once per text and size, and
        # handed over as they are, with no rich Text to wrap and format each frame.
        width, height = self.size
        style = self.visual_style.rich_style
        key = (self.text, width, height, style)
        if key != self._key:
            self._key = key
            if best_scale(self.text, width, height, self.largest) == 0:
                style += Style(bold=True)
            self._strips = [Strip([Segment(line.ljust(width)[:width], style)], width)
                            for line in self._lines(width, height)]
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, style)

    def _lines(self, width: int, height: int) -> list[str]:
        scale = best_scale(self.text, width, height, self.largest)
        if scale == 0:
            # No room for block letters: the text, plain and centred, cut if it must be.
            line = self.text if len(self.text) <= width else self.text[:max(0, width - 1)] + "…"
            return [""] * max(0, (height - 1) // 2) + [" " * max(0, (width - len(line)) // 2) + line]
        lines = render_block(self.text, scale) or [self.text]
        # Centred as one block: centring each row on its own would shift the rows of a glyph.
        left = " " * max(0, (width - len(lines[0])) // 2)
        return [""] * max(0, (height - len(lines)) // 2) + [left + line for line in lines]
