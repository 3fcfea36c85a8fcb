"""Issue 13 in the practice room: a chosen model that cannot be used is never silently replaced."""

from __future__ import annotations

import pytest

from greenroom.core.session import Mode
from greenroom.settings import Settings
from greenroom.speech.download import download_model
from greenroom.speech.models import bundled_model_folder, model_folder
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui.speech_model import ModelState
from support.audio_data import clip
from support.model_hub import FolderHub
from support.practice import answer, choose, says, shown_answer, start, wait_review
from support.waiting import wait_until


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_the_room_says_which_model_it_uses_when_the_chosen_one_is_damaged(make_room) -> None:
    room = make_room(engine=False)
    folder = model_folder(room.ctx.paths.models, "base.en")
    download_model("base.en", folder, hub=FolderHub(bundled_model_folder()))
    (folder / "config.json").unlink()
    room.model.load(Settings(speech_model="base.en"))
    wait_until(lambda: room.model.state is ModelState.READY, 30, "the model to load")
    engine = room.model.engine
    assert isinstance(engine, WhisperEngine) and engine.source is not None
    assert (engine.model_name, engine.source.path) == ("tiny.en", bundled_model_folder())
    notice = room.page.model_state
    assert notice.isVisible()
    assert f"{folder}: the model folder is missing config.json" in notice.text()
    assert "Download base.en again in Settings" in notice.text()
    assert "Using tiny.en (bundled) instead" in notice.text()
    # The practice goes on with the model it says it uses.
    choose(room, banks=("openers",), mode=Mode.WARM_UP, count=1, speak=False)
    start(room, nerves=None)
    answer(room, clip("pra_arctic_a0010"))
    wait_review(room)
    assert says(shown_answer(room.page), "pra_arctic_a0010")
