"""What works for speech on this machine: engines, the Whisper model, text-to-speech, voices.

The speech half of ``greenroom doctor`` (cli/doctor.py prints it). No Qt, no printing.
"""

from __future__ import annotations

import pathlib
import shutil
import tempfile

from greenroom.core.errors import GreenroomError
from greenroom.speech.engine import available_engines
from greenroom.speech.models import resolve_model

Check = tuple[str, bool, str]


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
    *,
    model_dir: pathlib.Path | None = None,
    models_dir: pathlib.Path | None = None,
    model_name: str = "tiny.en",
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
        resolved = resolve_model(user_dir=model_dir, models_dir=models_dir, name=model_name)
        note = resolved.substitute_note
        checks.append(
            (
                "speech model",
                not note,  # a model the user chose that cannot load is worth fixing
                f"{resolved.name} ({resolved.source}) at {resolved.path}"
                + (f"; {note}" if note else ""),
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
