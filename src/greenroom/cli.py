"""`greenroom` command line. Without a subcommand it opens the app; subcommands never import Qt.

Exit codes: 0 ok, 1 a user or environment problem (one-line message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from greenroom import __version__
from greenroom.core.errors import BankError, GreenroomError
from greenroom.paths import AppPaths, resolve_paths

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="greenroom", description="Rehearse job interviews, offline."
    )
    parser.add_argument("--version", action="version", version=f"greenroom {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, help="keep all data, settings and logs in this folder"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, speak and transcribe a phrase, write and read the database, exit "
        "(uses a temporary data folder unless --data-dir is given)",
    )
    # Internal: `greenroom doctor` runs this in a child process to ask Qt for microphones, so
    # the doctor itself never loads Qt. A flag of the program itself (not `python -c`) so that
    # it also works inside the PyInstaller bundle, whose executable is Greenroom.
    parser.add_argument("--list-audio-inputs", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    banks = sub.add_parser("banks", help="list, show, import, export and validate question banks")
    bsub = banks.add_subparsers(dest="banks_command", metavar="ACTION", required=True)
    bsub.add_parser("list", help="list banks with question counts")
    show = bsub.add_parser("show", help="print a bank's questions")
    show.add_argument("bank_id")
    imp = bsub.add_parser("import", help="import a bank file (YAML, JSON, CSV, TXT, Markdown)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--id", dest="bank_id", help="bank id (default: from the file)")
    imp.add_argument("--title", help="bank title (default: from the file)")
    exp = bsub.add_parser("export", help="export a bank to YAML or CSV (by extension)")
    exp.add_argument("bank_id")
    exp.add_argument("file", type=Path)
    val = bsub.add_parser("validate", help="check a bank file without importing it")
    val.add_argument("file", type=Path)

    history = sub.add_parser("history", help="list or export practice sessions")
    hsub = history.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    hlist = hsub.add_parser("list", help="list sessions, newest first")
    hlist.add_argument("--limit", type=int, default=None)
    hexp = hsub.add_parser("export", help="export all sessions and answers")
    hexp.add_argument("file", type=Path)
    hexp.add_argument(
        "--format", choices=("csv", "json"), default=None, help="default: from extension"
    )

    sub.add_parser(
        "doctor", help="check Python, Qt, data folder, speech engines, voices and microphones"
    )

    tr = sub.add_parser("transcribe", help="transcribe an audio file on this machine")
    tr.add_argument("file", type=Path)
    tr.add_argument("--engine", default=None, help="faster-whisper (default) or pocketsphinx")
    tr.add_argument("--json", action="store_true", help="print JSON (input for greenroom analyze)")

    an = sub.add_parser("analyze", help="delivery metrics and feedback for a transcript JSON")
    an.add_argument("file", type=Path)
    an.add_argument("--limit", type=float, default=None, help="answer limit in seconds")
    an.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    paths = resolve_paths(args.data_dir)
    if args.list_audio_inputs:
        probe = importlib.import_module("greenroom.ui.audio.probe")
        return int(probe.print_audio_inputs(out))
    if args.self_test:
        # Imported like the app: the self-test opens the window, so it needs Qt.
        selftest = importlib.import_module("greenroom.selftest")
        return int(selftest.run_self_test(paths if args.data_dir is not None else None))
    if args.command is None:
        # Imported here so that every subcommand stays free of Qt.
        app = importlib.import_module("greenroom.app")
        return int(app.run_app(paths))
    try:
        return int(_dispatch(args, paths, out))
    except BankError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        print(f"greenroom: {exc.fix}", file=err)
        return EXIT_USER_ERROR
    except GreenroomError as exc:
        print(f"greenroom: {exc}", file=err)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    from greenroom import cli_commands as cmd

    if args.command == "banks":
        return cmd.banks(args, paths, out)
    if args.command == "history":
        return cmd.history(args, paths, out)
    if args.command == "doctor":
        return cmd.doctor(paths, out)
    if args.command == "transcribe":
        return cmd.transcribe(args, paths, out)
    if args.command == "analyze":
        return cmd.analyze(args, out)
    raise AssertionError(args.command)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
