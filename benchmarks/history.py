"""History at scale: 10,000 sessions and 100,000 answers.

Seeds a database (bulk insert through tests/support/history_data.py), then measures in a fresh
process, as a user opening the app would: constructing HistoryPage until its first page of rows
is in the table, DashboardPage until its charts are drawn, transcript search, and peak RSS.

Run: .venv/bin/python benchmarks/history.py   (prints a Markdown table for docs/benchmarks.md)
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SESSIONS = 10_000
ANSWERS = 100_000
RUNS = 5
QUERIES = ("backlog", "release pipeline", "stakeholders", "zeppelin", "I think")


def seed(home: Path) -> float:
    from greenroom.paths import resolve_paths
    from greenroom.services.startup import open_store
    from support.history_data import bulk_seed

    paths = resolve_paths(home)
    paths.ensure()
    db = open_store(paths)
    t0 = time.perf_counter()
    bulk_seed(db.engine, sessions=SESSIONS, answers=ANSWERS)
    elapsed = time.perf_counter() - t0
    db.engine.dispose()
    return elapsed


def _wait(app: object, done: object, timeout: float = 30.0) -> None:
    from PySide6.QtCore import QCoreApplication

    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:  # type: ignore[operator]
        QCoreApplication.processEvents()


def measure(home: Path) -> dict[str, object]:
    """Runs in a fresh process: the figures a user would feel."""
    from PySide6.QtWidgets import QApplication

    from greenroom.paths import resolve_paths
    from greenroom.services.startup import open_store
    from greenroom.settings import Settings
    from greenroom.store import history_repo, transcript_search
    from greenroom.ui.context import AppContext, SettingsStore
    from greenroom.ui.history.dashboard_page import DashboardPage
    from greenroom.ui.history.history_page import HistoryPage
    from greenroom.ui.tasks import TaskRunner

    app = QApplication([])
    paths = resolve_paths(home)
    db = open_store(paths)
    errors: list[BaseException] = []
    ctx = AppContext(db.engine, paths, TaskRunner(errors.append), SettingsStore(Settings(), None))
    out: dict[str, object] = {}
    history, dashboard = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        page = HistoryPage(ctx)
        page.resize(1200, 700)
        page.show()
        _wait(app, lambda p=page: p.model.rowCount() > 0)
        app.processEvents()
        history.append(time.perf_counter() - t0)
        assert page.model.total == SESSIONS, page.model.total
        page.close()
        page.deleteLater()
        t0 = time.perf_counter()
        dash = DashboardPage(ctx)
        dash.resize(1200, 800)
        dash.show()
        _wait(app, lambda d=dash: len(d.points) > 0)
        app.processEvents()
        dashboard.append(time.perf_counter() - t0)
        dash.close()
        dash.deleteLater()
        app.processEvents()
    search_list, search_hits = [], []
    for q in QUERIES * 2:
        t0 = time.perf_counter()
        f = history_repo.HistoryFilter(search=q)
        # What the History list runs for a search: the count and the first page together.
        history_repo.count_and_list_sessions(db.engine, f, limit=200)
        search_list.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        transcript_search.search(db.engine, q, limit=50)
        search_hits.append(time.perf_counter() - t0)
    assert not errors, errors
    out["history"] = history
    out["dashboard"] = dashboard
    out["search_list"] = search_list
    out["search_hits"] = search_hits
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        seconds = seed(home)
        size = (home / "greenroom.db").stat().st_size / 1e6
        result = subprocess.run(
            [sys.executable, __file__, "--measure", str(home)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])

    def row(label: str, values: list[float], goal: str) -> str:
        ms = [v * 1000 for v in values]
        return f"| {label} | {statistics.median(ms):.0f} | {max(ms):.0f} | {goal} |"

    print(
        f"Machine: {cpu()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}"
    )
    print(
        f"Seeded {SESSIONS:,} sessions / {ANSWERS:,} answers in {seconds:.1f} s "
        f"(database {size:.0f} MB)\n"
    )
    print("| measured in a fresh process | median ms | worst ms | goal |")
    print("|---|---|---|---|")
    print(row("open History (construct + first page of rows shown)", figures["history"], "< 300"))
    print(row("open Dashboard (construct + all charts drawn)", figures["dashboard"], "< 300"))
    print(
        row(
            "search transcripts: filtered list (count + first page)",
            figures["search_list"],
            "< 200",
        )
    )
    print(row("search transcripts: best 50 answers with snippets", figures["search_hits"], "< 200"))
    print(f"| peak RSS of the process (MB) | {figures['rss_mb']:.0f} | | < 300 |")


if __name__ == "__main__":
    main()
