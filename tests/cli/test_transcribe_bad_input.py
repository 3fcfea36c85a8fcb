"""Issue 13 through `greenroom transcribe FILE [--streaming] [--json]`: what the user sees.

The transcript goes to stdout; messages go to stderr (so ``--json`` can be piped): "No speech
was heard", a warning naming a model folder that cannot be used and the model used instead, and
progress lines for a long file. Files are built from the recorded clips into tmp_path.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from greenroom.cli import main
from greenroom.paths import AppPaths
from greenroom.settings import Settings, save_settings
from greenroom.speech.download import download_model
from greenroom.speech.models import bundled_model_folder, model_folder
from support.audio_data import clip
from support.bad_input import long_recording, one_word, silent_file, write_variant
from support.model_hub import FolderHub
from support.wer import edit_distance, normalise, word_error_rate

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]
MODES = {"whole file": [], "streaming": ["--streaming"]}


def transcribe(paths: AppPaths, audio: Path, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--data-dir", str(paths.data), "transcribe", str(audio), *options], out=out, err=err
    )
    return code, out.getvalue(), err.getvalue()


def words_printed(out: str) -> str:
    """The transcript line of the text output (after the engine and duration lines)."""
    return out.split("\n\n")[1]


@pytest.mark.parametrize("mode", MODES)
def test_silence_only_is_an_empty_transcript_and_a_plain_message(
    app_paths: AppPaths, tmp_path: Path, mode: str
) -> None:
    silent = silent_file(tmp_path, 20.0, noise_dbfs=-50.0)
    code, out, err = transcribe(app_paths, silent, *MODES[mode])
    assert code == 0
    assert "duration: 20.00 s, words: 0" in out
    assert err == f"No speech was heard in {silent}.\n"
    code, out, err = transcribe(app_paths, silent, *MODES[mode], "--json")
    assert code == 0 and json.loads(out)["words"] == []  # stdout stays valid JSON
    assert err == f"No speech was heard in {silent}.\n"


@pytest.mark.parametrize("mode", MODES)
def test_one_word_prints_that_word_alone(app_paths: AppPaths, tmp_path: Path, mode: str) -> None:
    code, out, err = transcribe(app_paths, one_word(tmp_path, "two"), *MODES[mode])
    assert code == 0 and err == ""
    assert normalise(words_printed(out)) == ["two"], out


@pytest.mark.parametrize(
    "variant",
    [{"rate": 8000}, {"rate": 48_000, "stereo": "same"}, {"rate": 44_100, "stereo": "inverted"}],
    ids=["8 kHz", "48 kHz stereo", "44.1 kHz stereo, one channel inverted"],
)
def test_another_rate_or_stereo_prints_the_words_of_the_16k_mono_file(
    app_paths: AppPaths, tmp_path: Path, variant: dict[str, object]
) -> None:
    name = "ps_librivox_0870"
    _, mono, _ = transcribe(app_paths, clip(name), "--json")
    code, other, err = transcribe(app_paths, write_variant(tmp_path, name, **variant), "--json")  # type: ignore[arg-type]
    assert code == 0 and err == ""
    want, got = json.loads(mono), json.loads(other)
    assert edit_distance(normalise(want["text"]), normalise(got["text"])) <= 1, (want, got)
    assert abs(got["duration"] - want["duration"]) < 0.01


def _choose_base_en(paths: AppPaths) -> Path:
    save_settings(paths.settings_file, Settings(speech_model="base.en"))
    return model_folder(paths.models, "base.en")


def test_a_damaged_downloaded_model_is_named_and_tiny_en_is_used_and_said(
    app_paths: AppPaths,
) -> None:
    folder = _choose_base_en(app_paths)
    download_model("base.en", folder, hub=FolderHub(bundled_model_folder()))
    with (folder / "model.bin").open("r+b") as handle:
        handle.truncate(1000)  # the disk filled up, or a copy was cut off
    code, out, err = transcribe(app_paths, clip("praat_bobby"))
    assert code == 0
    assert out.startswith("engine: faster-whisper (tiny.en)\n")  # the model that did the work
    assert "ledger" in words_printed(out).lower()
    [warning] = err.splitlines()
    assert warning.startswith(f"greenroom: warning: Your chosen model was not used: {folder}: ")
    assert "model.bin is 1000 bytes" in warning
    assert "Download base.en again in Settings" in warning
    assert warning.endswith("Using tiny.en (bundled) instead.")
    _, as_json, _ = transcribe(app_paths, clip("praat_bobby"), "--json")
    assert json.loads(as_json)["model"] == "tiny.en"


def test_a_download_left_half_written_is_ignored_and_said_to_be_missing(
    app_paths: AppPaths,
) -> None:
    folder = _choose_base_en(app_paths)
    half = folder.with_name(".base.en.k3x9.part")  # what a killed download leaves
    half.mkdir(parents=True)
    (half / "config.json").write_bytes((bundled_model_folder() / "config.json").read_bytes())
    (half / "model.bin").write_bytes((bundled_model_folder() / "model.bin").read_bytes()[:5000])
    code, out, err = transcribe(app_paths, clip("praat_bobby"))
    assert code == 0 and out.startswith("engine: faster-whisper (tiny.en)\n")
    assert err == (
        f"greenroom: warning: Your chosen model was not used: {folder}: base.en is not "
        "downloaded. Download it in Settings. Using tiny.en (bundled) instead.\n"
    )


@pytest.mark.parametrize("mode", MODES)
def test_a_long_file_shows_progress_on_stderr_and_only_the_transcript_on_stdout(
    app_paths: AppPaths, tmp_path: Path, mode: str
) -> None:
    path, ref, _ = long_recording(tmp_path, 150.0)
    code, out, err = transcribe(app_paths, path, *MODES[mode], "--json")
    assert code == 0
    transcript = json.loads(out)
    assert word_error_rate([ref], [transcript["text"]]) < 0.12
    lines = err.splitlines()
    total = f"{int(transcript['duration']) // 60}:{int(transcript['duration']) % 60:02d}"
    assert lines[0] == f"transcribing {path.name}: 0% (0:00 of {total})"
    assert lines[-1] == f"transcribing {path.name}: 100% ({total} of {total})"
    percents = [int(line.split(": ")[1].split("%")[0]) for line in lines]
    assert percents == sorted(set(percents)) and len(percents) >= 5
