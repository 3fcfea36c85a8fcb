"""An answer's sentences: where the transcriber put ". ! ?", with long runs cut into pieces.

Content relevance judges an answer sentence by sentence and points at the sentence that covers a
key point; the voice measures look at how each sentence ends. Whisper punctuates, but a long
ramble may come out as one 90-word "sentence", and a typed answer may have no marks at all, so
a run longer than MAX_WORDS is cut at its commas (or, without commas, every CHUNK_WORDS words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from greenroom.analysis.tokens import Token

MAX_WORDS = 40  # longer than any sentence of the labelled answers (tests/data/relevance)
CHUNK_WORDS = 25


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the answer.

    Attributes:
        text: The words as the transcriber wrote them, joined with spaces.
        first: Index of its first token.
        last: Index of its last token.
        start: Start of its first word in seconds, None for a typed answer.
        end: End of its last word in seconds, None for a typed answer.
    """

    text: str
    first: int
    last: int
    start: float | None
    end: float | None

    @property
    def words(self) -> int:
        return self.last - self.first + 1


def sentences(tokens: Sequence[Token], *, timed: bool) -> list[Sentence]:
    """Split tokens into sentences at ". ! ?", cutting runs over MAX_WORDS words."""
    out: list[Sentence] = []
    begin = 0
    for k, token in enumerate(tokens):
        if token.sentence_end or k == len(tokens) - 1:
            out.extend(_pieces(tokens, begin, k, timed=timed))
            begin = k + 1
    return out


def _pieces(tokens: Sequence[Token], first: int, last: int, *, timed: bool) -> list[Sentence]:
    """Cut from the front (a loop: a 100,000-word run without marks is 4,000 pieces)."""
    out: list[Sentence] = []
    while last - first + 1 > MAX_WORDS:
        cut = _cut(tokens, first, last)
        out.append(_sentence(tokens, first, cut, timed=timed))
        first = cut + 1
    out.append(_sentence(tokens, first, last, timed=timed))
    return out


def _cut(tokens: Sequence[Token], first: int, last: int) -> int:
    """Where to cut a long run: the comma nearest CHUNK_WORDS in, else CHUNK_WORDS in; the piece
    before the cut is never longer than MAX_WORDS."""
    target = first + CHUNK_WORDS - 1
    commas = [
        k for k in range(first + 5, min(last - 4, first + MAX_WORDS)) if tokens[k].comma_after
    ]
    if commas:
        return min(commas, key=lambda k: abs(k - target))
    return min(target, last - 1)


def _sentence(tokens: Sequence[Token], first: int, last: int, *, timed: bool) -> Sentence:
    text = " ".join(t.raw for t in tokens[first : last + 1])
    if not timed:
        return Sentence(text, first, last, None, None)
    return Sentence(text, first, last, tokens[first].start, tokens[last].end)
