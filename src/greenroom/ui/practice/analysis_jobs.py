"""Work the practice room does off the GUI thread: analyse and save answers, sum up sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.session import (
    SelfReport,
    SessionSummary,
    compare,
    delivery_index,
    summarize_session,
)
from greenroom.core.bank import Question
from greenroom.core.errors import StorageError
from greenroom.core.session import Answer, SessionStatus
from greenroom.services.answer_analysis import analyze_recorded_answer
from greenroom.store import sessions_repo
from greenroom.ui.practice.recorder import RecordedAnswer
from greenroom.ui.practice.results import AnswerReview, SessionResult, best_and_weakest


def analyze(
    engine: Engine,
    draft: Answer,
    recorded: RecordedAnswer,
    question: Question,
    *,
    job: str | None,
    typed: bool,
) -> AnswerReview:
    """Measure the answer, then commit it (with transcript, metrics and audio path) at once."""
    transcript = recorded.transcript
    metrics = analyze_recorded_answer(
        transcript,
        question,
        answer_limit=draft.answer_limit_seconds,
        job_description=job,
        audio=None if typed else recorded.audio_path,
        voice=None if typed else recorded.voice,
    )
    detail = delivery_index(metrics.values())
    index = detail.score
    note = recorded.note
    try:
        saved = sessions_repo.record_answer(
            engine,
            replace(
                draft,
                duration_seconds=transcript.duration,
                transcript=transcript.text,
                words=[w.to_dict() for w in transcript.words] if not typed else [],
                segments=[s.to_dict() for s in transcript.segments],
                metrics=metrics.to_dict(),
                delivery_index=index,
            ),
        )
        saved_id, audio_path = saved.id, saved.audio_path
    except StorageError as exc:  # a full disk: show the answer and say it was not kept
        saved_id, audio_path = None, draft.audio_path
        note = f"{note} {exc}".strip()
    return AnswerReview(
        position=draft.position,
        take=draft.take,
        question=question,
        transcript=transcript,
        typed=typed,
        metrics=metrics,
        feedback=feedback_for(metrics),
        index=index,
        answer_id=saved_id,
        note=note,
        audio_path=audio_path,
        index_detail=detail,
    )


def summarize(
    engine: Engine,
    session_id: int,
    reviews: list[AnswerReview],
    ended: datetime,
    nerves_after: int | None,
    confidence: int | None,
    nerves_before: int | None,
    *,
    ended_early: bool = False,
) -> SessionResult:
    """Write the session's end and summary; compare it with the user's earlier sessions. A
    run the user ended part-way keeps its ratings and summary but stays marked interrupted."""
    report = SelfReport(nerves_before, nerves_after, confidence)
    summary = summarize_session([r.metrics for r in reviews], report=report)
    sessions_repo.finish_session(
        engine,
        session_id,
        ended_at=ended,
        nerves_after=nerves_after,
        confidence_after=confidence,
        summary=summary.to_dict(),
        status=SessionStatus.INTERRUPTED if ended_early else SessionStatus.COMPLETED,
    )
    history = _earlier_summaries(engine, session_id)
    best, weakest = best_and_weakest(reviews)
    return SessionResult(
        summary=summary,
        changes=compare(summary, history),
        reviews=reviews,
        best=best,
        practise_again=weakest,
        first_session=not history,
        baseline_sessions=min(5, len(history)),
        run_number=len(history) + 1,
        ended_early=ended_early,
    )


def _earlier_summaries(engine: Engine, session_id: int) -> list[SessionSummary]:
    sessions = sessions_repo.list_sessions(engine)
    earlier = [
        s
        for s in reversed(sessions)  # oldest first
        if s.id != session_id and s.status is SessionStatus.COMPLETED and s.summary
    ]
    return [SessionSummary.from_dict(s.summary) for s in earlier]
