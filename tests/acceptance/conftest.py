"""One real Greenroom for the whole acceptance suite: the composition root's window with the real
microphone (QAudioSource on a PulseAudio virtual source), the real pyttsx3 voice, the default
speech engine, the system clock and a real database, all as ``greenroom`` builds them.

Sharing one app across cases changes nothing a case checks (each looks at its own session) and
is how a user works: several runs in one sitting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from driver import Clip, wait_for
from rig import setup_audio

from greenroom.app import Running, build_window
from greenroom.banks.loader import load_bank_text
from greenroom.paths import AppPaths, resolve_paths
from greenroom.settings import Settings, save_settings
from greenroom.store import banks_repo
from greenroom.ui.speech_model import ModelState
from support import audio_data

BANK = """\
greenroom_bank: 1
id: acceptance
title: Acceptance run
defaults:
  prep_seconds: 2
  answer_seconds: 45
  difficulty: easy
questions:
  - id: strength
    text: What is your greatest strength?
    category: opener
  - id: role
    text: Why do you want this role?
    category: motivation
  - id: team
    text: Tell me about your last team.
    category: behavioral
"""

# Short real recordings that the default engine transcribes reliably, one per question.
CLIP_NAMES = (
    "pra_arctic_a0010",
    "ds_arctic_a0024",
    "pra_arctic_aew_a0003",
    "pra_arctic_axb_a0004",
    "ps_librivox_0880",
    "ps_librivox_0930",
)


@dataclass
class Live:
    running: Running
    paths: AppPaths
    clips: dict[str, Clip]

    @property
    def page(self):  # type: ignore[no-untyped-def]
        return self.running.window.practice_page


def _clips() -> dict[str, Clip]:
    out = {}
    for name in CLIP_NAMES:
        info = audio_data.clip_info(name)
        out[name] = Clip(name, info.path, info.reference, info.seconds)
    return out


@pytest.fixture(scope="module")
def live(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    mic = setup_audio()
    paths = resolve_paths(tmp_path_factory.mktemp("greenroom-home"))
    paths.ensure()
    save_settings(paths.settings_file, Settings(input_device=mic.decode(), first_run_done=True))
    running = build_window(paths, crash_dialogs=False)
    banks_repo.save_bank(
        running.db.engine, load_bank_text(BANK, fmt="yaml", name="acceptance.yaml").bank
    )
    window = running.window
    window.resize(1180, 780)
    window.show()
    page = window.practice_page
    page.refresh()  # loads the default engine in a worker, as the app does
    wait_for(lambda: page.services.model.state is ModelState.READY, 120, "the speech model")
    try:
        yield Live(running, paths, _clips())
    finally:
        running.close()


@pytest.fixture
def log_lines(live: Live) -> Iterator[list[str]]:
    """Lines the app logs during one test (filled in at its end)."""
    path = live.paths.log_file
    start = path.stat().st_size if path.exists() else 0
    lines: list[str] = []
    yield lines
    if path.exists():
        with path.open(encoding="utf-8", errors="replace") as handle:
            handle.seek(start)
            lines.extend(handle.read().splitlines())
