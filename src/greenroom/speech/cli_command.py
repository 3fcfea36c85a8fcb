"""The speech halves of ``greenroom transcribe`` and ``greenroom doctor`` (wired up in cli.py).

No Qt here: both run in a plain terminal.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import tempfile
from typing import TextIO

from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import Transcript
from greenroom.speech.engine import available_engines, create_engine
from greenroom.speech.models import resolve_model
from greenroom.speech.transcribe import transcribe_file

Check = tuple[str, bool, str]


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
    model_dir: pathlib.Path | None,
    cache_dir: pathlib.Path | None,
) -> int:
    """Transcribe an audio file and print the result.

    Args:
        path: WAV, FLAC or OGG file.
        engine_name: None for the default (faster-whisper), "pocketsphinx" or "google".
        as_json: Print ``Transcript.to_dict()`` as JSON instead of text.
        out: Where to write.
        model_dir: Whisper model folder chosen by the user, if any.
        cache_dir: Greenroom's model cache folder for the model (``.../models/<name>``).

    Returns:
        0 on success, 1 when a ``GreenroomError`` was printed instead.
    """
    options: dict[str, object] = {}
    if engine_name in (None, "faster-whisper"):
        options = {"user_dir": model_dir, "cache_dir": cache_dir}
    try:
        engine = create_engine(engine_name, **options)
        transcript = transcribe_file(path, engine=engine)
    except GreenroomError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if as_json:
        out.write(json.dumps(transcript.to_dict(), indent=2) + "\n")
    else:
        _print_transcript(transcript, out)
    return 0


def _tts_checks() -> list[Check]:
    from greenroom.speech.tts import QuestionSpeaker

    speaker = QuestionSpeaker()
    try:
        voices = speaker.voices()
        with tempfile.TemporaryDirectory() as tmp:
            speaker.synthesize("Test.", pathlib.Path(tmp) / "test.wav")
    except GreenroomError as exc:
        return [("text-to-speech", False, str(exc))]
    english = [v for v in voices if any(lang.startswith("en") for lang in v.languages)]
    return [
        ("text-to-speech", True, "pyttsx3 wrote a WAV file"),
        (
            "voices",
            bool(voices),
            f"{len(voices)} voices, {len(english)} English"
            if voices
            else "No voices: install espeak-ng voices",
        ),
    ]


def doctor_speech(
    *, model_dir: pathlib.Path | None = None, cache_dir: pathlib.Path | None = None
) -> list[Check]:
    """Check engines, the Whisper model, text-to-speech and voices.

    Returns:
        (check name, ok, detail or what to do) for each check.
    """
    checks: list[Check] = []
    for info in available_engines():
        detail = info.label + (f": {info.reason}" if info.reason else "")
        # An online engine is optional: report it, but it never fails the doctor.
        checks.append((f"engine {info.name}", info.available or info.is_online, detail))
    try:
        resolved = resolve_model(user_dir=model_dir, cache_dir=cache_dir)
        skipped = "; skipped: " + "; ".join(map(str, resolved.skipped)) if resolved.skipped else ""
        checks.append(
            (
                "speech model",
                True,
                f"{resolved.name} ({resolved.source}) at {resolved.path}{skipped}",
            )
        )
    except GreenroomError as exc:
        checks.append(("speech model", False, str(exc)))
    espeak = shutil.which("espeak-ng") or shutil.which("espeak")
    checks.append(
        (
            "espeak-ng",
            espeak is not None,
            espeak
            or "Install espeak-ng (`sudo apt install espeak-ng`) to hear questions read aloud",
        )
    )
    checks.extend(_tts_checks())
    return checks
