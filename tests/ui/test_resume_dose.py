"""A resumed run goes on with the dose it was started with, not the programme week's own."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.domain.progress import Position
from hamstride.domain.progression import LOW_DOSE, WeekChoice, planned_session
from hamstride.storage.journal import JournalFolder
from hamstride.storage.recorder import RunRecorder
from tests.ui.helpers import resumed
from tests.ui.test_home import NOW, home_app
from tests.unit.helpers import DEAD_OWNER, FakeClock


async def test_low_volume_maintenance_resumed_after_a_crash_stays_two_sets_of_five(tmp_path: Path) -> None:
    """A runner on the low-volume maintenance (2 x 5) whose laptop died after the first set: the resume
    offers set 2 of 2 sets of 5, never week 10's 3 sets of 12, 10, 8 (an over-dose of 25 Nordics)."""
    app, store, _ = home_app(tmp_path)
    programme = next(s for s in app.services.library().sessions if s.name == "nordic-programme")
    choice = WeekChoice(10, 10, "maintenance", maintenance=True, dose=LOW_DOSE)
    plan = planned_session(programme, choice)
    main = next(n for n, step in enumerate(plan.steps) if step.main)
    assert (plan.steps[main].sets, plan.steps[main].reps) == LOW_DOSE
    clock = FakeClock()
    engine = Engine(build_timeline(plan), clock)
    engine.start(Position(main, 1, None))
    for _ in range(10_000):  # the first set of 5, guided to its end
        position = engine.position()
        if position is not None and position.set == 2:
            break
        engine.tick()
        clock.advance(max(engine.wake_in() or 0.5, 0.05))
    assert engine.position() == Position(main, 2, None)
    recorder = RunRecorder(store, lambda: NOW - timedelta(minutes=10), plan, target=2, week=10, maintenance=True)
    JournalFolder(store.journals.folder, owner=DEAD_OWNER).write(
        recorder.journal(engine.position(), engine.sets_done(), engine.result()))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        run = await resumed(app, pilot)
        step = run.timeline.session.steps[main]
        assert (step.sets, step.reps, step.set_reps) == (2, 5, ())
        assert run.banner == "Maintenance after 10 weeks, 2 x 5"
