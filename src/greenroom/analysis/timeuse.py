"""Time use: how the answer's length compares with its limit.

- "cut off": the recording reached the limit (within half a second) while the user was still
  speaking, i.e. speech ran to within a second of the end of the audio.
- "early": the answer ended before half the limit.
- "in time": anything else, including finishing just as the limit arrived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LIMIT_MARGIN = 0.5  # recorders stop a few hundred ms either side of the limit
STILL_SPEAKING = 1.0  # speech this close to the end of the audio means it was interrupted
EARLY_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class TimeUse:
    """Duration against the limit; status is None when either is unknown."""

    duration: float | None
    limit: float | None
    status: str | None

    @property
    def ratio(self) -> float | None:
        if self.duration is None or not self.limit:
            return None
        return self.duration / self.limit

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration": self.duration,
            "limit": self.limit,
            "ratio": self.ratio,
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeUse:
        duration, limit, status = data.get("duration"), data.get("limit"), data.get("status")
        return cls(
            duration=None if duration is None else float(duration),
            limit=None if limit is None else float(limit),
            status=None if status is None else str(status),
        )


def time_use(duration: float | None, limit: float | None, *, last_speech: float | None) -> TimeUse:
    """Classify the answer's length.

    Args:
        duration: Answer length in seconds.
        limit: Answer limit in seconds; None or 0 for no limit.
        last_speech: End of the last word or speech segment; None for a typed answer, which
            counts as cut off whenever it reaches the limit.
    """
    if duration is None or not limit or limit <= 0:
        return TimeUse(duration, limit if limit and limit > 0 else None, None)
    if duration >= limit - LIMIT_MARGIN:
        speaking_at_end = last_speech is None or last_speech >= duration - STILL_SPEAKING
        return TimeUse(duration, limit, "cut off" if speaking_at_end else "in time")
    if duration < EARLY_SHARE * limit:
        return TimeUse(duration, limit, "early")
    return TimeUse(duration, limit, "in time")
