"""`greenroom` command line. Without a subcommand it opens the app; subcommands never import Qt.

One module per subcommand (banks, history, interviews, coach, doctor, transcribe, analyze), each
with a ``run(args, paths, out)``, imported only when that subcommand runs; the arguments of all
of them are in ``parser``. The desktop app (``greenroom.app``), its ``--self-test``
(``greenroom.selftest``, which drives the real window) and the microphone probe the doctor runs
in a child process are started by name with importlib: that hand-over is the one way from here
to Qt, and import-linter keeps every other path closed.

Exit codes: 0 ok, 1 a user or environment problem (one-line message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from greenroom.cli.parser import build_parser
from greenroom.core.errors import BankError, GreenroomError
from greenroom.paths import AppPaths, resolve_paths

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

__all__ = ["EXIT_OK", "EXIT_USAGE", "EXIT_USER_ERROR", "build_parser", "main"]


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
        return int(_run(args, paths, out, err))
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


def _run(args: argparse.Namespace, paths: AppPaths, out: TextIO, err: TextIO) -> int:
    # Each command's module is imported only when it runs: `greenroom banks list` never loads
    # the speech engines, and `greenroom --version` loads none of them.
    if args.command == "banks":
        from greenroom.cli import banks

        return banks.run(args, paths, out)
    if args.command == "history":
        from greenroom.cli import history

        return history.run(args, paths, out)
    if args.command == "interviews":
        from greenroom.cli import interviews

        return interviews.run(args, paths, out, err)
    if args.command == "coach":
        from greenroom.cli import coach

        return coach.run(args, paths, out)
    if args.command == "doctor":
        from greenroom.cli import doctor

        return doctor.run(args, paths, out)
    if args.command == "transcribe":
        from greenroom.cli import transcribe

        return transcribe.run(args, paths, out, err)
    if args.command == "analyze":
        from greenroom.cli import analyze

        return analyze.run(args, paths, out)
    raise AssertionError(args.command)
