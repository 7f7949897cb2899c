"""A terminal gone with no hang-up signal sent to us: seen by a watch of our own, and the app stopped as one stops it.

The system sends a closed terminal's SIGHUP to its session's leader only, which passes it on to its jobs (a shell)
or, by exiting, has the system send it to the job in the foreground. A leader that ignores it and waits (a wrapper script, a launcher,
a supervisor that is the window's own command) passes on nothing: hamstride would never hear of it. Textual's
input thread then spins on the dead terminal, its writer thread dies at its first write, the app's thread blocks
for ever on that writer's full queue, and the run's journal stays owned by a live process: the next start offers
no resume. This watch waits on the terminal in a thread of its own and hands the app the stop a hang-up gives.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from hamstride.ui.hangup import HUNG_UP, LAST_RESORT_SECONDS, end_soon, terminal_gone

if TYPE_CHECKING:
    from hamstride.ui.app import HamstrideApp

# A look at the terminal at least this often. Where the system's poll says at once that a terminal hung up (Linux,
# the BSDs), the look is only a second way to see it; elsewhere (Windows, a poll that cannot wait on a tty) it is
# the way, and the app is stopped within a second, long before the writer's queue of 30 frames (10 a second at
# most) fills. One wake-up a second: two ioctls and a poll, nothing a laptop notices.
WATCH_SECONDS = 1.0
# Never two looks closer than this, whatever a platform's poll says of a live tty (one that answers at once would
# otherwise make this a busy loop); it is also all a hang-up waits on before it is seen.
LEAST_GAP_SECONDS = 0.1
# After the stop was handed over: the app's thread has taken it by then, unless it is stuck on the dead terminal.
PATIENCE_SECONDS = LAST_RESORT_SECONDS


class TerminalWatch:
    """A daemon thread, once started, that waits for the terminal to go, then calls `stop` on the app's event loop;
    and `stuck`, in its own thread, if the app is still there `patience` seconds later and the watch not closed."""

    def __init__(self, every: float = WATCH_SECONDS, patience: float = PATIENCE_SECONDS) -> None:
        self._every, self._patience = every, patience
        self._closed = threading.Event()
        self.gone = threading.Event()  # set when the terminal was seen gone: the stop is handed over

    def start(self, loop: asyncio.AbstractEventLoop, stop: Callable[[], None], stuck: Callable[[], None]) -> None:
        threading.Thread(target=self._watch, args=(loop, stop, stuck), name="hamstride-terminal-watch",
                         daemon=True).start()

    def start_for(self, app: HamstrideApp) -> None:
        """From the app's event loop: the terminal gone, the app stops as a hang-up stops it, the journal kept.
        Where the app's thread is stuck already, the watch closes the journal and ends the process itself."""

        def stuck() -> None:
            if app.stopped is None:  # the app's thread never took its stop
                if app.flow is not None:
                    app.flow.close()  # what was journalled stays (its writer thread is told from any thread)
                end_soon(HUNG_UP, seconds=0, busy=lambda: app.flow is not None and app.flow.writing)

        self.start(asyncio.get_running_loop(), app.hung_up, stuck)

    def close(self) -> None:
        """The app is ending by itself: nothing more to watch, nor to end."""
        self._closed.set()

    def _watch(self, loop: asyncio.AbstractEventLoop, stop: Callable[[], None], stuck: Callable[[], None]) -> None:
        wait = _waiter(self._every)
        while not terminal_gone():
            wait()
            if self._closed.wait(LEAST_GAP_SECONDS):
                return
        self.gone.set()
        try:
            loop.call_soon_threadsafe(stop)
        except RuntimeError:  # the loop is closed: the app has ended already
            return
        if not self._closed.wait(self._patience):
            stuck()


def terminal_watch() -> TerminalWatch | None:
    """A watch for an app about to be drawn on a terminal: its input and output both ttys. None for an app whose
    are not (a browser tab's, under `hamstride serve`, are pipes: nothing there to watch, nor to hang up)."""
    return None if terminal_gone() else TerminalWatch()


def _waiter(every: float) -> Callable[[], object]:
    """Waits up to `every` seconds, and returns at once when the terminal hangs up (the input's poll says so)."""
    stdin = sys.__stdin__
    if not hasattr(select, "poll") or stdin is None:
        return lambda: threading.Event().wait(every)
    poller = select.poll()
    with contextlib.suppress(OSError, ValueError):
        poller.register(stdin.fileno(), 0)  # no event asked for: only a hang-up, an error, a closed descriptor
    return lambda: poller.poll(every * 1000)
