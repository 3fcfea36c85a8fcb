"""The streaming transcriber fed a real 2-minute answer in capture-sized chunks."""

from __future__ import annotations

import itertools
import threading
import time

import numpy as np
import pytest
from speech_helpers import word_error_rate

from greenroom.core.errors import SpeechEngineError
from greenroom.core.transcript import Transcript, Word
from greenroom.speech.audio import float_to_pcm16, load_audio
from greenroom.speech.streaming import StreamingTranscriber
from greenroom.speech.transcribe import transcribe_samples
from greenroom.speech.whisper_engine import WhisperEngine
from support.audio_data import Joined, answer_2min, clip


@pytest.fixture(scope="module")
def built() -> Joined:
    return answer_2min()


@pytest.fixture(scope="module")
def answer(built: Joined) -> np.ndarray:
    return load_audio(built.path)


@pytest.fixture(scope="module")
def whole_file(whisper: WhisperEngine, answer: np.ndarray) -> Transcript:
    return transcribe_samples(answer, whisper)


@pytest.mark.slow
def test_streamed_answer_matches_the_whole_file_pass(
    whisper: WhisperEngine, built: Joined, answer: np.ndarray, whole_file: Transcript
) -> None:
    partials: list[int] = []
    stream = StreamingTranscriber(whisper, on_partial=lambda words: partials.append(len(words)))
    # 100 ms of int16 PCM per chunk, as the capture thread delivers it (not in real time).
    for i in range(0, len(answer), 1600):
        stream.feed(float_to_pcm16(answer[i : i + 1600]))
    result = stream.finish()

    assert result.engine == "faster-whisper" and result.model == "tiny.en"
    assert abs(result.duration - built.seconds) < 0.01
    assert partials == sorted(partials) and len(partials) > 5  # grew segment by segment
    first_part, last_part = built.parts[0], built.parts[-1]
    assert abs(result.words[0].start - first_part.start) < 1.0
    assert last_part.start - 0.5 < result.words[-1].end <= built.seconds + 0.01
    starts = [w.start for w in result.words]
    assert starts == sorted(starts)
    # Every part of the answer produced words: no segment was lost.
    for part in built.parts:
        assert any(part.start - 0.5 <= w.start <= part.end for w in result.words), part
    stream_wer = word_error_rate([built.reference], [result.text])
    file_wer = word_error_rate([built.reference], [whole_file.text])
    assert stream_wer < 0.12 and stream_wer <= file_wer * 1.05 + 0.005, (stream_wer, file_wer)
    # VAD segments are in answer time and do not overlap.
    segs = result.segments
    assert segs[0].start < 0.5 and all(a.end <= b.start for a, b in itertools.pairwise(segs))


