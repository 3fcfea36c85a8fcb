"""The warm-up loads the feedback models once and takes what the app has loaded out of the
garbage collector's way, so a full collection during an answer does not walk it all while
holding the GIL (one stalled the GUI thread for 136-148 ms: docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = """
import gc, json
import greenroom.app  # what the app has loaded when a session begins: Qt, the store, speech
from greenroom.services.answer_analysis import warm_up

loaded = len(gc.get_objects())
warm_up()
first = gc.get_freeze_count()
made = [[i] for i in range(50_000)]  # an answer's worth of new objects
warm_up()
print(json.dumps([loaded, first, gc.get_freeze_count()]))
"""


def test_warm_up_freezes_the_loaded_app_once() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=True
    )
    loaded, frozen, frozen_again = json.loads(done.stdout.strip().splitlines()[-1])
    assert frozen >= loaded > 10_000  # everything loaded before the session, and the models
    assert frozen_again == frozen  # a second session freezes nothing new (no creeping leak)
