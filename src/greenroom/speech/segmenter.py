"""Close speech segments at pauses while the answer is still being spoken.

SPEECH.md measured the live strategy that works on two cores: close a segment after ~500 ms of
silence, cap it at ~10 s, and transcribe each closed segment once. Re-transcribing the growing
buffer instead kept both cores busy and finished 4-6 s after Stop.

The segmenter only sees Silero frame probabilities (32 ms each) and works in sample indices, so
it is pure and deterministic; ``streaming.py`` owns the audio and the threads.
"""

from __future__ import annotations

from dataclasses import dataclass

from greenroom.speech.vad import DEFAULT_VAD, FRAME, SAMPLE_RATE, VadSettings

CLOSE_AFTER_SILENCE_S = 0.5
MAX_SEGMENT_S = 10.0
# A silence this long inside an over-long segment is a good place to cut it.
_SPLIT_SILENCE_S = 0.1
# Silero crosses its threshold late on a soft onset, later still in noise: "She had..." under a
# -45 dBFS floor rose above 0.1 at 29.18 s but reached 0.5 only at 29.41 s, and the job cut at
# 29.31 s came back "I'm so excited to see you guys soon". A segment starts where the probability
# began its climb (frames at or above RISE, up to MAX_RISE_S back), and the pad goes before that.
RISE = 0.1
MAX_RISE_S = 0.5


@dataclass(frozen=True, slots=True)
class ClosedSegment:
    """A finished stretch of speech, padded, as sample indices into the answer audio."""

    start: int
    end: int


class Segmenter:
    """Turns a stream of frame probabilities into closed, padded speech segments."""

    def __init__(
        self,
        settings: VadSettings = DEFAULT_VAD,
        *,
        close_after_s: float = CLOSE_AFTER_SILENCE_S,
        max_segment_s: float = MAX_SEGMENT_S,
    ) -> None:
        self._settings = settings
        self._close_frames = max(1, round(close_after_s * SAMPLE_RATE / FRAME))
        self._max_frames = max(2, round(max_segment_s * SAMPLE_RATE / FRAME))
        self._split_frames = max(1, round(_SPLIT_SILENCE_S * SAMPLE_RATE / FRAME))
        self._min_frames = max(1, round(settings.min_speech_ms / 1000 * SAMPLE_RATE / FRAME))
        self._pad = round(settings.speech_pad_ms / 1000 * SAMPLE_RATE)
        self._frame = 0  # index of the next frame to arrive
        self._start: int | None = None  # first speech frame of the open segment
        self._rise: int | None = None  # first frame of the climb to it (or of the climb now)
        self._max_rise = round(MAX_RISE_S * SAMPLE_RATE / FRAME)
        self._last_voiced = 0  # frame after the last frame at or above neg_threshold
        self._split_at: int | None = None  # middle of the latest short pause inside it
        self._previous_end = 0  # end sample of the last closed segment (no overlaps)

    @property
    def in_speech(self) -> bool:
        """True while a segment is open."""
        return self._start is not None

    def push(self, probabilities: list[float]) -> list[ClosedSegment]:
        """Consume frame probabilities in order; return segments they closed."""
        closed: list[ClosedSegment] = []
        threshold, low = self._settings.threshold, self._settings.neg_threshold
        for p in probabilities:
            i = self._frame
            self._frame += 1
            if self._start is None:
                if p < RISE:
                    self._rise = None
                    continue
                if self._rise is None:
                    self._rise = i
                if p >= threshold:
                    self._start, self._last_voiced = i, i + 1
                    self._rise = max(self._rise, i - self._max_rise)
                    self._split_at = None
                continue
            if p >= low:
                silent = i - self._last_voiced
                if silent >= self._split_frames:
                    self._split_at = self._last_voiced + silent // 2
                self._last_voiced = i + 1
            elif i + 1 - self._last_voiced >= self._close_frames:
                closed.extend(self._close(self._last_voiced))
                continue
            if i + 1 - self._start >= self._max_frames:
                closed.extend(self._split(i + 1))
        return closed

    @property
    def pad(self) -> int:
        """Samples of padding added before and after each segment's speech."""
        return self._pad

    @property
    def silent_s(self) -> float:
        """Seconds of silence since the open segment's last voiced frame (0 when none is open)."""
        if self._start is None:
            return 0.0
        return (self._frame - self._last_voiced) * FRAME / SAMPLE_RATE

    def peek(self, total_samples: int) -> ClosedSegment | None:
        """The segment a pause starting now would close, without closing it.

        While the speaker pauses this is exactly what ``push`` will return once the pause is long
        enough (unless speech resumes), so its words can be transcribed ahead of time.
        """
        if self._start is None or self._last_voiced - self._start < self._min_frames:
            return None
        start = max(self._previous_end, self._first_frame() * FRAME - self._pad)
        end = min(self._last_voiced * FRAME + self._pad, total_samples)
        return ClosedSegment(start, end) if end > start else None

    def flush(self, total_samples: int) -> list[ClosedSegment]:
        """Close the open segment at the end of the audio (the answer was stopped)."""
        if self._start is None:
            return []
        end = min(self._last_voiced, -(-total_samples // FRAME))
        return self._close(max(end, self._start + 1), limit=total_samples)

    def _split(self, now: int) -> list[ClosedSegment]:
        start = self._start if self._start is not None else now
        # Prefer the latest short pause at least a second in; otherwise cut hard.
        min_len = SAMPLE_RATE // FRAME
        cut = self._split_at if self._split_at and self._split_at > start + min_len else now
        closed = self._close(cut, keep_open=True)
        self._start, self._split_at = cut, None
        return closed

    def _first_frame(self) -> int:
        """The open segment's first frame to transcribe: where its speech began to rise."""
        assert self._start is not None
        return self._start if self._rise is None else self._rise

    def earliest_next_start(self) -> int:
        """The earliest sample a segment not open yet can start at, its climb and pad included
        (a climb under way holds it back, at most ``MAX_RISE_S``)."""
        frame = self._frame if self._rise is None else max(self._rise, self._frame - self._max_rise)
        return max(self._previous_end, frame * FRAME - self._pad)

    def _close(
        self, end_frame: int, *, keep_open: bool = False, limit: int | None = None
    ) -> list[ClosedSegment]:
        start_frame = self._start if self._start is not None else end_frame
        first = self._first_frame() if self._start is not None else end_frame
        self._start = self._rise = None
        if end_frame - start_frame < self._min_frames and not keep_open:
            return []
        # A split keeps its cut exact (no end pad, and the next part cannot start before the
        # previous end), so no audio is transcribed twice.
        pad_end = 0 if keep_open else self._pad
        start = max(self._previous_end, first * FRAME - self._pad)
        end = end_frame * FRAME + pad_end
        if limit is not None:
            end = min(end, limit)
        if end <= start:
            return []
        self._previous_end = end
        return [ClosedSegment(start, end)]
