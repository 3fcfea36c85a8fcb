"""Plain-text bank files: one question per line, leading numbering stripped."""

from __future__ import annotations

import re

from greenroom.banks.raw import RawBank, RawQuestion

# "1.", "1)", "Q1:", "Q1.", "-", "*", "•" at the start of a line, followed by a space: so
# "3-year plan" and "1.5 million users" keep their numbers.
NUMBERING_RE = re.compile(
    r"^\s*(?:(?:q(?:uestion)?\s*)?\d+\s*[.):\]-]|[-*•])(?:\s+|$)", re.IGNORECASE
)


def strip_numbering(line: str) -> str:
    return NUMBERING_RE.sub("", line, count=1).strip()


def read_text(text: str, file: str) -> RawBank:
    raw = RawBank(file=file)
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        question = strip_numbering(stripped)
        if question:
            raw.questions.append(RawQuestion(fields={"text": question}, line=number))
    if not raw.questions:
        raw.error(1, "no questions found: write one question per line")
    return raw
