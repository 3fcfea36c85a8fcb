"""Hostile bank files for the importer fuzz test and benchmarks/fuzz_banks.py.

``bank_files()`` draws a valid bank in one of the five formats and breaks it: truncation, byte
flips, random unicode, deep nesting, huge fields, spreadsheet formulas, YAML aliases and tags,
binary junk, wrong encodings. ``try_import`` pushes one through ``library.import_bank`` into a
real database and reports how it went; anything but a clean success or a ``GreenroomError``
that left the banks and questions tables byte-for-byte as they were is a finding.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st
from sqlalchemy import Engine

from greenroom.banks.loader import load_bank_file
from greenroom.core.errors import BankError, GreenroomError
from greenroom.services import library

YAML = """greenroom_bank: 1
id: fuzz-bank
title: Fuzz bank
description: Questions to break.
tags: [behavioral, star]
defaults:
  prep_seconds: 30
  answer_seconds: 120
  difficulty: medium
questions:
  - id: disagreed
    text: Tell me about a time you disagreed with a teammate. What did you do?
    category: behavioral
    key_points: [listened first, shared goal, outcome]
    follow_ups: ["What would you do differently now?"]
    tags: [conflict]
  - text: Why do you want to work here?
    category: motivation
    answer_seconds: 90
  - text: Describe a project you are proud of.
    difficulty: hard
"""
JSON = """{"greenroom_bank": 1, "id": "fuzz-bank", "title": "Fuzz bank",
 "defaults": {"prep_seconds": 30, "answer_seconds": 120},
 "questions": [
  {"id": "disagreed", "text": "Tell me about a time you disagreed with a teammate.",
   "category": "behavioral", "key_points": ["listened first", "outcome"]},
  {"text": "Why do you want to work here?", "category": "motivation", "answer_seconds": 90},
  {"text": "Describe a project you are proud of.", "difficulty": "hard"}]}
"""
CSV = "\n".join(
    (
        "text,category,difficulty,prep_seconds,answer_seconds,tips,key_points,tags",
        "Tell me about a time you disagreed with a teammate.,behavioral,medium,30,120,"
        "Be fair,listened;outcome,conflict",
        "Why do you want to work here?,motivation,easy,15,90,,,",
        '"Describe a project you are proud of, briefly.",,hard,30,180,"Say ""we"" less",impact,',
        "",
    )
)
TXT = """# My questions
1. Tell me about yourself.
2) Why do you want to work here?
- What is your greatest weakness?
Q4: Where do you see yourself in five years?
"""
MD = """# Interview questions

## Behavioral
- Tell me about a time you disagreed with a teammate.
  - Keep it about work.
- Describe a project you are proud of.

