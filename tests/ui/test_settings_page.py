"""Settings: changes are kept, opening the page changes nothing, online engines warn first."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.settings import Settings, load_settings
from greenroom.speech.download import download_model
from greenroom.speech.models import bundled_model_folder, model_folder
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui.audio.mic_test import KEEP_SECONDS
from greenroom.ui.context import AppContext, SettingsStore
from greenroom.ui.settings_page import SettingsPage
from greenroom.ui.speech_model import ModelState, SpeechModel
from greenroom.ui.tasks import InlineTaskRunner
from greenroom.ui.theme import apply_theme
from support.audio_data import clip_info
from support.fakes import FakeMicrophone, FakeVoice
from support.model_hub import FolderHub
from support.waiting import wait_until


def _page(
    qtbot: QtBot, app_paths: AppPaths, settings: Settings, *, show: bool = True
) -> SettingsPage:
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
    if show:
        page.show()
    return page


def test_the_page_fits_its_window_and_the_online_warning_is_read_whole(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    # Seen in the app: the online engine's label (with its warning) set the engine list's
    # width, 821 px, and the whole page scrolled sideways in a 1180 px window.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    page = _page(qtbot, app_paths, Settings(), show=False)
    page.refresh()  # as the main window does when the page is opened
    # A theme applied once the lists are filled (at start-up, or chosen on this page) makes
    # every list measure its items again.
    apply_theme(app, "dark")
    apply_theme(app, "light")
    page.resize(975, 650)  # the page's share of the app's 1180 x 800 window
    page.show()
    qtbot.waitExposed(page)
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    # In a narrow window the closed list is narrower than the warning: the open one is not.
    page.resize(640, 650)
    qtbot.wait(20)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    combo = page.engine_combo
    online = next(combo.itemText(i) for i in range(combo.count()) if "ONLINE" in combo.itemText(i))
    combo.showPopup()
    try:
        assert combo.view().width() >= combo.fontMetrics().horizontalAdvance(online)
    finally:
        combo.hidePopup()


def test_the_engine_list_says_once_that_an_engine_is_online(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    # Seen in the app: "Google Web Speech (online: sends audio to Google) — ONLINE: sends
    # your recordings off this computer".
    page = _page(qtbot, app_paths, Settings())
    page.refresh()
    combo = page.engine_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    online = [text for text in items if "online" in text.lower()]
    assert online == ["Google Web Speech — ONLINE: sends your recordings off this computer"]
    combo.setCurrentIndex(items.index(online[0]))
    page._show_engine_note()
    # The note under the list says where the recordings go.
    assert "sends your recordings to Google" in page.engine_note.text()


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


def test_downloading_a_larger_model_shows_progress_and_switches_to_it(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    page = _page(qtbot, app_paths, Settings())
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    page.hub = FolderHub(bundled_model_folder())  # tiny.en's files, served as "base.en"
    page.model_combo.setCurrentIndex(page.model_combo.findData("base.en"))
    page.model_combo.activated.emit(page.model_combo.currentIndex())
    assert page.download.isVisible()
    page.download.click()
    qtbot.waitUntil(lambda: page.ctx.settings.current.speech_model == "base.en", timeout=20000)
    assert seen and max(seen) >= 2  # the bar moved file by file
    assert not page.download.isVisible()  # installed: nothing left to download
    # The engine now in use is the downloaded model, loaded from where the download put it.
    qtbot.waitUntil(lambda: page.model.state is ModelState.READY, timeout=30000)
    engine = page.model.engine
    assert isinstance(engine, WhisperEngine) and engine.source is not None
    assert (engine.model_name, engine.source.source) == ("base.en", "cache")
    assert engine.source.path == app_paths.models / "base.en"
    assert "was not used" not in page.model.message


def test_cancelling_a_download_installs_nothing(qtbot: QtBot, app_paths: AppPaths) -> None:
    page = _page(qtbot, app_paths, Settings())
    page.hub = FolderHub(bundled_model_folder(), on_fetch=lambda name: page._cancel_download.set())
    page.model_combo.setCurrentIndex(page.model_combo.findData("small.en"))
    page.download.click()
    qtbot.waitUntil(lambda: "cancelled" in page.model_state.text(), timeout=20000)
    assert not (app_paths.models / "small.en").exists()
    assert page.ctx.settings.current.speech_model == "tiny.en"
    assert not [p for p in app_paths.models.iterdir() if p.name.startswith(".small.en")]


def test_the_microphone_test_plays_you_back(qtbot: QtBot, app_paths: AppPaths) -> None:
    """Speak during the test, stop it, and the last seconds heard are there to play back."""
    page = _page(qtbot, app_paths, Settings())
    mic = page.microphone
    assert not page.play_mic.isEnabled()  # nothing heard yet
    page.test_mic.setChecked(True)
    wait_until(lambda: mic.recording, 5, "the microphone to start")
    spoken = clip_info("pra_arctic_a0010")
    mic.speak(spoken.path)  # returns once the capture thread has delivered it
    page.test_mic.setChecked(False)
    wait_until(page.play_mic.isEnabled, 5, "Play it back")
    with wave.open(str(page.mic_test_file)) as take:
        heard = take.getnframes() / take.getframerate()
    assert min(spoken.seconds, KEEP_SECONDS) <= heard <= KEEP_SECONDS
    wait_until(lambda: page.mic_player.duration > 0, 5, "the take to load")
    page.play_mic.click()
    wait_until(lambda: page.mic_player.is_playing, 5, "playback")
    page.mic_player.pause()


def _damaged_download(app_paths: AppPaths) -> Path:
    """base.en downloaded, then model.bin cut short (a full disk, a copy cut off)."""
    folder = model_folder(app_paths.models, "base.en")
    download_model("base.en", folder, hub=FolderHub(bundled_model_folder()))
    with (folder / "model.bin").open("r+b") as handle:
        handle.truncate(1000)
    return folder


@pytest.mark.timeout(120)
def test_a_damaged_model_is_named_tiny_en_is_used_and_download_again_repairs_it(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    folder = _damaged_download(app_paths)
    page = _page(qtbot, app_paths, Settings(speech_model="base.en"))
    page.model.load(page.ctx.settings.current)
    wait_until(lambda: page.model.state is ModelState.READY, 30, "the model to load")
    engine = page.model.engine
    assert isinstance(engine, WhisperEngine) and engine.source is not None
    assert (engine.model_name, engine.source.path) == ("tiny.en", bundled_model_folder())
    shown = page.model_state.text()
    assert shown.startswith("Speech model ready: faster-whisper (tiny.en). Your chosen model")
    assert f"{folder}: model.bin is 1000 bytes" in shown
    assert "Download base.en again in Settings" in shown and page.model_state.isVisible()
    assert page.download.isVisible()
    assert page.download.text() == "Download base.en again (the copy here is damaged)"

    page.hub = FolderHub(bundled_model_folder())
    page.download.click()
    wait_until(lambda: not page.model.rejected(folder), 30, "the repaired model")
    assert page.model.state is ModelState.READY and "was not used" not in page.model_state.text()
    engine = page.model.engine
    assert isinstance(engine, WhisperEngine) and engine.source is not None
    assert (engine.model_name, engine.source.path) == ("base.en", folder)
    assert not page.download.isVisible()


def test_a_download_killed_halfway_leaves_the_model_not_downloaded(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    half = app_paths.models / ".small.en.k3x9.part"  # what a killed download leaves
    half.mkdir(parents=True)
    (half / "model.bin").write_bytes(b"half" * 1000)
    page = _page(qtbot, app_paths, Settings())
    page.model_combo.setCurrentIndex(page.model_combo.findData("small.en"))
    page.model_combo.activated.emit(page.model_combo.currentIndex())
    assert page.download.isVisible()
    assert page.download.text() == "Download small.en (optional; needs internet once)"
    assert page.ctx.settings.current.speech_model == "tiny.en"  # nothing half-installed is used
