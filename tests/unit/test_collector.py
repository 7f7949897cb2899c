"""The collector, back on after the start-up, makes no full pass at the first frame (issue 25).

That pass walked every object of the start-up with the interpreter held (42-131 ms), just as a run's
first get-ready was handed to the sound child."""

from __future__ import annotations

import gc

from hamstride import collector


def test_the_collector_comes_back_on_without_a_full_collection() -> None:
    full: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    collector.pause()
    gc.callbacks.append(note)
    try:
        collector.resume()
        assert gc.isenabled() and not collector.paused()
    finally:
        gc.callbacks.remove(note)
        gc.unfreeze()  # the next test starts with a collector as it found it
    assert full == []
