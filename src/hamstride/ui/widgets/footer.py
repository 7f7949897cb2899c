"""Textual's Footer: its keys in the first frame, rebuilt only when they change, without leaks.

In Textual 8.2.8 every rebuild of the Footer binds each new FooterKey to
`Footer.compact` with `data_bind`; the watchers of keys that are gone are only
dropped when `compact` changes, which it never does. So each rebuild (a change
of the keys on offer) kept its keys alive for the life of the screen. After a
rebuild this drops the watchers whose keys have closed.

Textual's Footer also rebuilds itself (its keys composed, styled and laid out
anew, about 10 ms) at every change of the screen's bindings, and a screen's
first frame brings a burst of them (its mount, the focus settling, tabs coming
up): the charts screen rebuilt its footer four times after its first frame,
and the history screen as often. Here a burst gives one rebuild, after the
refresh as Textual does, and none at all when the keys shown are the same.

And Textual's Footer composes nothing until the screen's first bindings update,
so its keys showed a refresh or two after the rest of the screen's first frame
(the run screen's, at launch). This one builds its keys in its first compose,
from the bindings the screen offers then.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_reactive(TextualFooter._bindings_ready, True)  # the first compose draws the keys
        self._rebuild_due = False
        self._built_for: tuple[object, ...] | None = None  # the bindings the keys shown were built from

    def compose(self) -> ComposeResult:
        self._built_for = self._offered()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    def _offered(self) -> tuple[object, ...]:
        """All the footer's keys depend on: the screen's bindings it shows (focus moving to a widget
        whose keys are hidden changes nothing here), each with whether it is enabled and its
        tooltip, and the command palette's key."""
        active = self.screen.active_bindings
        shown = tuple((binding, enabled, tooltip) for _, binding, enabled, tooltip in active.values() if binding.show)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return shown, palette[1:] if palette is not None else None

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.is_attached:
            return
        if self._offered() == self._built_for:
            return
        await self.recompose()

    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", None)  # Textual's own store of `watch` callbacks
        if isinstance(watchers, dict):
            for name, bound in watchers.items():
                bound[:] = [(node, callback) for node, callback in bound
                            if not (getattr(node, "_closing", False) or getattr(node, "_closed", False))]
