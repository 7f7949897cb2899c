"""Rows of text under a header, a cursor on one of them: a list that draws only the rows in view.

A DataTable measures and renders every cell it is given through rich, parses str
cells as markup (importing rich's emoji table to do it), and brings its own styles:
more than a list of one-line texts needs. Here each row is a line of plain text cells,
padded or cut with an ellipsis to its column's width, drawn as one segment when it
scrolls into view. Subclasses say what the rows are (`row_count`, `row`) and what
choosing one does.
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
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = 2  # spaces between columns


class RowList(ScrollView, can_focus=True):
    """The header on top, then the rows; up, down, pages, home and end move the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--header", "row-list--cursor", "row-list--even-row"}
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        & > .row-list--header { text-style: bold; background: $panel; color: $foreground; }
        & > .row-list--even-row { background: $surface-lighten-1 50%; }
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        &:dark > .row-list--even-row { background: $surface-darken-1 40%; }
    }
    """

    cursor_row: reactive[int] = reactive(0)

    def __init__(self, headers: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headers = tuple(headers)
        self._widths: tuple[int, ...] = tuple(cell_len(header) for header in self.headers)

    # -- what the rows are (subclasses) --------------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def row(self, row: int) -> tuple[str, ...]:
        """The text of a row's cells, as shown: one line each, nothing in them read as markup."""
        raise NotImplementedError

    def row_style(self, row: int) -> Style | None:
        """A style of the row's own over the list's (a broken entry in red), if it has one."""
        return None

    def clicked(self, row: int) -> None:
        """A click put the cursor on this row."""

    def set_widths(self, widths: Sequence[int]) -> None:
        """The columns' widths, in cells; the rows (row_count of them) are drawn from the top again."""
        self._widths = tuple(widths)
        self.virtual_size = Size(1 + sum(self._widths) + GAP * (len(self._widths) - 1), self.row_count + 1)
        self.refresh()

    # -- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0:
            line = self._line(self.headers, base + self.get_component_rich_style("row-list--header"))
        else:
            row = scroll_y + y - 1
            if row >= self.row_count:
                return Strip.blank(width, base)
            style = base
            own = self.row_style(row)
            if own is not None:
                style += own
            if row % 2:
                style += self.get_component_rich_style("row-list--even-row")
            if row == self.cursor_row:
                style += self.get_component_rich_style("row-list--cursor")
            line = self._line(self.row(row), style)
        return line.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)

    def _line(self, texts: Sequence[str], style: Style) -> Strip:
        parts = []
        for text, width in zip(texts, self._widths):
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

    # -- moving -------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """The cursor on this row (kept within the list), scrolled into view."""
        if not self.row_count:
            return
        self.cursor_row = max(0, min(self.row_count - 1, row))
        shown_rows = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + shown_rows:
            self.scroll_to(y=self.cursor_row - shown_rows + 1, animate=False)

    def action_move(self, rows: int) -> None:
        self.move_cursor(self.cursor_row + rows)

    def action_page(self, pages: int) -> None:
        self.move_cursor(self.cursor_row + pages * max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = int(self.scroll_offset.y) + offset.y - 1
        if row < self.row_count:
            self.cursor_row = row
            self.clicked(row)
