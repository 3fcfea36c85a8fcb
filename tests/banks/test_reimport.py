"""Importing into a real database: update in place, retire removed questions, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from greenroom.banks.loader import load_bank_file
from greenroom.core.errors import BankError, GreenroomError
from greenroom.services import library
from greenroom.store import banks_repo
from greenroom.store.database import open_database

from .helpers import WriteFile

V1 = """\
greenroom_bank: 1
id: my-bank
title: My bank
questions:
  - id: intro
    text: Tell me about yourself.
    category: opener
  - id: why-us
    text: Why do you want to work here?
    category: motivation
  - id: conflict
    text: Tell me about a conflict with a colleague.
    category: behavioral
  - id: weakness
    text: What is your greatest weakness?
"""

# intro unchanged, why-us edited, conflict kept, weakness removed, salary added.
V2 = """\
greenroom_bank: 1
id: my-bank
title: My bank (v2)
questions:
  - id: intro
    text: Tell me about yourself.
    category: opener
  - id: why-us
    text: Why do you want to work here, of all places?
    category: motivation
    tips: Name one thing about the product.
  - id: conflict
    text: Tell me about a conflict with a colleague.
    category: behavioral
  - id: salary
    text: What are your salary expectations?
    category: closing
"""


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    db = open_database(tmp_path / "g.db")
    yield db.engine
    db.engine.dispose()


def _snapshot(engine: Engine, bank_id: str) -> list[tuple[str, str, bool, str]]:
    bank = banks_repo.get_bank(engine, bank_id, include_retired=True)
    return [(q.id, q.text, q.retired, q.tips) for q in bank.questions]


def test_first_import_adds_every_question(engine: Engine, write: WriteFile) -> None:
    outcome = library.import_bank(engine, write("my-bank.yaml", V1))

    saved = outcome.saved
    assert (saved.bank_id, saved.created) == ("my-bank", True)
    assert (saved.added, saved.updated, saved.retired, saved.unchanged) == (4, 0, 0, 0)
    bank = banks_repo.get_bank(engine, "my-bank")
    assert [q.id for q in bank.questions] == ["intro", "why-us", "conflict", "weakness"]
    assert bank.builtin is False


def test_reimport_updates_in_place_and_retires_removed(engine: Engine, write: WriteFile) -> None:
    path = write("my-bank.yaml", V1)
    library.import_bank(engine, path)
    path.write_text(V2, encoding="utf-8")

    saved = library.import_bank(engine, path).saved

    assert saved.created is False
    assert (saved.added, saved.updated, saved.retired, saved.unchanged) == (1, 1, 1, 2)
    stored = banks_repo.get_bank(engine, "my-bank", include_retired=True)
    assert stored.title == "My bank (v2)"
    by_id = {q.id: q for q in stored.questions}
    assert set(by_id) == {"intro", "why-us", "conflict", "weakness", "salary"}
    assert by_id["weakness"].retired is True
    assert by_id["weakness"].text == "What is your greatest weakness?"
    assert by_id["why-us"].text == "Why do you want to work here, of all places?"
    assert by_id["why-us"].tips == "Name one thing about the product."
    assert by_id["salary"].retired is False
    active = banks_repo.get_bank(engine, "my-bank")
    assert [q.id for q in active.questions] == ["intro", "why-us", "conflict", "salary"]


def test_reimporting_the_same_file_changes_nothing(engine: Engine, write: WriteFile) -> None:
    path = write("my-bank.yaml", V1)
    library.import_bank(engine, path)

    saved = library.import_bank(engine, path).saved

    assert (saved.added, saved.updated, saved.retired, saved.unchanged) == (0, 0, 0, 4)


def test_retired_question_comes_back_when_it_returns(engine: Engine, write: WriteFile) -> None:
    path = write("my-bank.yaml", V1)
    library.import_bank(engine, path)
    path.write_text(V2, encoding="utf-8")
    library.import_bank(engine, path)
    path.write_text(V1, encoding="utf-8")

    saved = library.import_bank(engine, path).saved

    assert saved.retired == 1  # salary
    by_id = {
        q.id: q for q in banks_repo.get_bank(engine, "my-bank", include_retired=True).questions
    }
    assert by_id["weakness"].retired is False
    assert by_id["salary"].retired is True


def test_reimport_of_a_file_with_errors_changes_nothing(engine: Engine, write: WriteFile) -> None:
    path = write("my-bank.yaml", V1)
    library.import_bank(engine, path)
    before = _snapshot(engine, "my-bank")
    broken = V2 + "  - text: Another question\n    answer_seconds: 3\n"
    path.write_text(broken, encoding="utf-8")

    with pytest.raises(BankError) as info:
        library.import_bank(engine, path)

    assert [p.line for p in info.value.problems] == [len(broken.splitlines())]
    assert _snapshot(engine, "my-bank") == before
    assert banks_repo.get_bank(engine, "my-bank").title == "My bank"


def test_user_bank_cannot_take_a_builtin_id(engine: Engine, write: WriteFile) -> None:
    builtin_path = next(p for p in library.builtin_bank_files() if p.stem == "closing")
    builtin = load_bank_file(builtin_path).bank
    banks_repo.save_bank(engine, builtin, builtin=True)
    before = _snapshot(engine, builtin.id)
    impostor = V1.replace("id: my-bank", f"id: {builtin.id}")

    with pytest.raises(GreenroomError) as info:
        library.import_bank(engine, write("impostor.yaml", impostor))

    assert "belongs to a built-in bank" in str(info.value)
    stored = banks_repo.get_bank(engine, builtin.id, include_retired=True)
    assert stored.builtin is True
    assert stored.title == builtin.title
    assert _snapshot(engine, builtin.id) == before


def test_user_bank_with_a_builtin_id_can_be_imported_under_another_id(
    engine: Engine, write: WriteFile
) -> None:
    builtin = load_bank_file(library.builtin_bank_files()[0]).bank
    banks_repo.save_bank(engine, builtin, builtin=True)
    impostor = V1.replace("id: my-bank", f"id: {builtin.id}")

    outcome = library.import_bank(engine, write("mine.yaml", impostor), bank_id="my-copy")

    assert outcome.saved.bank_id == "my-copy"
    assert banks_repo.get_bank(engine, "my-copy").builtin is False


def test_csv_reimport_matches_questions_by_derived_id(engine: Engine, write: WriteFile) -> None:
    path = write("team.csv", "text,tips\nTell me about yourself.,Short\nWhy us?,One reason\n")
    library.import_bank(engine, path)
    path.write_text("text,tips\nTell me about yourself.,Shorter\nWhy you?,x\n", encoding="utf-8")

    saved = library.import_bank(engine, path).saved

    assert (saved.added, saved.updated, saved.retired, saved.unchanged) == (1, 1, 1, 0)
    stored = banks_repo.get_bank(engine, "team", include_retired=True)
    assert [q.text for q in stored.questions if q.retired] == ["Why us?"]


def test_export_from_database_reimports_unchanged(
    engine: Engine, write: WriteFile, tmp_path: Path
) -> None:
    library.import_bank(engine, write("my-bank.yaml", V1))
    out = tmp_path / "exported.yaml"

    assert library.export_bank_file(engine, "my-bank", out) == 4
    saved = library.import_bank(engine, out).saved

    assert (saved.added, saved.updated, saved.retired, saved.unchanged) == (0, 0, 0, 4)
