"""Opt-in online engine: Google Web Speech through SpeechRecognition.

Sends the recording to Google, so it is marked ``is_online`` and is never the default; the UI
must say so before it is chosen (DESIGN.md section 3). It returns no word times: words are
spread evenly over the audio, good enough for counting but not for pauses (use the VAD).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import SpeechEngineError
from greenroom.core.transcript import Word
from greenroom.speech.audio import SAMPLE_RATE, float_to_pcm16

ENGINE_NAME = "google"
# What leaves the computer is said once, where the engine is listed (EngineInfo.reason).
LABEL = "Google Web Speech"


class GoogleEngine:
    """``recognize_google`` from SpeechRecognition."""

    name = ENGINE_NAME
    model_name = "google-web-speech"
    is_online = True
    label = LABEL

    def __init__(self, *, language: str = "en-US") -> None:
        self.language = language

    def transcribe(self, samples: npt.NDArray[np.float32], *, offset: float = 0.0) -> list[Word]:
        """Send the audio to Google and return its words with estimated times.

        Raises:
            SpeechEngineError: No connection, or Google refused the request.
        """
        import speech_recognition as sr

        audio = sr.AudioData(float_to_pcm16(samples), SAMPLE_RATE, 2)
        try:
            text = sr.Recognizer().recognize_google(audio, language=self.language)
        except sr.UnknownValueError:
            return []
        except (sr.RequestError, OSError) as exc:
            raise SpeechEngineError(
                f"Google speech recognition is unreachable ({exc})",
                where=ENGINE_NAME,
                fix="Check the internet connection or choose an offline engine in Settings",
            ) from exc
        tokens = str(text).split()
        span = len(samples) / SAMPLE_RATE / max(1, len(tokens))
        return [
            Word(tok, round(offset + i * span, 3), round(offset + (i + 1) * span, 3))
            for i, tok in enumerate(tokens)
        ]
