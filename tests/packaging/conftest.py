"""Helpers for the packaging tests: run an installed `greenroom` the way a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.greenroom.Greenroom"
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]


def clean_env(**extra: str) -> dict[str, str]:
    """The test session's environment without what would leak into an installed app.

    conftest.py sets QT_QPA_PLATFORM=offscreen for the in-process GUI tests; the installed app
    must run on a real X server (xvfb-run) instead. GREENROOM_HOME and VIRTUAL_ENV would point
    it at the developer's folders and venv.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "GREENROOM_HOME", "VIRTUAL_ENV", "PYTHONPATH")
    }
    env.update(extra)
    return env


def run(
    cmd: Sequence[str | Path], *, timeout: float, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=clean_env(**env),
        check=False,
    )


def assert_self_test_passes(greenroom: Path, data_dir: Path) -> str:
    """Run `greenroom --self-test` under Xvfb and check every step a user would care about."""
    if shutil.which("xvfb-run") is None:
        pytest.fail("xvfb-run is missing: ./dev.sh test installs it (Debian package xvfb)")
    done = run([*XVFB, greenroom, "--data-dir", data_dir, "--self-test"], timeout=300)
    out = done.stdout
    assert done.returncode == 0, f"self-test failed:\n{out}\n{done.stderr[-3000:]}"
    assert "platform 'xcb'" in out, out
    for step in (
        "ok   database migrated, banks seeded",
        "ok   window shown in",
        "ok   question spoken to a WAV",
        "ok   Qt Multimedia loaded the question audio",
        "ok   transcribed in",
        "(bundled): 'Tell me about yourself",
        "ok   practice session 1 written and read back",
        "ok   log file written without transcripts",
        "ok   self-test passed in",
    ):
        assert step in out, f"missing {step!r} in:\n{out}"
    assert (data_dir / "greenroom.db").is_file()
    assert (data_dir / "logs" / "greenroom.log").is_file()
    return out
