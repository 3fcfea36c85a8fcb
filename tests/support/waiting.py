"""Waiting for the screen to change while the event loop runs, as the app's own loop does.

``QTest.qWait`` processes events while holding Python's GIL. QtMultimedia's FFmpeg back end
then deadlocks: tearing a player down, the GUI thread waits for an audio thread that needs the
GIL to destroy an object connected to a Python-made QAudioOutput. ``QEventLoop.exec`` releases
the GIL, as ``app.exec()`` does in Greenroom, so tests wait with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def pump(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str = "the screen") -> None:
    """Run the event loop until ``condition`` holds; fail naming ``what`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        pump(20)
