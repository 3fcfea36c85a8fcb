"""What the screenshot scripts share: a main window on a temporary data folder, with the test
fakes for microphone, voice and clock, and a way to save what it shows.

The screens are shot inside the main window (navigation and status bar included) at the size
the practice screenshots use, so every picture in docs/screenshots looks like the app.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from greenroom.paths import AppPaths, resolve_paths  # noqa: E402
from greenroom.services.startup import open_store  # noqa: E402
from greenroom.settings import Settings  # noqa: E402
from greenroom.ui.context import AppContext, SettingsStore  # noqa: E402
from greenroom.ui.main_window import MainWindow  # noqa: E402
from greenroom.ui.practice.practice_page import PracticeServices  # noqa: E402
from greenroom.ui.speech_model import ModelState, SpeechModel  # noqa: E402
from greenroom.ui.tasks import InlineTaskRunner  # noqa: E402
from greenroom.ui.theme import apply_theme  # noqa: E402
from support.clock import FakeClock  # noqa: E402
from support.fakes import FakeMicrophone, FakeVoice  # noqa: E402

OUT = REPO / "docs" / "screenshots"
WINDOW = (1180, 800)  # as scripts/screenshots_practice.py


def _raise(exc: BaseException) -> None:
    raise exc


def fresh_context(theme: str) -> tuple[AppContext, AppPaths]:
    """A new data folder with the built-in banks, and the context a window needs."""
    paths = resolve_paths(Path(tempfile.mkdtemp(prefix="greenroom-shots-")))
    paths.ensure()
    db = open_store(paths)
    settings = SettingsStore(Settings(theme=theme, first_run_done=True), None)
    return AppContext(db.engine, paths, InlineTaskRunner(_raise), settings), paths


class ReadyModel(SpeechModel):
    """Says the bundled model is ready without loading it (no screen here transcribes)."""

    def load(self, *_args: object, **_kwargs: object) -> None:
        self.state, self.message = ModelState.READY, "Speech model ready: faster-whisper (tiny.en)."


def window(app: QApplication, ctx: AppContext, theme: str) -> MainWindow:
    apply_theme(app, theme)
    model = ReadyModel(ctx.tasks, ctx.paths.models)
    services = PracticeServices(FakeMicrophone(), FakeVoice(), model, FakeClock())  # type: ignore[arg-type]
    shown = MainWindow(ctx, services)
    shown.first_run.hide()
    shown.resize(*WINDOW)
    shown.show()
    settle()
    return shown


def settle(rounds: int = 30) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


def save(widget: QWidget, name: str) -> Path:
    settle()
    path = OUT / name
    widget.grab().save(str(path))
    print(path.relative_to(REPO))
    return path
