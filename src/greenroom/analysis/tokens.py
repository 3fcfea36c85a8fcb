"""Normalise transcriber words into tokens the metrics can match.

The transcriber writes words the way they would appear in prose: "Well,", " I'm", "40%",
"Jira.". Every metric wants the bare lowercase word, but several rules also need what the
punctuation said (a comma around "like", a sentence start before "so"), so a token keeps both:
the normalised text and flags for the punctuation that surrounded it.
"""

from __future__ import annotations

import itertools
import math
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.core.transcript import Word


def wordlist(text: str) -> list[str]:
    """Split a block of space-separated words; keeps long word lists compact in the source."""
    return text.split()


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_SENTENCE_MARKS = frozenset(".!?。！？")
_CLAUSE_MARKS = frozenset(",;:—–-…、，；")
NUMBER_WORDS = frozenset(
    wordlist(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety hundred thousand million billion percent half double twice triple dozen"
    )
)


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word with the punctuation context the rules need.

    Attributes:
        text: Lowercase word without surrounding punctuation, straight apostrophes ("i'm").
        raw: The word as the transcriber wrote it.
        index: Position in the answer's token list.
        start: Start time in seconds (0.0 for untimed answers).
        end: End time in seconds.
        sentence_start: First word of the answer or after ". ! ?".
        comma_before: A comma, dash, colon, semicolon or ellipsis right before the word.
        comma_after: The same right after the word.
        sentence_end: ". ! ?" right after the word.
        question: "?" right after the word.
        capitalised: Written with a capital letter (a hint for names like "Jira").
    """

    text: str
    raw: str
    index: int
    start: float
    end: float
    sentence_start: bool = False
    comma_before: bool = False
    comma_after: bool = False
    sentence_end: bool = False
    question: bool = False
    capitalised: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """Where something was said: the words and their time (None for untimed answers)."""

    text: str
    index: int
    start: float | None
    end: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "index": self.index, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(
            text=str(data["text"]),
            index=int(data["index"]),
            start=opt_float(data.get("start")),
            end=opt_float(data.get("end")),
        )


def opt_float(value: Any) -> float | None:
    """A float, or None kept as None (for from_dict of optional figures)."""
    return None if value is None else float(value)


def span_of(tokens: Sequence[Token], first: int, length: int, *, timed: bool) -> Span:
    """Build the Span covering ``length`` tokens from ``first``."""
    last = tokens[first + length - 1]
    text = " ".join(t.text for t in tokens[first : first + length])
    index = tokens[first].index
    if not timed:
        return Span(text, index, None, None)
    return Span(text, index, tokens[first].start, last.end)


def normalise(raw: str) -> str:
    """Lowercase a word and strip surrounding punctuation; keeps inner apostrophes and digits."""
    text = raw.translate(_APOSTROPHES).lower()
    return text.strip(string.punctuation + string.whitespace + "“”„«»¿¡…—–、，。！？；：")


def is_number(text: str) -> bool:
    """True for "40", "3,000", "2.5", "40%" and number words from "two" up."""
    return any(c.isdigit() for c in text) or text in NUMBER_WORDS


def split_punctuation(part: str) -> tuple[str, str, str]:
    """Split "“Well,”" into (leading punctuation, core word, trailing punctuation)."""
    first = next((i for i, c in enumerate(part) if c.isalnum()), None)
    if first is None:
        return part, "", ""
    last = max(i for i, c in enumerate(part) if c.isalnum())
    return part[:first], part[first : last + 1], part[last + 1 :]


def _marks(punct: str) -> tuple[bool, bool, bool]:
    """(comma-like, sentence end, question) for a run of punctuation."""
    ellipsis = "..." in punct or "…" in punct
    sentence = any(c in _SENTENCE_MARKS for c in punct) and not ellipsis
    comma = ellipsis or any(c in _CLAUSE_MARKS for c in punct)
    return comma, sentence, "?" in punct or "？" in punct


def _parts(word: Word) -> list[tuple[str, float, float]]:
    """Split a multi-word entry ("you know") into parts, sharing its time evenly."""
    parts = _DASHES.sub(r" \1 ", word.text).split()
    if len(parts) <= 1:
        return [(word.text.strip(), word.start, word.end)]
    step = (word.end - word.start) / len(parts)
    return [(p, word.start + k * step, word.start + (k + 1) * step) for k, p in enumerate(parts)]


def tokenize(words: Sequence[Word]) -> list[Token]:
    """Turn cleaned transcriber words into tokens; punctuation-only words become flags."""
    tokens: list[Token] = []
    comma_pending = False
    sentence_pending = True
    for word in words:
        for part, start, end in _parts(word):
            lead, core, trail = split_punctuation(part)
            lead_comma, lead_sentence, _ = _marks(lead)
            if not core:
                # A bare "-" or "..." between words: mark the boundary on both sides.
                comma_pending = comma_pending or lead_comma
                sentence_pending = sentence_pending or lead_sentence
                if tokens and (lead_comma or lead_sentence):
                    tokens[-1] = _with_after(tokens[-1], comma=lead_comma, sentence=lead_sentence)
                continue
            comma, sentence, question = _marks(trail)
            text = normalise(core)
            tokens.append(
                Token(
                    text=text,
                    raw=part,
                    index=len(tokens),
                    start=start,
                    end=end,
                    sentence_start=sentence_pending,
                    comma_before=comma_pending or lead_comma or _comma_after(tokens),
                    comma_after=comma,
                    sentence_end=sentence,
                    question=question,
                    capitalised=core[:1].isupper() and text not in _ALWAYS_CAPITAL,
                )
            )
            comma_pending = False
            sentence_pending = sentence
    return tokens


_DASHES = re.compile(r"(—|–|…|\.\.\.)")
_ALWAYS_CAPITAL = frozenset({"i", "i'm", "i'd", "i've", "i'll"})


def _comma_after(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[-1].comma_after


def _with_after(token: Token, *, comma: bool, sentence: bool) -> Token:
    return Token(
        text=token.text,
        raw=token.raw,
        index=token.index,
        start=token.start,
        end=token.end,
        sentence_start=token.sentence_start,
        comma_before=token.comma_before,
        comma_after=token.comma_after or comma,
        sentence_end=token.sentence_end or sentence,
        question=token.question,
        capitalised=token.capitalised,
    )


def text_words(text: str) -> list[str]:
    """Normalised words of free text (job descriptions, key points); punctuation dropped."""
    out: list[str] = []
    for part in text.replace("/", " ").split():
        _, core, _ = split_punctuation(part)
        if core:
            out.append(normalise(core))
    return out


def clean_words(words: Sequence[Word], duration: float) -> tuple[list[Word], list[str]]:
    """Repair what a transcriber or a hand-edited file can get wrong, saying what was fixed.

    Drops words with non-finite times, clamps negative times to zero, swaps reversed start/end,
    and sorts words by start time. Overlaps are left in place: every consumer treats a negative
    gap as no gap, which is the honest reading of two words that the engine timed on top of
    each other.

    Returns:
        The cleaned words and a list of warnings for the report.
    """
    warnings: list[str] = []
    kept: list[Word] = []
    dropped = 0
    for w in words:
        if not (math.isfinite(w.start) and math.isfinite(w.end)):
            dropped += 1
            continue
        start, end = max(0.0, w.start), max(0.0, w.end)
        if end < start:
            start, end = end, start
        kept.append(Word(w.text, start, end, w.probability))
    if dropped:
        warnings.append(f"{dropped} word(s) had no usable time and were left out")
    if any(b.start < a.start for a, b in itertools.pairwise(kept)):
        kept.sort(key=lambda w: (w.start, w.end))
        warnings.append("words were out of time order and have been sorted")
    if duration > 0 and kept and kept[-1].end > duration + 0.5:
        warnings.append(
            f"words run to {kept[-1].end:.1f} s, past the {duration:.1f} s answer; "
            "the answer is taken to end with the last word"
        )
    return kept, warnings


def is_timed(words: Sequence[Word]) -> bool:
    """False for typed answers, whose words all carry zero times."""
    return any(w.end > 0 or w.start > 0 for w in words)
