"""Every long-lived thread Greenroom starts, so that shutdown can prove it stopped them all.

A QThread object destroyed while its thread still runs aborts the process ("QThread: Destroyed
while thread ... is still running", exit 134). Devices get a thread each (capture, voice) made
by ``device_thread``; pools belong to TaskRunner, which registers itself. ``still_running``
names whatever has not stopped: the app checks it at exit and the tests after every test.
"""

from __future__ import annotations

import threading
import weakref
from typing import Protocol

from PySide6.QtCore import QThread

_threads: weakref.WeakSet[QThread] = weakref.WeakSet()
_pools: weakref.WeakSet[_Pool] = weakref.WeakSet()
# Python threads Greenroom starts are named with this prefix (the streaming transcriber's).
PREFIX = "greenroom-"


class _Pool(Protocol):
    def busy(self) -> bool: ...


def device_thread(name: str) -> QThread:
    """A started QThread for one device worker, known to ``still_running``."""
    thread = QThread()
    thread.setObjectName(name)
    _threads.add(thread)
    thread.start()
    return thread


def stop_thread(thread: QThread, *, timeout_ms: int = 5000) -> bool:
    """Ask ``thread``'s event loop to quit and wait for it; False if it did not stop in time."""
    if thread.isRunning():
        thread.quit()
        return thread.wait(timeout_ms)
    return True


def register_pool(pool: _Pool) -> None:
    _pools.add(pool)


def still_running() -> list[str]:
    """Names of Greenroom's threads that are still running, and pools with jobs still going."""
    names = [t.objectName() or "a QThread" for t in list(_threads) if t.isRunning()]
    names += [
        t.name
        for t in threading.enumerate()
        if t.name.startswith(PREFIX) and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
    names += ["a task pool with jobs" for p in list(_pools) if p.busy()]
    return names
