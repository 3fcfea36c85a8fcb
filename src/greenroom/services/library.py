"""Question banks between files and the database: seeding built-ins, importing, exporting.

Sits above ``banks`` (files) and ``store`` (database), which do not know each other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from greenroom.banks.export import export_bank
from greenroom.banks.loader import LoadResult, load_bank_file
from greenroom.store import banks_repo
from greenroom.store.banks_repo import SaveSummary


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    loaded: LoadResult
    saved: SaveSummary


def builtin_bank_files() -> list[Path]:
    folder = Path(str(resources.files("greenroom.question_banks")))
    return sorted(folder.glob("*.yaml"))


def seed_builtin_banks(engine: Engine, stamp_file: Path) -> int:
    """Load the shipped banks into the database when they changed since the last start.

    Returns:
        The number of banks written (0 when the stamp says nothing changed).
    """
    files = builtin_bank_files()
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    stamp = digest.hexdigest()
    if stamp_file.exists() and stamp_file.read_text().strip() == stamp:
        return 0
    for path in files:
        banks_repo.save_bank(engine, load_bank_file(path).bank, builtin=True)
    stamp_file.parent.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(stamp)
    return len(files)


def import_bank(
    engine: Engine, path: Path, *, bank_id: str | None = None, title: str | None = None
) -> ImportOutcome:
    """Validate the whole file first, then save it in one transaction (all or nothing)."""
    loaded = load_bank_file(path, bank_id=bank_id, title=title)
    return ImportOutcome(loaded, banks_repo.save_bank(engine, loaded.bank))


def export_bank_file(engine: Engine, bank_id: str, path: Path) -> int:
    bank = banks_repo.get_bank(engine, bank_id)
    export_bank(bank, path)
    return len(bank.questions)
