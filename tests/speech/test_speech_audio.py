"""Audio loading, conversion and atomic saving, on real files written with soundfile."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from greenroom.core.errors import AudioError
from greenroom.speech import audio
from greenroom.speech.audio import (
    float_to_pcm16,
    load_audio,
    pcm16_to_float,
    save_answer_audio,
)
from greenroom.speech.resample import StreamResampler, resample
from support.audio_data import clip


def _tone(rate: int, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _dominant_hz(samples: np.ndarray, rate: int = 16_000) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


@pytest.mark.parametrize(
    ("rate", "fmt"),
    [(16_000, "WAV"), (8_000, "WAV"), (44_100, "FLAC"), (48_000, "WAV"), (22_050, "OGG")],
)
def test_load_any_rate_gives_16k_mono_with_the_same_pitch(
    tmp_path: Path, rate: int, fmt: str
) -> None:
    path = tmp_path / f"tone.{fmt.lower()}"
    sf.write(path, _tone(rate, 2.0), rate, format=fmt)
    samples = load_audio(path)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert abs(len(samples) - 32_000) <= 2
    assert abs(_dominant_hz(samples) - 440.0) < 2.0
    # Amplitude survives resampling (no gain error from the filter).
    assert 0.45 < float(np.abs(samples[1000:-1000]).max()) < 0.55


def test_downsampling_removes_content_above_the_new_nyquist() -> None:
    # A 12 kHz tone at 48 kHz cannot exist at 16 kHz: it must vanish, not alias to 4 kHz.
    out = resample(_tone(48_000, 1.0, 12_000.0), 48_000, 16_000)
    assert float(np.sqrt(np.mean(out[200:-200] ** 2))) < 0.01


@pytest.mark.parametrize("rate", [8_000, 22_050, 44_100, 48_000])
def test_resampling_in_pieces_gives_the_same_samples_as_all_at_once(rate: int) -> None:
    # Live capture resamples chunk by chunk with the filter that loads files: same output.
    signal = np.random.default_rng(rate).uniform(-0.5, 0.5, rate * 2).astype(np.float32)
    stream, pieces, i = StreamResampler(rate, 16_000), [], 0
    for size in np.random.default_rng(1).integers(1, 5000, 200):
        pieces.append(stream.push(signal[i : i + size]))
        i += int(size)
    pieces += [stream.push(signal[i:]), stream.flush()]
    assert np.array_equal(np.concatenate(pieces), resample(signal, rate, 16_000))


def test_stereo_is_downmixed(tmp_path: Path) -> None:
    left = _tone(16_000, 1.0)
    stereo = np.stack([left, np.zeros_like(left)], axis=1)
    path = tmp_path / "stereo.wav"
    sf.write(path, stereo, 16_000)
    samples = load_audio(path)
    assert np.allclose(samples, left / 2, atol=1e-3)


@pytest.mark.parametrize("rate", [16_000, 48_000])
def test_stereo_whose_channels_cancel_out_loads_one_channel(tmp_path: Path, rate: int) -> None:
    # One channel wired with inverted polarity: the average is silence, so no words at all.
    speech = load_audio(clip("praat_mary"))
    at_rate = resample(speech, 16_000, rate)
    path = tmp_path / "inverted.wav"
    sf.write(path, np.stack([at_rate, -at_rate], axis=1), rate)
    samples = load_audio(path)
    assert len(samples) == len(speech)
    # One of the two channels, whole (polarity does not change what is heard).
    assert min(np.abs(samples - speech).max(), np.abs(samples + speech).max()) < 0.01


def test_real_clip_loads() -> None:
    samples = load_audio(clip("jfk"))
    assert abs(len(samples) / 16_000 - 11.0) < 0.01


def test_silent_file_loads_as_zeros(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    sf.write(path, np.zeros(16_000, np.float32), 16_000)
    assert not load_audio(path).any()


@pytest.mark.parametrize("content", [b"", b"RIFF\x00\x00\x00\x00WAVEjunk" * 3, b"not audio"])
def test_empty_or_corrupt_file_is_a_clear_audio_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "answer.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError) as info:
        load_audio(path)
    assert str(path) in str(info.value)
    assert info.value.fix


def test_unsupported_format_names_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "answer.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200)
    with pytest.raises(AudioError, match="WAV, FLAC or OGG"):
        load_audio(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="not found"):
        load_audio(tmp_path / "nope.wav")


def test_too_long_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.wav"
    sf.write(path, np.zeros(16_000 * 3, np.float32), 16_000)
    monkeypatch.setattr(audio, "MAX_SECONDS", 2)
    with pytest.raises(AudioError, match="hours long"):
        load_audio(path)


def test_pcm_round_trip() -> None:
    samples = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 2.0], dtype=np.float32)
    data = float_to_pcm16(samples)
    assert len(data) == 12
    back = pcm16_to_float(data)
    assert np.allclose(back, np.clip(samples, -1, 1), atol=1e-4)
    with pytest.raises(AudioError):
        pcm16_to_float(b"\x00\x01\x02")


@pytest.mark.parametrize("suffix", [".flac", ".wav"])
def test_save_answer_audio_round_trips_and_leaves_no_temp_file(tmp_path: Path, suffix: str) -> None:
    samples = _tone(16_000, 1.0)
    path = save_answer_audio(tmp_path / "answers" / f"a1{suffix}", samples)
    assert np.allclose(load_audio(path), samples, atol=1e-3)
    assert os.listdir(path.parent) == [path.name]


def test_failed_save_leaves_nothing_under_the_final_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    final = tmp_path / "a1.flac"

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(audio.sf, "write", disk_full)
    with pytest.raises(AudioError, match="free disk space"):
        save_answer_audio(final, _tone(16_000, 1.0))
    assert list(tmp_path.iterdir()) == []


def test_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    final = save_answer_audio(tmp_path / "a1.wav", _tone(16_000, 0.5))
    before = final.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(AudioError):
        save_answer_audio(final, np.zeros(100, np.float32))
    assert final.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a1.wav"]


def test_save_refuses_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"\.flac"):
        save_answer_audio(tmp_path / "a.mp3", np.zeros(10, np.float32))


def test_partial_files_from_a_crash_are_removed_at_start_and_answers_are_kept(
    tmp_path: Path,
) -> None:
    from greenroom.paths import resolve_paths
    from greenroom.services.startup import open_store
    from greenroom.speech.audio import save_answer_audio

    paths = resolve_paths(tmp_path / "home")
    kept = save_answer_audio(
        paths.audio / "2026-11" / "s1-q1-t1.flac", np.zeros(16000, dtype=np.float32)
    )
    crashed = paths.audio / "2026-11" / ".s1-q2-t1.x7k2.flac.part"
    crashed.write_bytes(b"fLaC half")
    open_store(paths).engine.dispose()
    assert kept.exists() and not crashed.exists()
