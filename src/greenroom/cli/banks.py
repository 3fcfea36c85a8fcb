"""`greenroom banks list|show|import|export|validate`."""

from __future__ import annotations

import argparse
from typing import TextIO

from greenroom.banks.loader import load_bank_file
from greenroom.core.errors import GreenroomError
from greenroom.core.interviews import ASKED_BANK_ID
from greenroom.paths import AppPaths
from greenroom.services import interviews, library
from greenroom.services.startup import open_store
from greenroom.store import banks_repo


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    action = args.banks_command
    if action == "validate":
        result = load_bank_file(args.file)
        for warning in result.warnings:
            print(warning, file=out)
        bank = result.bank
        print(
            f"{args.file}: ok: bank {bank.id!r} with {len(bank.questions)} questions "
            f"({len(result.warnings)} warnings)",
            file=out,
        )
        return 0
    db = open_store(paths)
    if action == "list":
        for b in banks_repo.list_banks(db.engine):
            kind = "built-in" if b.builtin else "yours"
            print(f"{b.id:32} {b.question_count:5}  {kind:8}  {b.title}", file=out)
    elif action == "show":
        if args.bank_id == ASKED_BANK_ID:  # shown (empty, with a hint) before its first question
            bank = interviews.asked_bank(db.engine)
        else:
            bank = banks_repo.get_bank(db.engine, args.bank_id)
        print(f"{bank.title} ({bank.id}), {len(bank.questions)} questions", file=out)
        for i, q in enumerate(bank.questions, start=1):
            cat = q.category.value if q.category else "-"
            print(f"{i:4}. [{cat}, {q.difficulty.value}, {q.answer_seconds}s] {q.text}", file=out)
        if not bank.questions and bank.id == ASKED_BANK_ID:
            print(
                "log the questions they ask with: greenroom interviews log ID --asked TEXT",
                file=out,
            )
    elif action == "import":
        outcome = library.import_bank(db.engine, args.file, bank_id=args.bank_id, title=args.title)
        for warning in outcome.loaded.warnings:
            print(warning, file=out)
        s = outcome.saved
        verb = "imported" if s.created else "updated"
        print(
            f"{verb} bank {s.bank_id!r}: {s.added} added, {s.updated} updated, "
            f"{s.retired} retired, {s.unchanged} unchanged",
            file=out,
        )
    elif action == "export":
        if args.file.suffix.lower() not in (".yaml", ".yml", ".csv"):
            raise GreenroomError(
                f"cannot export to {args.file.suffix or 'a file without extension'}",
                where=str(args.file),
                fix="Use a .yaml or .csv file name",
            )
        count = library.export_bank_file(db.engine, args.bank_id, args.file)
        print(f"exported {count} questions to {args.file}", file=out)
    return 0
