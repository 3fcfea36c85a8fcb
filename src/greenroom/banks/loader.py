"""Load any bank file: pick the reader by extension, validate, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from greenroom.banks.markdown import read_markdown
from greenroom.banks.plaintext import read_text
from greenroom.banks.raw import RawBank
from greenroom.banks.structured import read_json, read_yaml
from greenroom.banks.tabular import read_csv
from greenroom.banks.text import decode, read_limited
from greenroom.banks.validate import build_bank
from greenroom.core.bank import Bank, slugify
from greenroom.core.errors import BankError, Problem

Reader = Callable[[str, str], RawBank]
READERS: dict[str, Reader] = {
    "yaml": read_yaml,
    "json": read_json,
    "csv": read_csv,
    "txt": read_text,
    "md": read_markdown,
}
EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A bank that passed validation, with the warnings found on the way."""

    bank: Bank
    warnings: tuple[Problem, ...]
    encoding: str = "utf-8"


def detect_format(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise BankError(
            [Problem(str(path), None, f"unknown bank file type {path.suffix or '(none)'!r}")],
            fix=f"Use one of {known}",
        )
    return fmt


def load_bank_file(
    path: Path, *, bank_id: str | None = None, title: str | None = None
) -> LoadResult:
    """Read, validate and return one bank file.

    For formats without a header (CSV, text, Markdown) the id and title come from the file name
    unless given.

    Raises:
        BankError: listing every error, when the file cannot be imported as a whole.
    """
    fmt = detect_format(path)
    text, encoding = decode(read_limited(path), str(path))
    if fmt == "txt" and _looks_like_a_table(text):
        fmt = "csv"  # Excel saves "Unicode text" as a tab-separated .txt with a header row
    if fmt in ("csv", "txt", "md"):
        bank_id = bank_id or slugify(path.stem, max_len=40)
        title = title or path.stem.replace("_", " ").replace("-", " ").strip().capitalize()
    return _finish(READERS[fmt](text, str(path)), bank_id=bank_id, title=title, encoding=encoding)


def load_bank_text(
    text: str, *, fmt: str, name: str, bank_id: str | None = None, title: str | None = None
) -> LoadResult:
    """Validate bank text that did not come from a file (pasted into the app)."""
    if fmt not in READERS:
        raise BankError([Problem(name, None, f"unknown format {fmt!r}")])
    if len(text.encode("utf-8", errors="replace")) > 5 * 1024 * 1024:
        raise BankError([Problem(name, None, "text is larger than 5 MB")], fix="Split it")
    if fmt in ("csv", "txt", "md"):
        bank_id = bank_id or slugify(name, max_len=40)
        title = title or name
    return _finish(READERS[fmt](text, name), bank_id=bank_id, title=title, encoding="utf-8")


def _looks_like_a_table(text: str) -> bool:
    header = text.split("\n", 1)[0].lower().split("\t")
    return len(header) > 1 and any(h.strip() in ("text", "question") for h in header)


def _finish(raw: RawBank, *, bank_id: str | None, title: str | None, encoding: str) -> LoadResult:
    bank = build_bank(raw, bank_id=bank_id, title=title) if not _fatal(raw) else None
    errors = [p for p in raw.problems if p.severity == "error"]
    if errors or bank is None:
        raise BankError(sorted(errors, key=lambda p: (p.line or 0, p.column or 0)))
    warnings = tuple(p for p in raw.problems if p.severity == "warning")
    return LoadResult(bank=bank, warnings=warnings, encoding=encoding)


def _fatal(raw: RawBank) -> bool:
    """A file that could not even be parsed gives no bank to validate."""
    return any(p.severity == "error" for p in raw.problems) and not raw.questions and not raw.fields
