"""Everything the run screen shows above its footer, drawn as one widget.

The run screen redraws ten times a second while the runner lowers. Textual
repaints a change by asking every widget whose container overlaps it for its
lines, so with a widget per part (header, phase, countdown, bar, counters, cue,
next, status) each frame paid for a dozen widgets to move one line of bar. One
widget on Textual's line API pays once, and refreshes only the rows of the part
that changed.

The parts stack as the old widgets did: a header row, the phase word and the
countdown in block letters sharing the spare rows 1:2 with the counters band
(the phase at most 8 rows, the counters at most 7), the bar, the step's cue (up
to 3 wrapped lines), what comes next, and the status line.

On a small terminal (60x20 is promised) nothing is cut that can be said shorter
or on a second row: the header and the status line try their short forms, then
wrap onto two rows; a phase word too wide for block letters tries its short form
("SWITCH" for "SWITCH SIDES") before plain text.
"""

from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache
from math import floor, inf
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from hamstride.ui.celltext import centre, cut, pad, wrap
from hamstride.ui.widgets.bigtext import block_text
from hamstride.ui.widgets.counters import Counter, counter_rows

CUE_LINES = 3  # the most lines the step's cue takes; a longer cue is paged by the screen
# A view shorter than this (40x15, its keys on two rows) pages the cue two lines at a time: with three
# there would be no room for rep and side in block digits under the countdown.
SHORT_VIEW = 14
COUNTER_ROWS = 3  # the band's rows in the smallest block digits
FULL, HALF, EMPTY = "━", "╸", "─"
# The colour families of the phases, each a component class (run-view--work ...) so the
# stylesheet and the theme decide the colours. Not CSS classes on the view: a new class
# restyles the widget and repaints every row, at each lift, pause and lowering.
TONES = ("work", "lowering", "rest", "transition", "paused")


class Picture(NamedTuple):
    """What the run screen shows, as text: the screen builds one each frame, the view draws the difference."""

    where: str = ""
    time: str = ""
    phase: str = ""
    phase_short: str = ""  # in block letters when the phase word is too wide for them
    where_short: str = ""  # the header's short forms, for a narrow terminal
    time_short: str = ""
    countdown: str = ""  # the big number: seconds, reps or a clock
    progress: float = 0.0  # of the current phase, 0 to 1
    counters: tuple[Counter, ...] = ()
    cue: str = ""  # the page of the cue to show now
    cue_rows: int = 0  # rows the cue keeps while its pages turn (its longest page), so nothing above it jumps
    next: str = ""
    status: str = ""
    status_short: str = ""
    flashing: bool = False  # the countdown flashes for a cue the speaker cannot sound
    tone: str = ""  # the phase's colour family (TONES), for the phase word, countdown, bar and counters


class _Part:
    """A part's rows as last drawn."""

    __slots__ = ("top", "height", "key", "strips")

    def __init__(self) -> None:
        self.top = 0
        self.height = 0
        self.key: object = None  # the width, height and style the strips were drawn for
        self.strips: list[Strip] = []


PARTS = ("header", "phase", "count", "bar", "counters", "cue", "next", "status")


@lru_cache(maxsize=64)
def split_rows(height: int, cue_lines: int, header: int = 1, status: int = 1) -> Mapping[str, tuple[int, int]]:
    """Each part's first row and height, as Textual's vertical layout would place them: fixed rows
    first, the rest shared by the phase, the countdown and the counters 1:2:1 within their limits
    (phase 1-8 rows, countdown at least 3, counters 1-7), rows cut where the exact offsets fall."""
    fixed = {"header": header, "bar": 1, "cue": cue_lines, "next": 1, "status": status}
    room = Fraction(max(0, height - sum(fixed.values())))
    # The counters keep the rows of block digits (3) while a row of phase word and a countdown's
    # 3 are left: on a short screen rep and side are read before the phase word grows.
    counters_low = max(1, min(COUNTER_ROWS, floor(room) - 1 - 3))
    shares = {"phase": (1, 1, 8), "count": (2, 3, None), "counters": (1, counters_low, 7)}
    weights = Fraction(sum(weight for weight, _, _ in shares.values()))
    settled: dict[str, Fraction] = {}
    while weights > 0:  # a share outside its limits is held at the limit and the rest shared again
        unit = room / weights
        changed = False
        for name, (weight, low, high) in shares.items():
            if name in settled:
                continue
            size = unit * weight
            limit = low if size < low else high if high is not None and size > high else None
            if limit is not None:
                settled[name] = Fraction(limit)
                room -= limit
                weights -= weight
                changed = True
        if not changed:
            break
    unit = room / weights if weights > 0 else Fraction(0)
    sizes: dict[str, Fraction] = {name: Fraction(size) for name, size in fixed.items()}
    for name, (weight, low, high) in shares.items():
        size = max(unit * weight, Fraction(low))
        sizes[name] = size if high is None else min(size, Fraction(high))
    rows: dict[str, tuple[int, int]] = {}
    y = Fraction(0)
    for name in PARTS:
        top, end = min(height, floor(y)), min(height, floor(y + sizes[name]))
        rows[name] = (top, max(0, end - top))
        y += sizes[name]
    return rows


