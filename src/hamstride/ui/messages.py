"""Messages more than one screen listens for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from hamstride.domain.model import Session
    from hamstride.domain.record import Record


class HistoryChanged(Message):
    """A record was added or changed: screens that show history refresh."""


class StartSession(Message):
    """The runner chose a session: the app runs it, as the history says (week, side).

    Here rather than on the home screen, so the app can listen for it without
    importing the home screen when it starts straight into a run.
    """

    def __init__(self, session: Session, records: tuple[Record, ...]) -> None:
        super().__init__()
        self.session = session
        self.records = records
