"""Issue 21 item 8: the time and the words a runner reads agree with each other and read as a person speaks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness
from hamstride.domain.timetext import ago, clock, spoken
from tests.unit.helpers import make_record


def test_the_summary_s_time_and_the_closing_line_round_119_6_seconds_alike() -> None:
    """Tried in tmux: "Time 2:00" on the summary, "1 min 59 s" on the closing line, for 119.6 s."""
    assert clock(119.6) == "2:00" and spoken(119.6) == "2 min"
    assert spoken(59.4) == "59 s" and spoken(3725) == "1 h 2 min"


@settings(max_examples=200)
@given(st.floats(min_value=0, max_value=5 * 3600, allow_nan=False))
def test_the_clock_and_the_spoken_time_name_the_same_whole_seconds(seconds: float) -> None:
    """Invariant: one rounding rule; both name the same whole second (spoken drops seconds past the hour)."""
    minutes, secs = divmod(sum(int(part) * 60 ** n for n, part in enumerate(reversed(clock(seconds).split(":")))), 60)
    words = spoken(seconds)
    if minutes >= 60:
        assert words.startswith(f"{minutes // 60} h")
    elif minutes:
        assert words == (f"{minutes} min {secs} s" if secs else f"{minutes} min")
    else:
        assert words == f"{secs} s"


def test_ago_reads_as_a_person_says_it() -> None:
    assert [ago(h) for h in (0.0, 0.004, 0.2, 0.99, 1.0, 5.4, 30.0)] == [
        "just now", "just now", "12 min ago", "59 min ago", "1 h ago", "5 h ago", "30 h ago"]


def test_the_check_after_a_session_minutes_ago_does_not_say_0_h_ago() -> None:
    """Tried in tmux: the readiness check said "was 0 h ago" of a session done 20 minutes before."""
    now = datetime(2026, 3, 4, 18, 0, tzinfo=timezone.utc)
    record = make_record(now - timedelta(minutes=86))  # ended 64 min ago: "ago" counts from the end, as the 48 h do
    verdict = assess([record], now, Readiness(soreness=0, key_run=False))
    assert any("was 1 h ago" in reason for reason in verdict.reasons), verdict.reasons
    recent = make_record(now - timedelta(minutes=42))  # ended 20 min ago
    verdict = assess([recent], now, Readiness(soreness=0, key_run=False))
    assert any("was 20 min ago" in reason for reason in verdict.reasons), verdict.reasons
    assert not any("0 h ago" in reason for reason in verdict.reasons)
