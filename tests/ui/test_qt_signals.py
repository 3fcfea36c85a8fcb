"""Guard against the PySide6 6.12.0 bug that frees True/False a little on every signal emit."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    level = Signal(float)


def test_emitting_signals_does_not_consume_references_to_booleans() -> None:
    emitter = _Emitter()
    received: list[float] = []
    emitter.level.connect(received.append)
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(200):
        emitter.plain.emit()
        emitter.level.emit(0.5)
    after = sys.getrefcount(True) + sys.getrefcount(False)
    assert len(received) == 200
    # A leaking binding loses one reference per emit (-400 here); allow a little noise.
    assert after - before > -20, (
        "this PySide6 build corrupts bool refcounts on emit: see pyproject.toml"
    )
