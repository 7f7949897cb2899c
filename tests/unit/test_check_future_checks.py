"""A check dated ahead of the clock (a clock put right since) is read as answered now, by the check as by
home: the two never give different answers for it (readiness.assess and suggest.suggest both apply
done_by.checks_by_now). Invariant held over random answers and offsets: the check holds eccentric work
exactly when home's answer for today is held back by a rule."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.progression import SORE
from hamstride.domain.readiness import assess
from hamstride.domain.suggest import check, suggest
from tests.unit.test_calendars import SESSIONS

NOW = datetime(2026, 12, 1, 7, tzinfo=timezone.utc)
FIRST = SESSIONS["nordic-first-session"]


@given(ahead=st.floats(min_value=60.0, max_value=5 * 86400.0), soreness=st.none() | st.integers(0, 10),
       key_run=st.none() | st.booleans())
def test_a_check_dated_ahead_is_read_alike_by_the_check_and_by_home(ahead: float, soreness: int | None,
                                                                    key_run: bool | None) -> None:
    diary = Diary(checks=(Check(NOW + timedelta(seconds=ahead), soreness, key_run),))
    verdict = check(FIRST, SESSIONS, [], NOW, None, 2, diary=diary)
    home = suggest(SESSIONS, [], NOW, 2, diary=diary)
    assert verdict.go == (not home.held), (verdict, home)
    said = assess([], NOW, None, diary, session=FIRST)
    held = (soreness is not None and soreness >= SORE) or bool(key_run)
    assert said.go == (not held), said
