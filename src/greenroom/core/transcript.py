"""A timed transcript: what the transcriber heard and when, in answer time.

All times are seconds since the answer started (not since a segment started), so the
analysis can line words up with the voice activity detector's speech segments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its timing.

    Attributes:
        text: The word as the transcriber wrote it, possibly with punctuation ("Well,").
        start: Start time in seconds since the answer started.
        end: End time in seconds since the answer started.
        probability: The engine's confidence in 0..1 (1.0 when the engine gives none).
    """

    text: str
    start: float
    end: float
    probability: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "probability": self.probability,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Word:
        return cls(
            text=str(data["text"]),
            start=float(data["start"]),
            end=float(data["end"]),
            probability=float(data.get("probability", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class SpeechSegment:
    """A stretch the voice activity detector judged to be speech, in answer time."""

    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpeechSegment:
        return cls(start=float(data["start"]), end=float(data["end"]))


@dataclass(frozen=True, slots=True)
class Transcript:
    """Everything the speech pipeline knows about one answer.

    Attributes:
        words: Recognised words in time order.
        segments: VAD speech segments in time order; empty when no VAD ran.
        duration: Length of the answer audio in seconds.
        engine: Engine name, e.g. "faster-whisper".
        model: Model name, e.g. "tiny.en".
        language: BCP 47 language tag.
    """

    words: tuple[Word, ...] = ()
    segments: tuple[SpeechSegment, ...] = ()
    duration: float = 0.0
    engine: str = ""
    model: str = ""
    language: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(w.text.strip() for w in self.words if w.text.strip())

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "duration": self.duration,
            "engine": self.engine,
            "model": self.model,
            "language": self.language,
            "words": [w.to_dict() for w in self.words],
            "segments": [s.to_dict() for s in self.segments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        return cls(
            words=tuple(Word.from_dict(w) for w in data.get("words", [])),
            segments=tuple(SpeechSegment.from_dict(s) for s in data.get("segments", [])),
            duration=float(data.get("duration", 0.0)),
            engine=str(data.get("engine", "")),
            model=str(data.get("model", "")),
            language=str(data.get("language", "en")),
        )
