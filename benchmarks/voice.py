"""Pitch trackers compared on this machine: accuracy on known pitches, espeak-ng pitch settings,
real speech agreement and time per minute of audio.

Run: PYTHONPATH=src python benchmarks/voice.py [--sentence-ends]
Prints Markdown tables for docs/benchmarks.md and docs/voice.md. Not a test.

--sentence-ends transcribes the recordings of tests/data/audio (Greenroom's speech engine) and
prints how much quieter each sentence's last word was than the rest of it (analysis.voice's
measure), read speech and disfluent speech apart, with the share of sentences that each
trailing-off threshold would flag: the figures that set analysis.voice.TRAIL_DB.

* swift-f0 (Greenroom's dependency) through greenroom.voice.track_samples: 16 ms frames.
* pyworld (WORLD's Harvest and DIO) when importable; it is not a Greenroom dependency. Install it
  apart, e.g. ``pip install --target /tmp/bench pyworld`` and add that folder to PYTHONPATH.

Accuracy: harmonic signals (a fundamental and four overtones) at 85, 110, 165, 220 and 330 Hz and
an octave glide from 100 to 200 Hz over 4 s; the error is |f / true - 1| over the frames each
tracker calls voiced (median and worst), and the share of the signal called voiced. A synthetic
whisper (noise with a syllable rhythm) measures false voicing. Speed: jfk.flac (11 s of speech)
repeated to one minute, best of three, on one thread.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

from greenroom.speech.audio import SAMPLE_RATE, load_audio
from greenroom.voice import track_samples

REPO = Path(__file__).resolve().parents[1]
Tracker = Callable[[npt.NDArray[np.float32]], tuple[npt.NDArray[np.float64], float]]


def swift(x: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.float64], float]:
    track = track_samples(x)
    return np.asarray(track.f0, dtype=np.float64), track.frame_period


def _world(method: str) -> Tracker | None:
    try:
        import pyworld  # type: ignore[import-not-found]
    except ImportError:
        return None

    def run(x: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.float64], float]:
        f0, _ = getattr(pyworld, method)(
            x.astype(np.float64), SAMPLE_RATE, f0_floor=60.0, f0_ceil=500.0, frame_period=10.0
        )
        return np.asarray(f0), 0.010

    return run


def harmonic(f0: npt.NDArray[np.float64]) -> npt.NDArray[np.float32]:
    phase = 2 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    return np.asarray(sum(0.2 / k * np.sin(k * phase) for k in range(1, 6)), dtype=np.float32)


def accuracy(tracker: Tracker) -> tuple[float, float, float]:
    """(median error, worst error, share voiced) over the tones and the glide."""
    errors: list[float] = []
    voiced: list[float] = []
    signals: list[tuple[npt.NDArray[np.float64], Callable[[float], float]]] = []
    for hz in (85.0, 110.0, 165.0, 220.0, 330.0):
        signals.append((np.full(2 * SAMPLE_RATE, hz), lambda _t, hz=hz: hz))
    t = np.arange(4 * SAMPLE_RATE) / SAMPLE_RATE
    signals.append((100.0 * 2 ** (t / 4), lambda s: 100.0 * 2 ** (s / 4)))
    for f0, truth in signals:
        est, period = tracker(harmonic(f0))
        end = len(f0) / SAMPLE_RATE
        frames = [(k * period, f) for k, f in enumerate(est) if 0.1 < k * period < end - 0.1]
        hits = [abs(f / truth(s) - 1) for s, f in frames if f > 0]
        errors += hits
        voiced.append(len(hits) / max(1, len(frames)))
    return statistics.median(errors), max(errors), statistics.mean(voiced)


def false_voicing(tracker: Tracker) -> float:
    """Share of a synthetic whisper (noise with a syllable rhythm, no voicing) called voiced."""
    t = np.arange(5 * SAMPLE_RATE) / SAMPLE_RATE
    noise = np.random.default_rng(3).normal(0, 0.05, t.size)
    f0, _ = tracker((noise * (0.5 + 0.5 * np.sin(2 * np.pi * 4 * t))).astype(np.float32))
    return float(np.mean(f0 > 0))


def espeak_order(tracker: Tracker) -> str:
    if shutil.which("espeak-ng") is None:
        return "no espeak-ng"
    text = "I saw the deadline slipping two weeks out, so I told my manager the same day."
    medians = []
    with tempfile.TemporaryDirectory() as folder:
        for p in (20, 50, 80):
            wav = Path(folder) / f"p{p}.wav"
            subprocess.run(["espeak-ng", "-p", str(p), "-w", str(wav), text], check=True)
            f0, _ = tracker(load_audio(wav))
            medians.append(float(np.median(f0[f0 > 0])))
    ok = "in order" if medians == sorted(medians) else "OUT OF ORDER"
    return f"{ok} ({', '.join(f'{m:.0f}' for m in medians)} Hz)"


def speed(tracker: Tracker) -> float:
    """Seconds to track one minute of speech (best of three)."""
    x = load_audio(REPO / "tests" / "data" / "audio" / "jfk.flac")
    minute = np.tile(x, int(np.ceil(60 * SAMPLE_RATE / len(x))))[: 60 * SAMPLE_RATE]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        tracker(minute)
        best = min(best, time.perf_counter() - start)
    return best


def agreement(tracker: Tracker, reference: Tracker) -> float:
    """Median |semitones| between two trackers' medians over the real recordings."""
    gaps = []
    for name in ("jfk", "ps_librivox_0870", "ps_librivox_0920", "mfa_long", "praat_mary"):
        x = load_audio(REPO / "tests" / "data" / "audio" / f"{name}.flac")
        a, _ = tracker(x)
        b, _ = reference(x)
        gaps.append(abs(12 * np.log2(np.median(a[a > 0]) / np.median(b[b > 0]))))
    return float(statistics.median(gaps))


