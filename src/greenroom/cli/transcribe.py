"""`greenroom transcribe FILE [--engine NAME] [--json] [--streaming [--realtime]]`.

Transcribes on this machine: by default the whole-file pass (imports of recorded audio); with
``--streaming`` through the streaming transcriber the app records answers with, so its output is
what the app would have shown for that audio.
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
from greenroom.speech.audio import load_audio
from greenroom.speech.engine import create_engine
from greenroom.speech.streaming import replay
from greenroom.speech.transcribe import transcribe_samples


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    settings = load_settings(paths.settings_file)
    return run_transcribe(
        args.file,
        engine_name=args.engine,
        as_json=args.json,
        streaming=args.streaming or args.realtime,
        realtime=args.realtime,
        out=out,
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


def run_transcribe(
    path: pathlib.Path,
    *,
    engine_name: str | None,
    as_json: bool,
    out: TextIO,
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
        out: Where to write.
        streaming: Replay the file through the app's streaming transcriber.
        realtime: Replay it at the pace it was spoken (implies ``streaming``).
        model_dir: Whisper model folder chosen by the user, if any.
        models_dir: Greenroom's model folder (``AppPaths.models``), holding downloads.
        model_name: The model chosen in settings.

    Returns:
        0 on success, 1 when a ``GreenroomError`` was printed instead.
    """
    options: dict[str, object] = {}
    if engine_name in (None, "faster-whisper"):
        options = {"user_dir": model_dir, "models_dir": models_dir, "model_name": model_name}
    try:
        engine = create_engine(engine_name, **options)
        samples = load_audio(path)
        if streaming or realtime:
            transcript = replay(samples, engine, realtime=realtime)
        else:
            transcript = transcribe_samples(samples, engine)
    except GreenroomError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if as_json:
        out.write(json.dumps(transcript.to_dict(), indent=2) + "\n")
    else:
        _print_transcript(transcript, out)
    return 0