@lru_cache(maxsize=64)
def cue_lines(cue: str, width: int) -> tuple[str, ...]:
    """The cue's page wrapped to the width, at most CUE_LINES lines."""
    if not cue or width <= 0:
        return ()
    return tuple(wrap(cue, width)[:CUE_LINES])


def cue_room(size: Size) -> tuple[int, int]:
    """The width and lines a view of this size gives each page of the cue."""
    return size.width, CUE_LINES if size.height >= SHORT_VIEW else CUE_LINES - 1


def cue_pages(cue: str, width: int, most: int = CUE_LINES) -> tuple[list[str], int]:
    """The cue in pages of at most `most` lines at the width (numbered when more than one), and the
    rows its longest page takes."""
    if width <= 12 or len(wrap(cue, width)) <= most:
        pages = [cue]
    else:
        lines = wrap(cue, width - 6)  # room for " (1/2)"
        chunks = [lines[n:n + most] for n in range(0, len(lines), most)]
        pages = [" ".join(chunk) + f" ({n + 1}/{len(chunks)})" for n, chunk in enumerate(chunks)]
    return pages, min(most, max((len(wrap(page, width)) for page in pages), default=0))


def cue_rows(picture: Picture, width: int) -> int:
    """The rows the cue takes: its page's lines, or more while a longer page of it is to come."""
    return min(CUE_LINES, max(picture.cue_rows, len(cue_lines(picture.cue, width))))


def header_lines(picture: Picture, width: int) -> list[tuple[str, str]]:
    """The header's rows, each the step (left) and the time (right): the first of the long and
    short forms that fits one row, else the short step name wrapped onto two rows."""
    where_short, time_short = picture.where_short or picture.where, picture.time_short or picture.time
    for where, time in ((picture.where, picture.time), (where_short, picture.time), (where_short, time_short)):
        if _cells(where) + (_cells(time) + 1 if time else 0) <= width:
            return [(where, time)]
    lines = wrap(where_short, width)
    if not lines:  # no width yet, or nothing to say
        return [(picture.where, picture.time)]
    if len(lines) == 1:
        return [(lines[0], ""), ("", time_short)]
    first, rest = lines[0], where_short[len(lines[0]):].strip()
    room = width - (_cells(time_short) + 1 if time_short else 0)
    return [(first, ""), (cut(rest, room), time_short)]


def status_lines(picture: Picture, width: int) -> list[str]:
    """The status line: its short form when the long one does not fit, else wrapped onto two rows."""
    for status in (picture.status, picture.status_short):
        if status and _cells(status) <= width:
            return [status]
    status = picture.status_short or picture.status
    if not status:
        return [""]
    lines = wrap(status, width)
    return lines[:1] + ([cut(" ".join(lines[1:]), width)] if len(lines) > 1 else [])


# What the view draws with that is one cell wide: printable ASCII, the block letters'
# and the bar's characters, the clock's dot and the ellipsis.
ONE_CELL = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("█▀▄━╸─·…")


def _cells(text: str) -> int:
    # Measured here, not by rich: rich keeps the width of each text it measures (4,096
    # of them), and the clock and the countdown's rows are new texts every second.
    return len(text) if ONE_CELL.issuperset(text) else cell_len(text)


