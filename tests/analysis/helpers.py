"""Build transcripts for tests without JSON files."""

from __future__ import annotations

from greenroom.core.transcript import SpeechSegment, Transcript, Word


def timed(text: str, *, start: float = 1.0, pitch: float = 0.4, vad: bool = True) -> Transcript:
    """Words of ``text`` one after another, ``pitch`` seconds each, in one VAD segment."""
    words = tuple(
        Word(w, start + k * pitch, start + k * pitch + pitch - 0.08)
        for k, w in enumerate(text.split())
    )
    end = words[-1].end if words else start
    segments = (SpeechSegment(start, end),) if vad and words else ()
    return Transcript(words=words, segments=segments, duration=end + 0.5)


def typed(text: str) -> Transcript:
    """A typed answer: words without times."""
    return Transcript(words=tuple(Word(w, 0.0, 0.0) for w in text.split()))
