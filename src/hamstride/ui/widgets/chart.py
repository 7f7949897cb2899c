"""One history chart: plotext inside Textual, in the app's theme colours."""

from __future__ import annotations

from itertools import groupby
from typing import Any

import plotext
from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from hamstride.domain.weekly import Charts
from hamstride.ui.plots import Draw, Palette


class Chart(PlotextPlot):
    """Draws one of `ui.plots`' charts for the figures it is shown, at its own size."""

    DEFAULT_CSS = """
    Chart { width: 1fr; height: 1fr; min-height: 6; }
    """

    def __init__(self, draw: Draw, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draw = draw
        self.charts: Charts | None = None
        self._palette: tuple[str, Palette] | None = None
        # Drawn charts by figures, size and theme: cycling through the ranges draws each once.
        self._drawn: dict[tuple[int, int, int, str], tuple[Charts, list[Strip]]] = {}

    def show(self, charts: Charts) -> None:
        self.charts = charts
        self.refresh()

    @property
    def palette(self) -> Palette:
        theme = self.app.current_theme
        if self._palette is None or self._palette[0] != theme.name:
            self._palette = (theme.name, Palette.from_theme(theme))
        return self._palette[1]

    def render_line(self, y: int) -> Strip:
        # Lines, not a renderable: a chart is thousands of coloured cells, and turning them into
        # strips is most of a redraw; kept strips make a range seen before come back at once.
        lines = self._lines()
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _lines(self) -> list[Strip]:
        width, height = self.size
        if self.charts is None or width < 10 or height < 4:
            return []
        key = (id(self.charts), width, height, self.app.theme)
        drawn = self._drawn.get(key)
        if drawn is None or drawn[0] is not self.charts:  # the same id, other figures: draw again
            if len(self._drawn) > 16:
                self._drawn.clear()
            drawn = self._drawn[key] = (self.charts, self._strips(self.charts, width, height))
        return drawn[1]

    def plotext_theme(self) -> str:
        """The plotext theme for the app's: textual-plotext registers "textual-auto-<theme>" for the "auto" one."""
        return f"textual-auto-{self.app.theme}" if self.theme == "auto" else self.theme

    def render(self) -> RenderableType:
        return ""  # drawn line by line: see render_line

    def _strips(self, charts: Charts, width: int, height: int) -> list[Strip]:
        """The heading, then plotext's cells turned into strips straight from its matrix."""
        heading = self.draw(self.plt, charts, width, height - 1, self.palette)
        self.plt.theme(self.plotext_theme())
        base = self.visual_style.rich_style
        title = heading.text()
        title.truncate(width, overflow="ellipsis")  # one line, whatever the width
        options = self.app.console.options.update(width=width, height=1, no_wrap=True)
        lines = [Strip(self.app.console.render_lines(title, options, style=base, pad=True)[0], width)]
        lines += matrix_strips(self.plt, width, base)
        while len(lines) < height:
            lines.append(Strip.blank(width, base))
        return lines[:height]

    def ansi_strips(self, charts: Charts, width: int, height: int) -> list[Strip]:
        """The same chart through plotext's text with colour codes, parsed back by Rich: the way
        textual-plotext draws, five times slower; kept to check matrix_strips against."""
        heading = self.draw(self.plt, charts, width, height - 1, self.palette)
        self.plt.theme(self.plotext_theme())
        title = heading.text()
        title.truncate(width, overflow="ellipsis")
        out = Text(no_wrap=True, overflow="crop")
        out.append_text(title)
        out.append("\n")
        out.append_text(Text.from_ansi(self.plt.build()))
        options = self.app.console.options.update(width=width, height=height, no_wrap=True)
        lines = self.app.console.render_lines(out, options, style=self.visual_style.rich_style, pad=True)
        return [Strip(line, width) for line in lines[:height]]


_STYLES: dict[tuple[object, object, object], Style] = {}  # plotext's colours of a cell, as a Rich style


def _cell_style(colours: tuple[object, object, object]) -> Style:
    """A cell's foreground, style and background as plotext would write them, read back by Rich once."""
    style = _STYLES.get(colours)
    if style is None:
        fullground, look, background = colours
        spans = Text.from_ansi(plotext.colorize("x", fullground, look, background)).spans
        found = spans[0].style if spans else ""
        style = _STYLES[colours] = found if isinstance(found, Style) else Style.parse(found or "none")
    return style


def matrix_strips(plt: Plot, width: int, base: Style) -> list[Strip]:
    """plotext's figure as strips, a run of cells of one colour a segment.

    plotext builds a matrix of characters and colours and writes it out as one string with a
    colour code at every change (`build()`), which Rich would then parse back: the parsing was
    most of drawing a chart. The text `build()` returns is left unread: the strips come from
    the matrix it was written from (the figure's `monitor.matrix`, public attributes).
    """
    plt.build()
    figure: Any = plt  # the matrix is plotext's own, outside its typed surface
    matrix = figure.monitor.matrix
    strips = []
    for row in range(matrix.rows - 1, -1, -1):  # plotext's first row is the bottom one
        cells = zip(matrix.marker[row], matrix.fullground[row], matrix.style[row], matrix.background[row])
        segments = [Segment("".join(cell[0] for cell in run), base + _cell_style(colours))
                    for colours, run in groupby(cells, key=_colours)]
        strips.append(Strip(segments).adjust_cell_length(width, base))
    return strips


def _colours(cell: tuple[str, object, object, object]) -> tuple[object, object, object]:
    return cell[1], cell[2], cell[3]
