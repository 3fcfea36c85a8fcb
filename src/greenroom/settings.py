"""Typed settings with their defaults in one place, stored as versioned JSON in the config dir.

A settings file that cannot be read is set aside (renamed) and defaults are used: losing a
preference is better than refusing to start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from greenroom.core.atomic_file import write_text_atomic

SETTINGS_VERSION = 1
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    version: int = SETTINGS_VERSION
    theme: str = "system"  # light | dark | system
    tts_enabled: bool = True
    tts_voice: str = ""
    tts_rate: int = 170  # words per minute; espeak-ng's default is 175
    tts_volume: float = 0.9
    input_device: str = ""  # QAudioDevice id; empty means the system default
    speech_engine: str = "faster-whisper"  # never an online engine by default
    speech_model: str = "tiny.en"
    model_dir: str = ""  # a model folder the user chose
    keep_audio_days: int | None = None  # None keeps audio forever; 0 keeps none
    first_run_done: bool = False

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        aside = path.with_suffix(".unreadable.json")
        log.warning(
            "settings file %s unreadable (%s); using defaults, old file kept as %s",
            path,
            exc,
            aside,
        )
        with contextlib.suppress(OSError):
            os.replace(path, aside)
        return Settings()
    known = {f.name: f for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known and k != "version"}
    try:
        return Settings(**values)
    except TypeError:
        return Settings()


def save_settings(path: Path, settings: Settings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(asdict(settings), indent=2))
