"""Bad input gives sensible figures and a warning, never an exception."""

from __future__ import annotations

import math

from helpers import timed

from greenroom.analysis import analyze_answer
from greenroom.core.transcript import SpeechSegment, Transcript, Word


def test_words_out_of_order_are_sorted_with_a_warning() -> None:
    ordered = timed("At my last job I set up the pipeline and we reduced errors by 40%.")
    shuffled = Transcript(
        words=tuple(reversed(ordered.words)), segments=ordered.segments, duration=ordered.duration
    )
    a = analyze_answer(ordered, answer_limit=120)
    b = analyze_answer(shuffled, answer_limit=120)
    assert any("order" in w for w in b.warnings)
    assert b.pace == a.pace and b.star == a.star and b.fillers == a.fillers


def test_overlapping_words_make_no_negative_pause() -> None:
    words = (Word("one", 1.0, 2.0), Word("two", 1.5, 1.8), Word("three", 1.9, 2.5))
    m = analyze_answer(Transcript(words=words, duration=3.0), answer_limit=None)
    assert m.pauses.pauses == ()
    assert m.pace.speaking_rate == 3 * 60 / 1.5


def test_times_beyond_the_duration_stretch_the_answer_and_warn() -> None:
    t = timed("we shipped it on time")
    late = Transcript(words=t.words, segments=t.segments, duration=1.0)
    m = analyze_answer(late, answer_limit=60)
    assert m.duration is not None and m.duration >= t.words[-1].end
    assert any("past the" in w for w in m.warnings)


def test_missing_duration_is_taken_from_the_last_word() -> None:
    t = timed("we shipped it on time", vad=False)
    m = analyze_answer(Transcript(words=t.words), answer_limit=60)
    assert m.duration == t.words[-1].end
    assert m.warnings


def test_non_finite_and_negative_times_are_handled() -> None:
    words = (
        Word("um", math.nan, 1.0),
        Word("we", -3.0, -2.0),
        Word("won", 2.0, math.inf),
        Word("it", 3.0, 2.5),
    )
    segs = (SpeechSegment(math.nan, 1.0), SpeechSegment(2.5, 3.0))
    m = analyze_answer(Transcript(words=words, segments=segs, duration=4.0), answer_limit=10)
    assert m.word_count == 2
    assert any("no usable time" in w for w in m.warnings)


def test_reversed_segments_and_zero_limit_do_not_crash() -> None:
    t = timed("one two three")
    odd = Transcript(words=t.words, segments=(SpeechSegment(3.0, 1.0),), duration=5.0)
    m = analyze_answer(odd, answer_limit=0)
    assert m.time_use.status is None


def test_non_english_text_gets_timing_and_a_warning() -> None:
    t = timed("我们 把 发布 时间 缩短 了 一半")
    m = analyze_answer(
        Transcript(words=t.words, segments=t.segments, duration=t.duration, language="zh"),
        answer_limit=60,
    )
    assert m.word_count == 7
    assert m.pace.speaking_rate is not None
    assert any("'zh'" in w for w in m.warnings)


def test_a_100000_word_transcript_is_analysed() -> None:
    base = [
        "So",
        "at",
        "my",
        "last",
        "job",
        "I",
        "um",
        "kind",
        "of",
        "led",
        "the",
        "team",
        "and",
        "we",
        "reduced",
        "costs",
        "by",
        "20%",
    ]
    words = tuple(Word(base[k % len(base)], k * 0.4, k * 0.4 + 0.3) for k in range(100_000))
    segs = tuple(SpeechSegment(k * 10.0, k * 10.0 + 9.0) for k in range(4000))
    m = analyze_answer(
        Transcript(words=words, segments=segs, duration=40_001.0),
        answer_limit=120,
        key_points=("team",),
        job_description="team costs leadership",
    )
    assert m.word_count == 100_000
    assert m.fillers.by_word["um"] == sum(1 for w in words if w.text == "um")
    assert m.pauses.long == 3999
