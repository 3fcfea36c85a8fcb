"""Shared test set-up. Qt must be told to draw offscreen before it is first imported."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from greenroom.paths import AppPaths, resolve_paths
from support import shared_guard


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    paths = resolve_paths(tmp_path / "home")
    paths.ensure()
    return paths


def pytest_configure(config: pytest.Config) -> None:
    shared_guard.install()  # no test may read ../shared: a fresh clone has nothing beside it


@pytest.fixture(autouse=True)
def _no_shared_reads() -> Iterator[None]:
    yield
    shared_guard.check_test()


def _running_now() -> set[str]:
    """Greenroom's threads and pools still running, the test fakes' threads, and any thread that
    would keep the process from exiting (a library's daemon helper, like tqdm's monitor that
    faster-whisper starts once, is neither ours nor a leak)."""
    import sys
    import threading

    alive = {
        f"{t.name}#{t.ident}"
        for t in threading.enumerate()
        if t is not threading.main_thread()
        and not isinstance(t, threading._DummyThread)
        and (t.name.startswith(("greenroom-", "fake-")) or not t.daemon)
    }
    if "greenroom.ui.threads" in sys.modules:  # only when the test touched the GUI
        alive |= set(sys.modules["greenroom.ui.threads"].still_running())
    return alive


@pytest.fixture(autouse=True)
def _no_threads_left() -> Iterator[None]:
    """A test that starts a thread stops it: the app must join every thread at exit, and a
    test that leaves one running would hide exactly that."""
    before = _running_now()
    yield
    from support.fakes import FakeMicrophone

    FakeMicrophone.close_all()  # a test double's thread is the test's to stop, not the app's
    deadline = time.monotonic() + 10
    left = _running_now() - before
    while left and time.monotonic() < deadline:
        _pump_events(50)  # a cancelled transcriber finishes the segment it was on
        left = _running_now() - before
    if left:
        pytest.fail(f"threads still running after the test: {sorted(left)}", pytrace=False)


def _pump_events(ms: int) -> None:
    import sys

    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None and qt.QCoreApplication.instance() is not None:
        from support.waiting import pump

        pump(ms)
    else:
        time.sleep(ms / 1000)
