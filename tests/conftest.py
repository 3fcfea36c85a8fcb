"""Shared test set-up. Qt must be told to draw offscreen before it is first imported."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from greenroom.paths import AppPaths, resolve_paths
from support import shared_guard


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    paths = resolve_paths(tmp_path / "home")
    paths.ensure()
    return paths


def pytest_configure(config: pytest.Config) -> None:
    shared_guard.install()  # no test may read ../shared: a fresh clone has nothing beside it


@pytest.fixture(autouse=True)
def _no_shared_reads() -> Iterator[None]:
    yield
    shared_guard.check_test()
