"""The report from the history's columns is the report from whole records (issue 25, Hypothesis).

`hamstride report` reads every session in outline (`Outline`: the figures and dates the coach's
rules read, kept in the history database's columns) and whole records only for the weeks it shows.
The old path, kept here as the reference, is every whole record read from the months. Over random
histories of real records (the built-in sessions run through the engine, then varied: dates with gaps
and breaks of weeks, time zones, main work done, partial or ended early, reps that got away, soreness
after and before, races and hard runs answered at the checks, any `week` a record may carry, now and
then an id used twice):

- the progression (today's week, its reason and dose, and the week each counted session was) is the
  same from outlines as from whole records, for every programme and maintenance mode;
- the database's outlines are the records' own, datetimes with their offsets;
- the report's Markdown and the charts' figures are the same byte for byte and value for value;
- the week the report's programme map shows is the week home and the run plan (`current_week` on
  whole records) and the home screen's suggestion give.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hamstride.domain.diary import Check, Diary
from hamstride.domain.outline import Outline
from hamstride.domain.progression import current_week, progress
from hamstride.domain.record import Readiness, Record
from hamstride.domain.result import StepStatus
from hamstride.domain.suggest import programme_under_way, suggest
from hamstride.domain.targets import LOW_VOLUME, WEEKLY
from hamstride.domain.weekly import charts, report_start
from hamstride.storage.export import markdown_report
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.perf.real_history import run_through
from tests.unit.test_calendars import SESSIONS

START = datetime(2025, 1, 6, 7, tzinfo=timezone.utc)
PROGRAMMES = ("nordic-programme", "nordic-beginner")
KINDS = (*PROGRAMMES, "early-week-strength", "nordic-maintenance", "hip-extensors", "late-week-short",
         "post-run-pnf", "sore-day-isometrics")
ZONES = tuple(timezone(timedelta(hours=h, minutes=m)) for h, m in ((0, 0), (1, 0), (-5, 0), (9, 30), (13, 0)))


def _models() -> dict[str, Record]:
    with tempfile.TemporaryDirectory() as folder:
        scratch = HistoryStore(Path(folder), lambda: START)
        return {name: run_through(name, START, scratch) for name in KINDS}


MODELS = _models()  # each built-in session as the engine records it run in full (4-10 steps, sides, sets)


@st.composite
def varied(draw: st.DrawFn, model: Record, started: datetime) -> Record:
    """The model run on another day: mostly in full, else as a runner may (part of it, more or fewer
    reps, some lost, a step skipped or ended early), with the answers before and after it."""
    steps = model.steps
    if draw(st.integers(0, 3)) == 0:
        changed = []
        for step in model.steps:
            sides = []
            for side in step.sides:
                reps = draw(st.integers(0, side.reps_done + 3)) if side.reps_done and draw(st.booleans()) \
                    else side.reps_done
                lost = draw(st.integers(0, reps)) if reps and draw(st.integers(0, 2)) == 0 else 0
                sides.append(replace(side, reps_done=reps, reps_lost_control=lost,
                                     sets_done=min(side.sets_done, reps) if side.reps_done else side.sets_done))
            status = draw(st.sampled_from(StepStatus)) if draw(st.integers(0, 3)) == 0 else step.status
            changed.append(replace(step, sides=tuple(sides), status=status))
        steps = tuple(changed)
    completed = all(s.status is StepStatus.DONE for s in steps)
    ended_early = not completed and draw(st.booleans())
    took = (model.ended - model.started) * draw(st.sampled_from([1.0, 0.3, 1.4]))
    readiness = draw(st.none() | st.builds(Readiness, st.none() | st.integers(0, 10), st.none() | st.booleans()))
    # Now and then an id already used: a session synced back or pasted twice is one session, the later.
    ident = draw(st.integers(0, 10**9) | st.integers(0, 5))
    return replace(model, id=f"r{ident:09d}", started=started, ended=started + took,
                   steps=steps, completed=completed, ended_early=ended_early,
                   soreness=draw(st.none() | st.integers(0, 10)), rpe=draw(st.none() | st.integers(1, 10)),
                   readiness=readiness if readiness is not None and readiness.answered else None,
                   week=draw(st.none() | st.integers(1, 12)), maintenance=draw(st.booleans()),
                   title=draw(st.sampled_from([model.title, "Nordics | with a pipe"])))


# Hours from one session to the next: mostly the programme's rhythm (two or three days), sometimes the
# same day or the day after (not counted: within 48 h), a week, and breaks of three and six weeks.
GAPS = (48, 50, 52, 60, 72, 72, 96, 5, 26, 24 * 8, 24 * 22, 24 * 45)


@st.composite
def histories(draw: st.DrawFn, programme: str) -> tuple[list[Record], list[Check], date]:
    """Sessions one after another with gaps, most of them the programme's, with checks among them."""
    when = START
    records = []
    others = [name for name in KINDS if name != programme]
    for _ in range(draw(st.integers(0, 70))):
        when += timedelta(hours=draw(st.sampled_from(GAPS)), minutes=draw(st.integers(0, 59)))
        name = programme if draw(st.integers(0, 3)) else draw(st.sampled_from(others))
        records.append(draw(varied(MODELS[name], when.astimezone(draw(st.sampled_from(ZONES))))))
    hours = int((when - START).total_seconds() // 3600) + 72
    checks = [Check((START + timedelta(hours=h)).astimezone(draw(st.sampled_from(ZONES))),
                    draw(st.none() | st.integers(0, 10)), draw(st.none() | st.booleans()))
              for h in draw(st.lists(st.integers(0, hours), max_size=8))]
    today = (when + timedelta(days=draw(st.sampled_from([0, 1, 2, 5, 8, 21, 30, 43])))).date()
    return sorted(records, key=lambda r: r.started), sorted(checks, key=lambda c: c.when), today


EXAMPLES = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REPORTS = settings(EXAMPLES, max_examples=30)  # each writes its months and a database: a tenth of a second


@EXAMPLES
@given(st.sampled_from(PROGRAMMES).flatmap(lambda name: st.tuples(st.just(name), histories(name))),
       st.sampled_from([WEEKLY, LOW_VOLUME]))
def test_the_progression_from_outlines_is_the_progression_from_whole_records(
        drawn: tuple[str, tuple[list[Record], list[Check], date]], mode: str) -> None:
    name, (records, checks, today) = drawn
    whole = progress(SESSIONS[name], records, today, mode, checks)
    outlined = progress(SESSIONS[name], [Outline.of(r) for r in records], today, mode, checks)
    assert whole is not None and outlined is not None
    for flag in ("stepped_back", "held", "maintenance", "due"):
        event(f"{flag}: {getattr(whole.choice, flag)}")
    event(f"weeks counted: {len({c.week for _, c in whole.counted})}")
    assert outlined.choice == whole.choice
    assert [(r.id, choice) for r, choice in outlined.counted] == [(r.id, choice) for r, choice in whole.counted]


def _written(folder: Path, records: list[Record]) -> None:
    months: dict[str, list[dict[str, object]]] = {}
    for record in records:
        months.setdefault(f"{record.started:%Y-%m}", []).append(to_table(record))
    folder.mkdir(parents=True)
    for month, tables in months.items():
        (folder / f"{month}.toml").write_text(month_text(tables))


@REPORTS
@given(st.sampled_from(PROGRAMMES).flatmap(histories), st.integers(1, 14), st.integers(1, 4))
def test_the_report_from_outlines_is_the_report_from_whole_records(
        history: tuple[list[Record], list[Check], date], weeks: int, target: int) -> None:
    records, checks, today = history
    with tempfile.TemporaryDirectory() as folder:
        _written(Path(folder) / "history", records)
        now = datetime.combine(today, datetime.min.time(), timezone.utc) + timedelta(hours=23)
        store = HistoryStore(Path(folder) / "history", lambda: now, cache=Path(folder) / "cache")
        old = store.load().records  # the reference: every whole record
        new = HistoryStore(Path(folder) / "history", lambda: now, cache=Path(folder) / "cache").overview(
            report_start(today, weeks), today)
    assert new.outlines == tuple(Outline.of(r) for r in old)
    assert [(o.started.isoformat(), o.ended.isoformat()) for o in new.outlines] == \
        [(r.started.isoformat(), r.ended.isoformat()) for r in old]
    programme = programme_under_way(SESSIONS.get, old, today)
    assert programme_under_way(SESSIONS.get, new.outlines, today) == programme
    assert markdown_report(new.records, today, weeks, target, programme, checks, every=new.outlines) == \
        markdown_report(old, today, weeks, target, programme, checks)
    figures = charts(new.records, today, weeks, target, programme, checks, every=new.outlines)
    assert figures == charts(old, today, weeks, target, programme, checks)
    now_then = datetime.combine(today, datetime.min.time(), timezone.utc) + timedelta(hours=23)
    past = [r for r in old if r.started <= now_then]
    past_checks = [c for c in checks if c.when <= now_then]
    got = suggest(SESSIONS, past, now_then, target, diary=Diary(checks=tuple(past_checks)))
    # Home follows a programme's week only when it is the one under way: the one the report maps.
    for name in PROGRAMMES:
        week = current_week(SESSIONS[name], past, today, checks=past_checks)
        if week is not None and got.reason.startswith(f"{week.banner}: {week.reason}"):
            event(f"home follows {name}")
            under_way = programme_under_way(SESSIONS.get, past, today)
            assert under_way is not None and under_way.name == name, got
    if programme is None:
        return
    # Home, the run's plan and `hamstride show` ask current_week of whole records: the same week.
    choice = current_week(programme, old, today, checks=checks)
    assert figures.programme is not None and choice is not None
    assert (figures.programme.week, figures.programme.reason) == (choice.week, choice.reason)
    if got.session == programme.name:
        here = current_week(programme, past, today, checks=past_checks)
        assert here is not None and got.reason.startswith(f"{here.banner}: {here.reason}")


def _spoilt_home(tmp_path: Path, weeks: int) -> tuple[Path, datetime, tuple[Record, ...]]:
    """Sixty sessions of the programme, every one's whole record before the weeks a report of `weeks`
    shows spoilt in the database (their columns intact); the records as they were."""
    programme = MODELS["nordic-programme"]
    records = [replace(programme, id=f"p{n:03d}", started=START + timedelta(days=2 * n),
                       ended=START + timedelta(days=2 * n, minutes=40), week=1 + n // 6) for n in range(60)]
    home = tmp_path / "home"
    _written(home / "data" / "history", records)
    now = records[-1].started + timedelta(days=3)
    store = HistoryStore(home / "data" / "history", lambda: now, cache=home / "cache")
    whole = store.load().records
    assert store.db.path is not None
    with sqlite3.connect(store.db.path) as db:
        spoilt = db.execute("UPDATE sessions SET body = 'not a record' WHERE day < ?",
                            (report_start(now.date(), weeks).toordinal(),)).rowcount
    assert spoilt > 40
    return home, now, whole


def test_the_report_reads_whole_records_only_for_the_weeks_it_shows(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`hamstride report` reads older sessions only in outline: with their whole records spoilt it
    writes what it wrote before (the old path could not decode them)."""
    from hamstride import wallclock
    from hamstride.cli import main

    home, now, whole = _spoilt_home(tmp_path, 4)
    expected = markdown_report(whole, now.date(), 4, 2, SESSIONS["nordic-programme"])
    monkeypatch.setattr(wallclock, "local_now", lambda: now)
    assert main(["--data-dir", str(home), "report", "--weeks", "4", "-o", str(tmp_path / "report.md")]) == 0
    assert (tmp_path / "report.md").read_text() == expected
    assert "## Programme" in expected


def test_show_finds_the_programme_week_in_outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`hamstride show` names the week the run will plan (current_week of whole records) from outlines."""
    from hamstride import wallclock
    from hamstride.cli import main

    home, now, whole = _spoilt_home(tmp_path, 1)
    choice = current_week(SESSIONS["nordic-programme"], whole, now.date())
    assert choice is not None
    monkeypatch.setattr(wallclock, "local_now", lambda: now)
    capsys.readouterr()
    assert main(["--data-dir", str(home), "show", "nordic-programme"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert " ".join(f"{choice.banner}: {choice.reason}.".split()) in said
