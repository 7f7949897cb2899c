"""The readiness check before eccentric work, driven by keys as a runner would."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.storage.history import HistoryStore
from hamstride.storage.library import load_library
from hamstride.ui.app import HamstrideApp, OpenHome, Services, Settings
from hamstride.ui.screens.home import HomeScreen
from hamstride.ui.screens.readiness import ReadinessScreen
from hamstride.ui.screens.run import RunScreen
from hamstride.ui.services import given
from hamstride.ui.widgets.library_list import LibraryList
from tests.ui.helpers import RecordingBackend
from tests.ui.test_home import NOW
from tests.unit.helpers import FakeClock

CLOCK = FakeClock()


def checking_app(tmp_path: Path) -> tuple[HamstrideApp, HistoryStore]:
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenHome(), Settings(readiness_check=True), Services(store=store, wall=lambda: NOW, clock=CLOCK, player=given(player), library=lambda: load_library(locations.builtin_sessions(), None), user_folder=tmp_path / "sessions"))
    return app, store


async def start(app: HamstrideApp, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    home = app.screen
    assert isinstance(home, HomeScreen)
    names = [e.name for e in home.library.entries]
    home.query_one("#library", LibraryList).move_cursor(names.index(name))
    await pilot.press("enter")
    await pilot.pause()


def shown(app: HamstrideApp) -> str:
    return " ".join(str(w.render()) for w in app.screen.query(Static))


async def test_soreness_six_offers_the_isometrics_and_the_answers_are_kept(tmp_path: Path) -> None:
    app, store = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-programme")
        assert isinstance(app.screen, ReadinessScreen)
        assert "Hamstring soreness today, 0-10?" in shown(app)
        await pilot.press("6")
        assert "A race or hard run in the next 2-3 days?" in shown(app)
        await pilot.press("n")
        await pilot.pause()
        text = shown(app)
        assert "soreness 6/10 (today's answer)" in text and "g: Sore-day isometrics instead" in text
        await pilot.press("g")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen) and run.timeline.session.name == "sore-day-isometrics"
        for _ in range(40):  # some of it done, on the fake clock
            CLOCK.advance(1.0)
            run.frame()
        await pilot.pause()
        await pilot.press("q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    month = next((tmp_path / "history").glob("*.toml"))
    record = tomllib.loads(month.read_text())["session"][0]
    assert record["session"] == "sore-day-isometrics"
    assert record["readiness"] == {"soreness": 6, "key_run": False}


async def test_a_fresh_runner_goes_straight_on_and_esc_skips_the_questions(tmp_path: Path) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-first-session")
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("t")  # t is 10
        await pilot.press("escape")  # skip the second question: the 10 still counts
        await pilot.pause()
        assert "soreness 10/10" in shown(app) and "g: Rest-day stretch instead" in shown(app)
        await pilot.press("escape")  # back: nothing starts
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await start(app, pilot, "nordic-first-session")
        await pilot.press("2", "n")
        await pilot.pause()
        # The 10 of a minute ago is today's too: the highest answer of the day stands, as on home, which
        # would say stretching where the check said go. The runner may still go ahead anyway.
        assert isinstance(app.screen, ReadinessScreen) and "soreness 10/10 (at today's check)" in shown(app)
        assert "Today: Rest-day stretch." in shown(app)
        await pilot.press("a")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen) and run.timeline.session.name == "nordic-first-session"


async def test_a_race_ahead_can_still_be_overridden_and_plain_sessions_ask_nothing(tmp_path: Path) -> None:
    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "post-run-pnf")
        assert isinstance(app.screen, RunScreen)  # no eccentric work: no questions
        await pilot.press("q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await start(app, pilot, "nordic-first-session")
        await pilot.press("s", "y")
        await pilot.pause()
        assert "race or hard run" in shown(app)
        await pilot.press("a")  # go ahead anyway: the runner's call
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.screen.timeline.session.name == "nordic-first-session"
    assert NOW - timedelta(days=1) < NOW  # the clock never moved: nothing here reads the wall clock


async def test_the_why_note_is_read_on_the_check_and_nothing_is_toasted_over_the_run(tmp_path: Path) -> None:
    """The first get-ready is when the runner walks to the mat: no toast may cover its cue or next line."""
    app, _ = checking_app(tmp_path)
    toasts: list[str] = []
    original = app.notify

    def recording_notify(message: str, **kwargs):  # type: ignore[no-untyped-def]
        toasts.append(message)
        return original(message, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-programme")
        assert isinstance(app.screen, ReadinessScreen)
        why = app.find_session("nordic-programme").why  # type: ignore[union-attr]
        assert why and why[:40] in shown(app).replace("\n", " ")
        await pilot.press("1", "n")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        await pilot.pause()
        assert not [t for t in toasts if why[:40] in t]


async def test_answers_at_a_check_backed_out_of_are_kept_and_read_next_time(tmp_path: Path) -> None:
    """Soreness 6, then Esc at the verdict: nothing starts, and the 6 is on disk for the next check."""
    from hamstride.storage.diary import read_checks

    app, _ = checking_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-programme")
        await pilot.press("6", "n")
        await pilot.pause()
        assert "soreness 6/10" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        checks, problems = read_checks(tmp_path / "history")
        assert [(c.soreness, c.key_run) for c in checks] == [(6, False)] and problems == []
        await start(app, pilot, "nordic-programme")
        await pilot.press("escape")  # skip both questions: the kept 6 still speaks
        await pilot.pause()
        assert "soreness 6/10 (at today's check)" in shown(app)


async def test_a_race_races_toml_knows_is_said_not_asked(tmp_path: Path) -> None:
    """The check knows the 10k on Saturday from races.toml: it says so, and asks only about soreness."""
    from hamstride.domain.diary import Race
    from hamstride.storage.diary import add_race, read_checks

    app, _ = checking_app(tmp_path)
    add_race(tmp_path / "history", Race(NOW.date() + timedelta(days=2), "Harbour 10k"))
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-programme")
        assert isinstance(app.screen, ReadinessScreen)
        text = shown(app)
        assert "Hamstring soreness today, 0-10?" in text
        assert "race (Harbour 10k) on Saturday 21 November" in text and "races.toml" in text, text
        await pilot.press("1")
        await pilot.pause()
        text = shown(app)
        assert "A race or hard run in the next 2-3 days?" not in text
        assert "Not today" in text and "race (Harbour 10k) on Saturday 21 November" in text
        await pilot.press("escape")
        await pilot.pause()
    checks, _ = read_checks(tmp_path / "history")
    assert [(c.soreness, c.key_run) for c in checks] == [(1, None)]  # nothing was asked, nothing is made up


async def test_a_programme_week_done_offers_the_hip_extensors_and_can_still_be_overridden(tmp_path: Path) -> None:
    """Week 1 is one session: run on Monday, then started again on Thursday, the check says the week
    is done and when the next begins (a programme week run twice goes beyond its dose)."""
    from tests.unit.helpers import followed

    app, store = checking_app(tmp_path)
    programme = load_library(locations.builtin_sessions(), None, "nordic-programme").find("nordic-programme")
    assert programme is not None and programme.session is not None
    for record in followed(programme.session, [NOW - timedelta(days=3)]):
        store.save(record)
    async with app.run_test(size=(100, 34)) as pilot:
        await start(app, pilot, "nordic-programme")
        assert isinstance(app.screen, ReadinessScreen)
        await pilot.press("1", "n")
        await pilot.pause()
        text = shown(app)
        assert "Week 1 of 10" in text and "beyond the programme's dose" in text, text
        assert "g: Hip extensors and core instead" in text, text
        await pilot.press("a")  # go ahead anyway: the runner's call, as with every reason of the check
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.screen.timeline.session.name == "nordic-programme"
