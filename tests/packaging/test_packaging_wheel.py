"""The wheel installs into a fresh virtualenv and runs: banks, migrations and the window.

Slow (about a minute with a warm pip cache): it builds the wheel from a copy of the sources,
installs it with pip into a new venv and runs the installed `greenroom` command.
"""

from __future__ import annotations

import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, assert_self_test_passes, run
from greenroom import __version__

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

FIND_DATA = """
from importlib import resources
from pathlib import Path
banks = resources.files("greenroom.question_banks")
res = resources.files("greenroom.resources")
print(Path(str(banks)).parents[3])  # .../lib/python3.x/site-packages/greenroom/question_banks
print(len([p for p in banks.iterdir() if p.name.endswith(".yaml")]))
print(res.joinpath("icons", "greenroom.png").is_file())
print("QLabel" in res.joinpath("themes", "greenroom.qss").read_text(encoding="utf-8"))
"""


def _build_wheel(tmp_path: Path) -> Path:
    # A copy of what a source checkout holds, so no build/ or egg-info lands in the work tree.
    src = tmp_path / "src-copy"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for folder in ("src", "question_banks", "resources"):
        shutil.copytree(
            REPO / folder,
            src / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
        )
    out = tmp_path / "wheels"
    done = run([sys.executable, "-m", "build", "--wheel", "--outdir", out, src], timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    wheels = list(out.glob("greenroom-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_installs_with_pipx_and_runs(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "greenroom/question_banks/openers.yaml",
        "greenroom/store/migrations/env.py",
        "greenroom/store/migrations/script.py.mako",
        "greenroom/store/migrations/versions/0001_initial_schema.py",
        "greenroom/resources/icons/greenroom.png",
        "greenroom/resources/themes/greenroom.qss",
        "greenroom/resources/sounds/warm_up_speech.flac",
        "greenroom/py.typed",
    ):
        assert needed in names, f"{needed} is not in {wheel.name}"

    # pipx, as a user installs it: its own venv under PIPX_HOME and a launcher in PIPX_BIN_DIR.
    # The pip cache (filled by ./dev.sh's own install) makes this a local copy, not a download.
    venv_root, bin_dir = tmp_path / "pipx", tmp_path / "bin"
    started = time.monotonic()
    install = run(
        [sys.executable, "-m", "pipx", "install", "--python", sys.executable, wheel],
        timeout=600,
        PIPX_HOME=venv_root,
        PIPX_BIN_DIR=bin_dir,
        PIPX_MAN_DIR=tmp_path / "man",
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    print(f"wheel installed with pipx in {time.monotonic() - started:.1f} s")
    venv = venv_root / "venvs" / "greenroom"
    greenroom = bin_dir / "greenroom"
    # The installed package finds its banks and resources with importlib.resources.
    found = run([venv / "bin" / "python", "-c", FIND_DATA], timeout=60, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == [str(venv / "lib"), "12", "True", "True"], found.stdout
    version = run([greenroom, "--version"], timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"greenroom {__version__}"

    data = tmp_path / "data"
    banks = run([greenroom, "--data-dir", data, "banks", "list"], timeout=120)
    assert banks.returncode == 0, banks.stderr
    lines = banks.stdout.splitlines()
    assert len(lines) >= 12 and all("built-in" in line for line in lines), banks.stdout
    assert any(line.startswith("openers") for line in lines)

    out = assert_self_test_passes(greenroom, data)
    assert f"python {venv}" in out  # it really ran the installed copy, not the dev tree
