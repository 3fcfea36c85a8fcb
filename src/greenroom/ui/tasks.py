"""Run short jobs off the GUI thread and deliver the result or the error back on it.

Modelled on Anki's QueryOp and Picard's thread helpers: a job never touches a widget; the
callback runs on the GUI thread. No exception is dropped: without an error callback it goes to
``on_error_default`` (a message for GreenroomError, the crash path for anything else).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from greenroom.ui.threads import register_pool

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Two pools: reads in parallel, database writes one at a time (Anki's taskman)."""

    def __init__(
        self, on_error_default: Callable[[BaseException], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._on_error_default = on_error_default
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._live: set[_Signals] = set()
        register_pool(self)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        write: bool = False,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn`` in a pool; ``on_done(result)`` or the error callback on the GUI thread.

        ``owner`` (by default the object of a bound-method callback) is the widget the result
        is for: if it was deleted meanwhile (a screen closed), the result is dropped, not
        delivered into a dead widget. A write job itself always runs to the end.
        """
        signals = _Signals()
        self._live.add(signals)  # keep the QObject alive until its signal has been delivered
        receiver = owner if owner is not None else getattr(on_done, "__self__", None)

        def gone() -> bool:
            return isinstance(receiver, QObject) and not shiboken6.isValid(receiver)

        @Slot(object)
        def done(result: Any) -> None:
            self._live.discard(signals)
            if on_done is not None and not gone():
                on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            self._live.discard(signals)
            if gone() and on_error is not None:
                log.error("a background job failed after its screen closed", exc_info=exc)
                return
            (on_error or self._on_error_default)(exc)

        signals.finished.connect(done)
        signals.failed.connect(failed)
        (self._writes if write else self._reads).start(_Job(fn, signals))

    def report(self, exc: BaseException) -> None:
        """Show a background job's error as a job without its own handler would."""
        self._on_error_default(exc)

    def wait(self, msecs: int = 5000) -> bool:
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)

    def busy(self) -> bool:
        """True while a job runs or waits in either pool."""
        return self._reads.activeThreadCount() > 0 or self._writes.activeThreadCount() > 0

    def shutdown(self, msecs: int = 30000) -> bool:
        """At exit: drop reads not yet started, finish the rest (writes always finish: each is
        an answer or a setting the user expects kept), and let the pools' threads go."""
        self._reads.clear()
        done = self.wait(msecs)
        for pool in (self._reads, self._writes):
            pool.setExpiryTimeout(0)  # idle threads exit now, not after 30 s
        return done


class InlineTaskRunner(TaskRunner):
    """Runs jobs at once on the calling thread (tests, like Picard's FakeThreadPool)."""

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        write: bool = False,
        owner: QObject | None = None,
    ) -> None:
        try:
            result = fn()
        except Exception as exc:
            (on_error or self._on_error_default)(exc)
            return
        if on_done is not None:
            on_done(result)
