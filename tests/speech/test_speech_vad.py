"""Voice activity detection on real clips with known inserted pauses and leading silences.

The true pause is the inserted gap plus the source clips' own silent edges, and the true onset
is the inserted lead plus the clip's own leading silence; those edges are measured from the clean
source clip (10 ms frames within 30 dB of its loudest frame).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from greenroom.core.errors import SpeechEngineError
from greenroom.speech.audio import load_audio
from greenroom.speech.segmenter import MAX_RISE_S, Segmenter
from greenroom.speech.vad import FRAME, FrameProbabilities, silero_session, speech_segments
from support.audio_data import clip, lead_file, lead_files, pause_files


def _edges(name: str) -> tuple[float, float]:
    samples = load_audio(clip(name))
    frames = samples[: len(samples) // 160 * 160].reshape(-1, 160)
    level = 10 * np.log10((frames**2).mean(axis=1) + 1e-12)
    loud = np.flatnonzero(level > max(level.max() - 30, -55))
    return loud[0] * 0.01, (loud[-1] + 1) * 0.01


def test_inserted_pauses_are_found_with_small_error() -> None:
    errors: list[float] = []
    for built in pause_files():
        segments = speech_segments(load_audio(built.path))
        gaps = [(a.end, b.start) for a, b in itertools.pairwise(segments)]
        for k, (g0, g1) in enumerate(built.gaps):
            before, after = built.parts[k], built.parts[k + 1]
            true_start = before.start + _edges(before.name)[1]
            true_end = after.start + _edges(after.name)[0]
            overlapping = [g for g in gaps if g[0] < g1 and g[1] > g0]
            assert overlapping, f"{built.path.name}: pause {g0:.2f}-{g1:.2f} not found"
            found = max(overlapping, key=lambda g: min(g[1], g1) - max(g[0], g0))
            errors.append((found[1] - found[0]) - (true_end - true_start))
    assert len(errors) == 20
    assert max(abs(e) for e in errors) < 0.35, errors
    assert float(np.mean(np.abs(errors))) < 0.2, errors


def test_first_word_onset_after_leading_silence() -> None:
    files = lead_files()
    assert len(files) == 24
    for built in files:
        segments = speech_segments(load_audio(built.path))
        truth = built.lead + _edges(built.parts[0].name)[0]
        assert abs(segments[0].start - truth) < 0.2, (built.path.name, segments[0].start, truth)


def test_faster_whispers_silero_internals_are_the_ones_the_stream_relies_on() -> None:
    # FrameProbabilities drives faster-whisper's Silero session directly, carrying its state.
    # If a faster-whisper release changes that session, this is the test that says so.
    session = silero_session()  # raises, naming what differs, if the inputs changed
    frames = np.zeros((2, FRAME + 64), np.float32)
    state = np.zeros((1, 1, 128), np.float32)
    probs, h, c = session.run(None, {"input": frames, "h": state, "c": state})
    assert probs.reshape(-1).shape == (2,), "one speech probability per 512-sample frame"
    assert h.shape == c.shape == (1, 1, 128), "the recurrent state the stream carries"


def test_a_changed_silero_session_is_reported_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import faster_whisper.vad

    class Renamed:
        session = type("S", (), {"get_inputs": lambda self: [], "get_outputs": lambda self: []})()

    monkeypatch.setattr(faster_whisper.vad, "get_vad_model", lambda: Renamed())
    with pytest.raises(SpeechEngineError, match="faster-whisper version below 2"):
        FrameProbabilities()


def test_incremental_probabilities_equal_the_whole_buffer_pass() -> None:
    from faster_whisper.vad import get_vad_model

    samples = load_audio(clip("jfk"))
    whole = get_vad_model()(samples[: len(samples) // FRAME * FRAME]).reshape(-1)
    stream = FrameProbabilities()
    pieces = [stream.push(samples[i : i + 1234]) for i in range(0, len(samples), 1234)]
    assert np.allclose(np.concatenate(pieces), whole, atol=1e-5)


def test_segmenter_closes_after_half_a_second_of_silence_and_caps_length() -> None:
    frames_per_s = 16_000 / FRAME
    speech, silence = [0.9] * int(2 * frames_per_s), [0.05] * int(0.3 * frames_per_s)
    seg = Segmenter()
    # A 0.3 s silence does not close the segment; 0.6 s does.
    assert seg.push(speech + silence + speech) == []
    closed = seg.push([0.05] * int(0.6 * frames_per_s))
    assert len(closed) == 1
    assert abs(closed[0].end / 16_000 - (4.3 + 0.1)) < 0.05  # end of speech + 100 ms pad
    # 25 s of speech without a pause is cut into pieces of at most ~10 s.
    long = seg.push([0.9] * int(25 * frames_per_s)) + seg.flush(10**9)
    lengths = [(c.end - c.start) / 16_000 for c in long]
    assert len(long) == 3 and max(lengths) <= 10.2
    assert all(a.end <= b.start for a, b in itertools.pairwise(long))


def test_segmenter_drops_clicks() -> None:
    seg = Segmenter()
    assert seg.push([0.9] + [0.0] * 40) == []
    assert seg.flush(10**6) == []


@pytest.mark.parametrize("lead", [1, 3, 6])
def test_streaming_segments_agree_with_the_whole_file_pass(lead: int) -> None:
    samples = load_audio(lead_file("jfk", lead, noisy=True).path)
    probs, seg = FrameProbabilities(), Segmenter()
    closed = []
    for i in range(0, len(samples), 1600):
        closed += seg.push(probs.push(samples[i : i + 1600]).tolist())
    closed += seg.flush(len(samples))
    # The job starts where the whole-file pass hears speech begin, or up to the climb before it
    # (a soft first sound under noise is not cut), never after it.
    early = speech_segments(samples)[0].start - closed[0].start / 16_000
    assert -0.05 < early < MAX_RISE_S + 0.15


def test_a_segment_starts_where_its_speech_began_to_rise() -> None:
    frames_per_s = 16_000 / FRAME
    pad = Segmenter().pad
    quiet, climb, speech = [0.02] * 40, [0.2] * 8, [0.9] * int(frames_per_s)
    # A soft onset (0.2 for 8 frames, 0.26 s) before the threshold is crossed: transcribed.
    seg = Segmenter()
    closed = seg.push(quiet + climb + speech + [0.0] * 30)
    assert [c.start for c in closed] == [40 * FRAME - pad]
    # A long murmur before speech is followed back at most MAX_RISE_S.
    seg = Segmenter()
    closed = seg.push(quiet + [0.2] * 100 + speech + [0.0] * 30)
    onset = 140 * FRAME
    assert abs((onset - closed[0].start - pad) / 16_000 - MAX_RISE_S) < FRAME / 16_000
    # A murmur that never becomes speech is nothing, and does not stretch the next segment back.
    seg = Segmenter()
    assert seg.push(quiet + [0.3] * 20 + quiet) == []
    closed = seg.push(speech + [0.0] * 30)
    assert [c.start for c in closed] == [100 * FRAME - pad]


def test_a_segment_not_open_yet_cannot_start_before_its_climb() -> None:
    """What lets the stream send a short segment alone: nothing later can merge with it."""
    frames_per_s = 16_000 / FRAME
    seg = Segmenter()
    pad, max_rise = seg.pad, round(MAX_RISE_S * frames_per_s)
    seg.push([0.9] * 10 + [0.0] * 20)
    assert seg.earliest_next_start() == 30 * FRAME - pad  # quiet: from the next frame on
    seg.push([0.2] * 5)  # a climb begins at frame 30 and holds the earliest start there
    assert seg.earliest_next_start() == 30 * FRAME - pad
    seg.push([0.2] * 2 * max_rise)  # ... but no further back than MAX_RISE_S from now
    assert seg.earliest_next_start() == (35 + max_rise) * FRAME - pad
    closed = seg.push([0.9] * 10 + [0.0] * 20)
    assert [c.start for c in closed] == [(35 + max_rise) * FRAME - pad]  # where it was held
