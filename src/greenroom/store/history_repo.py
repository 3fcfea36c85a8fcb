"""History queries: the filtered, sorted, paged session list, and the edits history makes.

Everything is sorted and filtered in SQL so the list can page through 10,000 sessions. A
session's delivery index here is the mean of its answers' ``delivery_index`` column (the same
figure SessionSummary.index holds, also for interrupted sessions without a summary).
Deleting rows never deletes files: the functions return the audio paths (relative to the data
folder) and the caller removes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Engine, Select, bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.elements import TextClause

from greenroom.core.errors import StorageError
from greenroom.core.session import SessionStatus, ended_by_user
from greenroom.store.models import AnswerRow, BankRow, QuestionRow, SessionRow
from greenroom.store.transcript_search import match_expression, matching_answers_sql

SORT_KEYS = (
    "started_at",
    "mode",
    "banks",
    "answers",
    "nerves_before",
    "nerves_after",
    "confidence",
    "delivery_index",
)


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the history list shows; None means "any"."""

    date_from: datetime | None = None
    date_to: datetime | None = None  # exclusive
    bank: str | None = None
    mode: str | None = None
    category: str | None = None
    search: str | None = None


@dataclass(frozen=True, slots=True)
class SessionListItem:
    """One row of the history list."""

    id: int
    started_at: datetime
    mode: str
    status: str
    bank_ids: tuple[str, ...]
    answers: int
    nerves_before: int | None
    nerves_after: int | None
    confidence: int | None
    delivery_index: float | None
    ended_at: datetime | None = None

    @property
    def interrupted(self) -> bool:
        """Cut short by a crash or by leaving the screen (not a run the user ended and rated)."""
        return self.status == SessionStatus.INTERRUPTED.value and not self.ended_early

    @property
    def ended_early(self) -> bool:
        return ended_by_user(self.status, self.ended_at)

    @property
    def in_progress(self) -> bool:
        return self.status == SessionStatus.IN_PROGRESS.value


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """Values the filters can offer: banks (slug, title), modes and categories in use."""

    banks: tuple[tuple[str, str], ...]
    modes: tuple[str, ...]
    categories: tuple[str, ...]


_ANSWERS = (
    select(func.count())
    .where(AnswerRow.session_id == SessionRow.id)
    .correlate(SessionRow)
    .scalar_subquery()
)
_INDEX = (
    select(func.avg(AnswerRow.delivery_index))
    .where(AnswerRow.session_id == SessionRow.id)
    .correlate(SessionRow)
    .scalar_subquery()
)
_SORT_COLUMNS: dict[str, Any] = {
    "started_at": SessionRow.started_at,
    "mode": SessionRow.mode,
    "banks": SessionRow.bank_ids,
    "answers": _ANSWERS,
    "nerves_before": SessionRow.nerves_before,
    "nerves_after": SessionRow.nerves_after,
    "confidence": SessionRow.confidence_after,
    "delivery_index": _INDEX,
}


def _conditions(f: HistoryFilter) -> list[ColumnElement[bool] | TextClause]:
    out: list[ColumnElement[bool] | TextClause] = []
    if f.date_from is not None:
        out.append(SessionRow.started_at >= f.date_from)
    if f.date_to is not None:
        out.append(SessionRow.started_at < f.date_to)
    if f.mode:
        out.append(SessionRow.mode == f.mode)
    if f.bank:
        out.append(
            text(
                "EXISTS (SELECT 1 FROM json_each(sessions.bank_ids) WHERE json_each.value = :bank)"
            ).bindparams(bindparam("bank", f.bank))
        )
    if f.category:
        out.append(
            text(
                "(EXISTS (SELECT 1 FROM json_each(sessions.settings, '$.categories') "
                "WHERE json_each.value = :category) OR EXISTS (SELECT 1 FROM answers ca "
                "JOIN questions cq ON cq.key = ca.question_key "
                "WHERE ca.session_id = sessions.id AND cq.category = :category))"
            ).bindparams(bindparam("category", f.category))
        )
    if f.search:
        fts = match_expression(f.search)
        # "+id" keeps SQLite from looking each match up in the (large) answers table: it
        # scans the small (session_id, id) index instead, testing ids against the match list.
        out.append(
            text(
                "sessions.id IN (SELECT session_id FROM answers WHERE +id IN "
                f"({matching_answers_sql()}))"
            ).bindparams(bindparam("fts", fts or '""'))
        )
    return out


