"""A second copy of hamstride while the first runs Nordics: its home and its check weigh the run under way.

Walked: the first session's Nordics under way in one terminal, `hamstride` in another. The second copy's
home read the saved history alone and said "Nordic curl: first session", and its check let the same Nordics
start: two eccentric sessions within the hour. Started by `hamstride run FILE` it was the same. The run
under way is in its copy's journal (its owner alive), beside the history both copies share.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.domain.model import Category
from hamstride.domain.progress import Position
from hamstride.storage import start_gate
from hamstride.storage.history import HistoryStore
from hamstride.storage.journal import JournalFolder, JournalState
from hamstride.storage.library import load_library
from hamstride.storage.start_gate import StartGate
from hamstride.ui.app import HamstrideApp, OpenRun, Services, Settings
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from tests.ui.helpers import RecordingBackend
from tests.ui.test_home import NOW
from tests.ui.test_readiness import CLOCK, checking_app, shown, start
from tests.unit.helpers import make_record
from tests.unit.test_calendars import SESSIONS

FIRST = "nordic-first-session"
UNDER_WAY = "under way in another hamstride window (started 17:30)"


def nordics_under_way(history: Path, owner: str) -> None:
    """The first copy, half an hour into the first session, 6 Nordics done: its journal, not a saved record."""
    other = HistoryStore(history, lambda: NOW)  # the first copy's store: the same folder
    record = replace(make_record(NOW - timedelta(minutes=30), eccentric_reps=6, minutes=10, session=FIRST,
                                 record_id="c" * 32, completed=False, category=Category.ECCENTRIC),
                     title=SESSIONS[FIRST].title)
    JournalFolder(other.journals.folder, owner=owner).write(JournalState(record, Position(1, 1, None), (), None))


async def test_home_does_not_offer_nordics_under_way_in_another_copy_and_the_check_holds_them(
        tmp_path: Path, another_copy: str) -> None:
    nordics_under_way(tmp_path / "history", another_copy)
    app, store = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)  # nothing offered to resume: its owner is at it
        today = " ".join(str(home.query_one("#suggestion", Static).render()).split())
        assert SESSIONS[FIRST].title + "." not in today and UNDER_WAY in today, today
        assert not any(today.startswith(f"Today: {s.title}.") for s in SESSIONS.values() if s.eccentric), today
        status = str(home.query_one("#week-status", Static).render())
        assert "This week: 0 of" in status, status  # not a saved session: the figures do not count it
        await start(app, pilot, FIRST)
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("0", "n")
        await pilot.pause()
        text = " ".join(shown(app).split())
        assert "Not today" in text and UNDER_WAY in text, text
        await pilot.press("escape")
        await pilot.pause()
    assert store.load().records == ()  # the run under way stays its copy's to save
    assert [p.name for p in store.journals.folder.glob("*.toml")] == ["c" * 32 + ".toml"]


async def test_run_file_checks_against_nordics_under_way_in_another_copy(tmp_path: Path, another_copy: str) -> None:
    nordics_under_way(tmp_path / "history", another_copy)
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(SESSIONS[FIRST]), Settings(readiness_check=True),
                       Services(store=store, wall=lambda: NOW, clock=CLOCK, player=given(player),
                                library=lambda: load_library(locations.builtin_sessions(), None),
                                user_folder=tmp_path / "sessions"))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("0", "n")
        await pilot.pause()
        text = " ".join(shown(app).split())
        assert "Not today" in text and UNDER_WAY in text, text


def saved_by_another_copy(history: Path, owner: str) -> None:
    """Window B ran the first session to its end and saved it, twelve minutes ago: in the history, no journal."""
    other = HistoryStore(history, lambda: NOW)
    other.save(replace(make_record(NOW - timedelta(minutes=12), eccentric_reps=9, minutes=10, session=FIRST,
                                   category=Category.ECCENTRIC), title=SESSIONS[FIRST].title))


@pytest.mark.parametrize(("window_b", "said"), [(nordics_under_way, UNDER_WAY), (saved_by_another_copy, "48 h")],
                         ids=["started", "run and saved"])
async def test_nordics_another_copy_starts_while_this_one_is_on_its_check_hold_the_verdict(
        tmp_path: Path, another_copy: str, window_b: Callable[[Path, str], None], said: str) -> None:
    """Walked: window A opened the check for the first session; while its runner answered, window B started the
    same Nordics (walk11), or ran them to the end and saved them (walk13). A's verdict, reached after, let the
    Nordics start: two eccentric sessions at once, or 9 more within the minute. The verdict reads the history and
    the other windows' runs as they are when it is reached, not when the check opened."""
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await start(app, pilot, FIRST)
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("0")
        window_b(tmp_path / "history", another_copy)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)  # held: the run did not start
        text = " ".join(shown(app).split())
        assert "Not today" in text and said in text, text


