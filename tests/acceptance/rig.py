"""The physical world of the acceptance suite: a PulseAudio room with a speaker and a microphone.

- The *room* sink (the default output) is where Greenroom's voice reads questions; its monitor is
  recorded, so a test can hear whether a question was really spoken.
- The *answer* sink is where a test "speaks": a player plays a recorded clip into it in real
  time, and its monitor is remapped into a source that Qt lists as a microphone (Qt lists no
  monitor sources, so module-remap-source it is). Separate sinks keep the voice out of answers.
"""

from __future__ import annotations

import array
import atexit
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from support.virtual_mic import SINK, SOURCE, _pactl, ensure_virtual_mic

ROOM_SINK = "greenroom_room"
RATE = 16000


def ensure_room_sink() -> str:
    """A null sink for the app's voice, made the default output; returns its name."""
    if ROOM_SINK not in _pactl("list", "short", "sinks"):
        _pactl(
            "load-module",
            "module-null-sink",
            f"sink_name={ROOM_SINK}",
            f"rate={RATE}",
            "channels=1",
            "sink_properties=device.description=GreenroomRoom",
        )
    _pactl("set-default-sink", ROOM_SINK)
    return ROOM_SINK


def play_answer(clip: Path) -> subprocess.Popen[bytes]:
    """Speak ``clip`` into the virtual microphone, in real time (returns at once)."""
    return subprocess.Popen(["paplay", f"--device={SINK}", str(clip)])


def recording_streams(pid: int) -> list[str]:
    """PulseAudio recording streams (source outputs) opened by process ``pid``."""
    found: list[str] = []
    current = ""
    for line in _pactl("list", "source-outputs").splitlines():
        line = line.strip()
        if line.startswith("Source Output #"):
            current = line
        elif line.startswith("application.process.id") and f'"{pid}"' in line:
            found.append(current)
    return found


@dataclass
class RoomRecording:
    """What the room's speaker played, recorded from its monitor, with the time it started."""

    process: subprocess.Popen[bytes]
    path: Path
    started: float  # time.monotonic() of the first recorded sample (known once stopped)
    stopped: float = 0.0

    @classmethod
    def start(cls, path: Path) -> RoomRecording:
        process = subprocess.Popen(
            [
                "parec",
                f"--device={ROOM_SINK}.monitor",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--raw",
                "--latency-msec=50",
                str(path),
            ]
        )
        return cls(process, path, time.monotonic())

    def stop(self) -> array.array[int]:
        """Stop recording (again is fine) and return what was recorded.

        The recording is lined up with the clock by its end: parec receives nothing until the
        sink runs, so its first sample is later than its start.
        """
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
            self.stopped = time.monotonic()
        raw = self.path.read_bytes() if self.path.exists() else b""
        samples = array.array("h")
        samples.frombytes(raw[: len(raw) // 2 * 2])
        self.started = self.stopped - len(samples) / RATE
        return samples

    def loud_between(self, samples: array.array[int], start: float, end: float) -> float:
        """Seconds of clearly audible sound between two time.monotonic() instants."""
        first = max(0, int((start - self.started) * RATE))
        last = min(len(samples), int((end - self.started) * RATE))
        window = 160  # 10 ms
        loud = 0
        for i in range(first, last - window, window):
            if max(abs(s) for s in samples[i : i + window]) > 800:
                loud += 1
        return loud * window / RATE


_listener: list[subprocess.Popen[bytes]] = []


def keep_devices_awake() -> None:
    """A test room whose devices answer at once, as a laptop microphone does.

    PulseAudio suspends idle sinks (waking one took about 1.2 s here, delaying the player's
    clip and leaving gaps in the room recording), and a null sink nobody listens to closely
    renders its monitor in blocks of up to 2 s, so a newly opened microphone stream got its
    first audio 1-2 s late. So: no suspending, and one low-latency listener on the microphone
    for the whole run (another process: the app's own streams are still counted alone).
    """
    if "module-suspend-on-idle" in _pactl("list", "short", "modules"):
        _pactl("unload-module", "module-suspend-on-idle")
    for sink in (SINK, ROOM_SINK):  # those it had already suspended stay so until woken
        _pactl("suspend-sink", sink, "0")
    _pactl("suspend-source", SOURCE, "0")
    if not _listener or _listener[0].poll() is not None:
        _listener[:] = [
            subprocess.Popen(
                ["parec", f"--device={SOURCE}", "--latency-msec=20", "--raw", "/dev/null"]
            )
        ]
        atexit.register(_listener[0].terminate)


def setup_audio() -> bytes:
    """The microphone's Qt id, with the room sink as the default output."""
    mic = ensure_virtual_mic()
    ensure_room_sink()
    keep_devices_awake()
    return mic
