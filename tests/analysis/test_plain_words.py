"""Feedback in plain words: the lead sentence and each measure in words (docs/design.md)."""

from __future__ import annotations

import pytest
from helpers import timed

from greenroom.analysis import analyze_answer
from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.plain_words import _NEXT, _WELL, describe, lead_sentence, zone

STAR = (
    "At my last job our releases took two days. I had to make them faster. I decided to "
    "automate the tests and I set up a checklist with the team. As a result release time "
    "fell from two days to three hours."
)


def test_a_good_answer_leads_with_what_went_well_then_one_thing_to_try() -> None:
    metrics = analyze_answer(timed(STAR, pitch=0.42), answer_limit=120)
    lead = lead_sentence(feedback_for(metrics), metrics)
    first, second = lead.split(". ", 1)
    assert any(first == well for well in _WELL.values())
    assert second.startswith(("One thing to try next time:", "Keep the same approach"))
    assert lead.endswith(".") and lead.count(".") == 2


def test_an_answer_without_a_result_is_told_to_finish_with_it() -> None:
    text = "Um so at my last job um I looked after the releases and um we had some issues"
    metrics = analyze_answer(timed(text, pitch=0.42), answer_limit=120)
    assert "One thing to try next time:" in lead_sentence(feedback_for(metrics), metrics)


def test_no_words_gets_a_kind_note_not_a_grade() -> None:
    metrics = analyze_answer(timed("", pitch=0.4), answer_limit=120)
    lead = lead_sentence(feedback_for(metrics), metrics)
    assert lead.startswith("No words were heard") and "easier" in lead


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("speaking_rate", 149.0, "about 150 words a minute, right in the comfortable range"),
        ("speaking_rate", 172.0, "about 170 words a minute, nearly there"),
        ("speaking_rate", 205.0, "about 205 words a minute, one to practise"),
        ("fillers_per_minute", 0.0, "no fillers, right in the comfortable range"),
        ("fillers_per_minute", 1.0, "about 1 filler a minute, right in the comfortable range"),
        ("fillers_per_minute", 13.6, "about 14 fillers a minute, one to practise"),
        ("very_long_pauses", 1.0, "1 pause over 2.5 seconds, nearly there"),
        ("very_long_pauses", 0.0, "no pause over 2.5 seconds, right in the comfortable range"),
        ("hedges", 1.0, "1 hedge, right in the comfortable range"),
        (
            "first_word_latency",
            1.0,
            "your first word came after 1 second, right in the comfortable range",
        ),
        ("duration", 75.0, "1 min 15 s long, right in the comfortable range"),
        ("key_point_coverage", 0.5, "50% of the key points, nearly there"),
        (
            "star_score",
            5.0,
            "all four parts of the STAR story, with a number in the result,"
            " right in the comfortable range",
        ),
    ],
)
def test_measures_in_words_with_plural_forms(key: str, value: float, expected: str) -> None:
    assert describe(key, value) == expected


def test_a_missing_value_says_so() -> None:
    assert describe("speaking_rate", None) == "not measured for this answer"
    assert zone("speaking_rate", None) == ""


def test_the_words_never_judge_the_person() -> None:
    judging = ("nervous", "anxious", "confident", "bad", "poor", "weak", "failed", "lazy")
    for text in [*_WELL.values(), *_NEXT.values()]:
        assert not any(word in text.lower().split() for word in judging), text
