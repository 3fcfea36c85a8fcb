"""`greenroom doctor`: what works on this machine, and how to fix what does not."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import sqlite3
import subprocess
import sys
from argparse import Namespace
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from greenroom.paths import AppPaths
from greenroom.store.migrate import head_revision

# The rotating log that app.setup_logging writes (app.py cannot be imported here: it leads to Qt).


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_python() -> list[Check]:
    ok = sys.version_info >= (3, 11)
    return [
        Check(
            "Python",
            ok,
            f"{platform.python_version()} ({sys.executable})"
            if ok
            else f"{platform.python_version()}: Greenroom needs Python 3.11 or newer",
        )
    ]


def check_qt() -> list[Check]:
    version = _version("PySide6") or _version("PySide6-Essentials")
    if version is None:
        return [Check("Qt (PySide6)", False, "not installed: pip install 'PySide6>=6.6'")]
    return [Check("Qt (PySide6)", True, version)]


def check_data(paths: AppPaths) -> list[Check]:
    folder = paths.data
    if not folder.exists():
        data = Check("Data folder", True, f"{folder} (created at first start)")
    elif os.access(folder, os.W_OK):
        data = Check("Data folder", True, str(folder))
    else:
        data = Check("Data folder", False, f"{folder} is read-only: choose another with --data-dir")
    return [data, _schema(paths.database), Check("Log folder", True, str(paths.logs)), _log(paths)]


def _log(paths: AppPaths) -> Check:
    log_file = paths.log_file
    if log_file.exists():
        return Check("Log file", True, f"{log_file} (attach it to bug reports)")
    return Check("Log file", True, f"{log_file} (written when the app first starts)")


def _schema(db: Path) -> Check:
    head = head_revision()
    if not db.exists():
        return Check("Database", True, f"{db} (created at first start, schema {head})")
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        return Check("Database", False, f"{db}: cannot be read ({exc}); move it away and restart")
    current = row[0] if row else None
    if current == head:
        return Check("Database", True, f"{db} (schema {current}, up to date)")
    return Check("Database", True, f"{db} (schema {current}; upgraded to {head} at next start)")


def check_audio_inputs(timeout: float = 20.0) -> list[Check]:
    """Ask Qt for microphones in a child process, so this command never imports Qt itself."""
    # In a PyInstaller bundle sys.executable is Greenroom itself, not a Python interpreter.
    frozen = getattr(sys, "frozen", False)
    argv = [sys.executable] if frozen else [sys.executable, "-m", "greenroom"]
    try:
        done = subprocess.run(
            [*argv, "--list-audio-inputs"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Check("Audio inputs", False, f"could not ask Qt ({exc})")]
    names = [n for n in done.stdout.splitlines() if n.strip()]
    if done.returncode != 0:
        return [
            Check(
                "Audio inputs",
                False,
                "QtMultimedia failed to start: install PySide6 (not -Essentials)",
            )
        ]
    if not names:
        return [
            Check(
                "Audio inputs",
                False,
                "no microphone found: plug one in, or check PulseAudio/PipeWire "
                "(pactl list sources short); you can still practise with typed answers",
            )
        ]
    return [Check("Audio inputs", True, ", ".join(names))]


def speech_checks(paths: AppPaths) -> list[Check]:
    if importlib.util.find_spec("greenroom.speech.checks") is None:
        return [Check("Speech", False, "speech package not installed")]
    from greenroom.settings import load_settings
    from greenroom.speech.checks import doctor_speech

    # The model the app would load: the settings' model, folder and Greenroom's model folder.
    settings = load_settings(paths.settings_file)
    found = doctor_speech(
        model_dir=Path(settings.model_dir) if settings.model_dir else None,
        models_dir=paths.models,
        model_name=settings.speech_model,
    )
    return [Check(name, ok, detail) for name, ok, detail in found]


def run_checks(
    paths: AppPaths, *, extra: list[Callable[[], list[Check]]] | None = None
) -> list[Check]:
    checks = check_python() + check_qt() + check_data(paths)

    def speech() -> list[Check]:
        return speech_checks(paths)

    for fn in [speech, check_audio_inputs, *(extra or [])]:
        try:
            checks += fn()
        except Exception as exc:  # doctor must report, never crash
            checks.append(Check(fn.__name__, False, f"check failed: {exc}"))
    return checks


def format_checks(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks)
    return "\n".join(
        f"{'ok ' if c.ok else 'NO '} {c.name.ljust(width)}  {c.detail}" for c in checks
    )


def run(args: Namespace, paths: AppPaths, out: TextIO) -> int:
    print(format_checks(run_checks(paths)), file=out)
    return 0
