"""Key points with evidence and the on-topic judgement, with a stand-in for the meaning model.

The stand-in (tests/support/meaning.py) scores a sentence by the content words it shares with a
description, so the rules around the model (margin, verdicts, drift words, notes, bad input) are
tested exactly; tests/analysis/test_relevance_model.py runs the real model.
"""

from __future__ import annotations

import pytest
from helpers import timed, typed

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.metrics import AnswerMetrics, analyze_answer
from greenroom.analysis.relevance import (
    OFF_TOPIC_BELOW,
    ON_TOPIC_AT,
    Relevance,
    Topic,
    drift_terms,
    verdict,
)
from greenroom.analysis.session import delivery_index
from support.meaning import BACKGROUND, OFF, ON, WordOverlap

QUESTION = Topic(
    "Tell me about a time you missed a deadline.",
    ("raised it early", "new plan"),
    "Say when you saw the deadline slipping, who you told and the plan you made.",
)


def _analyze(text: str, **kwargs: object) -> AnswerMetrics:
    defaults: dict[str, object] = {
        "answer_limit": None,
        "key_points": QUESTION.key_points,
        "question": QUESTION,
        "meaning": WordOverlap(),
        "background": BACKGROUND,
    }
    return analyze_answer(timed(text), **{**defaults, **kwargs})  # type: ignore[arg-type]


def test_an_answer_about_the_question_is_on_topic_with_evidence_for_its_key_points() -> None:
    m = _analyze(ON)
    assert m.relevance is not None and m.relevance.on_topic is not None
    judged = m.relevance.on_topic
    assert judged.verdict == "on topic" and judged.share == 1.0 and judged.drift == ()
    plan = {k.point: k for k in m.relevance.key_points}["new plan"]
    assert plan.covered and plan.evidence == "We made a new plan and cut the scope."
    assert plan.time is not None and plan.time > 0
    assert not {k.point: k for k in m.relevance.key_points}["raised it early"].covered
    assert m.values()["on_topic"] == 1.0


def test_an_off_topic_answer_says_what_it_was_about_and_what_the_question_asks() -> None:
    m = _analyze(OFF)
    assert m.relevance is not None and m.relevance.on_topic is not None
    judged = m.relevance.on_topic
    assert judged.verdict == "off topic" and judged.share == 0.0
    assert judged.drift[:2] == ("scrooge", "marley")
    assert judged.drift_text.startswith("Old Marley") and judged.drift_time == 1.0
    [first, *_] = feedback_for(m)
    assert first.topic == "off_topic"
    assert first.message.startswith("Most of this answer was about scrooge, marley and ")
    assert '"Tell me about a time you missed a deadline."' in first.message
    assert first.evidence[0].words.startswith("Old Marley")


def test_a_drift_is_judged_by_the_share_of_words() -> None:
    m = _analyze(ON + " " + OFF)
    assert m.relevance is not None and m.relevance.on_topic is not None
    judged = m.relevance.on_topic
    assert 0.3 < judged.share < 0.5 and judged.verdict == verdict(judged.share)
    assert judged.drift_text.startswith("Old Marley")


def test_verdict_thresholds() -> None:
    assert verdict(ON_TOPIC_AT) == "on topic"
    assert verdict(ON_TOPIC_AT - 0.01) == "unclear"
    assert verdict(OFF_TOPIC_BELOW) == "unclear"
    assert verdict(OFF_TOPIC_BELOW - 0.01) == "off topic"


def test_on_topic_stays_out_of_the_delivery_index() -> None:
    on, off = _analyze(ON), _analyze(OFF)
    assert "on_topic" not in {p.key for p in delivery_index(off.values()).parts}
    # The same delivery with different content gets the same index apart from key points.
    assert delivery_index(off.values()).parts[0] == delivery_index(on.values()).parts[0]


@pytest.mark.parametrize(
    ("kwargs", "note"),
    [
        ({"meaning": None}, "model was not available"),
        ({"question": Topic("", ("new plan",))}, "No question was given"),
    ],
)
def test_without_a_model_or_a_question_there_is_no_verdict_and_a_note(
    kwargs: dict[str, object], note: str
) -> None:
    m = _analyze(ON, **kwargs)
    assert m.relevance is not None and m.relevance.on_topic is None
    assert note in m.relevance.note
    assert m.values()["on_topic"] is None
    assert [k.covered for k in m.relevance.key_points] == [False, True]


