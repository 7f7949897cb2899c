"""Text measured in terminal cells, not characters.

Step names and cues come from files in any language: a Japanese character or an
emoji takes two cells. Widgets that draw lines themselves cut, centre and wrap
by cells, as Textual's own text widgets do.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells, set_cell_size


def cut(text: str, width: int) -> str:
    """The text in at most `width` cells, ending in an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def pad(text: str, width: int) -> str:
    """The text left-aligned in exactly `width` cells (cut if longer)."""
    return set_cell_size(text, max(0, width))


def centre(text: str, width: int) -> str:
    """The text centred in exactly `width` cells (cut if longer)."""
    room = max(0, width - cell_len(text))
    return set_cell_size(" " * (room // 2) + text, max(0, width))


def wrap(text: str, width: int) -> list[str]:
    """The text's words in lines of at most `width` cells; a word longer than a line (a
    language without spaces) is broken where the line ends."""
    if width <= 0:
        return []
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width:
            if line:
                lines.append(line)
                line = ""
            head = chop_cells(word, width)[0] or word[0]  # a two-cell character in a one-cell line
            lines.append(head)
            word = word[len(head):]
        if not word:
            continue
        joined = f"{line} {word}" if line else word
        if cell_len(joined) <= width:
            line = joined
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines
