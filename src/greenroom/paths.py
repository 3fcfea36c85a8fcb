"""Where Greenroom keeps its files.

By default the platform's folders (platformdirs). ``--data-dir`` or ``GREENROOM_HOME`` puts
everything (data, config, cache, logs) under one folder, which is what tests and portable
installs want.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "greenroom"
ENV_HOME = "GREENROOM_HOME"
LOG_FILE_NAME = "greenroom.log"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "greenroom.db"

    @property
    def audio(self) -> Path:
        return self.data / "audio"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def models(self) -> Path:
        return self.cache / "models"

    @property
    def log_file(self) -> Path:
        return self.logs / LOG_FILE_NAME

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    def ensure(self) -> None:
        for folder in (self.data, self.config, self.cache, self.logs, self.audio):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: Path | None = None, env: Mapping[str, str] | None = None) -> AppPaths:
    env = os.environ if env is None else env
    root = data_dir or (Path(env[ENV_HOME]) if env.get(ENV_HOME) else None)
    if root is not None:
        root = root.expanduser().resolve()
        return AppPaths(data=root, config=root / "config", cache=root / "cache", logs=root / "logs")
    import platformdirs  # only needed for the default folders; keeps start-up lean

    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
