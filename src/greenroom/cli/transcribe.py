"""`greenroom transcribe FILE [--engine NAME] [--json] [--streaming [--realtime]]`.

Transcribes on this machine: by default the whole-file pass (imports of recorded audio); with
``--streaming`` through the streaming transcriber the app records answers with, so its output is
what the app would have shown for that audio.

The transcript goes to stdout; everything else goes to stderr, so ``--json`` output can be piped:
errors, a warning when the chosen model could not be used (and which one was), "No speech was
heard" for a file with no words, and progress lines for a long file.
"""

from __future__ import annotations

import argparse
import json
import pathlib
from typing import TextIO

from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import Transcript
from greenroom.paths import AppPaths
from greenroom.settings import load_settings
from greenroom.speech.audio import SAMPLE_RATE, load_audio
from greenroom.speech.engine import create_engine, substitute_note
from greenroom.speech.streaming import replay
from greenroom.speech.transcribe import transcribe_samples

# Files at least this long get progress lines: a 30-minute file takes minutes.
PROGRESS_FROM_S = 60.0


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO, err: TextIO) -> int:
    settings = load_settings(paths.settings_file)
    return run_transcribe(
        args.file,
        engine_name=args.engine,
        as_json=args.json,
        streaming=args.streaming or args.realtime,
        realtime=args.realtime,
        out=out,
        err=err,
        model_dir=pathlib.Path(settings.model_dir) if settings.model_dir else None,
        models_dir=paths.models,
        model_name=settings.speech_model,
    )


def _print_transcript(transcript: Transcript, out: TextIO) -> None:
    out.write(f"engine: {transcript.engine} ({transcript.model})\n")
    out.write(f"duration: {transcript.duration:.2f} s, words: {len(transcript.words)}\n\n")
    out.write(transcript.text + "\n\n")
    for word in transcript.words:
        out.write(f"{word.start:8.2f} {word.end:8.2f}  {word.probability:4.2f}  {word.text}\n")
    if transcript.segments:
        out.write("\nspeech segments (voice activity detector):\n")
        for seg in transcript.segments:
            out.write(f"{seg.start:8.2f} {seg.end:8.2f}\n")


class _ProgressLines:
    """A stderr line at the start and at each tenth of a long file, so it never looks hung."""

    def __init__(self, err: TextIO, name: str) -> None:
        self._err, self._name, self._tenths = err, name, -1

    def __call__(self, done: float, total: float) -> None:
        tenths = int(10 * done / total) if total > 0 else 10
        if tenths > self._tenths:
            self._tenths = tenths
            self._err.write(
                f"transcribing {self._name}: {10 * tenths}% ({_clock(done)} of {_clock(total)})\n"
            )
            self._err.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def run_transcribe(
    path: pathlib.Path,
    *,
    engine_name: str | None,
    as_json: bool,
    out: TextIO,
    err: TextIO,
    streaming: bool = False,
    realtime: bool = False,
    model_dir: pathlib.Path | None,
    models_dir: pathlib.Path | None,
    model_name: str = "tiny.en",
) -> int:
    """Transcribe an audio file and print the result.

    Args:
        path: WAV, FLAC or OGG file.
        engine_name: None for the default (faster-whisper), "pocketsphinx" or "google".
        as_json: Print ``Transcript.to_dict()`` as JSON instead of text.
        out: Where the transcript goes.
        err: Where errors, warnings, "no speech" and progress go.
        streaming: Replay the file through the app's streaming transcriber.
        realtime: Replay it at the pace it was spoken (implies ``streaming``).
        model_dir: Whisper model folder chosen by the user, if any.
        models_dir: Greenroom's model folder (``AppPaths.models``), holding downloads.
        model_name: The model chosen in settings.

    Returns:
        0 on success (a file with no speech included), 1 when a ``GreenroomError`` was printed
        instead.
    """
    options: dict[str, object] = {}
    if engine_name in (None, "faster-whisper"):
        options = {"user_dir": model_dir, "models_dir": models_dir, "model_name": model_name}
    try:
        samples = load_audio(path)  # first: a bad file is reported before a model loads
        engine = create_engine(engine_name, **options)
        if note := substitute_note(engine):
            err.write(f"greenroom: warning: {note}\n")
        progress = None
        if len(samples) >= PROGRESS_FROM_S * SAMPLE_RATE:
            progress = _ProgressLines(err, path.name)
            progress(0.0, len(samples) / SAMPLE_RATE)
        if streaming or realtime:
            transcript = replay(samples, engine, realtime=realtime, progress=progress)
        else:
            transcript = transcribe_samples(samples, engine, progress=progress)
    except GreenroomError as exc:
        err.write(f"greenroom: {exc}\n")
        return 1
    if as_json:
        out.write(json.dumps(transcript.to_dict(), indent=2) + "\n")
    else:
        _print_transcript(transcript, out)
    if not transcript.words:
        err.write(f"No speech was heard in {path}.\n")
    return 0
