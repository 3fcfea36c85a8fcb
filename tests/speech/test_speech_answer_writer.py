"""The answer's audio file, written while the answer is recorded (speech.answer_writer).

Fed from a capture-like thread in 250 ms chunks (what QAudioSource delivers), on real files:
the file holds exactly the samples fed, is written as they arrive (so Stop only waits for the
last chunk), and appears under the answer's name only when complete.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from greenroom.core.atomic_file import PARTIAL_SUFFIX, remove_partial_files
from greenroom.core.errors import AudioError
from greenroom.speech.answer_writer import AnswerAudioWriter
from greenroom.speech.audio import float_to_pcm16, load_audio
from support.audio_data import clip
from support.waiting import wait_until

CHUNK = 4000  # samples: 250 ms at 16 kHz


def _pcm(name: str = "jfk") -> bytes:
    return float_to_pcm16(load_audio(clip(name)))


def _speak(writer: AnswerAudioWriter, pcm: bytes, *, pace_s: float = 0.0) -> threading.Thread:
    """Feed ``pcm`` in 250 ms chunks from another thread, ``pace_s`` apart."""

    def run() -> None:
        for at in range(0, len(pcm), 2 * CHUNK):
            writer.feed(pcm[at : at + 2 * CHUNK])
            time.sleep(pace_s)

    thread = threading.Thread(target=run, name="fake-capture")
    thread.start()
    return thread


def _parts(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(PARTIAL_SUFFIX)]


def _writer_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "greenroom-answer-file"]


@pytest.mark.parametrize("suffix", [".flac", ".wav"])
def test_the_file_holds_exactly_what_was_captured(tmp_path: Path, suffix: str) -> None:
    pcm = _pcm()
    writer = AnswerAudioWriter(tmp_path / "2026-12" / f"s1-q1-t1{suffix}")
    _speak(writer, pcm).join()
    saved = writer.finish()
    assert saved == tmp_path / "2026-12" / f"s1-q1-t1{suffix}"
    data, rate = sf.read(saved, dtype="int16")
    assert rate == 16_000 and data.tobytes() == pcm  # lossless, sample for sample
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]  # no temporary file left
    assert not _writer_threads()


def test_audio_is_written_while_the_answer_goes_on_and_only_a_part_file_until_finish(
    tmp_path: Path,
) -> None:
    final = tmp_path / "answer.flac"
    writer = AnswerAudioWriter(final)
    pcm = _pcm()
    half = len(pcm) // 2 - (len(pcm) // 2) % 2
    _speak(writer, pcm[:half], pace_s=0.01).join()
    wait_until(
        lambda: bool(_parts(tmp_path)) and _parts(tmp_path)[0].stat().st_size > 50_000,
        10,
        "the first 5 s of audio to reach the disk before Stop",
    )
    assert not final.exists()  # a crash now leaves only the .part, which the next start sweeps
    _speak(writer, pcm[half:]).join()
    assert writer.finish() == final
    assert sf.read(final, dtype="int16")[0].tobytes() == pcm


def test_float_silence_then_captured_audio(tmp_path: Path) -> None:
    """The recorder puts back the silence before the microphone's first audio as floats."""
    writer = AnswerAudioWriter(tmp_path / "a.flac")
    writer.feed(np.zeros(1600, dtype=np.float32))
    writer.feed(_pcm()[: 2 * CHUNK])
    saved = writer.finish()
    assert saved is not None
    data = sf.read(saved, dtype="int16")[0]
    assert len(data) == 1600 + CHUNK and not data[:1600].any()
    assert data[1600:].tobytes() == _pcm()[: 2 * CHUNK]


def test_a_chunk_with_a_stray_byte_keeps_its_whole_samples(tmp_path: Path) -> None:
    writer = AnswerAudioWriter(tmp_path / "a.wav")
    writer.feed(b"\x01\x02\x03")  # never raises on the capture thread
    saved = writer.finish()
    assert saved is not None and sf.read(saved, dtype="int16")[0].tolist() == [0x0201]


def test_no_audio_keeps_no_file(tmp_path: Path) -> None:
    writer = AnswerAudioWriter(tmp_path / "a.flac")
    assert writer.finish() is None
    assert list(tmp_path.iterdir()) == []


def test_a_dropped_answer_leaves_nothing_and_its_thread_ends(tmp_path: Path) -> None:
    writer = AnswerAudioWriter(tmp_path / "a.flac")
    feeding = _speak(writer, _pcm(), pace_s=0.005)
    time.sleep(0.1)
    writer.cancel()  # a skipped question, mid-answer
    feeding.join()  # audio after the drop is ignored, never an error
    assert writer.join()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(AudioError, match="cancelled"):
        writer.finish()


def test_unknown_suffix_is_refused_at_once(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"\.flac"):
        AnswerAudioWriter(tmp_path / "a.mp3")


@pytest.fixture
def full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on a 64 KB tmpfs (root, as in CI); else writes there fail as ENOSPC does."""
    folder = tmp_path / "audio"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:

        def full(self: sf.SoundFile, data: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(sf.SoundFile, "write", full)
    yield folder
    if mounted.returncode == 0:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_says_so_and_leaves_no_half_file(full_disk: Path) -> None:
    writer = AnswerAudioWriter(full_disk / "a.flac")
    _speak(writer, _pcm() * 2).join()  # 22 s of FLAC is far more than 64 KB
    with pytest.raises(AudioError, match="free disk space") as raised:
        writer.finish()
    assert raised.value.where == str(full_disk / "a.flac")
    assert list(full_disk.iterdir()) == []
    assert remove_partial_files(full_disk) == 0
