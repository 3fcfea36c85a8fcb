"""`greenroom analyze TRANSCRIPT.json`: metrics and feedback for a transcript.

    greenroom analyze answer.json [--limit S] [--json]
        [--question TEXT] [--key-point TEXT ...] | [--bank ID --question-id QID]
        [--audio answer.flac]

Reads either what `greenroom transcribe --json` writes (Transcript.to_dict()) or a bare words
file (a JSON list of {text, start, end[, probability]}). A words file has no VAD segments, so
pauses and latency come from word gaps and the report says they are approximate. With a question
(given, or from a bank) the key points are matched with the sentence that covers each and the
answer is judged for staying on the question; with the recording, the voice is measured.
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
from typing import Any, TextIO

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.relevance import Topic
from greenroom.analysis.report import RENDERERS
from greenroom.analysis.structure import expects_star
from greenroom.core.bank import Question
from greenroom.core.errors import GreenroomError
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.paths import AppPaths

_SHAPE = (
    "Give the JSON that 'greenroom transcribe --json' writes, or a list of words like "
    '[{"text": "Hello", "start": 0.5, "end": 0.9}]'
)


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    asked = _question(args, paths)
    # As in the practice room: a bank question is judged on STAR by its category and its
    # length on its own answer time; a question given as text, by its wording.
    if isinstance(asked, Question):
        # loads the models' modules
        from greenroom.services.answer_analysis import star_and_length, topic_of

        question: Topic | None = topic_of(asked)
        star, target = star_and_length(asked)
    else:
        question, target = asked, None
        star = asked is None or not asked.question or expects_star(None, asked.question)
    return run_analyze(
        args.file,
        answer_limit=args.limit,
        as_json=args.json,
        out=out,
        question=question,
        audio=args.audio,
        star_expected=star,
        length_target=target,
    )


def _question(args: argparse.Namespace, paths: AppPaths) -> Question | Topic | None:
    """The question from --question/--key-point, or from --bank/--question-id."""
    key_points = tuple(k.strip() for k in args.key_points if k.strip())
    if args.bank or args.question_id:
        if not (args.bank and args.question_id):
            raise GreenroomError(
                "--bank and --question-id go together",
                fix="Give both, for example --bank openers --question-id tell-me-about-yourself",
            )
        if args.question or key_points:
            raise GreenroomError(
                "give the question either with --bank/--question-id or with --question/--key-point",
                fix="Leave out one of the two",
            )
        return _bank_question(paths, args.bank, args.question_id)
    if args.question is None and not key_points:
        return None
    return Topic((args.question or "").strip(), key_points)


def _bank_question(paths: AppPaths, bank_id: str, question_id: str) -> Question:
    from greenroom.services.startup import open_store
    from greenroom.store import banks_repo

    bank = banks_repo.get_bank(open_store(paths).engine, bank_id, include_retired=True)
    for q in bank.questions:
        if q.id == question_id:
            return q
    raise GreenroomError(
        f"bank {bank_id!r} has no question with id {question_id!r}",
        fix=f"See its questions with: greenroom banks show {bank_id}",
    )


def run_analyze(
    path: pathlib.Path,
    *,
    answer_limit: float | None,
    as_json: bool,
    out: TextIO,
    question: Topic | None = None,
    audio: pathlib.Path | None = None,
    star_expected: bool = True,
    length_target: float | None = None,
) -> int:
    """Analyse a transcript file and print the report.

    Args:
        path: The transcript JSON or words file.
        answer_limit: The answer's time limit in seconds, None for none.
        as_json: Print JSON instead of text.
        out: Where to print.
        question: The question asked (its text and key points), if known.
        audio: The answer's recording, for the voice measures.
        star_expected: Whether the answer is judged on STAR (structure.expects_star).
        length_target: The question's own answer time, for the answer length band.

    Returns:
        0 on success.

    Raises:
        GreenroomError: The file is missing, unreadable, not JSON, or not a transcript; the
            recording cannot be read.
    """
    if answer_limit is not None and not (math.isfinite(answer_limit) and answer_limit > 0):
        raise GreenroomError(
            f"the answer limit must be a positive number of seconds, not {answer_limit}",
            fix="Pass --limit 120 for a two-minute answer, or leave it out",
        )
    transcript = load_transcript(path)
    # Imported here: the models (numpy, wordllama, onnxruntime) load only for this command.
    from greenroom.services.answer_analysis import analyze_full, voice_track

    voice = voice_track(audio) if audio is not None else None  # a bad file is the user's error
    metrics = analyze_full(
        transcript,
        answer_limit=answer_limit,
        question=question if question and (question.question or question.key_points) else None,
        voice=voice,
        star_expected=star_expected,
        length_target=length_target,
    )
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
