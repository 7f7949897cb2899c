"""The run screen journals each rep as it is done and each x, not only each set's start and end: a crash
(kill -9, a power cut) in the middle of a Nordic set leaves its reps and its marks in the journal, so "keep
as partial" records them (and the 48 h before the next Nordic session) and `hamstride today` shows them."""

from __future__ import annotations

import tomllib
from datetime import datetime, timezone
from pathlib import Path

from hamstride import locations
from hamstride.audio.clips import SoundBank
from hamstride.audio.player import CuePlayer
from hamstride.storage.history import HistoryStore
from hamstride.ui.app import HamstrideApp, OpenRun, Services
from hamstride.ui.services import given
from tests.ui.helpers import RecordingBackend, advance
from tests.unit.helpers import FakeClock, session
from tests.unit.test_reps_kept import FIVE

NOON = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


async def test_three_lowerings_and_a_fall_are_in_the_journal_while_the_set_runs(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", lambda: NOON)
    clock = FakeClock()
    player = CuePlayer(SoundBank(locations.sounds()), [RecordingBackend()], threaded=False)
    app = HamstrideApp(OpenRun(session(FIVE)), services=Services(clock=clock, wall=lambda: NOON,
                                                                  player=given(player), store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        advance(app, clock, 5 + 3 * 6 + 2)  # three Nordic reps of set 1, 2 s into the fourth lowering
        await pilot.press("x")  # the fourth got away
        await pilot.pause()
        assert app.flow is not None and app.flow.writer is not None
        app.flow.writer.close()  # what was asked for is written: the journal as a kill -9 now leaves it
        [journal] = [tomllib.loads(p.read_text()) for p in store.journals.folder.glob("*.toml")]
        assert journal["position"]["set"] == 1
        assert [(s["set"], s["reps"], s["lost"], s["complete"]) for s in journal["set"]] == [(1, 4, [4], False)]
        assert journal["session"]["eccentric_reps"] == 4  # what "keep as partial" and `hamstride today` read
        await pilot.press("q", "y")
        await pilot.pause()
