"""Share: a bank exported to YAML or CSV re-imports to the same bank."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from banks_helpers import select_bank

from greenroom.banks.loader import load_bank_file
from greenroom.core.bank import Category, Difficulty, Question
from greenroom.store import bank_edit_repo, banks_repo
from greenroom.store.database import Database
from greenroom.ui.banks.banks_page import BanksPage
from greenroom.ui.banks.import_dialog import ImportDialog


@pytest.fixture
def written(db: Database) -> str:
    engine = db.engine
    bank_edit_repo.create_bank(engine, bank_id="shared", title="Shared; with “quotes”")
    for q in (
        Question(
            id="",
            text='Why "us", and why now?',
            category=Category.MOTIVATION,
            difficulty=Difficulty.HARD,
            prep_seconds=45,
            answer_seconds=240,
            tips="Name =SUM(one) thing, then another.",
            key_points=("mission", "timing"),
            follow_ups=("And in five years?",),
            tags=("motivation", "acme"),
        ),
        Question(id="", text="Tell me about a failure."),
        Question(id="", text="Retired one?"),
    ):
        bank_edit_repo.add_question(engine, "shared", q)
    bank_edit_repo.set_retired(engine, "shared", "retired-one", retired=True)
    return "shared"


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_export_then_import_gives_the_same_bank(
    page: BanksPage,
    db: Database,
    written: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    page.refresh(select_bank=written)
    select_bank(page, written)
    target = tmp_path / f"shared{suffix}"
    offered: list[str] = []
    monkeypatch.setattr(page, "choose_export_file", lambda name: offered.append(name) or target)
    page.bank_actions.export.trigger()
    assert offered == ["shared.yaml"]
    assert f"Exported 2 questions to {target}" in page.banner.text()
    original = banks_repo.get_bank(db.engine, written)
    reloaded = load_bank_file(target, bank_id="shared", title=original.title).bank
    strip = lambda qs: [replace(q, bank_id="", position=0) for q in qs]  # noqa: E731
    assert strip(reloaded.questions) == strip(original.questions)
    assert reloaded.title == original.title

    # Importing the exported file through the app changes nothing.
    dialog = page.bank_actions.open_import(path=target)
    assert isinstance(dialog, ImportDialog)
    dialog.preview.bank_title.setText(original.title)
    assert "Updates your bank 'shared'" in dialog.preview.target_hint.text()
    dialog.import_button.click()
    assert "0 added, 0 updated, 0 retired, 2 unchanged" in page.banner.text()
    assert strip(banks_repo.get_bank(db.engine, written).questions) == strip(original.questions)
