"""`greenroom analyze TRANSCRIPT.json [--limit S] [--json]`: metrics and feedback for a transcript.

Reads either what `greenroom transcribe --json` writes (Transcript.to_dict()) or a bare words
file (a JSON list of {text, start, end[, probability]}). A words file has no VAD segments, so
pauses and latency come from word gaps and the report says they are approximate.
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
from typing import Any, TextIO

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.metrics import analyze_answer
from greenroom.analysis.report import RENDERERS
from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.paths import AppPaths

_SHAPE = (
    "Give the JSON that 'greenroom transcribe --json' writes, or a list of words like "
    '[{"text": "Hello", "start": 0.5, "end": 0.9}]'
)


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    return run_analyze(args.file, answer_limit=args.limit, as_json=args.json, out=out)


def run_analyze(
    path: pathlib.Path, *, answer_limit: float | None, as_json: bool, out: TextIO
) -> int:
    """Analyse a transcript file and print the report.

    Args:
        path: The transcript JSON or words file.
        answer_limit: The answer's time limit in seconds, None for none.
        as_json: Print JSON instead of text.
        out: Where to print.

    Returns:
        0 on success.

    Raises:
        GreenroomError: The file is missing, unreadable, not JSON, or not a transcript.
    """
    if answer_limit is not None and not (math.isfinite(answer_limit) and answer_limit > 0):
        raise GreenroomError(
            f"the answer limit must be a positive number of seconds, not {answer_limit}",
            fix="Pass --limit 120 for a two-minute answer, or leave it out",
        )
    transcript = load_transcript(path)
    metrics = analyze_answer(transcript, answer_limit=answer_limit)
    out.write(RENDERERS[as_json](metrics, feedback_for(metrics)))
    return 0


def load_transcript(path: pathlib.Path) -> Transcript:
    """Read a transcript or words file, with a clear error for anything else."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GreenroomError("file not found", where=where, fix="Check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GreenroomError(
            f"cannot read the file ({exc.__class__.__name__})",
            where=where,
            fix="Check it is a UTF-8 JSON file you can open",
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GreenroomError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            where=where,
            fix=_SHAPE,
        ) from None
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise GreenroomError(
            f"not a transcript ({_describe(exc)})", where=where, fix=_SHAPE
        ) from None


def _parse(data: Any) -> Transcript:
    if isinstance(data, list):
        words = tuple(_word(w, k) for k, w in enumerate(data))
        return Transcript(words=words, duration=0.0)
    if not isinstance(data, dict) or "words" not in data:
        raise ValueError("expected an object with a 'words' list, or a list of words")
    if not isinstance(data["words"], list):
        raise ValueError("'words' must be a list")
    segments = data.get("segments") or []
    if not isinstance(segments, list):
        raise ValueError("'segments' must be a list")
    return Transcript(
        words=tuple(_word(w, k) for k, w in enumerate(data["words"])),
        segments=tuple(SpeechSegment.from_dict(s) for s in segments),
        duration=float(data.get("duration") or 0.0),
        engine=str(data.get("engine", "")),
        model=str(data.get("model", "")),
        language=str(data.get("language") or "en"),
    )


def _word(item: Any, k: int) -> Word:
    if not isinstance(item, dict):
        raise ValueError(f"word {k + 1} is not an object")
    for key in ("text", "start", "end"):
        if key not in item:
            raise ValueError(f"word {k + 1} has no '{key}'")
    return Word.from_dict(item)


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    return str(exc)
