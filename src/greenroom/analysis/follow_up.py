"""The interviewer's one follow-up question after an answer.

Priority, first match wins:

1. The bank's follow-ups for the question, in order, skipping any already asked (``asked``).
2. No result: the answer tells a story (a Situation, Task or Action cue) but has no Result
   cue: "And what was the outcome?"
3. Mostly "we": WE_MIN or more first-person-plural words (we, our, us...) and more than
   WE_RATIO times as many as "I" words: "What did you do yourself?"
4. Very short: fewer than SHORT_WORDS words, or under SHORT_SECONDS seconds:
   "Can you give me a specific example?"
5. A key point missed: the first of the question's key points the answer did not mention:
   "Could you say more about <key point>?"
6. Otherwise, for a story: "What would you do differently next time?"; for anything else:
   "Can you tell me a bit more about that?"

An answer with no words gets no follow-up (it is "no answer"; the interviewer moves on).
Rules 2, 3 and 5 read English cue words, so an answer in another language skips them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.tokens import text_words, wordlist
from greenroom.core.bank import Question, normalise_question_text

SHORT_WORDS = 20
SHORT_SECONDS = 20.0
WE_MIN = 3
WE_RATIO = 2.0
OUTCOME = "And what was the outcome?"
YOURSELF = "What did you do yourself?"
EXAMPLE = "Can you give me a specific example?"
KEY_POINT = "Could you say more about {point}?"
DIFFERENTLY = "What would you do differently next time?"
MORE = "Can you tell me a bit more about that?"
_WE = frozenset(wordlist("we we're we've we'd we'll our ours us ourselves"))
_I = frozenset(wordlist("i i'm i've i'd i'll my mine me myself"))


class Reason(StrEnum):
    """Why the follow-up was asked (stored with the answer as ``follow_up_reason``)."""

    BANK = "bank"
    NO_RESULT = "no-result"
    WE_NOT_I = "we-not-i"
    SHORT = "short"
    KEY_POINT = "key-point"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The question to ask, and why (``detail``: the figure or key point behind it)."""

    text: str
    reason: Reason
    detail: str = ""


def choose_follow_up(
    question: Question, metrics: AnswerMetrics, transcript: str, *, asked: Sequence[str] = ()
) -> FollowUp | None:
    """The one follow-up to ask after this answer, or None after "no answer".

    Args:
        question: The question answered, with its bank follow-ups and key points.
        metrics: The answer's metrics (analysis.analyze_answer).
        transcript: The answer's text.
        asked: Follow-ups already asked of this question (bank ones are not repeated).
    """
    if not metrics.answered:
        return None
    used = {normalise_question_text(t) for t in asked}
    for text in question.follow_ups:
        if text.strip() and normalise_question_text(text) not in used:
            return FollowUp(text.strip(), Reason.BANK)
    english = metrics.language.lower().startswith("en")
    story = any(metrics.star.has(part) for part in ("situation", "task", "action"))
    if english and story and not metrics.star.has("result"):
        return FollowUp(OUTCOME, Reason.NO_RESULT)
    if english:
        we, i = pronoun_counts(transcript)
        if we >= WE_MIN and we > WE_RATIO * i:
            return FollowUp(YOURSELF, Reason.WE_NOT_I, f"'we' {we} times, 'I' {i}")
    if _short(metrics):
        return FollowUp(EXAMPLE, Reason.SHORT, f"{metrics.word_count} words")
    if english and metrics.key_points.missing:
        point = metrics.key_points.missing[0]
        return FollowUp(KEY_POINT.format(point=point), Reason.KEY_POINT, point)
    return FollowUp(DIFFERENTLY if english and story else MORE, Reason.DEFAULT)


def pronoun_counts(transcript: str) -> tuple[int, int]:
    """How many first-person-plural ("we") and singular ("I") words the answer used."""
    words = text_words(transcript)
    return sum(w in _WE for w in words), sum(w in _I for w in words)


def _short(metrics: AnswerMetrics) -> bool:
    duration = metrics.duration if metrics.timed else None
    return metrics.word_count < SHORT_WORDS or (duration is not None and duration < SHORT_SECONDS)
