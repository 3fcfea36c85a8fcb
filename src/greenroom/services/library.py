"""Question banks between files and the database: seeding built-ins, importing, exporting.

Sits above ``banks`` (files) and ``store`` (database), which do not know each other.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from greenroom.banks.export import export_bank
from greenroom.banks.loader import LoadResult, load_bank_file
from greenroom.store import banks_repo
from greenroom.store.banks_repo import SaveSummary

log = logging.getLogger(__name__)
# Where seeding used to record what it had loaded; removed at start (services/startup.py).
LEGACY_SEED_STAMP = ".builtin-banks.sha256"


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    loaded: LoadResult
    saved: SaveSummary


def builtin_bank_files() -> list[Path]:
    folder = Path(str(resources.files("greenroom.question_banks")))
    return sorted(folder.glob("*.yaml"))


def builtin_fingerprint(path: Path) -> str:
    """What a built-in bank's ``source`` holds in the database: its file and content hash."""
    return f"built-in {path.name} sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}"


def seed_builtin_banks(engine: Engine) -> int:
    """Make the database hold every built-in bank as shipped; returns how many were written.

    Decided by what the database holds, never by a file beside it: a database the user moved
    away (as the error message for a broken one advises), a restored backup or one from an older
    Greenroom gets its built-in banks at the next start. Bank by bank:

    - missing from the database: imported;
    - built-in, and its ``source`` holds the shipped file's fingerprint: left alone (a start costs
      one query and hashing a dozen small files; no YAML is parsed);
    - built-in from another version of the file (or stored before fingerprints): updated in
      place; questions no longer shipped are retired, never deleted, as past answers refer to
      them;
    - a bank of the user's own that has a built-in's id (imported before that bank shipped):
      never touched. The user's questions win; that built-in stays out of the list.

    Nothing the user chose is undone: built-in banks are read-only in the app (bank_edit_repo
    refuses to edit, retire or delete them; a user duplicates one to change it), so a stored
    built-in that differs from its file was changed by a Greenroom version, not by the user.
    """
    stored = banks_repo.bank_origins(engine)
    written = 0
    for path in builtin_bank_files():
        fingerprint = builtin_fingerprint(path)
        builtin, source = stored.get(path.stem, (True, ""))
        if not builtin:
            log.warning("built-in bank %s not loaded: a bank of yours has its id", path.stem)
            continue
        if source == fingerprint:
            continue
        bank = replace(load_bank_file(path).bank, source=fingerprint)
        try:
            banks_repo.save_bank(engine, bank, builtin=True)
        except IntegrityError:  # another Greenroom process seeded it a moment ago
            continue
        written += 1
    return written


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
