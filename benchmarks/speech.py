"""Speech engine benchmark: accuracy, speed, memory, fillers and streaming latency.

Run: PYTHONPATH=src .venv/bin/python benchmarks/speech.py [--no-realtime]
Each engine runs in its own subprocess so its peak resident memory is measured alone.
Prints a Markdown table (record it in docs/benchmarks.md with the machine it ran on).

``--paths`` prints instead, for the default engine, each eval set through both transcription
paths (whole file: ``transcribe_samples``; streamed: the app's ``StreamingTranscriber`` via
``replay``): word error rate, inserted words per minute (hypothesis words aligned to nothing in
the reference), filler recall and precision.
Measures on the ../shared/eval sets (eval_sets.py); a set that is absent is replaced by the
repository's test clips (tests/data/audio), and the output says so: those figures are not
comparable with the ones recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "speech")]

from eval_sets import eval_set, long_meta, manifest  # noqa: E402
from machine import cpu  # noqa: E402
from speech_helpers import fillers, word_error_rate  # noqa: E402

from support import audio_data  # noqa: E402
from support.wer import align  # noqa: E402

CONFIGS = {
    "whisper-b1": "faster-whisper tiny.en int8, beam 1",
    "whisper-b5": "faster-whisper tiny.en int8, beam 5",
    "sphinx": "PocketSphinx 5 (direct decoder)",
}


def _machine() -> str:
    python = sys.version.split()[0]
    return f"machine: {cpu()}, {os.cpu_count()} CPUs, {sys.platform}, Python {python}\n"


def _engine(config: str) -> object:
    if config.startswith("whisper"):
        from greenroom.speech.whisper_engine import WhisperEngine

        return WhisperEngine.create(beam_size=int(config[-1]))
    from greenroom.speech.sphinx_engine import SphinxEngine

    return SphinxEngine()


def _clips(kind: str) -> list[tuple[Path, str]]:
    """(file, reference) of every clip in the "speech" or "disfluent" set."""
    folder = eval_set(kind, instead=f"using the repository's {kind} clips (tests/data/audio)")
    if folder is not None:
        return [(folder / row["file"], row["reference"]) for row in manifest(folder)]
    return [(c.path, c.reference) for c in audio_data.clips("read" if kind == "speech" else kind)]


def _answer() -> tuple[Path, str]:
    """The 2-minute answer and its reference."""
    folder = eval_set("long", instead="using the 2-minute answer built from tests/data/audio")
    if folder is not None:
        return folder / "answer_2min.wav", long_meta(folder, "answer_2min")["reference"]
    built = audio_data.answer_2min()
    return built.path, built.reference


def _realtime_delay(engine: object) -> tuple[float, float]:
    """Replay the 2-minute answer at wall-clock pace; return (delay after end, stream WER)."""
    from greenroom.speech.audio import load_audio
    from greenroom.speech.streaming import StreamingTranscriber

    path, reference = _answer()
    samples = load_audio(path)
    stream = StreamingTranscriber(engine)  # type: ignore[arg-type]
    chunk, began = 1600, time.monotonic()
    for i in range(0, len(samples), chunk):
        due = began + i / 16_000
        if (wait := due - time.monotonic()) > 0:
            time.sleep(wait)
        stream.feed(samples[i : i + chunk])
    ended = time.monotonic()
    transcript = stream.finish()
    delay = time.monotonic() - ended
    wer = word_error_rate([reference], [transcript.text])
    return delay, wer


def worker(config: str, realtime: bool) -> dict[str, float]:
    from greenroom.speech.audio import load_audio

    started = time.perf_counter()
    engine = _engine(config)
    if config == "sphinx":
        engine.transcribe(load_audio(audio_data.clip("sr_english")))  # type: ignore[attr-defined]
    load = time.perf_counter() - started
    refs, hyps, audio_s, busy = [], [], 0.0, 0.0
    for path, ref in _clips("speech"):
        samples = load_audio(path)
        t0 = time.perf_counter()
        words = engine.transcribe(samples)  # type: ignore[attr-defined]
        busy += time.perf_counter() - t0
        audio_s += len(samples) / 16_000
        refs.append(ref)
        hyps.append(" ".join(w.text for w in words))
    kept = found = expected = 0
    for path, reference in _clips("disfluent"):
        samples = load_audio(path)
        hyp = fillers(" ".join(w.text for w in engine.transcribe(samples)))  # type: ignore[attr-defined]
        ref = fillers(reference)
        kept += min(len(ref), len(hyp))
        found += len(hyp)
        expected += len(ref)
    result = {
        "wer": word_error_rate(refs, hyps),
        "rtf": busy / audio_s,
        "load": load,
        "filler_recall": kept / expected,
        "filler_precision": kept / found if found else 0.0,
        "fillers": f"{kept}/{expected} (found {found})",
    }
    if realtime:
        result["delay"], result["stream_wer"] = _realtime_delay(engine)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result  # type: ignore[return-value]


Span = tuple[str, float, float]


def _pause_files() -> list[tuple[Path, str, list[Span]]]:
    """(file, reference, (clip name, start, end) of each part) of every long/pauses_* file."""
    folder = eval_set("long", instead="using the pause files built from tests/data/audio")
    if folder is not None:
        metas = [(p, long_meta(folder, p.stem)) for p in sorted(folder.glob("pauses_*.wav"))]
        return [(p, m["reference"], [(n, s, e) for n, s, e in m["parts"]]) for p, m in metas]
    return [
        (j.path, j.reference, [(p.name, p.start, p.end) for p in j.parts])
        for j in audio_data.pause_files()
    ]


def _score(rows: list[tuple[str, str, float]]) -> str:
    """Table cells for (reference, hypothesis, seconds of speech) rows."""
    refs, hyps = [r for r, _, _ in rows], [h for _, h, _ in rows]
    inserted = sum(len(align(r, h).inserted) for r, h in zip(refs, hyps, strict=True))
    minutes = sum(s for _, _, s in rows) / 60
    kept = found = expected = 0
    for ref, hyp in zip(refs, hyps, strict=True):
        r, h = fillers(ref), fillers(hyp)
        kept, found, expected = kept + min(len(r), len(h)), found + len(h), expected + len(r)
    recall = f"{kept / expected:.0%} ({kept}/{expected})" if expected else "n/a"
    precision = f"{kept / found:.0%} ({kept}/{found})" if found else "n/a (none written)"
    return (
        f"{word_error_rate(refs, hyps):.1%} | {inserted / minutes:.2f} ({inserted}) | "
        f"{recall} | {precision}"
    )


def paths_table(model_dir: str | None = None) -> None:
    """Each eval set through the whole-file and the streamed path (``--paths``).

    ``model_dir`` is a CTranslate2 Whisper folder to measure instead of the bundled tiny.en,
    loaded as the app loads a model folder the user chose; English is fixed, as for tiny.en.
    """
    from greenroom.speech.audio import load_audio
    from greenroom.speech.streaming import replay
    from greenroom.speech.transcribe import transcribe_samples
    from greenroom.speech.whisper_engine import WhisperEngine

    engine = WhisperEngine.create(user_dir=Path(model_dir) if model_dir else None)
    engine.language = "en"
    paths = {
        "whole file": lambda x: transcribe_samples(x, engine).text,
        "streamed": lambda x: replay(x, engine).text,
    }
    clip_sets = {kind: _clips(kind) for kind in ("speech", "disfluent")}
    by_name = {p.stem: (p, ref) for p, ref in clip_sets["speech"]}
    files = [(load_audio(p), ref, parts) for p, ref, parts in _pause_files()]  # read once
    answer_path, answer_ref = _answer()
    model = model_dir or engine.model_name
    print(f"engine: {engine.name} {model}, beam {engine.beam_size}")
    print(_machine())
    print("| set | path | WER | inserted words / min | filler recall | filler precision |")
    print("|---|---|---|---|---|---|")
    for label, run in paths.items():
        started = time.process_time()
        for kind, items in clip_sets.items():
            rows = []
            for path, ref in items:
                samples = load_audio(path)
                rows.append((ref, run(samples), len(samples) / 16_000))
            print(f"| {kind}/ | {label} | {_score(rows)} |", flush=True)
        rows = [(ref, run(x), sum(e - s for _, s, e in parts)) for x, ref, parts in files]
        print(f"| long/pauses_* | {label} | {_score(rows)} |", flush=True)
        # The same clips transcribed one by one: the long files should do as well. The clean
        # clips are what the goal names; half the files lie over noise, so the parts cut from
        # the files themselves (same audio, noise included) tell the silences' cost apart.
        rows = []
        for name in [n for _, _, parts in files for n, _, _ in parts if n in by_name]:
            samples = load_audio(by_name[name][0])
            rows.append((by_name[name][1], run(samples), len(samples) / 16_000))
        print(f"| their clips one by one | {label} | {_score(rows)} |", flush=True)
        rows = [
            (by_name[name][1], run(x[round(s * 16_000) : round(e * 16_000)]), e - s)
            for x, _, parts in files
            for name, s, e in parts
            if name in by_name
        ]
        print(f"| their parts cut from the files | {label} | {_score(rows)} |", flush=True)
        samples = load_audio(answer_path)
        rows = [(answer_ref, run(samples), len(samples) / 16_000)]
        print(f"| long/answer_2min | {label} | {_score(rows)} |", flush=True)
        print(f"<!-- {label}: {time.process_time() - started:.0f} s CPU -->", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", choices=CONFIGS)
    parser.add_argument("--no-realtime", action="store_true")
    parser.add_argument("--paths", action="store_true", help="whole file vs streamed, per set")
    parser.add_argument("--model-dir", help="with --paths: a CTranslate2 Whisper model folder")
    args = parser.parse_args()
    if args.paths:
        paths_table(args.model_dir)
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, not args.no_realtime)))
        return 0
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    print(_machine())
    print(
        "| engine | WER (speech/) | processing / audio time | load s | peak RSS MB "
        "| filler recall | filler precision | 2-min answer real time: ready after end "
        "| streamed WER |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for config, label in CONFIGS.items():
        realtime = not args.no_realtime and config != "sphinx"
        cmd = [sys.executable, __file__, "--worker", config]
        if not realtime:
            cmd.append("--no-realtime")
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        delay = f"{r['delay']:.2f} s" if "delay" in r else "n/a"
        swer = f"{r['stream_wer']:.1%}" if "stream_wer" in r else "n/a"
        print(
            f"| {label} | {r['wer']:.1%} | {r['rtf']:.3f} | {r['load']:.2f} | "
            f"{r['peak_mb']:.0f} | {r['filler_recall']:.0%} ({r['fillers']}) | "
            f"{r['filler_precision']:.0%} | {delay} | {swer} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
