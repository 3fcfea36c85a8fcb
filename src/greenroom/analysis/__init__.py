"""Delivery metrics and feedback from a timed transcript (pure Python, standard library only).

Entry points: :func:`analyze_answer` for one answer, :mod:`greenroom.analysis.feedback` for
what to say about it, :mod:`greenroom.analysis.session` for session summaries and progress.
METRICS.md defines every figure; docs/metrics.md shows the exact word rules.
"""

from __future__ import annotations

from greenroom.analysis import bands
from greenroom.analysis.metrics import AnswerMetrics, analyze_answer

__all__ = ["AnswerMetrics", "analyze_answer", "bands"]
