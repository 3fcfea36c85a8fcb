"""Composition root: paths, logging, crash handling, database and migrations, then the main window.

``build_window`` is shared by ``run_app`` (the desktop app) and ``greenroom --self-test``, so the
self-test opens exactly the window a user gets.
"""

from __future__ import annotations

import logging
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from greenroom.core.errors import GreenroomError
from greenroom.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from greenroom.store.database import Database
    from greenroom.ui.crash_dialog import CrashReporter
    from greenroom.ui.main_window import MainWindow
    from greenroom.ui.tasks import TaskRunner

log = logging.getLogger("greenroom")

ICON_RESOURCE = ("icons", "greenroom.png")  # in resources/, the package greenroom.resources


def log_file(paths: AppPaths) -> Path:
    return paths.log_file


def setup_logging(paths: AppPaths) -> Path:
    """Send INFO and above to a rotating file in the log folder; returns the file.

    Privacy: nothing in Greenroom logs what the user said. Transcripts, typed answers and notes
    stay in the database; log lines carry timings, paths, counts and tracebacks only.
    Calling this twice (self-test, tests) does not add a second handler for the same file.
    """
    import logging.handlers  # imported here: it pulls in socket, and start-up should be quick

    paths.logs.mkdir(parents=True, exist_ok=True)
    target = log_file(paths)
    root = logging.getLogger()
    for existing in root.handlers:
        if getattr(existing, "baseFilename", None) == str(target):
            return target
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return target


def ensure_qapplication() -> QApplication:
    from importlib import resources

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Greenroom")
    app.setOrganizationName("Greenroom")
    # Matches the .desktop file name, so Wayland compositors and docks find our icon.
    app.setDesktopFileName("io.github.greenroom.Greenroom")
    icon = Path(str(resources.files("greenroom.resources").joinpath(*ICON_RESOURCE)))
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_crash_handler(paths: AppPaths) -> CrashReporter:
    """Route uncaught exceptions (GUI thread and worker threads) to the log and a crash dialog.

    The hooks only format the traceback to a string and emit a queued signal; the dialog is
    built on the GUI thread when control returns to the event loop.
    """
    from greenroom.ui.crash_dialog import CrashReporter

    reporter = CrashReporter(paths.logs)

    def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        reporter.report_details(_format(kind, exc, tb), where="main thread")

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        exc = args.exc_value or args.exc_type()
        name = args.thread.name if args.thread is not None else "a worker thread"
        reporter.report_details(_format(args.exc_type, exc, args.exc_traceback), where=name)

    reporter.install(excepthook, thread_excepthook)
    return reporter


def _format(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    import traceback

    return "".join(traceback.format_exception(kind, exc, tb)).rstrip()


@dataclass(slots=True)
class Running:
    """What ``build_window`` opened; ``close()`` releases it in the right order."""

    app: QApplication
    window: MainWindow
    tasks: TaskRunner
    db: Database
    crash: CrashReporter

    def close(self) -> None:
        """Close the window, finish the pending writes and join every thread Greenroom started
        (a QThread destroyed while running aborts the process)."""
        from greenroom.ui.threads import still_running

        self.window.close()
        self.tasks.shutdown()
        left = still_running()
        if left:
            log.warning("threads still running at exit: %s", ", ".join(left))
        self.crash.uninstall()
        self.db.engine.dispose()


def build_window(paths: AppPaths, *, crash_dialogs: bool = True) -> Running:
    """Open the database (migrating it first) and build the main window, not yet shown.

    Raises:
        GreenroomError: The data folder or the database cannot be used.
    """
    from greenroom.services.startup import open_store
    from greenroom.settings import load_settings
    from greenroom.ui.context import AppContext, SettingsStore
    from greenroom.ui.main_window import MainWindow
    from greenroom.ui.tasks import TaskRunner
    from greenroom.ui.theme import apply_theme

    app = ensure_qapplication()
    paths.ensure()
    setup_logging(paths)
    crash = install_crash_handler(paths)
    crash.dialogs_enabled = crash_dialogs
    try:
        db = open_store(paths)  # migrations run before the window opens
    except BaseException:
        crash.uninstall()
        raise
    window_ref: list[MainWindow] = []

    def show_error(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        parent = window_ref[0] if window_ref else None
        if isinstance(exc, GreenroomError):
            QMessageBox.warning(parent, "Greenroom", str(exc))
        else:
            crash.report_exception(exc, where="a background task")

    settings = SettingsStore(load_settings(paths.settings_file), paths.settings_file)
    apply_theme(app, settings.current.theme)
    settings.changed.connect(lambda s: apply_theme(app, s.theme))
    tasks = TaskRunner(show_error)
    window = MainWindow(AppContext(db.engine, paths, tasks, settings))
    window_ref.append(window)
    crash.parent_window = window
    log.info("Greenroom started; data folder %s", paths.data)
    return Running(app, window, tasks, db, crash)


def show_startup_window(app: QApplication, paths: AppPaths) -> QMainWindow:
    """Show a window at once, before the database and the heavy modules load (~2 s).

    Only PySide6 and the settings file are touched here, so the first window appears about as
    fast as a bare Qt window; ``build_window`` then replaces it with the main window.
    """
    from greenroom.settings import load_settings
    from greenroom.ui.startup_window import StartupWindow
    from greenroom.ui.theme import apply_theme

    apply_theme(app, load_settings(paths.settings_file).theme)
    window = StartupWindow()
    window.show()
    app.processEvents()  # paint it now: the next steps keep the event loop busy
    return window


def run_app(paths: AppPaths) -> int:
    from PySide6.QtWidgets import QMessageBox

    app = ensure_qapplication()
    startup = show_startup_window(app, paths)
    try:
        running = build_window(paths)
    except GreenroomError as exc:
        # Nothing else can proceed without the data folder: a modal dialog is right here.
        startup.close()
        QMessageBox.critical(None, "Greenroom cannot start", str(exc))
        print(f"greenroom: {exc}", file=sys.stderr)
        return 1
    # The frame's place, not the client area's: setGeometry(startup.geometry()) put the title
    # bar above the top of the screen, out of reach.
    running.window.restoreGeometry(startup.saveGeometry())
    running.window.show()
    startup.close()
    code = app.exec()
    running.close()
    return int(code)
