"""The real microphone, voice, speech model and clock the app runs with (tests use fakes)."""

from __future__ import annotations

from greenroom.core.clock import SystemClock
from greenroom.services.answer_analysis import load_before_answers
from greenroom.ui.audio.capture import Microphone
from greenroom.ui.context import AppContext
from greenroom.ui.practice.practice_page import PracticeServices
from greenroom.ui.question_voice import QuestionVoice
from greenroom.ui.speech_model import SpeechModel


def real_services(ctx: AppContext) -> PracticeServices:
    return PracticeServices(
        microphone=Microphone(),
        voice=QuestionVoice(ctx.paths.cache),
        model=SpeechModel(ctx.tasks, ctx.paths.models, load_before_ready=load_before_answers),
        clock=SystemClock(),
    )


def shutdown(services: PracticeServices) -> None:
    for part in (services.microphone, services.voice):
        stop = getattr(part, "shutdown", None)
        if callable(stop):
            stop()
