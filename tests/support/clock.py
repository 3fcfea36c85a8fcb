"""A clock that moves only when a test says so (the real one is greenroom.core.clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Satisfies core.clock.Clock; ``advance`` is the only way time passes."""

    def __init__(self, start: datetime | None = None) -> None:
        self._mono = 0.0
        self._start = start or datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._mono)

    def advance(self, seconds: float) -> None:
        self._mono += seconds
