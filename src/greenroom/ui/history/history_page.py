"""History: every session, filtered, sorted and searched; opening one shows its detail."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenroom.services.history_export import write_export
from greenroom.store import history_repo, sessions_repo
from greenroom.store.history_repo import FilterChoices
from greenroom.ui.context import AppContext
from greenroom.ui.history.audio_files import apply_retention
from greenroom.ui.history.filter_bar_view import FilterBarView
from greenroom.ui.history.history_model import SessionTableModel
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 80, 220, 70, 105, 100, 95)):
            self.table.setColumnWidth(column, width)
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.export_csv = QPushButton("Export all as CSV…")
        self.export_json = QPushButton("Export all as JSON…")
        self.retention = RetentionView(ctx.settings.current.keep_audio_days)
        self.detail = SessionDetailView(ctx)
        self.stack = QStackedWidget()
        self._build()
        self.filters.changed.connect(self._on_filters_changed)
        self.model.loaded.connect(self._on_model_loaded)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.detail.back_requested.connect(self._on_detail_back_requested)
        self.detail.session_deleted.connect(self._on_detail_session_deleted)
        self.detail.changed.connect(self._on_detail_changed)
        self.export_csv.clicked.connect(lambda: self._export_all("csv"))
        self.export_json.clicked.connect(lambda: self._export_all("json"))
        self.retention.changed.connect(self._on_retention_changed)
        self.refresh()

    def _build(self) -> None:
        title = QLabel("History")
        title.setObjectName("pageTitle")
        list_page = QWidget()
        lv = QVBoxLayout(list_page)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.filters)
        lv.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.retention)
        bottom.addWidget(self.export_csv)
        bottom.addWidget(self.export_json)
        lv.addLayout(bottom)
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
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
        searching = " matching" if self.model.filter != history_repo.HistoryFilter() else ""
        self.count.setText(f"{total}{searching} session{'s' if total != 1 else ''}")

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
        self._ctx.tasks.run(
            lambda: write_export(path, sessions_repo.all_sessions_with_answers(engine), fmt=fmt)
        )

    def _on_retention_changed(self, keep_audio_days: int | None) -> None:
        self._ctx.settings.update(keep_audio_days=keep_audio_days)
        engine, data = self._ctx.engine, self._ctx.paths.data
        self._ctx.tasks.run(
            lambda: apply_retention(engine, data, keep_audio_days, now=datetime.now(UTC)),
            write=True,
        )
