"""The voice rules on made-up tracks: trailing off at sentence ends, loudness trend, monotone."""

from __future__ import annotations

import math

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.metrics import AnswerMetrics, analyze_answer
from greenroom.analysis.voice import TRAIL_DB
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.core.voice import VoiceTrack

PERIOD = 0.016
SENTENCE = ["We", "shipped", "the", "release", "two", "days", "early"]


def _answer(last_word_drop: float, *, sentences: int = 4, swing: float = 3.0) -> AnswerMetrics:
    """Sentences of seven 0.4 s words; each sentence's last word ``last_word_drop`` dB quieter."""
    words, quiet = [], []
    t = 0.5
    for _ in range(sentences):
        for k, w in enumerate(SENTENCE):
            text = w + ("." if k == len(SENTENCE) - 1 else "")
            words.append(Word(text, t, t + 0.35))
            if k == len(SENTENCE) - 1:
                quiet.append((t, t + 0.35))
            t += 0.4
        t += 0.3
    n = int((t + 0.5) / PERIOD)
    f0 = tuple(150 * 2 ** (swing * math.sin(k / 25) / 12) for k in range(n))
    level = tuple(
        -20.0 - (last_word_drop if any(a <= k * PERIOD <= b for a, b in quiet) else 0.0)
        for k in range(n)
    )
    track = VoiceTrack(PERIOD, f0, level, n * PERIOD, peak=0.3, tracker="test")
    transcript = Transcript(tuple(words), (SpeechSegment(0.5, words[-1].end),), n * PERIOD)
    return analyze_answer(transcript, answer_limit=None, voice=track)


def test_sentences_whose_last_word_fades_are_trailing_off_with_an_example() -> None:
    m = _answer(TRAIL_DB + 4)
    assert m.voice is not None
    assert m.voice.trailing_off == 1.0 and m.voice.sentences == 4
    assert m.voice.end_drop_db is not None and m.voice.end_drop_db >= TRAIL_DB
    [obs] = [o for o in feedback_for(m) if o.topic == "trailing_off"]
    assert obs.message.startswith("4 of 4 sentences ended")
    assert "early" in obs.message and obs.evidence


def test_the_ordinary_small_drop_at_a_sentence_end_is_not_trailing_off() -> None:
    m = _answer(TRAIL_DB / 3)
    assert m.voice is not None and m.voice.trailing_off == 0.0
    assert not [o for o in feedback_for(m) if o.topic == "trailing_off"]


def test_two_sentences_are_too_few_for_trailing_off_feedback() -> None:
    m = _answer(TRAIL_DB + 4, sentences=2)
    assert m.voice is not None and m.voice.trailing_off == 1.0
    assert not [o for o in feedback_for(m) if o.topic == "trailing_off"]


def test_a_flat_pitch_is_monotone_and_says_so() -> None:
    m = _answer(0.0, swing=0.5)
    assert m.voice is not None and m.voice.monotone is True
    [obs] = [o for o in feedback_for(m) if o.topic == "monotone"]
    assert "semitones" in obs.message
    assert not [o for o in feedback_for(_answer(0.0)) if o.topic == "monotone"]
