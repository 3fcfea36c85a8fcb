"""CSV bank files: header row, detected delimiter, list cells separated by ';'.

Cells that a spreadsheet would run as a formula (``=cmd|...``, ``@SUM(...)``) are refused: a
question never starts that way, and exporting them back would arm the formula for the next
person who opens the file. Export protects such text (and text that itself starts with an
apostrophe) by a leading apostrophe, which this reader removes, so round trips stay exact.
"""

from __future__ import annotations

import csv
import io
import re

from greenroom.banks.raw import RawBank, RawQuestion
from greenroom.core.bank import QUESTION_FIELDS

COLUMNS = QUESTION_FIELDS
COLUMN_ALIASES = {"question": "text", "questions": "text", "prompt": "text"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_FIELD_CHARS = 100_000
# csv.Sniffer's quote-guessing regex is quadratic in a line full of delimiters (a row of 300,000
# tabs took minutes; found by tests/reliability/test_fuzz_banks.py): sniff a bounded sample.
SNIFF_CHARS = 4096
SIGNED_FORMULA_RE = re.compile(r"^[+-](?:[=@]|\d[\d.]*\s*[-+*/^&(])")


def read_csv(text: str, file: str) -> RawBank:
    raw = RawBank(file=file)
    lines = text.split("\n")
    sample = "\n".join(lines[:20])
    delimiter = _delimiter(sample[:SNIFF_CHARS])
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raw.error(1, f"cannot read the header row: {exc}")
        return raw
    if not header or not any(h.strip() for h in header):
        raw.error(
            1, "the file is empty; a CSV bank needs a header row such as 'text,category,tips'"
        )
        return raw
    columns = _columns(raw, header)
    if columns is None:
        return raw
    try:
        for row in reader:
            _row(raw, row, columns, reader.line_num)
    except csv.Error as exc:
        raw.error(reader.line_num, f"malformed CSV: {exc}")
    return raw


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(",;\t", key=first.count)


def _columns(raw: RawBank, header: list[str]) -> list[str | None] | None:
    names: list[str | None] = []
    for index, cell in enumerate(header, start=1):
        name = cell.strip().lstrip("\ufeff").lower().replace(" ", "_")
        name = COLUMN_ALIASES.get(name, name)
        if name in COLUMNS:
            names.append(name)
        else:
            if name:
                raw.warning(1, f"unknown column {cell.strip()!r} (column {index}) ignored")
            names.append(None)
    if "text" not in names:
        raw.error(1, f"no 'text' (or 'question') column in the header row {header!r}")
        return None
    return names


def _row(raw: RawBank, row: list[str], columns: list[str | None], line: int) -> None:
    if not any(cell.strip() for cell in row):
        return
    rq = RawQuestion(fields={}, line=line)
    for index, (name, cell) in enumerate(zip(columns, row, strict=False), start=1):
        if name is None:
            continue
        value = cell.strip()
        if value.startswith("'") and value[1:2] in (*FORMULA_START, "'"):
            value = value[1:]
        elif value[:1] in ("=", "@") or (value[:1] in "+-" and _looks_like_formula(value)):
            raw.error(
                line,
                f"cell looks like a spreadsheet formula: {value[:40]!r}; "
                "remove the leading symbol or quote it with an apostrophe",
                column=index,
            )
            if name == "text":
                return  # one error for the row, not a second "question has no text"
            continue
        rq.fields[name] = value
    if len(row) > len(columns) and any(c.strip() for c in row[len(columns) :]):
        raw.warning(line, f"{len(row) - len(columns)} cells beyond the header ignored")
    raw.questions.append(rq)


def _looks_like_formula(value: str) -> bool:
    """'+'/'-' cells are formulas when arithmetic or a DDE call follows, not '-Be yourself'."""
    return bool(SIGNED_FORMULA_RE.match(value)) or ("|" in value and "!" in value)
