"""The home screen's sessions, one row each: title, planned time, when last done, where the file is from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from textual.message import Message

from hamstride.ui.widgets.row_list import RowList

HEADERS = ("session", "time", "last done", "from")
TITLE_WIDTH = 40  # at most: a longer title is cut with an ellipsis
BROKEN = Style(color="red")


class LibraryRow(NamedTuple):
    key: str  # the session's name
    cells: tuple[str, str, str, str]  # as HEADERS; text to show as it is (no markup, one line)
    broken: bool = False  # a file that cannot be used: listed in red, never hidden


def origin(builtin: bool, overrides_builtin: bool) -> str:
    """Where a session comes from, as the list's last column says it."""
    return "built-in" if builtin else ("yours, replaces built-in" if overrides_builtin else "yours")


class LibraryList(RowList):
    """Moving the cursor posts `Highlighted` with the row it is on."""

    class Highlighted(Message):
        def __init__(self, library_list: LibraryList, row: int) -> None:
            super().__init__()
            self.library_list = library_list
            self.row = row

        @property
        def control(self) -> LibraryList:
            return self.library_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(HEADERS, id=id)
        self.rows: tuple[LibraryRow, ...] = ()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def show(self, rows: Sequence[LibraryRow]) -> None:
        """List these rows; the cursor stays where it was, within the list."""
        self.rows = tuple(rows)
        widths = [cell_len(header) for header in HEADERS]
        for row in self.rows:
            widths = [max(width, cell_len(cell)) for width, cell in zip(widths, row.cells)]
        widths[0] = min(widths[0], TITLE_WIDTH)
        self.set_widths(widths)
        if self.cursor_row >= len(self.rows):
            self.cursor_row = max(0, len(self.rows) - 1)

    def row(self, row: int) -> tuple[str, ...]:
        return self.rows[row].cells

    def row_style(self, row: int) -> Style | None:
        return BROKEN if self.rows[row].broken else None

    def cells_of(self, key: str) -> tuple[str, ...]:
        """The cells of the session of that name."""
        return next(row.cells for row in self.rows if row.key == key)

    def watch_cursor_row(self, before: int, after: int) -> None:
        super().watch_cursor_row(before, after)
        self.post_message(self.Highlighted(self, after))
