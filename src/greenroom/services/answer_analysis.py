"""One answer measured with everything Greenroom has: the transcript's metrics, content relevance
by meaning and the voice measures from the recording. Used by the practice room and the CLI.

analysis stays pure (no numpy, no models): this module loads the sentence-meaning model
(greenroom.meaning, once per process) and tracks the recording's pitch and loudness
(greenroom.voice), and hands both to analysis.analyze_answer. A model or a recording that cannot
be used leaves its figures out with a note; it never stops the answer from being measured.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from greenroom.analysis.metrics import AnswerMetrics, analyze_answer
from greenroom.analysis.relevance import Topic
from greenroom.analysis.structure import expects_star
from greenroom.banks.loader import load_bank_file
from greenroom.core.bank import Question
from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import Transcript
from greenroom.core.voice import VoiceTrack
from greenroom.meaning import MeaningModel, shared_model

log = logging.getLogger(__name__)


def topic_of(question: Question) -> Topic:
    """What the question asks, as the on-topic check reads it."""
    return Topic(question.text, tuple(question.key_points), question.tips)


def star_and_length(question: Question) -> tuple[bool, float]:
    """How answers to a bank question are judged: on STAR or not (by its category or wording)
    and the answer time their length is rated against (the practice room's and the CLI's)."""
    return expects_star(question.category, question.text), float(question.answer_seconds)


@cache
def interview_background() -> tuple[str, ...]:
    """Descriptions of every built-in bank question: "interview questions in general"."""
    folder = Path(str(resources.files("greenroom.question_banks")))
    out: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            bank = load_bank_file(path).bank
        except GreenroomError:  # a damaged install: judge against the banks that load
            log.warning("built-in bank %s could not be read for the on-topic check", path.name)
            continue
        out.extend(topic_of(q).description() for q in bank.questions)
    return tuple(out)


def meaning_model() -> MeaningModel | None:
    """The process's sentence-meaning model, loaded; None (logged) if it cannot load."""
    model = shared_model()
    try:
        model.load()
    except GreenroomError as exc:
        log.warning("on-topic check unavailable: %s", exc)
        return None
    return model


def voice_track(audio: Path | str) -> VoiceTrack:
    """The recording's pitch and loudness track (imported here: numpy and onnxruntime load
    only when a recording is measured).

    Raises:
        AudioError: The file cannot be read.
        VoiceUnavailable: The pitch tracker cannot be loaded.
    """
    from greenroom.voice import track_file

    return track_file(audio)


def analyze_full(
    transcript: Transcript,
    *,
    answer_limit: float | None,
    question: Topic | None = None,
    key_point_synonyms: Mapping[str, Sequence[str]] | None = None,
    job_description: str | None = None,
    audio: Path | str | None = None,
    voice: VoiceTrack | None = None,
    star_expected: bool = True,
    length_target: float | None = None,
) -> AnswerMetrics:
    """Measure an answer with relevance by meaning and, given its recording, the voice.

    Args:
        transcript: The answer's transcript.
        answer_limit: Its time limit in seconds, None for none.
        question: The question asked; its key points are matched and staying on it is judged.
        key_point_synonyms: Synonyms that also count for a key point.
        job_description: A pasted job description.
        audio: The recording; unreadable audio is logged and leaves the voice out.
        voice: An already measured voice track (instead of ``audio``).
        star_expected: Whether the question is judged on STAR (structure.expects_star).
        length_target: The question's own answer time, for the answer length band.
    """
    if voice is None and audio is not None:
        try:
            voice = voice_track(audio)
        except GreenroomError as exc:
            log.warning("voice not measured: %s", exc)
    judged = question is not None and bool(question.question.strip()) and bool(transcript.words)
    model = meaning_model() if judged else None
    return analyze_answer(
        transcript,
        answer_limit=answer_limit,
        key_points=question.key_points if question else (),
        key_point_synonyms=key_point_synonyms,
        job_description=job_description,
        question=question,
        meaning=model,
        background=interview_background() if model else (),
        voice=voice,
        star_expected=star_expected,
        length_target=length_target,
    )


def analyze_recorded_answer(
    transcript: Transcript,
    question: Question,
    *,
    answer_limit: float | None,
    job_description: str | None,
    audio: Path | str | None,
    voice: VoiceTrack | None = None,
) -> AnswerMetrics:
    """The practice room's call: a bank question and the saved recording (None if typed), with
    the voice tracked while it was recorded (None: it is measured from ``audio``)."""
    star_expected, length_target = star_and_length(question)
    return analyze_full(
        transcript,
        answer_limit=answer_limit,
        question=topic_of(question),
        job_description=job_description,
        audio=audio,
        voice=voice,
        star_expected=star_expected,
        length_target=length_target,
    )


def load_before_answers() -> None:
    """Load what holds the GIL too long to load while an answer is recorded: the meaning
    model's tokenizer (`Tokenizer.from_file` parses a 9 MB file in one call, 65-96 ms here,
    176 ms beside the speech model's load; the live words and level meter stand still). The
    practice room's speech model is ready only after this (a load under way is waited for).
    """
    meaning_model()
    gc.freeze()  # what both loads made lives as long as the app (see _load_feedback_models)


def warm_up() -> None:
    """Load the meaning model, embed the interview background and load the pitch tracker now.

    The first answer otherwise pays for it (about a second here). Safe to call from worker
    threads at any time; the work is done once per process, and a call made while it is
    under way waits for it rather than doing it again.
    """
    with _WARM_UP_LOCK:
        _load_feedback_models()


_WARM_UP_LOCK = threading.Lock()


@cache
def _load_feedback_models() -> None:
    # What is loaded by now (modules, models, the window) lives as long as the app: it is
    # frozen out of the collector's way, before and after these loads. Left in, a full
    # collection walks it all while holding the GIL: one took 124-141 ms in the first answer,
    # on a worker thread, and the GUI thread (timer, live words) stood still for 136-148 ms
    # (benchmarks/ui.py). Frozen, later collections walk only what was made since. Once per
    # process, so what it freezes stays bounded.
    gc.freeze()
    model = meaning_model()
    if model is not None:
        model.embed(list(interview_background()))
    try:
        import numpy as np

        from greenroom.voice.tracker import track_samples

        track_samples(np.zeros(16_000, dtype=np.float32))
    except GreenroomError as exc:
        log.warning("voice measures unavailable: %s", exc)
    gc.freeze()
