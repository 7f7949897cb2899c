"""The report's charts as real charts (pygal): vectors a physio can zoom, print and read.

The figures come from `domain.weekly`, the same as the charts screen's; this module only
draws them. Each chart is a standalone SVG with no script and no web font (pygal's tooltips
script loads from a CDN: left out), so the report opens offline. `picture` stacks them
into one SVG, which `--svg` writes and `--png` turns into pixels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import pygal
from pygal.style import Style

from hamstride.domain.weekly import Charts, WeekFigures

WIDTH, HEIGHT = 800, 360  # one chart, in SVG units (CSS pixels when shown)
TITLE_HEIGHT = 48
FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"  # fonts a desk computer has
NO_DATA_SIZE = 18

# Colours a printout keeps apart in grey too: dark blue, light green, orange, red, purple.
NORDIC, OTHER, EFFORT, SORENESS, BEFORE, LEFT, RIGHT, PLAN = (
    "#1f4e9c", "#7fc97f", "#f39c34", "#d62728", "#7b3f9e", "#f39c34", "#1f4e9c", "#555555")

STYLE = dict(background="white", plot_background="white", foreground="#222222", foreground_strong="#111111",
             foreground_subtle="#dddddd", font_family=FONT, title_font_size=18, legend_font_size=13,
             label_font_size=12, major_label_font_size=12, value_font_size=11, tooltip_font_size=12,
             no_data_font_size=NO_DATA_SIZE)


class Figure(NamedTuple):
    """One chart: its title (also the heading it goes under in the HTML report) and its SVG."""

    title: str
    svg: str


def _config(colours: Sequence[str], labels: int = 0) -> dict[str, object]:
    """What every chart shares; `labels` x labels past 8 are slanted, past 13 one in `every` is written."""
    every = max(1, -(-labels // 13))
    return dict(style=Style(colors=tuple(colours), **STYLE), width=WIDTH, height=HEIGHT, js=[],
                disable_xml_declaration=True, explicit_size=True, legend_at_bottom=True, truncate_legend=-1,
                truncate_label=-1, x_label_rotation=30 if labels > 8 else 0, show_minor_x_labels=every == 1,
                x_labels_major_every=every, print_values=False, no_data_text="Nothing recorded in these weeks")


def _count_axis(highest: float) -> dict[str, object]:
    """A y axis for counts: whole numbers, five steps or fewer, from 0 to just above `highest`."""
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10**9) if highest <= 5 * s)
    top = max(step, -(-int(highest) // step) * step)
    return {"range": (0, top), "y_labels": list(range(0, top + 1, step))}


def _week_labels(weeks: Sequence[WeekFigures]) -> list[str]:
    return [f"{w.monday:%d %b}".lstrip("0") for w in weeks]


SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


NO_DATA = re.compile(r'<text x="([\d.]+)" y="([\d.]+)" class="no_data">([^<]*)</text>')


def _render(chart: pygal.graph.graph.Graph) -> str:
    # pygal always writes its config as a script for its tooltips (which `js=[]` leaves out):
    # with no tooltips it does nothing, and a report to open anywhere carries no script.
    return NO_DATA.sub(_on_white, SCRIPT.sub("", str(chart.render(is_unicode=True))))


def _on_white(said: re.Match[str]) -> str:
    """pygal's "nothing recorded" on a white ground: it sits at the plot's middle, on the gridline of
    a 0-100 chart's 50, which struck the words through in print."""
    x, y, size = float(said.group(1)), float(said.group(2)), NO_DATA_SIZE
    width = len(said.group(3)) * size * 0.6 + 16  # DejaVu Sans averages under 0.6 em a letter
    return (f'<rect x="{x - width / 2:.1f}" y="{y - size * 1.1:.1f}" width="{width:.1f}" '
            f'height="{size * 1.5:.1f}" fill="white"/>{said.group(0)}')


def volume(charts: Charts) -> Figure:
    """Nordic and other eccentric reps stacked a week; the programme's plan beside them, when one ran."""
    weeks = charts.weeks
    title = "Eccentric reps a week"
    chart = pygal.StackedBar(**_config((NORDIC, OTHER), len(weeks)), y_title="reps",
                             **_count_axis(max(w.eccentric_reps for w in weeks)))
    chart.x_labels = [f"{label} ({w.sessions}{' ✓' if w.meets(charts.target) else ''})"
                      for label, w in zip(_week_labels(weeks), weeks)]
    chart.x_title = f"week of (sessions; ✓ target of {charts.target} met)"
    chart.add("Nordic curls", [w.nordic_reps for w in weeks])
    chart.add("other eccentric (bridges)", [w.bridge_reps for w in weeks])
    return Figure(title, _render(chart))


