"""Shared test set-up. Qt must be told to draw offscreen before it is first imported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from greenroom.paths import AppPaths, resolve_paths

REPO = Path(__file__).resolve().parents[1]


def eval_dir() -> Path:
    """The shared recorded-speech sets (../shared/eval beside the repository)."""
    return Path(os.environ.get("GREENROOM_EVAL_DIR", REPO.parent / "shared" / "eval"))


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    paths = resolve_paths(tmp_path / "home")
    paths.ensure()
    return paths
