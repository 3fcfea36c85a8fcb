"""Screenshots of the Settings screen for docs/screenshots/ (run under Xvfb):

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_settings.py

The settings-light/dark pictures show the page inside the main window after a microphone test
(so "Play it back" is available), on a fresh temporary data folder.
"""

from __future__ import annotations

import sys

from shots_support import fresh_context, save, settle, window  # isort: skip

from PySide6.QtWidgets import QApplication


def main() -> int:
    app = QApplication(sys.argv)
    for theme in ("light", "dark"):
        ctx, _paths = fresh_context(theme)
        shown = window(app, ctx, theme)
        page = shown.page("Settings")
        shown.show_page(page)
        settle()
        page.test_mic.setChecked(True)
        shown.services.microphone.feed(bytes(16000 * 2))  # one second of room silence
        page.test_mic.setChecked(False)
        shown.services.microphone.settle()
        settle()
        save(shown, f"settings-{theme}.png")
        shown.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
