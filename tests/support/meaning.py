"""A stand-in for the sentence-meaning model: similarity by shared content words.

It scores a text against another by the share of the text's content stems the other holds, so
the rules around the model (margin, verdicts, drift words, notes) and the screens that show them
are tested exactly without loading wordllama; tests/analysis/test_relevance_model.py and
benchmarks/relevance.py run the real model.
"""

from __future__ import annotations

from collections.abc import Sequence

from greenroom.analysis.lexicon import is_content_word, stem
from greenroom.analysis.tokens import text_words


class WordOverlap:
    """Similarity = share of the text's content stems found in the other text."""

    name = "word overlap (test)"

    def __init__(self) -> None:
        self.calls = 0

    def similarity(self, texts: Sequence[str], others: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        return [[self._score(t, o) for o in others] for t in texts]

    @staticmethod
    def _score(text: str, other: str) -> float:
        mine = {stem(w) for w in text_words(text) if is_content_word(w)}
        theirs = {stem(w) for w in text_words(other) if is_content_word(w)}
        return len(mine & theirs) / len(mine) if mine else 0.0


# Other interview questions, an answer on "Tell me about a time you missed a deadline." and one
# that is not (Dickens), for the rules and the screens.
BACKGROUND = (
    "Why do you want to work here? company values, product. Show you read about the company.",
    "What is your greatest strength? one strength, example. Name one strength and prove it.",
)
ON = (
    "I saw the deadline slipping two weeks out. I told my manager the same day. "
    "We made a new plan and cut the scope. The deadline held with the smaller plan."
)
OFF = (
    "Old Marley was dead to begin with. Scrooge signed the register. Scrooge and Marley "
    "were partners for years. The ghost of Marley came back to Scrooge on Christmas Eve. "
    "Scrooge was afraid of the ghost and the chains."
)
