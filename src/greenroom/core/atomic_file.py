"""Replace a file atomically and durably: whoever reads it sees the old file or the new one.

The one way Greenroom writes a file it keeps (settings, exported banks and history, recorded
answers): write a temporary file beside the target (the same folder, so the rename never crosses
file systems), flush it and ``fsync`` it, rename it over the target, then ``fsync`` the folder so
that the rename itself survives a power cut. If anything fails, the temporary file is removed and
the ``OSError`` (or whatever the writer raised) propagates: each caller turns it into the message
it shows. A crash can only leave a temporary ``.<name>.<random>.part`` file, which
``remove_partial_files`` sweeps at the next start.

Standard library only, so start-up can sweep without loading numpy or soundfile.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PARTIAL_SUFFIX = ".part"


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` when the block ends.

    Args:
        path: The file to create or replace. Its folder must exist.

    Yields:
        The temporary file (created empty) for the caller to write, by name or opened.

    Raises:
        OSError: The file could not be created, synced or renamed; nothing changed at ``path``.
    """
    tmp = _new_temporary(path)
    try:
        yield tmp
        with open(tmp, "rb+") as written:  # a writer that wrote by name left nothing open
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(path.parent)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 (newlines as given) to ``path`` with ``replacing``."""
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def remove_partial_files(folder: Path, *, recursive: bool = True) -> int:
    """Delete the temporary files a crash left in ``folder`` (and below); returns how many.

    Only call this when nothing is being written there (at start-up): it removes every
    ``.<name>.*.part`` file, never a file under its real name, and never follows a link.
    """
    removed = 0
    if not folder.is_dir():
        return 0
    pattern = f".*{PARTIAL_SUFFIX}"
    for leftover in folder.rglob(pattern) if recursive else folder.glob(pattern):
        if leftover.is_file() and not leftover.is_symlink():
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed


def _new_temporary(path: Path) -> Path:
    # Not tempfile.mkstemp: its files are private (0600), and an exported bank or history file
    # should get the permissions any new file of the user's gets (0666 less their umask).
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {path}")


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        # The file is already in place: a file system that cannot sync a folder (some network
        # and FUSE ones) must not turn a saved file into a reported failure.
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
