"""`greenroom history list|export`."""

from __future__ import annotations

import argparse
from typing import TextIO

from greenroom.core.errors import GreenroomError
from greenroom.paths import AppPaths
from greenroom.services.history_export import write_export
from greenroom.services.startup import open_store
from greenroom.store import sessions_repo


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
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
    try:
        write_export(args.file, sessions, fmt=fmt)
    except OSError as exc:
        raise GreenroomError(
            f"cannot write ({exc.strerror})", where=str(args.file), fix="Choose a writable location"
        ) from None
    print(f"exported {len(sessions)} sessions to {args.file}", file=out)
    return 0


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)
