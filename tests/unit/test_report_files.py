"""`hamstride report --svg / --html / --png`: the charts as real charts, the report as one offline page."""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.storage.history import HistoryStore
from hamstride.storage.report_html import html_report
from tests.unit.helpers import make_record
from tests.unit.test_export import OFFSET, _saved

# What may look like an address but fetches nothing: XML namespaces, pygal naming itself and its inlined CSS files in comments.
NOT_A_FETCH = re.compile(r"http://www\.w3\.org/[\w/]+|https?://(?:pygal\.org|github\.com/Kozea/pygal)[^\s<>]*|file://[\w.]+")


def _addresses(text: str) -> list[str]:
    return re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"'<>)]*", NOT_A_FETCH.sub("", text))


def test_svg_is_real_charts_with_nothing_to_fetch(isolated_home: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _saved(isolated_home)
    picture = tmp_path / "charts.svg"
    assert main(["report", "--weeks", "12", "--svg", str(picture)]) == 0
    svg = picture.read_text()
    # pygal's charts: bars as rectangles of their own, axes and legends, not a terminal screenshot.
    assert svg.count('class="pygal-chart"') >= 4 and 'class="legends"' in svg and "<rect" in svg
    assert "▀" not in svg and "█" not in svg and "terminal" not in svg.lower()
    assert _addresses(svg) == [] and "<script" not in svg and "@font-face" not in svg


def test_html_is_one_page_with_the_tables_and_charts_inline(isolated_home: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _saved(isolated_home)
    page = tmp_path / "report.html"
    assert main(["report", "--weeks", "12", "--html", str(page)]) == 0
    assert capsys.readouterr().out == f"Wrote the report with its charts to {page}\n"
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 4  # volume, answers, sides, control: inline, none fetched
    assert "<th>week of</th>" in html and "<th>date</th>" in html  # the Markdown tables, as tables
    assert '<td class="num">' in html  # right-aligned where the Markdown said ---:
    assert "<td>first | easy</td>" not in html  # the note's pipe does not split its table cell...
    assert "first | easy" in html  # ...and it is shown as written
    assert _addresses(html) == [] and "<script" not in html and "<link" not in html
    assert "@media print" in html


def test_text_from_files_is_text_in_the_page(tmp_path: Path) -> None:
    markdown = "# Report\n\n## Notes\n\n- 02 Nov: <script>alert(1)</script> & \\| more\n"
    html = html_report(markdown, [], "<b>title</b>")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; | more" in html
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in html


@pytest.mark.parametrize(("option", "name", "meant"), [
    ("--svg", "c2.png", "c2.svg"), ("--html", "report.svg", "report.html"), ("--png", "charts.svg", "charts.png"),
    ("--html", "report", "report.html"),
])
def test_a_name_that_is_not_its_format_is_refused_and_nothing_written(
        option: str, name: str, meant: str, isolated_home: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    _saved(isolated_home)
    target = tmp_path / name
    assert main(["report", option, str(target), "-o", str(tmp_path / "report.md")]) == 2
    out = capsys.readouterr().out
    assert f"--{option[2:]} writes {option[2:].upper()}" in out and meant in out
    assert not target.exists() and not (tmp_path / "report.md").exists()


def test_png_is_a_picture(isolated_home: Path, tmp_path: Path) -> None:
    pytest.importorskip("cairosvg", reason="the png extra is not installed (make install-dev installs it)")
    _saved(isolated_home)
    picture = tmp_path / "charts.png"
    assert main(["report", "--weeks", "12", "--png", str(picture)]) == 0
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height > width  # the charts one above the other, at 1.5 times their size


def test_without_cairosvg_png_says_how_to_get_it(isolated_home: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # as on a machine without the png extra
    picture = tmp_path / "charts.png"
    assert main(["report", "--png", str(picture)]) == 2
    assert "pip install 'hamstride[png]'" in capsys.readouterr().out.replace("\n", "")
    assert not picture.exists()


def test_a_week_without_answers_still_draws_every_chart(isolated_home: Path, tmp_path: Path) -> None:
    history = HistoryStore(isolated_home / "data" / "history", lambda: datetime(2026, 11, 24, tzinfo=OFFSET))
    history.save(make_record(datetime(2026, 11, 2, 7, tzinfo=OFFSET), eccentric_reps=0))
    page = tmp_path / "report.html"
    assert main(["report", "--weeks", "2", "--html", str(page)]) == 0
    assert page.read_text().count('class="pygal-chart"') >= 4


@pytest.mark.parametrize("option", ["--svg", "--html"])
def test_a_report_to_a_file_prints_where_it_is_not_the_markdown(isolated_home: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str], option: str) -> None:
    _saved(isolated_home)
    written = tmp_path / f"report.{option[2:]}"
    assert main(["report", option, str(written)]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1 and str(written) in out and "# Hamstring training report" not in out, out
    markdown = tmp_path / "report.md"
    assert main(["report", option, str(written), "-o", str(markdown)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and str(markdown) in lines[0] and str(written) in lines[1], lines
    assert markdown.read_text().startswith("# Hamstring training report")
