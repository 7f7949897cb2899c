"""The sound child: a small process that owns one backend and plays what the app sends it.

A crash inside a sound library's C extension (simpleaudio 1.0.4 segfaults on Python 3.12+ as a clip
ends) kills the process it happens in, and no Python handler can restore the terminal after it. Here
it kills only this child; the app's `ChildBackend` (audio/isolated.py) sees the pipe close, starts a
new child or moves on to the next backend, and the session goes on.

Started by `ChildBackend` with the app's own interpreter and import path (BOOT below), given two
inherited pipe descriptors and the backend to build, as "module:callable". Requests, one tuple each:
    ("play", name, clip fields or None, at)  play the clip (sent once per name, then by name alone) at
                                         `at` on time.monotonic (None: now); the child waits for it
    ("wait",)                            until the clip playing now has ended
    ("stop",)                            stop it now (no reply)
Replies: ("ready",) once the backend is built, then ("ok",) or ("error", text) for play and wait.
The child ends when the app closes its end of the commands pipe, or when the app ends.

Messages are `marshal`led, behind their length: marshal is built in, so the child imports next to
nothing of its own and is ready in a few tens of milliseconds, at launch and after a crash.
"""

from __future__ import annotations

import importlib
import marshal
import os
import time
from typing import TYPE_CHECKING, Any

from hamstride.audio.base import Backend, Clip

if TYPE_CHECKING:
    from collections.abc import Callable

HEADER = 4  # bytes of length before each message


def encode(message: tuple[Any, ...]) -> bytes:
    data = marshal.dumps(message)
    return len(data).to_bytes(HEADER, "little") + data


def send(fd: int, message: tuple[Any, ...]) -> None:
    view = memoryview(encode(message))
    while view:
        view = view[os.write(fd, view):]


def receive(fd: int) -> tuple[Any, ...]:
    """The next message; EOFError when the other end has closed."""
    size = int.from_bytes(_exactly(fd, HEADER), "little")
    message: tuple[Any, ...] = marshal.loads(_exactly(fd, size))
    return message


def _exactly(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def build(factory: str) -> Backend:
    module, _, name = factory.partition(":")
    made: Backend = getattr(importlib.import_module(module), name)()
    return made


def serve(commands: int, replies: int, factory: str) -> None:
    try:
        backend = build(factory)
    except Exception as error:  # ImportError, the library's own errors: the app is told, and moves on
        send(replies, ("error", _said(error)))
        return
    send(replies, ("ready",))
    clips: dict[str, Clip] = {}
    while True:
        try:
            request = receive(commands)
        except (EOFError, OSError):  # the app has gone: so does its sound
            return
        action = request[0]
        if action == "stop":
            backend.stop()
            continue
        try:
            if action == "play":
                _, name, fields, at = request
                if fields is not None:
                    clips[name] = Clip(*fields)
                if at is not None:
                    _sleep_until(at)
                backend.play(clips[name])
            elif action == "wait":
                backend.wait()
            send(replies, ("ok",))
        except Exception as error:  # every failure is the app's to report; none ends the child
            send(replies, ("error", _said(error)))


def _sleep_until(at: float) -> None:
    """The child waits for a cue's moment itself: the app hands it over ahead, so that the app's own
    pauses (a garbage collection, a frame holding the interpreter, the pipe) are not on the cue's way."""
    delay = at - time.monotonic()
    if delay > 0:
        time.sleep(delay)


# A real-time priority low among the real-time ones (1-99): above every ordinary process, below the
# kernel's own threads and the sound servers (PipeWire, JACK ask for 20-95).
PRIORITY = 5
SLICE = 100_000  # nanoseconds: the shortest time slice Linux gives an ordinary process
_SCHED_SETATTR = {"x86_64": 314, "aarch64": 274}  # the system call's number (Python has no wrapper)
_RESET_ON_FORK = 0x01  # SCHED_FLAG_RESET_ON_FORK


def run_first(setscheduler: Callable[[int, int, os.sched_param], None] | None = None) -> str:
    """Ask the OS to run this child soon after it wakes; what it granted: "real-time", "short slice" or "".

    On a loaded machine the child's work is 0.2 ms a cue, but it waited up to 86 ms for a CPU after
    its moment, runnable behind busy processes (tests/perf: schedstat's run_delay). A real-time policy
    wakes it at once: Linux grants it to root and to users whose RLIMIT_RTPRIO allows it (the `audio`
    or `pipewire` group's limits on many systems). Round-robin with SCHED_RESET_ON_FORK: the library's
    own playback threads stay ordinary, so a driver that spins can never take a CPU from the machine.
    Refused that, the child asks for the shortest time slice, which any user may (below)."""
    policy = getattr(os, "SCHED_RR", None)
    setscheduler = setscheduler or getattr(os, "sched_setscheduler", None)
    if policy is None or setscheduler is None:  # not Linux: the OS has its own way
        return ""
    try:
        setscheduler(0, policy | getattr(os, "SCHED_RESET_ON_FORK", 0), os.sched_param(PRIORITY))
        return "real-time"
    except OSError:  # PermissionError: not granted to this user
        return "short slice" if short_slice() else ""


def short_slice() -> bool:
    """Ask for Linux's shortest time slice (sched_setattr's runtime for an ordinary process, Linux 6.12+).

    Linux's scheduler (EEVDF) runs first the process whose slice ends soonest, so a short slice is
    picked soon after it wakes; it gets no more CPU than before. At load 2 it cut the worst wake-up of a
    sleeper from 10-120 ms to 2-4 ms, asked as an ordinary user. An older kernel ignores it."""
    number = _SCHED_SETATTR.get(os.uname().machine)
    if number is None:
        return False
    import ctypes  # only here: a few milliseconds of the child's start, once
    import struct

    # struct sched_attr: size, policy (SCHED_OTHER), flags, nice, priority, runtime, deadline, period
    attr = struct.pack("IIQiIQQQ", 48, 0, _RESET_ON_FORK, os.getpriority(os.PRIO_PROCESS, 0), 0, SLICE, 0, 0)
    try:
        done: int = ctypes.CDLL(None, use_errno=True).syscall(number, 0, ctypes.create_string_buffer(attr), 0)
    except (OSError, AttributeError):
        return False
    return done == 0


def _said(error: BaseException) -> str:
    return str(error).strip() or type(error).__name__


# The child's command line after the interpreter: no `site` (about 10 ms), no environment variables;
# the app hands over its own sys.path (marshalled, in hex) instead, so the child finds what it finds.
BOOT = ("import marshal, sys; sys.path[:0] = marshal.loads(bytes.fromhex(sys.argv[1])); "
        "from hamstride.audio.child import main; main(sys.argv[2:])")


def main(argv: list[str]) -> None:
    # Descriptors 1 and 2 go nowhere (the app passes /dev/null): a library that prints cannot
    # scribble over the full-screen app, nor into the replies.
    run_first()
    serve(int(argv[0]), int(argv[1]), argv[2])
    os._exit(0)  # at once: no interpreter teardown racing a library's playback thread
