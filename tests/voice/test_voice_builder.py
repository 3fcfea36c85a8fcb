"""The voice tracked while an answer is recorded (VoiceTrackBuilder) against the whole recording
tracked at once: the same track, ready as soon as the last block is done.

Audio goes in as the microphone delivers it: 16-bit PCM in 100 ms chunks (and in odd-sized
chunks, so blocks do not fall on frame boundaries by luck).
"""

from __future__ import annotations

import threading
import time

import numpy as np
import numpy.typing as npt
import pytest
from voice_helpers import voice_figures

from greenroom.core.errors import GreenroomError
from greenroom.core.voice import VoiceTrack
from greenroom.speech.audio import SAMPLE_RATE, float_to_pcm16, load_audio, pcm16_to_float
from greenroom.voice import VoiceTrackBuilder, track_samples
from support.audio_data import clip, reference

MIC_CHUNK = SAMPLE_RATE // 10 * 2  # bytes of 100 ms of 16-bit PCM


def _pcm(name: str) -> bytes:
    return float_to_pcm16(load_audio(clip(name)))


def _built(pcm: bytes, *, chunk: int = MIC_CHUNK, block_s: float = 4.0) -> VoiceTrack:
    builder = VoiceTrackBuilder(block_s=block_s)
    for i in range(0, len(pcm), chunk):
        builder.feed(pcm[i : i + chunk])
    return builder.finish()


def _voiced(track: VoiceTrack) -> npt.NDArray[np.bool_]:
    return np.asarray(track.f0) > 0


@pytest.mark.parametrize(
    ("name", "chunk", "block_s"),
    [
        ("jfk", MIC_CHUNK, 1.0),  # read speech, a block edge every second
        ("mfa_long", MIC_CHUNK, 4.0),  # disfluent speech with pauses, the app's blocks
        ("ps_librivox_0870", 2 * 1237, 1.5),  # chunks and blocks off the 256-sample frames
    ],
)
def test_the_track_built_while_recording_is_the_whole_recordings_track(
    name: str, chunk: int, block_s: float
) -> None:
    pcm = _pcm(name)
    whole = track_samples(pcm16_to_float(pcm))  # what the saved file gives
    built = _built(pcm, chunk=chunk, block_s=block_s)

    assert len(built.f0) == len(whole.f0) and built.duration == whole.duration
    edges = int(whole.duration / block_s)
    assert np.sum(_voiced(built) != _voiced(whole)) <= edges  # measured: 0
    both = _voiced(built) & _voiced(whole)
    assert np.max(np.abs(np.subtract(built.f0, whole.f0)[both])) < 0.5  # Hz; measured: 0
    assert np.max(np.abs(np.subtract(built.level, whole.level))) < 0.1  # dB; measured: 0
    assert (built.peak, built.clipped) == (whole.peak, whole.clipped)

    text = reference(name)
    shown, expected = voice_figures(built, text), voice_figures(whole, text)
    assert shown.monotone == expected.monotone and shown.notes == expected.notes
    for figure in ("pitch_median_hz", "pitch_range_st", "pitch_variation_st"):
        assert getattr(shown, figure) == pytest.approx(getattr(expected, figure), abs=0.1)
    for figure in ("loudness_dbfs", "loudness_variation_db", "loudness_trend_db"):
        assert getattr(shown, figure) == pytest.approx(getattr(expected, figure), abs=0.1)


def test_blocks_are_tracked_while_the_audio_arrives_not_at_the_end() -> None:
    pcm = _pcm("jfk")  # 11 s
    builder = VoiceTrackBuilder(block_s=2.0)
    for i in range(0, len(pcm), MIC_CHUNK):
        builder.feed(pcm[i : i + MIC_CHUNK])
    # Before finish: every whole block but the model's look-ahead (10 frames) is done.
    deadline = time.monotonic() + 20
    while builder.tracked_seconds < 9.5:
        assert time.monotonic() < deadline, "the blocks were not tracked while recording"
        time.sleep(0.02)
    track = builder.finish()
    assert builder.tracked_seconds == pytest.approx(track.duration, abs=0.016)


def test_feeding_never_waits_for_the_tracker() -> None:
    """The capture thread only copies and queues: a minute of audio goes in far faster than
    it could be tracked (about 1 s per minute here)."""
    minute = np.tile(np.frombuffer(_pcm("jfk"), dtype=np.int16), 6)[: 60 * SAMPLE_RATE]
    pcm = minute.tobytes()
    builder = VoiceTrackBuilder()
    began = time.perf_counter()
    for i in range(0, len(pcm), MIC_CHUNK):
        builder.feed(pcm[i : i + MIC_CHUNK])
    fed = time.perf_counter() - began
    assert fed < 0.25, f"feeding a minute took {fed:.2f} s"
    assert builder.tracked_seconds < 60  # the tracker had not caught up: feeding did not wait
    builder.cancel()
    assert builder.join(5)


def test_silence_and_audio_too_short_to_track_give_the_same_track_as_the_whole_file() -> None:
    for samples in (np.zeros(3 * SAMPLE_RATE, dtype=np.float32), np.zeros(300, np.float32)):
        builder = VoiceTrackBuilder(block_s=1.0)
        builder.feed(samples)
        assert builder.finish() == track_samples(samples)
    nothing = VoiceTrackBuilder()
    assert nothing.finish() == track_samples(np.zeros(0, dtype=np.float32))


def test_a_cancelled_builder_stops_its_thread_and_gives_no_track() -> None:
    builder = VoiceTrackBuilder(block_s=1.0)
    builder.feed(_pcm("jfk"))
    builder.cancel()
    assert builder.join(5), "the voice thread did not stop"
    builder.feed(_pcm("jfk"))  # audio after cancel is ignored, not an error on the mic thread
    with pytest.raises(GreenroomError, match="cancelled"):
        builder.finish()
    assert not [t for t in threading.enumerate() if t.name == "greenroom-voice"]


def test_unreadable_audio_is_reported_by_finish_not_on_the_capture_thread() -> None:
    builder = VoiceTrackBuilder()
    builder.feed(b"\x00\x01\x02")  # an odd byte count cannot be 16-bit samples
    with pytest.raises(GreenroomError, match="odd length"):
        builder.finish()
    assert builder.join(5)
