"""One history chart: plotext inside Textual, in the app's theme colours."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
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

    def show(self, charts: Charts) -> None:
        self.charts = charts
        self.refresh()

    @property
    def palette(self) -> Palette:
        theme = self.app.current_theme
        if self._palette is None or self._palette[0] != theme.name:
            self._palette = (theme.name, Palette.from_theme(theme))
        return self._palette[1]

    def render(self) -> RenderableType:
        if self.charts is None or self.size.width < 10 or self.size.height < 4:
            return ""
        heading = self.draw(self.plt, self.charts, self.size.width, self.size.height - 1, self.palette)
        self.plt.theme(self._get_plotext_theme_name(self.app.theme))
        title = heading.text()
        title.truncate(self.size.width, overflow="ellipsis")  # one line, whatever the width
        out = Text(no_wrap=True, overflow="crop")
        out.append_text(title)
        out.append("\n")
        out.append_text(Text.from_ansi(self.plt.build()))
        return out
