"""Download a larger faster-whisper model into Greenroom's model cache, never leaving half of one.

Files go to a temporary folder next to the destination; only a complete, checked folder is
renamed to ``dest``. Cancelling or a network error removes the temporary folder, so the model
resolver never sees a partial model under the real name.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from greenroom.core.errors import SpeechEngineError
from greenroom.speech.models import check_model_folder

DOWNLOADABLE = {
    "base.en": "Systran/faster-whisper-base.en",
    "small.en": "Systran/faster-whisper-small.en",
    "distil-small.en": "Systran/faster-distil-whisper-small.en",
}
FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt")

ProgressCallback = Callable[[str, int, int], None]  # (file name, index, file count)
CancelCheck = Callable[[], bool]
# Fetches one file of a hub repository into a folder and returns its local path.
Fetcher = Callable[[str, str, Path], Path]


class DownloadCancelled(SpeechEngineError):
    """The user cancelled a model download; nothing was installed."""


def hub_fetcher(repo_id: str, filename: str, folder: Path) -> Path:
    """Fetch one file with huggingface_hub (installed with faster-whisper).

    Raises:
        SpeechEngineError: The hub cannot be reached or the file does not exist.
    """
    try:
        from huggingface_hub import hf_hub_download
    except ImportError as exc:  # pragma: no cover - faster-whisper depends on it
        raise SpeechEngineError(
            "huggingface_hub is not installed",
            where="model download",
            fix="Run `pip install huggingface_hub`",
        ) from exc
    try:
        return Path(hf_hub_download(repo_id, filename, local_dir=str(folder)))
    except Exception as exc:  # the hub raises many unrelated network/HTTP types
        raise SpeechEngineError(
            f"could not download {filename} from {repo_id} ({exc})",
            where="model download",
            fix="Check the internet connection and try again",
        ) from exc


def download_model(
    name: str,
    dest: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    fetcher: Fetcher = hub_fetcher,
) -> Path:
    """Download model ``name`` into ``dest`` atomically.

    Args:
        name: One of ``DOWNLOADABLE`` (base.en, small.en, distil-small.en).
        dest: Final folder, normally ``<cache>/models/<name>``; replaced only when complete.
        progress: Called before each file with (file name, index, count).
        cancel: Polled between files; returning True stops the download.
        fetcher: Injectable for tests; defaults to huggingface_hub.

    Returns:
        ``dest``.

    Raises:
        DownloadCancelled: ``cancel`` returned True; ``dest`` is untouched.
        SpeechEngineError: Unknown name, network failure or an incomplete download.
    """
    repo = DOWNLOADABLE.get(name)
    if repo is None:
        raise SpeechEngineError(
            f"unknown model '{name}'",
            where="model download",
            fix=f"Choose one of {', '.join(DOWNLOADABLE)}",
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent))
    try:
        for index, filename in enumerate(FILES):
            if cancel is not None and cancel():
                raise DownloadCancelled(
                    "the download was cancelled",
                    where=name,
                    fix="Start it again when you are ready",
                )
            if progress is not None:
                progress(filename, index, len(FILES))
            fetcher(repo, filename, tmp)
        check_model_folder(tmp)
        if dest.exists():
            # Keep the old model until the new one is complete; then swap it out.
            old = dest.with_name(f".{dest.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            dest.rename(old)
            tmp.rename(dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest
