"""Where the repository and the shared evaluation audio are."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def eval_dir() -> Path:
    """The shared recorded-speech sets (../shared/eval beside the repository)."""
    return Path(os.environ.get("GREENROOM_EVAL_DIR", REPO.parent / "shared" / "eval"))
