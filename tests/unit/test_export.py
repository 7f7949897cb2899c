"""`hamstride history --export` and `hamstride report`: the records out, for a spreadsheet or a physio."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstride.cli import main
from hamstride.storage.export import CSV_COLUMNS, csv_row, csv_text, json_text, markdown_report
from hamstride.storage.history import HistoryStore
from tests.unit.helpers import make_record

OFFSET = timezone(timedelta(hours=1))


def records() -> list:  # type: ignore[type-arg]
    return [
        make_record(datetime(2026, 11, 2, 7, tzinfo=OFFSET), rpe=6, soreness=2, note="first | easy"),
        make_record(datetime(2026, 11, 5, 18, tzinfo=OFFSET), eccentric_reps=0, completed=False),
        make_record(datetime(2026, 11, 16, 7, tzinfo=OFFSET), rpe=8, soreness=7),
    ]


def test_csv_has_a_row_per_session() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(records()))))
    assert [r["date"] for r in rows] == ["2026-11-02", "2026-11-05", "2026-11-16"]
    assert rows[0]["started"] == "2026-11-02T07:00:00+01:00"
    assert (rows[0]["eccentric_reps"], rows[0]["controlled_eccentric_reps"], rows[0]["rpe"]) == ("10", "9", "6")
    assert rows[1]["status"] == "partial" and rows[1]["rpe"] == ""
    assert rows[0]["note"] == "first | easy"


def test_json_keeps_every_step_and_side() -> None:
    data = json.loads(json_text(records()))
    first = data["sessions"][0]
    assert first["started"] == "2026-11-02T07:00:00+01:00"
    assert first["step"][0]["side"][0]["reps"] == 10 and first["step"][0]["side"][0]["reps_lost_control"] == 1


def test_the_report_covers_the_weeks_asked_for() -> None:
    text = markdown_report(records(), date(2026, 11, 18), weeks=2, target=2)
    assert text.startswith("# Hamstring training report: 09 Nov 2026 to 18 Nov 2026 (2 weeks)")
    assert "- Sessions: 1 (1 complete, 0 partial)" in text  # 2 and 5 Nov are before the window
    assert "| Nordic hamstring curl | both | 2 | 10 | 20:00 | 1 |" in text  # sets, reps, time, lost control
    assert "| Mon 16 Nov 07:22 | after Early-week strength | 8 | 7 |  |" in text
    wide = markdown_report(records(), date(2026, 11, 18), weeks=4, target=2)
    # 5 Nov did no main work, so the week of 2 Nov has one focused session, not two (issue 11).
    assert "Weeks meeting the target of 2 a week: 0 of 4" in wide
    assert "Weeks meeting the target of 1 a week: 2 of 4" in markdown_report(records(), date(2026, 11, 18), 4, 1)
    assert "first \\| easy" in wide  # a pipe in a note cannot break the table


def _saved(home: Path) -> None:
    history = HistoryStore(home / "data" / "history", lambda: datetime(2026, 11, 24, tzinfo=OFFSET))
    for record in records():
        history.save(record)


def test_export_command_writes_csv_and_json(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                            tmp_path: Path) -> None:
    _saved(isolated_home)
    assert main(["history", "--export", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("date,started,ended,session") and len(out.splitlines()) == 4
    target = tmp_path / "out.json"
    assert main(["history", "--export", "json", "-o", str(target)]) == 0
    assert len(json.loads(target.read_text())["sessions"]) == 3


def test_report_command_prints_markdown(capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    _saved(isolated_home)
    assert main(["report", "--weeks", "520"]) == 0
    out = capsys.readouterr().out
    assert "- Sessions: 3 (2 complete, 1 partial)" in out
    assert main(["report", "--weeks", "0"]) == 2


def test_data_dir_option_points_everything_elsewhere(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    _saved(elsewhere)
    assert main(["--data-dir", str(elsewhere), "history", "--export", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_the_report_has_the_charts_figures_as_tables() -> None:
    from tests.unit.helpers import session
    from tests.unit.test_weekly import PROGRAMME, TODAY, lagging_left_history, programme_history

    history = sorted(programme_history() + lagging_left_history(), key=lambda r: r.started)
    text = markdown_report(history, TODAY, weeks=4, target=2, programme=session(PROGRAMME))
    assert ("| week of | sessions | Nordic reps | other eccentric reps | planned | effort | soreness "
            "| sore before | left (lost) | right (lost) |") in text
    assert "| 02 Nov 2026 | 3 ✓ | 20 | 16 | 24 |  |  |  | 8 (4) | 8 (1) |" in text
    assert "| 16 Nov 2026 | 0 | 0 | 0 |  |  |  |  |  |  |" in text  # the week off stays in the table
    assert "| 23 Nov 2026 | 2 ✓ | 10 | 16 | 81 |  |  |  | 8 (3) | 8 (1) |" in text
    assert ("Your left side lags: over the last 4 weeks it lost control on 11 of 24 reps, "
            "the right on 3 of 24.") in text
    # The bridges of Tuesday 07:00 were eccentric work 36 h before: home waits 48 h, and so does the map.
    assert ("Nordic programme: week 4 of 6, 1 of 3 sessions done; next session no earlier than Thu 26 Nov (48 h "
            "after the last).") in text
    assert "| 4 | 3 | 1 | current |" in text and "| 3 | 3 | 3 | done |" in text


def test_report_svg_draws_the_charts_into_a_picture(capsys: pytest.CaptureFixture[str], isolated_home: Path,
                                                     tmp_path: Path) -> None:
    _saved(isolated_home)
    picture = tmp_path / "charts.svg"
    assert main(["report", "--weeks", "4", "--svg", str(picture)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"Wrote the charts to {picture}\n"  # where it is, not the Markdown (-o writes that)
    svg = picture.read_text()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    for words in ("Eccentric", "reps", "soreness", "Single-leg"):
        assert words in svg
    assert main(["report", "--svg", str(tmp_path / "missing" / "x.svg")]) == 1


def test_json_says_what_each_count_is() -> None:
    """Issue 21: the export wrote PNF cycles as `reps: 3` and a timed drill as `reps: 0`, with no unit."""
    from hamstride.domain.engine import Engine
    from hamstride.domain.plan import build_timeline
    from hamstride.domain.record import record_from_result
    from tests.unit.helpers import FakeClock, session

    text = ('title = "Mixed"\n[[steps]]\nname = "PNF"\nkind = "pnf"\n'
            'pnf = { prestretch = 10, contract = 6, relax = 3, stretch = 25, cycles = 3 }\n'
            '[[steps]]\nname = "Jog"\nduration = 30\nsets = 2\nrest = 10\n')
    clock = FakeClock()
    engine = Engine(build_timeline(session(text)), clock)
    engine.start()
    while not engine.finished:
        clock.advance(1.0)
        engine.tick()
    started = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
    record = record_from_result(engine.result(), id="mixed", started=started, ended=started + timedelta(minutes=5))
    pnf, jog = json.loads(json_text([record]))["sessions"][0]["step"]
    assert pnf["side"][0]["reps"] == 3 and pnf["side"][0]["done"].startswith("3 cycles")
    assert pnf["planned"] == "3 cycles"
    assert jog["side"][0]["reps"] == 0 and jog["side"][0]["done"] == "1:00 in 2 sets"
    assert jog["planned"] == "2 x 30 s"


def test_the_text_report_reads_the_kept_checks_the_coach_uses(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Soreness 6 at a check two days after week 2 holds the week for the coach: the report says week 2,
    with the 6 in its week and in the answers, not week 3 as if the check had never been."""
    from datetime import datetime, timezone

    from hamstride import locations
    from hamstride.cli import main
    from hamstride.domain.diary import Check
    from hamstride.storage.diary import save_check
    from hamstride.storage.history import HistoryStore
    from tests.unit.helpers import followed, rhythm
    from tests.unit.test_calendars import PROGRAMME, at

    weeks = followed(PROGRAMME, rhythm(at("2026-11-02"), 2))  # week 2: Nov 9, 11
    folder = locations.locations().history
    store = HistoryStore(folder, lambda: weeks[-1].started)
    for record in weeks:
        store.save(record)
    assert save_check(folder, Check(at("2026-11-13", 8), soreness=6)) == []
    monkeypatch.setattr("hamstride.wallclock.local_now", lambda: datetime(2026, 11, 16, 9, tzinfo=timezone.utc))
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["report", "--weeks", "3"]) == 0
    text = capsys.readouterr().out
    assert "Nordic programme, 10 weeks: week 2 of 10" in text, text
    assert "| 09 Nov 2026 | 2 ✓ | 24 | 0 | 24 |  |  | 6 |" in text  # sore before, from the check
    assert "| Fri 13 Nov 08:00 | readiness check |  | 6 |" in text


