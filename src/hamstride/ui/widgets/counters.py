"""Rep, set and side in block digits: the second thing a runner reads from the mat.

The band is each label beside its big value, side by side, drawn by the run
view; on a narrow screen the gaps close and then the labels go over their values.
When even the smallest glyphs do not fit it falls back to one line of bold text.

Where no layout holds the values whole ("5/8") or with the side as its letter ("L")
(a phone held upright, 40 columns), each number stands alone in block digits with
its total in its label ("rep/8" beside a big 5): from the mat the number done is
what is read, and it stays in block digits rather than falling to plain text.
"""

from typing import NamedTuple

from hamstride.ui.widgets.bigtext import render_block


class Counter(NamedTuple):
    label: str  # small, over the value: "rep", "next set"
    big: str  # in block letters: "3/5"
    plain: str  # as one line of text: "Rep 3 / 5"
    short: str = ""  # block letters for a narrow cell, the label unchanged: "L" for "LEFT"
    bare: str = ""  # the number alone, its total moved into `bare_label`: "5" for "5/8"
    bare_label: str = ""  # "rep/8"


GAP = 4  # columns between two counters
NARROW_GAP = 2  # when the band does not fit with GAP (rep, set and side at 60 columns)

Row = list[tuple[str, str]]  # pieces of a row and what each is: "label", "value", "plain" or "gap"


def counter_rows(counters: tuple[Counter, ...], width: int, height: int, largest: int = 3) -> list[Row]:
    """The band's rows: each label beside its value in block letters, the largest that fit;
    one line of plain text when even the smallest glyphs do not."""
    if not counters or width <= 0 or height <= 0:
        return []
    # The roomy layout first, at every scale; then, still in block digits, a narrower gap, and the
    # labels over their values (a row more, columns fewer); the values whole, then the side's letter.
    layouts = (_band, _narrow_band, _stacked_band)
    whole = [(c.big, c.label) for c in counters]
    letter = [(c.short or c.big, c.label) for c in counters]
    tries = [(layout, scale, form) for layout in layouts for scale in range(largest, 0, -1) for form in (whole, letter)]
    # Where none of those fit (a phone held upright): the bare numbers, the largest that fit in any layout.
    bare = [(c.bare or c.short or c.big, c.bare_label or c.label) for c in counters]
    tries += [(layout, scale, bare) for scale in range(largest, 0, -1) for layout in layouts]
    for layout, scale, form in tries:
        blocks = [render_block(value, scale) for value, _ in form]
        if any(block is None for block in blocks):
            continue
        labelled = tuple(c._replace(label=label) for c, (_, label) in zip(counters, form))
        drawn = layout(labelled, [block for block in blocks if block is not None], width, height)
        if drawn is not None:
            return drawn
    line = one_line(counters)
    line = line if len(line) <= width else line[:max(0, width - 1)] + "…"
    return [[] for _ in range((height - 1) // 2)] + [[(line.center(width).rstrip(), "plain")]]


def one_line(counters: tuple[Counter, ...]) -> str:
    """The counters as one line: "Rep 3 / 5   Set 2 / 3   Left"."""
    return "   ".join(counter.plain for counter in counters)


def _narrow_band(counters: tuple[Counter, ...], blocks: list[list[str]], width: int, height: int) -> list[Row] | None:
    return _band(counters, blocks, width, height, NARROW_GAP)


def _stacked_band(counters: tuple[Counter, ...], blocks: list[list[str]], width: int, height: int) -> list[Row] | None:
    """Each label centred over its block letters; None if they do not fit."""
    rows = len(blocks[0])
    cells = [max(len(counter.label), len(block[0])) for counter, block in zip(counters, blocks)]
    total = sum(cells) + NARROW_GAP * (len(cells) - 1)
    if rows + 1 > height or total > width:
        return None
    # As far apart as the width lets them be, up to GAP: big digits close together read as one number.
    gap = max(NARROW_GAP, min(GAP, (width - sum(cells)) // max(1, len(cells) - 1)))
    total = sum(cells) + gap * (len(cells) - 1)
    band: list[Row] = [[] for _ in range((height - rows - 1) // 2)]
    left = " " * ((width - total) // 2)
    for row in range(-1, rows):
        pieces: Row = [(left, "gap")]
        for index, (counter, block, cell) in enumerate(zip(counters, blocks, cells)):
            if index:
                pieces.append((" " * gap, "gap"))
            if row < 0:
                pieces.append((counter.label.center(cell), "label"))
            else:
                pieces.append((block[row].center(cell), "value"))
        band.append(pieces)
    return band


def _band(counters: tuple[Counter, ...], blocks: list[list[str]], width: int, height: int,
          gap: int = GAP) -> list[Row] | None:
    """Each value's label beside its block letters, the cells side by side; None if they do not fit."""
    rows = len(blocks[0])
    cells = [len(counter.label) + 1 + len(block[0]) for counter, block in zip(counters, blocks)]
    total = sum(cells) + gap * (len(cells) - 1)
    if rows > height or total > width:
        return None
    band: list[Row] = [[] for _ in range((height - rows) // 2)]
    left = " " * ((width - total) // 2)
    for row in range(rows):
        pieces: Row = [(left, "gap")]
        for index, (counter, block) in enumerate(zip(counters, blocks)):
            if index:
                pieces.append((" " * gap, "gap"))
            label = counter.label if row == rows // 2 else ""
            pieces.append((label.rjust(len(counter.label)) + " ", "label"))
            pieces.append((block[row], "value"))
        band.append(pieces)
    return band
