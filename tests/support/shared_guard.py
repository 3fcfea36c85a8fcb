"""Fail any test that reads the shared benchmark folder (../shared beside the repository).

Tests must pass in a clone with nothing beside it: what they need is in tests/data. CI still
lays ../shared beside its clone, so a test that quietly read it would pass there and fail for a
new contributor. tests/conftest.py installs this guard for the whole session:

- an audit hook (PEP 578) sees what Python itself opens or lists: ``open``, ``os.open``,
  ``os.listdir``, ``os.scandir`` (``Path.iterdir``, ``Path.glob``), ``glob.glob``, and the
  command lines of subprocesses (``paplay FILE``);
- soundfile opens files in C by name, out of the hook's sight, so ``SoundFile`` is wrapped.

A read under a forbidden folder raises ``SharedDataRead`` where it happens and is recorded, so
a test that swallows the exception still fails (``check_test`` runs after each test).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from support.paths import REPO


class SharedDataRead(AssertionError):
    """A test touched the shared benchmark folder."""


_roots: tuple[str, ...] = ()
_touched: list[str] = []
# audit event -> index of the path among its arguments ("open" is also raised by os.open)
_AUDITED = {"open": 0, "os.listdir": 0, "os.scandir": 0, "glob.glob": 0, "glob.glob/2": 0}


def forbidden_roots() -> list[Path]:
    """../shared beside the repository, and $GREENROOM_EVAL_DIR when it is set."""
    roots = [REPO.parent / "shared"]
    if os.environ.get("GREENROOM_EVAL_DIR"):
        roots.append(Path(os.environ["GREENROOM_EVAL_DIR"]))
    return roots


def _forms(root: Path) -> set[str]:
    return {os.path.abspath(root), os.path.realpath(root)}


def _check(target: Any) -> None:
    if not _roots or isinstance(target, int) or target is None:
        return
    try:
        path = os.path.abspath(os.fsdecode(target))
    except TypeError:
        return
    for root in _roots:
        if path == root or path.startswith(root + os.sep):
            _touched.append(path)
            raise SharedDataRead(
                f"a test read {path}, in the shared benchmark folder: tests must use "
                "tests/data (support.audio_data), which a fresh clone has"
            )


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in _AUDITED and args:
        _check(args[_AUDITED[event]])
    elif event == "subprocess.Popen" and len(args) > 1 and isinstance(args[1], list | tuple):
        for arg in args[1]:
            if isinstance(arg, str | bytes | os.PathLike):
                _check(os.fsdecode(arg).split("=", 1)[-1])  # "--device=x" style too


def install() -> None:
    """Start guarding (once per process; the audit hook cannot be removed, only disarmed)."""
    global _roots
    if _roots:
        return
    _roots = tuple(sorted(set().union(*(_forms(r) for r in forbidden_roots()))))
    sys.addaudithook(_hook)
    import soundfile

    original = soundfile.SoundFile.__init__

    def guarded_init(self: Any, file: Any, *args: Any, **kwargs: Any) -> None:
        _check(file if isinstance(file, str | bytes | os.PathLike) else None)
        original(self, file, *args, **kwargs)

    soundfile.SoundFile.__init__ = guarded_init  # type: ignore[method-assign]


def check_test() -> None:
    """Raise if the test that just ran touched a forbidden folder (even if it caught the error)."""
    paths = sorted(set(_touched))
    _touched.clear()
    if paths:
        raise SharedDataRead(f"the test read the shared benchmark folder: {paths}")


@contextmanager
def expecting_reads() -> Iterator[list[str]]:
    """For the guard's own test: reads inside are still refused but do not fail the test."""
    start = len(_touched)
    try:
        yield _touched
    finally:
        del _touched[start:]
