from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from hamstride.ui.widgets.bigtext import BigText, best_scale, block_size, render_block


def test_every_row_of_a_glyph_keeps_its_shape() -> None:
    # At scale 2 each glyph row is one terminal row: the 3's strokes stay on the right.
    assert render_block("3", 2) == ["████████  ", "        ██", "  ██████  ", "        ██", "████████  "]


def test_scale_is_the_largest_that_fits() -> None:
    assert block_size("LOWER", 1) == (29, 3)
    assert best_scale("LOWER", 80, 24) == 2  # 58 wide; scale 3 would be 87
    assert best_scale("LOWER", 28, 10) == 0  # nothing fits: plain text


class _One(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield BigText(self.text)


async def test_the_widget_draws_each_row_at_the_same_left_edge() -> None:
    app = _One("31")
    async with app.run_test(size=(40, 8)):
        widget = app.query_one(BigText)
        # What is drawn after styles apply, not just what render() returns:
        # a text-align rule once re-centred each row on its own.
        drawn = widget.render_lines(Region(0, 0, 40, 8))
        rows = [strip.text.rstrip() for strip in drawn if strip.text.strip()]
        expected = render_block("31", best_scale("31", 40, 8))
        assert expected is not None
        left = (40 - len(expected[0])) // 2
        assert rows == [(" " * left + line).rstrip() for line in expected]