class _FullWindowOnly:
    """The real engine without its short window: every job heard in Whisper's 30 s."""

    def __init__(self, engine: WhisperEngine) -> None:
        self.engine = engine
        self.name, self.model_name, self.is_online = engine.name, engine.model_name, False

    def transcribe(self, samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        return self.engine.transcribe(samples, offset=offset)


@pytest.mark.slow
def test_the_short_window_hears_speech_that_follows_speech_as_well(
    whisper: WhisperEngine, built: Joined, answer: np.ndarray, whole_file: Transcript
) -> None:
    # The 2-minute answer's 10 s stretches and its parts 0.8 s apart follow speech closely, so
    # the app hears them in the 15 s window; they must come out as well as in the full one.
    short_calls: list[float] = []
    hear_short = whisper.transcribe_short

    def counted(samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        short_calls.append(offset)
        return hear_short(samples, offset=offset)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(whisper, "transcribe_short", counted)
        short = transcribe_samples(answer, whisper)
    full = transcribe_samples(answer, _FullWindowOnly(whisper))  # type: ignore[arg-type]
    assert len(short_calls) >= 5, short_calls
    assert short.to_dict() == whole_file.to_dict()
    short_wer = word_error_rate([built.reference], [short.text])
    full_wer = word_error_rate([built.reference], [full.text])
    assert short_wer <= full_wer + 0.005, (short_wer, full_wer)


@pytest.mark.slow
def test_whole_file_pass_finds_the_pauses_between_the_parts(whole_file: Transcript) -> None:
    # The 0.8 s gaps between the joined clips are pauses in the VAD segments.
    gaps = [
        b.start - a.end for a, b in zip(whole_file.segments, whole_file.segments[1:], strict=False)
    ]
    assert sum(g > 0.5 for g in gaps) >= 15


@pytest.mark.slow
def test_whole_file_pass_transcribes_every_part(built: Joined, whole_file: Transcript) -> None:
    assert word_error_rate([built.reference], [whole_file.text]) < 0.1


class _FakeEngine:
    name = "fake"
    model_name = "fake-1"
    is_online = False

    def __init__(self, *, fail: bool = False, block: threading.Event | None = None) -> None:
        self.fail, self.block, self.calls = fail, block, 0

    def transcribe(self, samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        self.calls += 1
        if self.block is not None:
            self.block.wait(10)
        if self.fail:
            raise ValueError("decoder crashed")
        return [Word("word", offset, offset + len(samples) / 16_000)]


def _speech(seconds: float) -> np.ndarray:
    # Real speech so the real VAD closes segments: the JFK clip, looped.
    jfk = load_audio(clip("jfk"))
    return np.resize(jfk, int(seconds * 16_000)).astype(np.float32)


def test_worker_exception_is_raised_from_finish_as_speech_engine_error() -> None:
    stream = StreamingTranscriber(_FakeEngine(fail=True))
    stream.feed(_speech(12.0))
    with pytest.raises(SpeechEngineError, match="decoder crashed") as info:
        stream.finish()
    assert isinstance(info.value.__cause__, ValueError)


def test_finish_never_hangs_on_a_stuck_engine() -> None:
    gate = threading.Event()
    stream = StreamingTranscriber(_FakeEngine(block=gate))
    stream.feed(_speech(6.0))
    started = time.monotonic()
    with pytest.raises(SpeechEngineError, match=r"took longer than 0\.5 s"):
        stream.finish(timeout=0.5)
    assert time.monotonic() - started < 2.0
    gate.set()


def test_cancel_drops_pending_work_and_ignores_later_audio() -> None:
    gate = threading.Event()
    engine = _FakeEngine(block=gate)
    stream = StreamingTranscriber(engine)
    stream.feed(_speech(30.0))
    stream.cancel()
    gate.set()
    stream.feed(_speech(1.0))  # ignored, no error
    with pytest.raises(SpeechEngineError, match="cancelled"):
        stream.finish()
    assert engine.calls <= 1


def test_silence_only_answer_gives_an_empty_transcript() -> None:
    stream = StreamingTranscriber(_FakeEngine())
    for _ in range(30):
        stream.feed(np.zeros(1600, np.float32))
    result = stream.finish()
    assert result.words == () and result.segments == () and abs(result.duration - 3.0) < 1e-6


def test_feed_after_finish_is_an_error() -> None:
    stream = StreamingTranscriber(_FakeEngine())
    stream.finish()
    with pytest.raises(SpeechEngineError):
        stream.feed(np.zeros(160, np.float32))


def test_last_open_segment_is_flushed_on_finish() -> None:
    engine = _FakeEngine()
    stream = StreamingTranscriber(engine)
    stream.feed(_speech(4.0))  # speech right up to Stop: no closing silence
    result = stream.finish()
    assert result.words and result.words[-1].end > 3.5


def test_long_files_are_cut_into_chunks_inside_pauses() -> None:
    from greenroom.core.transcript import SpeechSegment
    from greenroom.speech.transcribe import chunk_spans

    # 30 minutes of 5 s utterances separated by 1 s pauses.
    segments = [SpeechSegment(i * 6.0, i * 6.0 + 5.0) for i in range(300)]
    spans = chunk_spans(segments, 1800.0, limit=120.0)
    assert spans[0][0] == 0.0 and spans[-1][1] == 1800.0
    assert all(b - a <= 120.0 for a, b in spans[:-1])
    assert segments[-1].end - spans[-1][0] <= 120.0
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    # Every cut falls inside a pause, never inside an utterance.
    assert all(not (s.start < a < s.end) for a, _ in spans for s in segments)
