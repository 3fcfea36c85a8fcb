"""Fakes for the physical parts: microphone, voice and background threads (the clock's fake is
support.clock.FakeClock).

Each behaves like its real counterpart, delays and threads included, because a fake that
answers at once hides exactly the races a user meets (One-way mode lost answers while every
test passed, DESIGN.md section 7):
- FakeMicrophone answers ``start``/``stop`` from its own capture thread after 50-250 ms (the
  real Microphone on PulseAudio), delivers audio on that thread, and may deliver chunks after
  ``stop()`` was called and before ``stopped`` arrives.
- FakeVoice finishes reading a question later, from the event loop, as QMediaPlayer does.
- JitteryTaskRunner is the real TaskRunner (real pools) with random delays, so jobs on the
  two-thread pool complete out of order.
Their real counterparts are tested for real: tests/ui/test_capture_real.py, the real-session
test and tests/acceptance/.
"""

from __future__ import annotations

import itertools
import queue
import random
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QTimer, Signal

from greenroom.speech.audio import float_to_pcm16, load_audio
from greenroom.ui.tasks import TaskRunner

CHUNK_BYTES = 3200  # 100 ms of 16 kHz mono int16, like the real capture thread delivers
SAMPLE_BYTES_PER_S = 32000
Consumer = Callable[[bytes], None]


class FakeMicrophone(QObject):
    """Delivers real recorded speech through the consumer callback, on a capture thread.

    Args:
        present: False: every start reports "no microphone".
        delay: Range of seconds the capture thread takes to answer a start or a stop.
        late_chunks: Chunks of room silence delivered after ``stop()`` before ``stopped``.
        stop_reports: How many times ``stopped`` is emitted per stop: 1 (the real one), 2 (a
            duplicate) or 0 (a stuck device that never reports).
        seed: For the random delays.
    """

    started = Signal(int, str)  # capture id, device name
    stopped = Signal(int, float)  # capture id, seconds captured
    level_changed = Signal(float)
    device_lost = Signal(int, str)
    no_microphone = Signal(int, str)
    failed = Signal(int, str)

    _open: ClassVar[weakref.WeakSet[FakeMicrophone]] = weakref.WeakSet()

    @classmethod
    def close_all(cls) -> None:
        """Stop every fake capture thread a test left (tests/conftest.py calls this)."""
        for mic in list(cls._open):
            mic.close()

    def __init__(
        self,
        *,
        present: bool = True,
        delay: tuple[float, float] = (0.05, 0.25),
        late_chunks: int = 2,
        stop_reports: int = 1,
        seed: int | None = 0,
    ) -> None:
        super().__init__()
        self.present = present
        self.delay = delay
        self.late_chunks = late_chunks
        self.stop_reports = stop_reports
        self.device_ids: list[bytes] = []
        self.captured = 0
        self._random = random.Random(seed)
        self._ids = itertools.count(1)
        self._current: tuple[int, Consumer | None] | None = None  # capture thread only
        self._commands: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="fake-capture", daemon=True)
        self._thread.start()
        FakeMicrophone._open.add(self)

    # What the recorder calls (GUI thread) ----------------------------------------------------

    def start(self, device_id: bytes = b"", consumer: Consumer | None = None) -> int:
        capture = next(self._ids)
        self.device_ids.append(device_id)
        self._commands.put(("start", capture, consumer))
        return capture

    def stop(self, capture: int = 0) -> None:
        self._commands.put(("stop", capture))

    # What the test does ---------------------------------------------------------------------

    @property
    def recording(self) -> bool:
        """True while a capture is running (as seen by the capture thread, after any delay)."""
        self.settle()
        return self._current is not None

    @property
    def consumer(self) -> Consumer | None:
        self.settle()
        return self._current[1] if self._current is not None else None

    def speak(self, wav: Path, *, silence_after: float = 0.6) -> None:
        """Speak a file (and a little trailing silence) into the microphone; returns when the
        capture thread has delivered it (audio said before a capture starts is lost, as in a
        room)."""
        pcm = float_to_pcm16(load_audio(wav)) + bytes(int(silence_after * 16000) * 2)
        self._call("audio", pcm)
        self.level_changed.emit(0.7)

    def pass_time(self, seconds: float) -> None:
        """A real microphone keeps delivering (room silence) while time passes."""
        self._call("audio", bytes(int(seconds * 16000) * 2))

    def feed(self, pcm: bytes) -> None:
        """Deliver raw 16 kHz int16 PCM on the capture thread (returns when delivered)."""
        self._call("audio", pcm)

    def unplug(self) -> None:
        """The device disappears mid-answer, as the real one reports it (no ``stopped``)."""
        self._call("unplug")

    def settle(self) -> None:
        """Wait until the capture thread has handled every request made so far."""
        self._call("noop")

    def close(self) -> None:
        if self._thread.is_alive():
            self._commands.put(("quit",))
            self._thread.join(5)

    shutdown = close

    # The capture thread ---------------------------------------------------------------------

    def _call(self, *command: Any) -> None:
        done = threading.Event()
        self._commands.put((*command, done))
        if not done.wait(10):
            raise TimeoutError("the fake capture thread did not answer")

    def _run(self) -> None:
        while True:
            command = self._commands.get()
            kind, args = command[0], command[1:]
            if kind == "quit":
                return
            if kind == "start":
                self._start(*args)
            elif kind == "stop":
                self._stop(*args)
            elif kind == "audio":
                pcm, done = args
                self._deliver(pcm)
                done.set()
            elif kind == "unplug":
                self._unplug()
                args[0].set()
            elif kind == "noop":
                args[0].set()

    def _sleep(self) -> None:
        time.sleep(self._random.uniform(*self.delay))

    def _start(self, capture: int, consumer: Consumer | None) -> None:
        self._sleep()
        if self._current is not None:  # a new start stops what runs, as the real worker does
            self.stopped.emit(self._current[0], self.captured / SAMPLE_BYTES_PER_S)
            self._current = None
        if not self.present:
            self.no_microphone.emit(
                capture, "No microphone was found. You can type your answers instead."
            )
            return
        self._current, self.captured = (capture, consumer), 0
        self.started.emit(capture, "Fake microphone")

    def _stop(self, capture: int) -> None:
        if self._current is None or capture not in (0, self._current[0]):
            return
        for _ in range(self.late_chunks):  # the buffer drained on stop: audio after stop()
            self._deliver(bytes(CHUNK_BYTES))
        self._sleep()
        running, self._current = self._current[0], None
        for _ in range(self.stop_reports):
            self.stopped.emit(running, self.captured / SAMPLE_BYTES_PER_S)

    def _deliver(self, pcm: bytes) -> None:
        if self._current is None or self._current[1] is None:
            return
        consumer = self._current[1]
        for i in range(0, len(pcm), CHUNK_BYTES):
            chunk = pcm[i : i + CHUNK_BYTES]
            consumer(chunk)
            self.captured += len(chunk)

    def _unplug(self) -> None:
        if self._current is None:
            return
        running, self._current = self._current[0], None
        self.device_lost.emit(
            running,
            "The microphone 'Fake microphone' was disconnected. What you said up to then was kept.",
        )


