"""Load + plan of every built-in session and of the largest files the validator allows."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from hamstride import locations
from hamstride.domain.plan import build_timeline
from hamstride.storage.files import MAX_FILE_BYTES
from hamstride.storage.loader import MAX_STEPS, load_session
from tests.perf.bench import best_and_median, report


def _largest_by_steps(folder: Path) -> Path:
    # As many steps and segments as the validator lets through: 500 steps of
    # 6 reps at 1-0.5-1-0.5 with a 5 s lead-in (just under the 4 hour cap).
    step = '[[steps]]\nname = "Nordic"\ntempo = "1-0.5-1-0.5"\nreps = 6\nsides = false\n'
    path = folder / "largest-steps.toml"
    path.write_text('title = "Largest"\n' + step * MAX_STEPS)
    return path


def _largest_by_bytes(folder: Path) -> Path:
    # A file just under 1 MiB, mostly cue text: the parser's worst case.
    cue = "x" * 1900
    step = f'[[steps]]\nname = "Plank"\ncue = "{cue}"\nhold = 5\n'
    count = min(MAX_STEPS, (MAX_FILE_BYTES - 100) // len(step))
    path = folder / "largest-bytes.toml"
    path.write_text('title = "Largest"\n' + step * count)
    return path


def _plan_file(path: Path) -> object:
    return build_timeline(load_session(path))


def test_load_and_plan(tmp_path: Path) -> None:
    print()
    for path in sorted(locations.builtin_sessions().glob("*.toml")):
        report(f"load + plan {path.stem}", best_and_median(partial(_plan_file, path)))
    for path in (_largest_by_steps(tmp_path), _largest_by_bytes(tmp_path)):
        session = load_session(path)
        segments = len(build_timeline(session).segments)
        size = path.stat().st_size
        report(f"load {path.stem} ({size:,} B, {len(session.steps)} steps)",
               best_and_median(partial(load_session, path), repeat=3))
        report(f"plan {path.stem} ({segments:,} segments)",
               best_and_median(partial(build_timeline, session), repeat=3))