## Closing
1. Do you have any questions for us?
Why should we hire you?
"""
SEEDS = {
    ".yaml": YAML,
    ".yml": YAML,
    ".json": JSON,
    ".csv": CSV,
    ".tsv": CSV.replace(",", "\t"),
    ".txt": TXT,
    ".md": MD,
}
YAML_TRICKS = (
    "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n",
    "text: !!python/object/apply:os.system ['true']\n",
    "- !!binary aGVsbG8=\n",
    "id: !custom thing\n",
    "<<: *missing\n",
    "? [complex, key]\n: value\n",
    "questions: *q\n",
    "%YAML 9.9\n---\n",
    "--- \n...\n---\n",
    "title: 2026-13-45\n",
    "id: .inf\n",
    "answer_seconds: 1e309\n",
    "prep_seconds: -0\n",
    "text: ~\n",
)
FORMULAS = ('=cmd|" /C calc"!A0', "+SUM(A1:A9)", "-2+3", "@HYPERLINK(x)", "=1/0", "\t=1")
# CPU seconds of this process, so a busy machine does not look like a hang. Parsing is linear:
# the slowest legal case (300,000 blank lines of Markdown, parsed then imported) takes about 6 s
# and up to 10 s on a machine shared with other work; runaway parsing (backtracking, a loop)
# takes far longer than the budget.
TIME_BUDGET_S = 30.0


def _nest(depth: int, fmt: str) -> str:
    if fmt == ".json":
        head = '{"greenroom_bank": 1, "id": "x", "title": "x", "questions": '
        return head + "[" * depth + "]" * depth + "}"
    return "greenroom_bank: 1\nid: x\ntitle: x\nquestions: " + "[" * depth + "]" * depth + "\n"


@st.composite
def bank_files(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """(suffix, file bytes, what was done to it)."""
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    text = SEEDS[suffix]
    kind = draw(
        st.sampled_from(
            [
                "truncate",
                "flip",
                "unicode",
                "nest",
                "huge",
                "formula",
                "yaml-trick",
                "junk",
                "encoding",
                "splice",
                "empty-lines",
                "combo",
            ]
        )
    )
    data = text.encode("utf-8")
    if kind in ("truncate", "combo"):
        data = data[: draw(st.integers(0, len(data)))]
    if kind in ("flip", "combo"):
        buf = bytearray(data or b"x")
        for _ in range(draw(st.integers(1, 12))):
            i = draw(st.integers(0, len(buf) - 1))
            buf[i] = draw(st.integers(0, 255))
        data = bytes(buf)
    if kind == "unicode":
        junk = draw(st.text(min_size=1, max_size=60))
        at = draw(st.integers(0, len(text)))
        data = (text[:at] + junk + text[at:]).encode("utf-8", errors="surrogatepass")
    if kind == "nest":
        data = _nest(draw(st.integers(50, 5000)), suffix).encode()
    if kind == "huge":
        size = draw(st.sampled_from([1001, 70_000, 300_000, 5 * 1024 * 1024 + 1]))
        field = draw(st.sampled_from(["A", "é", "\t", ";", '"', "\n"])) * size
        at = draw(st.integers(0, len(text)))
        data = (text[:at] + field + text[at:]).encode("utf-8")
    if kind == "formula":
        cell = draw(st.sampled_from(FORMULAS))
        data = text.replace("Why", cell, 1).replace("Tell", cell, 1).encode("utf-8")
    if kind == "yaml-trick":
        trick = draw(st.sampled_from(YAML_TRICKS))
        at = draw(st.sampled_from([0, len(text)]))
        data = (text[:at] + trick + text[at:]).encode()
    if kind == "junk":
        data = draw(st.binary(min_size=0, max_size=4000))
    if kind == "encoding":
        codec = draw(
            st.sampled_from(
                ["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "shift_jis", "utf-8-sig"]
            )
        )
        src = text.replace("Why", "Pourquoi “résumé” — Ω", 1)
        data = src.encode(codec, errors="replace")
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
    if kind == "splice":
        other = SEEDS[draw(st.sampled_from(sorted(SEEDS)))].encode()
        data = data[: draw(st.integers(0, len(data)))] + other[draw(st.integers(0, len(other))) :]
    if kind == "empty-lines":
        data = draw(
            st.sampled_from(
                [b"", b"\n" * 1000, b"\xef\xbb\xbf", b"\x00", b" \t\r\n", b"\r" * 50, b"\xff\xfe"]
            )
        )
    return suffix, data, kind


@dataclass
class Outcome:
    kind: str  # "refused", "imported" or "crash"/"partial"/"slow" (findings)
    detail: str = ""
    seconds: float = 0.0


def table_dump(engine: Engine) -> str:
    """A digest of every row of banks and questions, in key order."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in ("banks", "questions"):
            for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def try_import(engine: Engine, path: Path) -> Outcome:
    """Parse ``path`` alone, then import it; never raises."""
    before = table_dump(engine)
    start = time.process_time()
    try:
        load_bank_file(path)
    except BankError:
        pass
    except Exception as exc:
        return Outcome("crash", f"load_bank_file: {type(exc).__name__}: {exc}"[:300])
    try:
        library.import_bank(engine, path)
    except GreenroomError:
        seconds = time.process_time() - start
        if table_dump(engine) != before:
            return Outcome("partial", "banks/questions changed by a refused import", seconds)
        outcome = Outcome("refused", "", seconds)
    except Exception as exc:
        return Outcome("crash", f"import_bank: {type(exc).__name__}: {exc}"[:300])
    else:
        outcome = Outcome("imported", "", time.process_time() - start)
    if outcome.seconds > TIME_BUDGET_S:
        return Outcome("slow", f"{outcome.seconds:.1f} s", outcome.seconds)
    return outcome
