"""A race in the calendar that lasts past its first day keeps its margin after its end, not its start.

Found auditing the dose: the calendar's races were read by their start alone. A race weekend written as
one all-day event (a 10k on Saturday, a half marathon on Sunday: DTSTART Saturday, DTEND Monday) was
clear of eccentric work from Tuesday 00:00, 72 h after Saturday's first minute: Nordics a day after
Sunday's half marathon, against docs/dosing.md's "after a race, the same margin: 3 days" (a race on Sunday
alone keeps them away until Wednesday). A night race from 22:00 to 03:00 the same: its 3 days ran from
22:00. The margin after a race runs from its end (an all-day last day: from its first minute, as a date).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import suggest
from hamstride.storage.config import Config
from hamstride.storage.diary import read_diary
from tests.unit.test_calendars import SESSIONS

UTC = timezone.utc
FIT = Readiness(0, False)


def calendar(tmp_path: Path, event: str) -> Path:
    plan = tmp_path / "plan.ics"
    plan.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:1@test\n"
                    f"{event}END:VEVENT\nEND:VCALENDAR\n")
    return plan


# (the event, a moment inside the 3 days after its end, the first moment after them)
SPANS = {
    "a race weekend, all day": ("DTSTART;VALUE=DATE:20260418\nDTEND;VALUE=DATE:20260420\n"
                                "SUMMARY:Race weekend: 10k and half\n",
                                datetime(2026, 4, 21, 12, tzinfo=UTC), datetime(2026, 4, 22, 0, tzinfo=UTC)),
    "a night race": ("DTSTART:20260418T220000\nDTEND:20260419T030000\nSUMMARY:Night trail race\n",
                     datetime(2026, 4, 21, 23, 30, tzinfo=UTC), datetime(2026, 4, 22, 3, tzinfo=UTC)),
    # (review) an end the same day was thrown away: its 3 days ran from 05:00, 18 h short
    "a day-long race": ("DTSTART:20260418T050000\nDTEND:20260418T230000\nSUMMARY:Spring 10k race\n",
                        datetime(2026, 4, 21, 22, 30, tzinfo=UTC), datetime(2026, 4, 21, 23, tzinfo=UTC)),
    # (review) read by its start, a race begun more than 8 days ago was left out, its days after with it
    "a stage race begun ten days ago": ("DTSTART;VALUE=DATE:20260410\nDTEND;VALUE=DATE:20260419\n"
                                        "SUMMARY:Stage race\n",
                                        datetime(2026, 4, 20, 12, tzinfo=UTC), datetime(2026, 4, 21, 0, tzinfo=UTC)),
}


@pytest.mark.parametrize("span", SPANS, ids=list(SPANS))
def test_the_days_after_a_race_run_from_its_end(span: str, tmp_path: Path) -> None:
    event, inside, clear = SPANS[span]
    plan = calendar(tmp_path, event)
    diary = read_diary(tmp_path, Config(calendar=str(plan)), inside.date())
    assert diary.races, diary.problems
    verdict = assess([], inside, FIT, diary)
    assert not verdict.go, (span, inside)
    got = suggest(SESSIONS, [], inside, 2, diary=diary)
    assert got.session is None or not SESSIONS[got.session].eccentric, got
    later = read_diary(tmp_path, Config(calendar=str(plan)), clear.date())
    assert assess([], clear, FIT, later).go, (span, clear)  # and no longer than that


def test_a_race_without_an_end_keeps_its_margin_from_its_start(tmp_path: Path) -> None:
    plan = calendar(tmp_path, "DTSTART;VALUE=DATE:20260418\nSUMMARY:Spring 10k\n")
    assert not assess([], datetime(2026, 4, 20, 23, tzinfo=UTC), FIT,
                      read_diary(tmp_path, Config(calendar=str(plan)), date(2026, 4, 20))).go
    assert assess([], datetime(2026, 4, 21, 0, tzinfo=UTC) + timedelta(minutes=1), FIT,
                  read_diary(tmp_path, Config(calendar=str(plan)), date(2026, 4, 21))).go


def test_each_day_of_a_race_weekend_is_a_race_day(tmp_path: Path) -> None:
    """(review) On Sunday of a race weekend (one all-day event) home offered the isometric holds, as on a day
    near a race: on a race's day it is the warm-up before it."""
    plan = calendar(tmp_path, "DTSTART;VALUE=DATE:20260418\nDTEND;VALUE=DATE:20260420\nSUMMARY:Race weekend\n")
    for day in (18, 19):
        now = datetime(2026, 4, day, 7, tzinfo=UTC)
        got = suggest(SESSIONS, [], now, 2, diary=read_diary(tmp_path, Config(calendar=str(plan)), now.date()))
        assert got.session == "pre-run-warmup", (day, got)
