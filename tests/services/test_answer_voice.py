"""The practice room's analysis uses the voice tracked while the answer was recorded, and reads
the saved recording only when there is no such track."""

from __future__ import annotations

from pathlib import Path

from greenroom.core.bank import Question
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.services.answer_analysis import analyze_recorded_answer
from greenroom.speech.audio import load_audio, save_answer_audio
from greenroom.voice import track_file
from support.audio_data import clip, reference

QUESTION = Question("q1", "What would you ask of your team?")


def _transcript(text: str, duration: float) -> Transcript:
    said = text.split()
    step = duration / len(said)
    words = tuple(Word(w, k * step, (k + 1) * step - 0.02) for k, w in enumerate(said))
    return Transcript(words, (SpeechSegment(0.0, duration),), duration)


def test_the_track_from_the_recording_is_used_and_the_file_is_not_read_again(
    tmp_path: Path,
) -> None:
    track = track_file(clip("jfk"))
    transcript = _transcript(reference("jfk"), track.duration)
    gone = tmp_path / "answer.flac"  # a file that cannot be read: only the track can give a voice
    measured = analyze_recorded_answer(
        transcript, QUESTION, answer_limit=120, job_description=None, audio=gone, voice=track
    )
    assert measured.voice is not None and measured.voice.pitch_median_hz
    assert measured.voice.tracker == track.tracker

    without = analyze_recorded_answer(
        transcript, QUESTION, answer_limit=120, job_description=None, audio=gone
    )
    assert without.voice is None  # no track, unreadable file: the voice is left out, no crash

    saved = save_answer_audio(gone, load_audio(clip("jfk")))
    fallback = analyze_recorded_answer(
        transcript, QUESTION, answer_limit=120, job_description=None, audio=saved
    )
    assert fallback.voice is not None
    assert fallback.voice.pitch_median_hz == measured.voice.pitch_median_hz