class FakeVoice(QObject):
    """Records what would be read aloud; finishes after ``seconds`` (or never, ``hold=True``).

    Like QuestionVoice: ``finished`` comes later from the event loop, and ``stop()`` while
    speaking emits ``finished`` at once.
    """

    started = Signal()
    finished = Signal()
    unavailable = Signal(str)
    voices_listed = Signal(object)

    def __init__(self, *, hold: bool = False, seconds: float = 0.15) -> None:
        super().__init__()
        self.spoken: list[str] = []
        self.hold = hold
        self.seconds = seconds
        self.stops = 0
        self.voice, self.rate, self.volume = "", 170, 0.9
        self._request = 0
        self._speaking = False

    @property
    def speaking(self) -> bool:
        return self._speaking

    def speak(self, text: str) -> None:
        self.stop()
        self.spoken.append(text)
        self._request += 1
        self._speaking = True
        self.started.emit()
        if not self.hold:
            request = self._request
            QTimer.singleShot(round(self.seconds * 1000), self, lambda: self._done(request))

    def request_voices(self) -> None:
        self.voices_listed.emit([])

    def stop(self) -> None:
        self.stops += 1
        if self._speaking:
            self._speaking = False
            self.finished.emit()

    def shutdown(self) -> None:
        self._speaking = False

    def _done(self, request: int) -> None:
        if request == self._request and self._speaking:
            self._speaking = False
            self.finished.emit()


class JitteryTaskRunner(TaskRunner):
    """The real TaskRunner, with each job delayed by a random 0-``max_delay`` seconds first, so
    jobs on the two-thread read pool finish out of order, as they can under load."""

    def __init__(
        self,
        on_error_default: Callable[[BaseException], None],
        *,
        max_delay: float = 0.15,
        delays: list[float | threading.Event] | None = None,
        seed: int | None = 0,
        parent: QObject | None = None,
    ) -> None:
        """``delays``: the first jobs' delays, in order (to make a given job finish last): seconds,
        or an event the job waits for (at most a minute), to hold it until something happened."""
        super().__init__(on_error_default, parent)
        self._random = random.Random(seed)
        self._max_delay = max_delay
        self.delays = list(delays or [])

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        write: bool = False,
        owner: QObject | None = None,
    ) -> None:
        pause = self.delays.pop(0) if self.delays else self._random.uniform(0, self._max_delay)

        def delayed() -> Any:
            if isinstance(pause, threading.Event):
                pause.wait(60)
            else:
                time.sleep(pause)
            return fn()

        super().run(delayed, on_done, on_error=on_error, write=write, owner=owner)
