"""The first answer's first decode imports nothing: an import on the transcriber thread stood
the GUI thread still for 140-170 ms while the user was speaking (numpy.ma for word alignment,
multiprocessing for tqdm's lock; docs/benchmarks.md). Everything the streaming path needs is
imported by the time the model has loaded and the session's warm-up has run."""

from __future__ import annotations

import json
import subprocess
import sys

from support.audio_data import clip

CHILD = """
import json, sys
import greenroom.app  # what the app has loaded before an answer: Qt, the store, speech
from greenroom.services.answer_analysis import warm_up
from greenroom.speech.audio import load_audio
from greenroom.speech.streaming import replay
from greenroom.speech.whisper_engine import WhisperEngine

engine = WhisperEngine.create()  # the model loads on a worker thread at start-up
warm_up()  # once the model is ready, at start-up
samples = load_audio(sys.argv[1])
before = set(sys.modules)
transcript = replay(samples, engine)  # the practice room's streaming transcriber
print(json.dumps([transcript.text, sorted(set(sys.modules) - before)]))
"""


def test_the_first_streamed_answer_imports_nothing_on_the_transcriber_thread() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(clip("jfk"))],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    text, imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert "fellow Americans" in text  # words were decoded and aligned, the path was taken
    assert imported == [], f"imported while transcribing the first answer: {imported}"
