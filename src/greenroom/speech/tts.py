"""Read interview questions aloud: pyttsx3 synthesizes each question to a WAV file.

Threading: pyttsx3 engines must be created and driven in one thread (pyttsx3 issues #327, #262,
#403). ``QuestionSpeaker`` creates its engine lazily in the first thread that calls it and
refuses calls from any other thread, so the caller must own a dedicated thread (the UI's TTS
QThread) and make every call from it.

We never call ``say()``: on Linux it plays through ``aplay`` via a shell and fails silently when
``aplay`` is missing (SPEECH.md). Synthesize to a file and let Qt play it.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from greenroom.core.errors import SpeechEngineError

log = logging.getLogger(__name__)


class TextToSpeechUnavailable(SpeechEngineError):
    """No speech synthesizer is installed (on Linux: espeak-ng)."""


# espeak-ng is one synthesizer per process with one output callback, and pyttsx3 hands out one
# engine per driver from a weak cache. When an engine is garbage collected its driver unsets
# that process-wide callback (pyttsx3's DriverProxy.__del__ -> EspeakDriver.destroy), whatever
# another thread is synthesizing at the time; the test suite died once with a segmentation
# fault inside espeak_Synth on the TTS thread, after earlier tests had dropped their speakers.
# So the engine lives as long as the process, and every use of espeak is one at a time.
_ESPEAK = threading.Lock()
_KEPT_ENGINES: list[Any] = []


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice the synthesizer offers."""

    id: str
    name: str
    languages: tuple[str, ...]


def _unavailable(exc: BaseException) -> TextToSpeechUnavailable:
    return TextToSpeechUnavailable(
        f"text-to-speech is unavailable ({exc})",
        where="pyttsx3",
        fix="Install espeak-ng (Linux: `sudo apt install espeak-ng`); questions are shown as "
        "text meanwhile",
    )


def synthesis_timeout(text: str) -> float:
    """Generous: espeak writes a question in ~0.3 s; a busy machine may take several times that."""
    return 10.0 + len(text) / 20


class QuestionSpeaker:
    """Synthesize questions to WAV files with pyttsx3, from one dedicated thread.

    Args:
        voice: Voice id (see ``voices()``), or None for the system default.
        rate: Words per minute, or None for the default (~200).
        volume: 0.0-1.0, or None for the default.
    """

    def __init__(
        self, *, voice: str | None = None, rate: int | None = None, volume: float | None = None
    ) -> None:
        self.voice, self.rate, self.volume = voice, rate, volume
        self._engine: Any = None
        self._thread: int | None = None

    def _driver(self) -> Any:
        me = threading.get_ident()
        if self._thread is not None and self._thread != me:
            raise RuntimeError("QuestionSpeaker must be used from the thread that created it")
        if self._engine is None:
            try:
                import pyttsx3

                self._engine = pyttsx3.init()
            except Exception as exc:  # pyttsx3 raises OSError/RuntimeError/KeyError by driver
                raise _unavailable(exc) from exc
            if not any(kept is self._engine for kept in _KEPT_ENGINES):
                _KEPT_ENGINES.append(self._engine)
            self._thread = me
        return self._engine

    def voices(self) -> list[Voice]:
        """Voices the installed synthesizer offers."""
        with _ESPEAK:
            found = self._driver().getProperty("voices") or []
        return [
            Voice(str(v.id), str(v.name), tuple(str(x) for x in (v.languages or ()))) for v in found
        ]

    def synthesize(self, text: str, path: Path | str) -> Path:
        """Write ``text`` spoken aloud to a WAV file at ``path``; a failed attempt is retried once.

        pyttsx3's espeak driver can report a synthesis finished with an empty file, or not
        report it at all: a stale end-of-message from espeak's own thread after an earlier
        synthesis is taken for the new one's (seen in the test suite after a voice thread was
        replaced; in an acceptance run a question went unread this way). A second attempt
        starts clean.

        Raises:
            TextToSpeechUnavailable: No synthesizer is installed.
            SpeechEngineError: The synthesizer produced no file twice (for example a bad voice
                id).
        """
        with _ESPEAK:
            try:
                return self._synthesize_once(text, Path(path))
            except TextToSpeechUnavailable:
                raise
            except SpeechEngineError as exc:
                log.warning("text-to-speech failed once, trying again: %s", exc)
                return self._synthesize_once(text, Path(path))

    def _synthesize_once(self, text: str, path: Path) -> Path:
        engine = self._driver()
        try:
            if self.voice is not None:
                engine.setProperty("voice", self.voice)
            if self.rate is not None:
                engine.setProperty("rate", int(self.rate))
            if self.volume is not None:
                engine.setProperty("volume", max(0.0, min(1.0, float(self.volume))))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            done = threading.Event()
            token = engine.connect("finished-utterance", lambda **_: done.set())
            try:
                engine.save_to_file(text, str(path))
                # pyttsx3's espeak driver prints "Audio saved to ..." on stdout for every file,
                # which would litter `greenroom doctor` and the terminal. (It writes the file
                # before appending espeak's last chunk, but that chunk is the end pause: measured
                # identical to `espeak-ng -w`, last sound at 2.39 s of 2.72 s for a question.)
                with contextlib.redirect_stdout(io.StringIO()):
                    engine.runAndWait()
                    # runAndWait can return before the file is written: the driver's queued
                    # endLoop stops its loop as synthesis starts, and espeak's callbacks then
                    # write the WAV later. The first question of a session was shown but not
                    # spoken this way (the player got an empty file). Wait for the driver's own
                    # "finished" notice, which comes after the file is written.
                    if not done.wait(synthesis_timeout(text)):
                        raise SpeechEngineError(
                            "the synthesizer did not finish",
                            where=str(path),
                            fix="Try again, or choose another voice in Settings",
                        )
            finally:
                engine.disconnect(token)
        except SpeechEngineError:  # TextToSpeechUnavailable too
            raise
        except Exception as exc:
            raise SpeechEngineError(
                f"could not synthesize the question ({exc})",
                where=str(path),
                fix="Choose another voice in Settings",
            ) from exc
        if not path.is_file() or path.stat().st_size <= 44:  # 44 bytes: a WAV header alone
            raise SpeechEngineError(
                "the synthesizer produced no audio",
                where=str(path),
                fix="Choose another voice in Settings",
            )
        return path
