"""The keys as the runner has them: config.toml's [keymap] may have moved any of them.

Hints on screen ("Paused: space to go on", "m mutes") name a key the runner
can press, not a default the keymap took away.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def key_names(screen: Screen[Any]) -> dict[str, list[str]]:
    """Each action on offer on this screen (the app's own included) and its keys, as the key bar shows them."""
    names: dict[str, list[str]] = {}
    for _, binding, _, _ in screen.active_bindings.values():
        # Spelt out in a sentence where the key bar draws the symbol.
        names.setdefault(binding.action, []).append(
            "Enter" if binding.key == "enter" else screen.app.get_key_display(binding))
    return names


class KeyNames:
    """A screen's key names, looked up once each: a keymap cannot change while the app runs."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._names: dict[str, str] = {}

    def __call__(self, action: str, usual: str) -> str:
        """`usual` while it still does the action, else the key that does it now."""
        name = self._names.get(action)
        if name is None:
            keys = key_names(self._screen).get(action)
            if not keys:
                return usual  # not on offer now: asked again next time
            name = self._names[action] = usual if usual in keys else keys[0]
        return name
