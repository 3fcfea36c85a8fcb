"""Kill a practising Greenroom with SIGKILL at chosen moments and check what survived.

Shared by tests/reliability/test_kill.py (a few kills in the suite) and benchmarks/kill_test.py
(100 kills, figures for docs/reliability.md). Each run starts session_child.py on the SAME data
folder, waits for a phase (start-up, mid-answer, transcription, commit, closing the session),
kills it after a random delay, then checks the folder the way the next start finds it.
"""

from __future__ import annotations

import os
import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import soundfile as sf

from greenroom.core.session import SessionStatus
from greenroom.paths import resolve_paths
from greenroom.services.startup import open_store
from greenroom.store import sessions_repo

CHILD = Path(__file__).resolve().parent / "session_child.py"
# (phase to wait for, how many of them to let pass first, max random delay after it in s)
TARGETS: dict[str, tuple[str | None, float]] = {
    "start-up": (None, 4.0),  # kill 0-4 s after launch: imports, migrations, model load
    "mid-answer": ("PHASE answering", 1.5),
    "transcribing": ("PHASE transcribing", 1.2),  # finish(), the audio file, then commit
    "committing": ("PHASE committing", 0.03),  # analysis + record_answer on the write worker
    "closing": ("FINISHING", 0.05),  # finish_session
}
WAIT_LIMIT_S = 90.0


@dataclass
class KillReport:
    runs: int = 0
    committed: int = 0
    answers_lost: int = 0
    integrity_failures: int = 0
    bad_audio_files: int = 0
    part_files_left: int = 0
    sessions_not_interrupted: int = 0
    child_errors: int = 0
    phases: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (
            self.answers_lost
            or self.integrity_failures
            or self.bad_audio_files
            or self.sessions_not_interrupted
            or self.child_errors
        )


class _Child:
    def __init__(self, data_dir: Path, seed: int) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def wait_for(self, prefix: str, count: int) -> bool:
        """Consume lines until the ``count``-th one starting with ``prefix``."""
        end = time.monotonic() + WAIT_LIMIT_S
        while count > 0:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                return False
            if line is None:
                return False
            self.seen.append(line)
            if line.startswith(prefix):
                count -= 1
        return True

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no cleanup, no atexit, no flush
        self.proc.wait()
        while True:  # everything printed before the kill
            line = self.lines.get()
            if line is None:
                break
            self.seen.append(line)


def run_kills(data_dir: Path, runs: int, *, seed: int = 2026) -> KillReport:
    rng = random.Random(seed)
    report = KillReport()
    committed: dict[int, str] = {}
    started = time.monotonic()
    names = list(TARGETS)
    for run in range(runs):
        phase = names[run % len(names)] if run < len(names) else rng.choice(names)
        marker, max_delay = TARGETS[phase]
        child = _Child(data_dir, seed=rng.randrange(1 << 30))
        if marker is not None and not child.wait_for(marker, rng.randint(1, 3)):
            report.child_errors += 1
            report.problems.append(f"run {run}: child never reached {marker!r}: {child.seen[-3:]}")
        time.sleep(rng.uniform(0, max_delay))
        child.kill()
        report.runs += 1
        report.phases[phase] += 1
        if any(line.startswith(("ERROR", "STUCK")) for line in child.seen):
            report.child_errors += 1
            report.problems.append(f"run {run}: {[x for x in child.seen if x[:5] in 'ERRORSTUCK']}")
        for line in child.seen:
            if line.startswith("COMMITTED "):
                _, answer_id, audio = line.split(" ", 2)
                committed[int(answer_id)] = audio
                report.committed += 1
        check_after_kill(data_dir, committed, child.seen, report, run)
    report.seconds = time.monotonic() - started
    return report


def check_after_kill(
    data_dir: Path, committed: dict[int, str], seen: list[str], report: KillReport, run: int
) -> None:
    paths = resolve_paths(data_dir)
    if paths.database.exists():
        with sqlite3.connect(paths.database) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchall()
        conn.close()
        if result != [("ok",)]:
            report.integrity_failures += 1
            report.problems.append(f"run {run}: integrity_check {result[:3]}")
    db = open_store(paths)  # the next start: migrations, built-in banks, mark_interrupted
    try:
        with db.engine.connect() as conn:
            rows = dict(conn.exec_driver_sql("SELECT id, transcript FROM answers").all())
            statuses = dict(conn.exec_driver_sql("SELECT id, status FROM sessions").all())
    finally:
        db.engine.dispose()
    for answer_id, audio in committed.items():
        text = rows.get(answer_id)
        if not text:
            report.answers_lost += 1
            report.problems.append(f"run {run}: committed answer {answer_id} lost or empty")
        if audio != "-" and not _complete_flac(paths.data / audio):
            report.bad_audio_files += 1
            report.problems.append(f"run {run}: audio of answer {answer_id} unreadable")
    for path in paths.audio.rglob("*"):
        if path.is_dir():
            continue
        if path.name.startswith(".") and path.name.endswith(".part"):
            report.part_files_left += 1
            path.unlink()  # counted once; a real start leaves them (see docs/reliability.md)
        elif not _complete_flac(path):
            report.bad_audio_files += 1
            report.problems.append(f"run {run}: half-written file under its final name {path}")
    report.sessions_not_interrupted += _check_sessions(statuses, seen, report, run)


def _check_sessions(statuses: dict[int, str], seen: list[str], report: KillReport, run: int) -> int:
    bad = 0
    in_progress = [sid for sid, status in statuses.items() if status == "in_progress"]
    if in_progress:
        bad += 1
        report.problems.append(f"run {run}: sessions still in progress after start {in_progress}")
    opened = [int(x.split()[1]) for x in seen if x.startswith("SESSION ")]
    closing = {int(x.split()[1]) for x in seen if x.startswith("FINISHING ")}
    finished = {int(x.split()[1]) for x in seen if x.startswith("FINISHED ")}
    if opened and opened[-1] not in finished:
        killed = opened[-1]
        allowed = {SessionStatus.INTERRUPTED.value}
        if killed in closing:  # killed while writing the end: either state is a whole one
            allowed.add(SessionStatus.COMPLETED.value)
        if statuses.get(killed) not in allowed:
            bad += 1
            report.problems.append(f"run {run}: killed session {killed} is {statuses.get(killed)}")
    for sid in finished:
        if statuses.get(sid) != SessionStatus.COMPLETED.value:
            bad += 1
            report.problems.append(f"run {run}: finished session {sid} is {statuses.get(sid)}")
    return bad


def _complete_flac(path: Path) -> bool:
    try:
        info = sf.info(str(path))
        with sf.SoundFile(str(path)) as f:
            frames = len(f.read(dtype="int16"))
    except Exception:
        return False
    return info.format == "FLAC" and info.frames > 0 and frames == info.frames


def sessions_summary(data_dir: Path) -> tuple[int, int]:
    """(sessions, answers) in the database, for the report."""
    db = open_store(resolve_paths(data_dir))
    try:
        sessions = sessions_repo.list_sessions(db.engine)
        return len(sessions), sum(s.answer_count for s in sessions)
    finally:
        db.engine.dispose()
