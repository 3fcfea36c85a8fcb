"""How the voice sounded: pitch level, range and variation, loudness and how sentences ended.

Input is the answer's VoiceTrack (greenroom.voice: swift-f0 pitch and RMS level per 16 ms frame)
and the transcript's timed words. Only frames while words were being spoken count (each word's
span widened by WORD_PAD), so silence, breaths between answers and music in the background do not.

* Pitch is summarised over voiced frames in semitones relative to the speaker's own median F0
  (12 x log2(f / median)), which makes men's and women's voices comparable (Traunmüller and
  Eriksson 1995). Variation is the standard deviation of that, range the 5th-95th percentile span.
* Monotone: variation below MONOTONE_ST semitones (docs/metrics.md gives the evidence).
* Loudness is the RMS level in dB below full scale (dBFS). Its absolute value depends on the
  microphone and its gain, so it is reported without a band; its variation is the SD of the level
  over voiced frames.
* Trailing off: a sentence whose last word is TRAIL_DB or more quieter than the rest of it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.sentences import Sentence
from greenroom.analysis.tokens import Token, opt_float
from greenroom.core.voice import VoiceTrack

WORD_PAD = 0.1  # seconds either side of a word that still count as its speech
MIN_VOICED = 3.0  # seconds of voiced speech needed to judge pitch variation
MONOTONE_ST = 1.5  # pitch SD below this many semitones: monotone (see docs/metrics.md)
# Last word this much quieter than the rest of its sentence: trailing off. Sentence-final words
# are normally a little quieter (declination): on the read speech of tests/data/audio the median
# drop was 3.6 dB and a 6 dB rule flagged 41 % of sentences; 10 dB (a sound about half as loud)
# flags 18 %, inside the band's comfortable quarter (benchmarks/voice.py --sentence-ends).
TRAIL_DB = 10.0
MIN_SENTENCE_WORDS = 4
CLIPPED_SHARE = 0.001  # 0.1 % of samples at full scale: the recording is clipped
WHISPER_VOICED = 0.15  # under 15 % of word time voiced: whispered (or not a voice)


@dataclass(frozen=True, slots=True)
class VoiceStats:
    """The voice figures of one answer (None where the recording cannot support them).

    Attributes:
        voiced_seconds: Seconds of voiced speech while words were spoken.
        pitch_median_hz: Median F0 of voiced speech, Hz.
        pitch_range_st: 5th to 95th percentile span of F0, semitones.
        pitch_variation_st: Standard deviation of F0 around its median, semitones.
        monotone: pitch_variation_st below MONOTONE_ST.
        loudness_dbfs: Median level of voiced speech, dB below full scale (negative).
        loudness_variation_db: Standard deviation of that level, dB.
        loudness_trend_db: Level of the last third of the voiced speech minus the first third,
            dB (negative: the answer got quieter).
        end_drop_db: Median over sentences of how much quieter the last word was than the rest
            of its sentence, dB (positive: quieter at the end).
        trailing_off: Share (0-1) of sentences whose last word was TRAIL_DB or more quieter.
        sentences: Sentences judged for trailing off (four words or more, with voiced speech).
        trailing_examples: (time, words) of up to three sentences that trailed off.
        notes: What was wrong with the recording and which figures it left out.
        tracker: The pitch tracker used.
    """

    voiced_seconds: float
    pitch_median_hz: float | None = None
    pitch_range_st: float | None = None
    pitch_variation_st: float | None = None
    monotone: bool | None = None
    loudness_dbfs: float | None = None
    loudness_variation_db: float | None = None
    loudness_trend_db: float | None = None
    end_drop_db: float | None = None
    trailing_off: float | None = None
    sentences: int = 0
    trailing_examples: tuple[tuple[float, str], ...] = ()
    notes: tuple[str, ...] = ()
    tracker: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "voiced_seconds": self.voiced_seconds,
            "pitch_median_hz": self.pitch_median_hz,
            "pitch_range_st": self.pitch_range_st,
            "pitch_variation_st": self.pitch_variation_st,
            "monotone": self.monotone,
            "loudness_dbfs": self.loudness_dbfs,
            "loudness_variation_db": self.loudness_variation_db,
            "loudness_trend_db": self.loudness_trend_db,
            "end_drop_db": self.end_drop_db,
            "trailing_off": self.trailing_off,
            "sentences": self.sentences,
            "trailing_examples": [{"time": t, "words": w} for t, w in self.trailing_examples],
            "notes": list(self.notes),
            "tracker": self.tracker,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VoiceStats:
        monotone = data.get("monotone")
        return cls(
            voiced_seconds=float(data.get("voiced_seconds", 0.0)),
            pitch_median_hz=opt_float(data.get("pitch_median_hz")),
            pitch_range_st=opt_float(data.get("pitch_range_st")),
            pitch_variation_st=opt_float(data.get("pitch_variation_st")),
            monotone=None if monotone is None else bool(monotone),
            loudness_dbfs=opt_float(data.get("loudness_dbfs")),
            loudness_variation_db=opt_float(data.get("loudness_variation_db")),
            loudness_trend_db=opt_float(data.get("loudness_trend_db")),
            end_drop_db=opt_float(data.get("end_drop_db")),
            trailing_off=opt_float(data.get("trailing_off")),
            sentences=int(data.get("sentences", 0)),
            trailing_examples=tuple(
                (float(e["time"]), str(e["words"])) for e in data.get("trailing_examples", [])
            ),
            notes=tuple(str(n) for n in data.get("notes", [])),
            tracker=str(data.get("tracker", "")),
        )


def voice_stats(
    track: VoiceTrack, tokens: Sequence[Token], sentences: Sequence[Sentence]
) -> VoiceStats:
    """Summarise a voice track over the time the answer's words were spoken.

    Args:
        track: Pitch and level per frame.
        tokens: The answer's timed tokens (untimed tokens leave nothing to line up with).
        sentences: The answer's sentences (for trailing off).

    Returns:
        The figures, with None and a note wherever the recording cannot support one: no words,
        silence, a whisper, a clipped recording, too little voiced speech.
    """
    notes: list[str] = []
    spans = [(t.start - WORD_PAD, t.end + WORD_PAD) for t in tokens if t.end > t.start]
    frames = _frames_in(track, spans)
    if not frames:
        note = "No timed words to line the voice up with, so the voice was not measured."
        return VoiceStats(0.0, notes=(note,), tracker=track.tracker)
    voiced = [k for k in frames if track.f0[k] > 0]
    voiced_seconds = len(voiced) * track.frame_period
    word_seconds = len(frames) * track.frame_period
    clipped = track.clipped >= CLIPPED_SHARE
    if clipped:
        notes.append(
            f"{track.clipped:.1%} of the recording hit full scale (too loud for the microphone "
            "or its gain): loudness figures are left out."
        )
    if voiced_seconds < 0.3:
        notes.append("No voiced speech was heard (silence, a whisper or noise): no voice figures.")
        return VoiceStats(voiced_seconds, notes=tuple(notes), tracker=track.tracker)
    whisper = voiced_seconds < WHISPER_VOICED * word_seconds
    if whisper:
        notes.append(
            f"Only {voiced_seconds:.1f} s of {word_seconds:.1f} s of speech was voiced (a "
            "whisper?): pitch figures are left out."
        )
    pitch = {} if whisper else _pitch([track.f0[k] for k in voiced], track.frame_period, notes)
    levels = [track.level[k] for k in voiced]
    ends = [] if clipped else _sentence_ends(track, tokens, sentences)
    drops = [drop for drop, _ in ends]
    trailing = [s for drop, s in ends if drop >= TRAIL_DB]
    return VoiceStats(
        voiced_seconds=round(voiced_seconds, 2),
        **pitch,
        loudness_dbfs=round(statistics.median(levels), 1),
        loudness_variation_db=None if clipped else round(statistics.pstdev(levels), 2),
        loudness_trend_db=None if clipped else _trend(levels),
        end_drop_db=round(statistics.median(drops), 1) if drops else None,
        trailing_off=len(trailing) / len(ends) if ends else None,
        sentences=len(ends),
        trailing_examples=tuple((s.start or 0.0, _tail(s.text)) for s in trailing[:3]),
        notes=tuple(notes),
        tracker=track.tracker,
    )


def _frames_in(track: VoiceTrack, spans: Sequence[tuple[float, float]]) -> list[int]:
    """Indices of the frames whose centre lies inside any span."""
    n, step = len(track.f0), track.frame_period
    if not n or step <= 0:
        return []
    chosen: set[int] = set()
    for start, end in spans:
        first = max(0, math.ceil(start / step))
        last = min(n - 1, math.floor(end / step))
        chosen.update(range(first, last + 1))
    return sorted(chosen)


def _pitch(f0: Sequence[float], period: float, notes: list[str]) -> dict[str, Any]:
    median = statistics.median(f0)
    semitones = sorted(12.0 * math.log2(f / median) for f in f0)
    seconds = len(f0) * period
    out: dict[str, Any] = {"pitch_median_hz": round(median, 1)}
    if seconds < MIN_VOICED:
        notes.append(
            f"Only {seconds:.1f} s of voiced speech: too little to judge pitch variation "
            f"(it needs {MIN_VOICED:.0f} s)."
        )
        return out
    variation = statistics.pstdev(semitones)
    out["pitch_range_st"] = round(_quantile(semitones, 0.95) - _quantile(semitones, 0.05), 2)
    out["pitch_variation_st"] = round(variation, 2)
    out["monotone"] = variation < MONOTONE_ST
    return out


def _quantile(ordered: Sequence[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _trend(levels: Sequence[float]) -> float | None:
    third = len(levels) // 3
    if third < 30:  # under half a second a third: no trend to speak of
        return None
    return round(statistics.median(levels[-third:]) - statistics.median(levels[:third]), 1)


def _sentence_ends(
    track: VoiceTrack, tokens: Sequence[Token], sentences: Sequence[Sentence]
) -> list[tuple[float, Sentence]]:
    """For each long enough sentence: how much quieter its last word was than its other words.

    A word's level is its loudest frame (its vowel): medians over a word mix in its consonants
    and, since the transcriber stretches a last word into the silence after it, that silence.
    The sentence's level is the median of its other words' levels.
    """
    out: list[tuple[float, Sentence]] = []
    for s in sentences:
        if s.words < MIN_SENTENCE_WORDS or s.start is None:
            continue
        peaks = [_peak(track, t) for t in tokens[s.first : s.last + 1]]
        body = [p for p in peaks[:-1] if p is not None]
        if len(body) < MIN_SENTENCE_WORDS - 1 or peaks[-1] is None:
            continue
        out.append((statistics.median(body) - peaks[-1], s))
    return out


def _peak(track: VoiceTrack, token: Token) -> float | None:
    levels = [track.level[k] for k in _frames_in(track, [(token.start, token.end)])]
    return max(levels) if levels else None


def _tail(text: str) -> str:
    words = text.split()
    return ("... " if len(words) > 6 else "") + " ".join(words[-6:])
