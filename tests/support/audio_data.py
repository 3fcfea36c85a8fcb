"""Recorded speech for the tests: the clips in tests/data/audio and the files built from them.

Clips are named as in tests/data/audio/SOURCES.md, whose table is the manifest (kind, length,
origin, licence, reference transcript)::

    clip("jfk")                 # Path to tests/data/audio/jfk.flac
    reference("jfk")            # "And so, my fellow Americans, ..."
    clips("disfluent")          # every Clip of that kind, in table order

Longer files are built from the clips, never stored: ``joined`` lays clips out with known
silences between them (and optionally a leading silence and a noise floor) and returns where each
clip and each inserted gap lies. ``answer_2min``, ``pause_files`` and ``lead_files`` are the fixed
sets the speech tests use. Builds are deterministic (seeded noise) and written once to a cache
folder ($GREENROOM_TEST_AUDIO_CACHE, else greenroom-test-audio-USER in the temp folder) under a
name that hashes the recipe and the source clips, so a changed recipe or clip never reuses a
stale file, and test processes running side by side share them safely (written atomically).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import soundfile as sf

from support.paths import REPO

AUDIO_DIR = REPO / "tests" / "data" / "audio"
SOURCES = AUDIO_DIR / "SOURCES.md"
RATE = 16_000
_RECIPE_VERSION = 1  # bump when the way files are built changes


@dataclass(frozen=True, slots=True)
class Clip:
    """One recorded clip: a row of the SOURCES.md table."""

    name: str
    kind: str  # "read" or "disfluent"
    seconds: float
    origin: str  # owner/repository@commit:path
    licence: str
    reference: str

    @property
    def path(self) -> Path:
        return AUDIO_DIR / f"{self.name}.flac"


@dataclass(frozen=True, slots=True)
class Part:
    """Where one clip lies in a built file, in seconds from its start."""

    name: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Joined:
    """A built file and what is in it."""

    path: Path
    seconds: float
    parts: tuple[Part, ...]
    gaps: tuple[tuple[float, float], ...]  # inserted silences between parts (start, end)
    lead: float  # inserted silence before the first part
    noise_dbfs: float | None  # white noise floor over the whole file, None for digital silence
    reference: str  # the parts' references joined with spaces


@cache
def _manifest() -> dict[str, Clip]:
    section = SOURCES.read_text(encoding="utf-8").split("\n## Clips\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines()]
    clips = [[c.strip() for c in row] for row in rows if len(row) == 6]
    assert clips[0][0] == "clip" and set(clips[1][0]) == {"-"}, "header row, then |---|"
    return {
        name: Clip(name, kind, float(seconds), origin, licence, ref)
        for name, kind, seconds, origin, licence, ref in clips[2:]
    }


def clips(kind: str | None = None) -> list[Clip]:
    """Every clip of ``kind`` ("read" or "disfluent"), or all of them, in table order."""
    return [c for c in _manifest().values() if kind is None or c.kind == kind]


def clip_info(name: str) -> Clip:
    try:
        return _manifest()[name]
    except KeyError:
        raise KeyError(f"no clip {name!r} in {SOURCES}") from None


def clip(name: str) -> Path:
    """The FLAC file of a clip, by name (``clip("jfk")``)."""
    return clip_info(name).path


def reference(name: str) -> str:
    """The reference transcript of a clip (verbatim: fillers and slips included)."""
    return clip_info(name).reference


@cache
def _samples(name: str) -> np.ndarray:
    data, rate = sf.read(clip(name), dtype="float32")
    assert rate == RATE and data.ndim == 1, f"{name}: clips are 16 kHz mono"
    return data


def joined(
    parts: Sequence[str],
    gaps: Sequence[float] | float = 0.8,
    *,
    lead: float = 0.0,
    noise_dbfs: float | None = None,
    label: str = "joined",
) -> Joined:
    """Clips one after another with known silences, optionally over white noise.

    Args:
        parts: Clip names, in order (a name may repeat).
        gaps: Silence after each part but the last, in seconds: one value for all, or one each.
        lead: Silence before the first part, in seconds.
        noise_dbfs: RMS level of white noise added to the whole file, None for none. The noise
            is seeded from the recipe, so the same call always builds the same samples.
        label: Start of the file name, to recognise it in a test report.

    Returns:
        The built FLAC with the position of every part and gap.
    """
    gap_list = [float(gaps)] * (len(parts) - 1) if isinstance(gaps, int | float) else list(gaps)
    assert parts and len(gap_list) == len(parts) - 1, "one gap between each pair of parts"
    return _build(tuple(parts), tuple(gap_list), float(lead), noise_dbfs, label)


@cache
def _build(
    parts: tuple[str, ...],
    gaps: tuple[float, ...],
    lead: float,
    noise_dbfs: float | None,
    label: str,
) -> Joined:
    placed, inserted, pieces = [], [], [np.zeros(round(lead * RATE), np.float32)]
    t = lead
    for k, name in enumerate(parts):
        samples = _samples(name)
        placed.append(Part(name, round(t, 6), round(t + len(samples) / RATE, 6)))
        pieces.append(samples)
        t += len(samples) / RATE
        if k < len(gaps):
            pieces.append(np.zeros(round(gaps[k] * RATE), np.float32))
            inserted.append((round(t, 6), round(t + gaps[k], 6)))
            t += gaps[k]
    recipe = json.dumps([_RECIPE_VERSION, parts, gaps, lead, noise_dbfs])
    digest = hashlib.sha256(recipe.encode())
    for name in sorted(set(parts)):
        digest.update(clip(name).read_bytes())
    path = _cache_dir() / f"{label}-{digest.hexdigest()[:16]}.flac"
    if not path.is_file():
        audio = np.concatenate(pieces)
        if noise_dbfs is not None:
            rng = np.random.default_rng(zlib.crc32(recipe.encode()))
            audio = audio + rng.normal(0.0, 10 ** (noise_dbfs / 20), len(audio)).astype(np.float32)
        _write(path, np.clip(audio, -1.0, 1.0))
    return Joined(
        path=path,
        seconds=round(t, 6),
        parts=tuple(placed),
        gaps=tuple(inserted),
        lead=lead,
        noise_dbfs=noise_dbfs,
        reference=" ".join(reference(name) for name in parts),
    )


def _cache_dir() -> Path:
    # Per user: another account's copy of the folder in a shared temp folder is not writable.
    default = Path(tempfile.gettempdir()) / f"greenroom-test-audio-{getpass.getuser()}"
    folder = Path(os.environ.get("GREENROOM_TEST_AUDIO_CACHE") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write(path: Path, audio: np.ndarray) -> None:
    # A temporary name and a rename: a process reading the cache never sees half a file.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".flac", dir=path.parent)
    os.close(fd)
    try:
        sf.write(tmp, audio, RATE, format="FLAC", subtype="PCM_16")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# The read-speech clips of the two-minute answer, in the order they are spoken.
ANSWER_CLIPS = (
    "jfk",
    "ps_librivox_0870",
    "ps_librivox_0880",
    "ps_librivox_0890",
    "ps_librivox_0920",
    "ps_librivox_0930",
    "ds_arctic_a0024",
    "pra_arctic_a0010",
    "pra_arctic_aew_a0001",
    "pra_arctic_aew_a0002",
    "pra_arctic_aew_a0003",
    "pra_arctic_axb_a0004",
    "pra_arctic_axb_a0006",
    "ps_goforward",
    "praat_bobby",
    "praat_mary",
    "sr_english",
)


def answer_2min() -> Joined:
    """About two minutes of read speech in 27 parts with 0.8 s pauses, over a -60 dBFS floor.

    The 17 read clips of ANSWER_CLIPS once in order (82 s), then again backwards until the
    answer passes two minutes, so a whole-file pass is cut into more than one chunk.
    """
    names: list[str] = list(ANSWER_CLIPS)
    seconds = sum(clip_info(n).seconds for n in names) + 0.8 * (len(names) - 1)
    for name in reversed(ANSWER_CLIPS):
        if seconds >= 120.0:
            break
        names.append(name)
        seconds += 0.8 + clip_info(name).seconds
    return joined(names, 0.8, noise_dbfs=-60.0, label="answer_2min")


# Inserted pauses from 0.5 to 4 s between read clips: (name, clips, gaps).
PAUSE_SETS = (
    (
        "arctic",
        (
            "pra_arctic_aew_a0001",
            "pra_arctic_aew_a0002",
            "pra_arctic_aew_a0003",
            "ds_arctic_a0024",
            "pra_arctic_a0010",
            "pra_arctic_axb_a0004",
            "jfk",
        ),
        (1.0, 2.5, 1.8, 0.5, 4.0, 2.2),
    ),
    (
        "librivox",
        tuple(f"ps_librivox_{n}" for n in ("0870", "0880", "0890", "0920", "0930")),
        (2.0, 0.8, 3.0, 1.6),
    ),
)
NOISE_DBFS = -45.0  # the noisy variants' floor: a quiet room through a laptop microphone


def pause_files() -> list[Joined]:
    """Each pause set clean and over -45 dBFS noise (4 files, 10 inserted pauses each pair)."""
    return [
        joined(parts, gaps, noise_dbfs=noise, label=f"pauses_{name}_{tag}")
        for name, parts, gaps in PAUSE_SETS
        for noise, tag in ((None, "clean"), (NOISE_DBFS, "noise45"))
    ]


LEAD_CLIPS = ("jfk", "pra_arctic_a0010", "ps_librivox_0870", "pra_arctic_axb_a0004")
LEAD_SECONDS = (1.0, 3.0, 6.0)


def lead_file(name: str, lead: float, *, noisy: bool = False) -> Joined:
    """One clip after ``lead`` seconds of silence (time to first word), clean or noisy."""
    tag = "noise45" if noisy else "clean"
    return joined(
        [name],
        (),
        lead=lead,
        noise_dbfs=NOISE_DBFS if noisy else None,
        label=f"lead_{name}_{lead:g}s_{tag}",
    )


def lead_files() -> list[Joined]:
    """Every LEAD_CLIPS clip after 1, 3 and 6 s, clean and noisy (24 files)."""
    return [
        lead_file(name, lead, noisy=noisy)
        for name in LEAD_CLIPS
        for lead in LEAD_SECONDS
        for noisy in (False, True)
    ]
