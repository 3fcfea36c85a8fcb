"""Recordings that cannot support voice figures get a note and no made-up figure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.metrics import AnswerMetrics, analyze_answer
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.speech.audio import SAMPLE_RATE, load_audio
from greenroom.voice import track_samples

JFK = Path(__file__).resolve().parents[1] / "data" / "audio" / "jfk.flac"
SAID = [
    "and",
    "so",
    "my",
    "fellow",
    "Americans",
    "ask",
    "not",
    "what",
    "your",
    "country",
    "can",
    "do",
    "for",
    "you",
]


def _measure(samples: np.ndarray, words: list[str] = SAID) -> AnswerMetrics:
    track = track_samples(samples)
    step = track.duration / max(1, len(words))
    timed = tuple(Word(w, k * step, (k + 1) * step - 0.02) for k, w in enumerate(words))
    segments = (SpeechSegment(0.0, track.duration),) if timed else ()
    return analyze_answer(
        Transcript(timed, segments, track.duration), answer_limit=None, voice=track
    )


def _notes(m: AnswerMetrics) -> str:
    assert m.voice is not None
    return " ".join(m.voice.notes)


def _no_voice_figures(m: AnswerMetrics) -> None:
    values = m.values()
    for key in ("pitch_variation", "loudness_variation", "trailing_off"):
        assert values[key] is None
    assert not [o for o in feedback_for(m) if o.topic in {"monotone", "trailing_off"}]


def test_silence_is_not_given_a_voice() -> None:
    m = _measure(np.zeros(5 * SAMPLE_RATE, dtype=np.float32))
    _no_voice_figures(m)
    assert "No voiced speech" in _notes(m)


def test_a_whisper_has_no_pitch_figures() -> None:
    # Whispered speech has no voicing: noise shaped by the syllables' loudness.
    rng = np.random.default_rng(3)
    t = np.arange(5 * SAMPLE_RATE) / SAMPLE_RATE
    whisper = rng.normal(0, 0.05, t.size) * (0.5 + 0.5 * np.sin(2 * np.pi * 4 * t))
    m = _measure(whisper.astype(np.float32))
    _no_voice_figures(m)
    assert "No voiced speech" in _notes(m) or "whisper" in _notes(m)


def test_a_recording_clipped_at_full_scale_leaves_loudness_out_with_a_note() -> None:
    shouted = np.clip(load_audio(JFK) * 30, -1.0, 1.0)
    m = _measure(shouted)
    assert m.voice is not None
    assert "hit full scale" in _notes(m)
    assert m.values()["loudness_variation"] is None and m.values()["trailing_off"] is None
    assert m.voice.pitch_median_hz is not None  # the pitch survives clipping


def test_music_without_words_gets_no_voice_figures() -> None:
    t = np.arange(6 * SAMPLE_RATE) / SAMPLE_RATE
    notes = 220 * 2 ** (np.floor(t * 2) % 8 / 12)  # a melody, two notes a second
    music = 0.3 * np.sin(2 * np.pi * np.cumsum(notes) / SAMPLE_RATE)
    m = _measure(music.astype(np.float32), words=[])
    assert m.voice is None or "not measured" in _notes(m)
    assert m.values()["pitch_variation"] is None


@pytest.mark.parametrize("words", [["Yes."], []])
def test_one_word_or_none_never_crashes_or_scores(words: list[str]) -> None:
    m = _measure(load_audio(JFK)[:SAMPLE_RATE], words=words)
    assert m.values()["pitch_variation"] is None
    assert m.values()["trailing_off"] is None
