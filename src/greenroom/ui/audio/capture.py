"""Microphone capture with QtMultimedia in a thread of its own.

``Microphone`` (GUI thread) owns a QThread running ``_CaptureWorker``. Audio chunks go to a
consumer callback on the capture thread (the streaming transcriber's ``feed``), so PCM never
crosses the GUI thread; only levels and state changes arrive there, as queued signals.

Every ``start`` returns a capture id, and every state signal carries the id of the capture it is
about. The capture thread answers later than the GUI asks (50-250 ms on PulseAudio), so a
``stopped`` can arrive after the GUI has started the next capture: without the id, that late
signal finished the *next* answer (One-way mode lost and mislabelled answers this way).

Device quirks (as Anki notes in aqt/sound.py): some back ends return nothing for the first
100-300 ms after start; we poll rather than rely on readyRead, which the FFmpeg back end emits
irregularly for small buffers.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices, QtAudio

from greenroom.ui.audio.convert import TARGET_RATE, PcmConverter, rms_level
from greenroom.ui.threads import device_thread, stop_thread

log = logging.getLogger(__name__)
POLL_MS = 30
LEVEL_EVERY_MS = 50
Consumer = Callable[[bytes], None]


@dataclass(frozen=True, slots=True)
class InputDevice:
    id: bytes
    name: str
    is_default: bool


def input_devices() -> list[InputDevice]:
    default = QMediaDevices.defaultAudioInput().id().data()
    return [
        InputDevice(bytes(d.id().data()), d.description(), d.id().data() == default)
        for d in QMediaDevices.audioInputs()
    ]


def _choose(device_id: bytes) -> QAudioDevice | None:
    devices = QMediaDevices.audioInputs()
    for device in devices:
        if device_id and device.id().data() == device_id:
            return device
    default = QMediaDevices.defaultAudioInput()
    return default if not default.isNull() else (devices[0] if devices else None)


def _format_for(device: QAudioDevice) -> QAudioFormat:
    wanted = QAudioFormat()
    wanted.setSampleRate(TARGET_RATE)
    wanted.setChannelCount(1)
    wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return wanted if device.isFormatSupported(wanted) else device.preferredFormat()


class _CaptureWorker(QObject):
    started = Signal(int, str)  # capture id, device name
    level_changed = Signal(float)
    stopped = Signal(int, float)  # capture id, seconds captured
    device_lost = Signal(int, str)
    no_microphone = Signal(int, str)
    failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self._source: QAudioSource | None = None
        self._io: object = None
        self._device: QAudioDevice | None = None
        self._converter: PcmConverter | None = None
        self._consumer: Consumer | None = None
        self._bytes = 0
        self._level_bytes = b""
        self._timer: QTimer | None = None
        self._devices: QMediaDevices | None = None
        self._capture = 0  # id of the running capture, 0 when none
        self._opened = 0.0
        self._consumer_lock = threading.Lock()
        self._consumers: dict[int, Consumer | None] = {}

    def set_consumer(self, capture: int, consumer: Consumer | None) -> None:
        """Called from the GUI thread before ``start``: a Python callable is not sent through a
        queued signal (PySide crashed at exit when we did)."""
        with self._consumer_lock:
            self._consumers[capture] = consumer

    @Slot(int, bytes)
    def start(self, capture: int, device_id: bytes) -> None:
        with self._consumer_lock:
            consumer = self._consumers.pop(capture, None)
        if self._devices is None:  # created here so that it lives on this thread
            self._devices = QMediaDevices(self)
            self._devices.audioInputsChanged.connect(self._on_devices_audio_inputs_changed)
            self._timer = QTimer(self)
            self._timer.timeout.connect(self._poll)
        self._stop_running()
        device = _choose(device_id)
        if device is None:
            self.no_microphone.emit(
                capture, "No microphone was found. You can type your answers instead."
            )
            return
        fmt = _format_for(device)
        self._converter = PcmConverter(
            rate=fmt.sampleRate(),
            channels=fmt.channelCount(),
            sample_format=fmt.sampleFormat().name,
        )
        # Qt's default buffer (250 ms here) is kept on purpose: with 100 ms, a real-time 2-minute
        # answer lost 3 s of audio to overruns and finished transcribing later, not sooner.
        self._source = QAudioSource(device, fmt, self)
        self._io = self._source.start()
        if self._source.error() != QtAudio.Error.NoError:
            name = device.description()
            self._teardown()
            self.failed.emit(
                capture,
                f"The microphone '{name}' could not be opened. Check that no other "
                "program is using it, or choose another in Settings.",
            )
            return
        self._device, self._consumer, self._bytes = device, consumer, 0
        self._capture, self._opened = capture, time.monotonic()
        log.info("capture %d: %s opened", capture, device.description())
        assert self._timer is not None
        self._timer.start(POLL_MS)
        self.started.emit(capture, device.description())

    @Slot(int)
    def stop(self, capture: int) -> None:
        """Stop capture ``capture`` (0: whatever is running); a stale id is ignored.

        Requests arrive in the order the GUI made them, so a capture's start is always handled
        before its stop.
        """
        if capture in (0, self._capture):
            self._stop_running()

    def _stop_running(self) -> None:
        if self._source is None:
            return
        self._pull()
        seconds, capture = self._bytes / (2 * TARGET_RATE), self._capture
        self._consumer = None  # the last audio has been delivered: the answer is complete
        # Said before the device is closed, which takes 20-60 ms with PulseAudio: the answer
        # can be finished meanwhile, and nothing after the last pull reaches a consumer.
        self.stopped.emit(capture, seconds)
        self._teardown()

    def _teardown(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
        self._source, self._io, self._device, self._consumer = None, None, None, None
        self._capture = 0

    def _poll(self) -> None:
        if self._check_source():
            self._pull()

    def _pull(self) -> None:
        if self._io is None or self._converter is None:
            return
        data = bytes(self._io.readAll().data())  # type: ignore[attr-defined]
        if not data:
            return
        pcm = self._converter.convert(data)
        if not self._bytes:  # device latency, for the log: timings only, never audio
            log.info(
                "capture %d: first audio %.2f s after opening",
                self._capture,
                time.monotonic() - self._opened,
            )
        self._bytes += len(pcm)
        if self._consumer is not None:
            self._feed(pcm)
        self._level_bytes += pcm
        if len(self._level_bytes) >= TARGET_RATE * 2 * LEVEL_EVERY_MS // 1000:
            self.level_changed.emit(rms_level(self._level_bytes))
            self._level_bytes = b""

    def _feed(self, pcm: bytes) -> None:
        assert self._consumer is not None
        try:
            self._consumer(pcm)
        except Exception:
            # A consumer's bug must not repeat on every poll (16 a second): log it once and stop
            # feeding that consumer; the capture itself goes on until it is stopped.
            log.exception("the audio consumer failed; capture %d feeds it no more", self._capture)
            self._consumer = None

    @Slot()
    def close(self) -> None:
        """Stop and free everything on this thread before it quits: timers die with their thread."""
        self._stop_running()
        for obj in (self._timer, self._devices):
            if obj is not None:
                obj.deleteLater()
        self._timer = self._devices = None

    def _check_source(self) -> bool:
        # Polled, not connected to stateChanged: PySide 6.12 cannot pass QAudio::State to Python.
        if self._source is None:
            return False
        error = self._source.error()
        if error in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            return True
        self._lost(f"The microphone stopped working ({error.name}).")
        return False

    def _on_devices_audio_inputs_changed(self) -> None:
        if self._device is None:
            return
        present = {d.id().data() for d in QMediaDevices.audioInputs()}
        if self._device.id().data() not in present:
            self._lost(f"The microphone '{self._device.description()}' was disconnected.")

    def _lost(self, message: str) -> None:
        self._pull()
        seconds, capture = self._bytes / (2 * TARGET_RATE), self._capture
        self._teardown()
        self.device_lost.emit(
            capture, f"{message} What you said up to then ({seconds:.0f} s) was kept."
        )


class Microphone(QObject):
    """GUI-thread handle to the capture thread. Signals arrive queued on the GUI thread."""

    _start_requested = Signal(int, bytes)
    _stop_requested = Signal(int)
    _close_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._worker = _CaptureWorker()
        self._start_requested.connect(self._worker.start)
        self._stop_requested.connect(self._worker.stop)
        self._close_requested.connect(
            self._worker.close, Qt.ConnectionType.BlockingQueuedConnection
        )

        self.started = self._worker.started
        self.level_changed = self._worker.level_changed
        self.stopped = self._worker.stopped
        self.device_lost = self._worker.device_lost
        self.no_microphone = self._worker.no_microphone
        self.failed = self._worker.failed
        self._thread = device_thread("greenroom-capture")
        self._thread.finished.connect(self._worker.deleteLater)
        self._worker.moveToThread(self._thread)

    def start(self, device_id: bytes = b"", consumer: Consumer | None = None) -> int:
        """Start capturing; ``consumer`` gets 16 kHz mono int16 chunks on the capture thread.

        Returns the capture's id, which every later signal about this capture carries.
        """
        capture = next(self._ids)
        self._worker.set_consumer(capture, consumer)
        self._start_requested.emit(capture, device_id)
        return capture

    def stop(self, capture: int = 0) -> None:
        """Stop capture ``capture`` (0: whatever is running). ``stopped`` follows, later."""
        self._stop_requested.emit(capture)

    def shutdown(self) -> None:
        """Stop capturing and join the capture thread (at exit)."""
        if self._thread.isRunning():
            self._close_requested.emit()
        stop_thread(self._thread)
