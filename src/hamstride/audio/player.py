"""Play the engine's cues on the best backend that works, falling back without crashing."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence

from hamstride.audio.backends import Backend, BellBackend, PlaybackError
from hamstride.audio.clips import Clip, SoundBank, SoundMode
from hamstride.domain.cues import Cue, CueKind, most_important

# The bell rings only where the runner must change what they do.
BELL_CUES = frozenset({CueKind.GO, CueKind.LOWER, CueKind.LIFT, CueKind.OUT, CueKind.IN, CueKind.HOLD, CueKind.CONTRACT,
                       CueKind.RELAX, CueKind.STRETCH, CueKind.SET_DONE, CueKind.SWITCH_SIDES,
                       CueKind.REST, CueKind.SESSION_DONE, CueKind.GET_READY})

Notice = Callable[[str], None]
PLAYED_KEPT = 1000  # cues remembered as played: about the last half hour
# An armed cue goes this long before its moment to a backend that waits for the moment itself (the
# sound child): a garbage collection or a frame holding the interpreter, the pipe and the waking of a
# process under load then delay the handing over, not the sound (tests/perf measured 2-12 ms on that
# way at load 2-4). A key pressed in the last LEAD before a cue no longer stops it: 50 ms is too short
# for a runner to tell it from the key pressed just after.
LEAD = 0.05
SWITCH_INTERVAL = 0.001  # seconds a busy thread keeps the interpreter before the sound thread gets it


class CuePlayer:
    """Turns cues into sound on a background thread, so playing never blocks the screen.

    The thread can also be armed with the cues due next: it waits for their
    moment itself and plays them on the beat, whatever the screen is busy with.
    With `threaded=False` it plays on the caller's thread (doctor and tests) and
    arming does nothing.
    """

    def __init__(self, bank: SoundBank, backends: Sequence[Backend], *, mode: SoundMode = SoundMode.TONES,
                 muted: bool = False, on_notice: Notice | None = None, threaded: bool = True) -> None:
        if not backends:
            raise ValueError("at least one backend is needed; SilentBackend always works")
        self.bank = bank
        self.mode = mode
        self.muted = muted
        self._backends = list(backends)
        self._on_notice = on_notice or (lambda message: None)
        self._lock = threading.Lock()
        self._lock_armed = threading.Lock()
        self._queue: queue.Queue[Cue | None] | None = None  # None only wakes the thread to re-arm
        self._armed: tuple[Cue, ...] = ()
        self._armed_at = 0.0  # time.monotonic() when the armed cues fall due
        self._armed_played = False
        # What was played, on which backend: doctor reports it. The latest only, so a long
        # session's memory stays flat.
        self.played: deque[tuple[Cue, str]] = deque(maxlen=PLAYED_KEPT)
        self.failures: list[str] = []  # why backends were dropped, in full: doctor prints them
        for backend in self._backends:
            if hasattr(backend, "on_notice"):  # a backend in a child process: it says when it restarted one
                backend.on_notice = self._on_notice
        if threaded:
            # The thread waits for the screen to let go of the interpreter: at Python's default
            # switch interval a long frame could hold a cue back 5 ms, a millisecond is enough.
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
            self._queue = queue.Queue()
            self._thread = threading.Thread(target=self._run, name="hamstride-audio", daemon=True)
            self._thread.start()

    @property
    def backend(self) -> Backend:
        return self._backends[0]

    def play_cues(self, cues: Sequence[Cue]) -> Cue | None:
        """Play the most important of the cues that fell due together; return it.

        Cues the thread was armed with are played once: by the thread on the
        beat, or here if the thread has not got to them yet.
        """
        cues = self._not_armed(cues)
        cue = most_important(cues)
        if cue is None or self.muted:
            return None
        if self._queue is not None:
            self._queue.put(cue)
        else:
            self._play(cue)
        return cue

    def arm(self, cues: Sequence[Cue], delay: float) -> bool:
        """Have the thread play these cues in `delay` seconds (they replace any armed before).

        False when there is no thread to wait (then the caller plays them when due).
        """
        if self._queue is None:
            return False
        with self._lock_armed:
            self._armed = tuple(cues) if not self.muted else ()
            self._armed_at = time.monotonic() + delay
            self._armed_played = False
        self._queue.put(None)
        return True

    def disarm(self) -> None:
        if self._queue is None:
            return
        with self._lock_armed:
            self._armed = ()
        self._queue.put(None)

    def _not_armed(self, cues: Sequence[Cue]) -> Sequence[Cue]:
        with self._lock_armed:
            if not self._armed or not any(cue is armed for cue in cues for armed in self._armed):
                return cues
            played = self._armed_played
            armed = self._armed
            self._armed = ()  # reported by the engine: the thread must not play them again
        return [cue for cue in cues if not any(cue is a for a in armed)] if played else cues

    def wait(self) -> None:
        """Wait for the queue to drain and the current clip to end (armed cues are not waited for)."""
        if self._queue is not None:
            self._queue.join()
        self.backend.wait()

    def close(self) -> None:
        self.backend.stop()
        for backend in self._backends:
            close = getattr(backend, "close", None)  # a backend in a child process ends it
            if close is not None:
                close()

    def _run(self) -> None:
        assert self._queue is not None
        while True:
            try:
                cue = self._queue.get(timeout=self._armed_wait())
            except queue.Empty:
                armed = self._take_armed()
                if armed is not None:
                    self._play(*armed)
                continue
            try:
                if cue is not None:
                    self._play(cue)
            finally:
                self._queue.task_done()

    def _lead(self) -> float:
        """How long before an armed cue's moment it is handed to the backend in front."""
        return LEAD if hasattr(self._backends[0], "play_at") else 0.0

    def _armed_wait(self) -> float | None:
        with self._lock_armed:
            if not self._armed or self._armed_played:
                return None
            return max(0.0, self._armed_at - self._lead() - time.monotonic())

    def _take_armed(self) -> tuple[Cue, float] | None:
        """The armed cue to hand over now, and its moment."""
        with self._lock_armed:
            if not self._armed or self._armed_played or time.monotonic() < self._armed_at - self._lead():
                return None
            self._armed_played = True
            cue = most_important(self._armed)
            return None if self.muted or cue is None else (cue, self._armed_at)

    def _play(self, cue: Cue, at: float | None = None) -> None:
        clip = self.bank.clip(cue, self.mode)
        failures: list[str] = []
        with self._lock:
            try:
                while True:
                    backend = self._backends[0]
                    if isinstance(backend, BellBackend) and cue.kind not in BELL_CUES:
                        return
                    if clip is None and not isinstance(backend, BellBackend):
                        return
                    try:
                        _play_at(backend, clip if clip is not None else _EMPTY, at)
                    except PlaybackError as error:
                        if len(self._backends) == 1:
                            return
                        failures.append(f"{backend.name}: {error}")
                        self._backends.pop(0)
                        continue
                    self.played.append((cue, backend.name))
                    return
            finally:
                if failures:
                    self.failures.extend(failures)
                    self._on_notice(_notice(failures, self._backends[0]))


