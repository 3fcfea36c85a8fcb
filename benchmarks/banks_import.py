"""Time importing a 10,000-question CSV bank: parse + validate, and the whole import into SQLite.

Run: .venv/bin/python benchmarks/banks_import.py   (prints a Markdown table for docs/benchmarks.md)
"""

from __future__ import annotations

import csv
import platform
import statistics
import tempfile
import time
from pathlib import Path

from machine import cpu

from greenroom.banks.loader import load_bank_file
from greenroom.services.library import import_bank
from greenroom.store.database import open_database

QUESTIONS = 10_000
RUNS = 5
CATEGORIES = ("behavioral", "situational", "technical", "motivation")


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "category", "difficulty", "answer_seconds", "tips", "key_points"])
        for i in range(count):
            writer.writerow(
                [
                    f"Tell me about a time you handled situation number {i} at work?",
                    CATEGORIES[i % 4],
                    "medium",
                    120,
                    "Pick one real example and give a measurable result.",
                    "situation; action; result",
                ]
            )


def timed(fn: object) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.csv"
        write_csv(src, QUESTIONS)
        parse = timed(lambda: load_bank_file(src))
        counter = iter(range(RUNS))

        def full_import() -> None:
            db = open_database(Path(tmp) / f"g{next(counter)}.db")
            import_bank(db.engine, src)
            db.engine.dispose()

        fresh = timed(full_import)
        db = open_database(Path(tmp) / "re.db")
        import_bank(db.engine, src)
        reimport = timed(lambda: import_bank(db.engine, src))
    print(f"Machine: {cpu()}, Python {platform.python_version()}")
    print(f"\n| {QUESTIONS:,} questions from CSV | median s | best s |")
    print("|---|---|---|")
    for name, values in (
        ("parse + validate", parse),
        ("import into a new database", fresh),
        ("re-import unchanged (update in place)", reimport),
    ):
        print(f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} |")


if __name__ == "__main__":
    main()
