"""The transcription engine, loaded once in a worker, with a state the UI can show."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import StrEnum
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from greenroom.core.errors import GreenroomError
from greenroom.settings import Settings
from greenroom.speech.audio import load_audio
from greenroom.speech.engine import TranscriptionEngine, create_engine, substitute_note
from greenroom.speech.models import ResolvedModel
from greenroom.speech.whisper_engine import ENGINE_NAME as WHISPER_ENGINE
from greenroom.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
FALLBACK_ENGINE = "pocketsphinx"
# The practice room waits on each Whisper call (the words closed by a pause, the last ones at
# Stop), and a call's cost is mostly the encoder on a full 30 s window, which two threads halve
# (tiny.en on 2 cores: 0.71 -> 0.36 s; a 2-5 s job 1.0 -> 0.6 s; docs/speech.md). Files and
# imports keep one thread.
LIVE_CPU_THREADS = 2
# Public-domain read speech (7 s) the engine hears once as it loads: see _warm_up.
WARM_UP_SPEECH = ("sounds", "warm_up_speech.flac")


class ModelState(StrEnum):
    NOT_LOADED = "not-loaded"
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class SpeechModel(QObject):
    """Holds the engine. ``state_changed(state, message)`` says what the user should see."""

    state_changed = Signal(str, str)

    def __init__(
        self,
        tasks: TaskRunner,
        models_dir: Path,
        parent: QObject | None = None,
        *,
        load_before_ready: Callable[[], object] | None = None,
    ) -> None:
        """``models_dir`` is Greenroom's model folder (``AppPaths.models``), holding downloads.

        ``load_before_ready`` runs in the load task after the engine is made, and the model is
        ready only when it returns: loads that must not overlap an answer (the app passes
        ``answer_analysis.load_before_answers``).
        """
        super().__init__(parent)
        self._tasks = tasks
        self._models_dir = models_dir
        self._load_before_ready = load_before_ready
        self.engine: TranscriptionEngine | None = None
        self.state = ModelState.NOT_LOADED
        self.message = ""
        self.note = ""
        self._loaded_for: tuple[str, str, str] | None = None
        # Loads run in a pool and can finish in any order: only the newest may win.
        self._generation = 0

    def load(self, settings: Settings, *, again: bool = False) -> None:
        """Load the engine the settings name (no-op when it is already loaded or loading).

        ``again``: load even so, because the files changed (the model was downloaded again).
        """
        key = (settings.speech_engine, settings.speech_model, settings.model_dir)
        loaded = key == self._loaded_for and self.state in (ModelState.READY, ModelState.LOADING)
        if loaded and not again:
            return
        self._loaded_for = key
        self._generation += 1
        generation = self._generation
        # With a load before ready (the app's meaning model) the wait is for both: say so.
        what = "speech model" if self._load_before_ready is None else "speech and feedback models"
        self._set(ModelState.LOADING, f"Loading the {what}…")
        self._tasks.run(
            lambda: self._load_engine(settings),
            lambda result: self._on_loaded(result, generation),
            on_error=lambda exc: self._on_failed(exc, generation),
            owner=self,
        )

    def _load_engine(self, settings: Settings) -> tuple[TranscriptionEngine, str]:
        created = _create(settings, self._models_dir)
        _warm_up(created[0])
        if self._load_before_ready is not None:
            try:
                self._load_before_ready()
            except Exception:  # the engine is loaded: it is ready whatever else failed
                log.exception("a load before the speech model is ready failed")
        return created

    def rejected(self, folder: Path) -> bool:
        """True when the engine loaded last found ``folder`` unusable (damaged or incomplete)."""
        source = getattr(self.engine, "source", None)
        return isinstance(source, ResolvedModel) and any(
            e.where == str(folder) for e in source.skipped
        )

    def _on_loaded(self, result: tuple[TranscriptionEngine, str], generation: int) -> None:
        if generation != self._generation:
            log.info("an earlier speech model load finished after a newer one began; ignored")
            return
        self.engine, note = result
        self.note = note  # a fallback or a skipped model folder: worth showing
        label = f"{self.engine.name} ({self.engine.model_name})"
        self._set(ModelState.READY, f"Speech model ready: {label}. {note}".strip())

    def _on_failed(self, exc: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        log.error("speech engine failed to load", exc_info=exc)
        self.engine = None
        detail = str(exc) if isinstance(exc, GreenroomError) else "unexpected error (see the log)"
        self._set(ModelState.FAILED, f"No speech engine could start: {detail}. Type your answers.")

    def _set(self, state: ModelState, message: str) -> None:
        self.state, self.message = state, message
        self.state_changed.emit(state.value, message)


def _create(settings: Settings, models_dir: Path) -> tuple[TranscriptionEngine, str]:
    """The chosen engine, or the offline fallback with a note saying why."""
    options: dict[str, object] = {}
    if settings.speech_engine == WHISPER_ENGINE:
        options = {
            "user_dir": Path(settings.model_dir) if settings.model_dir else None,
            "models_dir": models_dir,
            "model_name": settings.speech_model,
            "cpu_threads": LIVE_CPU_THREADS,
        }
    try:
        engine = create_engine(settings.speech_engine, **options)
    except GreenroomError as exc:
        if settings.speech_engine == FALLBACK_ENGINE:
            raise
        log.warning("falling back to %s: %s", FALLBACK_ENGINE, exc)
        return create_engine(FALLBACK_ENGINE), f"Using the offline fallback because: {exc}"
    return engine, _substitute_note(engine)


def _warm_up(engine: TranscriptionEngine) -> None:
    """Have a Whisper engine transcribe a short recording once, before it is ready.

    A process's first Whisper call is the one that disturbs the rest of the app most: it starts
    CTranslate2's worker threads and grows the heap, and the GUI thread, faulting in memory of
    its own, waits for the memory-map lock that call holds. Made in the first answer, the timer
    and live words stood still for 35-79 ms (later answers 26-27 ms; 29-32 ms with this call)
    and its first live words were its slowest (docs/benchmarks.md, 2026-12-03 and 2026-12-04).
    Speech, not silence: on silence Whisper writes no words and skips the word timing that
    every answer's calls do.
    """
    if engine.name != WHISPER_ENGINE:
        # An online engine would send the audio away; PocketSphinx starts no threads and its
        # first call is barely slower than its second (1.63 vs 1.40 s on this clip).
        return
    began = time.monotonic()
    try:
        speech = resources.files("greenroom.resources").joinpath(*WARM_UP_SPEECH)
        with resources.as_file(speech) as path:
            engine.transcribe(load_audio(path))
    except Exception:  # the engine may still serve answers: they will show its errors
        log.exception("the speech model's warm-up call failed")
        return
    log.info("speech model warmed up in %.2f s", time.monotonic() - began)


def _substitute_note(engine: TranscriptionEngine) -> str:
    """Say so when the model loaded is not the one chosen (a folder or a download that cannot
    be used): never a silently different model."""
    note = substitute_note(engine)
    if note:
        log.warning("speech model: %s", note)
    return note
