"""Bank importer fuzzing at scale: thousands of broken bank files into a real database.

Same generator and checks as tests/reliability/test_fuzz_banks.py (800 files in the suite):
each file goes through load_bank_file and library.import_bank; a crash is any exception other
than a GreenroomError, a partial import is a refused file that changed the banks or questions
tables, a hang is a call over TIME_BUDGET_S. Prints the figures for docs/reliability.md.

Run: .venv/bin/python benchmarks/fuzz_banks.py [EXAMPLES]
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "reliability")]


def main() -> int:
    from bank_fuzz import SEEDS, TIME_BUDGET_S, bank_files, try_import
    from hypothesis import HealthCheck, given, settings

    from greenroom.services import library
    from greenroom.store.database import open_database

    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    tally: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    findings: list[str] = []
    slowest = 0.0
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = open_database(root / "greenroom.db")
        for suffix in (".yaml", ".csv", ".txt", ".md"):
            path = root / f"fuzz-bank{suffix}"
            path.write_text(SEEDS[suffix], encoding="utf-8")
            library.import_bank(db.engine, path)
        counter = itertools.count()

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(bank_files())
        def one(case: tuple[str, bytes, str]) -> None:
            nonlocal slowest
            suffix, data, kind = case
            name = "mutant" if suffix in (".yaml", ".yml", ".json") else "fuzz-bank"
            path = root / f"{name}-{next(counter) % 7}{suffix}"
            path.write_bytes(data)
            outcome = try_import(db.engine, path)
            tally[outcome.kind] += 1
            kinds[kind] += 1
            slowest = max(slowest, outcome.seconds)
            if outcome.kind not in ("refused", "imported"):
                findings.append(f"{kind} {suffix}: {outcome.kind}: {outcome.detail}")

        one()
        db.engine.dispose()
    tried = sum(tally.values())
    print(f"{tried} files in {time.monotonic() - started:.0f} s\n")
    print("| figure | value |")
    print("|---|---|")
    for name, value in (
        ("bank files tried", tried),
        ("refused with a BankError/GreenroomError", tally["refused"]),
        ("imported whole (the mutation left a valid bank)", tally["imported"]),
        ("crashes (any other exception)", tally["crash"]),
        ("partial imports (refused but tables changed)", tally["partial"]),
        (f"hangs (over {TIME_BUDGET_S:.0f} s)", tally["slow"]),
        ("slowest file, s", f"{slowest:.2f}"),
        ("mutations", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))),
    ):
        print(f"| {name} | {value} |")
    for finding in findings[:50]:
        print("finding:", finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
