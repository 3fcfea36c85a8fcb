"""Word error rate as the speech tests, the acceptance suite and the benchmarks count it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from greenroom.analysis.fillers import pure_filler

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
    text = re.sub(r"\betc\b\.?", "et cetera", text.replace("%", " percent"))
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


def _chars_apart(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


@cache
def _joined_cost(word: str, first: str, second: str) -> int | None:
    """Cost of one word written as two ("aligner" -> "a liner", "coldhearted" -> "cold
    hearted") or two as one: 0 when the letters are the same, 1 (one substitution) when they are
    close, None when the pair is not a split of the word at all."""
    slack = max(1, len(word) // 4)
    if OPTIONAL in (word, first, second) or abs(len(word) - len(first) - len(second)) > slack:
        return None
    apart = _chars_apart(word, first + second)
    return apart and (1 if apart <= slack else None)


# One cell of the alignment table: (edits, -exact matches), compared as tuples, so the
# alignment has the fewest edits and, among those, the most exact matches.
_Cost = tuple[int, int]
# A move into a cell: its cost, how many reference and hypothesis words it consumes, and the
# hits, substitutions and deletions it counts (a move consuming only a hypothesis word inserts).
_Move = tuple[_Cost, int, int, int, int, int]


def _moves(ref: list[str], hyp: list[str], cost: list[list[_Cost]], i: int, j: int) -> list[_Move]:
    """Every way to reach cell (i, j): match or substitute, delete, insert, a reference word
    split in two, two reference words joined in one."""
    moves: list[_Move] = []
    r, h = (ref[i - 1] if i else ""), (hyp[j - 1] if j else "")
    if i and j:
        e, k = cost[i - 1][j - 1]
        sub, hit = r not in (h, OPTIONAL), r == h
        moves.append(((e + sub, k - hit), 1, 1, hit, sub, 0))
    if i:
        e, k = cost[i - 1][j]
        dele = r != OPTIONAL
        moves.append(((e + dele, k), 1, 0, 0, 0, dele))
    if j:
        e, k = cost[i][j - 1]
        moves.append(((e + 1, k), 0, 1, 0, 0, 0))
    if i and j >= 2 and (c := _joined_cost(r, hyp[j - 2], h)) is not None:
        e, k = cost[i - 1][j - 2]
        moves.append(((e + c, k - (c == 0)), 1, 2, c == 0, c, 0))
    if i >= 2 and j and (c := _joined_cost(h, ref[i - 2], r)) is not None:
        e, k = cost[i - 2][j - 1]
        moves.append(((e + c, k - 2 * (c == 0)), 2, 1, 2 * (c == 0), c, 0))
    return moves


def _table(ref: list[str], hyp: list[str]) -> list[list[_Cost]]:
    cost: list[list[_Cost]] = [[(0, 0)] * (len(hyp) + 1) for _ in range(len(ref) + 1)]
    for i in range(len(ref) + 1):
        for j in range(len(hyp) + 1):
            if i or j:
                cost[i][j] = min(m[0] for m in _moves(ref, hyp, cost, i, j))
    return cost


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    """Word edits from ``ref`` to ``hyp``. An ``OPTIONAL`` reference word matches one word or
    none for free; a word written as two (or two as one) is one substitution, none when the
    letters are the same."""
    return _table(ref, hyp)[-1][-1][0]


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
    word written for a cut-off or laughter mark is neither a hit nor an edit, and a word split
    in two ("aligner" -> "a liner") is a substitution, not an invented word.
    """
    ref, hyp = normalise(ref_text), normalise(hyp_text)
    cost = _table(ref, hyp)
    hits = subs = dels = 0
    inserted: list[str] = []
    i, j = len(ref), len(hyp)
    while i or j:
        _c, di, dj, hit, sub, dele = next(
            m for m in _moves(ref, hyp, cost, i, j) if m[0] == cost[i][j]
        )
        hits, subs, dels = hits + hit, subs + sub, dels + dele
        if (di, dj) == (0, 1):
            inserted.append(hyp[j - 1])
        i, j = i - di, j - dj
    return Alignment(hits, subs, dels, tuple(reversed(inserted)))


def word_error_rate(refs: list[str], hyps: list[str]) -> float:
    """Corpus WER: total edits over total reference words."""
    edits = sum(edit_distance(normalise(r), normalise(h)) for r, h in zip(refs, hyps, strict=True))
    return edits / max(1, sum(reference_words(r) for r in refs))


def fillers(text: str) -> list[str]:
    """Filler tokens in a transcript, named as the app counts them (``pure_filler``: "hm" and
    "Hmm" are one filler, "Mmm" is "mm", "Uhh" is "uh"), so a filler Whisper spells its own way
    is not missed by the benchmark while the user sees it counted."""
    return [name for word in normalise(text) if (name := pure_filler(word))]
