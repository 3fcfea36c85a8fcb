"""Editing the user's own banks: create, duplicate, delete; add, change, reorder, retire questions.

Built-in banks are read-only here (every write checks), and questions are retired, never deleted,
because answers refer to them. Each function is one short transaction and returns core dataclasses.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session, selectinload

from greenroom.core.bank import (
    ANSWER_RANGE,
    MAX_TEXT_CHARS,
    PREP_RANGE,
    SLUG_RE,
    Bank,
    Question,
    slugify,
)
from greenroom.core.errors import GreenroomError
from greenroom.store.banks_repo import question_values
from greenroom.store.convert import bank_from_row, question_from_row
from greenroom.store.models import AnswerRow, BankRow, QuestionRow, utcnow

READ_ONLY_FIX = "Duplicate the bank and edit the copy"


def create_bank(engine: Engine, *, bank_id: str, title: str, description: str = "") -> Bank:
    """Create an empty bank of the user's.

    Raises:
        GreenroomError: when the id is not a slug or is taken, or the title is empty.
    """
    check_bank_fields(bank_id=bank_id, title=title)
    with Session(engine) as s, s.begin():
        if s.scalar(select(BankRow.key).where(BankRow.slug == bank_id)) is not None:
            raise GreenroomError(
                f"a bank with id {bank_id!r} already exists", fix="Pick another id"
            )
        now = utcnow()
        row = BankRow(
            slug=bank_id,
            title=title.strip(),
            description=description.strip(),
            builtin=False,
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
        return bank_from_row(row)


def update_bank_details(engine: Engine, bank_id: str, *, title: str, description: str) -> Bank:
    check_bank_fields(bank_id=bank_id, title=title)
    with Session(engine) as s, s.begin():
        row = _editable_bank(s, bank_id)
        row.title = title.strip()
        row.description = description.strip()
        row.updated_at = utcnow()
        return bank_from_row(row)


def check_bank_fields(*, bank_id: str, title: str) -> None:
    if not SLUG_RE.match(bank_id) or len(bank_id) > 80:
        raise GreenroomError(
            f"bank id {bank_id!r} must use only a-z, 0-9 and '-'", fix="For example: my-bank"
        )
    if not title.strip() or len(title) > 300:
        raise GreenroomError("a bank needs a title of 1 to 300 characters")


def unused_bank_id(engine: Engine, base: str) -> str:
    """``base`` if free, else ``base-2``, ``base-3``... (for copies and pasted banks)."""
    base = slugify(base, max_len=70)
    with Session(engine) as s:
        taken = set(s.scalars(select(BankRow.slug).where(BankRow.slug.like(f"{base}%"))))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def duplicate_bank(
    engine: Engine, bank_id: str, *, new_id: str | None = None, title: str | None = None
) -> Bank:
    """Copy a bank (built-in or not) into a new editable bank of the user's.

    Only the active questions are copied; the practice history stays with the original.
    """
    new_id = new_id or unused_bank_id(engine, f"{bank_id}-copy")
    with Session(engine) as s, s.begin():
        source = _bank_row(s, bank_id, load_questions=True)
        if s.scalar(select(BankRow.key).where(BankRow.slug == new_id)) is not None:
            raise GreenroomError(f"a bank with id {new_id!r} already exists", fix="Pick another id")
        now = utcnow()
        copy = BankRow(
            slug=new_id,
            title=title or f"{source.title} (copy)",
            description=source.description,
            language=source.language,
            tags=list(source.tags),
            defaults=dict(source.defaults),
            builtin=False,
            source=f"copy of {source.slug}",
            created_at=now,
            updated_at=now,
        )
        s.add(copy)
        s.flush()
        active = [q for q in source.questions if not q.retired]
        if active:
            s.execute(
                insert(QuestionRow),
                [
                    {
                        "bank_key": copy.key,
                        "slug": q.slug,
                        **question_values(question_from_row(q, new_id), position),
                    }
                    for position, q in enumerate(active)
                ],
            )
        s.flush()
        s.refresh(copy)
        return bank_from_row(copy)


def delete_bank(engine: Engine, bank_id: str) -> None:
    """Delete one of the user's banks, only when none of its questions was ever answered.

    Raises:
        GreenroomError: for a built-in bank, or one with practice history.
    """
    with Session(engine) as s, s.begin():
        row = _editable_bank(s, bank_id)
        answered = s.scalar(
            select(func.count())
            .select_from(AnswerRow)
            .join(QuestionRow, AnswerRow.question_key == QuestionRow.key)
            .where(QuestionRow.bank_key == row.key)
        )
        if answered:
            raise GreenroomError(
                f"bank {row.title!r} has practice history ({answered} answers), "
                "so it cannot be deleted",
                fix="Retire its questions instead; the history stays",
            )
        s.delete(row)


def add_question(engine: Engine, bank_id: str, question: Question) -> Question:
    """Append ``question`` to the bank; its id is derived from the text and made unique."""
    check_question(question)
    with Session(engine) as s, s.begin():
        row = _editable_bank(s, bank_id)
        rows = s.execute(
            select(QuestionRow.slug, QuestionRow.position).where(QuestionRow.bank_key == row.key)
        ).all()
        taken = {slug for slug, _ in rows}
        base = question.id if question.id and SLUG_RE.match(question.id) else slugify(question.text)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        position = max((p for _, p in rows), default=-1) + 1
        new = QuestionRow(bank_key=row.key, slug=slug, **question_values(question, position))
        s.add(new)
        row.updated_at = utcnow()
        s.flush()
        return question_from_row(new, bank_id)


def update_question(engine: Engine, bank_id: str, question: Question) -> Question:
    """Store new text, timings, tips... for the question with ``question.id`` (its id stays)."""
    check_question(question)
    with Session(engine) as s, s.begin():
        row = _question_row(s, bank_id, question.id)
        values = question_values(question, row.position)
        values["retired"] = row.retired  # retiring has its own function
        for name, value in values.items():
            setattr(row, name, value)
        return question_from_row(row, bank_id)


def set_retired(engine: Engine, bank_id: str, question_id: str, *, retired: bool) -> Question:
    """Retire a question (it is no longer asked; its answers stay) or bring it back."""
    with Session(engine) as s, s.begin():
        row = _question_row(s, bank_id, question_id)
        row.retired = retired
        return question_from_row(row, bank_id)


def move_question(engine: Engine, bank_id: str, question_id: str, *, offset: int) -> int:
    """Move a question ``offset`` places among the active questions; returns its new index."""
    with Session(engine) as s, s.begin():
        bank = _editable_bank(s, bank_id)
        rows = list(
            s.scalars(
                select(QuestionRow)
                .where(QuestionRow.bank_key == bank.key)
                .order_by(QuestionRow.position, QuestionRow.key)
            )
        )
        active = [r for r in rows if not r.retired]
        index = next((i for i, r in enumerate(active) if r.slug == question_id), None)
        if index is None:
            raise GreenroomError(f"no active question {question_id!r} in bank {bank_id!r}")
        target = max(0, min(len(active) - 1, index + offset))
        active.insert(target, active.pop(index))
        # Renumber everything; retired questions keep their place relative to their neighbours.
        slots = iter(active)
        ordered = [r if r.retired else next(slots) for r in rows]
        for position, r in enumerate(ordered):
            r.position = position
        return target


def reorder_questions(engine: Engine, bank_id: str, ordered_ids: list[str]) -> None:
    """Put the named questions first, in this order; any others follow in their old order."""
    with Session(engine) as s, s.begin():
        bank = _editable_bank(s, bank_id)
        rows = {
            r.slug: r
            for r in s.scalars(
                select(QuestionRow)
                .where(QuestionRow.bank_key == bank.key)
                .order_by(QuestionRow.position, QuestionRow.key)
            )
        }
        unknown = [q for q in ordered_ids if q not in rows]
        if unknown:
            raise GreenroomError(f"no question {unknown[0]!r} in bank {bank_id!r}")
        rest = [slug for slug in rows if slug not in set(ordered_ids)]
        for position, slug in enumerate([*ordered_ids, *rest]):
            rows[slug].position = position


def check_question(q: Question) -> None:
    """The format's limits, so the editor and an import refuse the same things."""
    text = " ".join(q.text.split())
    if not 1 <= len(text) <= MAX_TEXT_CHARS:
        raise GreenroomError(f"question text must be 1 to {MAX_TEXT_CHARS} characters")
    for value, (low, high), name in (
        (q.prep_seconds, PREP_RANGE, "thinking time"),
        (q.answer_seconds, ANSWER_RANGE, "answer time"),
    ):
        if not low <= value <= high:
            raise GreenroomError(f"{name} must be between {low} and {high} seconds, not {value}")


def _bank_row(s: Session, bank_id: str, *, load_questions: bool = False) -> BankRow:
    query = select(BankRow).where(BankRow.slug == bank_id)
    if load_questions:
        query = query.options(selectinload(BankRow.questions))
    row = s.scalar(query)
    if row is None:
        raise GreenroomError(f"no bank with id {bank_id!r}")
    return row


def _editable_bank(s: Session, bank_id: str) -> BankRow:
    row = _bank_row(s, bank_id)
    if row.builtin:
        raise GreenroomError(f"{row.title!r} is a built-in bank and read-only", fix=READ_ONLY_FIX)
    return row


def _question_row(s: Session, bank_id: str, question_id: str) -> QuestionRow:
    bank = _editable_bank(s, bank_id)
    row = s.scalar(
        select(QuestionRow).where(QuestionRow.bank_key == bank.key, QuestionRow.slug == question_id)
    )
    if row is None:
        raise GreenroomError(f"no question {question_id!r} in bank {bank_id!r}")
    bank.updated_at = utcnow()
    return row
