"""The practice ladder, from gentle to realistic, and which rung a past run was on.

Rungs: Warm-up, Timed, One-way, then One-way with follow-ups and shorter prep. Drill is a
tool for one question, not a rung. A run started from the coach's advice records its rung in
the session's settings (``settings["rung"]``); older runs are placed by their mode, and a
One-way run counts as the top rung when it had follow-ups on and prep cut to SHORT_PREP_SECONDS
or less (``settings["follow_ups"]``, ``settings["prep_seconds"]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from greenroom.core.session import Mode

SHORT_PREP_SECONDS = 10  # the top rung's thinking time


class Rung(StrEnum):
    WARM_UP = "warm-up"
    TIMED = "timed"
    ONE_WAY = "one-way"
    ONE_WAY_FOLLOW_UPS = "one-way-follow-ups"

    @property
    def level(self) -> int:
        return _ORDER.index(self)

    @property
    def mode(self) -> Mode:
        return Mode.ONE_WAY if self is Rung.ONE_WAY_FOLLOW_UPS else Mode(self.value)

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def follow_ups(self) -> bool:
        """Whether the coach turns the interviewer's follow-up questions on for this rung."""
        return self is Rung.ONE_WAY_FOLLOW_UPS

    @property
    def prep_seconds(self) -> int | None:
        """Thinking time the rung sets; None: each question's own."""
        return SHORT_PREP_SECONDS if self is Rung.ONE_WAY_FOLLOW_UPS else None

    def up(self) -> Rung:
        return _ORDER[min(self.level + 1, len(_ORDER) - 1)]

    def down(self) -> Rung:
        return _ORDER[max(self.level - 1, 0)]


_ORDER = (Rung.WARM_UP, Rung.TIMED, Rung.ONE_WAY, Rung.ONE_WAY_FOLLOW_UPS)
_LABELS = {
    Rung.WARM_UP: "Warm-up",
    Rung.TIMED: "Timed",
    Rung.ONE_WAY: "One-way interview",
    Rung.ONE_WAY_FOLLOW_UPS: "One-way with follow-ups and shorter prep",
}
TOP = _ORDER[-1]


def rung_of(mode: Mode, settings: Mapping[str, Any]) -> Rung | None:
    """The rung a run was on; None for a drill (not on the ladder)."""
    recorded = settings.get("rung")
    if isinstance(recorded, str) and recorded in _BY_VALUE:
        return _BY_VALUE[recorded]
    if mode is Mode.DRILL:
        return None
    if mode is Mode.ONE_WAY and settings.get("follow_ups") is True:
        prep = settings.get("prep_seconds")
        if isinstance(prep, int | float) and prep <= SHORT_PREP_SECONDS:
            return Rung.ONE_WAY_FOLLOW_UPS
    return Rung(mode.value)


_BY_VALUE = {r.value: r for r in _ORDER}
