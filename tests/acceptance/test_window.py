"""The real `greenroom` program in a real window, with a window manager, driven by keystrokes.

What only a whole process shows: where the window lands (its title bar must be reachable), that
Ctrl+Q quits, and that quitting in the middle of speech or transcription ends cleanly, without
Qt's "QThread: Destroyed while thread ... is still running" abort.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rig import play_answer, setup_audio

from greenroom.paths import resolve_paths
from greenroom.settings import Settings, save_settings
from support import audio_data

pytestmark = pytest.mark.acceptance
GREENROOM = Path(sys.executable).with_name("greenroom")


def _x(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout


@pytest.fixture(scope="module")
def window_manager() -> Iterator[str]:
    """openbox on the test display (xvfb-run gives a bare X server)."""
    display = os.environ.get("DISPLAY")
    if not display:
        pytest.fail("no X display: run the tests with ./dev.sh test (it uses xvfb-run)")
    for tool in ("openbox", "xdotool", "xwininfo"):
        assert shutil.which(tool), f"{tool} is missing: ./dev.sh installs it"
    wm = subprocess.Popen(["openbox", "--sm-disable"], stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    yield display
    wm.terminate()
    wm.wait(10)


class App:
    """One run of the program on a fresh data folder."""

    def __init__(self, home: Path) -> None:
        mic = setup_audio()
        self.paths = paths = resolve_paths(home)
        paths.ensure()
        save_settings(paths.settings_file, Settings(input_device=mic.decode(), first_run_done=True))
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
        self.process = subprocess.Popen(
            [str(GREENROOM), "--data-dir", str(home)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.window = self._main_window()

    def _main_window(self) -> str:
        """The main window, once it has replaced the start-up window."""
        log = self.paths.log_file
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if log.exists() and "Greenroom started" in log.read_text(encoding="utf-8"):
                time.sleep(1.0)  # shown right after that line, and the start-up window closed
                ids = _x("xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid))
                if len(ids.split()) == 1:
                    return ids.split()[0]
            time.sleep(0.3)
        raise AssertionError("the main window never appeared")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", key], check=True, timeout=10)
            time.sleep(0.4)

    def frame_top_left(self) -> tuple[int, int]:
        info = _x("xwininfo", "-frame", "-id", self.window)
        x = int(re.search(r"Absolute upper-left X:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
        y = int(re.search(r"Absolute upper-left Y:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
        return x, y

    def wait_exit(self, timeout: float = 30) -> tuple[int, str]:
        _out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, err


def _clean(stderr: str) -> None:
    assert "QThread: Destroyed" not in stderr, stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-2000:]


def test_the_window_opens_on_screen_and_ctrl_q_quits(window_manager: str, tmp_path: Path) -> None:
    app = App(tmp_path / "home")
    x, y = app.frame_top_left()
    assert x >= 0 and y >= 0, f"the title bar is off screen at ({x}, {y})"
    app.keys("ctrl+q")
    code, err = app.wait_exit()
    assert code == 0
    _clean(err)


def test_quitting_while_a_question_is_read_asks_then_ends_cleanly(
    window_manager: str, tmp_path: Path
) -> None:
    app = App(tmp_path / "home")
    app.keys("alt+s")  # Start test run
    app.keys("Right", "Return")  # nerves: set a rating, go
    time.sleep(0.8)  # the first question is being read aloud
    app.keys("ctrl+q")
    time.sleep(0.8)
    assert app.process.poll() is None, "quit without asking in the middle of a run"
    app.keys("alt+y")  # "Quit Greenroom?" Yes
    code, err = app.wait_exit()
    assert code == 0
    _clean(err)


def test_quitting_while_an_answer_is_transcribed_ends_cleanly(
    window_manager: str, tmp_path: Path
) -> None:
    app = App(tmp_path / "home")
    app.keys("alt+s", "Right", "Return")
    time.sleep(4.0)  # the question is read; prep counts down
    app.keys("space")  # answer now
    time.sleep(1.0)
    player = play_answer(audio_data.clip("jfk"))
    player.wait(30)
    app.keys("space")  # stop: transcription of the last segment starts
    app.keys("ctrl+q", "alt+y")
    code, err = app.wait_exit()
    assert code == 0
    _clean(err)
