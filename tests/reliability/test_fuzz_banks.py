"""Bad input: hundreds of broken bank files and corrupt audio files; no crash, hang or half import.

Bank files (bank_fuzz.py) go through load_bank_file and library.import_bank into a real database
that already holds a bank with the same id, so a refused re-import would show any half-update.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from bank_fuzz import SEEDS, bank_files, try_import
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenroom.core.errors import AudioError, GreenroomError
from greenroom.services import library
from greenroom.speech.audio import load_audio
from greenroom.store.database import open_database

BANK_EXAMPLES = 800


@pytest.fixture(scope="module")
def bank_db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzzdb")
    db = open_database(root / "greenroom.db")
    for suffix in (".yaml", ".csv", ".txt", ".md"):  # ids the mutants will try to update
        path = root / f"fuzz-bank{suffix}"
        path.write_text(SEEDS[suffix], encoding="utf-8")
        library.import_bank(db.engine, path)
    yield db.engine, root
    db.engine.dispose()


def test_hundreds_of_broken_bank_files_are_refused_cleanly_or_imported_whole(bank_db) -> None:  # type: ignore[no-untyped-def]
    engine, root = bank_db
    tally: Counter[str] = Counter()
    findings: list[str] = []
    counter = itertools.count()

    @settings(
        max_examples=BANK_EXAMPLES,
        deadline=None,  # try_import times each call against TIME_BUDGET_S itself
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(bank_files())
    def one(case: tuple[str, bytes, str]) -> None:
        suffix, data, kind = case
        path = root / f"fuzz-bank-{next(counter) % 7}{suffix}"
        if suffix in (".yaml", ".yml", ".json"):
            path = root / f"mutant{suffix}"  # structured files carry their own id: fuzz-bank
        path.write_bytes(data)
        outcome = try_import(engine, path)
        tally[outcome.kind] += 1
        if outcome.kind not in ("refused", "imported"):
            findings.append(f"{kind} {suffix}: {outcome.kind}: {outcome.detail}")

    one()
    assert not findings, "\n".join(findings[:20])
    assert sum(tally.values()) >= BANK_EXAMPLES
    assert tally["refused"] >= 500, tally  # at least 500 of them were really bad files


def _wav(seconds: float = 0.5) -> bytes:
    buf = io.BytesIO()
    sf.write(buf, np.zeros(int(16000 * seconds), dtype=np.float32), 16000, format="WAV")
    return buf.getvalue()


def _encoded(fmt: str, subtype: str) -> bytes:
    buf = io.BytesIO()
    tone = np.sin(np.linspace(0, 800, 16000)).astype(np.float32) * 0.3
    sf.write(buf, tone, 16000, format=fmt, subtype=subtype)
    return buf.getvalue()


AUDIO = {
    ".wav": _encoded("WAV", "PCM_16"),
    ".flac": _encoded("FLAC", "PCM_16"),
    ".ogg": _encoded("OGG", "VORBIS"),
}


@st.composite
def corrupt_audio(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(AUDIO)))
    data = bytearray(AUDIO[suffix])
    how = draw(st.sampled_from(["truncate", "flip", "junk", "header-only", "zero-tail", "lie"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif how == "flip":
        for _ in range(draw(st.integers(1, 40))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif how == "junk":
        data = bytearray(draw(st.binary(min_size=1, max_size=3000)))
    elif how == "header-only":
        data = data[: draw(st.integers(4, 64))]
    elif how == "zero-tail":
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + bytes(len(data) - cut)
    else:  # a WAV whose header claims far more data than there is
        data = bytearray(_wav())
        data[40:44] = (0x7FFFFFF0).to_bytes(4, "little")
        data[4:8] = (0x7FFFFFF8).to_bytes(4, "little")
    return suffix, bytes(data)


def test_corrupt_audio_files_give_an_audio_error_and_nothing_else() -> None:
    tally: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:

        @settings(max_examples=300, deadline=None, database=None,
                  derandomize=True)  # fmt: skip
        @given(corrupt_audio())
        def one(case: tuple[str, bytes]) -> None:
            suffix, data = case
            path = Path(tmp) / f"answer{suffix}"
            path.write_bytes(data)
            try:
                samples = load_audio(path)
            except AudioError as exc:
                assert str(path) in str(exc)
                tally["refused"] += 1
            else:  # a flip inside the samples is still a readable file
                assert samples.dtype == np.float32 and np.isfinite(samples).all()
                tally["loaded"] += 1

        one()
    assert tally["refused"] >= 100, tally


def test_a_row_of_300000_tabs_is_read_in_well_under_the_time_budget(tmp_path: Path) -> None:
    # Found by this fuzzer: csv.Sniffer took minutes on a line full of delimiters.
    import time

    from greenroom.banks.loader import load_bank_file

    path = tmp_path / "tabs.tsv"
    text = SEEDS[".tsv"]
    path.write_text(text[:100] + "\t" * 300_000 + text[100:], encoding="utf-8")
    start = time.monotonic()
    with contextlib.suppress(GreenroomError):
        load_bank_file(path)
    assert time.monotonic() - start < 2.0
