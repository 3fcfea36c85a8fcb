"""The voice itself: pitch and loudness tracks from an answer's recorded audio,
whole (track_file, track_samples) or while it is recorded (VoiceTrackBuilder).

Depends on core, the speech package's audio reader, numpy and the pitch tracker (swift-f0, a
small ONNX model run by onnxruntime, which faster-whisper already needs). Never Qt, the store or
analysis: it hands analysis a core.voice.VoiceTrack. docs/voice.md says why this tracker.
"""

from __future__ import annotations

from greenroom.voice.builder import VoiceTrackBuilder
from greenroom.voice.tracker import VoiceUnavailable, track_file, track_samples

__all__ = ["VoiceTrackBuilder", "VoiceUnavailable", "track_file", "track_samples"]
