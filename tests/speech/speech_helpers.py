"""Word error rate and filler counting for the speech tests (one implementation, support/wer.py).

Recorded speech and its references come from support/audio_data.py (the repository's own
tests/data/audio).
"""

from __future__ import annotations

from support.wer import edit_distance, fillers, normalise, word_error_rate

__all__ = ["edit_distance", "fillers", "normalise", "word_error_rate"]
