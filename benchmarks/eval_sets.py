"""The larger, optional benchmark audio: ../shared/eval beside the repository.

Benchmarks only. Tests never read it: they use the clips in tests/data/audio through
tests/support/audio_data.py (tests/test_repository_data.py checks that no test opens this
folder). Set GREENROOM_EVAL_DIR to use another copy. When a set is absent, ``eval_set`` says so
on stderr and returns None, and the benchmark measures what it can without it.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def eval_dir() -> Path:
    """$GREENROOM_EVAL_DIR, else ../shared/eval next to the repository (it may not exist)."""
    return Path(os.environ.get("GREENROOM_EVAL_DIR") or REPO.parent / "shared" / "eval")


def eval_set(name: str, *, instead: str = "skipped") -> Path | None:
    """The folder of one set (speech, disfluent, synthetic, long), or None after a note.

    Args:
        name: The set's folder name.
        instead: What the benchmark does without it, for the note.
    """
    folder = eval_dir() / name
    if folder.is_dir():
        return folder
    print(
        f"note: benchmark set {folder} is absent (set GREENROOM_EVAL_DIR to a copy of "
        f"shared/eval): {instead}",
        file=sys.stderr,
    )
    return None


def manifest(folder: Path) -> list[dict[str, str]]:
    """The rows of a set's manifest.tsv (file, seconds, reference, source, ...)."""
    with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def long_meta(folder: Path, name: str) -> dict[str, Any]:
    """The JSON beside a built file in long/ (parts, gaps, reference)."""
    data: dict[str, Any] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return data
