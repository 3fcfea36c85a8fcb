"""Questions across banks: search with filters, the tags in use, and how each went in practice.

Search is a LIKE scan of the questions table (tens of thousands of rows at most): it needs no
index. History is one grouped query over answers, using the existing ``ix_answers_question``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from greenroom.core.bank import Category, Difficulty, Question
from greenroom.core.session import AnswerKind
from greenroom.store.convert import question_from_row
from greenroom.store.models import AnswerRow, BankRow, QuestionRow, SessionRow


@dataclass(frozen=True, slots=True)
class QuestionFilter:
    """What to look for; empty fields do not filter. Words in ``text`` must all appear."""

    text: str = ""
    category: Category | None = None
    difficulty: Difficulty | None = None
    tag: str = ""
    bank_id: str = ""
    include_retired: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.category or self.difficulty or self.tag)


@dataclass(frozen=True, slots=True)
class QuestionHistory:
    """How a question went in past sessions (skipped answers do not count as practice)."""

    times_practised: int = 0
    last_practised: datetime | None = None
    average_rating: float | None = None  # self-rating, 1-5
    average_delivery: float | None = None  # delivery index, 0-100


NO_HISTORY = QuestionHistory()
HistoryKey = tuple[str, str]  # (bank id, question id)


def search_questions(
    engine: Engine, filters: QuestionFilter, *, limit: int = 2000
) -> list[Question]:
    """Questions of every bank (or one) that match ``filters``, by bank title then position."""
    query = (
        select(QuestionRow, BankRow.slug)
        .join(BankRow, QuestionRow.bank_key == BankRow.key)
        .order_by(BankRow.builtin.desc(), BankRow.title, QuestionRow.position, QuestionRow.key)
    )
    for word in filters.text.split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(QuestionRow.text.ilike(f"%{escaped}%", escape="\\"))
    if filters.category is not None:
        query = query.where(QuestionRow.category == filters.category.value)
    if filters.difficulty is not None:
        query = query.where(QuestionRow.difficulty == filters.difficulty.value)
    if filters.bank_id:
        query = query.where(BankRow.slug == filters.bank_id)
    if not filters.include_retired:
        query = query.where(QuestionRow.retired.is_(False))
    tag = filters.tag.casefold()
    found: list[Question] = []
    with Session(engine) as s:
        for row, bank_slug in s.execute(query):
            # Tags are a JSON list; filtering them here keeps the query portable and simple.
            if tag and tag not in (t.casefold() for t in row.tags):
                continue
            found.append(question_from_row(row, bank_slug))
            if len(found) >= limit:
                break
    return found


def tags_in_use(engine: Engine) -> list[str]:
    """Every tag on an active question, sorted, for the tag filter."""
    tags: set[str] = set()
    with Session(engine) as s:
        for row_tags in s.scalars(select(QuestionRow.tags).where(QuestionRow.retired.is_(False))):
            tags.update(str(t) for t in row_tags or ())
    return sorted(tags, key=str.casefold)


def question_history(engine: Engine, *, bank_id: str = "") -> dict[HistoryKey, QuestionHistory]:
    """Practice history of every answered question (of one bank, when ``bank_id`` is given)."""
    when = func.coalesce(AnswerRow.started_at, SessionRow.started_at)
    query = (
        select(
            BankRow.slug,
            QuestionRow.slug,
            func.count(AnswerRow.id),
            func.max(when),
            func.avg(AnswerRow.self_rating),
            func.avg(AnswerRow.delivery_index),
        )
        .select_from(AnswerRow)
        .join(SessionRow, AnswerRow.session_id == SessionRow.id)
        .join(QuestionRow, AnswerRow.question_key == QuestionRow.key)
        .join(BankRow, QuestionRow.bank_key == BankRow.key)
        .where(AnswerRow.kind != AnswerKind.SKIPPED.value)
        .group_by(BankRow.slug, QuestionRow.slug)
    )
    if bank_id:
        query = query.where(BankRow.slug == bank_id)
    result: dict[HistoryKey, QuestionHistory] = {}
    with Session(engine) as s:
        for bank_slug, question_slug, count, last, rating, delivery in s.execute(query):
            result[(bank_slug, question_slug)] = QuestionHistory(
                times_practised=int(count),
                last_practised=_as_datetime(last),
                average_rating=float(rating) if rating is not None else None,
                average_delivery=float(delivery) if delivery is not None else None,
            )
    return result


def _as_datetime(value: object) -> datetime | None:
    # max() over a TypeDecorator column comes back as SQLite's text; parse it as UTC.
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
