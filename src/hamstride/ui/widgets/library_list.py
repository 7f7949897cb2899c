"""The home screen's sessions, one row each: title, planned time, when last done, where the file is from.

Too narrow for all four, a row is the title, cut to fit, then what the runner chooses by: the minutes
it takes and a mark for eccentric work, and when last done where there is room for it (60 columns); a
phone held upright (about 40 columns) shows the title, the minutes and the mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from textual.message import Message

from hamstride.ui.widgets.row_list import GAP, RowList

if TYPE_CHECKING:
    from hamstride.domain.record import Record

HEADERS = ("session", "time", "last done", "from")
# The narrower layouts, in order: each column an index into a row's cells and then its short ones
# (4: minutes, 5: the eccentric mark: "ecc", eccentric work in it, a readiness check first).
NARROW = (((0, 4, 5, 2), ("session", "min", "ecc", "last done")), ((0, 4, 5), ("session", "min", "ecc")))
NARROW_TITLE = 20  # a layout that leaves the title fewer columns gives way to the next
ECCENTRIC = "✓"
TITLE_WIDTH = 40  # at most: a longer title is cut with an ellipsis
BROKEN = Style(color="red")


class LibraryRow(NamedTuple):
    key: str  # the session's name
    cells: tuple[str, str, str, str]  # as HEADERS; text to show as it is (no markup, one line)
    broken: bool = False  # a file that cannot be used: listed in red, never hidden
    short: tuple[str, str] = ("", "")  # the narrow list's minutes and eccentric mark


def last_done(records: tuple[Record, ...]) -> dict[str, date]:
    out: dict[str, date] = {}
    if records:  # else the figures wait: the list is drawn before the history is read
        from hamstride.domain.stats import counts

        for record in filter(counts, records):
            out[record.session] = max(out.get(record.session, record.day), record.day)
    return out


def ago(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def essentials(seconds: float | None, eccentric: bool) -> tuple[str, str]:
    """The narrow list's cells: the planned length in whole minutes (never 0 for a session that takes
    time; blank until it is worked out) and the eccentric mark."""
    return "" if seconds is None else str(max(1, round(seconds / 60))), ECCENTRIC if eccentric else ""


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
        self._wide: list[int] = [cell_len(header) for header in HEADERS]  # the four columns' widths
        self.columns: tuple[int, ...] = (0, 1, 2, 3)  # the cells shown (NARROW), as wide as they fit

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
        self._wide = widths
        self._lay_out()
        if self.cursor_row >= len(self.rows):
            self.cursor_row = max(0, len(self.rows) - 1)

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """All four columns where they fit, else the first narrower layout that leaves the title
        NARROW_TITLE columns (the last one whatever it leaves), the title taking what is left."""
        width = self.scrollable_content_region.width
        if width <= 0 or 1 + sum(self._wide) + GAP * (len(self._wide) - 1) <= width:
            self.columns, self.headers = (0, 1, 2, 3), HEADERS
            self.set_widths(self._wide)
            return
        for columns, headers in NARROW:
            others = [max(cell_len(header), *(cell_len(self._cells(row)[n]) for row in self.rows))
                      for n, header in zip(columns[1:], headers[1:])]
            title = width - 1 - sum(others) - GAP * len(others)
            if title >= NARROW_TITLE:
                break
        self.columns, self.headers = columns, headers
        self.set_widths([max(cell_len(headers[0]), min(title, self._wide[0])), *others])

    @staticmethod
    def _cells(row: LibraryRow) -> tuple[str, ...]:
        return (*row.cells, *row.short)

    def row(self, row: int) -> tuple[str, ...]:
        cells = self._cells(self.rows[row])
        return tuple(cells[n] for n in self.columns)

    def row_style(self, row: int) -> Style | None:
        return BROKEN if self.rows[row].broken else None

    def cells_of(self, key: str) -> tuple[str, ...]:
        """The cells of the session of that name."""
        return next(row.cells for row in self.rows if row.key == key)

    def watch_cursor_row(self, before: int, after: int) -> None:
        super().watch_cursor_row(before, after)
        self.post_message(self.Highlighted(self, after))
