"""A race's label says how long it is by its distance as well as by its name: a "50k trail" or a
"100 mile" race is an ultra (docs/dosing.md: 7 days before a marathon or an ultra), not a 10k."""

from __future__ import annotations

from datetime import date

import pytest

from hamstride.domain.diary import LONG_RACE_HOURS, RACE_HOURS, Race


@pytest.mark.parametrize("label", ["50k trail", "UTMB 171 km", "100 mile", "Western States 100 miles", "42.2 km",
                                   "Comrades 90K", "42,2 km road", "Berlin Marathon", "ultra", "60 kilometres"])
def test_a_marathon_or_longer_by_its_distance_keeps_a_week_clear(label: str) -> None:
    race = Race(date(2026, 12, 20), label)
    assert race.long and race.hours_clear == LONG_RACE_HOURS


@pytest.mark.parametrize("label", ["10k", "parkrun 5K", "half marathon 21.1 km", "Berlin half marathon",
                                   "13.1 mi", "5000 m", "club 10 km champs", "Race 2026"])
def test_shorter_races_keep_three_days(label: str) -> None:
    race = Race(date(2026, 12, 20), label)
    assert not race.long and race.hours_clear == RACE_HOURS


def test_an_ultra_in_the_runners_calendar_named_by_its_distance_is_a_race() -> None:
    """An event "Lavaredo 120K trail" has none of the default race words: it was no race at all, and
    Nordics were suggested the day before a 120 km race."""
    from hamstride.domain.diary import Effort
    from hamstride.storage.config import HARD_WORDS, RACE_WORDS
    from hamstride.storage.plan_ics import effort_of

    assert effort_of("Lavaredo 120K trail", RACE_WORDS, HARD_WORDS) is Effort.RACE
    assert effort_of("Easy 8 km", RACE_WORDS, HARD_WORDS) is None
