"""The command palette's commands of the screen it is opened on: each screen lists its own.

A screen sets `COMMANDS = {ScreenCommands}` and says what it offers in
`palette_commands()`; the app adds only what holds everywhere (mute, quit).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider


@runtime_checkable
class HasCommands(Protocol):
    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's commands, with the runner's keys in their help."""


class ScreenCommands(Provider):
    """The commands of the screen the palette was opened on, found as Textual's own system commands are."""

    def listed(self) -> list[SystemCommand]:
        screen = self.screen
        return list(screen.palette_commands()) if isinstance(screen, HasCommands) else []

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in sorted(self.listed(), key=lambda command: command.title):
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _ in self.listed():
            if (match := matcher.match(title)) > 0:
                yield Hit(match, matcher.highlight(title), callback, help=help_text)
