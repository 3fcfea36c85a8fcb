"""Realistic practice history for tests, the benchmark and the screenshots.

``make_answer`` builds a timed transcript (words, VAD segments, fillers and pauses that grow
with nerves) and analyses it the way the practice room does; ``judged`` answers are also judged
against a question (on topic, by support.meaning's stand-in model) and get a voice track (pitch
that moves less when nervous), as answers recorded since issue 16 do. ``seed_history`` writes
sessions through the real repository functions; ``bulk_seed`` writes many rows fast for the
benchmark.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from greenroom.analysis import analyze_answer
from greenroom.analysis.relevance import Topic
from greenroom.analysis.session import SelfReport, summarize_session
from greenroom.core.session import Answer, AnswerKind, Mode, PracticeSession
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.core.voice import VoiceTrack
from greenroom.store import sessions_repo
from greenroom.store.models import AnswerRow, QuestionRow, SessionRow

SENTENCES = (
    "At my last job our team was responsible for the weekly release of the billing service.",
    "The problem was that releases took two days and often broke on Friday evenings.",
    "I decided to automate the test suite and I set up a staging checklist with the leads.",
    "We migrated the scripts to the new pipeline and trained two people on the process.",
    "As a result we reduced release time from two days to four hours within a quarter.",
    "I learned to ask for help early and to write down what we agreed with stakeholders.",
    "When I joined the support team the backlog had grown to three hundred open tickets.",
    "My task was to bring it down without hiring, so I sorted the tickets by customer impact.",
    "Then I wrote templates for the ten most common questions and shared them with everyone.",
    "In the end the backlog fell by seventy percent and customer satisfaction went up.",
)
# Said instead of a sentence now and then when nervous: off the question.
DRIFT = (
    "My weekend was spent hiking in the hills with my dog and my two cousins.",
    "The weather in my home town is mild and the football club there is famous.",
)
TOPIC = Topic(
    "Tell me about a time you improved how your team worked.",
    ("release", "backlog", "result"),
    "Say what you changed (releases, tests, tickets, the backlog), what you did yourself for "
    "the team and the customer, and the result you measured.",
)
FILLERS = ("um", "uh", "like,", "you know,", "so")
HEDGES = ("I think", "maybe", "just", "kind of")


@dataclass(frozen=True, slots=True)
class SeededAnswer:
    transcript: Transcript
    metrics: dict[str, Any]
    delivery_index: float | None
    text: str


def make_answer(
    rng: random.Random, *, nerves: float, sentences: int = 4, judged: bool = False
) -> SeededAnswer:
    """One spoken answer; ``nerves`` 0-100 sets how many fillers, hedges and long pauses (and,
    ``judged``, how often it drifts off the question and how flat the voice is)."""
    words: list[Word] = []
    segments: list[SpeechSegment] = []
    t = 0.8 + nerves / 100 * rng.uniform(1.0, 5.0)  # first-word latency
    seg_start = t
    start = rng.randrange(len(SENTENCES))
    for k in range(sentences):
        sentence = SENTENCES[(start + k) % len(SENTENCES)].split()
        if judged and rng.random() < nerves / 250:
            sentence = rng.choice(DRIFT).split()
        if rng.random() < nerves / 120:
            sentence.insert(rng.randrange(len(sentence)), rng.choice(HEDGES))
        for raw in sentence:
            if rng.random() < nerves / 900:
                for part in rng.choice(FILLERS).split():
                    words.append(Word(part, t, t + 0.3))
                    t += 0.4
            for part in raw.split():
                length = 0.12 + 0.035 * len(part)
                words.append(Word(part, t, t + length))
                t += length + rng.uniform(0.04, 0.12) * (1 + nerves / 100)
        gap = rng.uniform(0.3, 0.9) + (rng.uniform(1.0, 3.5) if rng.random() < nerves / 150 else 0)
        segments.append(SpeechSegment(seg_start, t))
        t += gap
        seg_start = t
    transcript = Transcript(words=tuple(words), segments=tuple(segments), duration=t + 0.5)
    if judged:
        from support.meaning import BACKGROUND, WordOverlap

        metrics = analyze_answer(
            transcript,
            answer_limit=120,
            key_points=TOPIC.key_points,
            question=TOPIC,
            meaning=WordOverlap(),
            background=BACKGROUND,
            voice=_voice(transcript, spread_st=4.5 - 3.5 * nerves / 100, rng=rng),
        )
    else:
        metrics = analyze_answer(transcript, answer_limit=120)
    from greenroom.analysis.session import delivery_index

    index = delivery_index(metrics.values()).score
    text = " ".join(w.text for w in words)
    return SeededAnswer(transcript, metrics.to_dict(), index, text)


def _voice(transcript: Transcript, *, spread_st: float, rng: random.Random) -> VoiceTrack:
    """A voice track for the transcript: voiced inside words, pitch around 140 Hz moving by
    about ``spread_st`` semitones (slow waves, as intonation does), quieter between words."""
    period = 0.016
    frames = int((transcript.duration or 0.0) / period)
    f0, level = [0.0] * frames, [-60.0] * frames
    phase = rng.uniform(0, 6.28)
    for word in transcript.words:
        for k in range(int(word.start / period), min(frames, int(word.end / period) + 1)):
            t = k * period
            semitones = spread_st * (math.sin(1.3 * t + phase) + 0.5 * math.sin(3.1 * t))
            f0[k] = round(140.0 * 2 ** (semitones / 12), 2)
            level[k] = -22.0 + rng.uniform(-3, 3)
    return VoiceTrack(
        period, tuple(f0), tuple(level), transcript.duration or 0.0, 0.5, 0.0, "seeded"
    )


def question_keys(engine: Engine, limit: int = 40) -> list[tuple[int, str]]:
    """Some built-in questions (key, text), taken in turn from each category."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(QuestionRow.key, QuestionRow.text, QuestionRow.category).order_by(
                QuestionRow.key
            )
        ).all()
    by_category: dict[str, list[tuple[int, str]]] = {}
    for key, text, category in rows:
        by_category.setdefault(str(category), []).append((int(key), str(text)))
    turns = [q for group in zip(*by_category.values(), strict=False) for q in group]
    return turns[:limit]


