"""The last resort of an app whose terminal is gone: whatever a library waits on, the process ends, with the
exit code it was stopping with; and a terminal is seen as gone when the app's input is not one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# A main thread that never returns, as Textual's shutdown blocked on a dead writer thread's full queue.
HUNG = """
import threading
from hamstride.ui.hangup import end_soon
end_soon(129, seconds=0.2)
threading.Event().wait()
"""


def test_a_process_stuck_after_its_terminal_went_ends_with_its_exit_code() -> None:
    done = subprocess.run([sys.executable, "-c", HUNG], capture_output=True, timeout=60)
    assert done.returncode == 129


def test_an_app_that_ends_in_time_is_not_held_up_by_the_guard() -> None:
    code = "from hamstride.ui.hangup import end_soon; end_soon(129, seconds=60); raise SystemExit(3)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert done.returncode == 3  # the daemon timer neither waited its minute nor changed the code


def test_no_terminal_is_seen_as_gone() -> None:
    code = "from hamstride.ui.hangup import terminal_gone; raise SystemExit(7 if terminal_gone() else 0)"
    done = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert done.returncode == 7


# (review) The guard cut a history write under way: the summary's soreness, a safety answer, was lost.
WRITING = """
import sys, threading, time
from pathlib import Path
from hamstride.ui.hangup import end_soon
writing = [True]
def write():
    time.sleep(0.8)  # a slow disk, an fsync: longer than the guard's time
    Path(sys.argv[1]).write_text("kept")
    writing[0] = False
threading.Thread(target=write, daemon=True).start()
end_soon(129, seconds=0.2, busy=lambda: writing[0])
threading.Event().wait()
"""


def test_the_guard_waits_for_a_history_write_under_way(tmp_path: Path) -> None:
    out = tmp_path / "written"
    done = subprocess.run([sys.executable, "-c", WRITING, str(out)], capture_output=True, timeout=60)
    assert done.returncode == 129
    assert out.read_text() == "kept"
