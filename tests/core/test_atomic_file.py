"""Files Greenroom keeps are replaced whole, durably, or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from greenroom.core import atomic_file
from greenroom.core.atomic_file import (
    PARTIAL_SUFFIX,
    remove_partial_files,
    replacing,
    write_text_atomic,
)


def test_text_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "bank.yaml"
    target.write_text("old")
    write_text_atomic(target, "new\r\nline ü")
    assert target.read_bytes() == "new\r\nline ü".encode()  # UTF-8, newlines as given
    assert os.listdir(tmp_path) == ["bank.yaml"]


def test_the_file_and_then_its_folder_are_synced_before_and_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        events.append("rename")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic_file.os, "fsync", fsync)
    monkeypatch.setattr(atomic_file.os, "replace", replace)
    write_text_atomic(tmp_path / "settings.json", "{}")
    assert events == ["fsync file", "rename", "fsync folder"]


@pytest.mark.parametrize("fails", ["write", "sync", "rename"])
def test_a_failure_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    target = tmp_path / "history.csv"
    target.write_text("before")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    if fails == "sync":
        monkeypatch.setattr(atomic_file.os, "fsync", disk_full)
    if fails == "rename":
        monkeypatch.setattr(atomic_file.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"), replacing(target) as tmp:
        tmp.write_text("after, half written")
        if fails == "write":
            disk_full()
    assert target.read_text() == "before"
    assert os.listdir(tmp_path) == ["history.csv"]


def test_a_new_file_gets_the_users_usual_permissions_not_private_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "export.csv", "a,b\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "export.csv").stat().st_mode) == 0o644


def test_what_a_crash_leaves_is_swept_and_nothing_else(tmp_path: Path) -> None:
    answers = tmp_path / "audio" / "2026-11"
    answers.mkdir(parents=True)
    kept = answers / "s1-q1-t1.flac"
    kept.write_bytes(b"fLaC")
    left = answers / f".s1-q2-t1.flac.1a2b3c4d{PARTIAL_SUFFIX}"
    left.write_bytes(b"fLaC half")
    mine = tmp_path / "audio" / "notes.part"  # not one of ours: no leading dot
    mine.write_text("the user's")
    assert remove_partial_files(tmp_path / "audio") == 1
    assert kept.exists() and mine.exists() and not left.exists()
    assert remove_partial_files(tmp_path / "missing") == 0


def test_the_temporary_name_is_one_the_sweep_recognises(tmp_path: Path) -> None:
    with replacing(tmp_path / "settings.json") as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".settings.json.")
        assert tmp.name.endswith(PARTIAL_SUFFIX)
        assert remove_partial_files(tmp_path, recursive=False) == 1  # as after a crash
        tmp.write_text("{}")
    assert (tmp_path / "settings.json").read_text() == "{}"
