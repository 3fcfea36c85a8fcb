"""Shared test set-up. Qt must be told to draw offscreen before it is first imported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from greenroom.paths import AppPaths, resolve_paths


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    paths = resolve_paths(tmp_path / "home")
    paths.ensure()
    return paths
