"""Work not in the history yet weighs in the coach: a run another copy of hamstride has under way, or one
a crash left that the runner has not resumed or kept (domain.done_by.with_unsaved, one rule for home,
the readiness check, `hamstride today` and the programme week a run starts on).

Walked: a new runner's first Nordics under way in one window, and a second `hamstride` in another: its
home said "No Nordic session yet: start small" and its check let the same Nordics start again, two
eccentric sessions in one hour, for it read the saved history alone.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hamstride.domain.diary import Diary
from hamstride.domain.done_by import Unsaved, under_way, with_unsaved
from hamstride.domain.progress import Position
from hamstride.domain.readiness import assess
from hamstride.domain.record import Readiness
from hamstride.domain.suggest import check, suggest
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalFolder, JournalState, process_token
from tests.unit.helpers import DEAD_OWNER, make_record
from tests.unit.test_calendars import SESSIONS

HOME = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 10, 10, 32, tzinfo=HOME)  # a Tuesday
FIRST = "nordic-first-session"


def nordics(started: datetime, record_id: str, reps: int = 6) -> Unsaved:
    record = make_record(started, eccentric_reps=reps, minutes=10, session=FIRST, record_id=record_id, completed=False)
    return Unsaved(record, running=True)


def test_work_not_saved_is_counted_once_and_in_order() -> None:
    """The rule: the history and the work not in it, oldest first; a record saved meanwhile counts once."""
    old = make_record(NOW - timedelta(days=5), record_id="a" * 32)
    saved_since = make_record(NOW - timedelta(hours=1), record_id="b" * 32)
    running = nordics(NOW - timedelta(minutes=30), "c" * 32)
    left = Unsaved(saved_since, running=False)
    merged = with_unsaved([old, saved_since], [running, left])
    assert [r.id for r in merged] == ["a" * 32, "b" * 32, "c" * 32]
    assert with_unsaved([old], []) == [old]


def test_home_does_not_offer_nordics_while_another_window_runs_them() -> None:
    under = nordics(NOW - timedelta(minutes=30), "c" * 32)
    alone = suggest(SESSIONS, [], NOW, 2, diary=Diary())
    assert alone.session == FIRST  # the saved history alone: the first session, as before
    got = suggest(SESSIONS, [], NOW, 2, diary=Diary(), unsaved=[under])
    assert got.session is None or not SESSIONS[got.session].eccentric, got
    assert got.held and "under way in another hamstride window (started 10:02)" in got.reason, got


def test_the_check_holds_nordics_under_way_in_another_window_and_says_where() -> None:
    """A session that is not focused (a try of a few reps): the 48 h rule still holds, naming the window."""
    under = Unsaved(make_record(NOW - timedelta(minutes=30), eccentric_reps=2, minutes=5, session=FIRST,
                                record_id="c" * 32, completed=False), running=True)
    verdict = assess([], NOW, Readiness(0, False), Diary(), unsaved=[under])
    assert not verdict.go
    assert any("is under way in another hamstride window (started 10:02): eccentric sessions need about 48 h"
               in reason for reason in verdict.reasons), verdict
    full = check(SESSIONS[FIRST], SESSIONS, [], NOW, Readiness(0, False), 2, unsaved=[under])
    assert not full.go, full
    assert full.alternative is None or not SESSIONS[full.alternative].eccentric, full


def test_a_crash_left_undecided_holds_too_and_is_named_as_such() -> None:
    crashed = Unsaved(nordics(NOW - timedelta(hours=3), "d" * 32).record, running=False)
    verdict = assess([], NOW, Readiness(0, False), Diary(), unsaved=[crashed])
    assert not verdict.go
    assert any("left unfinished by a crash and not yet resumed or kept (started 07:32)" in reason
               for reason in verdict.reasons), verdict
    assert under_way(crashed.record, [crashed], NOW + timedelta(days=1)).endswith("(started Tue 10 Mar 07:32)")
    assert under_way(make_record(NOW), [crashed], NOW) == ""  # a session of the history: named as ever
    unsaved_end = Unsaved(crashed.record, running=False, ended=True)  # over, but the history could not take it
    assert under_way(crashed.record, [unsaved_end], NOW) == "not saved to the history yet (ended; started 07:32)"


def test_the_store_reads_journals_not_in_the_history_and_leaves_out_the_one_resumed(tmp_path: Path) -> None:
    """A journal of this very process reads as running (its owner is alive); a dead owner's as a crash's.
    A journal whose record is saved already is the history's; `besides` leaves out a run being resumed."""
    store = HistoryStore(tmp_path / "history", lambda: NOW, journals=tmp_path / "in-progress")
    assert store.unsaved([]) == []  # no journal: nothing read
    running = nordics(NOW - timedelta(minutes=30), "c" * 32).record
    crashed = nordics(NOW - timedelta(hours=3), "d" * 32).record
    saved = nordics(NOW - timedelta(hours=5), "e" * 32).record
    JournalFolder(store.journals.folder, owner=process_token(os.getpid())).write(
        JournalState(running, Position(0, 1, None), (), None))
    for record in (crashed, saved):
        JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(JournalState(record, Position(0, 1, None), (), None))
    got = store.unsaved([saved])
    assert [(u.record.id, u.running) for u in got] == [("d" * 32, False), ("c" * 32, True)]
    assert [u.record.id for u in store.unsaved([saved], besides={"d" * 32})] == ["c" * 32]
    assert sorted(p.name for p in store.journals.folder.iterdir()) == [f"{c * 32}.toml" for c in "cde"]  # read only



