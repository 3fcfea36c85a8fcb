"""A Greenroom that practises until it is killed: the child of the kill test (test_kill.py).

Runs real practice sessions in a loop through the real PracticePage and PracticeController on
a real SQLite file in ``data_dir``, with the real faster-whisper engine and the real TaskRunner
(answers are transcribed, saved and committed on worker threads exactly as in the app). Only
the physical parts are fakes: the microphone plays real recorded speech (paced, so a kill can
land mid-answer), the voice finishes at once and the clock is advanced by the loop.

Protocol on stdout (one line each, flushed):
  READY                       the store is open and the page is built
  SESSION <id>                a session row was created (in progress)
  PHASE answering|transcribing|committing
  COMMITTED <answer_id> <audio_path or ->   record_answer returned (the row is committed)
  FINISHING <id> / FINISHED <id>            the session is being / has been closed

Usage: python session_child.py DATA_DIR SEED
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from PySide6.QtWidgets import QApplication  # noqa: E402

from greenroom.core.interview import Phase  # noqa: E402
from greenroom.core.session import Mode  # noqa: E402
from greenroom.paths import resolve_paths  # noqa: E402
from greenroom.services.startup import open_store  # noqa: E402
from greenroom.settings import Settings  # noqa: E402
from greenroom.speech.audio import float_to_pcm16, load_audio  # noqa: E402
from greenroom.speech.whisper_engine import WhisperEngine  # noqa: E402
from greenroom.ui.context import AppContext, SettingsStore  # noqa: E402
from greenroom.ui.practice import controller as controller_mod  # noqa: E402
from greenroom.ui.practice.practice_page import PracticePage, PracticeServices  # noqa: E402
from greenroom.ui.speech_model import ModelState, SpeechModel  # noqa: E402
from greenroom.ui.tasks import TaskRunner  # noqa: E402
from support.audio_data import clip  # noqa: E402
from support.clock import FakeClock  # noqa: E402
from support.fakes import CHUNK_BYTES, FakeMicrophone, FakeVoice  # noqa: E402
from support.practice import choose  # noqa: E402
from support.waiting import pump  # noqa: E402

CLIPS = ("pra_arctic_aew_a0003", "pra_arctic_a0010", "pra_arctic_axb_a0004", "jfk")
MAX_SECONDS = 120  # the parent always kills sooner; never outlive a broken parent


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def hook_commits() -> None:
    """Announce each answer the moment record_answer has committed it (on the write worker)."""
    real = controller_mod.analyze

    def analyze(engine, draft, recorded, question, *, job, typed):  # type: ignore[no-untyped-def]
        say("PHASE committing")
        review = real(engine, draft, recorded, question, job=job, typed=typed)
        say(f"COMMITTED {review.answer_id} {draft.audio_path or '-'}")
        return review

    controller_mod.analyze = analyze  # type: ignore[assignment]


def wait_for(condition, deadline: float) -> None:  # type: ignore[no-untyped-def]
    while not condition():
        if time.monotonic() > deadline:
            say("STUCK")
            os._exit(3)
        pump(5)


def main(data_dir: Path, seed: int) -> int:
    deadline = time.monotonic() + MAX_SECONDS
    rng = random.Random(seed)
    app = QApplication.instance() or QApplication(sys.argv)
    paths = resolve_paths(data_dir)
    paths.ensure()
    db = open_store(paths)  # migrations, built-in banks, mark_interrupted: like the app

    def on_error(exc: BaseException) -> None:
        say(f"ERROR {type(exc).__name__}: {exc}")
        os._exit(2)

    tasks = TaskRunner(on_error)
    ctx = AppContext(db.engine, paths, tasks, SettingsStore(Settings(), None))
    model = SpeechModel(tasks, paths.models)
    model.engine, model.state = WhisperEngine.create(), ModelState.READY
    mic, voice, clock = FakeMicrophone(), FakeVoice(), FakeClock()
    page = PracticePage(ctx, PracticeServices(mic, voice, model, clock))  # type: ignore[arg-type]
    page.show()
    page.refresh()
    hook_commits()
    ctl = page.controller
    wait_for(lambda: page.setup.banks.count() > 0, deadline)
    say("READY")
    pcm = {name: float_to_pcm16(load_audio(clip(name))) for name in CLIPS}
    while True:
        mode = rng.choice((Mode.WARM_UP, Mode.TIMED))
        choose(page_room(page, mic, clock), banks=("openers",), mode=mode, count=2)
        page.setup.start_button.click()
        wait_for(lambda: page.stack.currentWidget() is page.nerves_before, deadline)
        page.nerves_before.skip.click()
        assert ctl.session is not None
        say(f"SESSION {ctl.session.id}")
        for _ in range(2):
            wait_for(lambda: ctl.interview is not None, deadline)
            ctl.primary_action()  # start answering (skips the prep of a timed question)
            assert ctl.interview is not None and ctl.interview.phase is Phase.ANSWERING
            wait_for(lambda: mic.recording, deadline)
            say("PHASE answering")
            audio = pcm[rng.choice(CLIPS)] + bytes(16000)  # half a second of silence after
            for i in range(0, len(audio), CHUNK_BYTES):  # about 5x real time
                mic.feed(audio[i : i + CHUNK_BYTES])
                clock.advance(0.1)
                ctl.tick()
                pump(20)
            say("PHASE transcribing")
            ctl.primary_action()  # stop
            wait_for(lambda: page.stack.currentWidget() is page.review, deadline)
            page.review.next.click()
        wait_for(lambda: page.stack.currentWidget() is page.nerves_after, deadline)
        say(f"FINISHING {ctl.session.id}")
        sid = ctl.session.id
        page.nerves_after.skip.click()
        wait_for(lambda: page.stack.currentWidget() is page.summary, deadline)
        say(f"FINISHED {sid}")
        page.summary.again_requested.emit()
        wait_for(lambda: page.stack.currentWidget() is page.setup, deadline)
        pump(20)
    del app


class page_room:
    def __init__(self, page: PracticePage, mic: FakeMicrophone, clock: FakeClock) -> None:
        self.page, self.mic, self.clock = page, mic, clock


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
