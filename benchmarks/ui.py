"""Practice-room figures: cold start, GUI-thread stalls during a real answer, peak memory.

Run under a display (or Xvfb):  xvfb-run -a .venv/bin/python benchmarks/ui.py
1. Cold start to the first window shown, as a ratio to a bare PySide6 window started the same
   way in the same run (median of 5 runs each; Greenroom with an existing data folder and on the
   very first start).
2. The longest time the GUI thread is blocked while a 2-minute answer is spoken into a virtual
   PulseAudio microphone in real time, recorded, transcribed, analysed and saved; a 5 ms timer on
   the GUI thread measures the gaps. Also the delay from Stop to the feedback screen.
3. Peak memory (RSS) of that process.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
RUNS = 5

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1180, 780); w.show()
QTimer.singleShot(0, lambda: (print("SHOWN", time.time(), flush=True), app.quit()))
app.exec()
"""
# The same steps as greenroom.app.run_app: first window, then the main window replaces it.
GREENROOM = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from greenroom import app as gr
from greenroom.paths import resolve_paths
paths = resolve_paths(Path(sys.argv[1]))
qt = gr.ensure_qapplication()
startup = gr.show_startup_window(qt, paths)
print("FIRST", time.time(), flush=True)
running = gr.build_window(paths, crash_dialogs=False)
running.window.setGeometry(startup.geometry())
running.window.show()
startup.close()
QTimer.singleShot(0, lambda: (print("READY", time.time(), flush=True), qt.quit()))
qt.exec()
running.close()
"""


def _start_times(code: str, *args: str) -> dict[str, float]:
    """Seconds from launching the process to each "LABEL <time>" line it prints."""
    began = time.time()
    argv = [sys.executable, "-c", code, *args]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    marks = dict(line.split() for line in done.stdout.splitlines() if line.count(" ") == 1)
    if done.returncode != 0 or not marks:
        raise RuntimeError(done.stderr[-2000:])
    return {label: float(t) - began for label, t in marks.items()}


def cold_start() -> list[tuple[str, float, float]]:
    bare = statistics.median(_start_times(BARE)["SHOWN"] for _ in range(RUNS))
    home = tempfile.mkdtemp()
    _start_times(GREENROOM, home)  # first start: create the database and seed the banks
    warm = [_start_times(GREENROOM, home) for _ in range(RUNS)]
    first = [_start_times(GREENROOM, tempfile.mkdtemp()) for _ in range(RUNS)]
    rows = [("bare PySide6 window", bare, 1.0)]
    for label, runs in (("existing data folder", warm), ("very first start", first)):
        for mark, what in (("FIRST", "first window shown"), ("READY", "main window ready")):
            seconds = statistics.median(r[mark] for r in runs)
            rows.append((f"Greenroom, {label}: {what}", seconds, seconds / bare))
    return rows


def answer_stalls() -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest

    from greenroom.app import build_window
    from greenroom.core.session import Mode
    from greenroom.paths import resolve_paths
    from greenroom.ui.speech_model import ModelState
    from support.audio_data import answer_2min
    from support.virtual_mic import ensure_virtual_mic, play_into_mic

    mic = ensure_virtual_mic()
    paths = resolve_paths(Path(tempfile.mkdtemp()))
    running = build_window(paths, crash_dialogs=False)
    window, page = running.window, running.window.practice_page
    window.ctx.settings.update(input_device=mic.decode(), tts_enabled=False)
    window.show()
    gaps: list[tuple[float, str]] = []
    phase = ["idle"]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append((now - last[0] - 5, phase[0]))
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(beat)
    timer.start(5)

    def wait_until(cond, ms: int) -> None:  # type: ignore[no-untyped-def]
        end = time.time() + ms / 1000
        while not cond():
            if time.time() > end:
                raise TimeoutError
            QTest.qWait(10)

    page.refresh()
    wait_until(
        lambda: page.services.model.state is ModelState.READY and page.setup.banks.count() > 0,
        60000,
    )
    setup = page.setup
    setup.mode_buttons[Mode.TIMED].setChecked(True)
    setup.count.setValue(1)
    setup.speak.setChecked(False)
    setup.own_timing.setChecked(False)
    setup.answer.setValue(180)
    setup.start_button.click()
    wait_until(lambda: page.stack.currentWidget() is page.nerves_before, 10000)
    page.nerves_before.skip.click()
    wait_until(lambda: page.controller.interview is not None, 10000)
    page.controller.primary_action()  # start answering now
    wait_until(lambda: page.recorder.recording, 10000)
    QTest.qWait(300)
    gaps.clear()
    phase[0] = "recording"
    player = play_into_mic(answer_2min().path)
    wait_until(lambda: player.poll() is not None, 200000)
    QTest.qWait(500)
    phase[0] = "stop to feedback"
    marks: dict[str, float] = {}
    page.recorder.answer_ready.connect(lambda _r: marks.setdefault("recorded", time.perf_counter()))
    page.controller.answer_reviewed.connect(
        lambda _r: marks.setdefault("analysed", time.perf_counter())
    )
    stopped = time.perf_counter()
    page.controller.primary_action()
    wait_until(lambda: page.stack.currentWidget() is page.review, 60000)
    to_review = time.perf_counter() - stopped
    QTest.qWait(200)
    timer.stop()
    words = page.controller.reviews[-1].metrics.word_count
    running.close()
    rec = [g for g, p in gaps if p == "recording"]
    fin = [g for g, p in gaps if p == "stop to feedback"]
    return {
        "longest GUI stall while recording (ms)": max(rec),
        "p99 GUI stall while recording (ms)": statistics.quantiles(rec, n=100)[98],
        "longest GUI stall from Stop to feedback shown (ms)": max(fin),
        "Stop to feedback screen (s)": to_review,
        "  of which: transcript complete and audio saved (s)": marks["recorded"] - stopped,
        "  of which: analysed and committed (s)": marks["analysed"] - marks["recorded"],
        "words in the transcript": float(words),
        "peak RSS of the app process (MB)": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        / 1024,
    }


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"Machine: {machine}, Qt platform {os.environ['QT_QPA_PLATFORM']}\n")
    print("| start-up (median of 5) | seconds | ratio to bare PySide6 |")
    print("|---|---|---|")
    for name, seconds, ratio in cold_start():
        print(f"| {name} | {seconds:.2f} | {ratio:.2f}x |")
    print("\n| a 2-minute answer spoken in real time | value |")
    print("|---|---|")
    for name, value in answer_stalls().items():
        print(f"| {name} | {value:.2f} |" if "(s)" in name else f"| {name} | {value:.0f} |")


if __name__ == "__main__":
    main()
