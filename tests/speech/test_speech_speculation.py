"""Guessing words ahead of time: a Stop after a pause finds them done; guesses never leak.

The fake engine takes as long as the real one (tiny.en: ~0.3-0.5 s a call on this machine) on
the transcriber's own worker thread, and the audio goes in at the pace it is spoken, because the
guesses are timed by the worker being idle while the speaker pauses or talks on.
"""

from __future__ import annotations

import itertools
import threading
import time

import numpy as np
import pytest

from greenroom.core.transcript import Word
from greenroom.speech.audio import float_to_pcm16, load_audio
from greenroom.speech.streaming import REPLAY_CHUNK, StreamingTranscriber
from greenroom.speech.whisper_engine import WhisperEngine
from support.audio_data import clip

RATE = 16_000


class _SlowEngine:
    """Answers after ``delay`` seconds with one word naming the audio it was given."""

    name, model_name, is_online = "fake", "fake-1", False

    def __init__(self, delay: float = 0.3) -> None:
        self.delay = delay
        self.calls: list[tuple[float, float, float]] = []  # (when, start, end) in answer time
        self._lock = threading.Lock()

    def transcribe(self, samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        time.sleep(self.delay)
        end = offset + len(samples) / RATE
        with self._lock:
            self.calls.append((time.monotonic(), offset, end))
        return [Word(f"w{offset:.2f}-{end:.2f}", offset, end)]


def _feed(stream: StreamingTranscriber, samples: np.ndarray, *, pace: float = 1.0) -> None:
    """Feed 100 ms chunks of PCM as a microphone would, ``pace`` times faster than real time."""
    began = time.monotonic()
    for i in range(0, len(samples), REPLAY_CHUNK):
        wait = began + (i + REPLAY_CHUNK) / RATE / pace - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        stream.feed(float_to_pcm16(samples[i : i + REPLAY_CHUNK]))


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * RATE), np.float32)


def _sentence() -> np.ndarray:
    return load_audio(clip("pra_arctic_aew_a0001"))  # 3.9 s read without a long pause


# A short last segment (it waits for a neighbour) and a long one (sent when the pause closes it
# at 0.5 s, so without a guess its words are still being transcribed at a Stop 0.7 s in).
LAST_SEGMENTS = pytest.mark.parametrize("seconds", [2.0, 3.9], ids=["short", "long"])


@LAST_SEGMENTS
def test_a_stop_after_a_pause_finds_the_last_words_already_transcribed(seconds: float) -> None:
    engine = _SlowEngine()
    stream = StreamingTranscriber(engine, speculate=True)
    _feed(stream, np.concatenate([_sentence()[: round(seconds * RATE)], _silence(0.7)]))
    stopped = time.monotonic()
    transcript = stream.finish()
    assert transcript.words, "the answer was transcribed"
    assert [c for c in engine.calls if c[0] > stopped] == [], "nothing was left to do at Stop"


@LAST_SEGMENTS
def test_without_guessing_the_last_words_wait_for_stop(seconds: float) -> None:
    # The same answer fed as the whole-file pass does: the fake makes the wait observable. Its
    # call takes 1 s (one thread, as files are transcribed): the clip ends in ~0.3 s of its own
    # silence, so the pause closes the segment ~0.4 s before Stop and a 0.3 s call could finish
    # first (it did once in CI) without saying anything about guessing.
    engine = _SlowEngine(delay=1.0)
    stream = StreamingTranscriber(engine)
    _feed(stream, np.concatenate([_sentence()[: round(seconds * RATE)], _silence(0.7)]))
    stopped = time.monotonic()
    stream.finish()
    assert [c for c in engine.calls if c[0] > stopped]


def test_words_show_up_while_talking_on_without_a_pause() -> None:
    engine = _SlowEngine()
    shown: list[tuple[float, list[Word]]] = []
    began = time.monotonic()
    stream = StreamingTranscriber(
        engine, speculate=True, on_partial=lambda w: shown.append((time.monotonic() - began, w))
    )
    talk = np.concatenate([_sentence()] * 2)  # ~7.8 s: no segment closes at its 10 s cap
    _feed(stream, talk)
    assert shown, "words were shown before the answer ended"
    first = shown[0][0]
    assert first < 3.0, f"first live words after {first:.1f} s of talking"
    # Live words keep up: each guess covers audio up to within 2.5 s of when it was shown.
    lags = [t - max(w.end for w in words) for t, words in shown]
    assert max(lags) < 2.5, lags
    transcript = stream.finish()
    # Guesses are never kept: the transcript has one word per segment transcribed for good.
    ends = [w.end for w in transcript.words]
    assert ends == sorted(ends) and len(set(ends)) == len(ends)
    for a, b in zip(transcript.words, transcript.words[1:], strict=False):
        assert a.end <= b.start, "no audio transcribed twice in the transcript"


