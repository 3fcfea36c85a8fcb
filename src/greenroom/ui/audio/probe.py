"""`greenroom --list-audio-inputs`: one microphone name per line (used by `greenroom doctor`)."""

from __future__ import annotations

import os
from typing import TextIO


def print_audio_inputs(out: TextIO) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtMultimedia import QMediaDevices

    _app = QCoreApplication.instance() or QCoreApplication([])
    for device in QMediaDevices.audioInputs():
        print(device.description(), file=out)
    return 0
