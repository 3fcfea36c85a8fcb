"""Where one Whisper call's time goes: features, the encoder on the padded window, decoding.

Run: PYTHONPATH=src python benchmarks/whisper_call.py
Prints a Markdown table for docs/benchmarks.md: for one and two CPU threads and 2 s and 5 s jobs
(the JFK clip, padded with silence to 30 s as the app does), the best of 3 timings of the
features, the encoder alone on Whisper's 30 s window and on the short one
(``SHORT_WINDOW_SECONDS``), and the whole call with beam 5 or 1 and word timestamps on or off;
then the app's own calls, ``transcribe`` and ``transcribe_short``. Not a test.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import ctranslate2
import numpy as np
from machine import cpu

from greenroom.speech.audio import load_audio
from greenroom.speech.whisper_engine import (
    END_OF_AUDIO_S,
    FILLER_PROMPT,
    LIVE_TEMPERATURES,
    LOOP_COMPRESSION_RATIO,
    SAMPLE_RATE,
    SHORT_WINDOW_SECONDS,
    WINDOW_SECONDS,
    WhisperEngine,
)

CLIP = Path(__file__).resolve().parents[1] / "tests" / "data" / "audio" / "jfk.flac"


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(engine: WhisperEngine, audio: np.ndarray, seconds: float) -> list[float]:
    """Timings in seconds for one job of ``seconds`` of ``audio`` padded to the window."""
    model = engine._model
    clip = audio[: round(seconds * SAMPLE_RATE)]
    padded = np.concatenate([clip, np.zeros(round(WINDOW_SECONDS * SAMPLE_RATE) - len(clip))])
    padded = padded.astype(np.float32)
    features = model.feature_extractor(padded, chunk_length=WINDOW_SECONDS)

    def encode(frames: int) -> None:
        window = np.ascontiguousarray(features[None, :, :frames])
        model.model.encode(ctranslate2.StorageView.from_array(window), to_cpu=True)

    def call(beam: int, words: bool) -> None:
        segments, _ = model.transcribe(
            padded,
            beam_size=beam,
            word_timestamps=words,
            temperature=list(LIVE_TEMPERATURES),
            condition_on_previous_text=False,
            language="en",
            initial_prompt=FILLER_PROMPT,
            compression_ratio_threshold=LOOP_COMPRESSION_RATIO,
            chunk_length=WINDOW_SECONDS,
        )
        for segment in segments:  # stop at the real audio's end, as the app does
            if segment.end >= seconds - END_OF_AUDIO_S:
                break

    cells = [best_of(lambda: model.feature_extractor(padded, chunk_length=WINDOW_SECONDS))]
    cells += [
        best_of(partial(encode, f)) for f in (WINDOW_SECONDS * 100, SHORT_WINDOW_SECONDS * 100)
    ]
    cells += [best_of(partial(call, b, w)) for b in (5, 1) for w in (True, False)]
    cells += [best_of(partial(hear, clip)) for hear in (engine.transcribe, engine.transcribe_short)]
    return cells


def main() -> None:
    audio = load_audio(CLIP)
    print(
        f"Machine: {cpu()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f}\n"
    )
    print(
        f"| threads | job (s) | features (ms) | encoder, {WINDOW_SECONDS} s (ms) "
        f"| encoder, {SHORT_WINDOW_SECONDS} s (ms) | beam 5, words (ms) | beam 5 (ms) "
        "| beam 1, words (ms) | beam 1 (ms) | transcribe (ms) | transcribe_short (ms) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for threads in (1, 2):
        engine = WhisperEngine.create(cpu_threads=threads)
        for seconds in (2.0, 5.0):
            cells = row(engine, audio, seconds)
            print(
                f"| {threads} | {seconds:g} | "
                + " | ".join(f"{c * 1000:.0f}" for c in cells)
                + " |"
            )


if __name__ == "__main__":
    main()
