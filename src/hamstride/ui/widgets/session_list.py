"""The past sessions, newest first: every one of them reachable, only the rows in view drawn.

A DataTable measures and renders every cell it is given, and its own set-up was a
third of the history screen's: ten years of sessions were listed a page at a time,
and even an empty table cost more than the figures above it. Here a row is formatted
when it scrolls into view, into columns as wide as the widest value, with the
header kept on top.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from hamstride.domain.record import Record
from hamstride.plaintext import shown
from hamstride.ui.labels import clock

HEADERS = ("date", "session", "status", "time", "eccentric", "effort", "soreness")
TITLE_WIDTH = 40  # at most: a longer title is cut with an ellipsis
GAP = 2  # spaces between columns


def cells(record: Record) -> tuple[str, ...]:
    """A session's row as text, in the order of HEADERS."""
    return (f"{record.started:%Y-%m-%d %H:%M}", shown(record.title, markup=False, one_line=True),
            record.status, clock(record.elapsed_seconds), str(record.eccentric_reps),
            "" if record.rpe is None else str(record.rpe),
            "" if record.soreness is None else str(record.soreness))


class SessionList(ScrollView, can_focus=True):
    """Rows of records, newest first; enter or a click on a row posts `Selected` with its record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "first", "Newest", show=False),
        Binding("end,ctrl+end", "last", "Oldest", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"session-list--header", "session-list--cursor",
                                             "session-list--even-row"}
    DEFAULT_CSS = """
    SessionList {
        background: $surface;
        color: $foreground;
        & > .session-list--header { text-style: bold; background: $panel; color: $foreground; }
        & > .session-list--even-row { background: $surface-lighten-1 50%; }
        & > .session-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .session-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        &:dark > .session-list--even-row { background: $surface-darken-1 40%; }
    }
    """

    cursor_row: reactive[int] = reactive(0)

    class Selected(Message):
        def __init__(self, session_list: SessionList, record: Record) -> None:
            super().__init__()
            self.session_list = session_list
            self.record = record

        @property
        def control(self) -> SessionList:
            return self.session_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.records: Sequence[Record] = ()  # oldest first, as loaded; listed the other way round
        self._widths: tuple[int, ...] = tuple(len(header) for header in HEADERS)
        self._texts: dict[int, tuple[str, ...]] = {}  # rows formatted so far, by row

    @property
    def row_count(self) -> int:
        return len(self.records)

    def show(self, records: Sequence[Record]) -> None:
        """List these records (oldest first), the newest at the top, the cursor on it."""
        self.records = records
        self._texts = {}
        distinct = {record.title for record in records}  # a handful of titles over ten years
        titles = max((cell_len(shown(title, markup=False, one_line=True)) for title in distinct), default=0)
        widths = [len(header) for header in HEADERS]
        widths[0] = 16
        widths[1] = max(widths[1], min(TITLE_WIDTH, titles))
        widths[2] = max(widths[2], 8)  # "complete"
        widths[3] = max(widths[3], 7)  # "1:23:45"
        self._widths = tuple(widths)
        self.virtual_size = Size(1 + sum(widths) + GAP * (len(widths) - 1), len(records) + 1)
        self.cursor_row = 0
        self.scroll_home(animate=False)
        self.refresh()

    def row(self, row: int) -> tuple[str, ...]:
        """The text of a row as shown (row 0 is the newest session)."""
        texts = self._texts.get(row)
        if texts is None:
            if len(self._texts) > 512:  # a long scroll: keep what is near
                self._texts.clear()
            texts = self._texts[row] = cells(self.record_at(row))
        return texts

    def record_at(self, row: int) -> Record:
        return self.records[len(self.records) - 1 - row]

    # -- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0:
            line = self._line(HEADERS, base + self.get_component_rich_style("session-list--header"))
        else:
            row = scroll_y + y - 1
            if row >= len(self.records):
                return Strip.blank(width, base)
            style = base
            if row % 2:
                style += self.get_component_rich_style("session-list--even-row")
            if row == self.cursor_row:
                style += self.get_component_rich_style("session-list--cursor")
            line = self._line(self.row(row), style)
        return line.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)

    def _line(self, texts: Sequence[str], style: Style) -> Strip:
        parts = []
        for n, (text, width) in enumerate(zip(texts, self._widths)):
            if cell_len(text) > width:
                text = set_cell_size(text, width - 1) + "…"
            parts.append(set_cell_size(text, width))
        text = " " + (" " * GAP).join(parts)
        return Strip([Segment(text, style)], cell_len(text))

    def watch_cursor_row(self, before: int, after: int) -> None:
        self._refresh_row(before)
        self._refresh_row(after)

    def _refresh_row(self, row: int) -> None:
        y = row - self.scroll_offset.y + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # -- moving and choosing -------------------------------------------------------

    def _go(self, row: int) -> None:
        if not self.records:
            return
        self.cursor_row = max(0, min(len(self.records) - 1, row))
        shown_rows = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + shown_rows:
            self.scroll_to(y=self.cursor_row - shown_rows + 1, animate=False)

    def action_move(self, rows: int) -> None:
        self._go(self.cursor_row + rows)

    def action_page(self, pages: int) -> None:
        self._go(self.cursor_row + pages * max(1, self.size.height - 2))

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(len(self.records) - 1)

    def action_select(self) -> None:
        if self.records:
            self.post_message(self.Selected(self, self.record_at(self.cursor_row)))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = int(self.scroll_offset.y) + offset.y - 1
        if row < len(self.records):
            self.cursor_row = row
            self.action_select()
