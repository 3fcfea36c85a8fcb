"""Fixtures for the bank importer tests: write bank files into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import WriteFile


@pytest.fixture
def write(tmp_path: Path) -> WriteFile:
    """Write text (UTF-8, exactly as given) or bytes to ``tmp_path/name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    return _write
