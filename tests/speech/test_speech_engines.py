"""Text-to-speech, PocketSphinx, the online engine's safeguards and the CLI functions."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest
import soundfile as sf
from speech_helpers import normalise

from greenroom.cli.transcribe import run_transcribe
from greenroom.core.errors import SpeechEngineError
from greenroom.core.transcript import Word
from greenroom.speech import tts
from greenroom.speech.audio import float_to_pcm16, load_audio
from greenroom.speech.checks import doctor_speech
from greenroom.speech.engine import TranscriptionEngine, available_engines, create_engine
from greenroom.speech.google_engine import GoogleEngine
from greenroom.speech.sphinx_engine import SphinxEngine
from greenroom.speech.streaming import StreamingTranscriber, replay
from greenroom.speech.tts import QuestionSpeaker, TextToSpeechUnavailable
from greenroom.speech.whisper_engine import WhisperEngine
from support.audio_data import clip

QUESTION = "Tell me about a time you solved a difficult problem at work."


@pytest.mark.slow
def test_spoken_question_is_transcribed_back(tmp_path: Path, whisper: WhisperEngine) -> None:
    speaker = QuestionSpeaker(voice="gmw/en-us", rate=160)
    wav = speaker.synthesize(QUESTION, tmp_path / "q1.wav")
    assert sf.info(str(wav)).duration > 1.5
    heard = set(normalise(" ".join(w.text for w in whisper.transcribe(load_audio(wav)))))
    wanted = {"tell", "me", "about", "time", "you", "difficult", "problem", "work"}
    assert len(wanted & heard) >= 7, heard


def test_voices_are_listed() -> None:
    voices = QuestionSpeaker().voices()
    assert any(v.languages and v.languages[0].startswith("en") for v in voices)


def test_a_synthesis_that_leaves_an_empty_file_is_retried_with_the_real_voice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whisper: WhisperEngine
) -> None:
    """pyttsx3's espeak driver can say it finished and leave a bare WAV header (a stale end of
    message); the first attempt here does exactly that, the retry is the real synthesizer."""
    real = QuestionSpeaker._synthesize_once
    attempts: list[Path] = []

    def empty_first(self: QuestionSpeaker, text: str, path: Path) -> Path:
        attempts.append(path)
        if len(attempts) == 1:
            path.write_bytes(b"RIFF" + bytes(40))  # what the driver leaves: a header alone
            raise SpeechEngineError("the synthesizer produced no audio", where=str(path))
        return real(self, text, path)

    monkeypatch.setattr(QuestionSpeaker, "_synthesize_once", empty_first)
    wav = QuestionSpeaker(voice="gmw/en-us", rate=160).synthesize(QUESTION, tmp_path / "q.wav")
    assert len(attempts) == 2
    heard = " ".join(w.text for w in whisper.transcribe(load_audio(wav))).lower()
    assert "difficult problem" in heard


def test_speaker_refuses_a_second_thread(tmp_path: Path) -> None:
    speaker = QuestionSpeaker()
    speaker.synthesize("Hello.", tmp_path / "a.wav")
    errors: list[BaseException] = []

    def other() -> None:
        try:
            speaker.synthesize("Hello.", tmp_path / "b.wav")
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert isinstance(errors[0], RuntimeError)


def test_missing_synthesizer_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pyttsx3

    def no_driver(*args: object, **kwargs: object) -> None:
        raise OSError("libespeak.so.1: cannot open shared object file")

    monkeypatch.setattr(pyttsx3, "init", no_driver)
    with pytest.raises(TextToSpeechUnavailable) as info:
        tts.QuestionSpeaker().synthesize("Hi.", tmp_path / "x.wav")
    assert "espeak-ng" in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, SpeechEngineError)


@pytest.mark.slow
def test_pocketsphinx_fallback_gets_some_words_right() -> None:
    engine = SphinxEngine()
    assert isinstance(engine, TranscriptionEngine) and not engine.is_online
    words = engine.transcribe(load_audio(clip("ps_goforward")), offset=5.0)
    assert {"go", "forward", "meters"} & {w.text for w in words}
    assert all(5.0 <= w.start < w.end <= 5.0 + 2.8 for w in words)


def test_google_engine_is_online_and_never_the_default() -> None:
    engine = GoogleEngine()
    assert engine.is_online
    infos = {info.name: info for info in available_engines()}
    assert infos["google"].is_online and not infos["google"].is_default
    if infos["google"].available:
        assert "sends your recordings to Google" in infos["google"].reason
    defaults = [info for info in infos.values() if info.is_default]
    assert [d.name for d in defaults] == ["faster-whisper"] and not defaults[0].is_online


def test_unknown_engine_name() -> None:
    with pytest.raises(SpeechEngineError, match="pocketsphinx"):
        create_engine("vosk")


@pytest.mark.slow
def test_cli_transcribe_prints_json() -> None:
    out = io.StringIO()
    code = run_transcribe(
        clip("praat_bobby"),
        engine_name=None,
        as_json=True,
        out=out,
        err=io.StringIO(),
        model_dir=None,
        models_dir=None,
    )
    assert code == 0
    data = json.loads(out.getvalue())
    assert data["engine"] == "faster-whisper" and data["model"] == "tiny.en"
    assert "ledger" in data["text"].lower() and data["words"][0]["start"] >= 0
    assert data["segments"]


@pytest.mark.slow
@pytest.mark.slow
def test_cli_streaming_prints_what_the_app_transcriber_gives(whisper: WhisperEngine) -> None:
    path = clip("pra_arctic_aew_a0003")
    out = io.StringIO()
    code = run_transcribe(
        path,
        engine_name=None,
        as_json=True,
        streaming=True,
        out=out,
        err=io.StringIO(),
        model_dir=None,
        models_dir=None,
    )
    assert code == 0
    printed = json.loads(out.getvalue())
    # The recorder's transcriber, fed 30 ms polls of int16 PCM as the microphone delivers them.
    stream = StreamingTranscriber(whisper)
    samples = load_audio(path)
    for i in range(0, len(samples), 480):
        stream.feed(float_to_pcm16(samples[i : i + 480]))
    assert printed == stream.finish().to_dict()
    assert "evening" in printed["text"]


def test_realtime_replay_paces_the_audio_as_spoken() -> None:
    class Engine:
        name, model_name, is_online = "fake", "fake-1", False

        def transcribe(self, samples: object, *, offset: float = 0.0) -> list[Word]:
            return []

    now = [0.0]
    fed_over = replay(
        load_audio(clip("praat_mary")),
        Engine(),  # type: ignore[arg-type]
        realtime=True,
        sleep=lambda s: now.__setitem__(0, now[0] + s),
        clock=lambda: now[0],
    )
    # The last 100 ms chunk goes in when the audio before it has been spoken.
    assert fed_over.duration - 0.1 <= now[0] <= fed_over.duration


@pytest.mark.slow
def test_cli_transcribe_text_with_sphinx() -> None:
    out = io.StringIO()
    code = run_transcribe(
        clip("sr_english"),
        engine_name="pocketsphinx",
        as_json=False,
        out=out,
        err=io.StringIO(),
        model_dir=None,
        models_dir=None,
    )
    assert code == 0 and "engine: pocketsphinx" in out.getvalue()


def test_cli_transcribe_reports_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "a.wav"
    bad.write_bytes(b"junk")
    out, err = io.StringIO(), io.StringIO()
    code = run_transcribe(
        bad,
        engine_name="pocketsphinx",
        as_json=False,
        out=out,
        err=err,
        model_dir=None,
        models_dir=None,
    )
    assert code == 1 and out.getvalue() == ""  # the error goes to stderr, never into the output
    assert err.getvalue().startswith("greenroom: ") and str(bad) in err.getvalue()


def test_doctor_reports_every_part(tmp_path: Path) -> None:
    checks = {name: (ok, detail) for name, ok, detail in doctor_speech(model_dir=tmp_path)}
    assert checks["engine faster-whisper"][0] and checks["engine pocketsphinx"][0]
    ok, detail = checks["speech model"]
    # The chosen folder holds no model: the bundled one works, and the doctor says it is not
    # the one chosen (never a silently different model).
    assert not ok and "tiny.en (bundled)" in detail and str(tmp_path) in detail
    checks = {name: (ok, detail) for name, ok, detail in doctor_speech()}
    assert checks["speech model"][0] and "tiny.en (bundled)" in checks["speech model"][1]
    assert checks["espeak-ng"][0] and checks["text-to-speech"][0] and checks["voices"][0]
