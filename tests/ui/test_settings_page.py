"""Settings: changes are kept, opening the page changes nothing, online engines warn first."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from greenroom.cli_commands import open_store
from greenroom.paths import AppPaths
from greenroom.settings import Settings, load_settings
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.settings_page import SettingsPage
from greenroom.ui.speech_model import SpeechModel
from greenroom.ui.tasks import InlineTaskRunner
from support.fakes import FakeMicrophone, FakeVoice


def _page(qtbot: QtBot, app_paths: AppPaths, settings: Settings) -> SettingsPage:
    tasks = InlineTaskRunner(lambda exc: (_ for _ in ()).throw(exc))
    store = SettingsStore(settings, app_paths.settings_file)
    ctx = AppContext(open_store(app_paths).engine, app_paths, tasks, store)
    page = SettingsPage(
        ctx,
        voice=FakeVoice(),
        microphone=FakeMicrophone(),
        model=SpeechModel(tasks, app_paths.models),
    )  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    return page


def test_opening_the_page_shows_the_settings_and_saves_nothing(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    mine = Settings(theme="dark", tts_rate=150, tts_volume=0.6, tts_enabled=False)
    page = _page(qtbot, app_paths, mine)
    assert (page.rate.value(), page.volume.value(), page.tts_enabled.isChecked()) == (
        150,
        60,
        False,
    )
    assert page.theme.currentData() == "dark"
    assert not app_paths.settings_file.exists()
    assert page.ctx.settings.current == mine


def test_changes_are_saved_for_the_next_start(qtbot: QtBot, app_paths: AppPaths) -> None:
    page = _page(qtbot, app_paths, Settings())
    page.theme.setCurrentIndex(page.theme.findData("light"))
    page.theme.activated.emit(page.theme.currentIndex())
    page.rate.setValue(200)
    page.rate.editingFinished.emit()
    saved = load_settings(app_paths.settings_file)
    assert (saved.theme, saved.tts_rate) == ("light", 200)


def test_choosing_an_online_engine_asks_first_and_can_be_declined(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch
) -> None:
    page = _page(qtbot, app_paths, Settings())
    online = next(
        i for i in range(page.engine_combo.count()) if "ONLINE" in page.engine_combo.itemText(i)
    )
    asked: list[str] = []
    monkeypatch.setattr(page, "confirm_online", lambda info: asked.append(info.name) or False)
    page.engine_combo.setCurrentIndex(online)
    page.engine_combo.activated.emit(online)
    assert asked == ["google"]
    assert page.ctx.settings.current.speech_engine == "faster-whisper"
    assert page.engine_combo.currentData() == "faster-whisper"
