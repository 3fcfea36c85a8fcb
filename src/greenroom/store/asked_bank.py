"""The personal bank "Asked in real interviews" (id ``asked-in-interviews``).

Created the first time a question is logged; an ordinary bank of the user's (not built-in), so
it can be browsed, edited, practised and exported like any other. A question asked twice (in
one interview or two; case, spacing and punctuation do not count) is one bank question; if the
user had retired it, asking it again brings it back. The bank copy is the text with its spacing
tidied, cut at a word to the bank format's 1,000 characters; the interview keeps it verbatim.
These helpers run inside the caller's transaction (interviews_repo).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenroom.core.bank import MAX_TEXT_CHARS, normalise_question_text, slugify
from greenroom.core.interviews import ASKED_BANK_ID, ASKED_BANK_TITLE
from greenroom.store.models import BankRow, QuestionRow, utcnow

DESCRIPTION = (
    "Questions you were asked in real interviews, logged on the Interviews page or with "
    "`greenroom interviews log ID --asked TEXT`. Practise them before the next one."
)
TAG = "asked-in-interview"


def asked_bank(s: Session) -> BankRow:
    """The bank, created now if it does not exist yet."""
    row = s.scalar(select(BankRow).where(BankRow.slug == ASKED_BANK_ID))
    if row is None:
        now = utcnow()
        row = BankRow(
            slug=ASKED_BANK_ID,
            title=ASKED_BANK_TITLE,
            description=DESCRIPTION,
            builtin=False,
            source="greenroom: asked in real interviews",
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
    return row


def bank_text(text: str) -> str:
    """The bank copy of a question: spacing tidied, at most MAX_TEXT_CHARS characters."""
    tidy = " ".join(text.split())
    if len(tidy) <= MAX_TEXT_CHARS:
        return tidy
    cut = tidy[: MAX_TEXT_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def file_question(s: Session, text: str, *, tip: str) -> QuestionRow:
    """The bank question for ``text``: the existing one (brought back if retired) or a new one
    with ``tip`` (where and when it was asked)."""
    bank = asked_bank(s)
    wording = bank_text(text)
    key = normalise_question_text(wording)
    rows = list(s.scalars(select(QuestionRow).where(QuestionRow.bank_key == bank.key)))
    found = next((r for r in rows if normalise_question_text(r.text) == key), None)
    bank.updated_at = utcnow()
    if found is not None:
        found.retired = False
        return found
    taken = {r.slug for r in rows}
    base = slugify(wording)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    position = s.scalar(
        select(func.coalesce(func.max(QuestionRow.position), -1)).where(
            QuestionRow.bank_key == bank.key
        )
    )
    row = QuestionRow(
        bank_key=bank.key,
        slug=slug,
        text=wording,
        difficulty="medium",
        prep_seconds=30,
        answer_seconds=120,
        tips=tip,
        key_points=[],
        follow_ups=[],
        tags=[TAG],
        retired=False,
        position=int(position if position is not None else -1) + 1,
    )
    s.add(row)
    s.flush()
    return row
