"""Crash safety at scale: 100 SIGKILLs of a practising Greenroom on one data folder.

Uses the harness of tests/reliability/test_kill.py (which runs 15 kills in the suite): each run
starts tests/reliability/session_child.py, kills it at start-up, mid-answer, during
transcription, during the commit or while closing the session, then checks the folder as the
next start finds it. Prints the figures recorded in docs/reliability.md.

Run: .venv/bin/python benchmarks/kill_test.py [RUNS] [SEED]
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

from machine import cpu

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "reliability")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from kill_harness import run_kills, sessions_summary

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        report = run_kills(home, runs, seed=seed)
        sessions, answers = sessions_summary(home)
    print(f"machine: {cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"seed {seed}, {report.seconds:.0f} s\n")
    print("| figure | value |")
    print("|---|---|")
    for name, value in (
        ("kill runs (SIGKILL)", report.runs),
        ("kills by phase", ", ".join(f"{k} {v}" for k, v in sorted(report.phases.items()))),
        ("answers committed before a kill", report.committed),
        ("answers lost", report.answers_lost),
        ("integrity failures (PRAGMA integrity_check)", report.integrity_failures),
        ("half-written audio under a final name", report.bad_audio_files),
        ("temp .part files left by a kill", report.part_files_left),
        ("killed sessions not marked interrupted", report.sessions_not_interrupted),
        ("child errors", report.child_errors),
        ("sessions / answers in the database at the end", f"{sessions} / {answers}"),
    ):
        print(f"| {name} | {value} |")
    for problem in report.problems:
        print("problem:", problem)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
