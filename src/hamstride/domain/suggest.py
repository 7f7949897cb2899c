"""What to do today, from the article's two-a-week rhythm and how the last session felt."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from hamstride.domain.record import Record
from hamstride.domain.stats import FADE_AFTER_DAYS, compute, monday

HIGH_SORENESS = 7  # of 10: too sore for heavy eccentric work today
SORENESS_DAYS = 3  # soreness after Nordics peaks on days 2-3 (Coratella 2025)

STRENGTH_DAY = "early-week-strength"
SHORT_DAY = "late-week-short"
EASE_BACK = "nordic-first-session"
LIGHT = "post-run-pnf"
WARM_UP = "pre-run-warmup"


@dataclass(frozen=True)
class Suggestion:
    session: str | None  # a session name to start, or None for rest
    reason: str


def suggest(names: Collection[str], records: Sequence[Record], today: date, target: int) -> Suggestion:
    stats = compute(records, today, target)
    past = [r for r in records if r.day <= today]
    last = max(past, key=lambda r: r.started, default=None)

    def pick(name: str, reason: str) -> Suggestion:
        return Suggestion(name if name in names else None, reason)

    if last is not None and last.soreness is not None and last.soreness >= HIGH_SORENESS \
            and (today - last.day).days < SORENESS_DAYS:
        when = "today" if last.day == today else f"on {last.day:%A}"
        return pick(LIGHT, f"You logged soreness {last.soreness}/10 after {last.title} {when}: rest, or only the "
                           "gentle stretch today. Heavy eccentric work can wait until it is below "
                           f"{HIGH_SORENESS}.")
    since = stats.days_since_eccentric
    if since is not None and since >= FADE_AFTER_DAYS:
        return pick(EASE_BACK, f"{since} days since your last eccentric session: the adaptations fade after about "
                               "three weeks off, so ease back in with a small dose.")
    if stats.this_week >= stats.target:
        return pick(WARM_UP, f"This week's target is met ({stats.this_week} of {stats.target}). Running today? "
                             "Warm up before and stretch after.")
    this_week = [r for r in past if monday(r.day) == monday(today)]
    if any(r.session == STRENGTH_DAY for r in this_week) or (this_week and today.weekday() >= 3):
        return pick(SHORT_DAY, f"{stats.this_week} of {stats.target} this week: the short late-week session "
                               "(eccentric bridges, hip extensors, balance) completes it.")
    if this_week:
        return pick(STRENGTH_DAY, f"{stats.this_week} of {stats.target} this week: the strength day "
                                  "(Nordics, single-leg RDLs, core) is still to do.")
    return pick(STRENGTH_DAY, f"Nothing yet this week (target {stats.target}): start with the strength day "
                              "(Nordics, single-leg RDLs, core), then the short session later in the week.")
