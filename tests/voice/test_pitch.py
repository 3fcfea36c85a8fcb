"""The pitch tracker (swift-f0 via greenroom.voice) against known pitches, espeak-ng and real
speech, and the voice figures the app shows built on it.

Synthetic signals are harmonic (a fundamental and four overtones, like a voice): swift-f0 does
not call a pure low sine voiced, which no speaker produces.
"""

from __future__ import annotations

import math
import shutil
import statistics
import subprocess
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from voice_helpers import voice_figures

from greenroom.analysis.voice import MONOTONE_ST, VoiceStats
from greenroom.core.voice import VoiceTrack
from greenroom.speech.audio import SAMPLE_RATE
from greenroom.voice import track_file, track_samples

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"
TEXT = (
    "I saw the deadline slipping two weeks out, so I told my manager the same day. "
    "We made a new plan together and the release went out on time."
)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")


def _harmonic(f0: npt.NDArray[np.float64]) -> npt.NDArray[np.float32]:
    phase = 2 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    return np.asarray(sum(0.2 / k * np.sin(k * phase) for k in range(1, 6)), dtype=np.float32)


def _voiced(track: VoiceTrack) -> list[tuple[float, float]]:
    return [(k * track.frame_period, f) for k, f in enumerate(track.f0) if f > 0]


def _voice(track: VoiceTrack, text: str = TEXT) -> VoiceStats:
    return voice_figures(track, text)


@pytest.mark.parametrize("hz", [85.0, 110.0, 165.0, 220.0, 330.0])
def test_steady_tones_are_tracked_within_2_percent(hz: float) -> None:
    track = track_samples(_harmonic(np.full(2 * SAMPLE_RATE, hz)))
    voiced = _voiced(track)
    assert len(voiced) * track.frame_period > 1.5
    assert all(abs(f / hz - 1) < 0.02 for _, f in voiced)


def test_a_glide_is_followed_frame_by_frame_within_2_percent() -> None:
    seconds = 4.0
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    track = track_samples(_harmonic(100.0 * 2 ** (t / seconds)))  # one octave up, 100-200 Hz
    voiced = [(time, f) for time, f in _voiced(track) if 0.1 < time < seconds - 0.1]
    assert len(voiced) * track.frame_period > 2.0
    errors = [abs(f / (100.0 * 2 ** (time / seconds)) - 1) for time, f in voiced]
    assert statistics.median(errors) < 0.01 and max(errors) < 0.02
    stats = _voice(track, "up " * 12)
    assert stats.pitch_range_st is not None and 9 < stats.pitch_range_st < 12
    assert stats.monotone is False


def test_silence_and_noise_have_no_pitch() -> None:
    assert _voiced(track_samples(np.zeros(SAMPLE_RATE, dtype=np.float32))) == []
    noise = np.random.default_rng(7).normal(0, 0.1, 2 * SAMPLE_RATE).astype(np.float32)
    assert len(_voiced(track_samples(noise))) * 0.016 < 0.2


def _espeak(tmp_path: Path, name: str, *args: str) -> VoiceTrack:
    wav = tmp_path / f"{name}.wav"
    subprocess.run(["espeak-ng", *args, "-w", str(wav)], check=True, capture_output=True)
    return track_file(wav)


@needs_espeak
def test_espeak_pitch_settings_come_out_in_order(tmp_path: Path) -> None:
    medians = [_voice(_espeak(tmp_path, f"p{p}", "-p", str(p), TEXT)).pitch_median_hz for p in
               (20, 50, 80)]  # fmt: skip
    assert all(m is not None for m in medians)
    assert medians == sorted(medians) and len(set(medians)) == 3


@needs_espeak
def test_a_monotone_reading_is_told_apart_from_a_varied_one(tmp_path: Path) -> None:
    def reading(pitch_range: str) -> VoiceStats:
        ssml = f'<speak><prosody range="{pitch_range}">{TEXT}</prosody></speak>'
        return _voice(_espeak(tmp_path, pitch_range, "-m", ssml))

    flat, lively = reading("x-low"), reading("x-high")
    assert flat.monotone is True and lively.monotone is False
    assert flat.pitch_variation_st is not None and lively.pitch_variation_st is not None
    assert flat.pitch_variation_st < MONOTONE_ST < lively.pitch_variation_st


@pytest.mark.parametrize("name", ["jfk", "ps_librivox_0870", "ps_librivox_0920", "mfa_long"])
def test_real_recorded_speech_gets_voice_figures_in_human_ranges(name: str) -> None:
    track = track_file(AUDIO / f"{name}.flac")
    stats = _voice(track, "word " * max(3, int(track.duration * 2.5)))
    assert stats.pitch_median_hz is not None and 70 < stats.pitch_median_hz < 300
    # Read and spoken English varies by 2-4 semitones (docs/metrics.md): none of it is monotone.
    assert stats.pitch_variation_st is not None and stats.pitch_variation_st > MONOTONE_ST
    assert stats.monotone is False
    assert stats.loudness_dbfs is not None and -60 < stats.loudness_dbfs < 0
    assert stats.notes == ()


def test_a_female_voice_tracks_higher_than_a_male_voice() -> None:
    # CMU ARCTIC: axb is a female speaker, aew a male one.
    female = _voice(track_file(AUDIO / "pra_arctic_axb_a0004.flac"), "word " * 7)
    male = _voice(track_file(AUDIO / "pra_arctic_aew_a0001.flac"), "word " * 9)
    assert female.pitch_median_hz and male.pitch_median_hz
    assert 12 * math.log2(female.pitch_median_hz / male.pitch_median_hz) > 5


def test_a_sentence_too_short_to_judge_gets_its_pitch_but_a_note_instead_of_a_variation() -> None:
    stats = _voice(track_file(AUDIO / "ds_arctic_a0024.flac"), "word " * 12)
    assert stats.pitch_median_hz is not None
    assert stats.pitch_variation_st is None and stats.monotone is None
    assert any("too little to judge pitch variation" in n for n in stats.notes)
