"""The crash path for bugs (DESIGN.md section 5): log the traceback, show it with "Copy details".

Modelled on qutebrowser's ``misc/crashsignal.py`` and Anki's ``aqt/errors.py``: the exception
hooks run on whatever thread failed, so they only format the traceback to a plain string and emit
a queued signal; the dialog is built on the GUI thread. User and environment problems
(``GreenroomError``) never come here: they get a plain message instead.

One fault gives one dialog and one log entry. A fault that repeats (a callback failing 16 times
a second once rotated 3 MB of log in four minutes and reopened the dialog the instant it was
closed) is counted, not re-shown: the log says how often it recurred, and the dialog, which
never takes the keyboard from the practice screen, shows the count.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """The traceback in a read-only box, with "Copy details", "Open log folder" and "Close"."""

    def __init__(self, details: str, *, log_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.setWindowTitle("Greenroom hit a bug")
        self.setObjectName("crashDialog")
        self.resize(720, 460)
        intro = QLabel(
            "Something went wrong inside Greenroom. Answers you finished are already saved.\n"
            f"The details below are also in the log folder ({log_dir}). Copy them into a bug "
            "report."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(f"{environment_summary()}\n\n{details}")
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName("Error details")
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy details")
        self.open_logs_button = QPushButton("Open &log folder")
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.open_logs_button.clicked.connect(self._on_open_logs_button_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.details.toPlainText()

    def add_details(self, details: str) -> None:
        """A further crash while this dialog is open: append instead of stacking dialogs."""
        self.details.appendPlainText("\n" + details)

    def show_repeats(self, repeats: int) -> None:
        self.setWindowTitle(f"Greenroom hit a bug (it happened {repeats + 1} times)")

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText("Copied")

    def _on_open_logs_button_clicked(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))


ExceptHook = Callable[..., Any]


def fingerprint(details: str) -> str:
    """What makes two tracebacks the same fault: where it was raised and what was raised."""
    lines = [line.strip() for line in details.strip().splitlines()]
    frames = [line for line in lines if line.startswith("File ")]
    return "\n".join([*frames[-3:], lines[-1] if lines else ""])


def environment_summary() -> str:
    """One line a bug report needs besides the traceback: versions and platform."""
    from PySide6 import __version__ as pyside_version

    from greenroom import __version__

    return (
        f"Greenroom {__version__}, Python {platform.python_version()}, PySide6 {pyside_version}, "
        f"{platform.platform()}{' (bundle)' if getattr(sys, 'frozen', False) else ''}"
    )


class CrashReporter(QObject):
    """Logs unexpected exceptions and shows them in one ``CrashDialog`` on the GUI thread.

    Create it on the GUI thread. ``report_details`` may be called from any thread.
    """

    crashed = Signal(str)  # the formatted traceback, a plain string

    def __init__(self, log_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.parent_window: QWidget | None = None
        self.dialog: CrashDialog | None = None
        self.dialogs_enabled = True
        self.reports: list[str] = []  # each distinct fault once
        self.repeats: dict[str, int] = {}  # fingerprint -> times it recurred after the first
        self._shown: set[str] = set()  # faults the user has been shown
        self._lock = threading.Lock()
        self._saved: tuple[ExceptHook, ExceptHook] | None = None
        self._hooks: tuple[ExceptHook, ExceptHook] | None = None
        self.crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)

    def install(self, excepthook: ExceptHook, thread_excepthook: ExceptHook) -> None:
        self._saved = (sys.excepthook, threading.excepthook)
        self._hooks = (excepthook, thread_excepthook)
        sys.excepthook = excepthook
        threading.excepthook = thread_excepthook

    def uninstall(self) -> None:
        """Put back the hooks found at ``install`` (only where ours are still in place)."""
        if self._saved is None or self._hooks is None:
            return
        if sys.excepthook is self._hooks[0]:
            sys.excepthook = self._saved[0]
        if threading.excepthook is self._hooks[1]:
            threading.excepthook = self._saved[1]
        self._saved = self._hooks = None

    def report_exception(self, exc: BaseException, *, where: str) -> None:
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.report_details(details.rstrip(), where=where)

    def report_details(self, details: str, *, where: str) -> None:
        """Log a formatted traceback and queue it for the dialog. Safe from any thread.

        A fault seen before is only counted; its count reaches the log at 10, 100, 1000...
        """
        key = fingerprint(details)
        with self._lock:
            repeats = self.repeats.get(key)
            self.repeats[key] = 0 if repeats is None else repeats + 1
            if repeats is None:
                self.reports.append(details)
        if repeats is None:
            log.error("unexpected error in %s:\n%s", where, details)
            self.crashed.emit(details)
            return
        count = repeats + 2  # occurrences so far
        if count >= 10 and str(count).rstrip("0") == "1":
            log.error("the same unexpected error in %s has now happened %d times", where, count)
        self.crashed.emit(details)

    @Slot(str)
    def _on_crashed(self, details: str) -> None:
        try:
            key = fingerprint(details)
            if key in self._shown:  # the same fault again: count it, never re-open
                if self.dialog is not None and self.dialog.isVisible():
                    self.dialog.show_repeats(self.repeats.get(key, 0))
                return
            self._shown.add(key)
            if not self.dialogs_enabled:
                print(details, file=sys.stderr)
                return
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add_details(details)
                return
            self.dialog = CrashDialog(details, log_dir=self.log_dir, parent=self.parent_window)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            # Shown on top but without taking the keyboard: mid-answer, Space and Esc must
            # still reach the practice screen. (Not every platform honours the attribute, so
            # the window that had the keyboard gets it back.)
            previous = QApplication.activeWindow()
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.dialog.show()  # not exec(): a nested event loop inside a crash helps nobody
            self.dialog.raise_()
            if previous is not None and previous is not self.dialog:
                previous.activateWindow()
        except Exception:  # the crash path itself must never loop back into the hooks
            if sys.__stderr__ is not None:
                sys.__stderr__.write(f"{details}\n{traceback.format_exc()}")
