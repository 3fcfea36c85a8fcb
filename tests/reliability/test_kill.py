"""Crash safety: SIGKILL a practising Greenroom at chosen moments; nothing committed is lost.

The suite runs KILL_RUNS kills (default 15, about 90 s here); benchmarks/kill_test.py runs 100
with the same harness and its figures are in docs/reliability.md. GREENROOM_KILL_RUNS=100 makes
this test do the full 100.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from kill_harness import TARGETS, run_kills, sessions_summary

KILL_RUNS = int(os.environ.get("GREENROOM_KILL_RUNS", "15"))


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_sigkill_at_random_moments_loses_no_committed_answer(tmp_path: Path) -> None:
    report = run_kills(tmp_path / "home", KILL_RUNS, seed=11)
    assert report.runs == KILL_RUNS
    assert set(report.phases) == set(TARGETS)  # start-up, mid-answer, transcribing, commit...
    assert report.committed > 0  # the kills did not all land before the first answer
    assert report.ok, "\n".join(report.problems)
    sessions, answers = sessions_summary(tmp_path / "home")
    assert answers >= report.committed and sessions >= 1
