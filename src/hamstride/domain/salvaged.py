"""A session the coach counts whose record cannot be read whole: a line of its work broken by hand.

Its month does not parse, and the session's work is not guessed at (storage/month_salvage.py): read as
0 reps it would be written into a new month as if true. But its times, its category and its totals may
still be readable, and a session done 14 h ago must still hold the next eccentric one back. `Salvaged`
is what the coach reads of it: its 48 h, one eccentric session a day, the week's Nordics when its totals
read. It is never shown as a whole record nor written (record_table.to_table refuses it), and its main
work is never read as done: the programme's week does not move on for a session whose work is unread.
"""

from __future__ import annotations

from dataclasses import dataclass

from hamstride.domain.record import Record


@dataclass(frozen=True)
class Salvaged(Record):
    broken_line: int = 0  # the line of the month to mend, 1-based

    @property
    def main_done(self) -> bool:
        return False

    @property
    def main_taken(self) -> bool:
        return False

    @property
    def main_reps(self) -> tuple[int, int]:
        return (0, 0)
