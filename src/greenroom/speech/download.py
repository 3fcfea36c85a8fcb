"""Download a larger faster-whisper model into Greenroom's model folder, never leaving half of one.

Each model is pinned to one commit of its Hugging Face repository, so the files can never
change under a given Greenroom version. Before downloading, the hub is asked for that commit's
file list: the size and checksum of each file (the SHA-256 of large, LFS-stored files such as
model.bin; the git blob hash of small ones). Both are part of the pinned commit, and every
downloaded file is checked against them, so a file cut short, damaged in transfer or served
from a stale cache is caught; the checked sizes and sums stay in the folder
(``checksums.MANIFEST_NAME``) so every later start can check it again. Files go to a temporary
folder next to the destination; only a complete, checked folder is renamed to ``dest``.
Cancelling or any error removes the temporary folder, so the model resolver never sees a partial
model under the real name. A download killed outright leaves its temporary folder behind:
``remove_partial_downloads`` deletes it at a later start.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from greenroom.core.errors import SpeechEngineError
from greenroom.speech.checksums import FileDigest, file_digest_matches, write_manifest
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
PARTIAL_SUFFIX = ".part"
# A temporary download folder nobody has written to for this long was abandoned (the process
# was killed); a newer one may be another Greenroom downloading right now. A live download
# writes every few seconds and gives up after the hub's 10 s read timeout.
ABANDONED_AFTER_S = 600.0

ProgressCallback = Callable[[str, int, int], None]  # (file name, index, file count)
CancelCheck = Callable[[], bool]


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
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=PARTIAL_SUFFIX, dir=dest.parent))
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
        check_model_folder(tmp, fix="Download it again; nothing was installed")
        write_manifest(tmp, {f: digests[f] for f in FILES}, origin=f"{model.repo}@{model.revision}")
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


def _old_copy(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.old")


def _install(tmp: Path, dest: Path) -> None:
    if dest.exists():
        # Keep the old model until the new one is complete; then swap it out.
        old = _old_copy(dest)
        shutil.rmtree(old, ignore_errors=True)
        dest.rename(old)
        tmp.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(dest)


def remove_partial_downloads(
    models_dir: Path, *, abandoned_after_s: float = ABANDONED_AFTER_S
) -> list[Path]:
    """Clear what downloads killed part way left in Greenroom's model folder (at start-up).

    A temporary ``.<name>.<random>.part`` folder is deleted once nothing has been written in it
    for ``abandoned_after_s`` seconds (until then it is ignored: the resolver only ever loads
    ``<name>``). A ``.<name>.old`` copy, left when a download was killed while swapping a new
    model in, is put back if ``<name>`` is missing, and deleted otherwise.

    Returns:
        The folders deleted.
    """
    if not models_dir.is_dir():
        return []
    removed: list[Path] = []
    now = time.time()
    for leftover in models_dir.glob(f".*{PARTIAL_SUFFIX}"):
        if leftover.is_dir() and now - _last_written(leftover) >= abandoned_after_s:
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    for old in models_dir.glob(".*.old"):
        dest = models_dir / old.name[1 : -len(".old")]
        if not dest.exists():
            with contextlib.suppress(OSError):
                old.rename(dest)
                continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def _last_written(folder: Path) -> float:
    """The newest modification time of ``folder`` and everything in it."""
    times = [folder.stat().st_mtime]
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            times.append(path.stat().st_mtime)
    return max(times)
