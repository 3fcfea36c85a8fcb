"""A virtual microphone on a real PulseAudio server, fed from real recorded speech.

A null sink ("greenroom_speaker") plays files in real time; its monitor is remapped into a
source ("greenroom_mic") that Qt lists as an ordinary input device. `./dev.sh test` installs
PulseAudio; this starts the server when none is running.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

SINK = "greenroom_speaker"
SOURCE = "greenroom_mic"


def _pactl(*args: str) -> str:
    return subprocess.run(
        ["pactl", *args], capture_output=True, text=True, timeout=20, check=True
    ).stdout


def ensure_virtual_mic() -> bytes:
    """Start PulseAudio if needed and make sure the virtual source exists; returns its Qt id."""
    if not shutil.which("pactl") or not shutil.which("pulseaudio"):
        raise RuntimeError("PulseAudio is not installed: run ./dev.sh test, which installs it")
    if subprocess.run(["pactl", "info"], capture_output=True, timeout=20).returncode != 0:
        subprocess.run(
            ["pulseaudio", "--start", "--exit-idle-time=-1"], capture_output=True, timeout=30
        )
        for _ in range(50):
            if subprocess.run(["pactl", "info"], capture_output=True, timeout=20).returncode == 0:
                break
            time.sleep(0.1)
    sources = _pactl("list", "short", "sources")
    if SOURCE not in sources:
        if SINK not in _pactl("list", "short", "sinks"):
            _pactl(
                "load-module",
                "module-null-sink",
                f"sink_name={SINK}",
                "rate=16000",
                "channels=1",
                "sink_properties=device.description=GreenroomSpeaker",
            )
        _pactl(
            "load-module",
            "module-remap-source",
            f"master={SINK}.monitor",
            f"source_name={SOURCE}",
            "source_properties=device.description=GreenroomVirtualMic",
        )
    return SOURCE.encode()


def play_into_mic(wav: Path) -> subprocess.Popen[bytes]:
    """Play a file into the virtual microphone in real time (returns at once)."""
    return subprocess.Popen(["paplay", f"--device={SINK}", str(wav)])
