"""The repository carries the recorded speech its tests need, and no test reads ../shared."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf

from support import audio_data, shared_guard
from support.audio_data import AUDIO_DIR, clip, clips, joined, lead_file
from support.shared_guard import SharedDataRead

# What SOURCES.md explains as allowing redistribution; anything else must not be added.
LICENCES = {
    "public domain",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "MIT",
    "CMU ARCTIC",
    "CMU ARCTIC, MPL-2.0",
}


def test_every_clip_is_listed_with_its_origin_licence_and_reference() -> None:
    listed = {c.name for c in clips()}
    on_disk = {p.stem for p in AUDIO_DIR.glob("*.flac")}
    assert listed == on_disk
    assert {p.name for p in AUDIO_DIR.iterdir()} == {f"{n}.flac" for n in on_disk} | {"SOURCES.md"}
    for c in clips():
        info = sf.info(c.path)
        assert (info.format, info.subtype, info.samplerate, info.channels) == (
            "FLAC",
            "PCM_16",
            16_000,
            1,
        ), c.name
        assert abs(info.frames / info.samplerate - c.seconds) < 0.001, c.name
        assert c.kind in ("read", "disfluent") and c.reference and c.licence in LICENCES, c
        assert "@" in c.origin and ":" in c.origin, c.origin
    assert len(clips("read")) >= 15 and len(clips("disfluent")) == 22


def test_the_test_audio_stays_small() -> None:
    total = sum(p.stat().st_size for p in AUDIO_DIR.glob("*.flac"))
    assert total < 4_000_000, f"{total / 1e6:.1f} MB of test audio: keep the clone small"


def test_built_files_put_each_part_and_silence_where_they_say() -> None:
    built = joined(["praat_bobby", "praat_mary"], [1.5], lead=0.5, label="test_layout")
    samples, rate = sf.read(built.path, dtype="float32")
    bobby, _ = sf.read(clip("praat_bobby"), dtype="float32")
    mary, _ = sf.read(clip("praat_mary"), dtype="float32")
    assert rate == 16_000 and len(samples) == round(built.seconds * rate)
    assert not samples[: int(0.5 * rate)].any() and built.lead == 0.5
    first, second = built.parts
    assert np.allclose(samples[round(first.start * rate) :][: len(bobby)], bobby, atol=1e-4)
    assert np.allclose(samples[round(second.start * rate) :][: len(mary)], mary, atol=1e-4)
    (gap,) = built.gaps
    assert gap == (first.end, second.start) and abs(gap[1] - gap[0] - 1.5) < 1e-6
    assert built.reference == "Bobby ripped the ledger Mary rolled the barrel"
    # The same recipe is the same file; noise is seeded, so the noisy file is the same too.
    assert joined(["praat_bobby", "praat_mary"], [1.5], lead=0.5, label="test_layout") == built
    noisy = lead_file("praat_mary", 1.0, noisy=True)
    floor, _ = sf.read(noisy.path, dtype="float32", frames=16_000)
    assert 20 * np.log10(np.sqrt(np.mean(floor**2))) == pytest.approx(-45, abs=0.5)


def test_the_two_minute_answer_is_two_minutes_of_read_speech() -> None:
    built = audio_data.answer_2min()
    assert 120 <= built.seconds < 130 and len(built.parts) > 20
    assert all(audio_data.clip_info(p.name).kind == "read" for p in built.parts)


def test_no_test_reads_the_shared_folder() -> None:
    # tests/conftest.py arms the guard for every test of the session, so any test that read
    # ../shared failed; this proves the guard catches each way a test could read it, whether
    # or not the folder exists here (CI lays it beside its clone, a fresh clone has none).
    [shared] = [r for r in shared_guard.forbidden_roots() if r.name == "shared"]
    inside = shared / "eval" / "speech" / "jfk.wav"
    with shared_guard.expecting_reads() as touched:
        with pytest.raises(SharedDataRead):
            open(inside, "rb")  # noqa: SIM115
        with pytest.raises(SharedDataRead):
            os.listdir(shared)
        with pytest.raises(SharedDataRead):
            list((shared / "eval").iterdir())
        with pytest.raises(SharedDataRead):
            glob.glob(str(shared / "*"))
        with pytest.raises(SharedDataRead):
            sf.info(str(inside))
        with pytest.raises(SharedDataRead):
            subprocess.run([sys.executable, "-c", "pass", str(inside)], check=False)
        assert len(touched) == 6
    # The repository's own data is not affected.
    assert sf.info(clip("jfk")).samplerate == 16_000
