"""Banks and questions in the database: save (update in place), list, fetch."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from greenroom.core.bank import Bank, Question
from greenroom.core.errors import GreenroomError
from greenroom.store.convert import bank_from_row, question_from_row
from greenroom.store.models import BankRow, QuestionRow, utcnow


@dataclass(frozen=True, slots=True)
class SaveSummary:
    """What a save changed, for the message after an import."""

    bank_id: str
    created: bool
    added: int
    updated: int
    retired: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class BankListing:
    id: str
    title: str
    builtin: bool
    question_count: int
    categories: tuple[str, ...]


def save_bank(engine: Engine, bank: Bank, *, builtin: bool = False) -> SaveSummary:
    """Insert ``bank`` or update the stored bank with the same id, in one transaction.

    Questions are matched by id: new ones are added, changed ones updated, and ones missing from
    ``bank`` are retired (never deleted, because past answers refer to them).
    """
    with Session(engine) as s, s.begin():
        row = s.scalar(select(BankRow).where(BankRow.slug == bank.id))
        created = row is None
        if row is None:
            row = BankRow(slug=bank.id, builtin=builtin, created_at=utcnow())
            s.add(row)
        elif row.builtin and not builtin:
            raise GreenroomError(
                f"bank id {bank.id!r} belongs to a built-in bank, which cannot be replaced",
                fix="Give your bank another id (greenroom banks import FILE --id NEW-ID)",
            )
        _copy_bank_fields(row, bank)
        s.flush()
        counts = _merge_questions(s, row.key, bank.questions)
        return SaveSummary(bank.id, created, *counts)


def _copy_bank_fields(row: BankRow, bank: Bank) -> None:
    row.title = bank.title
    row.description = bank.description
    row.language = bank.language
    row.tags = list(bank.tags)
    row.defaults = dict(bank.defaults)
    row.source = bank.source
    row.updated_at = utcnow()


def _merge_questions(
    s: Session, bank_key: int, questions: tuple[Question, ...]
) -> tuple[int, int, int, int]:
    # Plain rows and executemany, not ORM objects: 10,000 questions import in well under 1 s.
    cols = [getattr(QuestionRow, c) for c in _COLUMNS]
    existing = {
        r[0]: (r[1], dict(zip(_COLUMNS, r[2:], strict=True)))
        for r in s.execute(
            select(QuestionRow.slug, QuestionRow.key, *cols).where(QuestionRow.bank_key == bank_key)
        ).all()
    }
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    unchanged = moved = 0
    for position, question in enumerate(questions):
        values = _question_values(question, position)
        current = existing.pop(question.id, None)
        if current is None:
            inserts.append({"bank_key": bank_key, "slug": question.id, **values})
        elif current[1] != values:
            updates.append({"key": current[0], **values})
            # Moving up because an earlier question was removed is not a change to report.
            moved += {**current[1], "position": position} == values
        else:
            unchanged += 1
    retire = [
        {"key": key, "retired": True} for key, values in existing.values() if not values["retired"]
    ]
    if inserts:
        s.execute(insert(QuestionRow), inserts)
    if updates or retire:
        s.execute(update(QuestionRow), updates + retire)
    return len(inserts), len(updates) - moved, len(retire), unchanged + moved


_COLUMNS = (
    "text", "category", "difficulty", "prep_seconds", "answer_seconds", "tips",
    "key_points", "follow_ups", "tags", "retired", "position",
)  # fmt: skip


def question_values(q: Question, position: int) -> dict[str, object]:
    """Column values of a question row (for the editing functions in bank_edit_repo)."""
    return _question_values(q, position)


def _question_values(q: Question, position: int) -> dict[str, object]:
    return {
        "text": q.text,
        "category": q.category.value if q.category else None,
        "difficulty": q.difficulty.value,
        "prep_seconds": q.prep_seconds,
        "answer_seconds": q.answer_seconds,
        "tips": q.tips,
        "key_points": list(q.key_points),
        "follow_ups": list(q.follow_ups),
        "tags": list(q.tags),
        "retired": q.retired,
        "position": position,
    }


def list_banks(engine: Engine) -> list[BankListing]:
    """Every bank with its count of active questions and the categories used."""
    with Session(engine) as s:
        counts = dict(
            s.execute(
                select(QuestionRow.bank_key, func.count())
                .where(QuestionRow.retired.is_(False))
                .group_by(QuestionRow.bank_key)
            ).all()
        )
        cats: dict[int, set[str]] = {}
        for bank_key, category in s.execute(
            select(QuestionRow.bank_key, QuestionRow.category)
            .where(QuestionRow.retired.is_(False))
            .distinct()
        ).all():
            if category:
                cats.setdefault(bank_key, set()).add(category)
        rows = s.scalars(select(BankRow).order_by(BankRow.builtin.desc(), BankRow.title)).all()
        return [
            BankListing(
                r.slug, r.title, r.builtin, counts.get(r.key, 0), tuple(sorted(cats.get(r.key, ())))
            )
            for r in rows
        ]


def bank_origins(engine: Engine) -> dict[str, tuple[bool, str]]:
    """``(builtin, source)`` of every stored bank by id, without loading any question."""
    with Session(engine) as s:
        rows = s.execute(select(BankRow.slug, BankRow.builtin, BankRow.source)).all()
        return {slug: (builtin, source) for slug, builtin, source in rows}


def get_bank(engine: Engine, bank_id: str, *, include_retired: bool = False) -> Bank:
    with Session(engine) as s:
        row = s.scalar(
            select(BankRow).where(BankRow.slug == bank_id).options(selectinload(BankRow.questions))
        )
        if row is None:
            raise GreenroomError(
                f"no bank with id {bank_id!r}", fix="See the ids with: greenroom banks list"
            )
        return bank_from_row(row, include_retired=include_retired)


def question_keys(engine: Engine, bank_id: str) -> dict[str, int]:
    """Database keys of a bank's questions by question id (for recording answers)."""
    with Session(engine) as s:
        rows = s.execute(
            select(QuestionRow.slug, QuestionRow.key).join(BankRow).where(BankRow.slug == bank_id)
        ).all()
        return dict(rows)


def questions_by_key(engine: Engine, keys: list[int]) -> dict[int, Question]:
    """Questions by database key (retired ones too), each with its bank id; unknown keys are
    left out. For turning the coach's question keys into questions to ask."""
    if not keys:
        return {}
    with Session(engine) as s:
        rows = s.execute(
            select(QuestionRow, BankRow.slug)
            .join(BankRow, QuestionRow.bank_key == BankRow.key)
            .where(QuestionRow.key.in_(keys))
        ).all()
        return {row.key: question_from_row(row, slug) for row, slug in rows}
