"""Per-answer delivery metrics: one call, one frozen result that round-trips through JSON."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis import bands
from greenroom.analysis.coverage import Coverage, job_coverage, key_point_coverage, stems_of
from greenroom.analysis.fillers import FillerStats, filler_indices, filler_stats, find_fillers
from greenroom.analysis.hedges import HedgeStats, find_hedges, hedge_indices, hedge_stats
from greenroom.analysis.pace import (
    MIN_TIME,
    OPENING_WORDS,
    PaceStats,
    articulation_rate,
    pace_windows,
    speaking_rate,
    speaking_span,
)
from greenroom.analysis.pauses import (
    PauseStats,
    merge_segments,
    pause_stats,
    vad_pauses,
    word_gap_pauses,
)
from greenroom.analysis.relevance import (
    MIN_WORDS,
    Relevance,
    TextSimilarity,
    Topic,
    key_point_matches,
    looks_foreign,
    on_topic,
)
from greenroom.analysis.repetition import RepetitionStats, repetition_stats
from greenroom.analysis.sentences import Sentence, sentences
from greenroom.analysis.structure import StarStats, find_star
from greenroom.analysis.timeuse import TimeUse, time_use
from greenroom.analysis.tokens import Span, Token, clean_words, is_timed, tokenize
from greenroom.analysis.voice import VoiceStats, voice_stats
from greenroom.core.bank import key_point_name
from greenroom.core.transcript import Transcript
from greenroom.core.voice import VoiceTrack

# 2: relevance (key points with evidence, on-topic share) and voice; version 1 dicts still load.
FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class AnswerMetrics:
    """Everything measured about one answer.

    Attributes:
        word_count: Words the transcriber heard (fillers included).
        duration: Answer length in seconds, None when unknown (a typed answer).
        timed: False for typed answers: time-based figures are then None.
        pace: Speaking and articulation rate, first-word latency, pace per window.
        fillers: Filler counts, rates and places.
        hedges: Hedge counts and places.
        pauses: Pauses per class and the longest.
        repetition: Immediate repeats and most-used words and phrases.
        time_use: Duration against the limit.
        star: STAR cues.
        key_points: The question's key points covered and missed.
        job: Job-description terms used and missed, None without a description.
        warnings: What was wrong with the input and how it was handled.
        language: The transcript's language tag; word rules apply to English only.
        relevance: Key points with the sentence covering each, and whether the answer stayed on
            the question; None when no question or key points were given (and in metrics
            stored before version 2).
        voice: Pitch and loudness figures; None without a recording (typed answers, a
            transcript analysed without its audio, metrics stored before version 2).
        star_expected: False for a question that is not about something the user did
            (structure.expects_star): its STAR cues are kept but not judged or scored.
        length_target: The question's own answer time in seconds (the bank's, also in an
            untimed run); the answer length band is scaled to it (bands.length_band).
    """

    word_count: int
    duration: float | None
    timed: bool
    pace: PaceStats
    fillers: FillerStats
    hedges: HedgeStats
    pauses: PauseStats
    repetition: RepetitionStats
    time_use: TimeUse
    star: StarStats
    key_points: Coverage
    job: Coverage | None = None
    warnings: tuple[str, ...] = ()
    language: str = "en"
    relevance: Relevance | None = None
    voice: VoiceStats | None = None
    star_expected: bool = True
    length_target: float | None = None

    @property
    def answered(self) -> bool:
        """False for "no answer": not a word was heard (or typed)."""
        return self.word_count > 0

    def values(self) -> dict[str, float | None]:
        """The headline figures by band key (see bands.BANDS), None where not measurable.

        An answer with no words has no figures at all: scoring its silence (an empty answer
        once scored 28.6/100) would drag averages, baselines and the index down.
        """
        timed_pauses = self.pauses.source != "none"
        figures: dict[str, float | None] = {
            "first_word_latency": self.pace.first_word_latency,
            "speaking_rate": self.pace.speaking_rate,
            "articulation_rate": self.pace.articulation_rate,
            "fillers_per_minute": self.fillers.per_minute,
            "fillers_per_100_words": self.fillers.per_100_words,
            "very_long_pauses": float(self.pauses.very_long) if timed_pauses else None,
            "hedges": float(self.hedges.count),
            "immediate_repeats": float(self.repetition.immediate_count),
            "duration": self.duration,
            "star_score": float(self.star.score) if self.star_expected else None,
            "key_point_coverage": self._key_point_share(),
            "job_coverage": self.job.share if self.job else None,
            "on_topic": self._on_topic_share(),
            "pitch_variation": self.voice.pitch_variation_st if self.voice else None,
            "loudness_variation": self.voice.loudness_variation_db if self.voice else None,
            "trailing_off": self.voice.trailing_off if self.voice else None,
        }
        return figures if self.answered else dict.fromkeys(figures)

    def _key_point_share(self) -> float | None:
        if self.relevance is not None and not self.relevance.key_points_judged:
            return None  # key points in another language: "0 %" would be made up
        return self.key_points.share

    def _on_topic_share(self) -> float | None:
        judged = self.relevance.on_topic if self.relevance else None
        return judged.share if judged else None

    def band(self, key: str) -> bands.Band:
        """The band this answer's figure is rated on: the default, but answer length scaled to
        the question's own answer time."""
        if key == "duration" and self.length_target:
            return bands.length_band(self.length_target)
        return bands.BANDS[key]

    def ratings(self) -> dict[str, str]:
        """ "green" / "amber" / "red" / "none" per headline figure, on this answer's bands."""
        return {key: bands.rate(key, v, band=self.band(key)) for key, v in self.values().items()}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (the database stores this)."""
        return {
            "version": FORMAT_VERSION,
            "word_count": self.word_count,
            "duration": self.duration,
            "timed": self.timed,
            "pace": self.pace.to_dict(),
            "fillers": self.fillers.to_dict(),
            "hedges": self.hedges.to_dict(),
            "pauses": self.pauses.to_dict(),
            "repetition": self.repetition.to_dict(),
            "time_use": self.time_use.to_dict(),
            "star": self.star.to_dict(),
            "key_points": self.key_points.to_dict(),
            "job": self.job.to_dict() if self.job else None,
            "warnings": list(self.warnings),
            "language": self.language,
            "relevance": self.relevance.to_dict() if self.relevance else None,
            "voice": self.voice.to_dict() if self.voice else None,
            "star_expected": self.star_expected,
            "length_target": self.length_target,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnswerMetrics:
        """Rebuild from :meth:`to_dict` output (version 1 dicts have no relevance or voice)."""
        duration = data.get("duration")
        job = data.get("job")
        relevance = data.get("relevance")
        voice = data.get("voice")
        target = data.get("length_target")
        return cls(
            word_count=int(data["word_count"]),
            duration=None if duration is None else float(duration),
            timed=bool(data.get("timed", True)),
            pace=PaceStats.from_dict(data["pace"]),
            fillers=FillerStats.from_dict(data["fillers"]),
            hedges=HedgeStats.from_dict(data["hedges"]),
            pauses=PauseStats.from_dict(data["pauses"]),
            repetition=RepetitionStats.from_dict(data["repetition"]),
            time_use=TimeUse.from_dict(data["time_use"]),
            star=StarStats.from_dict(data["star"]),
            key_points=Coverage.from_dict(data.get("key_points", {})),
            job=Coverage.from_dict(job) if job else None,
            warnings=tuple(str(w) for w in data.get("warnings", [])),
            language=str(data.get("language", "en")),
            relevance=Relevance.from_dict(relevance) if relevance else None,
            voice=VoiceStats.from_dict(voice) if voice else None,
            # Stored before these were kept: judged on STAR and the default length band.
            star_expected=bool(data.get("star_expected", True)),
            length_target=None if target is None else float(target),
        )


def analyze_answer(
    transcript: Transcript,
    *,
    answer_limit: float | None,
    key_points: Sequence[str] = (),
    key_point_synonyms: Mapping[str, Sequence[str]] | None = None,
    job_description: str | None = None,
    question: Topic | None = None,
    meaning: TextSimilarity | None = None,
    background: Sequence[str] = (),
    voice: VoiceTrack | None = None,
    star_expected: bool = True,
    length_target: float | None = None,
) -> AnswerMetrics:
    """Measure one answer.

    Args:
        transcript: Words, VAD segments and duration, all in answer time.
        answer_limit: The time limit in seconds, None when there was none.
        key_points: The question's key points from the bank.
        key_point_synonyms: Key point -> synonyms that also count as mentioning it.
        job_description: A pasted job description, for job-term coverage.
        question: The question asked (text, key points, tips), for the on-topic judgement.
        meaning: A sentence-embedding model (greenroom.meaning); without one the answer is not
            judged on topic, and key points are matched by words alone either way.
        background: Descriptions of other interview questions (relevance.Topic.description),
            against which "about this question" is judged.
        voice: The recording's pitch and loudness track (greenroom.voice), for voice figures.
        star_expected: Whether the question is judged on STAR (structure.expects_star).
        length_target: The question's own answer time, for the answer length band.

    Returns:
        The metrics. Bad input (no words, words out of order, times past the end) gives
        sensible figures and a warning, never an exception.
    """
    words, warnings = clean_words(transcript.words, transcript.duration)
    timed = is_timed(words)
    tokens = tokenize(words)
    duration = _duration(transcript, [t.end for t in tokens], warnings)
    speech = merge_segments(
        [s for s in transcript.segments if math.isfinite(s.start) and math.isfinite(s.end)],
        duration=duration or 0.0,
    )
    pace, pauses = _timing(tokens, speech, timed=timed)
    fillers = find_fillers(tokens, timed=timed, duration=duration or 0.0)
    minutes = duration / 60.0 if duration and duration >= MIN_TIME and (timed or speech) else None
    if not transcript.language.lower().startswith("en") and tokens:
        warnings.append(
            f"the answer is in '{transcript.language}'; filler, hedge and STAR rules are for "
            "English, so only the timing figures are meaningful"
        )
    answer_stems = stems_of(t.text for t in tokens)
    parts = sentences(tokens, timed=timed)
    english = transcript.language.lower().startswith("en")
    last_speech = max([t.end for t in tokens] + [e for _, e in speech], default=0.0)
    return AnswerMetrics(
        word_count=len(tokens),
        duration=duration,
        timed=timed,
        pace=pace,
        fillers=filler_stats(fillers, word_count=len(tokens), minutes=minutes),
        hedges=hedge_stats(find_hedges(tokens, timed=timed)),
        pauses=pauses,
        repetition=repetition_stats(tokens, timed=timed),
        time_use=time_use(duration, answer_limit, last_speech=last_speech if timed else None),
        star=find_star(tokens, timed=timed, skip=_star_skip(tokens, fillers)),
        key_points=key_point_coverage(answer_stems, key_points, synonyms=key_point_synonyms),
        job=job_coverage(answer_stems, job_description) if job_description else None,
        warnings=tuple(warnings),
        language=transcript.language,
        relevance=_relevance(
            tokens,
            parts,
            key_points,
            key_point_synonyms,
            question=question,
            meaning=meaning if english else None,
            background=background,
            english=english,
        ),
        voice=voice_stats(voice, tokens, parts) if voice is not None and timed else None,
        star_expected=star_expected,
        length_target=length_target if length_target and length_target > 0 else None,
    )


def _relevance(
    tokens: Sequence[Token],
    parts: Sequence[Sentence],
    key_points: Sequence[str],
    synonyms: Mapping[str, Sequence[str]] | None,
    *,
    question: Topic | None,
    meaning: TextSimilarity | None,
    background: Sequence[str],
    english: bool,
) -> Relevance | None:
    """Key points with evidence and, given a question and a model, the on-topic judgement."""
    if question is None and not key_points:
        return None
    matches = key_point_matches(tokens, parts, key_points, synonyms=synonyms)
    foreign = tuple(n for n in map(key_point_name, key_points) if looks_foreign(n))
    if foreign and len(foreign) == len(key_points) and not any(m.covered for m in matches):
        note = (
            "The key points are not in English, and key points are matched by their words, so "
            "they could not be checked against this answer."
        )
        text = question.question if question else ""
        return Relevance(text, matches, None, note, foreign)
    if question is None or not question.question.strip():
        note = "No question was given, so staying on it was not judged."
        return Relevance("", matches, None, note, foreign)
    if not english:
        note = "The on-topic check reads English only, so this answer was not judged."
    elif meaning is None:
        note = "The sentence-meaning model was not available, so staying on topic was not judged."
    elif len(tokens) < MIN_WORDS:
        note = f"Fewer than {MIN_WORDS} words: too few to judge what the answer was about."
    else:
        judged = on_topic(meaning, question, parts, background=background)
        return Relevance(question.question, matches, judged, "", foreign)
    return Relevance(question.question, matches, None, note, foreign)


def _duration(transcript: Transcript, ends: Sequence[float], warnings: list[str]) -> float | None:
    """The answer's length: as given, stretched to the last word or segment if they run on."""
    segment_ends = [s.end for s in transcript.segments if math.isfinite(s.end)]
    latest = max([*ends, *segment_ends], default=0.0)
    given = transcript.duration if math.isfinite(transcript.duration) else 0.0
    if given > 0:
        return max(given, latest)
    if latest > 0:
        warnings.append(
            "no answer duration was given; the answer is taken to end with the last word"
        )
        return latest
    return None


