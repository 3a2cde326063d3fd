"""Every write the app makes for the person (a draft as typed, notes, a form, a stage, a
snooze...), made one at a time in the order they were asked for, off the UI thread.

A write that finds the database busy (another program holding the write lock past the busy
timeout) is not dropped: it stays at the head of the queue, the app shows that it is not saved
yet, and it is tried again until it lands. On the way out what is still waiting gets one last
try; what cannot be saved is handed back (see `followup.tui.kept_aside` for where it goes).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump


@dataclass(eq=False)
class Write:
    """One write: `write()` runs in the writer thread; `done` and `failed` on the UI thread."""

    what: str  # in the person's words: "the draft to Northwind"
    write: Callable[[], Any]
    key: Hashable | None = None  # a newer write with the same key replaces a waiting one
    keep: str = ""  # what the person typed, for the file if it can never be saved
    done: Callable[[Any], object] | None = None
    failed: Callable[[Exception], bool] | None = None  # True: it told the person
    replaced: bool = field(default=False, repr=False)


class WriteLanded(Message):
    def __init__(self, write: Write, result: Any) -> None:
        super().__init__()
        self.write = write
        self.result = result


class WriteFailed(Message):
    def __init__(self, write: Write, error: Exception) -> None:
        super().__init__()
        self.write = write
        self.error = error


class WritesWaiting(Message):
    """The database became busy (`waiting`), or every waiting write has landed."""

    def __init__(self, waiting: bool) -> None:
        super().__init__()
        self.waiting = waiting


class Writes:
    """The queue and its one writer thread (a plain thread, not a Textual worker: it must
    outlive screens and be waited for on the way out, when workers are already cancelled)."""

    def __init__(
        self, target: MessagePump, *, retry_seconds: float = 0.5, slow_seconds: float = 1.0
    ) -> None:
        self._target = target
        self._retry = retry_seconds
        # A write blocked this long is waiting for the lock: say so at once, rather than only
        # when the busy timeout (10 s) gives up.
        self._slow = slow_seconds
        self._queue: deque[Write] = deque()
        self._busy = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closing = False
        # Writes that failed once the app was on its way out: nobody is left to tell the
        # person, so they are handed back with the unsaved ones.
        self._failed_closing: list[Write] = []
        self.waiting = False  # the write at the head found the database busy
        # The write being made right now: after `finish` gave up on it, it may still land.
        self.trying: Write | None = None

    def submit(self, write: Write) -> None:
        """Queue a write (from any thread); it is made after every write asked for before."""
        with self._busy:
            if write.key is not None:
                for queued in self._queue:
                    if queued.key == write.key:
                        queued.replaced = True
                self._queue = deque(q for q in self._queue if not q.replaced)
            self._queue.append(write)
            if self._thread is None:
                self._thread = threading.Thread(target=self._drain, name="writes", daemon=True)
                self._thread.start()
            self._busy.notify_all()

    @property
    def pending(self) -> list[Write]:
        with self._busy:
            return list(self._queue)

    def _drain(self) -> None:
        from followup.store.busy import is_busy

        while True:
            with self._busy:
                if not self._queue:
                    self._thread = None
                    self._busy.notify_all()
                    if self.waiting:
                        self.waiting = False
                        self._target.post_message(WritesWaiting(False))
                    return
                write = self._queue[0]
            slow = threading.Timer(self._slow, self._now_waiting)
            slow.daemon = True
            slow.start()
            self.trying = write
            try:
                result = write.write()
            except Exception as error:
                if not is_busy(error):
                    self._pop(write)
                    with self._busy:
                        if self._closing:
                            self._failed_closing.append(write)
                            continue
                    self._target.post_message(WriteFailed(write, error))
                    continue
            else:
                self._pop(write)
                self._target.post_message(WriteLanded(write, result))
                continue
            finally:
                slow.cancel()
                self.trying = None
            # The database is busy: the write stays at the head of the queue.
            self._now_waiting()
            with self._busy:
                if write.replaced:  # a newer version is queued: this one need not wait
                    self._pop(write)
                elif self._closing:  # that was its last try: `finish` takes over
                    self._thread = None
                    self._busy.notify_all()
                    return
                else:
                    self._busy.wait(self._retry)

    def _now_waiting(self) -> None:
        with self._busy:
            if not self.waiting:
                self.waiting = True
                self._target.post_message(WritesWaiting(True))

    def _pop(self, write: Write) -> None:
        with self._busy:
            if self._queue and self._queue[0] is write:
                self._queue.popleft()

    def finish(self, timeout: float) -> list[Write]:
        """On the way out: let the queue drain, each write tried once more, for up to
        `timeout` seconds; returns the writes that could not be made, once (they are the
        caller's now: a second call returns only what was queued since)."""
        with self._busy:
            self._closing = True
            self._busy.notify_all()
            self._busy.wait_for(lambda: self._thread is None, timeout)
            left = self._failed_closing + list(self._queue)
            self._failed_closing = []
            self._queue.clear()
            return left
