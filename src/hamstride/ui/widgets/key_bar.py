"""The keys on offer, on the bottom line: one widget that draws them all.

It looks like Textual's Footer (same theme colours, same spacing, compact or
not, the command palette's key at the right) and does what it does: a click
presses the key, a key the screen has switched off is dimmed and rings the bell.
But Textual's Footer is a container with one widget per key, composed anew
whenever the screen's bindings change: each key's widget is styled and laid out
(about 10 ms), and in Textual 8.2.8 each rebuild also left its keys alive. At
launch its CSS and its key widgets were about a third of the time the run
screen takes over a bare Textual app's first frame. Here a change of the keys is
one line drawn again, and nothing at all when the keys shown are the same.

Where the keys do not fit on one line (a phone held upright, about 40 columns),
the palette's word goes first, then the keys wrap onto a second line, a key
never cut in two: every key the screen offers stays one tap away.
"""

from typing import Any, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.containers import Container
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

PALETTE_EDGE = "▏"  # Textual draws the palette key's left border (vkey) with it


class Key(NamedTuple):
    key: str  # the key as pressed, e.g. "space"
    display: str  # the key as shown, after the keymap, e.g. "space" or "p"
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    SCOPED_CSS = False  # every rule below names KeyBar itself; the served one starts at the app
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--item", "key-bar--hover",
                         "key-bar--edge"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-bar--item { background: $footer-item-background; }
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-bar--edge { color: $foreground 20%; }
    }
    /* Served to a browser (hamstride serve, the app's -served class): a row more above and below the
       keys, to tap on a phone (a tap there is a tap on the keys' row next to it). */
    App.-served KeyBar { padding: 1 0; }
    """

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True,
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._keys: tuple[Key, ...] | None = None  # what was last drawn
        self._palette: Key | None = None
        self._spans: list[tuple[int, int, int, Key]] = []  # the row and cells each key was drawn on
        self._rows = 1  # rows of keys as last drawn
        self._hover: Key | None = None

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys shown, left to right, the command palette's last."""
        keys, palette = self._offered()
        return (*keys, palette) if palette is not None else keys

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if not screen.app.app_focus:
            return  # Textual's Footer waits too: losing the terminal's focus changes no key
        if self._offered() != (self._keys, self._palette):
            # A row more or less of keys moves what is above the bar: only then is the screen laid out again.
            self.refresh(layout=len(self._lines(self.size.width)) != self._rows)

    def _offered(self) -> tuple[tuple[Key, ...], Key | None]:
        """The screen's keys marked to show, one per action (the first), as Textual's Footer picks them."""
        active = self.screen.active_bindings
        keys: dict[str, Key] = {}
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = Key(binding.key, self.app.get_key_display(binding),
                                           binding.description, enabled)
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                palette = Key(binding.key, self.app.get_key_display(binding), binding.description, enabled)
        return tuple(keys.values()), palette

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if width else 1

    def _pieces(self) -> list[tuple[Text, Key]]:
        """Each key as drawn, with the space after it (compact)."""
        pieces = []
        for key in self._offered()[0]:
            piece = Text(no_wrap=True, end="")
            self._add(piece, key, self.compact)
            pieces.append((piece, key))
        return pieces

    def _lines(self, width: int) -> list[list[tuple[Text, Key]]]:
        """The keys in rows: all on one if they fit with the palette's key (its word dropped first),
        else as many as fit on each row, the palette's key at the end of the last."""
        pieces = self._pieces()
        gap = 1 if self.compact else 0
        palette = self._offered()[1]
        bare = 0 if palette is None else len(PALETTE_EDGE) + len(palette.display) + (0 if self.compact else 1)
        if sum(piece.cell_len + gap for piece, _ in pieces) + bare <= width or not pieces:
            return [pieces]
        lines: list[list[tuple[Text, Key]]] = [[]]
        used = 0
        for piece, key in pieces:
            if lines[-1] and used + piece.cell_len > width:
                lines.append([])
                used = 0
            lines[-1].append((piece, key))
            used += piece.cell_len + gap
        if used + bare > width:  # no room left for the palette's key: a row of its own
            lines.append([])
        return lines

    def render(self) -> Text:
        width = self.size.width
        lines = self._lines(width)
        self._keys, self._palette = self._offered()
        self._rows = len(lines)
        self._spans = []
        out = Text(no_wrap=True, overflow="crop", end="")
        for row, pieces in enumerate(lines):
            line = Text(no_wrap=True, overflow="crop", end="")
            for piece, key in pieces:
                start = line.cell_len
                line.append_text(piece)
                self._spans.append((row, start, line.cell_len, key))
                if self.compact:
                    line.append(" ")
            if row == len(lines) - 1 and self._palette is not None:
                self._end_with_palette(line, row, width)
            elif line.cell_len > width:  # a key wider than the bar: what fits of it
                line.truncate(width)
            if row:
                out.append("\n")
            out.append_text(line)
        out.stylize_before(self.rich_style)
        return out

    def _end_with_palette(self, line: Text, row: int, width: int) -> None:
        assert self._palette is not None
        palette = self._palette_text(self._palette)
        if line.cell_len + palette.cell_len > width:
            # No room for every key and "palette": the screen's keys matter more than the word.
            palette = self._palette_text(self._palette._replace(description=""))
        room = max(0, width - palette.cell_len)
        line.truncate(room, pad=True)
        # A key cut short is only clickable where it shows: never under the palette's key.
        self._spans = [(r, start, min(end, room) if r == row else end, key) for r, start, end, key in self._spans
                       if r != row or start < room]
        start = line.cell_len + len(PALETTE_EDGE)
        self._spans.append((row, start, line.cell_len + palette.cell_len, self._palette))
        line.append_text(palette)

    def _palette_text(self, key: Key) -> Text:
        palette = Text(no_wrap=True, end="")
        edge = self.get_component_rich_style("key-bar--edge")  # its colour blended over the background
        palette.append(PALETTE_EDGE, self._item_style(key) + Style(color=edge.color))
        self._add(palette, key, compact=True)
        if not self.compact:
            palette.append(" ", self._item_style(key))
        return palette

    def _add(self, line: Text, key: Key, compact: bool) -> None:
        """One key as Textual's FooterKey draws it."""
        item = self._item_style(key)
        key_style = item + self.get_component_rich_style("key-bar--key", partial=True)
        pad = "" if compact else " "
        if not key.description:
            line.append(key.display, key_style)
        else:
            line.append(f"{pad}{key.display}{pad}", key_style)
            description = item + self.get_component_rich_style("key-bar--description", partial=True)
            line.append(f" {key.description}" if compact else f"{key.description} ", description)

    def _item_style(self, key: Key) -> Style:
        style = self.get_component_rich_style("key-bar--item", partial=True)
        if key == self._hover:
            style += self.get_component_rich_style("key-bar--hover", partial=True)
        if not key.enabled:
            style += Style(dim=True)
        return style

    def _key_at(self, x: int, y: int) -> Key | None:
        # A tap on the served bar's blank row above or below the keys is on the keys' row beside it.
        row = min(max(0, y - self.gutter.top), self._rows - 1)
        return next((key for r, start, end, key in self._spans if r == row and start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x, event.y)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovering(self._key_at(event.x, event.y))

    def on_leave(self, event: events.Leave) -> None:
        self._hovering(None)

    def _hovering(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()


class KeyRow(Container):
    """The key bar in a row of its own, for a screen that redraws often (the run screen).

    Textual composes an update by asking every widget whose container overlaps it for all of
    its lines, each line through the widget's styles: a key bar straight on the screen is
    composed again at every frame of the run, for a change anywhere above it. In a row of its
    own it is composed only when something on that row changes. The row itself is blank
    (Textual's `BLANK`: no content, no styles to go through) and shows only at its edges
    (the screen's margin, on the row the key bar does not fill).
    """

    BLANK = True
    DEFAULT_CSS = """
    KeyRow {
        dock: bottom;
        height: auto;
        width: 1fr;
        padding: 0 1;
        KeyBar { dock: none; }
    }
    """

    def __init__(self, *children: Widget) -> None:
        super().__init__(*children)
        self._lines: list[Strip] = []  # as last drawn: composed at every frame, they change with the styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = []

    def render_lines(self, crop: Region) -> list[Strip]:
        # Blank lines are drawn without the app's filters; its edges show, so they go through them
        # (NO_COLOR's greys), as every styled line does.
        if len(self._lines) != crop.height or self._lines[0].cell_length != crop.width:
            self._lines = super().render_lines(crop)
            background = self.background_colors[1]
            for line_filter in self.get_line_filters():
                self._lines = [line.apply_filter(line_filter, background) for line in self._lines]
        return self._lines
