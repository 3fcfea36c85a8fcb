"""Screenshots of the Banks screen for docs/screenshots/ (run under Xvfb, see below).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_banks.py

Builds the page on a temporary database seeded with the built-in banks plus a bank of the
user's with some practice history, and saves light and dark views, an import preview with an
error and the question editor.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from greenroom.core.bank import Category, Difficulty, Question
from greenroom.core.session import Answer, Mode, PracticeSession
from greenroom.paths import resolve_paths
from greenroom.services.startup import open_store
from greenroom.settings import Settings
from greenroom.store import bank_edit_repo, banks_repo, sessions_repo
from greenroom.ui.banks.banks_page import BanksPage
from greenroom.ui.banks.import_dialog import ImportDialog
from greenroom.ui.banks.question_editor_dialog import QuestionEditorDialog
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.tasks import InlineTaskRunner
from greenroom.ui.theme import apply_theme

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PASTED = """question,category,difficulty,answer_seconds
Why do you want to join Acme?,motivation,easy,90
Tell me about a launch that went wrong.,behavioural,hard,180
How would you prioritise our roadmap?,role-specific,impossible,150
What questions do you have for us?,closing,easy,60
"""


def _fail(exc: BaseException) -> None:
    raise exc


def _seed(engine: object) -> None:
    bank_edit_repo.create_bank(
        engine,  # type: ignore[arg-type]
        bank_id="acme-onsite",
        title="Acme onsite (from the recruiter)",
        description="Questions the recruiter sent before the onsite on Thursday.",
    )
    for text, category, tips in (
        ("Why Acme, and why now?", Category.MOTIVATION, "Name one product decision you admire."),
        ("Tell me about a launch that went wrong.", Category.BEHAVIORAL, "Own your part."),
        ("How would you prioritise our roadmap?", Category.ROLE_SPECIFIC, ""),
    ):
        bank_edit_repo.add_question(
            engine,  # type: ignore[arg-type]
            "acme-onsite",
            Question(id="", text=text, category=category, tips=tips),
        )
    keys = banks_repo.question_keys(engine, "openers")  # type: ignore[arg-type]
    for day, rating, delivery in ((3, 2, 48.0), (6, 3, 61.0), (10, 4, 77.0)):
        when = datetime(2026, 3, day, 18, 0, tzinfo=UTC)
        s = sessions_repo.create_session(engine, PracticeSession(None, when, Mode.TIMED))  # type: ignore[arg-type]
        assert s.id is not None
        sessions_repo.record_answer(
            engine,  # type: ignore[arg-type]
            Answer(
                None,
                s.id,
                keys["tell-me-about-yourself"],
                "Tell me about yourself.",
                0,
                started_at=when,
                self_rating=rating,
                delivery_index=delivery,
            ),
        )


def _save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    path = OUT / name
    widget.grab().save(str(path))
    print(f"saved {path}")


def main() -> int:
    app = QApplication(sys.argv)
    apply_theme(app, "light")
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="greenroom-shots-"))
    paths = resolve_paths(home)
    paths.ensure()
    db = open_store(paths)
    _seed(db.engine)
    ctx = AppContext(db.engine, paths, InlineTaskRunner(_fail), SettingsStore(Settings(), None))
    page = BanksPage(ctx)
    page.resize(1180, 760)
    page.show()
    page.refresh(select_bank="openers")
    page.questions.selectRow(0)
    _save(page, "banks-light.png")

    apply_theme(app, "dark")
    page.refresh(select_bank="acme-onsite")
    page.questions.selectRow(1)
    page.show_message("Imported 'Acme onsite (from the recruiter)': 3 added, 0 updated.")
    _save(page, "banks-dark.png")

    apply_theme(app, "light")
    dialog = ImportDialog(ctx.tasks, existing={}, parent=page)
    dialog.show()
    dialog.load_text(PASTED, fmt="auto")
    _save(dialog, "banks-import-preview.png")
    dialog.close()

    editor = QuestionEditorDialog(
        Question(
            id="why-acme",
            text="Why Acme, and why now?",
            category=Category.MOTIVATION,
            difficulty=Difficulty.MEDIUM,
            prep_seconds=30,
            answer_seconds=5,
            tips="Name one product decision you admire, and connect it to your own work.",
            key_points=("mission", "a product you use", "timing"),
            follow_ups=("What would you change in your first month?",),
            tags=("motivation", "acme"),
        ),
        parent=page,
    )
    editor.show()
    _save(editor, "banks-editor.png")
    editor.close()
    db.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
