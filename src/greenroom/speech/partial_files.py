"""Temporary names of answer files being written, and removing those a crash left behind.

Standard library only, so start-up can sweep them without loading numpy and soundfile.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

PARTIAL_SUFFIX = ".part"  # save_answer_audio writes ".<name>.<random>.<ext>.part", then renames


def remove_partial_files(folder: Path) -> int:
    """Delete half-written answer files a crash left behind; returns how many.

    Only call this when no answer is being saved (at start-up): it removes every temporary
    ``.<name>.*.<ext>.part`` file under ``folder``, never a file under its final name.
    """
    removed = 0
    if not folder.is_dir():
        return 0
    for leftover in folder.rglob(f".*{PARTIAL_SUFFIX}"):
        if leftover.is_file() and not leftover.is_symlink():
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed
