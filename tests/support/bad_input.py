"""The bad input of issue 13, built from the recorded clips into a test's tmp_path (never stored).

Other sample rates are made with an FFT (exact band-limited resampling of the whole clip), not
with ``greenroom.speech.resample``, so a fault in Greenroom's resampler cannot hide in the input.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from greenroom.speech.audio import load_audio
from support.audio_data import RATE, clip

# "one two three" spoken with pauses between the words: each word cut out on its own.
ONE_WORD_CUTS = {"one": (0.0, 0.8), "two": (0.8, 1.85), "three": (1.85, 2.745)}


def fft_resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """16 kHz samples at ``rate``, band-limited to the lower of the two Nyquist frequencies."""
    n_out = round(len(samples) * rate / RATE)
    spectrum = np.fft.rfft(samples)
    kept = np.zeros(n_out // 2 + 1, dtype=complex)
    k = min(len(spectrum), len(kept))
    kept[:k] = spectrum[:k]
    return (np.fft.irfft(kept, n_out) * n_out / len(samples)).astype(np.float32)


def low_passed(samples: np.ndarray, hz: float) -> np.ndarray:
    """16 kHz samples with everything above ``hz`` removed (what an 8 kHz file can hold)."""
    spectrum = np.fft.rfft(samples)
    spectrum[np.fft.rfftfreq(len(samples), 1 / RATE) > hz] = 0
    return np.fft.irfft(spectrum, len(samples)).astype(np.float32)


def write_variant(
    folder: Path, name: str, *, rate: int = RATE, stereo: str = "", suffix: str = "wav"
) -> Path:
    """A clip at ``rate`` Hz, 16-bit, as a file; ``stereo`` is "" (mono), "same" (both
    channels), "delayed" (the second 6 dB quieter and 0.3 ms later, two microphones apart) or
    "inverted" (the second with its polarity flipped, a miswired microphone)."""
    audio = fft_resample(load_audio(clip(name)), rate)
    if stereo == "same":
        audio = np.stack([audio, audio], axis=1)
    elif stereo == "delayed":
        audio = np.stack([audio, 0.5 * np.roll(audio, round(0.0003 * rate))], axis=1)
    elif stereo == "inverted":
        audio = np.stack([audio, -audio], axis=1)
    path = folder / f"{name}-{rate}{'-' + stereo if stereo else ''}.{suffix}"
    subtype = "VORBIS" if suffix == "ogg" else "PCM_16"
    sf.write(path, np.clip(audio, -1.0, 1.0), rate, subtype=subtype)
    return path


def one_word(folder: Path, word: str, *, before: float = 1.5, after: float = 2.0) -> Path:
    """One word of "one two three" alone, with silence before and after it."""
    start, end = ONE_WORD_CUTS[word]
    spoken = load_audio(clip("sr_english"))[round(start * RATE) : round(end * RATE)]
    audio = np.concatenate([silence(before), spoken, silence(after)])
    path = folder / f"word-{word}.wav"
    sf.write(path, audio, RATE, subtype="PCM_16")
    return path


def silence(seconds: float, *, noise_dbfs: float | None = None) -> np.ndarray:
    """Digital silence, or a room's noise floor at ``noise_dbfs`` (seeded: always the same)."""
    n = round(seconds * RATE)
    if noise_dbfs is None:
        return np.zeros(n, np.float32)
    rng = np.random.default_rng(13)
    return rng.normal(0.0, 10 ** (noise_dbfs / 20), n).astype(np.float32)


def silent_file(folder: Path, seconds: float, *, noise_dbfs: float | None = None) -> Path:
    tag = "digital" if noise_dbfs is None else f"{noise_dbfs:g}dBFS"
    path = folder / f"silence-{tag}.wav"
    sf.write(path, silence(seconds, noise_dbfs=noise_dbfs), RATE, subtype="PCM_16")
    return path


def long_recording(folder: Path, seconds: float) -> tuple[Path, str, float]:
    """The read clips one after another until ``seconds``, with 0.8 s pauses and a 6-12 s
    silence about every 40 s, over a -60 dBFS floor: a long recording of someone talking.

    Returns:
        The FLAC, the reference transcript, and where the last clip starts (seconds).
    """
    from support.audio_data import clips

    read = [(load_audio(c.path), c.reference) for c in clips("read")]
    pieces, refs, t, since_break, last_start = [], [], 0.0, 0.0, 0.0
    for k in range(10_000):
        audio, ref = read[k % len(read)]
        if t + len(audio) / RATE > seconds:
            break
        last_start = t
        pieces.append(audio)
        refs.append(ref)
        t += len(audio) / RATE
        since_break += len(audio) / RATE
        gap = 0.8
        if since_break > 40.0:
            gap, since_break = 6.0 + 6.0 * (k % 3) / 2, 0.0
        pieces.append(silence(gap))
        t += gap
    audio = np.concatenate(pieces)
    audio = audio + silence(len(audio) / RATE, noise_dbfs=-60.0)[: len(audio)]
    path = folder / f"long-{seconds:g}s.flac"
    sf.write(path, np.clip(audio, -1.0, 1.0), RATE, subtype="PCM_16")
    return path, " ".join(refs), last_start