def seed_history(
    engine: Engine,
    *,
    sessions: int,
    start: datetime | None = None,
    days: float = 60.0,
    answers_per_session: int = 3,
    audio_from: Path | None = None,
    audio_dir: Path | None = None,
    data_dir: Path | None = None,
    seed: int = 7,
    banks: tuple[str, ...] = ("openers", "behavioral-star"),
    judged_from: int | None = None,
) -> list[int]:
    """Sessions over ``days`` days with nerves trending down; returns their ids, oldest first.

    Sessions from number ``judged_from`` (0-based) on have answers judged on topic and with a
    voice track (see ``make_answer``); the ones before have neither, as before issue 16.

    With ``audio_from`` (a WAV or FLAC) each spoken answer gets a copy of it under ``audio_dir``
    and an ``audio_path`` relative to ``data_dir``.
    """
    rng = random.Random(seed)
    start = start or datetime(2026, 9, 1, 18, 0, tzinfo=UTC)
    questions = question_keys(engine)
    ids: list[int] = []
    for n in range(sessions):
        progress = n / max(sessions - 1, 1)
        nerves = round(max(5, min(95, 72 - 40 * progress + rng.uniform(-6, 6))))
        when = start + timedelta(days=days * progress, minutes=rng.randrange(0, 120))
        bank = (banks[n % len(banks)],)
        mode = (Mode.WARM_UP, Mode.TIMED, Mode.ONE_WAY, Mode.DRILL)[n % 4]
        session = sessions_repo.create_session(
            engine,
            PracticeSession(
                None,
                when,
                mode,
                bank_ids=bank,
                nerves_before=nerves,
                settings={"categories": [], "job_description": ""},
            ),
        )
        assert session.id is not None
        metrics = []
        for pos in range(answers_per_session):
            qk, qtext = questions[(n * answers_per_session + pos) % len(questions)]
            judged = judged_from is not None and n >= judged_from
            seeded = make_answer(rng, nerves=nerves, judged=judged)
            audio = None
            if audio_from is not None and audio_dir is not None and data_dir is not None:
                target = audio_dir / f"s{session.id}-q{pos}-t1{audio_from.suffix}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(audio_from.read_bytes())
                audio = target.relative_to(data_dir).as_posix()
            sessions_repo.record_answer(
                engine,
                Answer(
                    None,
                    session.id,
                    qk,
                    qtext,
                    pos,
                    kind=AnswerKind.SPOKEN,
                    started_at=when + timedelta(minutes=2 * pos),
                    duration_seconds=float(seeded.transcript.duration or 0.0),
                    answer_limit_seconds=120.0,
                    transcript=seeded.text,
                    words=[w.to_dict() for w in seeded.transcript.words],
                    segments=[s.to_dict() for s in seeded.transcript.segments],
                    audio_path=audio,
                    metrics=seeded.metrics,
                    delivery_index=seeded.delivery_index,
                    self_rating=rng.choice((2, 3, 3, 4, 4, 5)),
                ),
            )
            metrics.append(seeded.metrics)
        after = max(0, nerves - rng.randrange(5, 25))
        confidence = round(min(100, 35 + 50 * progress + rng.uniform(-8, 8)))
        sessions_repo.finish_session(
            engine,
            session.id,
            ended_at=when + timedelta(minutes=20),
            nerves_after=after,
            confidence_after=confidence,
            summary=_summary(metrics, nerves, after, confidence),
        )
        ids.append(session.id)
    return ids


