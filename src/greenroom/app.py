"""Composition root: paths, logging, database and migrations, then the main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from greenroom.core.errors import GreenroomError
from greenroom.paths import AppPaths

log = logging.getLogger("greenroom")


def setup_logging(paths: AppPaths) -> None:
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / "greenroom.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_app(paths: AppPaths) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from greenroom.cli_commands import open_store
    from greenroom.settings import load_settings
    from greenroom.ui.context import AppContext, SettingsStore
    from greenroom.ui.main_window import MainWindow
    from greenroom.ui.tasks import TaskRunner
    from greenroom.ui.theme import apply_theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Greenroom")
    try:
        paths.ensure()
        setup_logging(paths)
        db = open_store(paths)  # migrations run before the window opens
    except GreenroomError as exc:
        # Nothing else can proceed without the data folder: a modal dialog is right here.
        QMessageBox.critical(None, "Greenroom cannot start", str(exc))
        print(f"greenroom: {exc}", file=sys.stderr)
        return 1

    def show_error(exc: BaseException) -> None:
        if isinstance(exc, GreenroomError):
            QMessageBox.warning(window, "Greenroom", str(exc))
        else:
            log.error("unexpected error", exc_info=exc)
            QMessageBox.critical(window, "Greenroom hit a bug", f"Details are in {paths.logs}.")

    settings = SettingsStore(load_settings(paths.settings_file), paths.settings_file)
    apply_theme(app, settings.current.theme)
    settings.changed.connect(lambda s: apply_theme(app, s.theme))
    tasks = TaskRunner(show_error)
    window = MainWindow(AppContext(db.engine, paths, tasks, settings))
    window.show()
    code = app.exec()
    tasks.wait()
    db.engine.dispose()
    return int(code)
