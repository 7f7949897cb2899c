"""Review of the merged tree: a session read in part weighs in the week rule and in the 48 h as it would whole,
and a run of this window ended but kept in its journal (the history could not be written) is no run under way.

- A Salvaged session of a runner's own programme whose main step has no exercise key counted 0 Nordics in the
  week rule (its main reps are (0, 0): no main work is credited): week 1 was offered again two days later.
- A session whose `ended` line was broken ended at its start: one resumed in the evening after a morning crash
  let eccentric work go 37 h after its Nordics. The month's last write stands for the end.
- This copy's own ended journal read as a run under way with its Nordics ahead, and held eccentric work here
  for as long as the window lived.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from hamstride.domain.diary import Diary
from hamstride.domain.done_by import eccentric_ahead
from hamstride.domain.dose import dose_reason
from hamstride.domain.model import Category, Session
from hamstride.domain.progress import Position
from hamstride.domain.readiness import assess
from hamstride.domain.salvaged import Salvaged
from hamstride.domain.suggest import suggest
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalState
from hamstride.storage.loader import load_session
from hamstride.storage.month_salvage import Unread
from hamstride.storage.salvaged_work import salvaged
from tests.unit.helpers import make_record
from tests.unit.test_calendars import SESSIONS
from tests.unit.test_programme_week_load import MONDAY, three_a_week
from tests.unit.test_unread_work import NOW, broken_month
from tests.unit.test_unsaved_work import NOW as UNSAVED_NOW
from tests.unit.test_unsaved_work import in_its_warm_up


def _own(tmp_path: Path) -> Session:
    """A copy of a three-a-week programme whose Nordic step lost its exercise key and was renamed."""
    path = three_a_week(tmp_path)
    text = path.read_text(encoding="utf-8").replace('exercise = "nordic"\n', "")
    path.write_text(text.replace('name = "Nordic hamstring curl"', 'name = "Hamstring lowers"'), encoding="utf-8")
    return load_session(path)


def test_a_session_of_an_own_programme_read_in_part_counts_its_nordics_in_the_week(tmp_path: Path) -> None:
    own = _own(tmp_path)
    whole = replace(make_record(MONDAY, session=own.name, eccentric_reps=10, exercise=None, lost=0, week=1,
                                category=Category.ECCENTRIC), title=own.title)
    later = MONDAY + timedelta(days=2, hours=1)
    assert dose_reason([whole], later, own) is not None
    every = {"id": ("a" * 32,), "started": (MONDAY,), "ended": (MONDAY + timedelta(minutes=20),),
             "session": (own.name,), "eccentric_reps": (10,), "category": ("eccentric",), "eccentric": (True,),
             "exercise": ()}
    broken = salvaged(Unread(1, 9, every), "2026-11", MONDAY + timedelta(minutes=20))
    assert broken.eccentric and broken.eccentric_reps == 10
    assert dose_reason([broken], later, own) is not None, "week 1 a second time in 7 days"


def test_a_session_whose_end_does_not_read_ends_at_the_months_last_write_at_the_earliest() -> None:
    every = {"id": ("b" * 32,), "started": (MONDAY,), "eccentric_reps": (15,), "category": ("eccentric",)}
    saved_at = MONDAY + timedelta(hours=10)  # a morning crash, resumed and saved in the evening
    assert salvaged(Unread(1, 3, every), "2026-11", saved_at).ended >= saved_at


def test_a_resumed_session_with_its_end_broken_by_hand_still_holds_48_h_from_its_end(tmp_path: Path) -> None:
    start = NOW - timedelta(hours=49)
    resumed = replace(make_record(start, record_id="d" * 32, eccentric_reps=15, category=Category.ECCENTRIC,
                                  session="early-week-strength"), ended=start + timedelta(hours=12))
    assert not assess([resumed], NOW, None, session=SESSIONS["early-week-strength"]).go
    broken_month(tmp_path, [resumed], "ended = ", "ended = 20")  # ended = 202026-...: unreadable
    os.utime(tmp_path / "2026-11.toml", (resumed.ended.timestamp(), resumed.ended.timestamp()))  # saved at its end
    [kept] = HistoryStore(tmp_path, lambda: NOW).load().records
    assert isinstance(kept, Salvaged), kept
    assert not assess([kept], NOW, None, session=SESSIONS["early-week-strength"]).go


def test_this_windows_own_ended_journal_is_no_run_under_way(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", lambda: UNSAVED_NOW, journals=tmp_path / "in-progress")
    ended_in_warm_up = in_its_warm_up(UNSAVED_NOW - timedelta(minutes=30)).record
    store.journals.write(JournalState(ended_in_warm_up, Position(2, 1, None), (), None, ended=True))  # this pid
    unsaved = store.unsaved([])
    assert unsaved and eccentric_ahead(unsaved) is None
    assert not suggest(SESSIONS, [], UNSAVED_NOW, 2, diary=Diary(), unsaved=unsaved).held
