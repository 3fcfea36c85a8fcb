"""Checksums of model files: what a download verified, recorded so every later start can check.

A download checks each file against the size and checksum of its pinned hub commit and writes
them into the model folder (``MANIFEST_NAME``). The resolver compares the folder with that
record before loading it, so a file cut short, damaged or deleted since is reported by name
instead of being fed to CTranslate2 (which may load a damaged model.bin and transcribe with it).
SHA-256 sums of large files are cached next to them, keyed on size and modification time
(``STAMP_NAME``), so an unchanged 480 MB model.bin is hashed once, not at every start.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from greenroom.core.errors import SpeechEngineError

# Written next to a verified model.bin; lets start-up skip rehashing 75+ MB when unchanged.
STAMP_NAME = ".greenroom-verified.json"
# Written into a downloaded model folder: each file's size and checksum at download time.
MANIFEST_NAME = ".greenroom-download.json"


@dataclass(frozen=True, slots=True)
class FileDigest:
    """What a file must be: its size and one checksum."""

    size: int
    sha256: str | None = None  # large (LFS) files: the SHA-256 of the content
    git_sha1: str | None = None  # other files: the git blob id


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, cached in a stamp file keyed on its size and modification time.

    A stamp that cannot be written (read-only site-packages) only costs a rehash next time.
    """
    stat = path.stat()
    key = {"name": path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    stamp = path.with_name(STAMP_NAME)
    try:
        cached = json.loads(stamp.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and all(cached.get(k) == v for k, v in key.items()):
            return str(cached["sha256"])
    except (OSError, ValueError, KeyError):
        pass
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    value = digest.hexdigest()
    with contextlib.suppress(OSError):
        stamp.write_text(json.dumps({**key, "sha256": value}), encoding="utf-8")
    return value


def file_digest_matches(path: Path, expected: FileDigest) -> bool:
    """True when ``path`` has the expected size and checksum."""
    size = path.stat().st_size
    if size != expected.size:
        return False
    if expected.sha256:
        return file_sha256(path) == expected.sha256
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"blob {size}\0".encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == expected.git_sha1


def write_manifest(folder: Path, digests: Mapping[str, FileDigest], *, origin: str) -> None:
    """Record in ``folder`` the size and checksum each file was verified against."""
    files = {name: asdict(digest) for name, digest in sorted(digests.items())}
    text = json.dumps({"origin": origin, "files": files}, indent=2)
    (folder / MANIFEST_NAME).write_text(text, encoding="utf-8")


def check_manifest(folder: Path, *, fix: str, hashes: bool = True) -> None:
    """Check ``folder`` against the manifest its download wrote (no manifest: nothing to check).

    Args:
        folder: A downloaded model folder.
        fix: What the user should do, for the error.
        hashes: False checks sizes only (cheap enough for the GUI thread).

    Raises:
        SpeechEngineError: A recorded file is missing, has another size, or another checksum.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return  # downloaded before Greenroom recorded checksums: the file checks still apply
    where = str(folder)
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        recorded = {name: FileDigest(**fields) for name, fields in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SpeechEngineError(
            f"{MANIFEST_NAME} is unreadable ({exc})", where=where, fix=fix
        ) from exc
    for name, digest in recorded.items():
        file = folder / name
        if not file.is_file():
            raise SpeechEngineError(f"{name} is missing", where=where, fix=fix)
        size = file.stat().st_size
        if size != digest.size:
            raise SpeechEngineError(
                f"{name} is {size} bytes but {digest.size} were downloaded (cut short or damaged)",
                where=where,
                fix=fix,
            )
        if hashes and not file_digest_matches(file, digest):
            raise SpeechEngineError(
                f"{name} does not match the checksum it was downloaded with (damaged)",
                where=where,
                fix=fix,
            )
