"""Transcribe a whole audio file: VAD segments for pauses, the engine for words.

Whisper hears the file exactly as the streaming transcriber hears an answer: cut at pauses into
calls of at most 10 s. Given a 30 s window holding several sentences with pauses between, it
drops some and repeats others (docs/speech.md). Other engines get chunks of at most a few
minutes, cut at pauses, so a 30-minute recording never needs all of it in memory at once.
"""

from __future__ import annotations

from pathlib import Path

from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.speech.audio import SAMPLE_RATE, load_audio
from greenroom.speech.engine import TranscriptionEngine, create_engine
from greenroom.speech.streaming import ProgressCallback, replay
from greenroom.speech.vad import speech_segments
from greenroom.speech.whisper_engine import WhisperEngine

# Long enough that chunk edges are rare, short enough to bound memory and give progress.
CHUNK_SECONDS = 120.0


def chunk_spans(
    segments: list[SpeechSegment], duration: float, *, limit: float = CHUNK_SECONDS
) -> list[tuple[float, float]]:
    """Group speech segments into spans of at most ``limit`` seconds, cut inside pauses.

    A single segment longer than ``limit`` becomes its own span (the engine copes), and the last
    span runs to ``duration``.
    """
    spans: list[tuple[float, float]] = []
    start: float | None = None
    end = 0.0
    for seg in segments:
        if start is not None and seg.end - start > limit:
            # Cut where the previous (already padded) segment ends: inside the pause.
            spans.append((start, end))
            start = end
        elif start is None:
            start = 0.0 if not spans else spans[-1][1]
        end = seg.end
    if start is not None:
        spans.append((start, duration))
    return spans


def transcribe_samples(
    samples: object, engine: TranscriptionEngine, *, progress: ProgressCallback | None = None
) -> Transcript:
    """Transcribe 16 kHz mono samples already in memory (see ``transcribe_file``).

    ``progress`` is called with (seconds transcribed, seconds in all) as the work goes on.
    """
    import numpy as np

    audio = np.asarray(samples, dtype=np.float32).reshape(-1)
    duration = len(audio) / SAMPLE_RATE
    segments = speech_segments(audio)
    words: list[Word] = []
    if isinstance(engine, WhisperEngine):
        words += replay(audio, engine, progress=progress).words
    else:
        for begin, finish in chunk_spans(segments, duration):
            piece = audio[int(begin * SAMPLE_RATE) : int(finish * SAMPLE_RATE)]
            words += engine.transcribe(piece, offset=begin)
            if progress is not None:
                progress(finish, duration)
    return Transcript(
        words=tuple(words),
        segments=tuple(segments),
        duration=round(duration, 3),
        engine=engine.name,
        model=engine.model_name,
    )


def transcribe_file(
    path: Path | str,
    *,
    engine: TranscriptionEngine | None = None,
    engine_name: str | None = None,
    **engine_options: object,
) -> Transcript:
    """Load an audio file and transcribe it.

    Args:
        path: WAV, FLAC or OGG file, any sample rate, mono or stereo.
        engine: An engine to reuse; when None one is created from ``engine_name``.
        engine_name: "faster-whisper" (default), "pocketsphinx" or "google".
        **engine_options: Passed to ``create_engine`` (e.g. ``user_dir``, ``models_dir``,
            ``model_name``).

    Returns:
        Words and VAD segments in seconds from the start of the file.

    Raises:
        AudioError: The file cannot be read.
        SpeechEngineError: The engine is missing or failed.
    """
    samples = load_audio(path)
    if engine is None:
        engine = create_engine(engine_name, **engine_options)
    return transcribe_samples(samples, engine)
