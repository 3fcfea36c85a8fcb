"""What an export says once it is written: what was saved, how much of it, and where."""

from __future__ import annotations

from pathlib import Path


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 answer``, ``2 answers`` (``many`` for irregular plurals)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def export_notice(*, sessions: int, answers: int, fmt: str, path: Path) -> str:
    """The confirmation after exporting ``sessions`` runs holding ``answers`` answers."""
    kind = fmt.upper()
    if sessions == 0:
        return f"Nothing to export yet: the {kind} file at {path} lists no sessions."
    what = count(sessions, "session")
    return f"Saved {what} with {count(answers, 'answer')} as {kind} to {path}."


def session_notice(*, answers: int, fmt: str, path: Path) -> str:
    """The confirmation after exporting (or writing the report of) the session shown."""
    if fmt == "pdf":
        return f"Saved the report of this session ({count(answers, 'answer')}) as PDF to {path}."
    return f"Saved this session with {count(answers, 'answer')} as {fmt.upper()} to {path}."
