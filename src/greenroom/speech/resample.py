"""Polyphase windowed-sinc resampling in plain numpy.

The engines want 16 kHz, microphones and files give 8, 22.05, 44.1 or 48 kHz. scipy is not a
dependency, so this is a small rational-ratio polyphase filter: it computes each output sample
directly from the taps of one filter phase, never building the zero-stuffed signal, so memory
stays proportional to the output even for a long file.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

# Zero crossings of the sinc on each side of the centre. 16 keeps the stop band below about
# -80 dB with the Kaiser window while costing ~32 multiply-adds per output sample and phase.
_ZERO_CROSSINGS = 16
_KAISER_BETA = 8.6
# Cut off slightly below the target Nyquist so the transition band does not alias into speech.
_ROLLOFF = 0.94
# Output samples computed per numpy pass: bounds temporary memory to a few tens of MB.
_BLOCK = 1 << 18


@lru_cache(maxsize=8)
def _filter_bank(up: int, down: int) -> tuple[npt.NDArray[np.float64], int, int]:
    """Design the prototype low-pass filter and split it into ``up`` phases.

    Returns:
        (bank, taps_per_phase, delay) where ``bank[p, j]`` multiplies ``x[m // up - j]``
        for the output whose upsampled index ``m`` has ``m % up == p``.
    """
    ratio = max(up, down)
    half = _ZERO_CROSSINGS * ratio
    n = np.arange(-half, half + 1, dtype=np.float64)
    cutoff = _ROLLOFF * 0.5 / ratio  # cycles per upsampled sample
    taps = 2.0 * cutoff * np.sinc(2.0 * cutoff * n) * np.kaiser(len(n), _KAISER_BETA)
    taps *= up / taps.sum() * 1.0  # unity DC gain after zero-stuffing by ``up``
    per_phase = -(-len(taps) // up)
    padded = np.zeros(per_phase * up, dtype=np.float64)
    padded[: len(taps)] = taps
    bank = padded.reshape(per_phase, up).T.copy()
    return bank, per_phase, half


class StreamResampler:
    """Resample a mono stream piece by piece, exactly as ``resample`` does the whole signal.

    For live capture (ui/audio/convert.py) as well as files: each output sample is computed
    from the filter taps once the input it needs has arrived, so any split of the input gives
    the same samples. The filter looks 16 output samples ahead (1 ms at 16 kHz); ``flush``
    gives those at the end of a stream.
    """

    def __init__(self, rate_in: int, rate_out: int) -> None:
        frac = Fraction(rate_out, rate_in)
        self.up, self.down = frac.numerator, frac.denominator
        bank, self._taps, self._delay = _filter_bank(self.up, self.down)
        self._bank = bank.astype(np.float32)
        # The input, left-padded with zeros as if it had been preceded by silence; _start is
        # the padded index of _buf[0] (older input is dropped once no output needs it).
        self._buf = np.zeros(self._taps, np.float32)
        self._start = 0
        self._received = 0
        self._next = 0  # index of the next output sample

    def push(self, samples: npt.NDArray[np.floating]) -> FloatArray:
        """Feed input samples; returns every output sample they complete."""
        x = np.asarray(samples, dtype=np.float32).reshape(-1)
        self._buf = np.concatenate([self._buf, x])
        self._received += len(x)
        # Output n needs input up to (n * down + delay) // up.
        ready = -(-(self._received * self.up - self._delay) // self.down)
        return self._emit(max(ready, self._next))

    def flush(self) -> FloatArray:
        """The last outputs, as if silence followed; the stream is complete after this."""
        self._buf = np.concatenate([self._buf, np.zeros(self._taps + 1, np.float32)])
        return self._emit(-(-self._received * self.up // self.down))

    def _emit(self, stop: int) -> FloatArray:
        out = np.empty(max(0, stop - self._next), dtype=np.float32)
        for first in range(self._next, stop, _BLOCK):
            n = np.arange(first, min(first + _BLOCK, stop), dtype=np.int64)
            m = n * self.down + self._delay
            phase = m % self.up
            base = m // self.up + self._taps - self._start
            acc = np.zeros(len(n), dtype=np.float32)
            for j in range(self._taps):
                acc += self._bank[phase, j] * self._buf[base - j]
            out[first - self._next : first - self._next + len(n)] = acc
        self._next = max(self._next, stop)
        # Keep only the input that later outputs still reach back to.
        oldest = (self._next * self.down + self._delay) // self.up + 1 - self._start
        if oldest > 0:
            self._buf = self._buf[oldest:]
            self._start += oldest
        return out


def resample(samples: npt.NDArray[np.floating], rate_in: int, rate_out: int) -> FloatArray:
    """Resample a mono signal from ``rate_in`` to ``rate_out`` Hz.

    Args:
        samples: One-dimensional float array.
        rate_in: Sample rate of ``samples`` in Hz.
        rate_out: Wanted sample rate in Hz.

    Returns:
        float32 array of ``ceil(len(samples) * rate_out / rate_in)`` samples.
    """
    x = np.asarray(samples, dtype=np.float32)
    if rate_in == rate_out or len(x) == 0:
        return x.copy()
    stream = StreamResampler(rate_in, rate_out)
    return np.concatenate([stream.push(x), stream.flush()])
