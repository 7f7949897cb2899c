"""One history chart: plotext inside Textual, in the app's theme colours."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.strip import Strip
from textual_plotext import PlotextPlot

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
            style = self.visual_style.rich_style
            options = self.app.console.options.update(width=width, height=height, no_wrap=True)
            lines = self.app.console.render_lines(self._draw(self.charts), options, style=style, pad=True)
            drawn = self._drawn[key] = (self.charts, [Strip(line, width) for line in lines[:height]])
        return drawn[1]

    def render(self) -> RenderableType:
        return ""  # drawn line by line: see render_line

    def _draw(self, charts: Charts) -> Text:
        heading = self.draw(self.plt, charts, self.size.width, self.size.height - 1, self.palette)
        self.plt.theme(self._get_plotext_theme_name(self.app.theme))
        title = heading.text()
        title.truncate(self.size.width, overflow="ellipsis")  # one line, whatever the width
        out = Text(no_wrap=True, overflow="crop")
        out.append_text(title)
        out.append("\n")
        out.append_text(Text.from_ansi(self.plt.build()))
        return out
