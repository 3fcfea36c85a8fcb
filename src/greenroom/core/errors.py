"""Errors a user can act on, classified by who is to blame (DESIGN.md section 5).

A ``GreenroomError`` carries a message fit to show as it is: what happened, where, and what to
do next. Anything that is not a ``GreenroomError`` is a bug and is reported as one.
"""

from __future__ import annotations

from dataclasses import dataclass


class GreenroomError(Exception):
    """A user or environment problem with a message fit to show."""

    def __init__(self, what: str, *, where: str = "", fix: str = "") -> None:
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        head = f"{self.where}: {self.what}" if self.where else self.what
        return f"{head}. {self.fix}" if self.fix else head

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning found in a file, at a place a user can find."""

    file: str
    line: int | None
    message: str
    column: int | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.severity}: {self.message}"


class BankError(GreenroomError):
    """A bank file that cannot be imported; ``problems`` lists every error found."""

    def __init__(
        self, problems: list[Problem], *, fix: str = "Fix the file and import it again"
    ) -> None:
        self.problems = problems
        first = problems[0] if problems else Problem("?", None, "unknown problem")
        count = len([p for p in problems if p.severity == "error"])
        what = str(first) if count <= 1 else f"{count} errors, first: {first}"
        super().__init__(what, fix=f"{fix}; nothing was imported")


class StorageError(GreenroomError):
    """The database or the data folder cannot be used."""


class AudioError(GreenroomError):
    """An audio file or device cannot be used."""


class SpeechEngineError(GreenroomError):
    """A transcription or text-to-speech engine is missing or failed."""