def count_sessions(engine: Engine, f: HistoryFilter | None = None) -> int:
    query = select(func.count()).select_from(SessionRow).where(*_conditions(f or HistoryFilter()))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def list_sessions(
    engine: Engine,
    f: HistoryFilter | None = None,
    *,
    sort: str = "started_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[SessionListItem]:
    """One page of the history list, sorted in SQL (ties broken by id)."""
    query = _page_query(f or HistoryFilter(), sort, descending, offset, limit)
    with engine.connect() as conn:
        return [_item(r) for r in conn.execute(query)]


def count_and_list_sessions(
    engine: Engine,
    f: HistoryFilter | None = None,
    *,
    sort: str = "started_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> tuple[int, list[SessionListItem]]:
    """How many sessions match, and one page of them.

    With a transcript search this is one statement (a window counts the matches), so the
    FTS match runs once rather than once for the count and again for the page.
    """
    f = f or HistoryFilter()
    if not f.search:  # without a search both are cheap, and a window over every row is not
        total = count_sessions(engine, f)
        return total, list_sessions(
            engine, f, sort=sort, descending=descending, offset=offset, limit=limit
        )
    query = _page_query(f, sort, descending, offset, limit, with_total=True)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    if rows:
        return int(rows[0][-1]), [_item(r) for r in rows]
    return (count_sessions(engine, f) if offset else 0), []


def _page_query(
    f: HistoryFilter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
    *,
    with_total: bool = False,
) -> Select[Any]:
    """Filter, sort and cut the page on the sort key alone, then compute the page's columns.

    The answer count and mean index are correlated subqueries; evaluated in the outer query
    they run for the page's rows only, not for every matching session before sorting.
    """
    column = _SORT_COLUMNS[sort]
    page_columns: list[Any] = [SessionRow.id.label("id"), column.label("sort_key")]
    if with_total:  # a window counts every matching row before LIMIT applies
        page_columns.append(func.count().over().label("total"))
    page = (
        select(*page_columns)
        .where(*_conditions(f))
        .order_by(
            _direction(column, descending).nulls_last(), _direction(SessionRow.id, descending)
        )
        .offset(offset)
        .limit(limit)
        .subquery("page")
    )
    extra = [page.c.total] if with_total else []
    return (
        select(
            SessionRow.id,
            SessionRow.started_at,
            SessionRow.mode,
            SessionRow.status,
            SessionRow.bank_ids,
            _ANSWERS,
            SessionRow.nerves_before,
            SessionRow.nerves_after,
            SessionRow.confidence_after,
            _INDEX,
            SessionRow.ended_at,
            *extra,
        )
        .join(page, page.c.id == SessionRow.id)
        .order_by(
            _direction(page.c.sort_key, descending).nulls_last(),
            _direction(SessionRow.id, descending),
        )
    )


def _direction(column: Any, descending: bool) -> Any:
    return column.desc() if descending else column.asc()


def _item(r: Sequence[Any]) -> SessionListItem:
    return SessionListItem(
        id=r[0],
        started_at=r[1],
        mode=r[2],
        status=r[3],
        bank_ids=tuple(r[4] or ()),
        answers=int(r[5]),
        nerves_before=r[6],
        nerves_after=r[7],
        confidence=r[8],
        delivery_index=None if r[9] is None else float(r[9]),
        ended_at=r[10],
    )


def filter_choices(engine: Engine) -> FilterChoices:
    """Banks used by any session (with their titles), modes used, categories of the banks."""
    with engine.connect() as conn:
        # The distinct lists are few (one per combination of banks): parse those, not every
        # session's list.
        lists = conn.execute(select(SessionRow.bank_ids).distinct()).scalars()
        used = sorted({str(slug) for bank_ids in lists for slug in bank_ids or ()})
        titles = {str(k): str(v) for k, v in conn.execute(select(BankRow.slug, BankRow.title))}
        modes = [str(m) for m in conn.execute(select(SessionRow.mode).distinct()).scalars()]
        categories = [
            str(c)
            for c in conn.execute(
                select(QuestionRow.category)
                .where(QuestionRow.category.is_not(None))
                .distinct()
                .order_by(QuestionRow.category)
            ).scalars()
        ]
    return FilterChoices(
        banks=tuple((slug, titles.get(slug, slug)) for slug in used),
        modes=tuple(sorted(modes)),
        categories=tuple(categories),
    )


def question_categories(engine: Engine, question_keys: list[int]) -> dict[int, str | None]:
    """Category of each question key (for the detail view)."""
    if not question_keys:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(QuestionRow.key, QuestionRow.category).where(QuestionRow.key.in_(question_keys))
        )
        return {int(k): c for k, c in rows}


def delete_session(engine: Engine, session_id: int) -> list[str]:
    """Delete a session and its answers; returns their audio paths (relative to data).

    Raises:
        StorageError: the session is the run going on now; its next answer would be lost.
    """
    with Session(engine) as s, s.begin():
        status = s.scalar(select(SessionRow.status).where(SessionRow.id == session_id))
        if status == SessionStatus.IN_PROGRESS.value:
            raise StorageError(
                "This session is the test run going on now",
                fix="End it on the Practice screen, then delete it here",
            )
        paths = [
            str(p)
            for p in s.scalars(
                select(AnswerRow.audio_path).where(
                    AnswerRow.session_id == session_id, AnswerRow.audio_path.is_not(None)
                )
            )
        ]
        s.execute(delete(AnswerRow).where(AnswerRow.session_id == session_id))
        s.execute(delete(SessionRow).where(SessionRow.id == session_id))
    return paths


def purge_audio(engine: Engine, *, recorded_before: datetime | None) -> list[str]:
    """Forget audio of answers in sessions started before ``recorded_before`` (None: all).

    Transcripts and metrics stay. Returns the forgotten paths so the caller deletes the files.
    """
    where = [AnswerRow.audio_path.is_not(None)]
    if recorded_before is not None:
        old = select(SessionRow.id).where(SessionRow.started_at < recorded_before)
        where.append(AnswerRow.session_id.in_(old))
    with Session(engine) as s, s.begin():
        rows = s.execute(select(AnswerRow.id, AnswerRow.audio_path).where(*where)).all()
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 500):
            s.execute(
                update(AnswerRow)
                .where(AnswerRow.id.in_(ids[start : start + 500]))
                .values(audio_path=None)
            )
    return [str(r[1]) for r in rows]