def _timing(
    tokens: Sequence[Token], speech: Sequence[tuple[float, float]], *, timed: bool
) -> tuple[PaceStats, PauseStats]:
    """Pace and pauses from the VAD when it ran, else from word gaps, else nothing."""
    rate = speaking_rate(tokens) if timed else None
    windows = pace_windows(tokens) if timed else ()
    if speech:
        pauses = pause_stats(vad_pauses(speech, tokens), source="vad")
        speech_time = sum(end - start for start, end in speech)
        latency: float | None = speech[0][0]
        source = "vad"
    elif timed and tokens:
        pauses = pause_stats(word_gap_pauses(tokens), source="word gaps")
        speech_time = speaking_span(tokens) - pauses.silence
        latency = tokens[0].start
        source = "word gaps"
    else:
        pauses = pause_stats([], source="none")
        return PaceStats(None, None, None, "none", ()), pauses
    articulation = articulation_rate(len(tokens), speech_time) if timed else None
    opening = " ".join(t.raw.strip() for t in tokens[:OPENING_WORDS])
    return PaceStats(rate, articulation, latency, source, windows, opening), pauses


# Adverbs that sit between a subject and its verb without changing the action ("I also set up").
_STAR_TRANSPARENT = frozenset(
    ["actually", "also", "really", "quickly", "immediately", "finally", "eventually", "personally"]
)


def _star_skip(tokens: Sequence[Token], fillers: Sequence[Span]) -> frozenset[int]:
    """Tokens STAR cue matching reads past: fillers, hedges and a few adverbs."""
    adverbs = {t.index for t in tokens if t.text in _STAR_TRANSPARENT}
    return filler_indices(tokens, fillers) | hedge_indices(tokens) | adverbs
