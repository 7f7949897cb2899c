"""The run view draws whole rows, measures text in cells, and keeps its parts still while a cue pages."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.geometry import Region

from hamstride.ui.celltext import wrap
from hamstride.ui.widgets.counters import Counter
from hamstride.ui.widgets.run_view import Picture, RunView, cue_rows, split_rows
from tests.ui.helpers import advance, make_app, run_screen, screen_lines

LEFT = (Counter("side", "LEFT", "Left", short="L"),)
SET = (Counter("next set", "1/2", "Set 1 / 2"),)
CJK_NAME = "ノルディック・ハムストリング・カール 🏃 とても長い名前のステップです、ほんとうに長い"
CJK_CUE = ("膝をついて、できるだけゆっくりと前に倒れてください。ハムストリングでブレーキをかけ続け、床に手をつきます。"
           "太ももの裏に鋭い痛みがあればすぐにやめてください。")


class _View(App[None]):
    def compose(self) -> ComposeResult:
        yield RunView()


def _rows(view: RunView) -> list[str]:
    """Each row as the view hands it to Textual, checked to fill the width exactly."""
    width, height = view.size
    rows = []
    for y in range(height):
        strip = view.render_line(y)
        assert sum(segment.cell_length for segment in strip) == width, f"row {y} does not fill the width"
        rows.append(strip.text)
    return rows


async def test_every_row_covers_what_was_drawn_before() -> None:
    app = _View()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(RunView)
        # The side band, then a set band that is narrower: the old letters must not stay beside it.
        for picture in (Picture(phase="HOLD", countdown="5", counters=LEFT, status="x" * 200),
                        Picture(phase="GET READY", countdown="9", counters=SET, cue="a " * 90),
                        Picture(phase="REST", countdown="1:00", counters=(), next="y" * 300),
                        Picture(where=CJK_NAME, time="0:16 done · 5:14 left", cue=CJK_CUE, counters=SET)):
            view.show(picture)
            await pilot.pause()
            rows = _rows(view)
        assert not any("█" in row and "T" in row for row in rows)


async def test_wide_characters_are_measured_in_cells() -> None:
    app = _View()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(RunView)
        view.show(Picture(where=CJK_NAME, time="0:16 done · 5:14 left", cue=CJK_CUE, phase="LOWER", countdown="5"))
        await pilot.pause()
        first, second = _rows(view)[:2]  # too long for one row: the name wraps, the time ends the second
        assert first.strip() and second.rstrip().endswith("0:16 done · 5:14 left")
        assert cell_len(first) == cell_len(second) == 100


def test_a_cue_in_a_language_without_spaces_wraps_by_cells_and_loses_nothing() -> None:
    lines = wrap(CJK_CUE, 40)
    assert all(cell_len(line) <= 40 for line in lines)
    assert "".join(lines) == CJK_CUE


async def test_a_long_wide_cue_pages_and_every_page_fits() -> None:
    session = ('title = "Wide"\n[[steps]]\nname = "Nordic"\n'
               f'cue = "{CJK_CUE}{CJK_CUE}"\ntempo = "5-0-1-0"\nreps = 5\nlead_in = 5\n')
    app, clock, _ = make_app(session)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = run_screen(app)
        pages = set()
        for _ in range(40):  # 20 s: the pages turn every 6 s
            advance(app, clock, 0.5)
            pages.add(screen.view.picture.cue)
            await pilot.pause()
            assert all(cell_len(line) <= 60 for line in screen_lines(app))
        assert len(pages) >= 2 and all("/" in page for page in pages)


async def test_the_countdown_stays_put_while_the_cue_pages_turn() -> None:
    cue = " ".join(["Lean forward slowly, brake with the hamstrings."] * 4)  # pages of 3 lines and 1
    session = f'title = "Paged"\n[[steps]]\nname = "Nordic"\ncue = "{cue}"\nhold = 60\nlead_in = 5\n'
    app, clock, _ = make_app(session)
    async with app.run_test(size=(60, 20)) as pilot:
        run_screen(app)  # the run screen is on top
        advance(app, clock, 6)
        tops = set()
        for _ in range(30):
            advance(app, clock, 1)
            await pilot.pause()
            lines = screen_lines(app)
            tops.add(next(y for y, line in enumerate(lines) if "━" in line or "─" in line))
        assert len(tops) == 1, f"the bar moved between rows {sorted(tops)} as the cue paged"


async def test_a_frame_that_changes_several_parts_asks_for_one_refresh_of_just_their_rows() -> None:
    # Each refresh() is Textual's bookkeeping and a message: once a frame, however many parts changed.
    app = _View()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(RunView)
        view.show(Picture(where="Step 1", time="0:01 done", phase="LOWER", countdown="5", progress=0.1))
        await pilot.pause()
        asked: list[tuple[Region, ...]] = []
        refresh = view.refresh

        def counted(*regions: Region, **flags: bool) -> RunView:
            asked.append(regions)
            return refresh(*regions, **flags)

        view.refresh = counted  # type: ignore[method-assign]
        view.show(Picture(where="Step 1", time="0:02 done", phase="LOWER", countdown="4", progress=0.3))
        assert len(asked) == 1, f"{len(asked)} refreshes for one frame"
        parts = split_rows(view.size.height, cue_rows(view.picture, view.size.width))
        changed = {y for part in ("header", "count", "bar") for y in range(parts[part][0], sum(parts[part]))}
        assert {y for region in asked[0] for y in range(region.y, region.bottom)} == changed