def in_its_warm_up(started: datetime) -> Unsaved:
    """Another window 5 minutes into the strength day: its warm-up done, its Nordics (a main step) still ahead."""
    from dataclasses import replace

    from hamstride.domain.result import StepStatus

    record = make_record(started, eccentric_reps=15, minutes=5, record_id="e" * 32, completed=False)
    warm_up = make_record(started, eccentric_reps=0, minutes=5).steps[0]
    ahead = replace(record.steps[0], index=1, status=StepStatus.NOT_REACHED,
                    sides=(replace(record.steps[0].sides[0], sets_done=0, reps_done=0, reps_lost_control=0,
                                   active_seconds=0.0),))
    return Unsaved(replace(record, steps=(replace(warm_up, main=False), ahead)), running=True)


def test_a_run_still_in_its_warm_up_in_another_window_holds_eccentric_work_here() -> None:
    """Its record holds no eccentric work yet, but its Nordics are minutes away: a second window that
    offered or let start the first session then had two Nordic sessions in the hour (copies10's report)."""
    under = in_its_warm_up(NOW - timedelta(minutes=5))
    assert not under.record.eccentric  # nothing eccentric done yet: the 48 h rule alone lets it through
    got = suggest(SESSIONS, [], NOW, 2, diary=Diary(), unsaved=[under])
    assert got.session is None or not SESSIONS[got.session].eccentric, got
    assert got.held and "under way in another hamstride window (started 10:27)" in got.reason, got
    verdict = assess([], NOW, Readiness(0, False), Diary(), unsaved=[under])
    assert not verdict.go and any("one session at a time" in reason for reason in verdict.reasons), verdict
    assert not check(SESSIONS[FIRST], SESSIONS, [], NOW, Readiness(0, False), 2, unsaved=[under]).go
    crashed = Unsaved(under.record, running=False)  # its copy gone: what it did is what counts, as before
    assert suggest(SESSIONS, [], NOW, 2, diary=Diary(), unsaved=[crashed]).session == FIRST


def test_a_run_just_begun_in_another_window_is_read_before_any_work(tmp_path: Path) -> None:
    """Walked (walk11): window 1 in the first drill of a Nordic session (90 s of jogging, or paused there) wrote
    a journal of no work yet, which the store left out as "nothing to offer": window 2's home and check let the
    same Nordics start, and both windows recorded them a minute apart. A live copy's run is read however
    little it has done; a dead copy's with no work is still nothing (its resume offer clears it)."""
    from hamstride.domain.engine import Engine
    from hamstride.domain.plan import build_timeline
    from hamstride.storage.recorder import RunRecorder
    from tests.unit.helpers import FakeClock

    store = HistoryStore(tmp_path / "history", lambda: NOW, journals=tmp_path / "in-progress")
    engine = Engine(build_timeline(SESSIONS[FIRST]), FakeClock())
    engine.start()
    just_begun = RunRecorder(store, lambda: NOW - timedelta(minutes=1), SESSIONS[FIRST], target=2)
    state = just_begun.journal(engine.position(), engine.sets_done(), engine.result())
    assert not state.record.worked  # its first drill under way: nothing done yet
    JournalFolder(store.journals.folder, owner=process_token(os.getpid())).write(state)
    [under] = store.unsaved([])
    assert under.running and under.record.id == state.record.id
    got = suggest(SESSIONS, [], NOW, 2, diary=Diary(), unsaved=[under])
    assert got.session is None or not SESSIONS[got.session].eccentric, got
    assert not check(SESSIONS[FIRST], SESSIONS, [], NOW, Readiness(0, False), 2, unsaved=[under]).go
    JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(state)  # its copy gone before any work
    assert store.unsaved([]) == []


def test_a_crashed_run_resumed_while_another_window_is_in_its_warm_up_asks_the_check() -> None:
    """Review: minutes after a crash a resume skips the check; with another window's Nordics minutes away
    (its warm-up under way) it went straight on into its own: two eccentric sessions at once."""
    from hamstride.domain.readiness import resume_needs_check

    strength = SESSIONS["early-week-strength"]
    crashed_started = NOW - timedelta(minutes=20)
    assert not resume_needs_check(strength, 0, crashed_started, NOW)
    other = in_its_warm_up(NOW - timedelta(minutes=5))
    assert resume_needs_check(strength, 0, crashed_started, NOW, unsaved=[other])
    assert not resume_needs_check(strength, 0, crashed_started, NOW, unsaved=[other._replace(running=False)])
