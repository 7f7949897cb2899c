"""Play the engine's cues on the best backend that works, falling back without crashing."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence

from hamstride.audio.backends import Backend, BellBackend, PlaybackError
from hamstride.audio.clips import Clip, SoundBank, SoundMode
from hamstride.domain.cues import Cue, CueKind, most_important

# The bell rings only where the runner must change what they do.
BELL_CUES = frozenset({CueKind.GO, CueKind.LOWER, CueKind.LIFT, CueKind.HOLD, CueKind.CONTRACT,
                       CueKind.RELAX, CueKind.STRETCH, CueKind.SET_DONE, CueKind.SWITCH_SIDES,
                       CueKind.REST, CueKind.SESSION_DONE, CueKind.GET_READY})

Notice = Callable[[str], None]


class CuePlayer:
    """Turns cues into sound on a background thread, so playing never blocks the screen.

    With `threaded=False` it plays on the caller's thread (doctor and tests).
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
        self._queue: queue.Queue[Cue] | None = None
        self.played: list[tuple[Cue, str]] = []  # what was played, on which backend: doctor reports it
        self.failures: list[str] = []  # why backends were dropped, in full: doctor prints them
        if threaded:
            self._queue = queue.Queue()
            self._thread = threading.Thread(target=self._run, name="hamstride-audio", daemon=True)
            self._thread.start()

    @property
    def backend(self) -> Backend:
        return self._backends[0]

    def play_cues(self, cues: Sequence[Cue]) -> Cue | None:
        """Play the most important of the cues that fell due together; return it."""
        cue = most_important(cues)
        if cue is None or self.muted:
            return None
        if self._queue is not None:
            self._queue.put(cue)
        else:
            self._play(cue)
        return cue

    def wait(self) -> None:
        """Wait for the queue to drain and the current clip to end."""
        if self._queue is not None:
            self._queue.join()
        self.backend.wait()

    def close(self) -> None:
        self.backend.stop()

    def _run(self) -> None:
        assert self._queue is not None
        while True:
            cue = self._queue.get()
            try:
                self._play(cue)
            finally:
                self._queue.task_done()

    def _play(self, cue: Cue) -> None:
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
                        backend.play(clip if clip is not None else _EMPTY)
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


def _notice(failures: list[str], now: Backend) -> str:
    """One short sentence for the runner however many backends fell through; details go to doctor."""
    failed = ", ".join(f.split(":", 1)[0] for f in failures)
    if isinstance(now, BellBackend):
        return f"No sound device worked ({failed}): cues ring the terminal bell. `hamstride doctor` says why."
    if now.name == "silent":
        return f"No sound output worked ({failed}): cues are silent. `hamstride doctor` says why."
    return f"{failed} could not play: cues now play through {now.name}."
