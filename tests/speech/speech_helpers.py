"""Shared helpers for the speech tests: where the eval clips are, and word error rate."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from support.wer import FILLERS, edit_distance, fillers, normalise, word_error_rate

REPO = Path(__file__).resolve().parents[2]


def eval_dir() -> Path:
    """The shared evaluation clips: $GREENROOM_EVAL_DIR, else ../shared/eval next to the repo."""
    env = os.environ.get("GREENROOM_EVAL_DIR")
    return Path(env) if env else (REPO / ".." / "shared" / "eval").resolve()


def manifest(folder: str) -> list[dict[str, str]]:
    with (eval_dir() / folder / "manifest.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def long_meta(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((eval_dir() / "long" / f"{name}.json").read_text())
    return data


__all__ = [
    "FILLERS",
    "edit_distance",
    "eval_dir",
    "fillers",
    "long_meta",
    "manifest",
    "normalise",
    "word_error_rate",
]