def _summary(metrics: list[dict[str, Any]], before: float, after: float, conf: float) -> Any:
    from greenroom.analysis.metrics import AnswerMetrics

    return summarize_session(
        [AnswerMetrics.from_dict(m) for m in metrics],
        report=SelfReport(before, after, conf),
    ).to_dict()


def bulk_seed(engine: Engine, *, sessions: int, answers: int, seed: int = 11) -> None:
    """Many sessions fast: a pool of analysed answers reused, inserted in large batches."""
    rng = random.Random(seed)
    pool = [make_answer(rng, nerves=n) for n in range(5, 95, 3) for _ in range(2)]
    questions = question_keys(engine, limit=200)
    start = datetime(2021, 1, 1, 18, 0, tzinfo=UTC)
    per = answers // sessions
    session_rows: list[dict[str, Any]] = []
    picks: list[list[SeededAnswer]] = []
    for n in range(sessions):
        progress = n / max(sessions - 1, 1)
        nerves = round(max(5, min(95, 75 - 40 * progress + rng.uniform(-8, 8))))
        picked = [pool[rng.randrange(len(pool))] for _ in range(per)]
        picks.append(picked)
        summary = _summary([p.metrics for p in picked], nerves, nerves - 10, 50)
        when = start + timedelta(hours=n * 4)
        session_rows.append(
            {
                "id": n + 1,
                "started_at": when,
                "ended_at": when + timedelta(minutes=20),
                "mode": ("warm-up", "timed", "one-way", "drill")[n % 4],
                "status": "interrupted" if n % 50 == 49 else "completed",
                "settings": {"categories": [], "job_description": ""},
                "bank_ids": [("openers", "behavioral-star", "closing")[n % 3]],
                "nerves_before": nerves,
                "nerves_after": max(0, nerves - rng.randrange(3, 25)),
                "confidence_after": round(min(100, 30 + 55 * progress + rng.uniform(-8, 8))),
                "notes": "",
                "summary": summary,
                **sessions_repo.summary_columns(summary),
            }
        )
    with engine.begin() as conn:
        conn.execute(insert(SessionRow), session_rows)
    batch: list[dict[str, Any]] = []
    for n in range(answers):
        sid = n // per + 1 if n // per < sessions else sessions
        # The session's own answers, so its summary (and columns) agree with its answers.
        a = picks[sid - 1][n % per] if n // per < sessions else pool[rng.randrange(len(pool))]
        qk, qtext = questions[n % len(questions)]
        batch.append(
            {
                "session_id": sid,
                "question_key": qk,
                "question_text": qtext,
                "position": n % per,
                "take": 1,
                "kind": "spoken",
                "started_at": start + timedelta(hours=(sid - 1) * 4, minutes=n % per),
                "duration_seconds": float(a.transcript.duration or 0.0),
                "answer_limit_seconds": 120.0,
                "transcript": a.text,
                "words": [w.to_dict() for w in a.transcript.words],
                "segments": [s.to_dict() for s in a.transcript.segments],
                "audio_path": None,
                "metrics": a.metrics,
                "delivery_index": a.delivery_index,
                "self_rating": rng.choice((None, 2, 3, 4, 5)),
            }
        )
        if len(batch) == 5000:
            with engine.begin() as conn:
                conn.execute(insert(AnswerRow), batch)
            batch = []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(AnswerRow), batch)
