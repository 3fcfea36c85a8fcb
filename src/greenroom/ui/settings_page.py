"""Settings: voice, microphone, speech engine and model, theme, data folder and privacy."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenroom.core.errors import GreenroomError
from greenroom.services import data_reset
from greenroom.speech.download import (
    DOWNLOADABLE,
    DownloadCancelled,
    Hub,
    HuggingFaceHub,
    download_model,
)
from greenroom.speech.download import FILES as MODEL_FILES
from greenroom.speech.engine import EngineInfo, available_engines
from greenroom.speech.models import BUNDLED_MODEL_NAME, check_downloaded, model_folder
from greenroom.speech.tts import Voice
from greenroom.ui.audio.capture import input_devices
from greenroom.ui.audio.mic_test import MicTestTake
from greenroom.ui.context import AppContext
from greenroom.ui.history.playback import AnswerPlayer
from greenroom.ui.practice.recorder import MicrophoneLike
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import SpeechModel
from greenroom.ui.widgets import button, choice_list, describe_control, set_tone

PRIVACY = (
    "Greenroom keeps everything on this computer: recordings, transcripts and your self-reports. "
    "With the default engine nothing is sent anywhere. An online engine sends your recordings to "
    "its provider and says so wherever it can be chosen."
)
SAMPLE = "Tell me about a time you solved a difficult problem."


class SettingsPage(QWidget):
    _download_progressed = Signal(int)
    data_deleted = Signal()  # everything is gone; the window closes

    def __init__(
        self,
        ctx: AppContext,
        *,
        voice: QuestionVoice,
        microphone: MicrophoneLike,
        model: SpeechModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.voice, self.microphone, self.model = ctx, voice, microphone, model
        self._testing_mic = False
        self._mic_take = MicTestTake()
        self._mic_capture = 0
        self.mic_player = AnswerPlayer(self)
        self._loading = False
        self.hub: Hub = HuggingFaceHub()  # the only part that touches the network
        self._cancel_download = threading.Event()
        title = QLabel("Settings")
        title.setObjectName("pageTitle")
        body = QWidget()
        column = QVBoxLayout(body)
        for box in (
            self._voice_box(),
            self._mic_box(),
            self._engine_box(),
            self._look_box(),
            self._data_box(),
        ):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        voice.voices_listed.connect(self._on_voice_voices_listed)
        self._download_progressed.connect(self.progress.setValue)
        microphone.level_changed.connect(lambda v: self.mic_level.setValue(int(v * 100)))
        model.state_changed.connect(self._on_model_state_changed)
        self._load()

    # Sections ------------------------------------------------------------------------------

    def _voice_box(self) -> QGroupBox:
        box = QGroupBox("Voice that reads the questions")
        form = QFormLayout(box)
        self.tts_enabled = QCheckBox("Read questions aloud by default")
        self.voice_combo = choice_list()
        self.voice_combo.setAccessibleName("Voice")
        self.rate = QSpinBox()
        self.rate.setRange(80, 300)
        self.rate.setSuffix(" words/min")
        self.volume = QSlider()
        self.volume.setOrientation(self.volume.orientation().Horizontal)
        self.volume.setRange(0, 100)
        self.test_voice = QPushButton("Test voice")
        self.test_voice.clicked.connect(self._on_test_voice_clicked)
        self.stop_voice = QPushButton("Stop")
        self.stop_voice.clicked.connect(self.voice.stop)
        row = QHBoxLayout()
        row.addWidget(self.test_voice)
        row.addWidget(self.stop_voice)
        row.addStretch(1)
        form.addRow(self.tts_enabled)
        form.addRow("Voice", self.voice_combo)
        form.addRow("Speed", self.rate)
        form.addRow("Volume", self.volume)
        form.addRow(row)
        describe_control(
            self.tts_enabled,
            "Read questions aloud by default",
            "New test runs start with each question spoken aloud",
        )
        describe_control(self.voice_combo, "Voice", "The voice that reads the questions")
        describe_control(self.rate, "Speed", "How fast the questions are read, in words a minute")
        describe_control(self.volume, "Volume", "How loud the questions are read")
        describe_control(self.test_voice, "Test voice", "Reads a sample question aloud")
        describe_control(self.stop_voice, "Stop", "Stops the voice reading")
        self.tts_enabled.clicked.connect(self._save)
        self.voice_combo.activated.connect(self._save)
        self.rate.editingFinished.connect(self._save)
        self.volume.sliderReleased.connect(self._save)
        return box

    def _mic_box(self) -> QGroupBox:
        box = QGroupBox("Microphone")
        form = QFormLayout(box)
        self.mic_combo = choice_list()
        describe_control(
            self.mic_combo, "Microphone", "The microphone your answers are recorded from"
        )
        self.mic_combo.activated.connect(self._save)
        self.mic_level = QProgressBar()
        self.mic_level.setRange(0, 100)
        self.mic_level.setTextVisible(False)
        self.mic_level.setAccessibleName("Microphone level")
        self.test_mic = QPushButton("Test microphone")
        self.test_mic.setCheckable(True)
        self.test_mic.toggled.connect(self._on_test_mic_toggled)
        describe_control(
            self.test_mic,
            "Test microphone",
            "Shows how loud your microphone hears you; stop the test to play yourself back",
        )
        self.play_mic = button(
            "Play it back",
            icon="play",
            description="Plays the last seconds of your microphone test so you hear yourself",
        )
        self.play_mic.setEnabled(False)
        self.play_mic.clicked.connect(self._on_play_mic_clicked)
        self.microphone.stopped.connect(self._on_microphone_stopped)
        self.no_mic = QLabel()
        self.no_mic.setObjectName("hint")
        self.no_mic.setWordWrap(True)
        form.addRow("Input", self.mic_combo)
        form.addRow("Level", self.mic_level)
        row = QHBoxLayout()
        row.addWidget(self.test_mic, 1)
        row.addWidget(self.play_mic)
        form.addRow(row)
        form.addRow(self.no_mic)
        return box

    def _engine_box(self) -> QGroupBox:
        box = QGroupBox("Speech recognition")
        form = QFormLayout(box)
        self.engine_combo = choice_list()
        describe_control(
            self.engine_combo, "Speech engine", "What turns your answers into text on this computer"
        )
        self.engine_combo.activated.connect(self._on_engine_combo_activated)
        self.engine_note = QLabel()
        self.engine_note.setWordWrap(True)
        self.model_combo = choice_list()
        self.model_combo.addItem(
            f"{BUNDLED_MODEL_NAME} (installed with Greenroom)", BUNDLED_MODEL_NAME
        )
        for name in DOWNLOADABLE:
            self.model_combo.addItem(name, name)
        self.model_combo.activated.connect(self._on_model_combo_activated)
        describe_control(
            self.model_combo, "Model", "Larger models are more accurate and slower; some download"
        )
        self.model_dir = QLabel()
        self.model_dir.setWordWrap(True)
        choose = QPushButton("Use a model folder…")
        choose.clicked.connect(self._on_choose_model_dir_clicked)
        describe_control(
            choose, "Use a model folder", "Loads a Whisper model you already have on disk"
        )
        self.download = QPushButton("Download")
        self.download.clicked.connect(self._on_download_clicked)
        self.cancel = QPushButton("Cancel download")
        self.cancel.clicked.connect(self._cancel_download.set)
        describe_control(self.download, "Download", "Downloads the chosen model (needs internet)")
        describe_control(self.cancel, "Cancel download", "Stops the download; nothing is kept")
        self.cancel.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        self.model_state = QLabel(self.model.message)
        self.model_state.setObjectName("hint")
        self.model_state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.download)
        row.addWidget(self.cancel)
        row.addWidget(choose)
        row.addStretch(1)
        form.addRow("Engine", self.engine_combo)
        form.addRow(self.engine_note)
        form.addRow("Model", self.model_combo)
        form.addRow(row)
        form.addRow(self.progress)
        form.addRow("Model folder", self.model_dir)
        form.addRow(self.model_state)
        return box

    def _look_box(self) -> QGroupBox:
        box = QGroupBox("Appearance")
        form = QFormLayout(box)
        self.theme = choice_list()
        for key, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            self.theme.addItem(label, key)
        self.theme.activated.connect(self._save)
        describe_control(self.theme, "Theme", "Light, dark, or the same as the system")
        form.addRow("Theme", self.theme)
        return box

    def _data_box(self) -> QGroupBox:
        box = QGroupBox("Your data and privacy")
        layout = QVBoxLayout(box)
        text = QLabel(PRIVACY)
        text.setWordWrap(True)
        self.data_dir = QLabel(str(self.ctx.paths.data))
        self.data_dir.setTextInteractionFlags(
            self.data_dir.textInteractionFlags()
            | self.data_dir.textInteractionFlags().TextSelectableByMouse
        )
        open_button = QPushButton("Open data folder")
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.data)))
        )
        describe_control(
            open_button,
            "Open data folder",
            "Shows your sessions and recordings in the file manager",
        )
        layout.addWidget(text)
        layout.addWidget(QLabel("Data folder:"))
        layout.addWidget(self.data_dir)
        layout.addWidget(open_button)
        self.delete_data = QPushButton("Delete all my data…")
        self.delete_data.setAccessibleDescription(
            "Deletes your sessions, recordings, banks and settings from this computer"
        )
        self.delete_data.clicked.connect(self._on_delete_data_clicked)
        layout.addWidget(self.delete_data)
        return box

    # Loading and saving --------------------------------------------------------------------

    def refresh(self) -> None:
        self._load()

    def _load(self) -> None:
        self._loading = True  # filling the widgets must not save half-filled values
        try:
            self._fill()
        finally:
            self._loading = False

    def _fill(self) -> None:
        s = self.ctx.settings.current
        self.tts_enabled.setChecked(s.tts_enabled)
        self.rate.setValue(s.tts_rate)
        self.volume.setValue(round(s.tts_volume * 100))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.theme)))
        self._fill_mics(s.input_device)
        self._fill_engines(s.speech_engine)
        self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(s.speech_model)))
        self.model_dir.setText(s.model_dir or f"{self.ctx.paths.models} (Greenroom's cache)")
        self._update_download_button()
        self.voice.request_voices()

    def _fill_mics(self, current: str) -> None:
        self.mic_combo.clear()
        self.mic_combo.addItem("System default", "")
        for device in input_devices():
            self.mic_combo.addItem(device.name, device.id.decode(errors="replace"))
        self.mic_combo.setCurrentIndex(max(0, self.mic_combo.findData(current)))
        none = self.mic_combo.count() == 1
        self.no_mic.setText(
            "No microphone found: you can still practise by typing your answers." if none else ""
        )

    def _fill_engines(self, current: str) -> None:
        self.engine_combo.clear()
        self._engines: list[EngineInfo] = available_engines()
        for info in self._engines:
            label = info.label + (
                " — ONLINE: sends your recordings off this computer" if info.is_online else ""
            )
            self.engine_combo.addItem(label, info.name)
        self.engine_combo.setCurrentIndex(max(0, self.engine_combo.findData(current)))
        self._show_engine_note()

    def _show_engine_note(self) -> None:
        info = next((i for i in self._engines if i.name == self.engine_combo.currentData()), None)
        if info is None:
            return
        # Online or unavailable is worth the user's attention; a caveat is a quiet hint.
        alert = info.is_online or not info.available
        set_tone(self.engine_note, "errorText" if alert else "hint")
        self.engine_note.setText(info.reason)

    def _on_voice_voices_listed(self, voices: list[Voice]) -> None:
        current = self.ctx.settings.current.tts_voice
        self.voice_combo.clear()
        self.voice_combo.addItem("System default", "")
        for v in sorted(voices, key=lambda v: v.name.lower()):
            self.voice_combo.addItem(v.name, v.id)
        self.voice_combo.setCurrentIndex(max(0, self.voice_combo.findData(current)))
        if not voices:
            self.voice_combo.setToolTip("No text-to-speech engine found: install espeak-ng.")

    def _save(self) -> None:
        if self._loading:
            return
        self.ctx.settings.update(
            tts_enabled=self.tts_enabled.isChecked(),
            tts_voice=str(self.voice_combo.currentData() or ""),
            tts_rate=self.rate.value(),
            tts_volume=self.volume.value() / 100,
            input_device=str(self.mic_combo.currentData() or ""),
            theme=str(self.theme.currentData()),
        )

    # Actions -------------------------------------------------------------------------------

    def _on_test_voice_clicked(self) -> None:
        s = self.ctx.settings.current
        self.voice.voice, self.voice.rate, self.voice.volume = s.tts_voice, s.tts_rate, s.tts_volume
        self.voice.speak(SAMPLE)

    def _on_test_mic_toggled(self, on: bool) -> None:
        if on:
            self.mic_player.load(None)
            self._mic_take.clear()
            self.play_mic.setEnabled(False)
            self._mic_capture = self.microphone.start(
                str(self.mic_combo.currentData() or "").encode(), self._mic_take.feed
            )
            self.test_mic.setText("Stop test")
        else:
            self.microphone.stop()
            self.mic_level.setValue(0)
            self.test_mic.setText("Test microphone")

    def _on_microphone_stopped(self, capture: int, _seconds: float) -> None:
        # The capture thread says stopped only after its last chunk: the take is complete now.
        if capture != self._mic_capture or self.test_mic.isChecked():
            return
        heard = self._mic_take.save(self.mic_test_file)
        self.play_mic.setEnabled(heard > 0)
        self.mic_player.load(self.mic_test_file if heard > 0 else None)

    @property
    def mic_test_file(self) -> Path:
        return self.ctx.paths.cache / "microphone-test.wav"

    def _on_play_mic_clicked(self) -> None:
        self.mic_player.seek(0.0)
        self.mic_player.play()

    def _on_engine_combo_activated(self, _index: int) -> None:
        name = str(self.engine_combo.currentData())
        info = next(i for i in self._engines if i.name == name)
        if info.is_online and not self.confirm_online(info):
            self.engine_combo.setCurrentIndex(
                self.engine_combo.findData(self.ctx.settings.current.speech_engine)
            )
            return
        self._show_engine_note()
        self.ctx.settings.update(speech_engine=name)
        self.model.load(self.ctx.settings.current)

    def confirm_online(self, info: EngineInfo) -> bool:
        answer = QMessageBox.warning(
            self,
            "Send recordings off this computer?",
            f"{info.label} sends each recorded answer to an online service to transcribe it. "
            "Everything else stays here. Use it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_delete_data_clicked(self) -> None:
        paths = self.ctx.paths
        if not self.confirm_delete_data(paths.data, data_reset.describe(paths)):
            return
        window = self.window()
        if window is not self:
            window.close()  # ends a session in progress and stops the devices first
        self.ctx.tasks.wait()  # no database write still running
        try:
            data_reset.delete_all_data(paths, engine=self.ctx.engine)
        except GreenroomError as exc:
            QMessageBox.critical(None, "Greenroom", f"Not everything could be deleted: {exc}")
            return
        self.data_deleted.emit()

    def confirm_delete_data(self, folder: Path, kinds: list[str]) -> bool:
        listed = "".join(f"\n  • {k}" for k in kinds) or "\n  • (nothing saved yet)"
        answer = QMessageBox.warning(
            self,
            "Delete all your Greenroom data?",
            f"This deletes, from {folder} and Greenroom's settings and cache folders:{listed}\n\n"
            "It cannot be undone. Greenroom will close; the next start is a first start.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _model_folder(self, name: str) -> Path:
        return model_folder(self.ctx.paths.models, name)

    def _on_model_state_changed(self, _state: str, message: str) -> None:
        self.model_state.setText(message)
        self._update_download_button()  # a load may have found the downloaded copy damaged

    def _update_download_button(self) -> None:
        """Offer the download while the chosen model is missing, incomplete or damaged: the
        way to repair it is to download it again (the new copy replaces the old)."""
        name = str(self.model_combo.currentData())
        if name not in DOWNLOADABLE:
            self.download.hide()
            return
        folder = self._model_folder(name)
        try:
            check_downloaded(folder, name, hashes=False)  # no hashing on the GUI thread
        except GreenroomError:
            usable = False
        else:
            usable = not self.model.rejected(folder)  # the load checked the hashes
        self.download.setVisible(not usable)
        if folder.exists() and not usable:
            self.download.setText(f"Download {name} again (the copy here is damaged)")
        else:
            self.download.setText(f"Download {name} (optional; needs internet once)")

    def _on_model_combo_activated(self, _index: int) -> None:
        name = str(self.model_combo.currentData())
        self._update_download_button()
        if name == BUNDLED_MODEL_NAME or (self._model_folder(name) / "model.bin").exists():
            self.ctx.settings.update(speech_model=name)
            self.model.load(self.ctx.settings.current)

    def _on_choose_model_dir_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a faster-whisper model folder")
        if folder:
            self.ctx.settings.update(model_dir=folder)
            self.model_dir.setText(folder)
            self.model.load(self.ctx.settings.current)

    def _on_download_clicked(self) -> None:
        name = str(self.model_combo.currentData())
        self._cancel_download.clear()
        self.progress.setRange(0, len(MODEL_FILES))
        self.progress.setValue(0)
        for w in (self.progress, self.cancel):
            w.show()
        self.download.setEnabled(False)
        dest = self._model_folder(name)
        self.ctx.tasks.run(
            lambda: download_model(
                name,
                dest,
                progress=self._report_progress,
                cancel=self._cancel_download.is_set,
                hub=self.hub,
            ),
            lambda _path: self._download_done(name, None),
            on_error=lambda exc: self._download_done(name, exc),
            owner=self,
        )

    def _report_progress(self, _filename: str, index: int, _count: int) -> None:
        # Runs on a worker thread: the signal is queued to the GUI thread.
        self._download_progressed.emit(index)

    def _download_done(self, name: str, exc: BaseException | None) -> None:
        for w in (self.progress, self.cancel):
            w.hide()
        self.download.setEnabled(True)
        if exc is None:
            self.ctx.settings.update(speech_model=name)
            # Again even if this model is the one chosen: its damaged copy was just replaced.
            self.model.load(self.ctx.settings.current, again=True)
            self._update_download_button()
        elif isinstance(exc, DownloadCancelled):
            self.model_state.setText("Download cancelled; nothing was installed.")
        else:
            text = str(exc) if isinstance(exc, GreenroomError) else "unexpected error (see the log)"
            self.model_state.setText(f"Download failed: {text}. The installed model keeps working.")
