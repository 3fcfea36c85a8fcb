"""The banks shipped with Greenroom: valid, complete, and found inside the installed package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from greenroom.banks.loader import LoadResult, load_bank_file
from greenroom.core.bank import normalise_question_text
from greenroom.services.library import builtin_bank_files

FILES = builtin_bank_files()


@pytest.fixture(scope="module")
def loaded() -> dict[Path, LoadResult]:
    return {path: load_bank_file(path) for path in FILES}


def test_builtin_banks_are_found_with_importlib_resources() -> None:
    folder = resources.files("greenroom.question_banks")
    assert FILES, "no built-in banks found"
    for path in FILES:
        assert path.parent == Path(str(folder)) and path.suffix == ".yaml"
        assert folder.joinpath(path.name).is_file()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_builtin_bank_validates_without_warnings(
    loaded: dict[Path, LoadResult], path: Path
) -> None:
    result = loaded[path]

    assert result.warnings == ()
    assert result.bank.id == path.stem  # the file is named after its bank
    assert result.bank.title and result.bank.description


def test_at_least_8_banks_and_250_questions(loaded: dict[Path, LoadResult]) -> None:
    total = sum(len(r.bank.questions) for r in loaded.values())

    assert len(loaded) >= 8
    assert total >= 250


def test_bank_ids_are_unique(loaded: dict[Path, LoadResult]) -> None:
    ids = [r.bank.id for r in loaded.values()]

    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_question_has_category_tip_and_key_point(
    loaded: dict[Path, LoadResult], path: Path
) -> None:
    incomplete = [
        q.id
        for q in loaded[path].bank.questions
        if q.category is None or not q.tips.strip() or not q.key_points
    ]

    assert incomplete == []


def test_no_question_text_is_repeated_across_banks(loaded: dict[Path, LoadResult]) -> None:
    seen: dict[str, str] = {}
    repeats: list[str] = []
    for result in loaded.values():
        for q in result.bank.questions:
            key = normalise_question_text(q.text)
            if key in seen:
                repeats.append(f"{result.bank.id}/{q.id} repeats {seen[key]}")
            seen[key] = f"{result.bank.id}/{q.id}"

    assert repeats == []


def test_builtin_files_are_plain_utf8(loaded: dict[Path, LoadResult]) -> None:
    assert {r.encoding for r in loaded.values()} == {"utf-8"}
