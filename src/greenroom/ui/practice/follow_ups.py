"""The interviewer's follow-up to an answer, as the next question of the run.

The choice itself is analysis.follow_up's (the bank's follow-ups first, then what the answer
lacked); this turns it into a question the practice room can ask, time and save: shorter
thinking and answering time than the question it follows, linked to the saved answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from greenroom.analysis.follow_up import Reason, choose_follow_up
from greenroom.core.bank import Question, key_point_name
from greenroom.core.interview import PlannedQuestion
from greenroom.ui.practice.results import AnswerReview

# A follow-up is asked on the spot: a few seconds to think, a shorter answer.
MAX_PREP_SECONDS = 5.0
MAX_ANSWER_SECONDS = 90.0


def follow_up_question(
    parent: PlannedQuestion, review: AnswerReview | None, *, asked: Sequence[str] = ()
) -> PlannedQuestion | None:
    """The follow-up to ``review`` (the answer to ``parent``), or None: no answer, an answer
    that could not be analysed or saved (nothing to link to), or a follow-up itself."""
    if review is None or review.answer_id is None or parent.is_follow_up:
        return None
    chosen = choose_follow_up(
        parent.question, review.metrics, review.transcript.text, asked=tuple(asked)
    )
    if chosen is None:
        return None
    q = parent.question
    answer_seconds = min(parent.answer_seconds, MAX_ANSWER_SECONDS)
    question = Question(
        id=f"{q.id}.follow-up",
        text=chosen.text,
        # No category: a follow-up asks for one part ("How did it turn out?"), not a whole
        # story, so it is judged on STAR only when its own words ask for one.
        category=None,
        difficulty=q.difficulty,
        answer_seconds=round(answer_seconds),  # the length its answer is rated against
        key_points=_missed_point(q, chosen.detail) if chosen.reason is Reason.KEY_POINT else (),
        bank_id=q.bank_id,
    )
    return PlannedQuestion(
        question=question,
        prep_seconds=min(parent.prep_seconds, MAX_PREP_SECONDS),
        answer_seconds=answer_seconds,
        question_key=None,
        follow_up_of=review.answer_id,
        follow_up_reason=chosen.reason.value,
    )


def _missed_point(question: Question, name: str) -> tuple[str, ...]:
    """The missed key point as the bank wrote it, with its other wordings."""
    return tuple(p for p in question.key_points if key_point_name(p) == name) or (name,)
