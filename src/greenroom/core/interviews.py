"""Real interviews, logged as test runs: plain data, the allowed values and their checks.

A real interview is the run that matters. Before it the user notes the company, role, time,
format, how much they want the job and a preparation checklist; afterwards their nerves before
and after (0-100, SUDS, the same scale as practice runs), how it went, the questions they were
asked (each one also lands in the bank ``asked-in-interviews``), the people they met and the
outcome. Unset values are None, never 0: "not rated" is not "not nervous".

Time rule: ``when`` is an aware datetime in the offset the user gave (or their local offset at
the time they entered it); the store keeps it as UTC plus that offset in minutes, so an interview
in another time zone keeps its own wall-clock time and still sorts correctly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Literal

from greenroom.core.errors import GreenroomError

ASKED_BANK_ID = "asked-in-interviews"
ASKED_BANK_TITLE = "Asked in real interviews"
NERVES_RANGE = (0, 100)
WANT_RANGE = (0, 10)
WENT_RANGE = (1, 5)
YEAR_RANGE = (1950, 2100)  # outside it, a date is a typo ("0026-03-10"), not an interview
DEFAULT_CHECKLIST = (
    "Research the company and the role",
    "Three stories ready",
    "Questions to ask them",
    "Route or link, and the time",
    "What to bring",
)


class InterviewFormat(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ON_SITE = "on-site"


class InterviewOutcome(StrEnum):
    WAITING = "waiting"
    NEXT_ROUND = "next-round"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDREW = "withdrew"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One preparation step; the user ticks it off and may rename, add or remove steps."""

    text: str
    done: bool = False


def default_checklist() -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(text) for text in DEFAULT_CHECKLIST)


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question the interviewer asked, kept verbatim, and its copy in the personal bank.

    Attributes:
        id: The link's own id.
        text: Exactly as the user logged it (the bank copy may be shortened to the bank's
            1,000-character limit; this never is).
        bank_question_id: The question's id in the ``asked-in-interviews`` bank, None when
            that bank question no longer exists (the user deleted the bank).
        question_key: The bank question's database key (for practice), or None.
    """

    id: int | None
    text: str
    bank_question_id: str | None = None
    question_key: int | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    """One real interview, before and after."""

    id: int | None
    company: str
    role: str
    when: datetime
    format: InterviewFormat | None = None
    want_before: int | None = None  # 0-10; None: "not sure"
    checklist: tuple[ChecklistItem, ...] = field(default_factory=default_checklist)
    nerves_before: int | None = None
    nerves_after: int | None = None
    went: int | None = None  # 1-5
    people_met: tuple[str, ...] = ()
    follow_up_note: str = ""
    want_after: int | None = None  # 0-10; None: "not sure" (or not said yet)
    outcome: InterviewOutcome | None = None  # None: not logged yet
    notes: str = ""
    asked: tuple[AskedQuestion, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def logged(self) -> bool:
        """Anything about how it went has been recorded."""
        return any(
            v is not None for v in (self.nerves_before, self.nerves_after, self.went, self.outcome)
        ) or bool(self.asked or self.people_met or self.follow_up_note)

    @property
    def title(self) -> str:
        return f"{self.role} at {self.company}"

    def is_past(self, now: datetime) -> bool:
        return self.when <= now


NOT_SURE: Literal["not-sure"] = "not-sure"


@dataclass(frozen=True, slots=True)
class InterviewLog:
    """What one "log" adds to an interview (``greenroom interviews log``).

    Logging twice is safe: given figures replace the old ones, lists gain only the entries
    they lack (case and spacing do not count), and a note is appended as a new paragraph unless
    the interview already has it. None means "not given"; ``want_after`` takes NOT_SURE to
    record "not sure".
    """

    nerves_before: int | None = None
    nerves_after: int | None = None
    went: int | None = None
    asked: tuple[str, ...] = ()
    people_met: tuple[str, ...] = ()
    want_after: int | Literal["not-sure"] | None = None
    outcome: InterviewOutcome | None = None
    follow_up_note: str = ""
    notes: str = ""


def apply_log(interview: Interview, log: InterviewLog) -> Interview:
    """``interview`` with ``log`` merged in (asked questions are filed by the store)."""
    figures = {
        name: value
        for name in ("nerves_before", "nerves_after", "went", "outcome")
        if (value := getattr(log, name)) is not None
    }
    if log.want_after is not None:
        figures["want_after"] = None if log.want_after == NOT_SURE else log.want_after
    return replace(
        interview,
        **figures,
        people_met=merge_texts(interview.people_met, log.people_met),
        follow_up_note=append_note(interview.follow_up_note, log.follow_up_note),
        notes=append_note(interview.notes, log.notes),
    )


def append_note(old: str, new: str) -> str:
    """``new`` as a new paragraph of ``old``, unless blank or already there."""
    if not new.strip() or same_text_key(new) in same_text_key(old):
        return old
    return f"{old.rstrip()}\n\n{new}" if old.strip() else new


def check_interview(interview: Interview) -> None:
    """Refuse what the store must never hold, with a message fit to show.

    Raises:
        GreenroomError: a blank company or role, a time without a time zone or outside
            1950-2100, a rating out of range, or an empty checklist item.
    """
    for name, value in (("company", interview.company), ("role", interview.role)):
        if not value.strip():
            raise GreenroomError(f"the {name} is empty", fix=f"Give the {name}'s name")
    check_when(interview.when)
    check_rating("want", interview.want_before, WANT_RANGE, not_sure=True)
    check_rating("want after", interview.want_after, WANT_RANGE, not_sure=True)
    check_rating("nerves before", interview.nerves_before, NERVES_RANGE)
    check_rating("nerves after", interview.nerves_after, NERVES_RANGE)
    check_rating("how it went", interview.went, WENT_RANGE)
    if any(not item.text.strip() for item in interview.checklist):
        raise GreenroomError(
            "a checklist item is empty", fix="Give it a few words, or remove the item"
        )


def check_when(when: datetime) -> None:
    if when.tzinfo is None or when.utcoffset() is None:
        raise GreenroomError(
            f"{when.isoformat()} has no time zone", fix="Give the time with its offset"
        )
    if not YEAR_RANGE[0] <= when.year <= YEAR_RANGE[1]:
        raise GreenroomError(
            f"{when.year} is not a year an interview can be in",
            fix=f"Give a date between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}",
        )


def check_rating(
    name: str, value: int | None, bounds: tuple[int, int], *, not_sure: bool = False
) -> None:
    """A whole number inside ``bounds``, or None (unset)."""
    low, high = bounds
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        unset = " or 'not sure'" if not_sure else ""
        raise GreenroomError(
            f"{name} must be a whole number from {low} to {high}{unset}, not {value!r}"
        )


def merge_texts(old: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    """``old`` then the items of ``new`` not already there (case and spacing do not count).

    Blank items are dropped; the others are kept exactly as written.
    """
    seen: set[str] = set()
    out: list[str] = []
    for text in (*old, *new):
        key = same_text_key(text)
        if key and key not in seen:
            seen.add(key)
            out.append(text.strip())
    return tuple(out)


def same_text_key(text: str) -> str:
    """Two entries the user would call the same: case and runs of spaces ignored."""
    return " ".join(text.casefold().split())
