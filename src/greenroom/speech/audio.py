"""Audio files and PCM buffers in the one format the engines take: 16 kHz mono float32.

Every answer's audio is saved next to the database (DESIGN.md section 3). ``save_answer_audio``
writes it with ``core.atomic_file.replacing``, so a crash or a full disk never leaves half a file
under the real name.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile as sf

from greenroom.core.atomic_file import replacing
from greenroom.core.errors import AudioError
from greenroom.speech.resample import FloatArray, resample

log = logging.getLogger(__name__)
SAMPLE_RATE = 16_000
# Longer than any interview answer by far; beyond this a file is almost certainly the wrong one
# and would need gigabytes of memory.
MAX_SECONDS = 2 * 60 * 60
# Read a file in pieces so a long 48 kHz stereo file is downmixed before it is all in memory.
_READ_FRAMES = 1 << 20
# Channels that cancel out when averaged (one wired with inverted polarity, a known fault of some
# stereo microphones) leave near silence: no words at all. When the average keeps less than this
# share of the channels' energy (identical channels keep all of it, unrelated ones half, one
# silent channel half), the loudest channel is used instead.
_CANCELLED_SHARE = 0.1
_SUFFIX_FORMATS = {".wav": "WAV", ".flac": "FLAC", ".ogg": "OGG"}


def load_audio(path: Path | str) -> FloatArray:
    """Load a WAV, FLAC or OGG file as 16 kHz mono float32 in -1..1.

    Stereo is averaged to mono and other sample rates are resampled.

    Args:
        path: The audio file.

    Returns:
        The samples; an all-silent file gives zeros, not an error.

    Raises:
        AudioError: The file is missing, empty, corrupt, in a format soundfile cannot read,
            or longer than two hours.
    """
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise AudioError("audio file not found", where=where, fix="Check the path and try again")
    if path.stat().st_size == 0:
        raise AudioError(
            "the audio file is empty (0 bytes)",
            where=where,
            fix="Record the answer again or choose another file",
        )
    try:
        with sf.SoundFile(str(path)) as f:
            rate, frames = int(f.samplerate), int(f.frames)
            if frames <= 0:
                raise AudioError(
                    "the audio file contains no samples",
                    where=where,
                    fix="Record the answer again or choose another file",
                )
            if frames / rate > MAX_SECONDS:
                raise AudioError(
                    f"the recording is {frames / rate / 3600:.1f} hours long; "
                    f"at most {MAX_SECONDS // 3600} hours can be transcribed",
                    where=where,
                    fix="Cut the file into shorter pieces first",
                )
            mono = _read_mono(f)
    except sf.LibsndfileError as exc:
        raise AudioError(
            f"cannot read this audio file ({exc.error_string})",
            where=where,
            fix="Use a WAV, FLAC or OGG file; convert other formats first, "
            "for example with `sox in.mp3 out.wav`",
        ) from exc
    except (RuntimeError, ValueError) as exc:  # soundfile raises these for truncated files
        raise AudioError(
            f"the audio file is damaged ({exc})",
            where=where,
            fix="Record the answer again or choose another file",
        ) from exc
    return resample(mono, rate, SAMPLE_RATE)


def _read_mono(f: sf.SoundFile) -> FloatArray:
    parts: list[FloatArray] = []
    channel_energy = np.zeros(f.channels)
    mix_energy = 0.0
    while True:
        block = f.read(_READ_FRAMES, dtype="float32", always_2d=True)
        if len(block) == 0:
            break
        mix = block.mean(axis=1, dtype=np.float32)
        parts.append(mix)
        if f.channels > 1:
            channel_energy += np.square(block, dtype=np.float64).sum(axis=0)
            mix_energy += float(np.dot(mix.astype(np.float64), mix))
    if f.channels > 1 and mix_energy < _CANCELLED_SHARE * channel_energy.mean():
        loudest = int(np.argmax(channel_energy))
        log.info("%s: the channels cancel out when mixed; using channel %d", f.name, loudest + 1)
        return _read_channel(f, loudest)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


def _read_channel(f: sf.SoundFile, channel: int) -> FloatArray:
    f.seek(0)
    parts: list[FloatArray] = []
    while len(block := f.read(_READ_FRAMES, dtype="float32", always_2d=True)):
        parts.append(np.ascontiguousarray(block[:, channel]))
    return np.concatenate(parts)


def pcm16_to_float(data: bytes | bytearray | memoryview) -> FloatArray:
    """Convert little-endian signed 16-bit PCM bytes to float32 in -1..1.

    Raises:
        AudioError: The byte count is odd, so the buffer cannot be 16-bit samples.
    """
    if len(data) % 2:
        raise AudioError(
            f"a 16-bit PCM buffer has an odd length ({len(data)} bytes)",
            where="audio capture",
            fix="Capture 16-bit mono audio",
        )
    ints = np.frombuffer(bytes(data), dtype="<i2")
    return (ints.astype(np.float32) / 32768.0).astype(np.float32)


def float_to_pcm16(samples: npt.NDArray[np.floating]) -> bytes:
    """Convert float samples in -1..1 to little-endian signed 16-bit PCM bytes (clipped)."""
    scaled = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0) * 32767.0
    return bytes(np.rint(scaled).astype("<i2").tobytes())


# What writing an audio file raises when the disk is full, the folder is not writable, or
# libsndfile fails.
SAVE_ERRORS = (OSError, sf.LibsndfileError, RuntimeError)


def answer_file_format(path: Path) -> tuple[str, str]:
    """libsndfile's format and subtype for an answer file, chosen by its suffix.

    Raises:
        AudioError: The suffix is not .flac, .wav or .ogg.
    """
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise AudioError(
            f"cannot save audio as '{path.suffix}'",
            where=str(path),
            fix="Use a .flac, .wav or .ogg file name",
        )
    return fmt, "PCM_16" if fmt != "OGG" else "VORBIS"


def answer_not_saved(path: Path, exc: BaseException) -> AudioError:
    """The error an answer's audio file that could not be written gets."""
    return AudioError(
        f"could not save the answer audio ({exc})",
        where=str(path),
        fix="Check there is free disk space and the folder is writable",
    )


def save_answer_audio(
    path: Path | str, samples: npt.NDArray[np.floating], *, sample_rate: int = SAMPLE_RATE
) -> Path:
    """Write an answer's audio atomically as FLAC, WAV or OGG (chosen by the suffix).

    The data goes to a temporary file in the same folder, is flushed to disk, and only then
    replaces ``path`` (``core.atomic_file.replacing``).

    Args:
        path: Final file name ending in .flac, .wav or .ogg.
        samples: Mono float samples in -1..1.
        sample_rate: Sample rate of ``samples``.

    Returns:
        ``path`` as a Path.

    Raises:
        AudioError: Unsupported suffix, or the file could not be written (disk full, no
            permission); nothing is left under ``path`` or the temporary name.
    """
    path = Path(path)
    fmt, subtype = answer_file_format(path)
    data = np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1.0, 1.0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as tmp:
            # By name, not through a Python file object: libsndfile then reports a full disk as
            # an error instead of an exception escaping its write callback (tests/reliability).
            sf.write(str(tmp), data, sample_rate, format=fmt, subtype=subtype)
    except SAVE_ERRORS as exc:
        raise answer_not_saved(path, exc) from exc
    return path
