"""Textual's Footer, without the watchers its old keys leave behind.

In Textual 8.2.8 every rebuild of the Footer binds each new FooterKey to
`Footer.compact` with `data_bind`; the watchers of keys that are gone are only
dropped when `compact` changes, which it never does. So each rebuild (a change
of the keys on offer) kept its keys alive for the life of the screen. After a
rebuild this drops the watchers whose keys have closed.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", None)  # Textual's own store of `watch` callbacks
        if isinstance(watchers, dict):
            for name, bound in watchers.items():
                bound[:] = [(node, callback) for node, callback in bound
                            if not (getattr(node, "_closing", False) or getattr(node, "_closed", False))]
