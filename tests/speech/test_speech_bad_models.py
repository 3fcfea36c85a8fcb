"""Issue 13: a damaged model folder and a download cut off part way, with the real tiny.en.

A model "downloaded" here is the bundled tiny.en served by a local hub as base.en
(support/model_hub.py; no network), so it loads for real and only its folder says which it is.
What is checked is what the user gets: the engine actually loaded (its folder and name), the
note naming the folder and what to do, and that no half model is ever loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.speech.audio import load_audio
from greenroom.speech.checksums import MANIFEST_NAME
from greenroom.speech.download import ABANDONED_AFTER_S, download_model, remove_partial_downloads
from greenroom.speech.engine import substitute_note
from greenroom.speech.models import bundled_model_folder, model_folder
from greenroom.speech.whisper_engine import WhisperEngine
from support.audio_data import clip
from support.model_hub import FolderHub
from support.paths import REPO

pytestmark = pytest.mark.timeout(120)


def _download(models_dir: Path, name: str = "base.en", hub: FolderHub | None = None) -> Path:
    hub = hub or FolderHub(bundled_model_folder())
    return download_model(name, model_folder(models_dir, name), hub=hub)


def _cut_short(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def _flip_bytes(path: Path) -> None:
    with path.open("r+b") as handle:  # same size, different weights: only a checksum sees it
        handle.seek(path.stat().st_size // 2)
        handle.write(b"\x55\xaa\x55\xaa")


DAMAGE = {
    "model.bin cut short": ("model.bin", _cut_short, "model.bin is"),
    "model.bin damaged in place": ("model.bin", _flip_bytes, "model.bin does not match"),
    "config.json deleted": ("config.json", Path.unlink, "missing config.json"),
    "tokenizer.json deleted": ("tokenizer.json", Path.unlink, "missing tokenizer.json"),
    "vocabulary.txt cut short": ("vocabulary.txt", _cut_short, "vocabulary.txt is"),
}


def test_an_intact_download_is_the_model_loaded(tmp_path: Path) -> None:
    folder = _download(tmp_path / "models")
    assert (folder / MANIFEST_NAME).is_file()  # what the download verified, for later starts
    engine = WhisperEngine.create(models_dir=tmp_path / "models", model_name="base.en")
    assert engine.source is not None and engine.source.path == folder
    assert (engine.model_name, engine.source.source, substitute_note(engine)) == (
        "base.en",
        "cache",
        "",
    )


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_download_falls_back_to_tiny_en_and_says_so(tmp_path: Path, damage: str) -> None:
    models_dir = tmp_path / "models"
    folder = _download(models_dir)
    name, spoil, what = DAMAGE[damage]
    spoil(folder / name)
    engine = WhisperEngine.create(models_dir=models_dir, model_name="base.en")
    # The engine loaded is the bundled tiny.en, from the package's folder...
    assert engine.source is not None and engine.source.path == bundled_model_folder()
    assert (engine.model_name, engine.source.source) == ("tiny.en", "bundled")
    # ...and it says which folder is unusable, why, what to do, and what is used instead.
    note = substitute_note(engine)
    assert note.startswith(f"Your chosen model was not used: {folder}: ")
    assert what in note and "Download base.en again in Settings" in note
    assert note.endswith("Using tiny.en (bundled) instead.")
    heard = engine.transcribe(load_audio(clip("praat_bobby")))
    assert "ledger" in " ".join(w.text for w in heard).lower()  # and it works


def test_a_folder_the_checks_pass_but_ctranslate2_cannot_load_falls_back_too(
    tmp_path: Path,
) -> None:
    """A model downloaded before Greenroom kept checksums (no manifest), cut short since."""
    models_dir = tmp_path / "models"
    folder = _download(models_dir)
    (folder / MANIFEST_NAME).unlink()
    _cut_short(folder / "model.bin")
    engine = WhisperEngine.create(models_dir=models_dir, model_name="base.en")
    assert engine.source is not None and engine.source.path == bundled_model_folder()
    note = substitute_note(engine)
    assert f"{folder}: the model files could not be loaded (RuntimeError: " in note
    assert "Download base.en again in Settings" in note


_KILLED_DOWNLOAD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from greenroom.speech.download import download_model
from greenroom.speech.models import bundled_model_folder
from support.model_hub import FolderHub

def stall(name):
    if name == "tokenizer.json":  # config.json and model.bin are in; the network stalls
        print("stalled", flush=True)
        time.sleep(600)

hub = FolderHub(bundled_model_folder(), on_fetch=stall)
download_model("base.en", Path(sys.argv[1]) / "base.en", hub=hub)
"""


def _kill_a_download(models_dir: Path) -> Path:
    """Start a real download in another process and kill it halfway (as a crash or the user
    ending the process would); returns the temporary folder it left."""
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_DOWNLOAD, str(models_dir), str(REPO / "tests")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "stalled"
    finally:
        child.kill()
        child.wait(30)
    [left] = [p for p in models_dir.iterdir() if p.name.startswith(".base.en.")]
    assert (left / "model.bin").is_file()  # half a model, under a temporary name
    return left


def test_a_download_killed_halfway_is_never_loaded_then_cleared_and_retried(
    app_paths: AppPaths,
) -> None:
    models_dir = app_paths.models
    left = _kill_a_download(models_dir)
    engine = WhisperEngine.create(models_dir=models_dir, model_name="base.en")
    assert engine.source is not None and engine.source.path == bundled_model_folder()
    note = substitute_note(engine)
    assert f"{model_folder(models_dir, 'base.en')}: base.en is not downloaded." in note
    assert "Download it in Settings" in note and note.endswith("Using tiny.en (bundled) instead.")

    open_store(app_paths).engine.dispose()  # a start right away: it may be another Greenroom's
    assert left.is_dir()
    abandoned = time.time() - ABANDONED_AFTER_S - 60
    for path in [left, *left.rglob("*")]:
        os.utime(path, (abandoned, abandoned))
    open_store(app_paths).engine.dispose()  # a later start: nobody has written there for long
    assert list(models_dir.iterdir()) == []

    folder = _download(models_dir)  # the retry
    engine = WhisperEngine.create(models_dir=models_dir, model_name="base.en")
    assert engine.source is not None and engine.source.path == folder
    assert substitute_note(engine) == ""


def test_a_model_swapped_out_when_the_process_died_is_put_back(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    folder = _download(models_dir)
    folder.rename(models_dir / ".base.en.old")  # killed between the two renames of _install
    assert remove_partial_downloads(models_dir) == []
    assert [p.name for p in models_dir.iterdir()] == ["base.en"]
    engine = WhisperEngine.create(models_dir=models_dir, model_name="base.en")
    assert engine.source is not None and engine.source.path == folder
