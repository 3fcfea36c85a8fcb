"""The interviewer's follow-up on hand-made answers: the bank's first, then what was missing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import timed, typed

from greenroom.analysis import analyze_answer
from greenroom.analysis.follow_up import (
    DIFFERENTLY,
    EXAMPLE,
    MORE,
    OUTCOME,
    YOURSELF,
    Reason,
    choose_follow_up,
    pronoun_counts,
)
from greenroom.core.bank import Category, Question
from greenroom.core.transcript import Transcript

QUESTION = Question(
    id="conflict",
    text="Tell me about a time you disagreed with a colleague.",
    category=Category.BEHAVIORAL,
    key_points=("listened first", "compromise"),
)
# A full STAR story, in the first person, covering both key points: nothing is missing.
COMPLETE = (
    "At my last job I was responsible for the release checklist and a colleague wanted to skip "
    "the tests. I listened first to his reasons and then I proposed a compromise where we ran "
    "the fast tests on every build. As a result we cut release time from two days to four "
    "hours and nobody skipped the tests again."
)


def follow_up(text: str, question: Question = QUESTION, **kw: object):
    transcript = kw.pop("transcript", None) or timed(text)
    metrics = analyze_answer(transcript, answer_limit=120, key_points=question.key_points)
    return choose_follow_up(question, metrics, text, **kw)


def test_the_bank_follow_ups_come_first_in_order_never_repeated() -> None:
    question = replace(QUESTION, follow_ups=("How is it with him now?", "What did you learn?"))
    first = follow_up("Fine, I think.", question)
    assert first is not None and (first.text, first.reason) == (
        "How is it with him now?",
        Reason.BANK,
    )
    second = follow_up("Fine, I think.", question, asked=["how is it with him now"])
    assert second is not None and second.text == "What did you learn?"
    third = follow_up("Fine, I think.", question, asked=question.follow_ups)
    assert third is not None and third.reason is Reason.SHORT  # then what the answer lacked


def test_a_story_without_a_result_gets_asked_for_the_outcome() -> None:
    story = (
        "At my last job I was responsible for the release checklist and a colleague wanted to "
        "skip the tests. I listened first and I proposed a compromise where we ran the fast "
        "tests on every build and the slow ones every night before the release."
    )
    chosen = follow_up(story)
    assert chosen is not None and (chosen.text, chosen.reason) == (OUTCOME, Reason.NO_RESULT)


def test_mostly_we_and_little_i_gets_asked_what_they_did_themselves() -> None:
    team = (
        "Our team disagreed about the tests so we met and we talked it through with our lead. "
        "We agreed on a compromise and we listened first to everyone, and as a result we cut "
        "the release time from two days to four hours for us all."
    )
    chosen = follow_up(team)
    assert chosen is not None and (chosen.text, chosen.reason) == (YOURSELF, Reason.WE_NOT_I)
    assert chosen.detail == "'we' 8 times, 'I' 0"
    assert pronoun_counts("We did it; I helped. Our plan, my idea, us.") == (3, 2)


def test_a_very_short_answer_gets_asked_for_an_example() -> None:
    chosen = follow_up("I usually just talk to them and we sort it out.")
    assert chosen is not None and (chosen.text, chosen.reason) == (EXAMPLE, Reason.SHORT)
    assert chosen.detail == "11 words"
    # Twenty words or more, but said in under twenty seconds, is short too.
    quick = " ".join(["I listened first and we found a compromise that worked."] * 3)
    fast = timed(quick, pitch=0.25)
    assert fast.duration < 20
    chosen = follow_up(quick, transcript=fast)
    assert chosen is not None and chosen.reason is Reason.SHORT


def test_a_missed_key_point_gets_a_question_that_invites_it() -> None:
    answer = COMPLETE.replace("I listened first to his reasons and then ", "")
    chosen = follow_up(answer)
    assert chosen is not None and chosen.reason is Reason.KEY_POINT
    assert chosen.text == "Could you say more about listened first?"


def test_a_complete_answer_gets_a_sensible_default() -> None:
    chosen = follow_up(COMPLETE)
    assert chosen is not None and (chosen.text, chosen.reason) == (DIFFERENTLY, Reason.DEFAULT)
    motivation = Question(id="why", text="Why do you want this job?")
    reason = (
        "I have used your product for years and the mission of making banking simple for "
        "small shops matters to me because my parents ran one and I saw how hard it was."
    )
    chosen = follow_up(reason, motivation, transcript=timed(reason, pitch=0.7))  # 22 s
    assert chosen is not None and chosen.text == MORE


def test_no_answer_gets_no_follow_up() -> None:
    assert follow_up("", transcript=Transcript(words=(), segments=(), duration=30.0)) is None


@pytest.mark.parametrize("text", ["Nous avons parlé et nous avons trouvé un compromis ensemble."])
def test_answers_not_in_english_skip_the_english_word_rules(text: str) -> None:
    transcript = replace(typed(text * 3), language="fr")
    chosen = follow_up(text * 3, transcript=transcript)
    assert chosen is not None and chosen.text == MORE
