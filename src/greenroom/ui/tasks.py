"""Run short jobs off the GUI thread and deliver the result or the error back on it.

Modelled on Anki's QueryOp and Picard's thread helpers: a job never touches a widget; the
callback runs on the GUI thread. No exception is dropped: without an error callback it goes to
``on_error_default`` (a message for GreenroomError, the crash path for anything else).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


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

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        write: bool = False,
    ) -> None:
        signals = _Signals()
        self._live.add(signals)  # keep the QObject alive until its signal has been delivered

        @Slot(object)
        def done(result: Any) -> None:
            self._live.discard(signals)
            if on_done is not None:
                on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            self._live.discard(signals)
            (on_error or self._on_error_default)(exc)

        signals.finished.connect(done)
        signals.failed.connect(failed)
        (self._writes if write else self._reads).start(_Job(fn, signals))

    def wait(self, msecs: int = 5000) -> bool:
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)


class InlineTaskRunner(TaskRunner):
    """Runs jobs at once on the calling thread (tests, like Picard's FakeThreadPool)."""

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        write: bool = False,
    ) -> None:
        try:
            result = fn()
        except Exception as exc:
            (on_error or self._on_error_default)(exc)
            return
        if on_done is not None:
            on_done(result)
