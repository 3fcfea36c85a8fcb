"""Settings survive restarts and bad files; paths follow --data-dir and GREENROOM_HOME."""

from __future__ import annotations

from pathlib import Path

from greenroom.paths import resolve_paths
from greenroom.settings import Settings, load_settings, save_settings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    save_settings(path, Settings().with_changes(theme="dark", tts_rate=150))
    loaded = load_settings(path)
    assert (loaded.theme, loaded.tts_rate, loaded.speech_engine) == ("dark", 150, "faster-whisper")


def test_unreadable_settings_fall_back_to_defaults_and_keep_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{ this is not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    assert (tmp_path / "settings.unreadable.json").read_text(
        encoding="utf-8"
    ) == "{ this is not json"


def test_unknown_keys_from_a_newer_version_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"version": 9, "theme": "light", "hologram": true}', encoding="utf-8")
    assert load_settings(path).theme == "light"


def test_default_engine_never_sends_audio_off_the_machine() -> None:
    assert Settings().speech_engine == "faster-whisper"


def test_home_variable_puts_everything_under_one_folder(tmp_path: Path) -> None:
    paths = resolve_paths(env={"GREENROOM_HOME": str(tmp_path)})
    assert paths.database == tmp_path / "greenroom.db"
    assert {paths.config.parent, paths.cache.parent, paths.logs.parent} == {tmp_path}


def test_flag_beats_environment(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "flag", env={"GREENROOM_HOME": str(tmp_path / "env")})
    assert paths.data == tmp_path / "flag"


def test_platform_folders_by_default() -> None:
    paths = resolve_paths(env={})
    assert "greenroom" in str(paths.data).lower()
