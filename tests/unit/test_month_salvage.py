"""A month that does not parse (a hand edit: a quote left open, a byte that is not UTF-8) still counts
the sessions that can be read from it, and is left as it is until a save moves it aside.

Walked: a note edited by hand in the month of a late-week session done 20 minutes before, with one
Latin-1 byte (`café` saved as ISO-8859-1). `hamstride today` moved the month aside and, counting none of
its sessions, offered "Nordic curl: first session": a second eccentric session the same day."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hamstride.domain.model import Category
from hamstride.domain.record import Record
from hamstride.domain.salvaged import Salvaged
from hamstride.storage.history import HistoryStore, month_text
from hamstride.storage.record_table import to_table
from tests.unit.helpers import make_record

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 18, 30, tzinfo=PARIS)
EARLIER = make_record(NOW - timedelta(days=5), record_id="a" * 32, category=Category.ECCENTRIC)
TODAY = make_record(NOW - timedelta(minutes=40), record_id="b" * 32, eccentric_reps=29,
                    category=Category.ECCENTRIC, session="late-week-short")


def whole(records: tuple[Record, ...]) -> list[Record]:
    """The sessions read whole: what the figures show. The coach reads the others too (test_unread_work.py)."""
    return [record for record in records if not isinstance(record, Salvaged)]


def unread(records: tuple[Record, ...]) -> list[tuple[str, bool]]:
    """When each session read only in part was done, as the coach counts it, and whether as eccentric work."""
    return [(f"{r.started:%Y-%m-%d %H:%M}", r.eccentric) for r in records if isinstance(r, Salvaged)]


TODAY_UNREAD = [(f"{TODAY.started:%Y-%m-%d %H:%M}", True)]


def month(folder: Path, edit: tuple[bytes, bytes]) -> bytes:
    text = month_text([to_table(EARLIER.with_feedback(5, 2, "felt ok")),
                       to_table(TODAY.with_feedback(6, 2, "cafe"))]).encode()
    assert edit[0] in text
    raw = text.replace(edit[0], edit[1], 1)
    folder.mkdir(exist_ok=True)
    (folder / "2026-11.toml").write_bytes(raw)
    return raw


def test_a_byte_that_is_not_utf8_in_a_note_keeps_the_month_counted_and_in_place(tmp_path: Path) -> None:
    raw = month(tmp_path, (b'"cafe"', b'"caf\xe9"'))
    loaded = HistoryStore(tmp_path, lambda: NOW).load()
    assert [r.id for r in loaded.records] == [EARLIER.id, TODAY.id]  # today's session counts: the coach waits
    assert (tmp_path / "2026-11.toml").read_bytes() == raw  # reading changed nothing, moved nothing
    assert list(tmp_path.glob("*.corrupt-*")) == []
    [problem] = loaded.problems
    assert "2026-11.toml" in problem and "UTF-8" in problem and "line " in problem, problem
    assert "left as it is" in problem, problem


def test_a_quote_left_open_loses_only_its_own_line(tmp_path: Path) -> None:
    raw = month(tmp_path, (b'"felt ok"', b'"felt ok'))
    loaded = HistoryStore(tmp_path, lambda: NOW).load()
    assert [(r.id, r.note) for r in loaded.records] == [(EARLIER.id, ""), (TODAY.id, "cafe")]
    assert (tmp_path / "2026-11.toml").read_bytes() == raw
    [problem] = loaded.problems
    assert "line " in problem and "session 1" in problem and "closing quote" in problem, problem


def test_a_save_moves_it_aside_byte_for_byte_and_carries_what_was_read(tmp_path: Path) -> None:
    raw = month(tmp_path, (b'"cafe"', b'"caf\xe9"'))
    store = HistoryStore(tmp_path, lambda: NOW)
    store.save(make_record(NOW, record_id="c" * 32))
    [aside] = tmp_path.glob("2026-11.toml.corrupt-*")
    assert aside.read_bytes() == raw
    data = tomllib.loads((tmp_path / "2026-11.toml").read_text())
    assert [t["id"] for t in data["session"]] == [EARLIER.id, TODAY.id, "c" * 32]
    again = HistoryStore(tmp_path, lambda: NOW).load()
    assert len(again.records) == 3 and again.problems == ()


def test_the_session_with_the_broken_line_counts_without_that_line(tmp_path: Path) -> None:
    """Walked: the month of one session, done 20 minutes before, its note's quote left open by hand:
    reading the rest of that session, the coach still knows it was done today."""
    raw = month(tmp_path, (b'"cafe"', b'"cafe'))
    loaded = HistoryStore(tmp_path, lambda: NOW).load()
    assert [r.id for r in loaded.records] == [EARLIER.id, TODAY.id]
    assert loaded.records[1].eccentric_reps == 29 and loaded.records[1].note == ""  # the line left out
    assert (tmp_path / "2026-11.toml").read_bytes() == raw


def test_a_broken_session_header_never_merges_two_sessions(tmp_path: Path) -> None:
    """Review: `[[session]` (a bracket lost by hand) made today's keys and steps part of the session before
    it: the session of 40 minutes ago vanished, five days ago got both sessions' Nordics, and home offered
    Nordics again. The session before keeps its own figures; the one with the broken header is not guessed
    at, and the problem says so."""
    text = month_text([to_table(EARLIER.with_feedback(5, 2, "felt ok")),
                       to_table(TODAY.with_feedback(6, 2, "cafe"))])
    second = text.index("\n[[session]]\n", text.index("\n[[session]]\n") + 1) + 1  # today's header line
    raw = (text[:second] + "[[session]" + text[second + len("[[session]]"):]).encode()
    (tmp_path / "2026-11.toml").write_bytes(raw)
    loaded = HistoryStore(tmp_path, lambda: NOW).load()
    assert [(r.id, r.started, r.eccentric_reps) for r in whole(loaded.records)] == \
        [(EARLIER.id, EARLIER.started, EARLIER.eccentric_reps)]
    assert unread(loaded.records) == TODAY_UNREAD  # for the coach only: never shown, never written
    [problem] = loaded.problems
    assert "(1 of 2)" in problem, problem
    assert (tmp_path / "2026-11.toml").read_bytes() == raw


def test_a_broken_line_of_a_sessions_work_is_not_left_out(tmp_path: Path) -> None:
    """Review: a broken `side` line left out read as a session of 0 reps, no eccentric work, and a save
    wrote that into the new month as if true. Only a line that holds no figure of the work (a note, a title,
    an answer) may be left out; a session that lost another is not counted, and stays in the file."""
    text = month_text([to_table(EARLIER.with_feedback(5, 2, "felt ok")),
                       to_table(TODAY.with_feedback(6, 2, "cafe"))])
    last_side = text.rindex("{ sets =")
    raw = (text[:last_side] + "{ sets = 2 reps" + text[last_side + len("{ sets = 2,"):]).encode()
    (tmp_path / "2026-11.toml").write_bytes(raw)
    store = HistoryStore(tmp_path, lambda: NOW)
    loaded = store.load()
    assert [r.id for r in whole(loaded.records)] == [EARLIER.id]
    assert unread(loaded.records) == TODAY_UNREAD
    store.save(make_record(NOW, record_id="c" * 32))
    data = tomllib.loads((tmp_path / "2026-11.toml").read_text())
    assert [t["id"] for t in data["session"]] == [EARLIER.id, "c" * 32]  # nothing written as if it were true
    [aside] = tmp_path.glob("2026-11.toml.corrupt-*")
    assert aside.read_bytes() == raw


def _two_sessions() -> str:
    return month_text([to_table(EARLIER.with_feedback(5, 2, "felt ok")), to_table(TODAY.with_feedback(6, 2, "cafe"))])


def _today_header_as(text: str, header: str) -> str:
    second = text.index("\n[[session]]\n", text.index("\n[[session]]\n") + 1) + 1
    return text[:second] + header + text[second + len("[[session]]"):]


def test_a_misspelt_header_never_merges_two_sessions_either(tmp_path: Path) -> None:
    """Review: `[[sesion]]` and `[[Session]]` were not taken for a session's start, so today's steps became
    the steps of the session five days before."""
    for header in ("[[sesion]]", "[[Session]]", "[[session]]x"):
        folder = tmp_path / header.strip("[]x")
        folder.mkdir()
        text = _today_header_as(_two_sessions(), header) + "\n"
        (folder / "2026-11.toml").write_text(text + "\nnote = 'x\n")  # broken further on too: read one by one
        loaded = HistoryStore(folder, lambda: NOW).load()
        assert [(r.id, r.started, r.eccentric_reps) for r in whole(loaded.records)] == \
            [(EARLIER.id, EARLIER.started, EARLIER.eccentric_reps)], header
        assert unread(loaded.records) == TODAY_UNREAD, header


def test_a_misnamed_step_header_is_not_counted_as_a_session_without_steps(tmp_path: Path) -> None:
    """Review: `[[session.stp]]` read today's session as one of no steps, 0 Nordics, and a save wrote that."""
    text = _two_sessions()
    last_step = text.rindex("[[session.step]]")
    text = text[:last_step] + "[[session.stp]]" + text[last_step + len("[[session.step]]"):]
    (tmp_path / "2026-11.toml").write_text(text + "\nnote = 'x\n")
    loaded = HistoryStore(tmp_path, lambda: NOW).load()
    assert [r.id for r in whole(loaded.records)] == [EARLIER.id]
    assert unread(loaded.records) == TODAY_UNREAD


def test_a_month_with_windows_line_ends_and_one_broken_note_still_counts(tmp_path: Path) -> None:
    """Review: with CRLF line ends, one broken note made the month read as "0 of 0" sessions."""
    raw = _two_sessions().replace('"cafe"', '"cafe').replace("\n", "\r\n").encode()
    (tmp_path / "2026-11.toml").write_bytes(raw)
    loaded = HistoryStore(tmp_path, lambda: NOW).load()
    assert [r.id for r in loaded.records] == [EARLIER.id, TODAY.id]
    assert (tmp_path / "2026-11.toml").read_bytes() == raw
