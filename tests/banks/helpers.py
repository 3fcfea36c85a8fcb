"""Helpers for the bank importer tests: find lines, collect the problems of a refused file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from greenroom.banks.loader import LoadResult, load_bank_file
from greenroom.core.errors import BankError, Problem

WriteFile = Callable[[str, "str | bytes"], Path]


def line_of(text: str, needle: str, *, occurrence: int = 1) -> int:
    """1-based number of the line holding the ``occurrence``-th line that contains ``needle``."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in the test text")


def load_errors(path: Path, **kwargs: str) -> list[Problem]:
    """Load ``path`` expecting it to be refused; return the problems reported."""
    with pytest.raises(BankError) as info:
        load_bank_file(path, **kwargs)
    problems = info.value.problems
    assert problems, "a BankError must list at least one problem"
    assert all(p.severity == "error" for p in problems)
    return problems


def errors_at(problems: list[Problem]) -> dict[int | None, list[str]]:
    """Messages grouped by line, for assertions like ``"category" in errors_at(p)[7][0]``."""
    grouped: dict[int | None, list[str]] = {}
    for problem in problems:
        grouped.setdefault(problem.line, []).append(problem.message)
    return grouped


def texts(result: LoadResult) -> list[str]:
    return [q.text for q in result.bank.questions]
