"""How the voice sounded, frame by frame: the pitch and loudness tracks of one answer.

Produced by greenroom.voice from the recorded audio (numpy and a pitch tracker) and summarised by
greenroom.analysis.voice (pure Python), so this plain record is all the two share.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VoiceTrack:
    """Pitch and loudness of an answer's audio, one value per frame, in answer time.

    Attributes:
        frame_period: Seconds between frames; frame k is centred on k * frame_period.
        f0: Fundamental frequency in Hz per frame; 0.0 where the frame is not voiced.
        level: Loudness per frame: RMS level of the 32 ms around it, in dB below full scale.
        duration: Length of the audio in seconds.
        peak: Largest absolute sample value, 0..1 (1.0 is full scale).
        clipped: Share of samples at full scale (|x| >= 0.999): clipping flattens loudness.
        tracker: Which pitch tracker made the track, e.g. "swift-f0 0.3.0".
    """

    frame_period: float
    f0: tuple[float, ...]
    level: tuple[float, ...]
    duration: float
    peak: float = 0.0
    clipped: float = 0.0
    tracker: str = ""
