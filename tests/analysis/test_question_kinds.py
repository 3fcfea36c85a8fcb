"""Feedback fits the question: STAR structure is judged only where a story is asked for, and
answer length is rated against the question's own answer time.

Seen as a user: "Before we get started, how has your week been so far?" (an opener, 30 s to
answer) answered in two friendly sentences got "The answer had no result cue" as its first
thing to try, "0 of the 4 STAR parts, one to practise" and "14 seconds long, one to practise".
"""

from __future__ import annotations

import pytest
from helpers import timed

from greenroom.analysis import analyze_answer
from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.metrics import AnswerMetrics
from greenroom.analysis.session import delivery_index
from greenroom.analysis.structure import expects_star

SMALL_TALK = (
    "It has been a good week thanks, busy but good. I finished a course on Friday and I am glad "
    "to be here, so thank you for making the time to see me today."
)
STAR_TOPICS = {"no_result", "no_action", "star_gaps", "unquantified", "praise_star"}


def _answer(text: str, *, limit: float | None, star: bool, target: float | None) -> AnswerMetrics:
    return analyze_answer(timed(text), answer_limit=limit, star_expected=star, length_target=target)


def test_an_opener_is_not_judged_on_star_but_a_behavioural_question_is() -> None:
    opener = _answer(SMALL_TALK, limit=None, star=False, target=30)
    story = _answer(SMALL_TALK, limit=None, star=True, target=None)
    assert {o.topic for o in feedback_for(story)} & STAR_TOPICS  # the same words, asked for a story
    assert not {o.topic for o in feedback_for(opener)} & STAR_TOPICS
    assert opener.values()["star_score"] is None
    assert story.values()["star_score"] == story.star.score < 4  # judged, and short of a story
    # Left out of the delivery index rather than scored 0 of 4.
    opener_index, story_index = delivery_index(opener.values()), delivery_index(story.values())
    assert "star_score" not in {p.key for p in opener_index.parts}
    assert opener_index.score is not None and story_index.score is not None
    assert opener_index.score > story_index.score


def test_answer_length_is_rated_against_the_questions_own_time() -> None:
    opener = _answer(SMALL_TALK, limit=30, star=False, target=30)
    duration = opener.values()["duration"]
    assert duration is not None and 15 <= duration <= 30  # it fits the question's 30 s
    assert opener.ratings()["duration"] == "green"
    assert opener.band("duration").green == (15, 30)
    # Without the question's time, the default 60-120 s band: the same answer, "to practise".
    assert _answer(SMALL_TALK, limit=30, star=False, target=None).ratings()["duration"] == "red"
    # A two-minute question keeps the default band exactly.
    assert _answer(SMALL_TALK, limit=None, star=True, target=120).band("duration").green == (
        60,
        120,
    )


def test_a_cut_off_or_short_answer_to_an_opener_gets_advice_without_star_words() -> None:
    long_talk = " ".join([SMALL_TALK] * 4)
    cut = _answer(long_talk, limit=20, star=False, target=20)
    assert cut.time_use.status == "cut off"
    texts = " ".join(f"{o.message} {o.try_next}" for o in feedback_for(cut))
    assert "limit" in texts
    assert "result" not in texts and "situation" not in texts
    short = _answer("Good thanks. Glad to be here.", limit=90, star=False, target=90)
    advice = [o for o in feedback_for(short) if o.topic.startswith("early")]
    assert advice and "what came of it" not in advice[0].try_next


def test_what_is_kept_survives_the_database_and_older_answers_read_as_before() -> None:
    opener = _answer(SMALL_TALK, limit=30, star=False, target=30)
    again = AnswerMetrics.from_dict(opener.to_dict())
    assert again.star_expected is False and again.length_target == 30
    older = opener.to_dict()
    del older["star_expected"], older["length_target"]
    before = AnswerMetrics.from_dict(older)
    assert before.star_expected is True and before.length_target is None


@pytest.mark.parametrize(
    ("category", "text", "expected"),
    [
        ("behavioral", "Tell me about a time you missed a deadline.", True),
        ("opener", "Tell me about yourself.", False),
        ("motivation", "Why do you want this role?", False),
        ("closing", "What questions do you have for us?", False),
        ("situational", "What would you do if a colleague took credit for your work?", False),
        # An imported question without a category is read by its wording.
        (None, "Tell me about a time you disagreed with your manager.", True),
        (None, "Give me an example of a goal you reached.", True),
        # The interviewer's follow-ups: asking for a story, or for one part of one.
        (None, "Can you give me a specific example?", True),
        (None, "Could you share another example?", True),
        (None, "How did it turn out in the end?", False),
        (None, "What would you do differently now?", False),
        (None, "Describe a situation where you had to persuade someone.", True),
        (None, "Why should we hire you?", False),
        (None, "Where do you see yourself in five years?", False),
    ],
)
def test_which_questions_ask_for_a_star_story(
    category: str | None, text: str, expected: bool
) -> None:
    assert expects_star(category, text) is expected
