"""Pitch trackers compared on this machine: accuracy on known pitches, espeak-ng pitch settings,
real speech agreement and time per minute of audio.

Run: PYTHONPATH=src python benchmarks/voice.py [--sentence-ends | --incremental [--pace N]
[--block S]]
Prints Markdown tables for docs/benchmarks.md and docs/voice.md. Not a test.

--sentence-ends transcribes the recordings of tests/data/audio (Greenroom's speech engine) and
prints how much quieter each sentence's last word was than the rest of it (analysis.voice's
measure), read speech and disfluent speech apart, with the share of sentences that each
trailing-off threshold would flag: the figures that set analysis.voice.TRAIL_DB.

--incremental measures what the feedback screen waits for after Stop: before, the whole saved
recording was read and tracked (greenroom.voice.track_file); now the recorder tracks it while it
is spoken (greenroom.voice.VoiceTrackBuilder) and only the last block is left. The audio goes in
as the microphone delivers it, 100 ms of 16-bit PCM at a time, --pace times faster than real time
(default 8: the tracker keeps up with 60 times real time, so the result is the same as at real
time, where a 2-minute answer would take 2 minutes per run). It prints the wait after the last
chunk, the CPU time per minute of answer and how far the stitched track is from the whole one.

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
from machine import cpu

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


def _answers() -> dict[str, bytes]:
    """Answers as the microphone gives them (16-bit PCM): a short one, the 2-minute answer the
    speech tests use (11 clips with pauses) and a 5-minute one (that answer repeated)."""
    sys.path.insert(0, str(REPO / "tests"))
    from greenroom.speech.audio import float_to_pcm16
    from support.audio_data import answer_2min

    two = load_audio(answer_2min().path)
    out = {
        "jfk.flac": load_audio(REPO / "tests" / "data" / "audio" / "jfk.flac"),
        "answer_2min": two,
        "answer_2min x2.5": np.tile(two, 3)[: round(300 * SAMPLE_RATE)],
    }
    return {name: float_to_pcm16(x) for name, x in out.items()}


def _after_stop_whole(pcm: bytes) -> tuple[float, float, object]:
    """Before: the saved recording read back and tracked (wall s, CPU s, track)."""
    from greenroom.speech.audio import pcm16_to_float, save_answer_audio
    from greenroom.voice import track_file

    with tempfile.TemporaryDirectory() as folder:
        path = save_answer_audio(Path(folder) / "answer.flac", pcm16_to_float(pcm))
        wall, cpu = time.perf_counter(), time.process_time()
        track = track_file(path)
        return time.perf_counter() - wall, time.process_time() - cpu, track


def _after_stop_incremental(pcm: bytes, pace: float, block_s: float) -> tuple[float, float, object]:
    """After: fed while "recorded", then finished (wait after the last chunk, CPU s, track)."""
    from greenroom.voice import VoiceTrackBuilder

    chunk = SAMPLE_RATE // 10 * 2
    cpu = time.process_time()
    builder = VoiceTrackBuilder(block_s=block_s)
    began = time.perf_counter()
    for i in range(0, len(pcm), chunk):
        if (wait := began + i / 2 / SAMPLE_RATE / pace - time.perf_counter()) > 0:
            time.sleep(wait)
        builder.feed(pcm[i : i + chunk])
    stop = time.perf_counter()
    track = builder.finish()
    return time.perf_counter() - stop, time.process_time() - cpu, track


def incremental(pace: float, block_s: float, runs: int = 3) -> None:
    from greenroom.core.voice import VoiceTrack

    print(
        "| answer | audio (s) | whole file after Stop (s) | incremental after Stop (s) "
        "| CPU s per answer minute, whole / incremental | voiced frames differing "
        "| max f0 gap (Hz) | max level gap (dB) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, pcm in _answers().items():
        whole = [_after_stop_whole(pcm) for _ in range(runs)]
        built = [_after_stop_incremental(pcm, pace, block_s) for _ in range(runs)]
        seconds = len(pcm) / 2 / SAMPLE_RATE
        a, b = whole[0][2], built[0][2]
        assert isinstance(a, VoiceTrack) and isinstance(b, VoiceTrack) and len(a.f0) == len(b.f0)
        fa, fb = np.asarray(a.f0), np.asarray(b.f0)
        both = (fa > 0) & (fb > 0)
        f0_gap = float(np.max(np.abs(fa - fb)[both])) if both.any() else 0.0
        level_gap = float(np.max(np.abs(np.subtract(a.level, b.level))))

        def span(values: list[float]) -> str:
            return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

        print(
            f"| {name} | {seconds:.0f} | {span([w for w, _, _ in whole])} "
            f"| {span([w for w, _, _ in built])} "
            f"| {statistics.median(c for _, c, _ in whole) / (seconds / 60):.2f} / "
            f"{statistics.median(c for _, c, _ in built) / (seconds / 60):.2f} "
            f"| {int(np.sum((fa > 0) != (fb > 0)))} of {len(fa)} | {f0_gap:.3f} "
            f"| {level_gap:.3f} |"
        )


def stitching_on_clips() -> None:
    """The stitched track against the whole one on the same samples, every clip of
    tests/data/audio, blocks of 1 s and of 4 s."""
    from greenroom.speech.audio import float_to_pcm16, pcm16_to_float
    from greenroom.voice import VoiceTrackBuilder

    same = voiced = runs = 0
    f0_gap = level_gap = 0.0
    paths = sorted((REPO / "tests" / "data" / "audio").glob("*.flac"))
    for path in paths:
        pcm = float_to_pcm16(load_audio(path))
        whole = track_samples(pcm16_to_float(pcm))
        for block_s in (1.0, 4.0):
            builder = VoiceTrackBuilder(block_s=block_s)
            for i in range(0, len(pcm), SAMPLE_RATE // 10 * 2):
                builder.feed(pcm[i : i + SAMPLE_RATE // 10 * 2])
            built = builder.finish()
            runs += 1
            same += built == whole
            fa, fb = np.asarray(built.f0), np.asarray(whole.f0)
            voiced += int(np.sum((fa > 0) != (fb > 0)))
            both = (fa > 0) & (fb > 0)
            f0_gap = max(f0_gap, float(np.max(np.abs(fa - fb)[both])) if both.any() else 0.0)
            level_gap = max(level_gap, float(np.max(np.abs(np.subtract(built.level, whole.level)))))
    print(
        f"\nSame samples, {len(paths)} clips x blocks of 1 s and 4 s: {same} of {runs} tracks "
        f"identical; voiced frames differing {voiced}; max f0 gap {f0_gap:.3f} Hz; "
        f"max level gap {level_gap:.3f} dB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentence-ends", action="store_true", help="calibrate trailing off")
    parser.add_argument("--incremental", action="store_true", help="tracking while recording")
    parser.add_argument("--pace", type=float, default=8.0, help="times real time (incremental)")
    parser.add_argument(
        "--block", type=float, default=None, help="seconds per tracked block (incremental)"
    )
    args = parser.parse_args()
    if args.sentence_ends:
        sentence_ends()
        return 0
    if args.incremental:
        _machine()
        from greenroom.voice.builder import BLOCK_S

        block_s = BLOCK_S if args.block is None else args.block
        print(f"Blocks of {block_s:g} s\n")
        incremental(args.pace, block_s)
        stitching_on_clips()
        return 0
    trackers: dict[str, Tracker] = {"swift-f0 0.3": swift}
    for method in ("harvest", "dio"):
        world = _world(method)
        if world is not None:
            trackers[f"pyworld 0.3 {method}"] = world
    _machine()
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


def _machine() -> None:
    print(
        f"Machine: {cpu()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}\n"
    )


if __name__ == "__main__":
    sys.exit(main())
