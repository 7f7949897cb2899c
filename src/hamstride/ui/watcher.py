"""A look at the runner's sessions folder every few seconds, in a thread the app owns (toolong's watcher.py).

A screen that shows the folder asks to be told (`tell`); when a file is added,
edited or removed it receives `SessionsChanged`. The app pauses the watcher
while a session runs: looking at a folder then would only cost the session CPU.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.message import Message
from textual.message_pump import MessagePump

LOOK_EVERY = 1.5  # seconds between looks at the folder

Signature = tuple[tuple[str, int, int], ...]


class SessionsChanged(Message):
    """A session file in the runner's folder was added, edited or removed."""


def folder_signature(folder: Path) -> Signature:
    """Names, sizes and change times of the TOML files: differs whenever a file is added, edited or removed."""
    if not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.glob("*.toml")):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class FolderWatcher:
    """Tells whoever asked when the folder's TOML files change; a look at a time, off the UI thread."""

    def __init__(self, folder: Path, every: float = LOOK_EVERY) -> None:
        self.folder = folder
        self.every = every
        self._seen: Signature | None = None
        self._told: list[MessagePump] = []
        self._lock = threading.Lock()
        self._paused = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tell(self, listener: MessagePump) -> None:
        """Post SessionsChanged to `listener` when the folder changes (post_message is thread-safe)."""
        with self._lock:
            if listener not in self._told:
                self._told.append(listener)

    def seen(self, signature: Signature) -> None:
        """The folder as it was when its reader read it (taken before the read): no change to tell about."""
        with self._lock:
            self._seen = signature

    def look(self) -> bool:
        """One look: True, and the listeners told, when the folder changed since the last."""
        if self._paused.is_set():
            return False
        signature = folder_signature(self.folder)
        with self._lock:
            changed = self._seen is not None and signature != self._seen
            self._seen = signature
            listeners = list(self._told)
        if changed:
            for listener in listeners:
                listener.post_message(SessionsChanged())
        return changed

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="hamstride-watcher", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            self.look()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
            self._thread = None
