"""Real interviews, as both front ends use them: the Interviews page and `greenroom interviews`.

Each function is one operation on the database (one transaction) and returns core dataclasses;
bad input raises a GreenroomError fit to show. Text the user types (dates, ratings, choices)
is parsed by services.interview_input; these functions take checked values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from greenroom.core.bank import Bank
from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import (
    ASKED_BANK_ID,
    ASKED_BANK_TITLE,
    AskedQuestion,
    ChecklistItem,
    Interview,
    InterviewFormat,
    InterviewLog,
    apply_log,
    default_checklist,
)
from greenroom.services.interviews_export import write_interviews
from greenroom.store import banks_repo, interviews_repo
from greenroom.store.asked_bank import DESCRIPTION


def add_interview(
    engine: Engine,
    *,
    company: str,
    role: str,
    when: datetime,
    format: InterviewFormat | None = None,
    want: int | None = None,
    checklist: Sequence[ChecklistItem] | None = None,
    notes: str = "",
) -> tuple[Interview, bool]:
    """Add an interview (default checklist unless given); False when it was there already."""
    draft = Interview(
        id=None,
        company=company.strip(),
        role=role.strip(),
        when=when,
        format=format,
        want_before=want,
        checklist=tuple(checklist) if checklist is not None else default_checklist(),
        notes=notes,
    )
    return interviews_repo.add_interview(engine, draft)


def get_interview(engine: Engine, interview_id: int) -> Interview:
    return interviews_repo.get_interview(engine, interview_id)


def list_interviews(engine: Engine, *, newest_first: bool = True) -> list[Interview]:
    return interviews_repo.list_interviews(engine, newest_first=newest_first)


def save_interview(engine: Engine, interview: Interview) -> Interview:
    """Store every field of an edited interview (before and after), all checked at once.

    The page edits a copy (dataclasses.replace) and saves it; asked questions are not
    changed here (add_asked_question, remove_asked_question).
    """
    if interview.id is None:
        raise ValueError("save_interview needs a stored interview; use add_interview")
    return interviews_repo.update_interview(engine, interview.id, lambda _: interview)


def log_interview(engine: Engine, interview_id: int, log: InterviewLog) -> Interview:
    """Record how it went; logging again updates figures and merges lists without duplicates."""
    return interviews_repo.update_interview(
        engine, interview_id, lambda old: apply_log(old, log), asked=log.asked
    )


def set_checklist_done(engine: Engine, interview_id: int, index: int, *, done: bool) -> Interview:
    """Tick (or untick) the checklist item at ``index``."""

    def tick(interview: Interview) -> Interview:
        items = list(interview.checklist)
        if not 0 <= index < len(items):
            raise GreenroomError(f"the checklist has no item {index + 1}")
        items[index] = replace(items[index], done=done)
        return replace(interview, checklist=tuple(items))

    return interviews_repo.update_interview(engine, interview_id, tick)


def set_checklist(engine: Engine, interview_id: int, items: Sequence[ChecklistItem]) -> Interview:
    """Replace the checklist (items renamed, added, removed or reordered)."""
    return interviews_repo.update_interview(
        engine, interview_id, lambda i: replace(i, checklist=tuple(items))
    )


def add_asked_question(engine: Engine, interview_id: int, text: str) -> AskedQuestion:
    """Link a question they asked and file it in "Asked in real interviews" (once)."""
    return interviews_repo.add_asked_question(engine, interview_id, text)


def remove_asked_question(engine: Engine, asked_id: int) -> None:
    """Unlink a question from its interview; it stays in the bank."""
    interviews_repo.remove_asked_question(engine, asked_id)


def delete_interview(engine: Engine, interview_id: int) -> None:
    """Delete an interview; the questions asked in it stay in the bank."""
    interviews_repo.delete_interview(engine, interview_id)


def asked_bank(engine: Engine) -> Bank:
    """The "Asked in real interviews" bank, empty until a first question is logged."""
    try:
        return banks_repo.get_bank(engine, ASKED_BANK_ID)
    except GreenroomError:
        return Bank(id=ASKED_BANK_ID, title=ASKED_BANK_TITLE, description=DESCRIPTION)


def export_interviews(engine: Engine, path: Path, *, fmt: str | None = None) -> int:
    """Write every interview to ``path`` as CSV or JSON; returns how many.

    Raises:
        GreenroomError: an unknown format, or the file cannot be written.
    """
    kind = fmt or path.suffix.lower().lstrip(".")
    if kind not in ("csv", "json"):
        raise GreenroomError(
            "unknown export format", where=str(path), fix="Use --format csv or --format json"
        )
    interviews = list_interviews(engine, newest_first=False)
    try:
        write_interviews(path, interviews, fmt=kind)
    except OSError as exc:
        raise GreenroomError(
            f"cannot write ({exc.strerror})", where=str(path), fix="Choose a writable location"
        ) from None
    return len(interviews)
