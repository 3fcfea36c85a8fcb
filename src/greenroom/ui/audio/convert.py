"""Turn whatever a capture device delivers into 16 kHz mono int16 PCM, chunk by chunk.

Most back ends (PulseAudio, PipeWire, WASAPI, CoreAudio) accept 16 kHz mono and convert for us;
this is the fallback for devices that only offer their native format. Rates other than 16 kHz go
through the speech package's polyphase resampler (``speech.resample.StreamResampler``), the same
filter that loads audio files, so nothing above 8 kHz folds back into the speech band.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from greenroom.speech.resample import StreamResampler

TARGET_RATE = 16_000
_SCALE = {"Int16": 32768.0, "Int32": 2147483648.0, "Float": 1.0, "UInt8": 128.0}
_DTYPE = {"Int16": np.int16, "Int32": np.int32, "Float": np.float32, "UInt8": np.uint8}


class PcmConverter:
    """Stateful converter for one capture stream."""

    def __init__(self, *, rate: int, channels: int, sample_format: str) -> None:
        if sample_format not in _DTYPE:
            raise ValueError(f"unsupported sample format {sample_format}")
        self.rate = rate
        self.channels = max(1, channels)
        self.sample_format = sample_format
        self._leftover = b""
        # Holds back the last 1 ms of each chunk until the next one: the filter looks ahead.
        self._resampler = StreamResampler(rate, TARGET_RATE) if rate != TARGET_RATE else None

    @property
    def passthrough(self) -> bool:
        return (self.rate, self.channels, self.sample_format) == (TARGET_RATE, 1, "Int16")

    def convert(self, data: bytes) -> bytes:
        if self.passthrough:
            return data
        frame = np.dtype(_DTYPE[self.sample_format]).itemsize * self.channels
        data = self._leftover + data
        usable = len(data) - len(data) % frame
        self._leftover = data[usable:]
        raw = np.frombuffer(data[:usable], dtype=_DTYPE[self.sample_format]).astype(np.float32)
        if self.sample_format == "UInt8":
            raw -= 128.0
        mono = raw.reshape(-1, self.channels).mean(axis=1) / _SCALE[self.sample_format]
        out = self._resample(mono)
        return (np.clip(out, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()

    def _resample(self, mono: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        return mono if self._resampler is None else self._resampler.push(mono)


def rms_level(pcm16: bytes) -> float:
    """Loudness for the level meter, 0..1 on a dBFS scale (-60 dB -> 0, 0 dB -> 1)."""
    samples = np.frombuffer(pcm16[: len(pcm16) - len(pcm16) % 2], dtype="<i2").astype(np.float32)
    if samples.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(samples**2))) / 32768.0
    if rms <= 1e-6:
        return 0.0
    return float(min(1.0, max(0.0, (20 * np.log10(rms) + 60) / 60)))
