"""x pressed a moment after a set's last rep, on the run screen: the rep is marked, and the screen says which."""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone
from pathlib import Path

from tests.ui.helpers import advance, make_app, shown
from tests.ui.test_run_keys import SHORT

NOON = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


async def test_x_in_the_rest_just_after_the_last_rep_marks_it_and_says_so() -> None:
    app, clock, _ = make_app(SHORT)  # get-ready 5; set 1: 2 reps of 4 s; rest 10
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 1)  # 1 s into the rest after set 1
        assert shown(app)["phase"] == "REST"
        await pilot.press("x")
        assert shown(app)["status"] == "Set 1, Rep 2 marked: control lost. It still counts."
        advance(app, clock, 5)  # later in the rest: x is no longer about that rep
        await pilot.press("x")
        advance(app, clock, 5 + 8)  # set 2, whole
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.result is not None and app.result.steps[0].reps_lost_control == 1


async def test_a_late_x_is_in_the_journal_before_the_next_set_ends(tmp_path: Path) -> None:
    """Walked in tmux: x in the rest after a Nordic set's last rep said "Set 1, Rep 5 marked", then a
    kill -9 in set 2 and a resume lost the mark: the journal is written as a set ends or begins, and
    the set had ended before the x. The marks are what hold a programme week, so a crash keeps them."""
    from hamstride import locations
    from hamstride.audio.clips import SoundBank
    from hamstride.audio.player import CuePlayer
    from hamstride.storage.history import HistoryStore
    from hamstride.ui.app import HamstrideApp, OpenRun, Services
    from hamstride.ui.services import given
    from tests.ui.helpers import RecordingBackend
    from tests.unit.helpers import FakeClock, session

    store = HistoryStore(tmp_path / "history", lambda: NOON)
    clock = FakeClock()
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(session(SHORT)), services=Services(clock=clock, wall=lambda: NOON,
                                                                   player=given(player), store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        advance(app, clock, 5 + 8 + 1)  # 1 s into the rest after set 1
        await pilot.press("x")
        assert shown(app)["status"] == "Set 1, Rep 2 marked: control lost. It still counts."
        advance(app, clock, 9 + 2)  # into set 2: the set it would be resumed at
        await pilot.pause()
        assert app.flow is not None and app.flow.writer is not None
        app.flow.writer.close()  # what was asked for is written
        [journal] = [tomllib.loads(p.read_text()) for p in store.journals.folder.glob("*.toml")]
        assert journal["position"]["set"] == 2
        assert [(s["set"], s["reps"], s["lost"]) for s in journal["set"]] == [(1, 2, [2])]
        await pilot.press("q", "y")
        await pilot.pause()