def test_a_guess_made_in_a_pause_is_thrown_away_when_speech_resumes() -> None:
    engine = _SlowEngine(delay=0.1)
    stream = StreamingTranscriber(engine, speculate=True)
    sentence = _sentence()
    # A 0.35 s pause: long enough to guess, too short to close the segment.
    _feed(stream, np.concatenate([sentence[: 2 * RATE], _silence(0.35), sentence[2 * RATE :]]))
    _feed(stream, _silence(0.8))
    guessed_early = [c for c in engine.calls if c[2] < 2.6]
    assert guessed_early, "the pause was guessed"
    transcript = stream.finish()
    assert len(transcript.words) == 1, "the whole stretch is one segment, transcribed once"
    assert transcript.words[0].end > 4.0


class _ShortWindowEngine(_SlowEngine):
    """Hears audio that follows speech in a third of the time, in words that say so."""

    def __init__(self, delay: float = 0.3) -> None:
        super().__init__(delay)
        self.short_calls: list[tuple[float, float, float]] = []  # (when, start, end)

    def transcribe_short(self, samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        time.sleep(self._short_delay())
        end = offset + len(samples) / RATE
        with self._lock:
            self.short_calls.append((time.monotonic(), offset, end))
        return [Word(f"short{offset:.2f}-{end:.2f}", offset, end)]

    def _short_delay(self) -> float:
        return self.delay / 3


def test_words_while_talking_are_drafted_shown_and_never_kept() -> None:
    engine = _ShortWindowEngine()
    shown: list[list[Word]] = []
    stream = StreamingTranscriber(engine, speculate=True, on_partial=shown.append)
    # Talk on for 7.8 s, pause 0.7 s, Stop.
    _feed(stream, np.concatenate([_sentence(), _sentence(), _silence(0.7)]))
    stopped = time.monotonic()
    transcript = stream.finish()
    assert engine.short_calls, "guesses while talking were drafted"
    assert any(w.text.startswith("short") for words in shown for w in words), "and shown"
    # The one segment opens the answer, so it is kept from the full window, not from a draft.
    assert [w.text[0] for w in transcript.words] == ["w"], "but never kept"
    # The guess in the pause is a full transcription, so the Stop after it still finds it done.
    assert [c for c in engine.calls if c[0] > stopped] == []


def test_speech_that_follows_speech_closely_is_heard_in_the_short_window() -> None:
    # The answer opens, goes on after a breath, and again after 1.5 s of silence: only the middle
    # segment starts within a second of speech. The others open after silence, where the full
    # window kept more fillers on the eval sets (docs/speech.md), so they get it.
    engine = _ShortWindowEngine(delay=0.05)
    stream = StreamingTranscriber(engine)
    sentence = _sentence()
    talk = [sentence, _silence(0.3), sentence, _silence(1.5), sentence, _silence(0.7)]
    _feed(stream, np.concatenate(talk), pace=20)
    transcript = stream.finish()
    assert [w.text[0] for w in transcript.words] == ["w", "s", "w"], transcript.words


def test_the_words_stop_cuts_off_are_heard_in_the_short_window() -> None:
    # Stop in mid-sentence after 1.5 s of silence: the speaker waits for these words, and the
    # short window has them in about half the time. The sentence before, closed by its pause,
    # keeps the full window; so would the cut one if Stop came in a pause (the next test).
    engine = _ShortWindowEngine(delay=0.05)
    stream = StreamingTranscriber(engine)
    sentence = _sentence()
    cut = sentence[: len(sentence) // 2]
    _feed(stream, np.concatenate([sentence, _silence(1.5), cut]), pace=20)
    transcript = stream.finish()
    assert [w.text[0] for w in transcript.words] == ["w", "s"], transcript.words


def test_a_stop_in_a_short_pause_is_not_a_cut() -> None:
    # 0.3 s into a pause the segment is still open, but in the app a guess in the full window
    # may have its words already; the whole-file pass must hear that audio the same way.
    engine = _ShortWindowEngine(delay=0.05)
    stream = StreamingTranscriber(engine)
    sentence = _sentence()
    _feed(stream, np.concatenate([sentence, _silence(1.5), sentence, _silence(0.3)]), pace=20)
    transcript = stream.finish()
    assert [w.text[0] for w in transcript.words] == ["w", "w"], transcript.words


def test_a_pause_guessed_in_the_short_window_is_kept_at_stop() -> None:
    # The guess in the pause and the job it stands for are heard in the same window, so the
    # Stop 0.7 s into the pause finds the words done.
    engine = _ShortWindowEngine()
    stream = StreamingTranscriber(engine, speculate=True)
    sentence = _sentence()
    _feed(stream, np.concatenate([sentence, _silence(0.3), sentence, _silence(0.7)]))
    stopped = time.monotonic()
    transcript = stream.finish()
    assert [w.text[0] for w in transcript.words] == ["w", "s"], transcript.words
    assert [c for c in engine.calls + engine.short_calls if c[0] > stopped] == []


class _TimedDrafts(_ShortWindowEngine):
    """Drafts that take the given times in turn (the last one from then on), as drafts do when
    the cores are shared: 0.3-0.4 s typically, one of 1 s beside a final decode, all of them
    slow on a busy machine."""

    def __init__(self, *seconds: float) -> None:
        super().__init__()
        self.seconds = list(seconds)

    def _short_delay(self) -> float:
        return self.seconds.pop(0) if len(self.seconds) > 1 else self.seconds[0]


def _audio_between_drafts(seconds: tuple[float, ...]) -> list[float]:
    """Talk on for 7.8 s with drafts taking ``seconds``: the audio each draft added."""
    engine = _TimedDrafts(*seconds)
    stream = StreamingTranscriber(engine, speculate=True)
    # The pause before Stop keeps the words Stop would cut off out of the short window's calls.
    _feed(stream, np.concatenate([_sentence()] * 2 + [_silence(0.7)]))
    stream.finish()
    ends = [end for _, _, end in engine.short_calls]
    assert len(ends) >= 2, engine.short_calls
    return [b - a for a, b in itertools.pairwise(ends)]


def test_one_slow_draft_does_not_hold_back_the_next() -> None:
    # A 1 s draft among 0.1 s ones: the next still comes 1.5 s of speech later, not 3 s (its
    # words would show 3-4 s after they were spoken).
    grown = _audio_between_drafts((0.1, 1.0, 0.1))
    assert max(grown) < 2.4, grown


def test_drafts_come_less_often_when_every_draft_is_slow() -> None:
    # A busy machine: 0.8 s a draft. Drafting every 1.5 s would keep the worker busy over half
    # the time, and the segments kept for good would queue behind the drafts.
    grown = _audio_between_drafts((0.8,))
    assert min(grown) > 2.2, grown


class _CountingEngine:
    def __init__(self, engine: WhisperEngine) -> None:
        self.engine, self.calls = engine, 0
        self.name, self.model_name, self.is_online = engine.name, engine.model_name, False

    def transcribe(self, samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        self.calls += 1
        return self.engine.transcribe(samples, offset=offset)

    def transcribe_short(self, samples: np.ndarray, *, offset: float = 0.0) -> list[Word]:
        self.calls += 1
        return self.engine.transcribe_short(samples, offset=offset)


def test_audio_arriving_faster_than_speech_is_not_guessed() -> None:
    # A burst (a file, a microphone catching up): finished segments come soon enough.
    engine = _SlowEngine(delay=0.05)
    stream = StreamingTranscriber(engine, speculate=True)
    _feed(stream, np.concatenate([_sentence(), _sentence(), _silence(0.7)]), pace=20)
    transcript = stream.finish()
    assert len(engine.calls) == len(transcript.words)


def test_the_whole_file_pass_never_guesses() -> None:
    engine = _SlowEngine(delay=0.05)
    stream = StreamingTranscriber(engine)
    _feed(stream, np.concatenate([_sentence(), _silence(0.8), _sentence()]), pace=20)
    transcript = stream.finish()
    assert len(engine.calls) == len(transcript.words)


@pytest.mark.slow
def test_guessing_gives_the_same_transcript_as_the_whole_file_pass(
    whisper: WhisperEngine,
) -> None:
    # Real speech with pauses of 0.3-1.2 s and the real engine, fed as spoken: the words the
    # app keeps are those of the whole-file pass, whichever guesses and drafts were made.
    parts = [load_audio(clip(n)) for n in ("sr_english", "pra_arctic_aew_a0001", "praat_mary")]
    audio = np.concatenate(
        [parts[0], _silence(0.3), parts[1], _silence(1.2), parts[2], _silence(0.8)]
    )
    plain = StreamingTranscriber(whisper)
    _feed(plain, audio, pace=50)
    counted = _CountingEngine(whisper)
    guessing = StreamingTranscriber(counted, speculate=True)  # type: ignore[arg-type]
    _feed(guessing, audio)
    assert guessing.finish().to_dict() == plain.finish().to_dict()
    assert counted.calls > len(plain.finish().segments) // 2, "guesses were made"
