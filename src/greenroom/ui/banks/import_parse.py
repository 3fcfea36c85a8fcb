"""The work behind the import preview, run off the GUI thread: parse, never raise a user error.

Both entry points return a ``ParseOutcome`` holding either the validated bank or the problems,
so a refused file is plain data for the preview, not an exception. Anything else (a bug) still
raises and reaches the TaskRunner's crash path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from greenroom.banks.loader import LoadResult, load_bank_file, load_bank_text
from greenroom.core.errors import BankError, Problem

FORMATS = {
    "auto": "Auto-detect",
    "yaml": "YAML",
    "json": "JSON",
    "csv": "CSV (header row)",
    "txt": "Plain text (one per line)",
    "md": "Markdown",
}
FILE_FILTER = (
    "Question banks (*.yaml *.yml *.json *.csv *.tsv *.txt *.text *.md *.markdown);;All files (*)"
)
_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_LINK = re.compile(r"\]\([^)]*\)")
_YAML_HEADER = re.compile(r"^greenroom_bank\s*:", re.MULTILINE)
_CSV_SPLIT = re.compile(r"[,;\t]")


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """A validated bank (``loaded``) or the errors that refused it; ``fmt`` is what was read."""

    source: str
    fmt: str
    loaded: LoadResult | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def parse_file(path: Path) -> ParseOutcome:
    fmt = path.suffix.lower().lstrip(".")
    try:
        loaded = load_bank_file(path)
    except BankError as exc:
        return ParseOutcome(str(path), fmt, problems=tuple(exc.problems))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return ParseOutcome(str(path), fmt, problems=(Problem(str(path), None, reason),))
    return ParseOutcome(str(path), fmt, loaded=loaded, problems=loaded.warnings)


def parse_text(text: str, *, fmt: str, name: str) -> ParseOutcome:
    chosen = detect_text_format(text) if fmt == "auto" else fmt
    try:
        loaded = load_bank_text(text, fmt=chosen, name=name)
    except BankError as exc:
        return ParseOutcome(name, chosen, problems=tuple(exc.problems))
    return ParseOutcome(name, chosen, loaded=loaded, problems=loaded.warnings)


def detect_text_format(text: str) -> str:
    """Guess the format of pasted text: JSON, a Greenroom YAML bank, CSV, Markdown or lines."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    if _YAML_HEADER.search(stripped):
        return "yaml"
    first = stripped.split("\n", 1)[0]
    cells = [c.strip().strip('"').lower() for c in _CSV_SPLIT.split(first)]
    if len(cells) > 1 and ("text" in cells or "question" in cells):
        return "csv"
    # Headings carry categories and links need reducing: plain text would lose both.
    if _HEADING.search(stripped) or _MD_LINK.search(stripped):
        return "md"
    return "txt"


def problem_text(p: Problem) -> str:
    place = f"Line {p.line}" if p.line is not None else "File"
    if p.line is not None and p.column is not None:
        place += f", column {p.column}"
    return f"{place}: {p.severity}: {p.message}"
