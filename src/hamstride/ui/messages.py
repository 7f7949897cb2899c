"""Messages more than one screen listens for."""

from __future__ import annotations

from textual.message import Message


class HistoryChanged(Message):
    """A record was added or changed: screens that show history refresh."""
