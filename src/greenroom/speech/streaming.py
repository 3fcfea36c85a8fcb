"""Transcribe an answer while it is spoken, so the transcript is ready moments after Stop.

The capture thread calls ``feed``; voice detection runs right there (about 3 ms per second of
audio) and each segment it closes is queued to one worker thread that transcribes it once.
``finish`` closes the last segment, waits for the worker and returns the whole Transcript.
Plain ``threading``, no Qt: the UI wraps this in its own QThread/signals.

With ``speculate`` (the app) the idle worker also transcribes ahead of time: the open segment as
soon as the speaker pauses, so a Stop after a pause finds its last words already done, and the
growing segment while the speaker talks on, so words show up live even without pauses. A guess
is only ever reused for exactly the same audio; otherwise it is shown live and thrown away.

Audio that follows other speech closely (the guesses while talking, and segments starting within
``max_merged_pause_s`` of the previous one) and the words Stop cuts off are heard in the engine's
short window when it has one (``ShortWindowEngine``: Whisper in 15 s instead of 30 s, about half
the time), which leaves the worker free sooner and the speaker waiting less; audio opening after a
longer silence gets the full window.
"""

from __future__ import annotations

import bisect
import logging
import queue
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from greenroom.core.errors import GreenroomError, SpeechEngineError
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.speech.audio import float_to_pcm16, pcm16_to_float
from greenroom.speech.engine import ShortWindowEngine, TranscriptionEngine
from greenroom.speech.segmenter import ClosedSegment, Segmenter
from greenroom.speech.vad import DEFAULT_VAD, SAMPLE_RATE, FrameProbabilities, VadSettings

log = logging.getLogger(__name__)

PartialCallback = Callable[[list[Word]], None]
ProgressCallback = Callable[[float, float], None]  # (seconds transcribed, seconds in all)
# A segment is at most ~10 s: when no job finishes for this long the engine is stuck. It bounds
# the wait for one job, not for all of them: a 30-minute file takes minutes however it is fed.
DEFAULT_FINISH_TIMEOUT_S = 120.0
# Segments shorter than this wait to be transcribed together with the next one: Whisper
# mishears lone words ("ask" -> "as") and invents "Thank you." after them, and every call
# costs ~0.4 s however short the audio (docs/speech.md).
MIN_JOB_S = 3.0
# ... but not across a pause longer than this: Whisper drops the words after a long silence
# inside one call ("And so, my fellow Americans" after a 2 s pause, docs/speech.md).
MAX_MERGED_PAUSE_S = 1.0
# Whisper sometimes ends a window after its first sentence and drops the next one ("For the
# twentieth time that evening..." after "Lord, but I'm glad to see you again, Phil."). When this
# much of a job is left after its last word, the rest is transcribed on its own.
UNHEARD_TAIL_S = 1.0
# Guess the open segment's words after this much silence: the segment closes at 0.5 s, and a
# Stop after a normal pause (>= 0.7 s) should find them done (one call: 0.9-1.1 s here).
GUESS_AFTER_PAUSE_S = 0.2
# While the speaker talks on, draft the words of the growing segment this often (audio time), so
# live words lag speech by at most this plus one draft ...
GUESS_WHILE_TALKING_S = 1.5
# ... but at most once per this many drafts' time: on a busy machine, where a call takes 2-3 s,
# drafting as often would keep the worker busy and the words kept for good would queue up.
GUESS_CALLS_APART = 3.0
# A draft's time is the lower median of the latest few: one slow draft (0.8-1.15 s while a
# final decode or the voice tracker shares the cores, against 0.3-0.4 s typically) stretched
# the next wait to 2.4-3.5 s and showed words 3-3.8 s after they were spoken (docs/speech.md).
DRAFT_TIMES_KEPT = 5
# Guess only while audio arrives about as fast as it is spoken (the app's microphone delivers
# 0.1-0.2 s at a time). Audio that arrives faster (a file, a burst) reaches the worker as
# finished segments soon enough.
MAX_AHEAD_S = 1.0
_STOP = None


@dataclass(frozen=True, slots=True)
class _Job:
    segment: ClosedSegment
    samples: npt.NDArray[np.float32]
    guess: bool = False  # transcribed ahead of time: shown live, reused only for the same audio
    draft: bool = False  # a guess while talking: shown, never reused
    short: bool = False  # heard in the engine's short window (``_short_window``)


