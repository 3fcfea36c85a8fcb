"""Shared helpers for the speech tests and benchmarks: word error rate and filler counts."""

from __future__ import annotations

import re

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SAME = {
    "mr": "mister",
    "mrs": "missus",
    "'em": "them",
    "'er": "her",
    "em": "them",
    "ok": "okay",
    "percent": "percent",
    "%": "percent",
}


def _number(n: int) -> list[str]:
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    return [str(n)]


_ORDINALS = {
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "20th": "twentieth",
    "10th": "tenth",
    "5th": "fifth",
}


def normalise(text: str) -> list[str]:
    """Lower-case words without punctuation, numbers spelled out, a few spellings unified."""
    text = text.lower().replace("%", " percent")
    text = re.sub(r"(\d),(\d)", r"\1\2", text)
    words: list[str] = []
    for token in re.findall(r"[a-z0-9']+", text):
        token = token.strip("'") if token not in _SAME else token
        if token in _ORDINALS:
            words.append(_ORDINALS[token])
        elif token.isdigit():
            words.extend(_number(int(token)))
        elif token:
            words.append(_SAME.get(token, token))
    return words


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def word_error_rate(refs: list[str], hyps: list[str]) -> float:
    """Corpus WER: total edits over total reference words."""
    edits = sum(edit_distance(normalise(r), normalise(h)) for r, h in zip(refs, hyps, strict=True))
    return edits / max(1, sum(len(normalise(r)) for r in refs))


FILLERS = {"um", "uh", "er", "erm", "hm", "hmm", "mm", "uhm", "umm"}


def fillers(text: str) -> list[str]:
    """Filler tokens in a transcript; "hmm" and "hm" are the same filler."""
    return [w for w in normalise(text) if w in FILLERS]
