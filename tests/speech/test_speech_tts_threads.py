"""Questions read by several speakers in one process, on their own threads, while old speakers
are dropped: espeak-ng is one synthesizer per process, and pyttsx3 unsets its one callback when
an engine is collected. The test suite once died with a segmentation fault inside espeak_Synth
(tts.py says why); this runs in a child process so a crash fails the test, not the suite."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = """
import gc, json, sys, threading
from pathlib import Path
from greenroom.speech.tts import QuestionSpeaker

folder = Path(sys.argv[1])
sizes, errors = [], []

def read(name):  # a window's TTS thread: its own speaker, several questions, then dropped
    try:
        speaker = QuestionSpeaker()
        for i in range(4):
            path = speaker.synthesize(f"Question {i}: tell me.", folder / f"{name}{i}.wav")
            sizes.append(path.stat().st_size)
    except Exception as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=read, args=(f"t{n}",)) for n in range(4)]
for t in threads[:2]:
    t.start()
for t in threads[:2]:
    t.join()
for t in threads[2:]:  # two more, while the first speakers are garbage being collected
    t.start()
while any(t.is_alive() for t in threads[2:]):
    gc.collect()
print(json.dumps([len(sizes), min(sizes, default=0), errors]))
"""


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng (./dev.sh test)")
def test_speakers_on_several_threads_read_every_question_and_never_crash(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr[-1500:]}"
    count, smallest, errors = json.loads(done.stdout.strip().splitlines()[-1])
    assert errors == []
    assert count == 16 and smallest > 44  # every question has audio, not a bare WAV header
