"""What every screen needs, handed down from the composition root (app.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from greenroom.paths import AppPaths
from greenroom.settings import Settings, save_settings
from greenroom.ui.tasks import TaskRunner


class SettingsStore(QObject):
    """The current settings; every change is saved at once and announced."""

    changed = Signal(object)  # Settings

    def __init__(self, settings: Settings, path: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._path = path

    @property
    def current(self) -> Settings:
        return self._settings

    def update(self, **changes: Any) -> None:
        new = self._settings.with_changes(**changes)
        if new == self._settings:
            return
        self._settings = new
        if self._path is not None:
            save_settings(self._path, new)
        self.changed.emit(new)


@dataclass(frozen=True, slots=True)
class AppContext:
    engine: Engine
    paths: AppPaths
    tasks: TaskRunner
    settings: SettingsStore
