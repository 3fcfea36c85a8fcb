"""Which rung a past run was on, from its mode and settings."""

from __future__ import annotations

import pytest

from greenroom.core.ladder import Rung, rung_of
from greenroom.core.session import Mode


@pytest.mark.parametrize(
    ("mode", "settings", "rung"),
    [
        (Mode.WARM_UP, {}, Rung.WARM_UP),
        (Mode.TIMED, {"prep_seconds": None}, Rung.TIMED),
        (Mode.ONE_WAY, {}, Rung.ONE_WAY),
        (Mode.ONE_WAY, {"follow_ups": True}, Rung.ONE_WAY),  # follow-ups alone: One-way
        (Mode.ONE_WAY, {"follow_ups": True, "prep_seconds": 10}, Rung.ONE_WAY_FOLLOW_UPS),
        (Mode.ONE_WAY, {"follow_ups": True, "prep_seconds": 30}, Rung.ONE_WAY),
        (Mode.ONE_WAY, {"rung": "one-way-follow-ups"}, Rung.ONE_WAY_FOLLOW_UPS),  # recorded
        (Mode.TIMED, {"rung": "nonsense"}, Rung.TIMED),
        (Mode.DRILL, {}, None),
    ],
)
def test_rung_of(mode: Mode, settings: dict[str, object], rung: Rung | None) -> None:
    assert rung_of(mode, settings) is rung


def test_the_ladder_has_four_rungs_with_ends_that_hold() -> None:
    assert [r.level for r in Rung] == [0, 1, 2, 3]
    assert (
        Rung.WARM_UP.down() is Rung.WARM_UP
        and Rung.ONE_WAY_FOLLOW_UPS.up() is Rung.ONE_WAY_FOLLOW_UPS
    )
    assert Rung.ONE_WAY_FOLLOW_UPS.mode is Mode.ONE_WAY and Rung.TIMED.mode is Mode.TIMED
