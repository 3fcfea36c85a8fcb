"""The Interviews page's operations: add, edit before and after, tick, log, ask, delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine

from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import (
    NOT_SURE,
    ChecklistItem,
    InterviewFormat,
    InterviewLog,
    InterviewOutcome,
)
from greenroom.services import interview_input, interviews
from greenroom.store.database import open_database

PARIS = timezone(timedelta(hours=1))
WHEN = datetime(2026, 3, 10, 14, 30, tzinfo=PARIS)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(tmp_path / "g.db").engine


def _add(engine: Engine) -> int:
    interview, created = interviews.add_interview(
        engine, company=" Acme ", role="Analyst", when=WHEN, format=InterviewFormat.VIDEO, want=6
    )
    assert created and interview.id
    return interview.id


def test_the_page_edits_a_copy_and_saves_every_field(engine: Engine) -> None:
    iid = _add(engine)
    stored = interviews.get_interview(engine, iid)
    assert stored.company == "Acme"  # outer spaces trimmed, the rest verbatim
    edited = replace(
        stored,
        nerves_before=80,
        nerves_after=55,
        went=4,
        people_met=("Ana",),
        follow_up_note="Send the deck",
        want_after=9,
        outcome=InterviewOutcome.NEXT_ROUND,
    )
    saved = interviews.save_interview(engine, edited)
    assert replace(saved, updated_at=None) == replace(edited, updated_at=None)
    cleared = interviews.save_interview(engine, replace(saved, nerves_after=None, want_after=None))
    assert (cleared.nerves_after, cleared.want_after) == (None, None)  # back to unset
    with pytest.raises(GreenroomError, match="from 1 to 5"):
        interviews.save_interview(engine, replace(saved, went=6))


def test_the_checklist_is_ticked_and_edited(engine: Engine) -> None:
    iid = _add(engine)
    ticked = interviews.set_checklist_done(engine, iid, 1, done=True)
    assert [i.done for i in ticked.checklist] == [False, True, False, False, False]
    edited = interviews.set_checklist(
        engine, iid, (*ticked.checklist[:2], ChecklistItem("Charge the laptop"))
    )
    assert [i.text for i in edited.checklist][-1] == "Charge the laptop"
    with pytest.raises(GreenroomError, match="no item 9"):
        interviews.set_checklist_done(engine, iid, 8, done=True)
    with pytest.raises(GreenroomError, match="empty"):
        interviews.set_checklist(engine, iid, (ChecklistItem("  "),))
    assert interviews.get_interview(engine, iid).checklist == edited.checklist


def test_logging_twice_merges_and_notes_are_appended_once(engine: Engine) -> None:
    iid = _add(engine)
    log = InterviewLog(nerves_before=70, asked=("Why us?",), people_met=("Ana",), notes="Tired")
    interviews.log_interview(engine, iid, log)
    again = interviews.log_interview(
        engine,
        iid,
        InterviewLog(
            nerves_after=40,
            asked=("why us", "What next?"),
            people_met=("ANA", "Bo"),
            notes="tired",
            want_after=NOT_SURE,
            follow_up_note="Thank-you email",
        ),
    )
    assert (again.nerves_before, again.nerves_after, again.want_after) == (70, 40, None)
    assert [q.text for q in again.asked] == ["Why us?", "What next?"]
    assert again.people_met == ("Ana", "Bo") and again.notes == "Tired"
    third = interviews.log_interview(engine, iid, InterviewLog(notes="Offer came on Friday"))
    assert third.notes == "Tired\n\nOffer came on Friday"
    assert third.follow_up_note == "Thank-you email"


def test_asked_questions_and_deleting(engine: Engine) -> None:
    assert interviews.asked_bank(engine).questions == ()  # shown empty before first use
    iid = _add(engine)
    asked = interviews.add_asked_question(engine, iid, "Where do you see yourself?")
    interviews.remove_asked_question(engine, asked.id or 0)
    assert interviews.get_interview(engine, iid).asked == ()
    assert [q.text for q in interviews.asked_bank(engine).questions] == [
        "Where do you see yourself?"
    ]
    interviews.delete_interview(engine, iid)
    assert interviews.list_interviews(engine) == []
    assert len(interviews.asked_bank(engine).questions) == 1


def test_text_input_parsing() -> None:
    local = interview_input.parse_when("2026-03-10 14:30", local=PARIS)
    assert local == WHEN and local.utcoffset() == timedelta(hours=1)
    assert interview_input.parse_when("2026-03-10T13:30Z") == WHEN
    machine = interview_input.parse_when("2026-07-01T09:00")
    assert machine.tzinfo is not None and machine.hour == 9  # this machine's zone that day
    assert interview_input.parse_format("On site") is InterviewFormat.ON_SITE
    assert interview_input.parse_format("onsite") is InterviewFormat.ON_SITE
    assert interview_input.parse_outcome("NEXT_ROUND") is InterviewOutcome.NEXT_ROUND
    assert interview_input.parse_want("want", "?") == NOT_SURE
    assert interview_input.parse_want("want", " 7 ") == 7
    assert interview_input.parse_nerves("nerves before", None) is None
    with pytest.raises(GreenroomError, match=r"^'2026-02-29' is not a real date"):
        interview_input.parse_when("2026-02-29")  # 2026 is not a leap year
    with pytest.raises(GreenroomError, match="True"):
        interview_input.parse_went(True)
