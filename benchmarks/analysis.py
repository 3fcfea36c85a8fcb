"""Time the delivery analysis: a realistic 2-minute answer and a 100,000-word transcript.

Run: PYTHONPATH=src python benchmarks/analysis.py
Prints a Markdown table for docs/benchmarks.md. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time

from machine import cpu

from greenroom.analysis import analyze_answer
from greenroom.analysis.feedback import feedback_for
from greenroom.core.transcript import SpeechSegment, Transcript, Word

SENTENCES = [
    "So, um, at my last job I was the release manager for a payments team.",
    "Our releases took two days and, like, failed about once a month.",
    "My task was to make them safe enough to ship every week.",
    "I think the first thing I did was, uh, map every manual step with the team.",
    "Then I wrote a checklist and automated the riskiest steps in our pipeline.",
    "We kind of argued about the rollback script, you know, for a while.",
    "I set up a rollback script that anyone on call could run.",
    "As a result, release time dropped from two days to three hours.",
    "And we went six months without a failed release, which the team was proud of.",
    "What I learned is that, um, small safe steps beat one big heroic push.",
]
KEY_POINTS = ("release process", "automation", "measurable result", "stakeholders")
JOB = (
    "We are looking for a release engineer to own our deployment pipeline, automate release "
    "checks, improve reliability and work with stakeholders across payments teams."
)


def build(n_words: int, *, seed: int = 7) -> Transcript:
    """A timed answer of about n_words with VAD segments split at sentence pauses."""
    rng = random.Random(seed)
    words: list[Word] = []
    segments: list[SpeechSegment] = []
    t = seg_start = 1.8
    while len(words) < n_words:
        for text in rng.choice(SENTENCES).split():
            length = rng.uniform(0.16, 0.34)
            words.append(Word(text, t, t + length, 0.9))
            t += length + rng.uniform(0.02, 0.12)
            if len(words) >= n_words:
                break
        segments.append(SpeechSegment(seg_start, t))
        t += rng.choice((0.3, 0.5, 0.8, 1.4, 2.8))
        seg_start = t
    return Transcript(tuple(words), tuple(segments), duration=t + 0.5)


def _time(fn: object, runs: int) -> list[float]:
    assert callable(fn)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    answer = build(300)
    big = build(100_000)

    def small() -> None:
        m = analyze_answer(answer, answer_limit=120, key_points=KEY_POINTS, job_description=JOB)
        feedback_for(m)

    def large() -> None:
        analyze_answer(big, answer_limit=120, key_points=KEY_POINTS, job_description=JOB)

    small()
    rows = []
    for name, fn, runs, words, secs in (
        ("2-minute answer + feedback", small, 200, len(answer.words), answer.duration),
        ("100,000-word transcript", large, 5, len(big.words), big.duration),
    ):
        times = sorted(_time(fn, runs))
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        rows.append((name, words, secs, runs, statistics.median(times), p95))
    print(
        f"Machine: {cpu()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, {platform.system()}\n"
    )
    print("| case | words | audio (s) | runs | median (ms) | p95 (ms) |")
    print("|---|---|---|---|---|---|")
    for name, words, secs, runs, med, p95 in rows:
        print(f"| {name} | {words:,} | {secs:,.0f} | {runs} | {med:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