def sentence_ends() -> None:
    from greenroom.analysis.metrics import analyze_answer
    from greenroom.analysis.sentences import sentences
    from greenroom.analysis.tokens import tokenize
    from greenroom.analysis.voice import _sentence_ends
    from greenroom.core.transcript import SpeechSegment, Transcript
    from greenroom.speech.whisper_engine import WhisperEngine

    engine = WhisperEngine.create()
    drops: dict[str, list[float]] = {"read": [], "disfluent": []}
    for path in sorted((REPO / "tests" / "data" / "audio").glob("*.flac")):
        x = load_audio(path)
        words = engine.transcribe(x)
        if not words:
            continue
        track = track_samples(x)
        tokens = tokenize(words)
        ends = _sentence_ends(track, tokens, sentences(tokens, timed=True))
        kind = "disfluent" if path.stem.startswith("mfa_") else "read"
        drops[kind] += [round(d, 1) for d, _ in ends]
        transcript = Transcript(tuple(words), (SpeechSegment(words[0].start, words[-1].end),))
        assert analyze_answer(transcript, answer_limit=None, voice=track) is not None
    print("| speech | sentences | median drop (dB) | 6 dB | 8 dB | 10 dB | 12 dB |")
    print("|---|---|---|---|---|---|---|")
    for kind, values in drops.items():
        shares = " | ".join(
            f"{sum(v >= t for v in values) / len(values):.0%}" for t in (6, 8, 10, 12)
        )
        print(f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {shares} |")
    print()
    for kind, values in drops.items():
        print(f"{kind}: {sorted(values)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentence-ends", action="store_true", help="calibrate trailing off")
    if parser.parse_args().sentence_ends:
        sentence_ends()
        return 0
    trackers: dict[str, Tracker] = {"swift-f0 0.3": swift}
    for method in ("harvest", "dio"):
        world = _world(method)
        if world is not None:
            trackers[f"pyworld 0.3 {method}"] = world
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}\n"
    )
    print(
        "| tracker | median error | worst error | voiced share | whisper called voiced "
        "| espeak-ng -p 20/50/80 | median gap to swift-f0 on real speech (st) "
        "| s per minute of audio |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, tracker in trackers.items():
        med, worst, voiced = accuracy(tracker)
        print(
            f"| {name} | {med:.2%} | {worst:.2%} | {voiced:.0%} | {false_voicing(tracker):.0%} "
            f"| {espeak_order(tracker)} | "
            f"{agreement(tracker, swift):.2f} | {speed(tracker):.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
