"""A calendar of the last weeks, one cell a day, shaded by what was done that day."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from hamstride.domain.stats import DayActivity, monday

DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
CELL = "■ "


class Heatmap(Widget):
    """Columns are ISO weeks (the current one last), rows are Monday to Sunday."""

    COMPONENT_CLASSES = {"heatmap--empty", "heatmap--session", "heatmap--eccentric", "heatmap--future",
                         "heatmap--label"}
    DEFAULT_CSS = """
    Heatmap { height: 9; width: auto; }
    Heatmap > .heatmap--empty { color: $surface-lighten-2; }
    Heatmap > .heatmap--session { color: $success-darken-1; }
    Heatmap > .heatmap--eccentric { color: $success-lighten-1; text-style: bold; }
    Heatmap > .heatmap--future { color: $background; }
    Heatmap > .heatmap--label { color: $text-muted; }
    """

    WEEKS = 26  # shown unless told otherwise

    def __init__(self, days: dict[date, DayActivity], today: date, weeks: int = WEEKS, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.days = days
        self.today = today
        self.weeks = weeks

    def show(self, days: dict[date, DayActivity], today: date) -> None:
        self.days = days
        self.today = today
        self.refresh(layout=True)

    def get_content_width(self, container: object, viewport: object) -> int:
        return 4 + self.weeks * len(CELL)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 9

    def render(self) -> RenderableType:
        style = self.get_component_rich_style
        first = monday(self.today) - timedelta(weeks=self.weeks - 1)
        out = Text(no_wrap=True)
        out.append("    ")
        out.append(self._month_row(first), style("heatmap--label"))
        out.append("\n")
        for weekday in range(7):
            out.append(f"{DAY_LABELS[weekday]:<4}", style("heatmap--label"))
            for week in range(self.weeks):
                day = first + timedelta(weeks=week, days=weekday)
                activity = self.days.get(day)
                if day > self.today:
                    out.append(CELL, style("heatmap--future"))
                elif activity is None or activity.sessions == 0:
                    out.append(CELL, style("heatmap--empty"))
                elif activity.eccentric:
                    out.append(CELL, style("heatmap--eccentric"))
                else:
                    out.append(CELL, style("heatmap--session"))
            out.append("\n")
        out.append("    ")
        out.append("■", style("heatmap--empty"))
        out.append(" nothing  ", style("heatmap--label"))
        out.append("■", style("heatmap--session"))
        out.append(" session  ", style("heatmap--label"))
        out.append("■", style("heatmap--eccentric"))
        out.append(" eccentric", style("heatmap--label"))
        return out

    def _month_row(self, first: date) -> str:
        row = [" "] * (self.weeks * len(CELL))
        last_month = None
        for week in range(self.weeks):
            start = first + timedelta(weeks=week)
            if start.month != last_month:
                label = start.strftime("%b")
                at = week * len(CELL)
                if at + len(label) <= len(row) and all(c == " " for c in row[max(0, at - 1):at + len(label)]):
                    row[at:at + len(label)] = label
                last_month = start.month
        return "".join(row)

    def cell(self, day: date) -> str:
        """Which shade a day has: what a test (or a screen reader) asks."""
        activity = self.days.get(day)
        if day > self.today:
            return "future"
        if activity is None or activity.sessions == 0:
            return "empty"
        return "eccentric" if activity.eccentric else "session"
