"""History: every session, filtered, sorted and searched; opening one shows its detail.

The list sits in a card under the screen's title; exports say what they wrote and where.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenroom.services.history_export import write_export
from greenroom.store import history_repo, sessions_repo
from greenroom.store.history_repo import FilterChoices
from greenroom.ui import widgets
from greenroom.ui.context import AppContext
from greenroom.ui.history.audio_files import apply_retention
from greenroom.ui.history.export_notice import count as counted
from greenroom.ui.history.export_notice import export_notice
from greenroom.ui.history.filter_bar_view import FilterBarView
from greenroom.ui.history.history_model import COLUMNS, SessionTableModel, widest_cells
from greenroom.ui.history.retention_view import RetentionView
from greenroom.ui.history.session_detail_view import SessionDetailView


class HistoryPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = SessionTableModel(ctx, self)
        self.filters = FilterBarView()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setAccessibleName("Your test runs")
        self.table.setAccessibleDescription("Newest first; press Enter or click a run to open it")
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        banks = [key for key, _ in COLUMNS].index("banks")
        header.setSectionResizeMode(banks, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self._columns_fitted_for: str | None = None
        self.count = widgets.hint()
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setAccessibleName("What was saved")
        self.notice.hide()
        self.export_csv = widgets.button(
            "Export all as CSV…",
            icon="export",
            description="Save every session and answer in one CSV file, for a spreadsheet",
        )
        self.export_json = widgets.button(
            "Export all as JSON…",
            icon="export",
            description="Save every session with all its figures in one JSON file",
        )
        self.retention = RetentionView(ctx.settings.current.keep_audio_days)
        self.detail = SessionDetailView(ctx)
        self.stack = QStackedWidget()
        self._build()
        self.filters.changed.connect(self._on_filters_changed)
        self.model.loaded.connect(self._on_model_loaded)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)
        self.detail.back_requested.connect(self._on_detail_back_requested)
        self.detail.session_deleted.connect(self._on_detail_session_deleted)
        self.detail.changed.connect(self._on_detail_changed)
        self.export_csv.clicked.connect(lambda: self._export_all("csv"))
        self.export_json.clicked.connect(lambda: self._export_all("json"))
        self.retention.changed.connect(self._on_retention_changed)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Sized when first shown, in the font the theme has set by then; again only if that
        # font changes, so widths the user dragged stay.
        font = self.table.horizontalHeader().font().toString()
        if font != self._columns_fitted_for:
            self._columns_fitted_for = font
            self._fit_columns()
        super().showEvent(event)

    def _fit_columns(self) -> None:
        """Each column as wide as its heading, which fixed widths cut in the app's bold heading
        font ("onfidence after"), and as its widest cell: any date with the icon of a run that
        did not finish, any mode, "2, stopped". The banks take what is left."""
        header = self.table.horizontalHeader()
        italic = QFont(self.table.font())
        italic.setItalic(True)  # unfinished runs' dates; never narrower than upright
        metrics = QFontMetrics(italic)
        style = self.table.style()
        # The style's text margin either side of a cell (as Qt's item delegate), and 4 px
        # so a text that just fits is not elided by rounding.
        margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 4
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        cells = widest_cells()
        for column, (key, title) in enumerate(COLUMNS):
            if key == "banks":
                continue
            texts = cells.get(key, [])
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + margins
            if key == "started_at":
                widest += icon
            self.table.setColumnWidth(column, max(widgets.heading_width(header, title), widest))

    def _build(self) -> None:
        list_page = QWidget()
        lv = QVBoxLayout(list_page)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(widgets.heading("History"))
        lv.addWidget(
            widgets.hint(
                "Every test run you have done, newest first. Open one to hear your answers "
                "again and read what went well."
            )
        )
        card = widgets.Card()
        card.body.addWidget(self.filters)
        card.body.addWidget(self.table, 1)
        lv.addWidget(card, 1)
        lv.addWidget(self.notice)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.retention)
        bottom.addSpacing(12)
        bottom.addWidget(self.export_csv)
        bottom.addWidget(self.export_json)
        lv.addLayout(bottom)
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)

    def refresh(self) -> None:
        """Reload the filter choices and the list (after a session was recorded)."""
        engine = self._ctx.engine
        self._ctx.tasks.run(lambda: history_repo.filter_choices(engine), self._on_choices_loaded)
        self.model.set_filter(self.filters.current())

    def open_session(self, session_id: int) -> None:
        self.detail.load(session_id)
        self.stack.setCurrentWidget(self.detail)

    def _on_choices_loaded(self, choices: FilterChoices) -> None:
        self.model.bank_titles = dict(choices.banks)
        self.filters.set_choices(choices)

    def _on_filters_changed(self, f: history_repo.HistoryFilter) -> None:
        self.model.set_filter(f)

    def _on_model_loaded(self, total: int) -> None:
        filtered = self.model.filter != history_repo.HistoryFilter()
        if total == 0 and not filtered:
            self.count.setText("No sessions yet: your test runs appear here after the first one.")
            return
        self.count.setText(counted(total, "matching session" if filtered else "session"))

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_session(self.model.item(index.row()).id)

    def _on_detail_back_requested(self) -> None:
        self.stack.setCurrentIndex(0)

    def _on_detail_session_deleted(self, _session_id: int) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()

    def _on_detail_changed(self) -> None:
        self.model.reload()

    def ask_save_path(self, title: str, suggested: str) -> Path | None:
        """Where to save (tests replace this); None when the user cancels."""
        name, _ = QFileDialog.getSaveFileName(self, title, suggested)
        return Path(name) if name else None

    def _export_all(self, fmt: str) -> None:
        path = self.ask_save_path(
            f"Export all history as {fmt.upper()}", str(Path.home() / f"greenroom-history.{fmt}")
        )
        if path is None:
            return
        engine = self._ctx.engine

        def job() -> tuple[int, int]:
            sessions = sessions_repo.all_sessions_with_answers(engine)
            write_export(path, sessions, fmt=fmt)
            return len(sessions), sum(len(s.answers) for s in sessions)

        self._ctx.tasks.run(job, lambda counts: self._on_exported(fmt, path, counts), owner=self)

    def _on_exported(self, fmt: str, path: Path, counts: tuple[int, int]) -> None:
        sessions, answers = counts
        self.notice.setText(export_notice(sessions=sessions, answers=answers, fmt=fmt, path=path))
        self.notice.show()

    def _on_retention_changed(self, keep_audio_days: int | None) -> None:
        self._ctx.settings.update(keep_audio_days=keep_audio_days)
        engine, data = self._ctx.engine, self._ctx.paths.data
        self._ctx.tasks.run(
            lambda: apply_retention(engine, data, keep_audio_days, now=datetime.now(UTC)),
            write=True,
        )