def _line(segments: list[Segment], width: int, fill: Style) -> Strip:
    """One row of exactly `width` cells: whatever was drawn there before is covered."""
    return Strip(segments, sum(_cells(segment.text) for segment in segments)).adjust_cell_length(width, fill)


class RunView(Widget):
    """The run screen's picture: a header, block letters, a bar, counters and three lines of text."""

    COMPONENT_CLASSES = {"run-view--title", "run-view--muted", "run-view--text", *(f"run-view--{tone}" for tone in TONES)}

    DEFAULT_CSS = """
    RunView {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.picture = Picture()
        self._parts = {name: _Part() for name in PARTS}
        self._stale: set[str] = set(PARTS)  # parts whose picture changed since they were drawn
        self._styles_for: tuple[Style, Style, Style, Style] | None = None
        self._tones: dict[tuple[Style, str], Style] = {}
        self._shape_of: tuple[Picture, int, tuple[int, int, int]] | None = None

    def show(self, picture: Picture) -> None:
        """Draw the picture, repainting only the rows of the parts that changed."""
        before, self.picture = self.picture, picture
        if picture == before:
            return
        width = self.size.width
        if self._shape(before, width) != self._shape(picture, width):  # before first: it is the one kept
            self._stale.update(PARTS)
            self.refresh()  # the rows of the cue, the header or the status change where every part sits
            return
        toned = picture.tone != before.tone  # the parts in the phase's colour
        changed = {name for name, differs in (
            ("header", (picture.where, picture.time, picture.where_short, picture.time_short)
             != (before.where, before.time, before.where_short, before.time_short)),
            ("phase", toned or (picture.phase, picture.phase_short) != (before.phase, before.phase_short)),
            ("count", toned or (picture.countdown, picture.flashing) != (before.countdown, before.flashing)),
            ("bar", toned or self._bar_cells(picture.progress, width) != self._bar_cells(before.progress, width)),
            ("counters", toned or picture.counters != before.counters),
            ("cue", picture.cue != before.cue),
            ("next", picture.next != before.next),
            ("status", (picture.status, picture.status_short) != (before.status, before.status_short)),
        ) if differs}
        self._stale.update(changed)
        rows = self._rows()
        regions = [Region(0, top, width, height) for top, height in (rows[name] for name in changed) if height]
        if regions:
            self.refresh(*regions)  # once: each call is Textual's bookkeeping and a message

    def notify_style_update(self) -> None:
        # A new theme: every part is drawn again in the new styles.
        super().notify_style_update()
        self._styles_for = None
        self._tones.clear()
        self._stale.update(PARTS)

    # -- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        size = self.size
        width = size.width
        base = self.visual_style.rich_style
        for name, (top, rows) in self._rows(size).items():
            if top <= y < top + rows:
                strips = self._strips(name, width, rows, base)
                if y - top < len(strips):
                    return strips[y - top]
                break
        return Strip.blank(width, base)

    @staticmethod
    def _layout(picture: Picture, width: int) -> tuple[int, int, int]:
        """The rows of the parts whose height varies: the cue, the header and the status line."""
        return cue_rows(picture, width), len(header_lines(picture, width)), len(status_lines(picture, width))

    def _shape(self, picture: Picture, width: int) -> tuple[int, int, int]:
        """The picture's layout, kept for the last picture asked about: a frame asks for the one before
        and the new one, then each row drawn asks again, and the wrapping behind it is not free."""
        kept = self._shape_of
        if kept is not None and kept[0] is picture and kept[1] == width:
            return kept[2]
        shape = self._layout(picture, width)
        self._shape_of = (picture, width, shape)
        return shape

    def _rows(self, size: Size | None = None) -> Mapping[str, tuple[int, int]]:
        width, height = size or self.size
        return split_rows(height, *self._shape(self.picture, width))

    def _strips(self, name: str, width: int, height: int, base: Style) -> list[Strip]:
        """The part's rows, drawn again only when what it shows, its size or the style changed."""
        part = self._parts[name]
        key = (width, height, base)
        if name in self._stale or key != part.key:
            self._stale.discard(name)
            part.key = key
            part.strips = self._draw(name, width, height, base)
        return part.strips

    def _styles(self, base: Style) -> tuple[Style, Style, Style]:
        """The title, plain text and muted styles over the base."""
        if self._styles_for is None or self._styles_for[0] != base:
            self._styles_for = (base, base + self.get_component_rich_style("run-view--title"),
                                base + self.get_component_rich_style("run-view--text"),
                                base + self.get_component_rich_style("run-view--muted"))
        return self._styles_for[1:]

    def _tone(self, base: Style, tone: str) -> Style:
        """The base in the colour of the phase's tone (the base itself when there is none)."""
        if tone not in TONES:
            return base
        style = self._tones.get((base, tone))
        if style is None:
            style = self._tones[base, tone] = base + self.get_component_rich_style(f"run-view--{tone}")
        return style

    def _draw(self, name: str, width: int, height: int, base: Style) -> list[Strip]:
        picture = self.picture
        title, text, muted = self._styles(base)
        if name == "header":
            rows = []
            for where, time in header_lines(picture, width)[:height]:
                time = f" {time}" if time else ""
                if _cells(time) > width:
                    time = cut(time, width)
                room = width - _cells(time)
                rows.append(_line([Segment(pad(cut(where, room), room), title), Segment(time, muted)], width, base))
            return rows
        if name in ("phase", "count", "bar", "counters"):
            # In the phase's colour, blank cells too (as one run of text, as the terminal gets it).
            base = self._tone(base, picture.tone)
        if name in ("phase", "count"):
            largest = 3 if name == "phase" else 8
            lines, plain = block_text(picture.phase if name == "phase" else picture.countdown, width, height, largest)
            if plain and name == "phase" and picture.phase_short:
                short, still_plain = block_text(picture.phase_short, width, height, largest)
                if not still_plain:
                    lines, plain = short, False
            style = base + Style(bold=True) if plain or name == "phase" else base
            if name == "count" and picture.flashing:
                style += Style(reverse=True)  # the whole box, blank rows too: seen from the mat
                base = style
            rows = [_line([Segment(line, style)], width, base) for line in lines[:height]]
            return rows + [Strip.blank(width, base)] * (height - len(rows))
        if name == "bar":
            full, half = divmod(self._bar_cells(picture.progress, width), 2)
            done = FULL * full + (HALF if half else "")
            return [_line([Segment(done, base), Segment(EMPTY * max(0, width - len(done)), base + Style(dim=True))],
                          width, base)]
        if name == "counters":
            label, value = base + Style(dim=True), base + Style(bold=True)
            styles = {"label": label, "value": value, "plain": value, "gap": base}
            return [_line([Segment(piece, styles[kind]) for piece, kind in row if piece], width, base)
                    for row in counter_rows(picture.counters, width, height)]
        if name == "cue":
            return [_line([Segment(centre(line, width), muted)], width, base)
                    for line in cue_lines(picture.cue, width)]
        if name == "next":
            return [_line([Segment(centre(cut(picture.next, width), width), text)], width, base)]
        return [_line([Segment(pad(cut(line, width), width), muted)], width, base)
                for line in status_lines(picture, width)[:height]]

    @staticmethod
    def _bar_cells(fraction: float, width: int) -> int:
        """Half-cells of the bar done: the bar repaints only when this changes."""
        return min(round(min(1.0, max(0.0, fraction)) * width * 2), width * 2)

    def bar_cells(self, fraction: float | None = None) -> int:
        """Half-cells of the bar drawn at this width, for the picture's fraction or the one given."""
        return self._bar_cells(self.picture.progress if fraction is None else fraction, self.size.width)

    def bar_moves_in(self, local: float, duration: float) -> float:
        """Seconds until the bar as drawn moves, `local` seconds into a phase of `duration`: 0 before
        the view has a width, infinity once it is full."""
        cells = self.size.width * 2
        if cells <= 0 or duration <= 0:
            return 0.0
        done = self._bar_cells(local / duration, self.size.width)
        # round() turns at each half: the next half-cell is drawn from (done + 0.5) / cells of the phase on.
        return inf if done >= cells else max(0.0, (done + 0.5) / cells * duration - local)
