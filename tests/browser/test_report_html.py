"""`report --html` opened in headless Chromium with the network cut: it asks for nothing and draws its charts."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstride.cli import main
from tests.browser.served import CHROMIUM_ARGS, chromium
from tests.unit.test_export import _saved

pytestmark = pytest.mark.browser


def test_the_html_report_renders_offline_with_its_charts(isolated_home: Path, tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import Route, sync_playwright

    _saved(isolated_home)
    page_file = tmp_path / "report.html"
    assert main(["report", "--weeks", "12", "--html", str(page_file)]) == 0
    asked: list[str] = []

    def offline(route: Route) -> None:
        asked.append(route.request.url)
        if route.request.url == page_file.as_uri():
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.route("**/*", offline)
            page.goto(page_file.as_uri())
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)  # to look at
            charts = page.evaluate("""() => Array.from(document.querySelectorAll('figure')).map(figure => {
                const box = figure.querySelector('svg').getBoundingClientRect();
                return {title: figure.querySelector('figcaption').textContent, width: box.width,
                        height: box.height, drawn: figure.querySelectorAll('.plot .reactive').length,
                        legend: figure.querySelectorAll('.legends .legend').length};
            })""")
            tables = page.evaluate("document.querySelectorAll('table').length")
        finally:
            browser.close()
    assert asked == [page_file.as_uri()]  # no font, script or picture from anywhere else
    assert [c["title"] for c in charts] == ["Eccentric reps a week", "Effort and soreness a week",
                                            "Single-leg eccentric reps, left and right",
                                            "Reps under control (no x), per cent"]
    for chart in charts:
        assert chart["width"] >= 700 and chart["height"] >= 300, chart  # drawn at size, not collapsed
        assert chart["legend"] >= 2, chart
    assert charts[0]["drawn"] > 0 and charts[1]["drawn"] > 0  # bars and dots of the weeks with sessions
    assert tables >= 4  # week by week, sessions, doses per side, effort and soreness
