"""Small builders shared by the unit tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from hamstride.domain.engine import Engine
from hamstride.domain.model import Category, Exercise, Session
from hamstride.domain.record import Readiness, Record
from hamstride.storage.history import HistoryStore
from hamstride.storage.loader import parse_session


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def session(text: str, name: str = "test") -> Session:
    return parse_session(text, file=f"{name}.toml", name=name)


def make_record(started: datetime, *, eccentric_reps: int = 10, minutes: float = 20.0, completed: bool = True,
                record_id: str | None = None, name: str = "Nordic hamstring curl", rpe: int | None = None,
                soreness: int | None = None, note: str = "", exercise: Exercise | None = Exercise.NORDIC,
                category: Category | None = None, session: str = "early-week-strength",
                readiness: Readiness | None = None, lost: int | None = None, week: int | None = None) -> Record:
    """A record as the app would save it: one main step; eccentric (a Nordic unless told) when it has eccentric reps."""
    from datetime import timedelta

    from hamstride.domain import kinds
    from hamstride.domain.result import SideResult, StepResult, StepStatus

    side = SideResult(side=None, sets_done=2 if eccentric_reps else 1, reps_done=eccentric_reps or 1,
                      reps_lost_control=lost if lost is not None else 1 if eccentric_reps > 2 else 0, active_seconds=minutes * 60)
    step = StepResult(index=0, name=name, kind=kinds.TEMPO if eccentric_reps else kinds.TIMED,
                      eccentric=eccentric_reps > 0, planned_sets=2, planned_reps=max(1, eccentric_reps // 2),
                      sides=(side,), status=StepStatus.DONE if completed else StepStatus.PARTIAL,
                      exercise=exercise if eccentric_reps else None, main=True)
    return Record(id=record_id or f"r{started:%Y%m%d%H%M%S}", started=started,
                  ended=started + timedelta(minutes=minutes + 2), session=session,
                  title="Early-week strength", completed=completed, elapsed_seconds=(minutes + 2) * 60,
                  steps=(step,), rpe=rpe, soreness=soreness, note=note, category=category, readiness=readiness,
                  week=week)


DEAD_OWNER = "4194303999:a-copy-that-died:0"  # no such process, ever


def leave_journal(store: HistoryStore, plan: Session, engine: Engine, started: datetime) -> None:
    """What a copy of hamstride that died mid-run leaves behind: its journal, its owner gone."""
    from hamstride.storage.journal import JournalFolder
    from hamstride.storage.recorder import RunRecorder

    recorder = RunRecorder(store, lambda: started, plan, target=2)
    JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))


def followed(programme: Session, days: list[datetime], *, lost: int = 0, history: list[Record] | None = None,
             maintenance: str = "weekly") -> list[Record]:
    """A runner who starts the programme at each of these times at the week the calendar offers, doing its
    main work in full: the records the app would write (with the week it showed)."""
    from hamstride.domain.progression import current_week, main_volume, planned_session

    records = list(history or [])
    for when in days:
        choice = current_week(programme, records, when.date(), maintenance)
        assert choice is not None
        reps = sum(s.reps_in(n) for s in planned_session(programme, choice).steps if s.main
                   for n in range(1, s.sets + 1)) if choice.dose else main_volume(programme, choice.week)
        records.append(make_record(when, session=programme.name, week=choice.week, category=Category.ECCENTRIC,
                                   eccentric_reps=reps, lost=lost, record_id=f"{programme.name}-{when:%Y%m%d%H%M}"))
        records[-1] = replace(records[-1], maintenance=choice.maintenance, title=programme.title)
    return records


def rhythm(first: datetime, weeks: int, offsets: tuple[int, ...] = (0, 2, 4)) -> list[datetime]:
    """The published rhythm from `first`: week 1 once, week 2 twice, then three a week (Mon, Wed, Fri)."""
    from datetime import timedelta

    days = [first, first + timedelta(days=7), first + timedelta(days=9)][:1 + 2 * (weeks >= 2)]
    for week in range(3, weeks + 1):
        days += [first + timedelta(days=7 * (week - 1) + d) for d in offsets]
    return days


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every TOML text parsed from now on, by its length: by tomllib, and by rtoml, which parses the
    plain months (storage/month_toml.py)."""
    import tomllib
    from collections.abc import Callable
    from typing import Any

    from hamstride.storage import month_toml

    parsed: list[int] = []

    def counting(real: Callable[[str], dict[str, Any]]) -> Callable[[str], dict[str, Any]]:
        def parse(text: str) -> dict[str, Any]:
            parsed.append(len(text))
            return real(text)
        return parse

    monkeypatch.setattr(tomllib, "loads", counting(tomllib.loads))
    if month_toml.fast():  # rtoml imported now (it is imported at the first parse), then counted
        fast = month_toml._fast_loads
        assert fast is not None
        monkeypatch.setattr(month_toml, "_fast_loads", counting(fast))
    return parsed
