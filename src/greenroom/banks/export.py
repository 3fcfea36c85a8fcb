"""Write a bank as YAML (canonical) or CSV, in a form that re-imports to the same bank."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from greenroom.banks.tabular import COLUMNS, FORMULA_START
from greenroom.core.atomic_file import write_text_atomic
from greenroom.core.bank import FORMAT_VERSION, Bank, Question


def bank_to_dict(bank: Bank, *, include_retired: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"greenroom_bank": FORMAT_VERSION, "id": bank.id, "title": bank.title}
    if bank.description:
        data["description"] = bank.description
    data["language"] = bank.language
    if bank.tags:
        data["tags"] = list(bank.tags)
    if bank.defaults:
        data["defaults"] = dict(bank.defaults)
    data["questions"] = [
        _question_dict(q) for q in bank.questions if include_retired or not q.retired
    ]
    return data


def _question_dict(q: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": q.id, "text": q.text}
    if q.category:
        data["category"] = q.category.value
    data["difficulty"] = q.difficulty.value
    data["prep_seconds"] = q.prep_seconds
    data["answer_seconds"] = q.answer_seconds
    if q.tips:
        data["tips"] = q.tips
    for key in ("key_points", "follow_ups", "tags"):
        values = getattr(q, key)
        if values:
            data[key] = list(values)
    return data


def bank_to_yaml(bank: Bank) -> str:
    return yaml.safe_dump(bank_to_dict(bank), sort_keys=False, allow_unicode=True, width=100)


def bank_to_csv(bank: Bank) -> str:
    """CSV with every column; list cells joined by ';' (so items must not contain ';')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for q in bank.active_questions:
        row = _question_dict(q)
        writer.writerow([_cell(row.get(name, "")) for name in COLUMNS])
    return out.getvalue()


def _cell(value: object) -> str:
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    # Neutralise anything a spreadsheet would evaluate; the importer strips the apostrophe.
    return "'" + text if text[:1] in (*FORMULA_START, "'") else text


def export_bank(bank: Bank, path: Path) -> None:
    """Write ``bank`` to ``path`` (format from the extension), atomically.

    Raises:
        OSError: The file could not be written; an existing file at ``path`` is unchanged.
    """
    suffix = path.suffix.lower()
    text = bank_to_csv(bank) if suffix in (".csv",) else bank_to_yaml(bank)
    write_text_atomic(path, text)