def set_notes(engine: Engine, session_id: int, notes: str) -> None:
    with Session(engine) as s, s.begin():
        s.execute(update(SessionRow).where(SessionRow.id == session_id).values(notes=notes))


def set_self_rating(engine: Engine, answer_id: int, rating: int | None) -> None:
    """Set (1-5) or clear (None) the user's rating of one answer."""
    if rating is not None and not 1 <= rating <= 5:
        raise ValueError(f"self-rating must be 1-5, not {rating}")
    with Session(engine) as s, s.begin():
        s.execute(update(AnswerRow).where(AnswerRow.id == answer_id).values(self_rating=rating))


class ProgressPoint(NamedTuple):
    """One session's figures for the progress charts (None where not measured).

    A named tuple, not a dataclass: the dashboard builds one per session (10,000 and more)
    and reads the figures column-wise, which tuples make cheap.
    """

    session_id: int
    started_at: datetime
    nerves_before: float | None
    nerves_after: float | None
    confidence: float | None
    delivery_index: float | None
    fillers_per_minute: float | None
    speaking_rate: float | None
    very_long_pauses: float | None
    first_word_latency: float | None
    on_topic: float | None = None  # percent (0-100) of the answers' words about the question
    pitch_variation: float | None = None  # semitones


PROGRESS_FIGURES = (
    "nerves_before",
    "nerves_after",
    "confidence",
    "delivery_index",
    "fillers_per_minute",
    "speaking_rate",
    "very_long_pauses",
    "first_word_latency",
    "on_topic",
    "pitch_variation",
)

