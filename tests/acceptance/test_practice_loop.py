"""The practice loop with real parts in real time: every mode, what was saved, nothing left running.

Each case runs a whole session in the one live app (conftest.py) and then checks what a user
would rely on: every answer present, under the question it answered (its transcript matches the
clip played for that question), in take order, with its recording; the session ends as it
should; nothing records on the summary and no recording stream stays open; the log is clean.
"""

from __future__ import annotations

import itertools
import os

import pytest
import soundfile as sf
from driver import Clip, Outcome, Step, run_session, wait_for
from rig import RoomRecording, recording_streams

from conftest import Live
from greenroom.core.session import Mode, SessionStatus
from greenroom.store import sessions_repo
from support.wer import normalise, word_error_rate

pytestmark = pytest.mark.acceptance

MAX_WER = 0.25
AUDIO_SLACK_S = 1.5

MATRIX = [
    pytest.param(
        mode,
        prep,
        speak,
        id=f"{mode.value}-{'prep0' if prep == 0 else 'ownprep'}-{'voice' if speak else 'novoice'}",
    )
    for mode, prep, speak in itertools.product(
        (Mode.WARM_UP, Mode.TIMED, Mode.ONE_WAY, Mode.DRILL), (0, None), (True, False)
    )
]


def _clips(live: Live, n: int, *, offset: int = 0) -> list[Clip]:
    names = list(live.clips)
    return [live.clips[names[(offset + i) % len(names)]] for i in range(n)]


def _check_saved(live: Live, outcome: Outcome, *, status: SessionStatus) -> None:
    engine = live.running.db.engine
    newest = sessions_repo.list_sessions(engine)[0]
    session = sessions_repo.get_session(engine, newest.id)
    assert session.status is status
    saved = [(a.question_text, a.take) for a in session.answers]
    assert saved == [(q, t) for q, t, _ in outcome.answered], "answers missing or misfiled"
    for answer, (_q, _t, clip) in zip(session.answers, outcome.answered, strict=True):
        wer = word_error_rate([clip.reference], [answer.transcript])
        assert wer <= MAX_WER, (
            f"{clip.name} saved under '{answer.question_text}' reads "
            f"{' '.join(normalise(answer.transcript))!r} (WER {wer:.0%})"
        )
        assert answer.audio_path is not None
        seconds = sf.info(str(live.paths.data / answer.audio_path)).duration
        assert abs(seconds - clip.seconds) <= AUDIO_SLACK_S + 0.8, (clip.name, seconds)


def _nothing_left_recording(live: Live) -> None:
    assert not live.page.recorder.recording
    wait_for(lambda: not recording_streams(os.getpid()), 5, "the recording stream to close")


def _log_is_clean(lines: list[str]) -> None:
    bad = [line for line in lines if " ERROR " in line or "Traceback" in line]
    assert not bad, "\n".join(bad)


def _voice_was_heard(room: RoomRecording, outcome: Outcome) -> None:
    samples = room.stop()
    assert outcome.spoken, "no question was read aloud"
    for spoken in outcome.spoken:
        end = spoken.finished or spoken.started + 5
        heard = room.loud_between(samples, spoken.started - 0.3, end + 0.5)
        assert heard > 0.5, f"'{spoken.text}' was shown but not heard ({heard:.2f} s of sound)"


@pytest.mark.parametrize(("mode", "prep", "speak"), MATRIX)
def test_every_mode_saves_each_answer_under_its_question(
    live: Live, log_lines: list[str], tmp_path, mode: Mode, prep: int | None, speak: bool
) -> None:
    takes = 3 if mode is Mode.DRILL else 2
    steps = [Step("answer", clip) for clip in _clips(live, takes, offset=hash(mode) % 3)]
    room = RoomRecording.start(tmp_path / "room.raw")
    outcome = run_session(live.page, mode=mode, steps=steps, prep=prep, speak=speak)
    assert outcome.reached_summary and not outcome.recording_on_summary
    if speak:
        _voice_was_heard(room, outcome)
    else:
        room.stop()
        assert not outcome.spoken
    _check_saved(live, outcome, status=SessionStatus.COMPLETED)
    _nothing_left_recording(live)
    _log_is_clean(log_lines)
