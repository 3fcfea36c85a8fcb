"""Interview fields typed by the user (command line or a text box) into checked values.

Every function raises a GreenroomError that says what was wrong and what is accepted, so a
typo gives one clear line ("'2026-02-30' is not a real date: day is out of range for month.
Write ...") and never a traceback.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Literal, TypeVar

from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import (
    NERVES_RANGE,
    NOT_SURE,
    WANT_RANGE,
    WENT_RANGE,
    InterviewFormat,
    InterviewOutcome,
    check_rating,
    check_when,
)

WHEN_FIX = (
    "Write it as YYYY-MM-DDTHH:MM, for example 2026-03-10T14:30, optionally with the time zone "
    "offset (2026-03-10T14:30+01:00)"
)
_NOT_SURE_WORDS = frozenset({"not-sure", "not sure", "notsure", "unsure", "?", "-"})
_ALIASES = {"onsite": "on-site", "in-person": "on-site", "in person": "on-site", "call": "phone"}
E = TypeVar("E", bound=StrEnum)


def parse_when(value: str, *, local: tzinfo | None = None) -> datetime:
    """An ISO date and time; without an offset it is local time (``local``, else this
    machine's time zone on that date)."""
    text = value.strip()
    try:
        when = datetime.fromisoformat(text)
    except ValueError as exc:
        reason = str(exc)
        what = (
            f"{text!r} is not a real date ({reason})"
            if "out of range" in reason or "must be in" in reason
            else f"{text!r} is not a date and time"
        )
        raise GreenroomError(what, fix=WHEN_FIX) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=local) if local is not None else when.astimezone()
    check_when(when)
    return when


def parse_rating(name: str, value: str | int | None, bounds: tuple[int, int]) -> int | None:
    """A whole number inside ``bounds``; None stays None (not given)."""
    if value is None or isinstance(value, int):
        check_rating(name, value, bounds)
        return value
    low, high = bounds
    try:
        number = int(value.strip())
    except ValueError:
        raise GreenroomError(
            f"{name} must be a whole number from {low} to {high}, not {value!r}"
        ) from None
    check_rating(name, number, bounds)
    return number


def parse_nerves(name: str, value: str | int | None) -> int | None:
    return parse_rating(name, value, NERVES_RANGE)


def parse_went(value: str | int | None) -> int | None:
    return parse_rating("how it went", value, WENT_RANGE)


def parse_want(name: str, value: str | int | None) -> int | Literal["not-sure"] | None:
    """0-10, or NOT_SURE for "not sure" (also "?", "unsure"); None: not given."""
    if isinstance(value, str) and value.strip().casefold() in _NOT_SURE_WORDS:
        return NOT_SURE
    try:
        return parse_rating(name, value, WANT_RANGE)
    except GreenroomError:
        raise GreenroomError(
            f"{name} must be a whole number from 0 to 10, or 'not-sure', not {value!r}"
        ) from None


def parse_choice(name: str, value: str, choices: type[E]) -> E:
    """One of an enum's values; case, spaces and underscores do not matter."""
    key = "-".join(value.strip().casefold().replace("_", " ").split())
    key = _ALIASES.get(key, key)
    for choice in choices:
        if choice.value == key:
            return choice
    valid = ", ".join(c.value for c in choices)
    raise GreenroomError(f"unknown {name} {value!r}", fix=f"Use one of: {valid}")


def parse_format(value: str | None) -> InterviewFormat | None:
    return None if value is None else parse_choice("format", value, InterviewFormat)


def parse_outcome(value: str | None) -> InterviewOutcome | None:
    return None if value is None else parse_choice("outcome", value, InterviewOutcome)
