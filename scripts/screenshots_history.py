"""Screenshots of History, a session detail and the progress dashboard, light and dark.

Run under Xvfb:
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots_history.py
Seeds ~30 realistic sessions over two months (nerves trending down) in a temporary folder and
saves docs/screenshots/history-{light,dark}.png, history-detail-{light,dark}.png and
dashboard-{light,dark}.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from greenroom.paths import resolve_paths  # noqa: E402
from greenroom.services.startup import open_store  # noqa: E402
from greenroom.settings import Settings  # noqa: E402
from greenroom.ui.context import AppContext, SettingsStore  # noqa: E402
from greenroom.ui.history.dashboard_page import DashboardPage  # noqa: E402
from greenroom.ui.history.history_page import HistoryPage  # noqa: E402
from greenroom.ui.tasks import InlineTaskRunner  # noqa: E402
from greenroom.ui.theme import apply_theme  # noqa: E402
from support.audio_data import clip  # noqa: E402
from support.history_data import seed_history  # noqa: E402

OUT = REPO / "docs" / "screenshots"
SIZE = (1280, 800)


def _settle(app: QApplication) -> None:
    for _ in range(20):
        QCoreApplication.processEvents()


def main() -> None:
    app = QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        paths = resolve_paths(Path(tmp) / "home")
        paths.ensure()
        db = open_store(paths)
        seed_history(
            db.engine,
            sessions=30,
            audio_from=clip("mfa_um"),
            audio_dir=paths.audio / "2026-09",
            data_dir=paths.data,
            answers_per_session=4,
        )
        ctx = AppContext(
            db.engine, paths, InlineTaskRunner(_raise), SettingsStore(Settings(), None)
        )
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            page = HistoryPage(ctx)
            page.resize(*SIZE)
            page.show()
            _settle(app)
            page.grab().save(str(OUT / f"history-{theme}.png"))
            page.open_session(page.model.item(len(page.model._rows) - 1).id)  # the first session
            _settle(app)
            page.grab().save(str(OUT / f"history-detail-{theme}.png"))
            page.close()
            dash = DashboardPage(ctx)
            dash.resize(SIZE[0], 1100)
            dash.show()
            _settle(app)
            dash.grab().save(str(OUT / f"dashboard-{theme}.png"))
            dash.close()
        db.engine.dispose()
    for png in sorted(OUT.glob("*.png")):
        if png.name.startswith(("history-", "dashboard-")):
            print(png.relative_to(REPO))


def _raise(exc: BaseException) -> None:
    raise exc


if __name__ == "__main__":
    main()
