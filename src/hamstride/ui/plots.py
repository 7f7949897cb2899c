"""The history charts drawn with plotext, on screen (through textual-plotext); the report draws its own (storage.report_charts).

The figures come from `domain.weekly`; this module only draws them. Every chart of one
range shares its time axis: the same weeks at the same columns, and y labels of one width,
so a jump in volume sits right above the soreness that followed it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual.theme import Theme
from textual_plotext.plot import Plot

from hamstride.domain.weekly import Charts, ProgrammeMap, WeekFigures

RGB = tuple[int, int, int]
Y_LABEL = 4  # characters of every y label, so that the charts' columns line up
SIDE_SHIFT = 0.15  # left a little left of its week, right a little right: equal figures stay visible


@dataclass(frozen=True)
class Palette:
    """Series colours, taken from the app's theme so the charts follow it."""

    nordic: RGB
    other: RGB
    plan: RGB
    effort: RGB
    soreness: RGB
    left: RGB
    right: RGB
    text: RGB
    background: RGB

    @classmethod
    def from_theme(cls, theme: Theme) -> Palette:
        variables = theme.to_color_system().generate()

        def rgb(name: str) -> RGB:
            from textual.color import Color

            color = Color.parse(variables[name])
            return (color.r, color.g, color.b)

        return cls(nordic=rgb("primary"), other=rgb("success"), plan=rgb("foreground"), effort=rgb("accent"),
                   soreness=rgb("error"), left=rgb("warning"), right=rgb("primary"), text=rgb("foreground"),
                   background=rgb("surface"))


def week_ticks(weeks: Sequence[WeekFigures], width: int) -> tuple[list[float], list[str]]:
    """Where to label the time axis: the first week, then as often as the labels fit."""
    every = max(1, math.ceil(8 * len(weeks) / max(8, width - Y_LABEL - 2)))
    marks = [n for n in range(len(weeks)) if (len(weeks) - 1 - n) % every == 0]
    return [n + 1.0 for n in marks], [f"{weeks[n].monday:%d %b}".lstrip("0") for n in marks]


@dataclass(frozen=True)
class Heading:
    """A chart's title and its colour keys, drawn as one line above it (plotext's legend would
    cover the bars of a small chart)."""

    title: str
    keys: tuple[tuple[str, str, RGB], ...]  # (mark, label, colour)

    def text(self) -> Text:
        out = Text(self.title, style="bold", no_wrap=True, overflow="ellipsis")
        for mark, label, (r, g, b) in self.keys:
            out.append("  ")
            out.append(mark, style=f"bold rgb({r},{g},{b})")
            out.append(f" {label}")
        return out


def _frame(plt: Plot, width: int, height: int) -> None:
    plt.clear_data()
    figure: Any = plt  # textual-plotext's stub says plotsize returns nothing; plotext returns the size it set
    if figure.plotsize(width, height) != (width, height):
        _past_the_terminal_cap(plt, width, height)


def _past_the_terminal_cap(plt: Plot, width: int, height: int) -> None:
    """The figure at the widget's own size, which plotext capped at the terminal's size as it
    was when the figure was made (a terminal made bigger since, or a test's COLUMNS).

    No public call of plotext 5.3 lifts the cap on a figure of one's own: `limit_size` sets
    the cap of plotext's global figure only, `plot_size` applies it, and `clear_figure` reads
    the terminal again, not the widget. So this is plotext's private setter, the one
    textual-plotext's own render calls (its issue #5): the one private name of a dependency
    in src, allowed by name in tests/unit/test_public_names.py.
    """
    plt._set_size(width, height)


def _axes(plt: Plot, weeks: Sequence[WeekFigures], width: int, ticks: Sequence[float]) -> None:
    # After the data: plotext's bars set ticks of their own.
    plt.xlim(0.5, len(weeks) + 0.5)
    plt.xticks(*week_ticks(weeks, width))
    plt.ylim(0, ticks[-1])
    plt.yticks(list(ticks), [f"{t:>{Y_LABEL}g}" for t in ticks])


def _bars(plt: Plot, xs: Sequence[float], values: Sequence[float], color: RGB, width: float = 0.6) -> None:
    shown = [(x, v) for x, v in zip(xs, values) if v > 0]
    if shown:
        plt.bar([x for x, _ in shown], [v for _, v in shown], color=color, width=width)


def _pair(plt: Plot, xs: Sequence[int], first: Sequence[float], second: Sequence[float],
          colors: tuple[RGB, RGB]) -> None:
    """Two bars a week side by side, the first on the left."""
    for offset, values, color in ((-0.2, first, colors[0]), (0.2, second, colors[1])):
        _bars(plt, [x + offset for x in xs], values, color, width=0.35)


def _nice_top(value: float) -> int:
    """A round top for an axis holding `value`: 10, 12, 15, 20, 25, 30, 40, 50, ..."""
    if value <= 10:
        return 10
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)  # pragma: no cover - the loop always ends at 10