def test_every_export_rounds_the_active_time_alike(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two sides of 33.84 s: the month said 67.7 (the sum, rounded), the JSON of the same session 67.6
    (the rounded sides summed). One rule: each side to a tenth, the total the sum of those."""
    import tomllib
    from dataclasses import replace
    from datetime import datetime, timezone

    from hamstride.domain.model import Side
    from hamstride.domain.result import SideResult
    from hamstride.storage.history import HistoryStore
    from tests.unit.helpers import make_record

    when = datetime(2026, 11, 16, 7, tzinfo=timezone.utc)
    plain = make_record(when)
    step = replace(plain.steps[0], sides=tuple(SideResult(side, 1, 5, 0, 33.84) for side in (Side.LEFT, Side.RIGHT)))
    record = replace(plain, steps=(step,))
    store = HistoryStore(tmp_path / "history", lambda: when)
    store.save(record)
    month = tomllib.loads(next((tmp_path / "history").glob("*.toml")).read_text())["session"][0]
    loaded = store.load().records
    exported = json.loads(json_text(loaded))["sessions"][0]
    fresh = json.loads(json_text([record]))["sessions"][0]
    assert month["active_seconds"] == exported["active_seconds"] == fresh["active_seconds"] == 67.6
    assert loaded[0].active_tenths == record.active_tenths == 67.6
    row = dict(zip(CSV_COLUMNS, csv_row(loaded[0])))
    assert row["active_min"] == dict(zip(CSV_COLUMNS, csv_row(record)))["active_min"] == round(67.6 / 60, 1)


def test_a_report_of_one_week_says_one_week() -> None:
    """Walking the app: `report --weeks 1` was headed "(1 weeks)"."""
    from datetime import date

    assert "(1 week)\n" in markdown_report([], date(2026, 12, 6), weeks=1, target=2)
    assert "(4 weeks)\n" in markdown_report([], date(2026, 12, 6), weeks=4, target=2)


def test_the_report_gives_a_short_session_its_active_time_not_0_min() -> None:
    # A 30 s hold session read "0 min" in the sessions table while the doses table under it said 0:30
    # (found walking `hamstride report` after a session of three 10 s holds).
    short = make_record(datetime(2026, 11, 16, 7, tzinfo=OFFSET), eccentric_reps=0, minutes=0.5)
    text = markdown_report([short], date(2026, 11, 18), weeks=2, target=2)
    [row] = [line for line in text.splitlines() if line.startswith("| Mon 16 Nov")]
    assert "| 0:30 |" in row and "0 min" not in row


@pytest.mark.parametrize("weeks", ["200000", "99999999999999999999"])
def test_a_report_of_more_weeks_than_a_calendar_holds_is_refused_in_words(
        weeks: str, capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    # `report --weeks 200000` (a typo) stopped on a traceback: OverflowError: date value out of range.
    assert main(["report", "--weeks", weeks]) == 2
    said = capsys.readouterr().out
    assert "--weeks must be 1 to 1040" in " ".join(said.split())
