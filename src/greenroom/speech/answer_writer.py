"""Write an answer's audio file while it is recorded, so Stop does not wait for the encoder.

Encoding a 2-minute answer as FLAC in one go takes 0.1-0.2 s on a 2-core machine, and the
feedback screen waited for it (docs/benchmarks.md). Here the capture thread hands each chunk to
``feed`` (a copy and a queue put) and one worker thread appends it to a temporary file beside
the answer's; ``finish`` writes the last chunk, syncs and renames it into place (the same
``replacing`` every kept file goes through). A crash leaves only the temporary ``.part`` file,
which the next start sweeps. Plain ``threading``, no Qt.
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile as sf

from greenroom.core.atomic_file import replacing
from greenroom.core.errors import AudioError
from greenroom.speech.audio import (
    SAMPLE_RATE,
    SAVE_ERRORS,
    answer_file_format,
    answer_not_saved,
    float_to_pcm16,
)

log = logging.getLogger(__name__)

_END = None
# Writing what is left at Stop takes milliseconds; this long means the disk is stuck.
DEFAULT_FINISH_TIMEOUT_S = 30.0
# The file is synced to disk every this many seconds of audio while it is recorded, so the
# sync the rename needs at Stop only has the last few seconds to flush (syncing a whole
# 2-minute FLAC at Stop took 0.05-0.1 s here).
SYNC_EVERY_S = 5.0


class _Discard(Exception):
    """Leave the ``replacing`` block without keeping the file (cancelled, or no audio)."""


class AnswerAudioWriter:
    """One answer's 16 kHz mono audio, written to ``path`` as it arrives.

    ``feed`` may be called from one capture thread; ``finish``/``cancel`` from any other. The
    worker thread starts at once and ends after ``finish`` or ``cancel``; nothing is under
    ``path`` until ``finish`` has returned it.

    Raises:
        AudioError: ``path`` does not end in .flac, .wav or .ogg.
    """

    def __init__(self, path: Path, *, sample_rate: int = SAMPLE_RATE) -> None:
        self.path = path
        self._format = answer_file_format(path)
        self._rate = sample_rate
        self._chunks: queue.Queue[npt.NDArray[np.int16] | None] = queue.Queue()
        self._ended = False  # no more audio is taken (feeding thread's view)
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._written = 0  # samples in the file (worker thread writes)
        self._worker = threading.Thread(target=self._run, name="greenroom-answer-file", daemon=True)
        self._worker.start()

    def feed(self, chunk: bytes | bytearray | memoryview | npt.NDArray[np.floating]) -> None:
        """Add audio: int16 little-endian PCM bytes (kept exactly) or float samples in -1..1.

        Never blocks and never raises: audio after ``finish``/``cancel`` or after the file
        failed is ignored (``finish`` reports the failure).
        """
        if self._ended or self._error is not None:
            return
        data = chunk if isinstance(chunk, bytes | bytearray | memoryview) else float_to_pcm16(chunk)
        whole = bytes(data)[: len(data) // 2 * 2]  # a stray odd byte is not half a sample
        samples = np.frombuffer(whole, dtype="<i2")
        if len(samples):
            self._chunks.put(samples)

    def finish(self, *, timeout: float = DEFAULT_FINISH_TIMEOUT_S) -> Path | None:
        """Write what is left and put the file in place; None when no audio was fed.

        Raises:
            AudioError: The file could not be written (disk full, folder not writable), was
                cancelled, or was not done within ``timeout`` seconds. Nothing is left under
                ``path`` or a temporary name (unless the disk is stuck).
        """
        self.end()
        self._worker.join(timeout)
        if self._worker.is_alive():
            self.cancel()
            raise answer_not_saved(self.path, TimeoutError(f"not written within {timeout:.0f} s"))
        if self._error is not None:
            raise answer_not_saved(self.path, self._error) from self._error
        if self._cancelled.is_set():
            raise AudioError("the answer's audio file was cancelled", where=str(self.path))
        return self.path if self._written else None

    def cancel(self) -> None:
        """Keep no file; returns at once (the worker removes its temporary file)."""
        self._cancelled.set()
        self.end()

    def join(self, timeout: float = 5.0) -> bool:
        """Wait for the worker thread to end (after ``finish`` or ``cancel``); True if it did."""
        self._worker.join(timeout)
        return not self._worker.is_alive()

    def end(self) -> None:
        """No more audio: the worker writes what is left. Returns at once."""
        if not self._ended:
            self._ended = True
            self._chunks.put(_END)

    def _run(self) -> None:
        fmt, subtype = self._format
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with replacing(self.path) as tmp:
                # By name, not through a Python file object: libsndfile then reports a full
                # disk as an error instead of an exception escaping its write callback.
                with sf.SoundFile(str(tmp), "w", self._rate, 1, subtype, format=fmt) as out:
                    unsynced = 0
                    while (chunk := self._chunks.get()) is not _END:
                        if self._cancelled.is_set():
                            break
                        out.write(chunk)
                        self._written += len(chunk)
                        unsynced += len(chunk)
                        if unsynced >= SYNC_EVERY_S * self._rate:
                            out.flush()  # libsndfile's sf_write_sync: an fsync of the file
                            unsynced = 0
                if self._cancelled.is_set() or not self._written:
                    raise _Discard
        except _Discard:
            pass
        except SAVE_ERRORS as exc:
            if not self._cancelled.is_set():
                log.warning("answer audio file failed: %s", exc)
                self._error = exc
        except BaseException as exc:  # surfaced by finish(); the thread must not die silently
            log.exception("answer audio file failed")
            self._error = exc
