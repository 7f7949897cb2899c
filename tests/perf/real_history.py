"""Real records for the benchmarks: the built-in sessions run through the engine on a fake clock.

A record the app saves has 4-10 steps with sides and sets; a one-step record (tests/unit/helpers.py's
make_record) understates what reading a history costs by about four times. Each built-in session is
run once, through the engine and the run recorder, as a runner who lets every countdown run and counts
every self-paced rep; a history is then those records day after day, each with its own id and time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from hamstride import locations
from hamstride.domain.engine import Engine
from hamstride.domain.plan import build_timeline
from hamstride.domain.record import Record
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.library import load_library
from hamstride.storage.record_table import to_table
from hamstride.storage.recorder import RunRecorder

MAX_TICKS = 100_000


def run_through(session_name: str, started: datetime, store: HistoryStore) -> Record:
    """One built-in session run to its end on a fake clock: the record the app would save."""
    library = load_library(locations.builtin_sessions(), None)
    session = next(s for s in library.sessions if s.name == session_name)
    clock = [0.0]
    engine = Engine(build_timeline(session), clock=lambda: clock[0])
    recorder = RunRecorder(store, lambda: started + timedelta(seconds=clock[0]), session, target=2)
    engine.start()
    for _ in range(MAX_TICKS):
        snapshot = engine.tick()
        if snapshot.finished:
            break
        wait = engine.wake_in()
        if wait is None:  # an open segment: a self-paced rep or a set the runner ends
            clock[0] += 2.5
            engine.count_rep()
            engine.finish_set() if snapshot.reps_counted + 1 >= 8 else None
        else:
            clock[0] += max(wait, 0.05)
    else:
        raise RuntimeError(f"{session_name} did not finish in {MAX_TICKS} ticks")
    return recorder.record(engine.result())


def real_records(days: int, now: datetime, folder: Path) -> list[Record]:
    """A record a day for `days` days before `now`, cycling through every built-in session."""
    library = load_library(locations.builtin_sessions(), None)
    names = sorted(s.name for s in library.sessions)
    scratch = HistoryStore(folder / ".scratch", lambda: now)
    models = [run_through(name, now, scratch) for name in names]
    records = []
    for n in range(days):
        started = (now - timedelta(days=days - n)).replace(hour=7, minute=n % 60)
        model = models[n % len(models)]
        took = model.ended - model.started
        records.append(replace(model, id=f"real{n:06d}", started=started, ended=started + took,
                               rpe=5 + n % 4, soreness=n % 3))
    return records


def write_history(folder: Path, records: list[Record]) -> None:
    """The months as the app writes them, month by month in one go (3,650 saves would time fsyncs)."""
    months: dict[str, list[dict[str, object]]] = {}
    for record in records:
        months.setdefault(f"{record.started:%Y-%m}", []).append(to_table(record))
    folder.mkdir(parents=True, exist_ok=True)
    for month, tables in months.items():
        (folder / f"{month}.toml").write_text(month_text(tables))
