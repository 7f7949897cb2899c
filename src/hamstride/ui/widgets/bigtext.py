"""Text in block letters, as large as the space allows: readable from the mat.

Textual's Digits are three rows tall at most. A countdown watched from two
metres wants more, so this draws a 5x5 pixel font with half-block characters
(two pixels a cell, square on a typical terminal) at the largest whole scale
that fits, and falls back to plain bold text when even the smallest does not.
"""

from __future__ import annotations

from functools import lru_cache

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


def render_block(text: str, scale: int) -> list[str] | None:
    """Lines of half-block characters for the text at a whole scale."""
    glyphs = [_glyph_lines(char, scale) for char in text.upper()]
    if any(glyph is None for glyph in glyphs):
        return None
    gap = " " * (GAP * scale)
    if not glyphs:
        return [""] * -(-GLYPH_ROWS * scale // 2)
    return [gap.join(rows) for rows in zip(*(glyph for glyph in glyphs if glyph is not None))]


@lru_cache(maxsize=512)
def _glyph_lines(char: str, scale: int) -> tuple[str, ...] | None:
    """One glyph's lines at a scale: a countdown redraws every second, its glyphs are drawn once."""
    glyph = FONT.get(char)
    if glyph is None:
        return None
    scaled = [[p for p in row for _ in range(scale)] for row in glyph for _ in range(scale)]
    if len(scaled) % 2:
        scaled.append([False] * len(scaled[0]))
    return tuple("".join("█" if t and b else "▀" if t else "▄" if b else " " for t, b in zip(top, bottom))
                 for top, bottom in zip(scaled[0::2], scaled[1::2]))


def block_size(text: str, scale: int) -> tuple[int, int] | None:
    widths = [len(FONT[char][0]) if char in FONT else -1 for char in text.upper()]
    if widths and min(widths) < 0:
        return None
    return (sum(widths) + GAP * max(0, len(widths) - 1)) * scale, -(-GLYPH_ROWS * scale // 2)


def best_scale(text: str, width: int, height: int, largest: int = 6) -> int:
    """The largest scale at which the text fits, 0 if none does."""
    for scale in range(largest, 0, -1):
        size = block_size(text, scale)
        if size is not None and size[0] <= width and size[1] <= height:
            return scale
    return 0


def block_text(text: str, width: int, height: int, largest: int = 6) -> tuple[list[str], bool]:
    """The text's rows in block letters at the largest scale that fits, centred as one block;
    or, when even the smallest does not fit, the text plain on the middle row (then True)."""
    scale = best_scale(text, width, height, largest)
    if scale == 0:
        # No room for block letters: the text, plain and centred, cut if it must be.
        line = text if len(text) <= width else text[:max(0, width - 1)] + "…"
        return [""] * max(0, (height - 1) // 2) + [" " * max(0, (width - len(line)) // 2) + line], True
    lines = render_block(text, scale) or [text]
    # Centred as one block: centring each row on its own would shift the rows of a glyph.
    left = " " * max(0, (width - len(lines[0])) // 2)
    return [""] * max(0, (height - len(lines)) // 2) + [left + line for line in lines], False