# Each answer figure as AnswerMetrics.values() gives it (an answer with no words has none), by
# the session column that keeps its mean; SQL for an answer row ``a``.
_ANSWER_FIGURES = (
    ("fillers_per_minute", "json_extract(a.metrics, '$.fillers.per_minute')"),
    ("speaking_rate", "json_extract(a.metrics, '$.pace.speaking_rate')"),
    (
        "very_long_pauses",
        "CASE WHEN json_extract(a.metrics, '$.pauses.source') != 'none' "
        "THEN json_extract(a.metrics, '$.pauses.very_long') END",
    ),
    ("first_word_latency", "json_extract(a.metrics, '$.pace.first_word_latency')"),
    ("on_topic", "json_extract(a.metrics, '$.relevance.on_topic.share') * 100"),
    ("pitch_variation", "json_extract(a.metrics, '$.voice.pitch_variation_st')"),
)


def _answers_mean(expression: str) -> str:
    return f"avg(CASE WHEN json_extract(a.metrics, '$.word_count') > 0 THEN {expression} END)"


def _session_figure(column: str, expression: str) -> str:
    """The session's own column, written from its summary when it ends; an interrupted session
    has no summary, so the same mean over the answers it saved (as the summary takes it)."""
    own = f"s.{column} * 100" if column == "on_topic" else f"s.{column}"
    mean = _answers_mean(expression)
    return f"coalesce({own}, (SELECT {mean} FROM answers a WHERE a.session_id = s.id))"


_SESSION_SQL = f"""
SELECT s.id, s.started_at || '+00:00', CAST(s.nerves_before AS REAL), CAST(s.nerves_after AS REAL),
  CAST(s.confidence_after AS REAL), coalesce(s.delivery_index,
    (SELECT avg(a.delivery_index) FROM answers a WHERE a.session_id = s.id)),
  {", ".join(_session_figure(c, e) for c, e in _ANSWER_FIGURES)}
FROM sessions s WHERE s.status != 'in-progress' {{where}} ORDER BY s.started_at, s.id
"""
# One category: the answer figures are means over that category's answers only.
_CATEGORY_SQL = f"""
SELECT s.id, s.started_at, s.nerves_before, s.nerves_after, s.confidence_after,
  avg(a.delivery_index), {", ".join(_answers_mean(e) for _, e in _ANSWER_FIGURES)}
FROM sessions s JOIN answers a ON a.session_id = s.id
JOIN questions q ON q.key = a.question_key
WHERE s.status != 'in-progress' AND q.category = :category {{where}}
GROUP BY s.id ORDER BY s.started_at, s.id
"""
_BANK_WHERE = "AND EXISTS (SELECT 1 FROM json_each(s.bank_ids) WHERE json_each.value = :bank)"


def progress_points(
    engine: Engine, *, bank: str | None = None, category: str | None = None
) -> list[ProgressPoint]:
    """Every finished or interrupted session's figures, oldest first.

    Args:
        engine: The database.
        bank: Only sessions that used this bank (slug).
        category: Answer figures from this category's answers only (sessions without one
            are left out); nerves and confidence stay the session's.
    """
    where = _BANK_WHERE if bank else ""
    sql = (_CATEGORY_SQL if category else _SESSION_SQL).format(where=where)
    params = {k: v for k, v in (("bank", bank), ("category", category)) if v}
    with engine.connect() as conn:
        raw = conn.execute(text(sql), params).all()
    if category:
        return [ProgressPoint(int(r[0]), _utc(r[1]), *(_opt(v) for v in r[2:])) for r in raw]
    # The time comes back as ISO text with its UTC offset and every figure as a float or
    # NULL, so the rows convert without a Python call per value.
    make = ProgressPoint._make
    return [make((r[0], datetime.fromisoformat(r[1]), *r[2:])) for r in raw]


def _utc(value: Any) -> datetime:
    """Raw SQL gives the stored naive-UTC text back; make it an aware UTC time."""
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC)


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)
