"""Practice-room figures: cold start, GUI-thread stalls during a real answer, peak memory.

Run under a display (or Xvfb):  xvfb-run -a .venv/bin/python benchmarks/ui.py
1. Cold start to the first window shown, as a ratio to a bare PySide6 window started the same
   way in the same run (median of 5 runs each; Greenroom with an existing data folder and on the
   very first start).
2. Answers spoken into a virtual PulseAudio microphone in real time, recorded, transcribed,
   analysed and saved (median of 3 each, `--runs N`, and the worst of them for the goals that
   hold for every answer): the 2-minute answer with Stop pressed
   after a 0.7 s pause ("pause") and cutting its last sentence ("cut"), and a minute of the
   same speech with every pause squeezed to 0.15 s ("no pauses"). For each: Stop -> feedback
   screen, how long after a word is spoken it shows live, the longest GUI-thread stall (a 5 ms
   timer on the GUI thread measures the gaps) and the whole app's CPU time per answer minute.
3. Peak memory (RSS) of that process.
`--answers-only` skips part 1; `--no-guessing` turns off guessing ahead and `--threads N` sets
Whisper's CPU threads in the practice room (the app uses 2), for comparison. `--trace-stalls MS`
prints, under each answer, what the GUI thread waited for in every stall of MS or more while
recording (stall_trace.py; Linux). `--kinds pause,cut` speaks only those answers.
`--first-answers N` speaks only the "pause" answer, each time as the first answer of a new app
process (N processes), where Whisper's first calls are; `--no-warm-up` loads the speech model
without its warm-up call (ui/speech_model.py), for comparison.
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

from machine import cpu

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


def _answer_files() -> dict[str, Path]:
    """The spoken answers: the 2-minute answer ending in a 0.7 s pause or cut mid-sentence, and
    a minute of the same speech with every pause squeezed to 0.15 s (no segment closes early)."""
    import numpy as np
    import soundfile as sf

    from greenroom.speech.audio import load_audio
    from greenroom.speech.vad import speech_segments
    from support.audio_data import answer_2min

    rate = 16_000
    audio = load_audio(answer_2min().path)
    spans = speech_segments(audio)
    last = spans[-1]
    floor = np.random.default_rng(7).normal(0, 10 ** (-60 / 20), rate).astype(np.float32)

    def secs(t: float) -> int:
        return round(t * rate)

    squeezed: list[np.ndarray] = []
    for span in spans:
        squeezed += [audio[secs(span.start) : secs(span.end)], floor[: secs(0.15)]]
    answers = {
        "pause": np.concatenate([audio[: secs(last.end)], floor[: secs(0.7)]]),
        "cut": audio[: secs((last.start + last.end) / 2)],
        "no pauses": np.concatenate(squeezed)[: secs(60)],
    }
    folder = Path(tempfile.mkdtemp())
    for name, samples in answers.items():
        sf.write(folder / f"{name}.wav", samples, rate, subtype="PCM_16")
    return {name: folder / f"{name}.wav" for name in answers}


class _Room:
    """One live app with a virtual microphone, a 5 ms heartbeat on the GUI thread, and hooks
    that time live words and Stop -> feedback."""

    def __init__(self, trace_stalls_ms: float | None = None) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        from greenroom.app import build_window
        from greenroom.paths import resolve_paths
        from greenroom.ui.practice.recorder import _Take
        from greenroom.ui.speech_model import ModelState
        from support.virtual_mic import ensure_virtual_mic

        mic = ensure_virtual_mic()
        self.running = build_window(resolve_paths(Path(tempfile.mkdtemp())), crash_dialogs=False)
        window = self.running.window
        self.page = window.practice_page
        window.ctx.settings.update(input_device=mic.decode(), tts_enabled=False)
        window.confirm_quit = lambda: True  # type: ignore[method-assign]
        window.show()
        self.gaps: list[tuple[float, float]] = []  # (ms late, time.monotonic() it ended)
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.elapsed()
        self.timer = QTimer()
        self.timer.timeout.connect(self._beat)
        self.timer.start(5)
        self.live: list[tuple[float, float]] = []  # (when shown, answer time the words reach)
        recorder = self.page.recorder
        shown = recorder._on_stream_partial  # runs on the transcriber thread, emits to the GUI

        def timed(take, words):  # type: ignore[no-untyped-def]
            if words:
                self.live.append((time.monotonic(), max(w.end for w in words)))
            shown(take, words)

        recorder._on_stream_partial = timed  # type: ignore[method-assign]
        # How far answer time runs behind the wall clock as audio arrives. The recorder puts
        # back the silence before a capture's first audio only up to 2 s (MAX_LEAD_PAD_S); the
        # virtual microphone, a null sink's monitor, delivered its first audio 2.05 s after
        # opening in the first answer of a run, and every word then looked 2 s late. Delays
        # are counted from when a word's audio reached the app.
        self.behind: list[float] = []
        self.slowest = ""  # the slowest live word of the last answer, and when it was said
        self.stall_at = 0.0  # answer time of the longest GUI stall while recording
        take_feed = _Take.feed

        def fed(take, chunk):  # type: ignore[no-untyped-def]
            take_feed(take, chunk)
            self.behind.append(time.monotonic() - take.started_at - take.stream.duration)

        _Take.feed = fed  # type: ignore[method-assign]
        self._unhook = lambda: setattr(_Take, "feed", take_feed)
        self.page.refresh()
        self.wait_until(
            lambda: (
                self.page.services.model.state is ModelState.READY
                and self.page.setup.banks.count() > 0
            ),
            60000,
        )
        self.trace_stalls_ms = trace_stalls_ms
        self.traced: list[str] = []  # what the GUI thread waited for in the last answer's stalls

    def _beat(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append((now - self.last - 5, time.monotonic()))
        self.last = now

    def wait_until(self, cond, ms: int) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtTest import QTest

        end = time.time() + ms / 1000
        while not cond():
            if time.time() > end:
                raise TimeoutError
            QTest.qWait(10)

    def answer(self, wav: Path) -> dict[str, float]:
        """Speak one answer in a one-question Timed run; Stop the moment the audio ends."""
        from PySide6.QtTest import QTest

        from greenroom.core.session import Mode
        from support.virtual_mic import play_into_mic

        page = self.page
        self.wait_until(lambda: page.stack.currentWidget() is page.setup, 10000)
        setup = page.setup
        setup.mode_buttons[Mode.TIMED].setChecked(True)
        setup.count.setValue(1)
        setup.speak.setChecked(False)
        setup.own_timing.setChecked(False)
        setup.answer.setValue(180)
        setup.start_button.click()
        self.wait_until(lambda: page.stack.currentWidget() is page.nerves_before, 10000)
        page.nerves_before.skip.click()
        self.wait_until(lambda: page.controller.interview is not None, 10000)
        page.controller.primary_action()  # start answering now
        self.wait_until(lambda: page.recorder.recording, 10000)
        QTest.qWait(300)
        started = page.recorder._active.started_at
        self.gaps.clear()
        self.live.clear()
        self.behind.clear()
        cpu = time.process_time()
        sampler = self._sampler()
        player = play_into_mic(wav)
        self.wait_until(lambda: player.poll() is not None, 200000)
        longest_stall, stall_ended = max(self.gaps)
        self.stall_at = stall_ended - started
        recording_gaps = list(self.gaps)
        self.gaps.clear()
        stopped, stopped_at = time.perf_counter(), time.monotonic()
        page.controller.primary_action()
        self.wait_until(lambda: page.stack.currentWidget() is page.review, 60000)
        to_review = time.perf_counter() - stopped
        cpu = time.process_time() - cpu
        QTest.qWait(200)
        # Up to here: the screens that follow (the "after" screen, the summary) are not Stop's.
        stop_stall = max(self.gaps)[0]
        review = page.controller.reviews[-1]
        words = review.transcript.words
        behind = statistics.median(self.behind)  # ~0.05 s when the start was padded
        lags = []  # from when each word's audio reached the app to when it was on screen
        said = []  # the word of each delay, and when it ended
        before_stop = 0
        for w in words:
            # A word is on screen once the live words reach its middle, not its end: drafts
            # time a word's end differently from the final pass ("to..." ending at 18.00 s, "to"
            # at 18.10 s, a word cut at the draft's edge), and the word was shown all the same.
            middle = (w.start + w.end) / 2
            shown = next((t for t, reach in self.live if reach >= middle), None)
            if shown is not None:
                lags.append(shown - (started + w.end + behind))
                said.append(f"{w.text!r} at {w.end:.1f} s")
                before_stop += shown < stopped_at
        self.slowest = said[lags.index(max(lags))]
        seconds = review.transcript.duration
        page.review.next.click()  # on to the "after" screen, the summary, set-up again
        self.wait_until(lambda: page.stack.currentWidget() is page.nerves_after, 30000)
        page.nerves_after.skip.click()
        self.wait_until(lambda: page.stack.currentWidget() is page.summary, 30000)
        page.summary.again.click()
        figures = {
            "Stop to feedback screen (s)": to_review,
            "live words: median delay after spoken (s)": statistics.median(lags),
            "live words: 90th percentile delay (s)": statistics.quantiles(lags, n=10)[8],
            "live words: slowest (s)": max(lags),
            "audio behind answer time as it arrived, median (s)": behind,
            "words shown live before Stop (%)": 100 * before_stop / max(1, len(words)),
            "longest GUI stall while recording (ms)": longest_stall,
            "longest GUI stall from Stop to feedback (ms)": stop_stall,
            "CPU seconds per answer minute (whole app)": cpu / (seconds / 60),
            "words in the transcript": float(len(words)),
        }
        if sampler is not None:  # read after the figures: it takes the GUI thread a second
            self._trace(sampler.stop(), recording_gaps, started)
        return figures

    def _sampler(self):  # type: ignore[no-untyped-def]
        if self.trace_stalls_ms is None:
            return None
        from stall_trace import ThreadSampler

        return ThreadSampler(os.getpid(), Path(tempfile.mkdtemp()) / "threads.json")

    def _trace(self, samples, gaps, started: float) -> None:  # type: ignore[no-untyped-def]
        from stall_trace import explain

        assert self.trace_stalls_ms is not None
        seconds = samples["rows"][-1][0] - samples["rows"][0][0]
        self.traced = [f"  (the sampler used {samples['cpu_s'] / seconds:.0%} of a core)"]
        for ms, ended in gaps:
            if ms >= self.trace_stalls_ms:
                self.traced.append(f"  stall {ms:.0f} ms at {ended - started:.2f} s:")
                began = ended - (ms + 5) / 1000  # a gap is the time between beats less 5 ms
                self.traced += [f"    {line}" for line in explain(samples, began, ended)]

    def close(self) -> None:
        self._unhook()
        self.timer.stop()
        self.running.close()


WORST_OF_RUNS = ("live words: slowest (s)", "longest GUI stall while recording (ms)")


def answer_figures(
    runs: int, trace_stalls_ms: float | None, kinds: list[str] | None = None
) -> dict[str, dict[str, float]]:
    """Median over ``runs`` answers of each kind (all three, or ``kinds``), and peak memory of
    the process."""
    files = {k: f for k, f in _answer_files().items() if kinds is None or k in kinds}
    room = _Room(trace_stalls_ms)
    table: dict[str, dict[str, float]] = {}
    try:
        for name, wav in files.items():
            results = []
            for run in range(runs):
                results.append(room.answer(wav))
                # Each answer on its own line: a bad one can be read afterwards (issue 13's goals
                # hold for every answer, and the table keeps only medians and the worst).
                got = results[-1]
                print(
                    f"{name} #{run + 1}: Stop -> feedback"
                    f" {got['Stop to feedback screen (s)']:.2f} s,"
                    f" slowest live word {got['live words: slowest (s)']:.2f} s ({room.slowest}),"
                    f" longest GUI stall"
                    f" {got['longest GUI stall while recording (ms)']:.0f} ms"
                    f" (at {room.stall_at:.1f} s), audio behind"
                    f" {got['audio behind answer time as it arrived, median (s)']:.2f} s",
                    flush=True,
                )
                if len(room.traced) > 1:
                    print("\n".join(room.traced), flush=True)
            table[name] = {k: statistics.median(r[k] for r in results) for k in results[0]}
            for key in WORST_OF_RUNS:  # goals that hold for every answer, not the typical one
                table[name][f"{key}, worst of {runs}"] = max(r[key] for r in results)
    finally:
        room.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table[next(iter(table))]["peak RSS of the app process (MB)"] = rss
    return table


def first_answers(processes: int, passed: list[str]) -> None:
    """Each process speaks one "pause" answer, its first; the medians and worst of those."""
    args = [a for a in passed if a != "--answers-only"]
    i = args.index("--first-answers")
    del args[i : i + 2]
    command = [sys.executable, __file__, "--answers-only", "--runs", "1", "--kinds", "pause", *args]
    figures = ("Stop to feedback screen (s)", *WORST_OF_RUNS)
    results: list[dict[str, float]] = []
    for n in range(processes):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"process {n + 1} failed:\n{done.stderr[-3000:]}")
        lines = done.stdout.splitlines()
        print(f"process {n + 1}: " + next(x for x in lines if x.startswith("pause #1")), flush=True)
        cells = {r.split(" | ")[0].strip("| "): r for r in lines if r.startswith("| ")}
        results.append({f: float(cells[f].rstrip(" |").split(" | ")[-1]) for f in figures})
    print(f"\n| first answer of a process, {processes} processes | median | worst |")
    print("|---|---|---|")
    for f in figures:
        values = [r[f] for r in results]
        digits = 2 if "(s)" in f else 0
        print(f"| {f} | {statistics.median(values):.{digits}f} | {max(values):.{digits}f} |")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    machine = f"{cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"Machine: {machine}, Qt platform {os.environ['QT_QPA_PLATFORM']}\n")
    if "--first-answers" in sys.argv:
        first_answers(int(sys.argv[sys.argv.index("--first-answers") + 1]), sys.argv[1:])
        return
    if "--answers-only" not in sys.argv:
        print("| start-up (median of 5) | seconds | ratio to bare PySide6 |")
        print("|---|---|---|")
        for name, seconds, ratio in cold_start():
            print(f"| {name} | {seconds:.2f} | {ratio:.2f}x |")
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    only = sys.argv[sys.argv.index("--kinds") + 1].split(",") if "--kinds" in sys.argv else None
    if "--no-guessing" in sys.argv:  # the transcriber as it was before guessing ahead
        from greenroom.speech.streaming import StreamingTranscriber
        from greenroom.ui.practice import recorder

        class PlainTranscriber(StreamingTranscriber):
            def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
                super().__init__(*args, **{**kwargs, "speculate": False})

        recorder.StreamingTranscriber = PlainTranscriber  # type: ignore[misc]
        print("Guessing ahead turned off (--no-guessing)\n")
    if "--threads" in sys.argv:  # Whisper's CPU threads in the practice room, for comparison
        from greenroom.ui import speech_model

        speech_model.LIVE_CPU_THREADS = int(sys.argv[sys.argv.index("--threads") + 1])
        print(f"Whisper CPU threads: {speech_model.LIVE_CPU_THREADS} (--threads)\n")
    if "--no-warm-up" in sys.argv:  # the first Whisper call left to the first answer
        from greenroom.ui import speech_model

        speech_model._warm_up = lambda engine: None
        print("The speech model's warm-up call turned off (--no-warm-up)\n")
    trace = "--trace-stalls" in sys.argv
    stalls_ms = float(sys.argv[sys.argv.index("--trace-stalls") + 1]) if trace else None
    table = answer_figures(runs, stalls_ms, only)
    kinds = list(table)
    print(f"\n| answers spoken in real time into a virtual microphone, median of {runs} | ", end="")
    print(" | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for figure in table[kinds[0]]:
        cells = []
        for kind in kinds:
            value = table[kind].get(figure)
            digits = 2 if "(s)" in figure else 0
            cells.append("" if value is None else f"{value:.{digits}f}")
        print(f"| {figure} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
