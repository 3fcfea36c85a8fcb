"""The small interface every transcription engine implements, and a registry describing them.

Engines take 16 kHz mono float32 samples and return words with times in answer time (the
``offset`` of the samples within the answer is added to every time). An engine that sends audio
off the machine says so with ``is_online`` and is never chosen by default (DESIGN.md section 3).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from greenroom.core.transcript import Word
from greenroom.speech import google_engine
from greenroom.speech.models import ResolvedModel

DEFAULT_ENGINE = "faster-whisper"


@runtime_checkable
class TranscriptionEngine(Protocol):
    """A speech-to-text engine.

    Attributes:
        name: Stable identifier stored with each transcript ("faster-whisper").
        model_name: Model identifier stored with each transcript ("tiny.en").
        is_online: True when audio leaves the machine.
    """

    name: str
    model_name: str
    is_online: bool

    def transcribe(self, samples: npt.NDArray[np.float32], *, offset: float = 0.0) -> list[Word]:
        """Transcribe 16 kHz mono float32 samples.

        Args:
            samples: The audio.
            offset: Answer time of ``samples[0]`` in seconds, added to every word time.

        Returns:
            Words in time order.

        Raises:
            SpeechEngineError: The engine failed in a way the user can act on.
        """
        ...


@runtime_checkable
class ShortWindowEngine(TranscriptionEngine, Protocol):
    """An engine that can also transcribe short audio faster, in a shorter window, for audio
    that follows other speech closely: the streaming transcriber's drafts while the speaker
    talks, and its segments that start within a second of the previous one. Audio that opens
    after a longer silence goes to ``transcribe``: Whisper's full window hears it better
    (docs/speech.md)."""

    def transcribe_short(
        self, samples: npt.NDArray[np.float32], *, offset: float = 0.0
    ) -> list[Word]:
        """Like ``transcribe``, in about half the time, for audio that follows speech."""
        ...


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """What the settings page and ``greenroom doctor`` show about one engine."""

    name: str
    label: str
    is_online: bool
    available: bool
    reason: str = ""  # why it is unavailable, or a caveat
    is_default: bool = False


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def available_engines() -> list[EngineInfo]:
    """Describe every engine, whether it can run here, and why not.

    Only checks that the packages are importable; a model problem shows up when the engine is
    created (see ``models.resolve_model``).
    """
    whisper_ok = _installed("faster_whisper")
    sphinx_ok = _installed("pocketsphinx")
    sr_ok = _installed("speech_recognition")
    return [
        EngineInfo(
            DEFAULT_ENGINE,
            "Whisper (offline, recommended)",
            False,
            whisper_ok,
            "" if whisper_ok else "Install it with `pip install faster-whisper`",
            is_default=True,
        ),
        EngineInfo(
            "pocketsphinx",
            "PocketSphinx (offline, less accurate)",
            False,
            sphinx_ok,
            "" if sphinx_ok else "Install it with `pip install pocketsphinx`",
        ),
        EngineInfo(
            "google",
            google_engine.LABEL,
            True,
            sr_ok,
            "sends your recordings to Google over the internet"
            if sr_ok
            else "Install it with `pip install SpeechRecognition`",
        ),
    ]


def create_engine(name: str | None = None, **options: object) -> TranscriptionEngine:
    """Create an engine by name (None: the default, faster-whisper).

    Args:
        name: "faster-whisper", "pocketsphinx" or "google".
        **options: Passed to the engine's ``create``/constructor (e.g. model paths).

    Raises:
        SpeechEngineError: Unknown name or the engine cannot start.
    """
    from greenroom.core.errors import SpeechEngineError

    name = name or DEFAULT_ENGINE
    if name == DEFAULT_ENGINE:
        from greenroom.speech.whisper_engine import WhisperEngine

        return WhisperEngine.create(**options)  # type: ignore[arg-type]
    if name == "pocketsphinx":
        from greenroom.speech.sphinx_engine import SphinxEngine

        return SphinxEngine()
    if name == "google":
        return google_engine.GoogleEngine()
    known = ", ".join(info.name for info in available_engines())
    raise SpeechEngineError(
        f"unknown speech engine '{name}'", where="engine", fix=f"Choose one of {known}"
    )


def substitute_note(engine: TranscriptionEngine) -> str:
    """What to tell the user when the engine loaded another model than the one chosen.

    A chosen folder or a downloaded model that cannot be used falls back to the bundled tiny.en,
    never silently: the app shows this in Settings and the practice room, and
    ``greenroom transcribe`` prints it as a warning. "" when the chosen model is the one loaded.
    """
    source = getattr(engine, "source", None)
    note = source.substitute_note if isinstance(source, ResolvedModel) else ""
    return f"Your chosen model was not used: {note}." if note else ""