async def test_a_verdict_reached_while_another_window_starts_the_same_nordics_waits_for_its_journal(
        tmp_path: Path, another_copy: str) -> None:
    """Left last stop: two windows whose checks said "go" within the moment before either run's first frame both
    started the Nordics, as a run's journal is written from its first frame. Here window B's check has said go
    and its run is being built (B holds the start gate, its journal not written yet) as A's verdict is reached:
    A waits for B's journal, reads it, and holds the Nordics."""
    app, _ = checking_app(tmp_path)
    window_b = HistoryStore(tmp_path / "history", lambda: NOW).start_gate()  # B's store: another copy's lock

    def b_first_frame() -> None:
        time.sleep(0.3)
        nordics_under_way(tmp_path / "history", another_copy)
        window_b.release()

    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, FIRST)
        await pilot.press("0")
        assert window_b.hold(wait=0)
        b = threading.Thread(target=b_first_frame)
        b.start()
        await pilot.press("n")
        b.join()
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)  # held: the run did not start
        text = " ".join(shown(app).split())
        assert "Not today" in text and UNDER_WAY in text, text


async def test_a_go_keeps_the_other_windows_checks_waiting_until_its_run_is_in_its_journal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of the start gate: from the verdict's "go" until the run's first journal is on disk, no
    other window's check can reach its verdict (it would not see this run); then the gate is let go at once, so
    the next check need not wait. Each time the gate is let go, the test looks from another window."""
    app, store = checking_app(tmp_path)
    other = HistoryStore(tmp_path / "history", lambda: NOW).start_gate()
    seen: list[tuple[bool, bool]] = []  # at each letting go: could another window take it, a journal on disk
    let_go = StartGate.release

    def release(gate: StartGate) -> None:
        if gate is not other and gate.held:
            taken = other.hold(wait=0)
            other.release()
            seen.append((taken, any(store.journals.folder.glob("*.toml"))))
        let_go(gate)

    monkeypatch.setattr(StartGate, "release", release)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, FIRST)
        await pilot.press("0", "n")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert seen == [(False, True)], seen  # held from the go, let go once its journal was written
        assert other.hold(wait=0)  # and free now: the next window's check goes on at once
        other.release()


async def test_a_window_holding_the_gate_past_the_wait_holds_this_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review13: the first window holds the gate from its verdict to its first journal, which a cold ten-year
    history stretched to 1.4 s; past the wait (3 s then) the second window's check went on from the journals as
    they were and both started the Nordics. Held past the wait, the check holds: the other window's run, not
    in its journal yet, is not known."""
    monkeypatch.setattr(start_gate, "WAIT_SECONDS", 0.2)  # the wait, shrunk: B never lets go in this test
    app, _ = checking_app(tmp_path)
    window_b = HistoryStore(tmp_path / "history", lambda: NOW).start_gate()
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, FIRST)
        await pilot.press("0")
        assert window_b.hold(wait=0)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)  # held: the run did not start
        text = " ".join(shown(app).split())
        assert "Not today" in text and "another hamstride window is starting a session" in text, text
        window_b.release()


async def test_g_for_the_gentle_session_starts_nothing_when_the_verdict_has_none_now(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review13's probe, the other way: after "Not today" with the isometrics offered, g asks the verdict again;
    when it names no gentle session now (another window is starting one), g started the Nordics it held."""
    monkeypatch.setattr(start_gate, "WAIT_SECONDS", 0.2)
    app, _ = checking_app(tmp_path)
    window_b = HistoryStore(tmp_path / "history", lambda: NOW).start_gate()
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, FIRST)
        await pilot.press("6", "n")  # sore: not today, the isometrics instead (g)
        await pilot.pause()
        assert "g: " in " ".join(shown(app).split())
        assert window_b.hold(wait=0)
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, RunScreen)  # nothing started
        window_b.release()


async def test_home_says_what_held_the_check_once_the_runner_is_back(tmp_path: Path, another_copy: str) -> None:
    """walk15: home open, another window then started the Nordics; this window's check held them ("under way in
    another hamstride window"), but back on home it still said "Today: Nordic curl: first session", also after
    the other run ended. Back from a check, home reads the history and the runs under way again."""
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        nordics_under_way(tmp_path / "history", another_copy)  # after home read the history
        await start(app, pilot, FIRST)
        await pilot.press("0", "n")
        await pilot.pause()
        assert "Not today" in " ".join(shown(app).split())
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        today = " ".join(str(home.query_one("#suggestion", Static).render()).split())
        assert UNDER_WAY in today and not today.startswith(f"Today: {SESSIONS[FIRST].title}."), today
