"""The start gate: one copy's check at a time, a copy's wait ended by the holder letting go, never by a guess."""

from __future__ import annotations

import threading
from pathlib import Path

from hamstride.storage.history import HistoryStore
from hamstride.storage.start_gate import StartGate
from tests.ui.test_home import NOW


def test_a_second_copy_cannot_take_the_gate_while_the_first_holds_it(tmp_path: Path) -> None:
    first, second = StartGate(tmp_path / "journals"), StartGate(tmp_path / "journals")
    assert first.hold(wait=0) and first.held
    assert first.hold(wait=0)  # held already: kept
    assert not second.hold(wait=0.05) and not second.held and second.contended
    first.release()
    assert second.hold(wait=0)
    second.release()
    first.release()  # nothing held: nothing done


def test_a_copy_waiting_for_the_gate_takes_it_as_soon_as_the_holder_lets_go(tmp_path: Path) -> None:
    holder, waiter = StartGate(tmp_path), StartGate(tmp_path)
    assert holder.hold(wait=0)
    timer = threading.Timer(0.2, holder.release)
    timer.start()
    assert waiter.hold(wait=60)  # had: the letting go ended the wait (its end gives False, `contended`)
    assert not waiter.contended
    timer.join()
    waiter.release()


def test_a_history_that_cannot_have_the_folder_still_gets_its_verdict(tmp_path: Path) -> None:
    """HAMSTRIDE_HOME a file: no folder for the lock. The gate is not had, and nothing raises."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    gate = StartGate(blocker / "journals")
    assert not gate.hold(wait=0) and not gate.held


def test_a_store_has_one_gate_so_its_copy_never_waits_on_itself(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", lambda: NOW)
    assert store.start_gate() is store.start_gate()
    assert store.start_gate().hold(wait=0)
    assert store.start_gate().hold(wait=0)
    store.start_gate().release()
