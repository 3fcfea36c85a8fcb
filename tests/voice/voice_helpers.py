"""The voice figures the feedback shows, for a voice track and the words said over it."""

from __future__ import annotations

from greenroom.analysis.metrics import analyze_answer
from greenroom.analysis.voice import VoiceStats
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.core.voice import VoiceTrack


def voice_figures(track: VoiceTrack, text: str) -> VoiceStats:
    """The voice figures for a recording whose words fill it evenly (as a transcriber's would)."""
    said = text.split()
    step = track.duration / len(said)
    words = tuple(Word(w, k * step, (k + 1) * step - 0.02) for k, w in enumerate(said))
    transcript = Transcript(words, (SpeechSegment(0.0, track.duration),), track.duration)
    m = analyze_answer(transcript, answer_limit=None, voice=track)
    assert m.voice is not None
    return m.voice