def planned(charts: Charts) -> Figure | None:
    """Eccentric reps done against the programme's plan, for the weeks a programme ran."""
    weeks = charts.weeks
    if all(w.planned_reps is None for w in weeks):
        return None
    chart = pygal.Bar(**_config((NORDIC, PLAN), len(weeks)), y_title="reps",
                      **_count_axis(max(max(w.eccentric_reps, w.planned_reps or 0) for w in weeks)))
    chart.x_labels = _week_labels(weeks)
    chart.x_title = "week of"
    chart.add("done (all eccentric)", [w.eccentric_reps for w in weeks])
    chart.add("planned", [w.planned_reps for w in weeks])
    return Figure("Eccentric reps against the programme's plan", _render(chart))


def body(charts: Charts) -> Figure:
    """Effort (average), soreness after sessions and before them (highest), 0-10, a week."""
    weeks = charts.weeks
    chart = pygal.Line(**_config((EFFORT, SORENESS, BEFORE), len(weeks)), range=(0, 10), y_labels=[0, 2, 4, 6, 8, 10],
                       y_title="0-10", allow_interruptions=True, dots_size=5, stroke_style={"width": 3})
    chart.x_labels = _week_labels(weeks)
    chart.x_title = "week of (no dot: nothing recorded that week)"
    chart.add("effort (average)", [w.effort for w in weeks])
    chart.add("soreness after (highest)", [w.soreness for w in weeks])
    chart.add("soreness before (highest)", [w.sore_before for w in weeks])
    return Figure("Effort and soreness a week", _render(chart))


def sides(charts: Charts) -> Figure:
    """Single-leg eccentric reps per side a week, side by side."""
    weeks = charts.weeks
    chart = pygal.Bar(**_config((LEFT, RIGHT), len(weeks)), y_title="reps",
                      **_count_axis(max(max(w.left.reps, w.right.reps) for w in weeks)))
    chart.x_labels = _week_labels(weeks)
    chart.x_title = "week of"
    # A week without single-leg work has no bar (None), so weeks of none say "nothing recorded".
    chart.add("left", [w.left.reps or None for w in weeks])
    chart.add("right", [w.right.reps or None for w in weeks])
    return Figure("Single-leg eccentric reps, left and right", _render(chart))


def control(charts: Charts) -> Figure:
    """The share of each side's reps done under control (no x), a week, in per cent."""
    weeks = charts.weeks

    def shares(side: str) -> list[float | None]:
        values = [getattr(w, side).control_share for w in weeks]
        return [None if v is None else round(100 * v) for v in values]

    chart = pygal.Line(**_config((LEFT, RIGHT), len(weeks)), range=(0, 100), y_labels=[0, 25, 50, 75, 100],
                       y_title="per cent", allow_interruptions=True, dots_size=5, stroke_style={"width": 3})
    chart.x_labels = _week_labels(weeks)
    chart.x_title = "week of (no dot: no single-leg reps that week)"
    chart.add("left", shares("left"))
    chart.add("right", shares("right"))
    return Figure("Reps under control (no x), per cent", _render(chart))


def programme(charts: Charts) -> Figure | None:
    """The programme's weeks: sessions done against those that complete each week."""
    plan = charts.programme
    if plan is None:
        return None
    chart = pygal.Bar(**_config((PLAN, NORDIC), len(plan.weeks)), y_title="sessions",
                      **_count_axis(max(w.needed for w in plan.weeks)))
    chart.x_labels = [f"{w.number}{' (now)' if w.current else ''}" for w in plan.weeks]
    chart.x_title = "programme week"
    chart.add("sessions that complete the week", [w.needed for w in plan.weeks])
    chart.add("done", [w.done for w in plan.weeks])
    return Figure(f"{plan.title}: {plan.where}", _render(chart))


def figures(charts: Charts) -> list[Figure]:
    """Every chart of the report, in the order the report reads."""
    drawn = [volume(charts), planned(charts), body(charts), sides(charts), control(charts), programme(charts)]
    return [figure for figure in drawn if figure is not None]


def picture(drawn: Sequence[Figure], title: str) -> str:
    """The charts one above the other in one SVG, each under its title: for --svg and --png."""
    y = TITLE_HEIGHT
    parts = [f'<text x="{WIDTH // 2}" y="30" text-anchor="middle" font-family="{FONT}" font-size="22" '
             f'font-weight="bold" fill="#111111">{_escape(title)}</text>']
    for figure in drawn:
        parts.append(f'<text x="16" y="{y + 24}" font-family="{FONT}" font-size="17" font-weight="bold" '
                     f'fill="#111111">{_escape(figure.title)}</text>')
        parts.append(_placed(figure.svg, 0, y + TITLE_HEIGHT - 12))
        y += TITLE_HEIGHT - 12 + HEIGHT + 16
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{WIDTH}" height="{y}" viewBox="0 0 {WIDTH} {y}">'
            f'<rect width="100%" height="100%" fill="white"/>{"".join(parts)}</svg>\n')


def _placed(svg: str, x: int, y: int) -> str:
    """A chart's own <svg> element, moved to (x, y) inside the picture."""
    return re.sub(r"^<svg\b", f'<svg x="{x}" y="{y}"', svg.strip(), count=1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
