from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from hamstride.ui.widgets.bigtext import FONT, GAP, best_scale, block_size, render_block
from hamstride.ui.widgets.run_view import Picture, RunView, split_rows


def test_every_row_of_a_glyph_keeps_its_shape() -> None:
    # At scale 2 each glyph row is one terminal row: the 3's strokes stay on the right.
    assert render_block("3", 2) == ["████████  ", "        ██", "  ██████  ", "        ██", "████████  "]


def test_scale_is_the_largest_that_fits() -> None:
    assert block_size("LOWER", 1) == (29, 3)
    assert best_scale("LOWER", 80, 24) == 2  # 58 wide; scale 3 would be 87
    assert best_scale("LOWER", 28, 10) == 0  # nothing fits: plain text


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield RunView()


async def test_the_countdown_draws_each_row_at_the_same_left_edge() -> None:
    app = _One()
    async with app.run_test(size=(40, 24)) as pilot:
        view = app.query_one(RunView)
        view.show(Picture(countdown="31"))
        await pilot.pause()
        top, height = split_rows(24, 0)["count"]
        # What is drawn after styles apply, not just what the font gives:
        # a text-align rule once re-centred each row on its own.
        drawn = view.render_lines(Region(0, top, 40, height))
        rows = [strip.text.rstrip() for strip in drawn if strip.text.strip()]
        expected = render_block("31", best_scale("31", 40, height, 8))
        assert expected is not None
        left = (40 - len(expected[0])) // 2
        assert rows == [(" " * left + line).rstrip() for line in expected]


def _by_pixels(text: str, scale: int) -> list[str]:
    """The font drawn the slow, obvious way: the whole text as one grid of pixels, two rows a cell."""
    rows: list[list[bool]] = [[] for _ in range(5)]
    for index, char in enumerate(text):
        for row, line in zip(rows, FONT[char]):
            row.extend([False] * (GAP if index else 0))
            row.extend(line)
    grid = [[p for p in row for _ in range(scale)] for row in rows for _ in range(scale)]
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return ["".join("█" if t and b else "▀" if t else "▄" if b else " " for t, b in zip(top, bottom))
            for top, bottom in zip(grid[0::2], grid[1::2])]


def test_glyphs_drawn_one_by_one_match_the_text_drawn_as_one_grid() -> None:
    # The countdown's glyphs are drawn once and joined; that must be what the whole text would look like.
    for text in ("9:59", "GET READY", "3/5", "10:00", "".join(FONT)):
        for scale in range(1, 9):
            assert render_block(text, scale) == _by_pixels(text, scale), (text, scale)
            width, height = block_size(text, scale) or (0, 0)
            assert (width, height) == (len(_by_pixels(text, scale)[0]), len(_by_pixels(text, scale)))