_EMPTY = Clip("empty", b"", 22050, 1, 2)


def _play_at(backend: Backend, clip: Clip, at: float | None) -> None:
    """The clip at its moment: handed ahead to a backend that waits for it, else played when it comes."""
    play_at = getattr(backend, "play_at", None)
    if at is not None and play_at is not None:
        play_at(clip, at)
        return
    if at is not None:  # the child fell through: the next backend plays on time
        time.sleep(max(0.0, at - time.monotonic()))
    backend.play(clip)


def _notice(failures: list[str], now: Backend) -> str:
    """One short sentence for the runner however many backends fell through; details go to doctor."""
    crashed = [f"{name} crashed {why.removeprefix('crashed ')}" for name, _, why in
               (failure.partition(": ") for failure in failures) if why.startswith("crashed")]
    failed = ", ".join(f.split(":", 1)[0] for f in failures)
    if crashed:  # what happened, then what the runner gets instead
        instead = ("cues ring the terminal bell" if isinstance(now, BellBackend) else
                   "cues are silent" if now.name == "silent" else f"cues now play through {now.name}")
        return f"{', '.join(crashed)}: {instead}. `hamstride doctor` says more."
    if isinstance(now, BellBackend):
        return f"No sound device worked ({failed}): cues ring the terminal bell. `hamstride doctor` says why."
    if now.name == "silent":
        return f"No sound output worked ({failed}): cues are silent. `hamstride doctor` says why."
    return f"{failed} could not play: cues now play through {now.name}."
