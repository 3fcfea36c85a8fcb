"""Pitch (swift-f0) and loudness tracks of a recording, as a core VoiceTrack.

swift-f0 scores 16 ms frames (256 samples at 16 kHz) with a small convolutional network in
onnxruntime and calls a frame voiced when its confidence is at least 0.5. The detector is made
once per process (lazily, under a lock) with one thread that sleeps between calls, so tracking an
answer in the analysis worker never spins the second core the GUI needs.
"""

from __future__ import annotations

import importlib
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import GreenroomError
from greenroom.core.voice import VoiceTrack
from greenroom.speech.audio import SAMPLE_RATE, load_audio

# Human voices in speech: a deep male voice reaches about 65 Hz, a high female or child's voice
# rarely passes 500 Hz in speech. Anything outside is a tracking error or not a voice.
F0_MIN = 60.0
F0_MAX = 500.0
VOICED = 0.5  # swift-f0's calibrated confidence for a voiced frame
FULL_SCALE = 0.999
_SILENT_DB = -140.0
MIN_SAMPLES = 2 * 256  # shorter than two frames: nothing to track


class VoiceUnavailable(GreenroomError):
    """The pitch tracker could not be loaded."""


_detector: Any = None
_lock = threading.Lock()


def detector() -> Any:
    """The process's swift-f0 detector, made on first use.

    Raises:
        VoiceUnavailable: The pitch tracker cannot be loaded.
    """
    global _detector
    with _lock:
        if _detector is None:
            try:
                swift_f0 = importlib.import_module("swift_f0")
                _detector = swift_f0.SwiftF0(threads=1, spin=False)
            except (ImportError, OSError, RuntimeError) as exc:
                raise VoiceUnavailable(
                    f"the pitch tracker could not be loaded ({exc.__class__.__name__}: {exc})",
                    fix="Reinstall Greenroom so that its 'swift-f0' package is complete",
                ) from exc
        return _detector


def tracker_name() -> str:
    try:
        return f"swift-f0 {metadata.version('swift-f0')}"
    except metadata.PackageNotFoundError:
        return "swift-f0"


def track_file(path: Path | str) -> VoiceTrack:
    """The voice track of an audio file (any rate, mono or stereo; see speech.audio).

    Raises:
        AudioError: The file cannot be read.
        VoiceUnavailable: The pitch tracker cannot be loaded.
    """
    return track_samples(load_audio(path))


def track_samples(samples: npt.NDArray[np.floating]) -> VoiceTrack:
    """The voice track of 16 kHz mono samples in -1..1 (silence gives an all-unvoiced track)."""
    x = np.nan_to_num(np.asarray(samples, dtype=np.float32).reshape(-1))
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    at_full_scale = int(np.count_nonzero(np.abs(x) >= FULL_SCALE))
    if len(x) < MIN_SAMPLES:
        return to_track(None, len(x), peak, at_full_scale)
    result = detector().detect(x, SAMPLE_RATE, fmin=F0_MIN, fmax=F0_MAX)
    return to_track(result, len(x), peak, at_full_scale)


def to_track(result: Any, samples: int, peak: float, at_full_scale: int) -> VoiceTrack:
    """A VoiceTrack from swift-f0's PitchResult (None: too short to track) for ``samples``
    samples of audio whose largest value was ``peak`` and ``at_full_scale`` of them clipped."""
    duration = samples / SAMPLE_RATE
    clipped = at_full_scale / samples if samples else 0.0
    if result is None:
        return VoiceTrack(0.016, (), (), duration, peak, clipped, tracker_name())
    voiced = (
        (result.confidence >= VOICED) & (result.pitch_hz >= F0_MIN) & (result.pitch_hz <= F0_MAX)
    )
    f0 = np.where(voiced, result.pitch_hz, 0.0)
    level = np.maximum(result.loudness_db, _SILENT_DB)
    period = float(result.timestamps[1] - result.timestamps[0]) if len(f0) > 1 else 0.016
    return VoiceTrack(
        frame_period=period,
        f0=tuple(round(float(v), 2) for v in f0),
        level=tuple(round(float(v), 2) for v in level),
        duration=duration,
        peak=peak,
        clipped=clipped,
        tracker=tracker_name(),
    )
