"""A race already run can be told: its days after keep eccentric work away.

Walked: the day after a marathon nobody had told the app of, `hamstride race 2026-12-06 "Valencia marathon"`
said "is past: a race ahead, please", the check asks only of races ahead, and home offered the strength
day's 15 Nordics on the day after a marathon, whose 7 days after docs/dosing.md keep clear.
"""

from __future__ import annotations

import pytest

from hamstride import locations
from hamstride.domain.readiness import assess
from hamstride.domain.suggest import suggest
from hamstride.storage.config import Config
from hamstride.storage.diary import read_diary
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_races import FRIDAY

NOW = FRIDAY.replace(hour=10)  # Friday 18 December 2026


@pytest.mark.parametrize(("day", "label", "back"), [
    ("2026-12-17", "Valencia Marathon", "again from Thu 24 Dec (7 days after it)"),
    ("2026-12-16", "10k", "again from Sat 19 Dec (3 days after it)"),
])
def test_a_race_behind_that_still_holds_eccentric_work_is_kept_and_holds_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, day: str, label: str, back: str) -> None:
    """Invariant: a race told after it was run holds eccentric work for its days after, as one told before."""
    from hamstride.cli import main

    monkeypatch.setattr("hamstride.wallclock.local_now", lambda: NOW)
    assert main(["race", day, label]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Kept: race" in out and back in out and "days after a" in out and "kept clear before it" not in out, out
    diary = read_diary(locations.locations().history, Config(), NOW.date())
    assert not assess([], NOW, None, diary).go
    assert not SESSIONS[suggest(SESSIONS, [], NOW, 2, diary=diary).session or "hip-extensors"].eccentric


@pytest.mark.parametrize(("day", "words"), [("2026-12-14", ["10k"]), ("2026-12-17", ["intervals", "--hard"])])
def test_a_race_or_hard_run_behind_that_holds_nothing_back_is_refused(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, day: str, words: list[str]) -> None:
    from hamstride.cli import main

    monkeypatch.setattr("hamstride.wallclock.local_now", lambda: NOW)
    assert main(["race", day, *words]) == 2
    assert "is past" in capsys.readouterr().out
    assert not (locations.locations().history / "races.toml").exists()
