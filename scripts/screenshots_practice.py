"""Screenshots of the practice room, light and dark, for docs/screenshots and the README.

Run: xvfb-run -a -s "-screen 0 1280x860x24" .venv/bin/python scripts/screenshots_practice.py
Drives a real session (real engine and database) with the test fakes for clock, mic and voice.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from greenroom.core.session import Mode  # noqa: E402
from greenroom.paths import resolve_paths  # noqa: E402
from greenroom.services.startup import open_store  # noqa: E402
from greenroom.settings import Settings  # noqa: E402
from greenroom.speech.whisper_engine import WhisperEngine  # noqa: E402
from greenroom.ui.context import AppContext, SettingsStore  # noqa: E402
from greenroom.ui.main_window import MainWindow  # noqa: E402
from greenroom.ui.practice.practice_page import PracticeServices  # noqa: E402
from greenroom.ui.speech_model import ModelState, SpeechModel  # noqa: E402
from greenroom.ui.tasks import InlineTaskRunner  # noqa: E402
from greenroom.ui.theme import apply_theme  # noqa: E402
from support.audio_data import clip  # noqa: E402
from support.clock import FakeClock  # noqa: E402
from support.fakes import FakeMicrophone, FakeVoice  # noqa: E402
from support.waiting import pump, wait_until  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def shoot(window: MainWindow, name: str, theme: str) -> None:
    pump(150)
    window.grab().save(str(OUT / f"{name}-{theme}.png"))


def tick(window: MainWindow, clock: FakeClock, mic: FakeMicrophone, seconds: float) -> None:
    for _ in range(round(seconds / 0.1)):
        clock.advance(0.1)
        mic.pass_time(0.1)
        window.practice_page.controller.tick()


def run(app: QApplication, theme: str, engine: WhisperEngine) -> None:
    apply_theme(app, theme)
    home = Path(tempfile.mkdtemp())
    paths = resolve_paths(home)
    paths.ensure()
    tasks = InlineTaskRunner(lambda exc: (_ for _ in ()).throw(exc))
    ctx = AppContext(
        open_store(paths).engine, paths, tasks, SettingsStore(Settings(theme=theme), None)
    )
    model = SpeechModel(tasks, paths.models)
    model.engine, model.state, model.message = (
        engine,
        ModelState.READY,
        "Speech model ready: faster-whisper (tiny.en).",
    )
    mic, clock = FakeMicrophone(), FakeClock()
    window = MainWindow(ctx, PracticeServices(mic, FakeVoice(), model, clock))  # type: ignore[arg-type]
    window.resize(1180, 800)
    window.show()
    page = window.practice_page
    page.refresh()
    page.setup.mode_buttons[Mode.TIMED].setChecked(True)
    page.setup.count.setValue(2)
    page.setup.job.setPlainText(
        "Product designer: user research, prototyping, accessibility, design systems."
    )
    shoot(window, "practice-setup", theme)
    window.first_run.hide()
    page.setup.start_button.click()
    wait_until(lambda: page.stack.currentWidget() is page.nerves_before, 10)
    page.nerves_before.nerves.set_value(70)
    shoot(window, "practice-nerves", theme)
    page.nerves_before.go.click()
    wait_until(lambda: page.controller.interview is not None, 10)
    wait_until(lambda: page.controller.interview.phase.value == "prep", 10)
    tick(window, clock, mic, 6)
    shoot(window, "practice-prep", theme)
    page.controller.primary_action()
    wait_until(lambda: mic.recording, 10)
    mic.speak(clip("jfk"))
    tick(window, clock, mic, 12)
    # The transcriber's worker delivers partial text asynchronously.
    wait_until(lambda: "country" in page.question.live.toPlainText(), 10)
    shoot(window, "practice-answering", theme)
    page.controller.primary_action()
    wait_until(lambda: page.stack.currentWidget() is page.review, 30)
    shoot(window, "practice-review", theme)
    page.review.next.click()
    page.controller.primary_action()
    wait_until(lambda: mic.recording, 10)
    mic.speak(clip("pra_arctic_a0010"))
    page.controller.primary_action()
    wait_until(lambda: page.stack.currentWidget() is page.review, 30)
    page.review.next.click()
    wait_until(lambda: page.stack.currentWidget() is page.nerves_after, 30)
    page.nerves_after.nerves.set_value(45)
    page.nerves_after.confidence.set_value(60)
    page.nerves_after.go.click()
    wait_until(lambda: page.stack.currentWidget() is page.summary, 30)
    shoot(window, "practice-summary", theme)  # Settings: scripts/screenshots_settings.py
    window.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    engine = WhisperEngine.create()
    for theme in ("light", "dark"):
        run(app, theme, engine)
    print(f"saved to {OUT}")


if __name__ == "__main__":
    main()
