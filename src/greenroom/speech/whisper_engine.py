"""The default engine: faster-whisper (CTranslate2 Whisper, int8 on the CPU).

Settings follow what SPEECH.md and docs/speech.md measured on a 2-core machine:
- one CPU thread by default (files, imports), leaving a core for the GUI; the practice room asks
  for two, because a call is mostly the encoder on the padded window, which two halve;
- ``transcribe_short``: audio that follows other speech within a second (drafts while the
  speaker talks, and segments that follow the previous one closely) is heard in a 15 s window
  instead of 30 s, a quarter of the encoder's work; audio after a longer silence is heard in
  the full window, which kept more fillers there on the eval sets (docs/speech.md);
- ``temperature=[0.0, 0.2]``: the default six-step fallback produced single 10-14 s calls;
- ``condition_on_previous_text=False``: earlier text cannot drag a later window into a loop;
- a short filler prompt so Whisper writes "um"/"uh" instead of cleaning them away. For audio
  that fits one 30 s window it goes in as ``initial_prompt`` (same recall as ``hotwords``, fewer
  doubled fillers, faster); longer audio uses ``hotwords``, which applies to every window.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import SpeechEngineError
from greenroom.core.transcript import Word
from greenroom.speech.models import BUNDLED_MODEL_NAME, ResolvedModel, repair_hint, resolve_model

log = logging.getLogger(__name__)

ENGINE_NAME = "faster-whisper"
FILLER_PROMPT = "Um, uh, er, hmm."
# Whisper's encoder window; audio up to this length is decoded in a single window.
WINDOW_SECONDS = 30
# The short window (``transcribe_short``), and the longest audio heard in it: Whisper needs
# >= 5 s of silence after the last word; with only 1-2 s it repeats sentences into the padding
# (docs/speech.md).
SHORT_WINDOW_SECONDS = 15
# ... which is why a window is at least this much longer than its audio.
SILENCE_AFTER_WORDS_S = 6
SHORT_LONGEST_S = 10  # a streaming job's longest (streaming.py, max_segment_s)
SAMPLE_RATE = 16_000
DEFAULT_BEAM_SIZE = 5
LIVE_TEMPERATURES = (0.0, 0.2)
# faster-whisper retries a window whose text compresses better than this (a loop: "mo, mo, mo,
# ..." on a cut-off word); when the last temperature loops too, its text is dropped, not kept.
LOOP_COMPRESSION_RATIO = 2.4
# Once a segment ends this close to the end of the real audio, no more is asked of Whisper. A
# job closed by a pause ends 0.1 s after its last voiced frame, but one cut mid-word (a Stop in
# mid-sentence, a segment at its 10 s cap, a guess while talking) can end 0.3-1 s after the last
# word Whisper writes; asking for more then decodes a whole second window (~0.7 s) for a
# fragment. The streaming transcriber retries a longer unheard rest on its own (UNHEARD_TAIL_S).
END_OF_AUDIO_S = 1.0


class WhisperEngine:
    """faster-whisper behind the ``TranscriptionEngine`` interface.

    The model is loaded once; calls are serialised with a lock because one CTranslate2 model
    on one CPU thread gains nothing from concurrent calls.
    """

    name = ENGINE_NAME
    is_online = False

    def __init__(
        self,
        model: Any,
        *,
        model_name: str,
        beam_size: int = DEFAULT_BEAM_SIZE,
        language: str | None = "en",
        filler_prompt: str | None = FILLER_PROMPT,
        source: ResolvedModel | None = None,
    ) -> None:
        """Wrap an already loaded ``faster_whisper.WhisperModel``.

        Args:
            model: The loaded model.
            model_name: Name stored with transcripts ("tiny.en").
            beam_size: Beam width; 1 is greedy.
            language: Fixed language, or None to let the model detect it.
            filler_prompt: Prompt that keeps fillers, or None to disable.
            source: Where the model folder came from, for diagnostics.
        """
        self.model_name = model_name
        self.beam_size = beam_size
        self.language = language
        self.filler_prompt = filler_prompt
        self.source = source
        self._model = model
        self._lock = threading.Lock()

    @classmethod
    def create(
        cls,
        *,
        user_dir: Any = None,
        models_dir: Any = None,
        model_name: str = "tiny.en",
        beam_size: int = DEFAULT_BEAM_SIZE,
        cpu_threads: int = 1,
    ) -> WhisperEngine:
        """Resolve a model folder (see ``models.resolve_model``) and load it.

        Args:
            user_dir: A model folder the user chose, or None.
            models_dir: Greenroom's model folder (``<cache>/models``), holding downloads.
            model_name: The model asked for ("tiny.en", "base.en", ...).
            beam_size: Beam width.
            cpu_threads: CTranslate2 threads.

        Raises:
            SpeechEngineError: No usable model, or CTranslate2 could not load it.
        """
        resolved = resolve_model(user_dir=user_dir, models_dir=models_dir, name=model_name)
        try:
            model = _load(resolved, cpu_threads)
        except SpeechEngineError as exc:
            if resolved.source == "bundled":
                raise
            # A folder that passed the file checks but that CTranslate2 cannot load: fall back
            # to the bundled model, and say why (ResolvedModel.substitute_note, which the app
            # and `greenroom transcribe` show).
            log.info("speech model at %s could not be loaded; using the bundled one", exc.where)
            bundled = resolve_model(name=BUNDLED_MODEL_NAME)
            resolved = replace(bundled, skipped=(*resolved.skipped, exc), requested=model_name)
            model = _load(resolved, cpu_threads)
        english_only = resolved.name.endswith(".en")
        return cls(
            model,
            model_name=resolved.name,
            beam_size=beam_size,
            language="en" if english_only else None,
            source=resolved,
        )

    def transcribe(self, samples: npt.NDArray[np.float32], *, offset: float = 0.0) -> list[Word]:
        """Transcribe samples; word times are shifted by ``offset`` into answer time.

        Args:
            samples: 16 kHz mono float32.
            offset: Answer time of the first sample.

        Raises:
            SpeechEngineError: The model failed while decoding.
        """
        return self._decode(samples, offset, WINDOW_SECONDS)

    def transcribe_short(
        self, samples: npt.NDArray[np.float32], *, offset: float = 0.0
    ) -> list[Word]:
        """Like ``transcribe`` in about half the time, for audio that follows other speech.

        Audio up to 10 s is heard in a 15 s window; longer audio as ``transcribe`` hears it.
        """
        short = len(samples) <= SHORT_LONGEST_S * SAMPLE_RATE
        return self._decode(samples, offset, SHORT_WINDOW_SECONDS if short else WINDOW_SECONDS)

    def _decode(self, samples: npt.NDArray[np.float32], offset: float, window_s: int) -> list[Word]:
        heard = _Heard()
        words = self._decode_in(samples, offset, window_s, heard)
        snug = math.ceil(len(samples) / SAMPLE_RATE) + SILENCE_AFTER_WORDS_S
        if not words and heard.past_the_audio and snug < window_s:
            # Every word was timed into the padding and dropped as invented: 1.5 s of "He might
            # even have been" (the 2-minute answer) came back at 12.7-15.0 s in the 15 s window
            # and at 28.1-30.0 s in the 30 s one, and the live words stood still for 3.2 s in
            # the app. A window with just enough silence after the audio timed them right.
            words = self._decode_in(samples, offset, snug, heard)
        return words

    def _decode_in(
        self, samples: npt.NDArray[np.float32], offset: float, window_s: int, heard: _Heard
    ) -> list[Word]:
        audio = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        if len(audio) < SAMPLE_RATE // 10:
            return []  # under 0.1 s there is nothing to recognise
        ends = len(audio) / SAMPLE_RATE
        window = window_s * SAMPLE_RATE
        if len(audio) < window:
            # Whisper hears each window whole. faster-whisper pads a short one with zero
            # features, which are not silence (a flat -40 dB floor): after the last word the
            # model writes "Thank you." / "We'll see you next time." into it. Padding the audio
            # with silence is what Whisper was trained on (docs/speech.md).
            audio = np.concatenate([audio, np.zeros(window - len(audio), np.float32)])
        options: dict[str, Any] = {
            "beam_size": self.beam_size,
            "word_timestamps": True,
            "temperature": list(LIVE_TEMPERATURES),
            "condition_on_previous_text": False,
            "language": self.language,
            "compression_ratio_threshold": LOOP_COMPRESSION_RATIO,
            "chunk_length": window_s,  # the feature extractor's window (see _load)
        }
        if self.filler_prompt:
            key = "initial_prompt" if len(audio) <= window else "hotwords"
            options[key] = self.filler_prompt
        try:
            with self._lock:
                segments, _info = self._model.transcribe(audio, **options)
                return _words_heard(segments, offset, ends, heard)
        except SpeechEngineError:
            raise
        except Exception as exc:
            raise SpeechEngineError(
                f"the speech model failed ({exc})",
                where=ENGINE_NAME,
                fix="Try again; if it keeps failing choose another model or engine in Settings",
            ) from exc


@dataclass(slots=True)
class _Heard:
    """What ``_words_heard`` left out: words the model timed past the end of the real audio."""

    past_the_audio: bool = False


def _words_heard(segments: Iterable[Any], offset: float, ends: float, heard: _Heard) -> list[Word]:
    """The words of the decoded segments that fall in the real audio.

    faster-whisper decodes lazily, one window at a time. Once a segment reaches the end of
    the real audio, what follows is the silence it was padded with: decoding it costs another
    window, often with a temperature fallback (0.8-5 s a call on 2 cores, docs/speech.md), for
    words that would be dropped anyway. So stop asking there.
    """
    words: list[Word] = []
    for seg in segments:
        if seg.compression_ratio <= LOOP_COMPRESSION_RATIO:
            words.extend(
                Word(
                    w.word.strip(),
                    round(offset + float(w.start), 3),
                    round(offset + min(float(w.end), ends), 3),
                    float(w.probability),
                )
                for w in (seg.words or ())
                if w.word.strip() and w.start < ends
            )
            heard.past_the_audio |= any(w.word.strip() and w.start >= ends for w in seg.words or ())
        if seg.end >= ends - END_OF_AUDIO_S:
            break
    return words


def _load(resolved: ResolvedModel, cpu_threads: int) -> Any:
    """Load a CTranslate2 Whisper model folder (int8 on the CPU).

    Raises:
        SpeechEngineError: CTranslate2 could not load it (damaged or foreign files); the
            message names the folder and what to do about it.
    """
    try:
        from faster_whisper import WhisperModel

        class WindowedModel(WhisperModel):  # type: ignore[misc]
            """Encodes the window the features were cut to, not always 30 s (``transcribe_short``).

            faster-whisper cuts the features into ``chunk_length`` windows but then pads each to
            30 s of zero features (``pad_or_trim``) before the encoder; the frames past the
            window are that padding, so they are left out. CTranslate2's encoder accepts any
            length up to 30 s (tests/speech/test_speech_whisper.py checks what it is given).
            """

            def encode(self, features: Any) -> Any:
                return super().encode(features[..., : self.feature_extractor.nb_max_frames])

        model = WindowedModel(
            str(resolved.path), device="cpu", compute_type="int8", cpu_threads=cpu_threads
        )
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError/UnicodeError
        raise SpeechEngineError(
            f"the model files could not be loaded ({type(exc).__name__}: {exc})",
            where=str(resolved.path),
            fix=repair_hint(resolved.source, resolved.name),
        ) from exc
    _import_what_decoding_imports()
    return model


def _import_what_decoding_imports() -> None:
    """Import now, with the model, what faster-whisper's first decode would import.

    The first answer's first decode imported numpy.ma (``np.median`` in word alignment reaches
    for it) and multiprocessing (tqdm's lock, made at its first progress bar) on the
    transcriber thread: the GUI thread stood still for 140-170 ms while it did
    (benchmarks/ui.py under py-spy, docs/benchmarks.md). The model loads on a worker thread
    before any answer, so the imports cost nothing there.
    """
    import numpy.ma  # noqa: F401
    from tqdm import tqdm

    tqdm.get_lock()
