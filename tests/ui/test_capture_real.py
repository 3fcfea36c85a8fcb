"""Real capture: QAudioSource records real speech from a virtual PulseAudio microphone."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from greenroom.ui.audio.capture import Microphone, input_devices
from support.audio_data import lead_file
from support.virtual_mic import ensure_virtual_mic, play_into_mic
from support.waiting import pump, wait_until


@pytest.fixture(scope="module")
def mic_id() -> bytes:
    return ensure_virtual_mic()


def test_virtual_microphone_is_listed_as_an_input(qtbot: QtBot, mic_id: bytes) -> None:
    assert mic_id in [d.id for d in input_devices()]


def test_capture_records_the_speech_played_into_the_microphone(qtbot: QtBot, mic_id: bytes) -> None:
    clip = lead_file("jfk", 1.0)
    chunks: list[bytes] = []
    lock = threading.Lock()

    def consume(pcm: bytes) -> None:
        with lock:
            chunks.append(pcm)

    mic = Microphone()
    levels: list[float] = []
    mic.level_changed.connect(levels.append)
    try:
        with qtbot.waitSignal(mic.started, timeout=10000) as started:
            capture = mic.start(mic_id, consume)
        assert started.args == [capture, "GreenroomVirtualMic"]
        player = play_into_mic(clip.path)
        wait_until(lambda: player.poll() is not None, 30)
        with qtbot.waitSignal(mic.stopped, timeout=10000) as stopped:
            mic.stop(capture)
    finally:
        mic.shutdown()
    samples = np.frombuffer(b"".join(chunks), dtype="<i2").astype(np.float32) / 32768
    seconds = len(samples) / 16000
    assert stopped.args[0] == capture
    assert stopped.args[1] == pytest.approx(seconds, abs=0.01)
    assert seconds > 5.0  # the clip is 1 s of silence then about 10 s of speech
    loud = np.abs(samples) > 0.05
    assert loud.any(), "nothing audible was captured"
    assert max(levels) > 0.5 and min(levels) < 0.3  # the meter moved with the speech
    assert clip.lead > 0


def test_a_late_stopped_names_its_own_capture_and_a_stale_stop_is_ignored(
    qtbot: QtBot, mic_id: bytes
) -> None:
    """The capture thread answers after the GUI has moved on: each signal says which capture it
    is about, so the next answer is never finished by the last one's "stopped"."""
    mic = Microphone()
    stopped: list[int] = []
    started: list[int] = []
    mic.stopped.connect(lambda capture, _seconds: stopped.append(capture))
    mic.started.connect(lambda capture, _name: started.append(capture))
    second_chunks: list[bytes] = []
    try:
        first = mic.start(mic_id, lambda _pcm: None)
        mic.stop(first)
        second = mic.start(mic_id, second_chunks.append)  # before the first's "stopped" arrived
        wait_until(lambda: started == [first, second] and stopped == [first], 10)
        mic.stop(first)  # stale: must not stop the second capture
        pump(500)
        assert stopped == [first] and second_chunks  # the second capture still records
        mic.stop(second)
        wait_until(lambda: stopped == [first, second], 10)
    finally:
        mic.shutdown()
