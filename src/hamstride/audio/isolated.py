"""A backend played in a child process (audio/child.py), so that its crash cannot end a session.

The child is started once and kept warm: a cue costs one small message down a pipe (the clip's
samples go once, then its name), not a process start. A cue can be handed over ahead of its moment
(`play_at`): the child waits for it, so the app's pauses are not on the cue's way. When the child
dies (a segfault in the library, a kill), a watcher thread sees it at once and starts a new one
before the next cue; after RESTARTS restarts, or when it hangs, the backend fails and the player moves on to the next one.
"""

from __future__ import annotations

import marshal
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hamstride.audio.base import Clip, PlaybackError
from hamstride.audio.child import BOOT, encode, receive

Notice = Callable[[str], None]
PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding `hamstride`


class _Died(Exception):
    """The child's pipe closed under a request: it has died."""


class Crashed(PlaybackError):
    """The child died under a request; while restarts remain, a new one is already starting."""


class _Child:
    """One child process and its two pipes."""

    def __init__(self, factory: str, path: Sequence[str]) -> None:
        commands_read, self.commands = os.pipe()
        self.replies, replies_write = os.pipe()
        search = marshal.dumps([*path, PACKAGE_ROOT, *(entry or os.getcwd() for entry in sys.path)]).hex()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", BOOT, search, str(commands_read), str(replies_write), factory],
                pass_fds=(commands_read, replies_write), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            for fd in (self.commands, self.replies):
                os.close(fd)
            raise
        finally:
            os.close(commands_read)  # the child's ends: ours closed, so its death shows as end-of-file
            os.close(replies_write)
        os.set_blocking(self.commands, False)  # writes wait in select, with a time limit
        self.ready = False
        self.gone = False  # its death has been dealt with (counted, or it was ended on purpose)
        self.sent: set[str] = set()  # clips it holds, by name

    def send(self, message: tuple[Any, ...], limit: float) -> bool:
        """False when the child took nothing for `limit` seconds: a child stuck in its library must not
        take the cue thread with it, even with the pipe full."""
        data = memoryview(encode(message))
        deadline = time.monotonic() + limit
        try:
            while data:
                _, writable, _ = select.select([], [self.commands], [], max(0.0, deadline - time.monotonic()))
                if not writable:
                    return False
                data = data[os.write(self.commands, data):]
        except OSError as error:  # BrokenPipeError: it died
            raise _Died from error
        return True

    def reply(self, limit: float) -> tuple[Any, ...] | None:
        """The next reply; None when none came within `limit` seconds (the child hangs)."""
        try:
            readable, _, _ = select.select([self.replies], [], [], limit)
            if not readable:
                return None
            return receive(self.replies)
        except (EOFError, OSError) as error:  # end of file: it died
            raise _Died from error

    def request(self, message: tuple[Any, ...], limit: float) -> tuple[Any, ...] | None:
        return self.reply(limit) if self.send(message, limit) else None

    def end(self) -> None:
        if self.gone:
            return
        self.gone = True
        if self.process.poll() is None:
            self.process.kill()
        os.close(self.commands)
        os.close(self.replies)


def _how(code: int) -> str:
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


_early: dict[tuple[str, tuple[str, ...]], _Child] = {}  # children started ahead, by factory and path


def start_early(factory: str, path: Sequence[str] = ()) -> None:
    """Start a child now, before the app is built: a run's first get-ready is due as its screen is first
    drawn, and a child started later made it wait 25-160 ms. The next ChildBackend for the same
    factory takes it over (a failure to start here is found again, and told, there)."""
    try:
        _early[(factory, tuple(path))] = _Child(factory, path)
    except OSError:
        pass


