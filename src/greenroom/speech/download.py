"""Download a larger faster-whisper model into Greenroom's model folder, never leaving half of one.

Each model is pinned to one commit of its Hugging Face repository, so the files can never
change under a given Greenroom version. Before downloading, the hub is asked for that commit's
file list: the size and checksum of each file (the SHA-256 of large, LFS-stored files such as
model.bin; the git blob hash of small ones). Both are part of the pinned commit, and every
downloaded file is checked against them, so a file cut short, damaged in transfer or served
from a stale cache is caught. Files go to a temporary folder next to the destination; only a
complete, checked folder is renamed to ``dest``. Cancelling or any error removes the temporary
folder, so the model resolver never sees a partial model under the real name.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from greenroom.core.errors import SpeechEngineError
from greenroom.speech.models import check_model_folder


@dataclass(frozen=True, slots=True)
class HubModel:
    """Where a model comes from: a hub repository at one fixed commit."""

    repo: str
    revision: str  # a full commit hash, never a branch


# Commits checked on 2026-12-02 (the repositories' latest; only README changes since the
# weights were uploaded). distil-small.en is not offered: no commit of it could be pinned.
DOWNLOADABLE = {
    "base.en": HubModel(
        "Systran/faster-whisper-base.en", "3d3d5dee26484f91867d81cb899cfcf72b96be6c"
    ),
    "small.en": HubModel(
        "Systran/faster-whisper-small.en", "d1d751a5f8271d482d14ca55d9e2deeebbae577f"
    ),
}
FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt")

ProgressCallback = Callable[[str, int, int], None]  # (file name, index, file count)
CancelCheck = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class FileDigest:
    """What a file of the pinned commit must be: its size and one checksum."""

    size: int
    sha256: str | None = None  # LFS files: the SHA-256 of the content
    git_sha1: str | None = None  # other files: the git blob id


class Hub(Protocol):
    """The model hub (the real one is ``HuggingFaceHub``; tests pass a local stand-in)."""

    def digests(self, model: HubModel, files: Iterable[str]) -> dict[str, FileDigest]:
        """Size and checksum of each file at the pinned commit."""
        ...

    def fetch(self, model: HubModel, filename: str, folder: Path) -> Path:
        """Download one file of the pinned commit into ``folder``; return its path."""
        ...


class DownloadCancelled(SpeechEngineError):
    """The user cancelled a model download; nothing was installed."""


def _hub_error(what: str, exc: Exception) -> SpeechEngineError:
    return SpeechEngineError(
        f"{what} ({type(exc).__name__}: {exc})",
        where="model download",
        fix="Check the internet connection and try again; the installed model keeps working",
    )


class HuggingFaceHub:
    """The Hugging Face hub through ``huggingface_hub``."""

    def digests(self, model: HubModel, files: Iterable[str]) -> dict[str, FileDigest]:
        from huggingface_hub import HfApi
        from huggingface_hub.hf_api import RepoFile

        try:
            infos = HfApi().get_paths_info(model.repo, list(files), revision=model.revision)
        except Exception as exc:  # the hub raises many unrelated network/HTTP types
            raise _hub_error(f"could not reach {model.repo}", exc) from exc
        found: dict[str, FileDigest] = {}
        for info in infos:
            if isinstance(info, RepoFile):
                if info.lfs is not None:
                    found[info.path] = FileDigest(info.lfs.size, sha256=info.lfs.sha256)
                else:
                    found[info.path] = FileDigest(info.size, git_sha1=info.blob_id)
        return found

    def fetch(self, model: HubModel, filename: str, folder: Path) -> Path:
        from huggingface_hub import hf_hub_download

        try:
            path = hf_hub_download(
                model.repo, filename, revision=model.revision, local_dir=str(folder)
            )
        except Exception as exc:  # the hub raises many unrelated network/HTTP types
            raise _hub_error(f"could not download {filename} from {model.repo}", exc) from exc
        return Path(str(path))


def file_digest_matches(path: Path, expected: FileDigest) -> bool:
    """True when ``path`` has the expected size and checksum."""
    size = path.stat().st_size
    if size != expected.size:
        return False
    digest = hashlib.sha256() if expected.sha256 else hashlib.sha1(usedforsecurity=False)
    if expected.git_sha1:
        digest.update(f"blob {size}\0".encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == (expected.sha256 or expected.git_sha1)


def download_model(
    name: str,
    dest: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    hub: Hub | None = None,
) -> Path:
    """Download model ``name`` into ``dest`` atomically, every file checked.

    Args:
        name: One of ``DOWNLOADABLE`` (base.en, small.en).
        dest: Final folder, ``models.model_folder(<cache>/models, name)``; replaced only when
            complete and checked.
        progress: Called before each file with (file name, index, count).
        cancel: Polled between files; returning True stops the download.
        hub: Where the files come from; the Hugging Face hub unless a test passes another.

    Returns:
        ``dest``.

    Raises:
        DownloadCancelled: ``cancel`` returned True; ``dest`` is untouched.
        SpeechEngineError: Unknown name, network failure, a file that does not match its
            checksum (a download cut short or damaged), or an incomplete model.
    """
    model = DOWNLOADABLE.get(name)
    if model is None:
        raise SpeechEngineError(
            f"unknown model '{name}'",
            where="model download",
            fix=f"Choose one of {', '.join(DOWNLOADABLE)}",
        )
    hub = hub or HuggingFaceHub()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent))
    try:
        digests = hub.digests(model, FILES)
        for index, filename in enumerate(FILES):
            if cancel is not None and cancel():
                raise DownloadCancelled(
                    "the download was cancelled",
                    where=name,
                    fix="Start it again when you are ready",
                )
            if progress is not None:
                progress(filename, index, len(FILES))
            _check_file(hub.fetch(model, filename, tmp), digests.get(filename), model)
        check_model_folder(tmp)
        _install(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def _check_file(path: Path, expected: FileDigest | None, model: HubModel) -> None:
    where = f"{model.repo}@{model.revision[:7]}"
    if expected is None:
        raise SpeechEngineError(
            f"{path.name} is not listed in the pinned commit",
            where=where,
            fix="Update Greenroom; this model cannot be checked",
        )
    if not path.is_file() or not file_digest_matches(path, expected):
        raise SpeechEngineError(
            f"{path.name} does not match its checksum (the download was cut short or damaged)",
            where=where,
            fix="Download it again; nothing was installed",
        )


def _install(tmp: Path, dest: Path) -> None:
    if dest.exists():
        # Keep the old model until the new one is complete; then swap it out.
        old = dest.with_name(f".{dest.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        dest.rename(old)
        tmp.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(dest)