def draw_volume(plt: Plot, charts: Charts, width: int, height: int, palette: Palette) -> Heading:
    """Nordic and other eccentric reps stacked a week, the plan as a mark, sessions on top."""
    weeks = charts.weeks
    xs = list(range(1, len(weeks) + 1))
    highest = max([w.eccentric_reps for w in weeks] + [w.planned_reps or 0 for w in weeks])
    top = _nice_top(highest * 1.2)
    _frame(plt, width, height)
    # Stacked by hand: the whole week in the second colour, the Nordic part over its foot. A bar
    # of 0 still takes a row in plotext, so weeks without a series get no bar of it.
    _bars(plt, xs, [w.eccentric_reps for w in weeks], palette.other)
    _bars(plt, xs, [w.nordic_reps for w in weeks], palette.nordic)
    planned = [(x, w.planned_reps) for x, w in zip(xs, weeks) if w.planned_reps is not None]
    if planned:
        plt.scatter([x for x, _ in planned], [p for _, p in planned], color=palette.plan, marker="━")
    step = top / max(3, height - 5)  # one row of the chart, in reps
    for x, week in zip(xs, weeks):
        if week.sessions:
            mark = f"{week.sessions}✓" if week.meets(charts.target) else str(week.sessions)
            plt.text(mark, x, week.eccentric_reps + step, color=palette.text, background=palette.background,
                     alignment="center")
    _axes(plt, weeks, width, (0, top // 2, top))
    keys = [("█", "Nordic", palette.nordic), ("█", "other eccentric", palette.other)]
    if planned:
        keys.append(("━", "plan", palette.plan))
    keys.append((f"{charts.target}✓", "sessions: target met", palette.text))
    return Heading("Eccentric reps a week", tuple(keys))


def draw_body(plt: Plot, charts: Charts, width: int, height: int, palette: Palette) -> Heading:
    """Effort (average), soreness after sessions and before them (highest) a week, 0-10, on the
    volume chart's weeks."""
    weeks = charts.weeks
    xs = list(range(1, len(weeks) + 1))
    _frame(plt, width, height)
    _pair(plt, xs, [w.effort or 0 for w in weeks], [w.soreness or 0 for w in weeks], (palette.effort, palette.soreness))
    before = [(x + 0.2, w.sore_before) for x, w in zip(xs, weeks) if w.sore_before is not None]
    if before:  # over the soreness bar: what the sessions left, asked before the next one
        plt.scatter([x for x, _ in before], [v for _, v in before], color=palette.text, marker="◆")
    _axes(plt, weeks, width, (0, 5, 10))
    return Heading("Answers, 0-10", (("█", "effort (average)", palette.effort),
                                     ("█", "soreness after (highest)", palette.soreness),
                                     ("◆", "soreness before", palette.text)))


def draw_sides(plt: Plot, charts: Charts, width: int, height: int, palette: Palette) -> Heading:
    """Single-leg eccentric reps per side a week: L and R, so it reads without colour too."""
    weeks = charts.weeks
    xs = list(range(1, len(weeks) + 1))
    highest = max([max(w.left.reps, w.right.reps) for w in weeks] + [1])
    top = _nice_top(highest * 1.1)
    _frame(plt, width, height)
    _series(plt, [([x - SIDE_SHIFT for x in xs], [w.left.reps or None for w in weeks], palette.left, "L"),
                  ([x + SIDE_SHIFT for x in xs], [w.right.reps or None for w in weeks], palette.right, "R")])
    _axes(plt, weeks, width, (0, top // 2, top))
    return Heading("Single-leg eccentric reps a week", (("L", "left", palette.left), ("R", "right", palette.right)))


def draw_control(plt: Plot, charts: Charts, width: int, height: int, palette: Palette) -> Heading:
    """The share of each side's reps done under control (no x mark), a week, in per cent."""
    weeks = charts.weeks
    xs = list(range(1, len(weeks) + 1))
    _frame(plt, width, height)
    def shares(side: str) -> list[float | None]:
        values = [getattr(w, side).control_share for w in weeks]
        return [None if v is None else round(100 * v) for v in values]

    _series(plt, [([x - SIDE_SHIFT for x in xs], shares("left"), palette.left, "L"),
                  ([x + SIDE_SHIFT for x in xs], shares("right"), palette.right, "R")])
    _axes(plt, weeks, width, (0, 50, 100))
    return Heading("Reps under control (no x), per cent", (("L", "left", palette.left), ("R", "right", palette.right)))


Series = tuple[Sequence[float], Sequence[float | None], RGB, str]  # xs, values, colour, marker


def _series(plt: Plot, series: Sequence[Series]) -> None:
    """Lines through the weeks that have a value, broken where a week has none, then each week's
    marker over every line: where the sides are equal, both letters still show."""
    runs_of: list[list[list[tuple[float, float]]]] = []
    for xs, values, _color, _marker in series:
        runs: list[list[tuple[float, float]]] = [[]]
        for x, value in zip(xs, values):
            if value is None:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append((x, value))
        runs_of.append([r for r in runs if r])
    for (_xs, _values, color, _marker), runs in zip(series, runs_of):
        for run in runs:
            plt.plot([x for x, _ in run], [v for _, v in run], color=color)
    for (_xs, _values, color, marker), runs in zip(series, runs_of):
        for run in runs:
            plt.scatter([x for x, _ in run], [v for _, v in run], color=color, marker=marker)


def programme_strip(plan: ProgrammeMap, today: date) -> Text:
    """The programme as a strip of weeks: ✓ done, the current week with its count, the rest ahead."""
    out = Text(no_wrap=False)
    out.append(f"{plan.title}: {plan.where}\n\n", style="bold")
    for week in plan.weeks:
        label = {"done": f" {week.number} ✓ ", "current": f"[{week.number}: {week.count}]",
                 "partly": f" {week.number} {week.count} ", "ahead": f" {week.number} "}[week.state]
        style = {"done": "bold green", "current": "bold reverse", "partly": "yellow", "ahead": "dim"}[week.state]
        out.append(label, style=style)
        out.append(" ")
    out.append("\n\n")
    out.append(plan.sentence(today))
    now = plan.this_week
    if plan.reason != f"{now.done} of {now.needed} sessions of week {plan.week} done":  # said just above
        out.append(f"\nWhy {'maintenance' if plan.maintenance else f'week {plan.week}'}: {plan.reason}.", style="dim")
    return out


Draw = Callable[[Plot, Charts, int, int, Palette], Heading]
