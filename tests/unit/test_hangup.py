"""The last resort of an app whose terminal is gone: whatever a library waits on, the process ends, with the
exit code it was stopping with; and a terminal is seen as gone when the app's input is not one."""

from __future__ import annotations

import subprocess
import sys

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
