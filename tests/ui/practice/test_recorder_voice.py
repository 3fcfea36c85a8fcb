"""The recorder tracks the voice and writes the audio file while the answer is spoken, so the
feedback screen does not wait for either: the answer arrives with its voice track, the same one
the saved recording gives, and its file holds exactly what the microphone delivered.

The microphone is the fake that delivers real speech from its own thread, 50-250 ms late; the
speech engine and the pitch tracker are the real ones.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from pytestqt.qtbot import QtBot

from greenroom.analysis.metrics import analyze_answer
from greenroom.speech.audio import float_to_pcm16, load_audio
from greenroom.speech.engine import TranscriptionEngine
from greenroom.ui.practice.recorder import AnswerRecorder, RecordedAnswer
from greenroom.voice import track_file
from support.audio_data import clip
from support.fakes import FakeMicrophone, JitteryTaskRunner
from support.waiting import wait_until

Rig = tuple[AnswerRecorder, FakeMicrophone]


def _worker_threads() -> list[str]:
    names = ("greenroom-voice", "greenroom-answer-file")
    return [t.name for t in threading.enumerate() if t.name in names]


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    """A recorder on the fake microphone and the real (jittery) task pools; closed as the app
    closes it, and failing on any job error."""
    mic, errors = FakeMicrophone(), []
    tasks = JitteryTaskRunner(errors.append)
    recorder = AnswerRecorder(mic, tasks)
    yield recorder, mic
    recorder.shutdown()
    mic.close()
    assert tasks.wait(20000)
    assert not errors


def test_the_answer_arrives_with_the_voice_tracked_while_it_was_spoken(
    qtbot: QtBot, tmp_path: Path, whisper: TranscriptionEngine, rig: Rig
) -> None:
    recorder, mic = rig
    recorder.start(whisper, audio_path=tmp_path / "answer.flac", context="q1")
    assert mic.recording
    mic.speak(clip("jfk"))
    with qtbot.waitSignal(recorder.answer_ready, timeout=60000) as ready:
        recorder.stop()
    recorded: RecordedAnswer = ready.args[0]
    assert recorded.audio_path is not None and recorded.voice is not None
    saved = track_file(recorded.audio_path)  # what the analysis measured before issue 16's fix
    assert recorded.voice.duration == pytest.approx(saved.duration, abs=1e-4)
    shown = analyze_answer(recorded.transcript, answer_limit=None, voice=recorded.voice).voice
    expected = analyze_answer(recorded.transcript, answer_limit=None, voice=saved).voice
    assert shown is not None and expected is not None and expected.pitch_median_hz
    assert shown.monotone == expected.monotone and shown.notes == expected.notes
    for figure in ("pitch_median_hz", "pitch_variation_st", "loudness_dbfs", "loudness_trend_db"):
        assert getattr(shown, figure) == pytest.approx(getattr(expected, figure), abs=0.1)
    assert not _worker_threads()
    # The file: the silence put back before the microphone's first audio, then exactly what it
    # delivered (the speech, the room silence after it and the chunks that came after Stop).
    data = sf.read(recorded.audio_path, dtype="int16")[0]
    spoken = float_to_pcm16(load_audio(clip("jfk")))
    lead = data.tobytes().find(spoken) // 2
    assert 0 < lead <= 0.3 * 16_000
    assert not data[:lead].any() and not data[lead + len(spoken) // 2 :].any()
    assert recorded.transcript.duration == pytest.approx(len(data) / 16_000, abs=0.01)
    assert [p.name for p in tmp_path.iterdir()] == ["answer.flac"]


def test_a_dropped_answer_and_a_shutdown_stop_the_voice_thread(
    tmp_path: Path, whisper: TranscriptionEngine, rig: Rig
) -> None:
    recorder, mic = rig
    delivered: list[object] = []
    recorder.answer_ready.connect(delivered.append)
    recorder.start(whisper, audio_path=tmp_path / "skipped.flac")
    mic.speak(clip("jfk"))
    recorder.cancel()  # a skipped question
    wait_until(lambda: not _worker_threads(), 10, "the skipped answer's voice thread to stop")

    recorder.start(whisper, audio_path=tmp_path / "closing.flac")
    mic.speak(clip("jfk"))
    assert _worker_threads()
    recorder.shutdown()  # the app closes mid-answer
    assert not _worker_threads() and not delivered
    assert list(tmp_path.iterdir()) == []  # neither answer left a file or a .part


def test_a_file_that_fails_while_recording_is_written_again_from_memory(
    qtbot: QtBot,
    tmp_path: Path,
    whisper: TranscriptionEngine,
    rig: Rig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A disk full for a moment mid-answer: the audio is still in memory, so nothing is lost."""
    recorder, mic = rig
    failing = sf.SoundFile.write

    def full_once(self: sf.SoundFile, data: np.ndarray) -> None:
        monkeypatch.setattr(sf.SoundFile, "write", failing)  # space is back after this
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sf.SoundFile, "write", full_once)
    recorder.start(whisper, audio_path=tmp_path / "answer.flac")
    mic.speak(clip("jfk"))
    with qtbot.waitSignal(recorder.answer_ready, timeout=60000) as ready:
        recorder.stop()
    recorded: RecordedAnswer = ready.args[0]
    assert recorded.audio_path == tmp_path / "answer.flac" and not recorded.note
    spoken = load_audio(clip("jfk"))
    assert sf.info(recorded.audio_path).frames >= len(spoken)
    assert [p.name for p in tmp_path.iterdir()] == ["answer.flac"]