class ChildBackend:
    """Plays through the backend that `factory` ("module:callable") builds, in a child process."""

    RESTARTS = 2  # crashes it is restarted after; the next one and the next backend takes over
    READY_LIMIT = 10.0  # seconds for a child to start (an interpreter, and the library's import)
    CALL_LIMIT = 1.5  # seconds a play may take before the child counts as hung (a driver stuck in ALSA)
    WAIT_MARGIN = 2.0  # seconds past a clip's end that a wait may take

    def __init__(self, name: str, factory: str, *, path: Sequence[str] = ()) -> None:
        self.name = name
        self.on_notice: Notice | None = None  # the player's: told when the child crashed and was restarted
        self.crashes: list[str] = []  # how each child died: "SIGSEGV"
        self._factory = factory
        self._path = list(path)
        self._lock = threading.RLock()
        self._failed = ""  # once set, every play raises it: the next backend takes over
        self._ends = 0.0  # when the clip playing now should be over, on time.monotonic
        self._child: _Child | None = None
        self._start()

    def _start(self) -> _Child:
        try:
            child = _early.pop((self._factory, tuple(self._path)), None) or _Child(self._factory, self._path)
        except OSError as error:
            self._failed = f"could not start its player process: {error.strerror or error}"
            raise PlaybackError(self._failed) from error
        self._child = child
        threading.Thread(target=self._watch, args=(child,), name=f"hamstride-{self.name}-watch",
                         daemon=True).start()
        return child

    def _watch(self, child: _Child) -> None:
        code = child.process.wait()
        told = ""
        with self._lock:
            if not child.gone:
                told = self._died(child, code)
        self._tell(told)

    def _tell(self, text: str) -> None:
        """Never under the lock: the app's notice may wait for its main thread, which may want the lock."""
        if text and self.on_notice is not None:
            try:
                self.on_notice(text)
            except RuntimeError:  # the app has closed: nobody to tell
                pass

    def _died(self, child: _Child, code: int, restart: bool = True) -> str:
        """Count the death, start a new child while restarts remain; what the runner is told (or "")."""
        child.end()
        if self._child is child:
            self._child = None
        if code == 0 and not child.ready:
            return ""  # it could not build its backend and said why: the next request reads it
        self.crashes.append(_how(code))
        if len(self.crashes) > self.RESTARTS or not restart:
            self._failed = self._crashed()
            return ""  # the player tells, naming the backend that takes over
        try:
            self._start()
        except PlaybackError:
            return ""
        return f"{self.name} crashed ({self.crashes[-1]}): restarted, cues go on through {self.name}."

    def _crashed(self) -> str:
        times = f", {len(self.crashes)} times" if len(self.crashes) > 1 else ""
        return f"crashed ({self.crashes[-1]}{times})"

    def _ready(self, child: _Child) -> None:
        if child.ready:
            return
        reply = child.reply(self.READY_LIMIT)
        if reply is None:
            self._fail(child, f"its player process did not start within {self.READY_LIMIT:g} s")
        assert reply is not None
        if reply[0] != "ready":
            self._fail(child, str(reply[1]))
        child.ready = True

    def _fail(self, child: _Child, why: str) -> None:
        child.end()
        self._failed = why
        raise PlaybackError(why)

    def _call(self, message: tuple[Any, ...], limit: float, restart: bool = True) -> None:
        """The request on a live child; a death is counted (and the child restarted) as it is found."""
        told: list[str] = []
        try:
            self._request(message, limit, restart, told)
        finally:
            for text in told:
                self._tell(text)

    def _request(self, message: tuple[Any, ...], limit: float, restart: bool, told: list[str]) -> None:
        with self._lock:
            if self._failed:
                raise PlaybackError(self._failed)
            child = self._child or self._start()
            try:
                self._ready(child)
                if message[0] == "play":
                    name, clip, at = message[1:]
                    message = ("play", name, None if name in child.sent else tuple(clip), at)
                reply = child.request(message, limit)
            except _Died:
                code = child.process.wait()
                if not child.gone:
                    told.append(self._died(child, code, restart))
                if self._failed:
                    raise PlaybackError(self._failed) from None
                raise Crashed(f"crashed ({_how(code)})") from None
            if reply is None:
                self._fail(child, f"its player process hung: no answer within {limit:g} s")
            assert reply is not None
            if reply[0] == "error":
                raise PlaybackError(str(reply[1]))
            if message[0] == "play":
                child.sent.add(message[1])

    def play(self, clip: Clip) -> None:
        self.play_at(clip, None)

    def play_at(self, clip: Clip, at: float | None) -> None:
        """Play the clip at `at` (time.monotonic; None: now): the child waits for that moment itself."""
        limit = self.CALL_LIMIT + (0.0 if at is None else max(0.0, at - time.monotonic()))
        try:
            self._call(("play", clip.name, clip, at), limit)
        except Crashed:
            # Once more, on the restarted child; if that one crashes as it plays too, no use restarting it.
            try:
                self._call(("play", clip.name, clip, at), self.CALL_LIMIT, restart=False)
            except Crashed:  # its watcher restarted it first: end that one too
                with self._lock:
                    self._failed = self._failed or self._crashed()
                    if self._child is not None:
                        self._child.end()
                raise PlaybackError(self._failed) from None
        self._ends = max(time.monotonic(), at or 0.0) + clip.seconds

    def wait(self) -> None:
        self._call(("wait",), max(0.0, self._ends - time.monotonic()) + self.WAIT_MARGIN)

    def stop(self) -> None:
        with self._lock:
            child = self._child
            if child is not None and child.ready and not child.gone:
                try:
                    child.send(("stop",), self.CALL_LIMIT)
                except _Died:
                    pass  # the watcher deals with it

    def close(self) -> None:
        """End the child (the app is closing); it would end by itself when the app did."""
        with self._lock:
            if self._child is not None:
                self._child.end()
                self._child.process.wait()
                self._child = None
            self._failed = self._failed or "closed"
