"""An empty chart says so in words nothing crosses: pygal writes "Nothing recorded" at the middle of
the plot, which on a 0-100 chart is the 50 per cent gridline, struck through in the printout."""

from __future__ import annotations

import re
from datetime import date

from hamstride.domain.weekly import charts
from hamstride.storage.report_charts import control, figures

TODAY = date(2026, 12, 6)
TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)" class="no_data">')
GUIDE = re.compile(r'<path d="M[\d.]+ ([\d.]+) h[\d.]+" class="(?:major )?guide line"')


def test_the_empty_control_chart_has_its_words_on_a_clear_ground() -> None:
    svg = control(charts([], TODAY, 4, 2)).svg
    said = TEXT.search(svg)
    assert said is not None, "the empty chart says nothing recorded"
    y = float(said.group(2))
    assert any(abs(float(line) - y) < 12 for line in GUIDE.findall(svg)), "a gridline runs through the words"
    before = svg[: said.start()]
    ground = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*fill="white"',
                        before)
    assert ground, "no white ground under the words"
    x0, y0, width, height = map(float, ground[-1])
    x = float(said.group(1))
    assert x0 < x - 140 and x0 + width > x + 140 and y0 < y - 12 and y0 + height > y + 3


def test_every_empty_chart_of_the_report_keeps_its_ground() -> None:
    for figure in figures(charts([], TODAY, 4, 2)):
        texts = TEXT.findall(figure.svg)
        grounds = re.findall(r'fill="white"/>\s*<text x="[\d.]+" y="[\d.]+" class="no_data">', figure.svg)
        assert len(grounds) == len(texts), figure.title
