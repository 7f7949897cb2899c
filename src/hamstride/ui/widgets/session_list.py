"""The past sessions, newest first: every one of them reachable, only the rows in view drawn.

A DataTable measures and renders every cell it is given, and its own set-up was a
third of the history screen's: ten years of sessions were listed a page at a time,
and even an empty table cost more than the figures above it. Here (a RowList) a row
is formatted when it scrolls into view, into columns as wide as the widest value,
with the header kept on top. A row is what the history's database lists of a session
(`history_db.Listed`, from its columns): the whole record is built when it is opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual.binding import Binding, BindingType
from textual.message import Message

from hamstride.domain.timetext import clock
from hamstride.plaintext import shown
from hamstride.ui.widgets.row_list import GAP, RowList

if TYPE_CHECKING:
    from hamstride.storage.history_db import Listed

HEADERS = ("date", "session", "status", "time", "eccentric", "effort", "soreness")
TITLE_WIDTH = 40  # at most: a longer title is cut with an ellipsis
MIN_TITLE = 8  # the title gives way down to this (at 80 columns, 9) when the numbers beside it would not fit


def cells(row: Listed) -> tuple[str, ...]:
    """A session's row as text, in the order of HEADERS."""
    return (f"{row.started:%Y-%m-%d %H:%M}", shown(row.title, markup=False, one_line=True),
            row.status, clock(row.elapsed_seconds), str(row.eccentric_reps),
            "" if row.rpe is None else str(row.rpe),
            "" if row.soreness is None else str(row.soreness))


class SessionList(RowList):
    """Rows of sessions, newest first; enter or a click on a row posts `Selected` with its row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
        Binding("home,ctrl+home", "first", "Newest", show=False),
        Binding("end,ctrl+end", "last", "Oldest", show=False),
    ]

    class Selected(Message):
        def __init__(self, session_list: SessionList, row: Listed) -> None:
            super().__init__()
            self.session_list = session_list
            self.row = row

        @property
        def control(self) -> SessionList:
            return self.session_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(HEADERS, id=id)
        self.records: Sequence[Listed] = ()  # oldest first, as loaded; listed the other way round
        self._texts: dict[int, tuple[str, ...]] = {}  # rows formatted so far, by row
        self._title_cells = 0  # the longest title listed, in cells

    @property
    def row_count(self) -> int:
        return len(self.records)

    def show(self, records: Sequence[Listed], known_titles: Iterable[str] | None = None, *,
             more_below: bool = False) -> None:
        """List these records (oldest first), the newest at the top, the cursor on it; `known_titles`, when
        given, are theirs (a history read a page at a time knows them without reading every record).
        `more_below`: the same newest rows with older ones added under them (a history read newest month
        first), so the cursor and the scroll stay where the runner has them."""
        self.records = records
        self._texts = {}
        distinct = set(known_titles) if known_titles is not None else {record.title for record in records}
        self._title_cells = max((cell_len(shown(title, markup=False, one_line=True)) for title in distinct),
                                default=0)
        self._fit()
        if more_below:
            return
        self.cursor_row = 0
        self.scroll_home(animate=False)

    def _fit(self) -> None:
        """The columns' widths: the title as wide as the longest (up to TITLE_WIDTH), and narrower when
        the columns after it would not fit beside it: at 80 columns the reps, effort and soreness stay
        in view and the title is cut with an ellipsis."""
        widths = [len(header) for header in HEADERS]
        widths[0] = 16
        widths[2] = max(widths[2], 8)  # "complete"
        widths[3] = max(widths[3], 7)  # "1:23:45"
        title = max(widths[1], min(TITLE_WIDTH, self._title_cells))
        if self.region.width:
            # Room for the scroll bar kept whether or not it shows: it comes with the rows, after a resize.
            shown_width = self.region.width - self.styles.scrollbar_size_vertical
            room = shown_width - 1 - GAP * (len(widths) - 1) - (sum(widths) - widths[1])
            title = max(MIN_TITLE, min(title, room))
        widths[1] = title
        self.set_widths(widths)

    def on_resize(self) -> None:
        self._fit()

    def row(self, row: int) -> tuple[str, ...]:
        """The text of a row as shown (row 0 is the newest session)."""
        texts = self._texts.get(row)
        if texts is None:
            if len(self._texts) > 512:  # a long scroll: keep what is near
                self._texts.clear()
            texts = self._texts[row] = cells(self.record_at(row))
        return texts

    def record_at(self, row: int) -> Listed:
        return self.records[len(self.records) - 1 - row]

    def action_select(self) -> None:
        if self.records:
            self.post_message(self.Selected(self, self.record_at(self.cursor_row)))

    def clicked(self, row: int) -> None:
        self.action_select()
