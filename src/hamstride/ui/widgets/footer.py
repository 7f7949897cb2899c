"""Textual's Footer, drawn with the first frame, rebuilt only when its keys change, without leaks.

Textual 8.2.8's Footer composes nothing until the screen's first bindings update
and then rebuilds itself a refresh later: the keys showed one or two frames
after the rest of a screen, and every `refresh_bindings()` rebuilt it (some 10 ms
each) even when the keys on offer were the same. This one builds its keys in its
first compose, from the bindings the screen offers then, and skips a rebuild that
would draw the same keys.

In Textual 8.2.8 every rebuild of the Footer binds each new FooterKey to
`Footer.compact` with `data_bind`; the watchers of keys that are gone are only
dropped when `compact` changes, which it never does. So each rebuild (a change
of the keys on offer) kept its keys alive for the life of the screen. After a
rebuild this drops the watchers whose keys have closed.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(TextualFooter._bindings_ready, True)
        self._drawn: tuple[object, ...] | None = None  # the keys the footer was last built with

    def _keys(self) -> tuple[object, ...]:
        """Everything Textual's compose draws the keys from."""
        app = self.app
        return (self.show_command_palette, self.combine_groups, app.ENABLE_COMMAND_PALETTE, tuple(
            (key, binding, enabled, tooltip, app.get_key_display(binding))
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()))

    def compose(self) -> ComposeResult:
        self._drawn = self._keys()
        yield from super().compose()

    async def recompose(self) -> None:
        if self._drawn is not None and self.is_attached and self._keys() == self._drawn:
            return  # the same keys: the same footer
        await super().recompose()
        watchers = getattr(self, "__watchers", None)  # Textual's own store of `watch` callbacks
        if isinstance(watchers, dict):
            for name, bound in watchers.items():
                bound[:] = [(node, callback) for node, callback in bound
                            if not (getattr(node, "_closing", False) or getattr(node, "_closed", False))]
