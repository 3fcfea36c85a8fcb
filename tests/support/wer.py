"""Word error rate as the speech tests, the acceptance suite and the benchmarks count it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


# Marks in the disfluent references (tests/data/audio/SOURCES.md): a cut-off word is a fragment
# the transcriber may write as a word or leave out, and so is laughter; either way it is neither
# an error nor an invented word. A hesitated word ("<hes-forced>") is the word itself.
OPTIONAL = "*"
_CUTOFF = re.compile(r"<cutoff-[^>]*>|\[[a-z ]+\]")
_HESITATED = re.compile(r"<hes-([^>]*)>")


def normalise(text: str) -> list[str]:
    """Lower-case words without punctuation or accents, numbers spelled out, a few spellings
    unified; a cut-off or laughter mark in a reference becomes ``OPTIONAL``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _HESITATED.sub(r" \1 ", _CUTOFF.sub(f" {OPTIONAL} ", text.lower()))
    text = text.replace("%", " percent")
    text = re.sub(r"(\d),(\d)", r"\1\2", text)
    words: list[str] = []
    for token in re.findall(rf"[a-z0-9']+|\{OPTIONAL}", text):
        token = token.strip("'") if token not in _SAME else token
        if token in _ORDINALS:
            words.append(_ORDINALS[token])
        elif token.isdigit():
            words.extend(_number(int(token)))
        elif token:
            words.append(_SAME.get(token, token))
    return words


def _sub_cost(r: str, h: str) -> int:
    return 0 if r in (h, OPTIONAL) else 1


def _del_cost(r: str) -> int:
    return 0 if r == OPTIONAL else 1


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Word edits from ``ref`` to ``hyp``; an ``OPTIONAL`` reference word matches one word or
    none for free."""
    row = list(range(len(hyp) + 1))
    for r in ref:
        prev, row[0] = row[0], row[0] + _del_cost(r)
        for j, h in enumerate(hyp, 1):
            prev, row[j] = (
                row[j],
                min(row[j] + _del_cost(r), row[j - 1] + 1, prev + _sub_cost(r, h)),
            )
    return row[-1]


def reference_words(text: str) -> int:
    """How many words a reference has (``OPTIONAL`` marks not counted): the WER denominator."""
    return sum(w != OPTIONAL for w in normalise(text))


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a hypothesis lines up with its reference, word by word (normalised words)."""

    hits: int
    substituted: int
    deleted: int
    inserted: tuple[str, ...]  # hypothesis words that align to nothing in the reference

    @property
    def edits(self) -> int:
        return self.substituted + self.deleted + len(self.inserted)


def align(ref_text: str, hyp_text: str) -> Alignment:
    """A minimum-edit alignment; among those, one with the most exact matches.

    Its edit count equals ``edit_distance``; the split into substitutions, deletions and
    insertions is what the benchmarks report (inserted words per minute: words invented). A
    word written for a cut-off or laughter mark is neither a hit nor an edit.
    """
    ref, hyp = normalise(ref_text), normalise(hyp_text)
    n, m = len(ref), len(hyp)
    # (edits, -hits), compared as tuples: fewest edits first, then most hits.
    cost = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = (cost[i - 1][0][0] + _del_cost(ref[i - 1]), 0)
    for j in range(m + 1):
        cost[0][j] = (j, 0)

    def step(i: int, j: int) -> list[tuple[tuple[int, int], str]]:
        r, h = ref[i - 1] if i else "", hyp[j - 1] if j else ""
        moves = []
        if i and j:
            e, k = cost[i - 1][j - 1]
            moves.append(((e + _sub_cost(r, h), k - (r == h)), "diag"))
        if i:
            e, k = cost[i - 1][j]
            moves.append(((e + _del_cost(r), k), "del"))
        if j:
            e, k = cost[i][j - 1]
            moves.append(((e + 1, k), "ins"))
        return moves

    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(c for c, _ in step(i, j))
    hits = subs = dels = 0
    inserted: list[str] = []
    i, j = n, m
    while i or j:
        move = next(name for c, name in step(i, j) if c == cost[i][j])
        if move == "diag":
            hits += ref[i - 1] == hyp[j - 1]
            subs += ref[i - 1] not in (hyp[j - 1], OPTIONAL)
            i, j = i - 1, j - 1
        elif move == "del":
            dels += ref[i - 1] != OPTIONAL
            i -= 1
        else:
            inserted.append(hyp[j - 1])
            j -= 1
    return Alignment(hits, subs, dels, tuple(reversed(inserted)))


def word_error_rate(refs: list[str], hyps: list[str]) -> float:
    """Corpus WER: total edits over total reference words."""
    edits = sum(edit_distance(normalise(r), normalise(h)) for r, h in zip(refs, hyps, strict=True))
    return edits / max(1, sum(reference_words(r) for r in refs))


FILLERS = {"um", "uh", "er", "erm", "hm", "hmm", "mm", "uhm", "umm"}


def fillers(text: str) -> list[str]:
    """Filler tokens in a transcript; "hmm" and "hm" are the same filler."""
    return [w for w in normalise(text) if w in FILLERS]