class StreamingTranscriber:
    """Segment and transcribe 16 kHz mono PCM as it arrives.

    ``feed`` may be called from one capture thread; ``finish``/``cancel`` from any thread.
    ``on_partial`` runs on the worker thread with all words so far (copy them, don't block).
    """

    def __init__(
        self,
        engine: TranscriptionEngine,
        *,
        on_partial: PartialCallback | None = None,
        vad: VadSettings = DEFAULT_VAD,
        close_after_s: float = 0.5,
        max_segment_s: float = 10.0,
        min_job_s: float = MIN_JOB_S,
        max_merged_pause_s: float = MAX_MERGED_PAUSE_S,
        language: str = "en",
        speculate: bool = False,
    ) -> None:
        self._engine = engine
        self._on_partial = on_partial
        self._language = language
        self._probs = FrameProbabilities()
        self._segmenter = Segmenter(vad, close_after_s=close_after_s, max_segment_s=max_segment_s)
        self._audio = np.zeros(SAMPLE_RATE * 30, dtype=np.float32)  # grows by doubling
        self._length = 0
        self._segments: list[SpeechSegment] = []
        self._closed_ends: list[int] = []  # end sample of each closed segment (feeding thread)
        self._cut_end: int | None = None  # end sample of the segment Stop cut mid-speech
        self._pending: ClosedSegment | None = None  # short segments waiting for a neighbour
        self._min_job = round(min_job_s * SAMPLE_RATE)
        self._max_job = round(max_segment_s * SAMPLE_RATE)
        self._max_merged_pause = round(max_merged_pause_s * SAMPLE_RATE)
        self._words: list[Word] = []
        self._words_lock = threading.Lock()
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._speculate = speculate
        self._idle = threading.Event()  # the worker waits for work (guesses only go in then)
        self._idle.set()
        self._guessed: ClosedSegment | None = None  # the last guess queued (feeding thread)
        self._guess: tuple[_Job, list[Word]] | None = None  # the last guess done (worker)
        self._final_upto = 0  # end sample of the last segment transcribed for good (worker)
        self._draft_times: deque[float] = deque(maxlen=DRAFT_TIMES_KEPT)  # wall s (worker)
        self._draft_s = 0.0  # a typical draft's time of late (written by the worker)
        self._first_fed: float | None = None  # time.monotonic() of the first audio fed
        self._put_back = 0  # samples of silence from before the microphone started
        self._error: BaseException | None = None
        self._cancelled = threading.Event()
        self._finished = False
        # Each job the worker completes is announced here, so waiting can tell a slow queue
        # (jobs keep finishing) from a stuck engine (none does).
        self._progress = threading.Condition()
        self._jobs_done = 0
        self._heard_until = 0  # end sample of the last job transcribed
        self._worker_done = False
        self._worker = threading.Thread(target=self._run, name="greenroom-transcriber", daemon=True)
        self._worker.start()

    @property
    def duration(self) -> float:
        """Seconds of audio fed so far."""
        return self._length / SAMPLE_RATE

    @property
    def transcribed(self) -> float:
        """Seconds of audio transcribed so far (the end of the last job done)."""
        return self._heard_until / SAMPLE_RATE

    def feed(self, chunk: bytes | bytearray | memoryview | npt.NDArray[np.float32]) -> None:
        """Add captured audio: int16 little-endian PCM bytes or float32 samples, 16 kHz mono.

        Raises:
            SpeechEngineError: Called after ``finish``.
        """
        if self._cancelled.is_set():
            return
        if self._finished:
            raise SpeechEngineError(
                "audio arrived after the answer was finished",
                where="streaming transcriber",
                fix="Start a new answer",
            )
        if isinstance(chunk, bytes | bytearray | memoryview):
            samples = pcm16_to_float(chunk)
        else:
            samples = np.asarray(chunk, dtype=np.float32).reshape(-1)
        if len(samples) == 0:
            return
        self._append(samples)
        for segment in self._segmenter.push(self._probs.push(samples).tolist()):
            self._submit(segment)
        self._release_lone_pending()
        if self._speculate and self._idle.is_set():
            self._maybe_guess()

    def put_back_silence(self, seconds: float) -> None:
        """Silence from before the microphone started: part of the answer's audio and times,
        but not of the pace audio arrives at (which decides whether to guess)."""
        if seconds > 0 and not self._finished:
            samples = round(seconds * SAMPLE_RATE)
            self.feed(np.zeros(samples, dtype=np.float32))
            self._put_back += samples

    def finish(self, *, timeout: float = DEFAULT_FINISH_TIMEOUT_S) -> Transcript:
        """Close the last segment, wait for every transcription and return the transcript.

        Args:
            timeout: Longest wait, in seconds, for the engine to finish the job it is on.

        Raises:
            SpeechEngineError: A segment failed to transcribe, a job did not finish within
                ``timeout`` seconds (the engine is stuck), or the transcriber was cancelled.
        """
        if self._cancelled.is_set():
            raise SpeechEngineError("the transcription was cancelled", where="streaming")
        if not self._finished:
            self._finished = True
            # Words cut off mid-speech, not a Stop in a pause, which a guess may have done already
            # (asked before the flush, which closes the segment and so ends the pause).
            talking = not self._pausing()
            closed = self._segmenter.flush(self._length)
            if closed and talking:
                self._cut_end = closed[-1].end
            for segment in closed:
                self._submit(segment)
            if self._pending is not None:
                self._dispatch(self._pending)
            self._jobs.put(_STOP)
        if not self._wait_for(lambda: self._worker_done, timeout):
            self.cancel()
            raise self._stuck(timeout)
        self._worker.join()
        if self._error is not None:
            err = self._error
            if isinstance(err, GreenroomError):
                raise SpeechEngineError(err.what, where=err.where, fix=err.fix) from err
            raise SpeechEngineError(
                f"transcription failed ({type(err).__name__}: {err})",
                where=self._engine.name,
                fix="Try again; the recording itself is kept",
            ) from err
        with self._words_lock:
            words = tuple(sorted(self._words, key=lambda w: w.start))
        return Transcript(
            words=words,
            segments=tuple(self._segments),
            duration=round(self.duration, 3),
            engine=self._engine.name,
            model=self._engine.model_name,
            language=self._language,
        )

    def cancel(self) -> None:
        """Stop without a transcript: pending segments are dropped; returns immediately."""
        self._cancelled.set()
        self._finished = True
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                break
        self._jobs.put(_STOP)

    def wait_for_backlog(self, jobs: int, *, timeout: float = DEFAULT_FINISH_TIMEOUT_S) -> None:
        """Block until at most ``jobs`` segments wait to be transcribed.

        For audio fed faster than it is spoken (a file): every waiting job holds a copy of its
        audio, so without this a long file would queue all of it.

        Raises:
            SpeechEngineError: No job finished within ``timeout`` seconds (the engine is stuck).
        """
        if not self._wait_for(lambda: self._jobs.qsize() <= jobs or self._worker_done, timeout):
            self.cancel()
            raise self._stuck(timeout)

    def join(self, timeout: float = 5.0) -> bool:
        """Wait for the worker thread to end (after ``finish`` or ``cancel``); True if it did."""
        self._worker.join(timeout)
        return not self._worker.is_alive()

    def audio(self) -> npt.NDArray[np.float32]:
        """A copy of all audio fed so far (to save with the answer)."""
        return self._audio[: self._length].copy()

    def _append(self, samples: npt.NDArray[np.float32]) -> None:
        needed = self._length + len(samples)
        if needed > len(self._audio):
            grown = np.zeros(max(needed, 2 * len(self._audio)), dtype=np.float32)
            grown[: self._length] = self._audio[: self._length]
            self._audio = grown
        self._audio[self._length : needed] = samples
        self._length = needed

    def _submit(self, segment: ClosedSegment) -> None:
        self._closed_ends.append(segment.end)
        self._segments.append(
            SpeechSegment(
                round(segment.start / SAMPLE_RATE, 3), round(segment.end / SAMPLE_RATE, 3)
            )
        )
        job = self._next_job(segment)
        if self._pending is not None and job.start != self._pending.start:
            self._dispatch(self._pending)
        if job.end - job.start >= self._min_job:
            self._dispatch(job)
            self._pending = None
        else:
            self._pending = job

    def _next_job(self, segment: ClosedSegment) -> ClosedSegment:
        """The job ``segment`` would be sent in: merged with the waiting one when allowed."""
        pending = self._pending
        if pending is None or (
            segment.end - pending.start > self._max_job
            or segment.start - pending.end > self._max_merged_pause
        ):
            return segment
        return ClosedSegment(pending.start, segment.end)

    def _release_lone_pending(self) -> None:
        # A short segment followed by a pause too long to merge across will be sent alone
        # whatever comes next: send it now rather than when the next segment closes.
        pending = self._pending
        if pending is None or self._segmenter.in_speech:
            return
        if self._segmenter.earliest_next_start() - pending.end > self._max_merged_pause:
            self._dispatch(pending)
            self._pending = None

    def _maybe_guess(self) -> None:
        """Queue a guess at the words not yet sent for good, when it would be worth it."""
        now = time.monotonic()
        if self._first_fed is None:
            self._first_fed = now
        heard = (self._length - self._put_back) / SAMPLE_RATE
        if heard - (now - self._first_fed) > MAX_AHEAD_S:
            return
        open_segment = self._segmenter.peek(self._length)
        draft = False
        if open_segment is not None:
            if self._pausing():
                job = self._next_job(open_segment)  # what the pause will close, exactly
            else:
                job = ClosedSegment(self._next_job(open_segment).start, self._length)
                last = self._guessed
                grown = job.end - (last.end if last and last.start == job.start else job.start)
                every = max(GUESS_WHILE_TALKING_S, GUESS_CALLS_APART * self._draft_s)
                if grown < every * SAMPLE_RATE:
                    return
                draft = True
        elif self._pending is not None:
            job = self._pending  # sent as it is at Stop or after a long pause
        else:
            return
        if job == self._guessed:
            return
        self._guessed = job
        self._dispatch(job, guess=True, draft=draft)

    def _pausing(self) -> bool:
        """Whether the speaker has paused long enough for the open segment to be guessed (a Stop
        now is not a cut: both decisions must agree for a guess to be reused)."""
        return self._segmenter.silent_s >= GUESS_AFTER_PAUSE_S

    def _dispatch(self, job: ClosedSegment, *, guess: bool = False, draft: bool = False) -> None:
        # Copy now, on the feeding thread: the buffer may be reallocated while the job waits.
        self._idle.clear()
        samples = self._audio[job.start : job.end].copy()
        self._jobs.put(_Job(job, samples, guess, draft, self._short_window(job)))

    def _short_window(self, job: ClosedSegment) -> bool:
        """Whether ``job`` is heard in the engine's short window (``ShortWindowEngine``).

        That takes about half the time. It is used for audio that starts within a mergeable
        pause of the speech before it, and for the words Stop cut off, which the speaker waits
        for. Audio that opens an answer or follows a longer silence is heard in the full window,
        which kept more fillers after silence on the eval sets (docs/speech.md). The same audio
        gets the same answer whenever it is asked (a guess and the job it stands for), because
        the segments before a job are closed before it starts, and a Stop at least
        ``GUESS_AFTER_PAUSE_S`` into a pause, where a guess may have been made, is not a cut.
        """
        if job.end == self._cut_end:
            return True
        ends = self._closed_ends
        before = bisect.bisect_right(ends, job.start)
        return before > 0 and job.start - ends[before - 1] <= self._max_merged_pause

    def _wait_for(self, ready: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``ready()``; False when no job finished for ``timeout`` seconds first."""
        with self._progress:
            seen, deadline = self._jobs_done, time.monotonic() + timeout
            while not ready():
                if self._jobs_done != seen:  # a job finished: the engine is moving
                    seen, deadline = self._jobs_done, time.monotonic() + timeout
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._progress.wait(left)
        return True

    def _stuck(self, timeout: float) -> SpeechEngineError:
        return SpeechEngineError(
            f"transcription stopped: one segment took longer than {timeout:g} s",
            where=self._engine.name,
            fix="Try again, or choose a smaller model or another engine",
        )

    def _draft(self, samples: npt.NDArray[np.float32], offset: float) -> list[Word]:
        began = time.monotonic()
        if isinstance(self._engine, ShortWindowEngine):
            words = self._engine.transcribe_short(samples, offset=offset)
        else:
            words = self._transcribe(samples, offset)
        self._draft_times.append(time.monotonic() - began)
        self._draft_s = statistics.median_low(self._draft_times)
        return words

    def _transcribe(
        self, samples: npt.NDArray[np.float32], offset: float, *, short: bool = False
    ) -> list[Word]:
        engine = self._engine
        if short and isinstance(engine, ShortWindowEngine):
            call = engine.transcribe_short
        else:
            call = engine.transcribe
        words = call(samples, offset=offset)
        heard = round((words[-1].end - offset) * SAMPLE_RATE) if words else len(samples)
        if len(samples) - heard >= UNHEARD_TAIL_S * SAMPLE_RATE:
            words += call(samples[heard:], offset=offset + heard / SAMPLE_RATE)
        return words

    def _run(self) -> None:
        try:
            while True:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    self._idle.set()
                    job = self._jobs.get()
                self._idle.clear()
                if job is None or self._cancelled.is_set():
                    return
                # After an error, drain so finish() reports the first; guesses after Stop
                # are too late to matter.
                if self._error is None and not (job.guess and self._finished):
                    self._run_job(job)
                with self._progress:
                    self._jobs_done += 1
                    if not job.guess:
                        self._heard_until = max(self._heard_until, job.segment.end)
                    self._progress.notify_all()
        finally:
            with self._progress:
                self._worker_done = True
                self._progress.notify_all()

    def _run_job(self, job: _Job) -> None:
        segment = job.segment
        try:
            self._do(job)
        except BaseException as exc:  # surfaced by finish(); the thread must not die silently
            log.exception(
                "segment %.2f-%.2f s failed",
                segment.start / SAMPLE_RATE,
                segment.end / SAMPLE_RATE,
            )
            self._error = exc

    def _do(self, job: _Job) -> None:
        segment = job.segment
        guess = self._guess
        reused = (
            not job.guess
            and guess is not None
            and not guess[0].draft
            and guess[0].segment == segment
        )
        if reused and guess is not None:
            words = guess[1]  # the same audio was guessed: the words are already done
        elif job.draft:
            words = self._draft(job.samples, segment.start / SAMPLE_RATE)
        else:
            offset = segment.start / SAMPLE_RATE
            words = self._transcribe(job.samples, offset, short=job.short)
        log.debug(
            "%s %.2f-%.2f s done at %.2f s of audio fed%s",
            "draft" if job.draft else "guess" if job.guess else "job",
            segment.start / SAMPLE_RATE,
            segment.end / SAMPLE_RATE,
            self._length / SAMPLE_RATE,
            " (the guess reused)" if reused else "",
        )
        if job.guess:
            self._guess = (job, words)
        else:
            self._final_upto = max(self._final_upto, segment.end)
        # Guessed words past everything transcribed for good are shown, never kept.
        guessed = self._guess[1] if self._guess else []
        tentative = [w for w in guessed if w.start * SAMPLE_RATE >= self._final_upto]
        with self._words_lock:
            if not job.guess:
                self._words.extend(words)
            snapshot = sorted(self._words, key=lambda w: w.start)
        if self._on_partial is not None:
            self._on_partial(snapshot + tentative)


# The replay feeds 100 ms of int16 PCM at a time, as the capture thread delivers it.
REPLAY_CHUNK = SAMPLE_RATE // 10
# Segments a replay lets wait for the worker: enough to keep it busy, few enough that a long
# file never has more than ~30 s of audio copied into the queue.
REPLAY_BACKLOG = 2
# After a failure or Ctrl-C, how long to let the engine end the call it is in (one segment,
# ~0.4 s): a CTranslate2 call still running when the interpreter exits aborts the process.
_WORKER_EXIT_S = 5.0


def replay(
    samples: npt.NDArray[np.float32],
    engine: TranscriptionEngine,
    *,
    realtime: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    progress: ProgressCallback | None = None,
    timeout: float = DEFAULT_FINISH_TIMEOUT_S,
) -> Transcript:
    """Transcribe recorded audio through the streaming transcriber the app records with.

    The samples go in as 16-bit PCM in 100 ms chunks, as the microphone delivers them; with
    ``realtime`` each chunk waits until it would have been spoken and words are guessed ahead
    of time as in the app, otherwise they go in as fast as the engine keeps up (same words:
    segments depend on the audio, not on the pace, and a guess is reused only for the same audio).

    Args:
        samples: 16 kHz mono audio.
        engine: The engine.
        realtime: Feed at the pace the audio was spoken.
        sleep: Waits (tests pass a fake clock's).
        clock: Monotonic seconds.
        progress: Called with (seconds transcribed, seconds in all) whenever a job is done.
        timeout: Longest wait for one job (see ``StreamingTranscriber.finish``).

    Raises:
        SpeechEngineError: The engine failed or got stuck (see ``StreamingTranscriber.finish``).
    """
    total = len(samples) / SAMPLE_RATE
    stream = StreamingTranscriber(engine, speculate=realtime)
    reported = -1.0
    try:
        began = clock()
        for i in range(0, len(samples), REPLAY_CHUNK):
            if realtime and (wait := began + i / SAMPLE_RATE - clock()) > 0:
                sleep(wait)
            stream.feed(float_to_pcm16(samples[i : i + REPLAY_CHUNK]))
            stream.wait_for_backlog(REPLAY_BACKLOG, timeout=timeout)
            if progress is not None and stream.transcribed != reported:
                reported = stream.transcribed
                progress(reported, total)
        transcript = stream.finish(timeout=timeout)
    except BaseException:
        stream.cancel()
        stream.join(_WORKER_EXIT_S)
        raise
    if progress is not None:
        progress(total, total)
    return transcript
