"""Which side a session's per-side steps start on, and whether its plan today reads the history.

Apart from the programme's weeks (progression.py), so that a session without them is planned
without the coach's week rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hamstride.domain.model import Session, Side

if TYPE_CHECKING:
    from hamstride.domain.record import Record


def has_sides(session: Session) -> bool:
    return any(step.sides for step in session.steps)


def next_first_side(session: Session, records: Iterable[Record]) -> Side:
    """Per-side steps start on the other side from the last time this session was run."""
    last = max((r for r in records if r.session == session.name and r.first_side is not None),
               key=lambda r: r.started, default=None)
    if last is None or last.first_side is None:
        return Side.LEFT
    return Side.RIGHT if last.first_side is Side.LEFT else Side.LEFT


def plan_reads_history(session: Session) -> bool:
    """Whether today's plan of the session depends on what was done before: a programme's week
    (and the checks that hold it back), or the side to start on. Any other is run as written."""
    return bool(session.total_weeks) or has_sides(session)
