"""The work behind each `greenroom` subcommand (no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from greenroom import library
from greenroom.banks.loader import load_bank_file
from greenroom.core.errors import GreenroomError
from greenroom.history_export import sessions_to_csv, sessions_to_json
from greenroom.paths import AppPaths
from greenroom.speech.partial_files import remove_partial_files
from greenroom.store import banks_repo, sessions_repo
from greenroom.store.database import Database, open_database


def open_store(paths: AppPaths) -> Database:
    """Open the database the way the app does: migrate, seed built-in banks, mark crashes."""
    paths.data.mkdir(parents=True, exist_ok=True)
    db = open_database(paths.database, backups_dir=paths.backups)
    library.seed_builtin_banks(db.engine, paths.data / ".builtin-banks.sha256")
    sessions_repo.mark_interrupted(db.engine)
    remove_partial_files(paths.audio)  # a crash mid-save leaves only a temp file; drop it
    return db


def banks(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
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
        bank = banks_repo.get_bank(db.engine, args.bank_id)
        print(f"{bank.title} ({bank.id}), {len(bank.questions)} questions", file=out)
        for i, q in enumerate(bank.questions, start=1):
            cat = q.category.value if q.category else "-"
            print(f"{i:4}. [{cat}, {q.difficulty.value}, {q.answer_seconds}s] {q.text}", file=out)
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


def history(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    db = open_store(paths)
    if args.history_command == "list":
        sessions = sessions_repo.list_sessions(db.engine, limit=args.limit)
        if not sessions:
            print("no practice sessions yet", file=out)
        for s in sessions:
            when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            nerves = f"{_num(s.nerves_before)}->{_num(s.nerves_after)}"
            print(
                f"{s.id:5}  {when}  {s.mode.value:8}  {s.status.value:11}  "
                f"{s.answer_count:3} answers  nerves {nerves}  {','.join(s.bank_ids)}",
                file=out,
            )
        return 0
    fmt = args.format or args.file.suffix.lower().lstrip(".")
    if fmt not in ("csv", "json"):
        raise GreenroomError(
            "unknown export format", where=str(args.file), fix="Use --format csv or --format json"
        )
    sessions = sessions_repo.all_sessions_with_answers(db.engine)
    text = sessions_to_csv(sessions) if fmt == "csv" else sessions_to_json(sessions)
    from greenroom.banks.export import write_text_atomic

    try:
        write_text_atomic(args.file, text)
    except OSError as exc:
        raise GreenroomError(
            f"cannot write ({exc.strerror})", where=str(args.file), fix="Choose a writable location"
        ) from None
    print(f"exported {len(sessions)} sessions to {args.file}", file=out)
    return 0


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def doctor(paths: AppPaths, out: TextIO) -> int:
    from greenroom import doctor as doctor_mod  # imported here: it loads Alembic

    checks = doctor_mod.run_checks(paths)
    print(doctor_mod.format_checks(checks), file=out)
    return 0


def transcribe(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from greenroom.settings import load_settings
    from greenroom.speech.cli_command import run_transcribe

    settings = load_settings(paths.settings_file)
    return int(
        run_transcribe(
            args.file,
            engine_name=args.engine,
            as_json=args.json,
            out=out,
            model_dir=Path(settings.model_dir) if settings.model_dir else None,
            cache_dir=paths.models,
        )
    )


def analyze(args: argparse.Namespace, out: TextIO) -> int:
    from greenroom.analysis.cli_command import run_analyze

    return int(run_analyze(args.file, answer_limit=args.limit, as_json=args.json, out=out))
