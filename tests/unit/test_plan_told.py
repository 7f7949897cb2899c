"""A programme started when its week's sessions are done is run (the runner chose it), and the run says so."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hamstride import locations
from hamstride.storage.library import load_library
from hamstride.ui.run_flow import plan_for
from tests.unit.helpers import followed

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 9, 7, 18, 0, tzinfo=ZONE)


def test_week_one_started_again_before_week_two_says_the_week_is_done() -> None:
    """Week 1 is one session of 2 x 5. Started again on Wednesday (home suggested something else), the
    run said nothing: a new runner could do week 1 three times in its first week, three times its dose,
    not told once. The run's note now says the week is done and when the next starts."""
    programme = next(s for s in load_library(locations.builtin_sessions(), None).sessions
                     if s.name == "nordic-programme")
    history = followed(programme, [MONDAY])
    planned = plan_for(programme, history, lambda: MONDAY + timedelta(days=2), "weekly")
    assert planned.week == 1
    assert planned.told.startswith("Week 1 of 10: week 1 done (1 of 1 sessions); week 2 starts on Monday 14 September")
