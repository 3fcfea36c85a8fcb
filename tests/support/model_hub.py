"""A model hub that serves a local folder, for download tests (the real hub needs a network).

It answers like the Hugging Face hub: each file's size and checksum at the pinned commit
(SHA-256 for model.bin, which the hub stores in LFS; the git blob id for the small files), then
the files themselves. It can fail, cut a file short, or run a callback before a file, so the
tests can interrupt a download in each way a user meets.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from greenroom.core.errors import SpeechEngineError
from greenroom.speech.checksums import FileDigest
from greenroom.speech.download import HubModel


class FolderHub:
    def __init__(
        self,
        folder: Path,
        *,
        fail_on: str = "",
        truncate: str = "",
        on_fetch: Callable[[str], None] = lambda name: None,
    ) -> None:
        self.folder, self.fail_on, self.truncate, self.on_fetch = (
            folder,
            fail_on,
            truncate,
            on_fetch,
        )
        self.asked: list[tuple[str, str]] = []  # (repo, revision) of every request

    def digests(self, model: HubModel, files: Iterable[str]) -> dict[str, FileDigest]:
        self.asked.append((model.repo, model.revision))
        found = {}
        for name in files:
            data = (self.folder / name).read_bytes()
            if name == "model.bin":
                found[name] = FileDigest(len(data), sha256=hashlib.sha256(data).hexdigest())
            else:
                blob = f"blob {len(data)}\0".encode() + data
                found[name] = FileDigest(len(data), git_sha1=hashlib.sha1(blob).hexdigest())
        return found

    def fetch(self, model: HubModel, filename: str, folder: Path) -> Path:
        self.asked.append((model.repo, model.revision))
        self.on_fetch(filename)
        if filename == self.fail_on:
            raise SpeechEngineError("network down", where="test hub")
        target = folder / filename
        shutil.copyfile(self.folder / filename, target)
        if filename == self.truncate:  # the connection dropped halfway through this file
            with target.open("r+b") as handle:
                handle.truncate(target.stat().st_size // 2)
        return target