def test_a_one_word_answer_is_not_judged() -> None:
    model = WordOverlap()
    m = _analyze("Deadline.", meaning=model)
    assert m.relevance is not None and m.relevance.on_topic is None
    assert "too few" in m.relevance.note and model.calls == 0
    assert not [o for o in feedback_for(m) if o.topic == "off_topic"]


def test_silence_has_no_relevance_figures() -> None:
    m = analyze_answer(
        typed(""), answer_limit=None, question=QUESTION, meaning=WordOverlap(), background=()
    )
    assert m.values()["on_topic"] is None and feedback_for(m) == []


def test_an_answer_in_another_language_is_not_judged_on_topic() -> None:
    transcript = timed("J'ai vu le retard deux semaines avant et j'ai fait un nouveau plan " * 3)
    transcript = type(transcript)(transcript.words, transcript.segments, transcript.duration,
                                  language="fr")  # fmt: skip
    m = analyze_answer(
        transcript,
        answer_limit=None,
        question=QUESTION,
        meaning=WordOverlap(),
        background=BACKGROUND,
    )
    assert m.relevance is not None and m.relevance.on_topic is None
    assert "English only" in m.relevance.note


def test_key_points_in_another_language_get_a_note_not_a_made_up_zero() -> None:
    points = ("écoute active", "résultat concret")
    m = _analyze(ON, key_points=points, question=Topic(QUESTION.question, points))
    assert m.relevance is not None
    assert m.relevance.foreign_key_points == points
    assert "not in English" in m.relevance.note
    assert m.values()["key_point_coverage"] is None
    assert not [o for o in feedback_for(m) if o.topic == "key_points"]


def test_drift_terms_leave_out_the_question_s_own_words_and_prefer_repeated_ones() -> None:
    texts = ["The deadline ghost and the ghost of chains.", "Chains rattled once."]
    assert drift_terms(texts, QUESTION) == ("ghost", "chains")
    assert drift_terms(["Lighthouse keeper alone."], QUESTION) == ("lighthouse", "keeper", "alone")


def test_drift_terms_name_a_topic_not_the_adverbs_around_it() -> None:
    # Two lines of Austen once gave "Most of this answer was about disposed and rather".
    texts = [
        "He was not an ill disposed young man.",
        "Unless to be rather cold hearted and rather selfish is to be ill disposed.",
    ]
    assert "rather" not in drift_terms(texts, QUESTION)
    assert drift_terms(texts, QUESTION)[0] == "disposed"


def test_relevance_round_trips_and_old_metrics_still_load() -> None:
    m = _analyze(OFF)
    again = AnswerMetrics.from_dict(m.to_dict())
    assert again == m
    old = m.to_dict()
    for key in ("relevance", "voice", "version"):
        old.pop(key)
    loaded = AnswerMetrics.from_dict(old)
    assert loaded.relevance is None and loaded.voice is None
    assert loaded.values()["on_topic"] is None and loaded.values()["pitch_variation"] is None
    assert Relevance.from_dict({}) == Relevance()


def test_a_key_point_is_covered_by_any_of_its_wordings_and_shown_by_its_name() -> None:
    # Seen in the app: "Then I laid out a new plan" did not cover the key point "next steps".
    question = Topic(
        "Describe a time you had to give someone news they did not want to hear.",
        ("next steps | new plan | follow-up call", "honest | the truth | upfront"),
    )
    text = "I told the client straight away. Then I laid out a new plan with two checkpoints."
    m = _analyze(text, key_points=question.key_points, question=question)
    assert m.key_points.covered == ("next steps",) and m.key_points.missing == ("honest",)
    assert m.relevance is not None
    steps, honest = m.relevance.key_points
    assert (steps.point, steps.covered) == ("next steps", True)
    assert steps.evidence == "Then I laid out a new plan with two checkpoints."
    assert (honest.point, honest.covered, honest.evidence) == ("honest", False, "")
    # every wording needs all of its words: "follow-up call" is not covered by "call" alone
    m = _analyze("I gave them a call.", key_points=question.key_points, question=question)
    assert m.key_points.covered == ()
    # the feedback and the description of the question use the name, never the wordings
    assert "new plan" not in question.description().split(".")[1]
    said = " ".join(o.message for o in feedback_for(m))
    assert '"next steps"' in said and "|" not in said
