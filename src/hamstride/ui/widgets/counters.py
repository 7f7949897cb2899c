"""Rep, set and side in block digits: the second thing a runner reads from the mat.

The band is each label beside its big value, side by side, drawn by the run
view. When even the smallest glyphs do not fit it falls back to one line of
bold text.
"""

from __future__ import annotations

from typing import NamedTuple

from hamstride.ui.widgets.bigtext import render_block


class Counter(NamedTuple):
    label: str  # small, over the value: "rep", "next set"
    big: str  # in block letters: "3/5"
    plain: str  # as one line of text: "Rep 3 / 5"
    short: str = ""  # block letters for a narrow cell: "L" for "LEFT"


GAP = 4  # columns between two counters

Row = list[tuple[str, str]]  # pieces of a row and what each is: "label", "value", "plain" or "gap"


def counter_rows(counters: tuple[Counter, ...], width: int, height: int, largest: int = 3) -> list[Row]:
    """The band's rows: each label beside its value in block letters, the largest that fit;
    one line of plain text when even the smallest glyphs do not."""
    if not counters or width <= 0 or height <= 0:
        return []
    for scale in range(largest, 0, -1):
        for values in ([c.big for c in counters], [c.short or c.big for c in counters]):
            blocks = [render_block(value, scale) for value in values]
            if any(block is None for block in blocks):
                break
            drawn = _band(counters, [block for block in blocks if block is not None], width, height)
            if drawn is not None:
                return drawn
    line = one_line(counters)
    line = line if len(line) <= width else line[:max(0, width - 1)] + "…"
    return [[] for _ in range((height - 1) // 2)] + [[(line.center(width).rstrip(), "plain")]]


def one_line(counters: tuple[Counter, ...]) -> str:
    """The counters as one line: "Rep 3 / 5   Set 2 / 3   Left"."""
    return "   ".join(counter.plain for counter in counters)


def _band(counters: tuple[Counter, ...], blocks: list[list[str]], width: int, height: int) -> list[Row] | None:
    """Each value's label beside its block letters, the cells side by side; None if they do not fit."""
    rows = len(blocks[0])
    cells = [len(counter.label) + 1 + len(block[0]) for counter, block in zip(counters, blocks)]
    total = sum(cells) + GAP * (len(cells) - 1)
    if rows > height or total > width:
        return None
    band: list[Row] = [[] for _ in range((height - rows) // 2)]
    left = " " * ((width - total) // 2)
    for row in range(rows):
        pieces: Row = [(left, "gap")]
        for index, (counter, block) in enumerate(zip(counters, blocks)):
            if index:
                pieces.append((" " * GAP, "gap"))
            label = counter.label if row == rows // 2 else ""
            pieces.append((label.rjust(len(counter.label)) + " ", "label"))
            pieces.append((block[row], "value"))
        band.append(pieces)
    return band
