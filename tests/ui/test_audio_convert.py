"""Device formats other than 16 kHz mono int16 are converted without losing or shifting audio."""

from __future__ import annotations

import numpy as np
import pytest

from greenroom.speech.audio import float_to_pcm16, load_audio
from greenroom.speech.streaming import StreamingTranscriber
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui.audio.convert import PcmConverter, rms_level
from support.audio_data import clip
from support.bad_input import fft_resample
from support.wer import edit_distance, normalise


def _sine(rate: int, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _dominant_frequency(pcm: bytes) -> float:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / 16000)[np.argmax(spectrum)])


def _device_bytes(mono: np.ndarray, channels: int, fmt: str) -> bytes:
    """What a device in that format delivers for ``mono`` (the same on every channel)."""
    frames = np.repeat(mono[:, None], channels, axis=1)
    if fmt == "Float":
        return frames.astype("<f4").tobytes()
    if fmt == "Int16":
        return (frames * 32767).astype("<i2").tobytes()
    if fmt == "Int32":
        return (frames * 2147483647).astype("<i4").tobytes()
    return (frames * 127 + 128).astype(np.uint8).tobytes()


def _in_chunks(conv: PcmConverter, data: bytes, seed: int = 1) -> bytes:
    rng = np.random.default_rng(seed)
    out, i = [], 0
    while i < len(data):
        n = int(rng.integers(1, 4000))  # odd sizes split frames, as real devices do
        out.append(conv.convert(data[i : i + n]))
        i += n
    return b"".join(out)


@pytest.mark.parametrize(
    ("rate", "channels", "fmt"),
    [
        (48000, 2, "Float"),
        (44100, 1, "Int16"),
        (32000, 2, "Int32"),
        (8000, 1, "UInt8"),
        (16000, 2, "Int16"),
    ],
)
def test_converted_audio_keeps_its_length_and_pitch(rate: int, channels: int, fmt: str) -> None:
    data = _device_bytes(_sine(rate, 2.0), channels, fmt)
    out = _in_chunks(PcmConverter(rate=rate, channels=channels, sample_format=fmt), data)
    # Two seconds at 16 kHz, less what the resampling filter holds back for its look-ahead
    # until more audio comes: 1 ms (2 ms from 8 kHz), never more.
    assert 32000 - 32 <= len(out) // 2 <= 32000
    assert _dominant_frequency(out) == pytest.approx(440, abs=10)


def _level_at(rate: int, freq: float, at: float) -> float:
    """dB, relative to the input, at ``at`` Hz after converting a ``freq`` Hz tone to 16 kHz."""
    tone = _sine(rate, 1.0, freq)
    out = _in_chunks(
        PcmConverter(rate=rate, channels=1, sample_format="Float"), tone.astype("<f4").tobytes()
    )
    x = np.frombuffer(out, dtype="<i2").astype(np.float32)[800:-800] / 32768
    window = np.hanning(len(x))
    spectrum = np.abs(np.fft.rfft(x * window)) * 2 / window.sum()
    near = np.abs(np.fft.rfftfreq(len(x), 1 / 16000) - at) < 50
    return float(20 * np.log10(spectrum[near].max() / 0.5 + 1e-12))


@pytest.mark.parametrize("rate", [44100, 48000])
@pytest.mark.parametrize("freq", [10000.0, 12000.0])
def test_sound_above_8khz_does_not_fold_into_the_speech_band(rate: int, freq: float) -> None:
    # A 10 kHz tone at 44.1 kHz must vanish at 16 kHz, not come back as a 6 kHz whistle.
    assert _level_at(rate, freq, at=16000 - freq) < -60
    assert _level_at(rate, 3000.0, at=3000.0) > -1  # while speech frequencies pass


def test_chunked_conversion_matches_converting_all_at_once() -> None:
    data = (_sine(44100, 1.0) * 32767).astype("<i2").tobytes()
    whole = PcmConverter(rate=44100, channels=1, sample_format="Int16").convert(data)
    chunked = _in_chunks(PcmConverter(rate=44100, channels=1, sample_format="Int16"), data, seed=7)
    a = np.frombuffer(whole, dtype="<i2").astype(int)
    b = np.frombuffer(chunked, dtype="<i2").astype(int)
    assert len(a) == len(b)
    assert np.max(np.abs(a - b)) <= 1


def test_16k_mono_int16_passes_through_untouched() -> None:
    data = bytes(range(256)) * 10
    assert PcmConverter(rate=16000, channels=1, sample_format="Int16").convert(data) == data


def test_level_meter_scale() -> None:
    silence = bytes(3200)
    loud = (np.full(1600, 0.9) * 32767).astype("<i2").tobytes()
    quiet = (np.full(1600, 0.01) * 32767).astype("<i2").tobytes()  # -40 dBFS
    assert rms_level(silence) == 0.0
    assert rms_level(loud) > 0.95
    assert rms_level(quiet) == pytest.approx(1 / 3, abs=0.02)


@pytest.fixture(scope="module")
def whisper() -> WhisperEngine:
    return WhisperEngine.create()


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("rate", "channels", "fmt"), [(48000, 2, "Int16"), (44100, 2, "Float"), (8000, 1, "Int16")]
)
def test_a_device_at_another_rate_gives_the_words_of_16k_mono(
    whisper: WhisperEngine, rate: int, channels: int, fmt: str
) -> None:
    """Issue 13 on the app's path: a microphone that only offers its own format, converted in
    the odd-sized chunks devices deliver, then heard by the streaming transcriber the recorder
    feeds (its words do not depend on how the audio is chunked)."""
    speech = load_audio(clip("ps_librivox_0870"))
    conv = PcmConverter(rate=rate, channels=channels, sample_format=fmt)
    heard = StreamingTranscriber(whisper)
    heard.feed(_in_chunks(conv, _device_bytes(fft_resample(speech, rate), channels, fmt)))
    at_16k = StreamingTranscriber(whisper)
    at_16k.feed(float_to_pcm16(speech))
    got, want = heard.finish().text, at_16k.finish().text
    assert edit_distance(normalise(want), normalise(got)) <= 1, (want, got)
