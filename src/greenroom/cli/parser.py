"""The `greenroom` command line's arguments: every subcommand and option, in one place."""

from __future__ import annotations

import argparse
from pathlib import Path

from greenroom import __version__


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

    _add_interviews(sub)
    coach = sub.add_parser("coach", help="recommend the next practice run, and say why")
    coach.add_argument("--json", action="store_true", help="print JSON")

    sub.add_parser(
        "doctor", help="check Python, Qt, data folder, speech engines, voices and microphones"
    )

    tr = sub.add_parser("transcribe", help="transcribe an audio file on this machine")
    tr.add_argument("file", type=Path)
    tr.add_argument("--engine", default=None, help="faster-whisper (default) or pocketsphinx")
    tr.add_argument("--json", action="store_true", help="print JSON (input for greenroom analyze)")
    tr.add_argument(
        "--streaming",
        action="store_true",
        help="replay the file through the streaming transcriber the app records answers with",
    )
    tr.add_argument(
        "--realtime", action="store_true", help="with --streaming: at the pace it was spoken"
    )

    an = sub.add_parser("analyze", help="delivery metrics and feedback for a transcript JSON")
    an.add_argument("file", type=Path)
    an.add_argument("--limit", type=float, default=None, help="answer limit in seconds")
    an.add_argument("--json", action="store_true", help="print JSON")
    an.add_argument("--question", help="the question asked: the answer is judged for staying on it")
    an.add_argument(
        "--key-point",
        action="append",
        default=[],
        dest="key_points",
        metavar="TEXT",
        help="a key point the answer should cover (repeat for several)",
    )
    an.add_argument("--bank", help="take the question and its key points from this bank")
    an.add_argument("--question-id", help="the question's id in --bank (see: greenroom banks show)")
    an.add_argument("--audio", type=Path, help="the answer's recording, for the voice measures")
    return parser


def _add_interviews(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Ratings and choices are taken as text and checked by services.interview_input, so a
    # value out of range gets Greenroom's one-line message (exit 1), not argparse's usage.
    iv = sub.add_parser("interviews", help="real interviews, logged as test runs")
    isub = iv.add_subparsers(dest="interviews_command", metavar="ACTION", required=True)
    add = isub.add_parser("add", help="add an interview; prints its id")
    add.add_argument("--company", required=True)
    add.add_argument("--role", required=True)
    add.add_argument(
        "--when", required=True, metavar="ISO-DATETIME", help="e.g. 2026-03-10T14:30[+01:00]"
    )
    add.add_argument("--format", metavar="F", help="phone, video or on-site")
    add.add_argument("--want", metavar="N", help="how much you want the job: 0-10 or not-sure")
    log = isub.add_parser("log", help="record how it went (again to add or correct)")
    log.add_argument("id", type=int)
    log.add_argument("--nerves-before", metavar="N", help="0-100")
    log.add_argument("--nerves-after", metavar="N", help="0-100")
    log.add_argument("--went", metavar="1-5", help="how it went, 1-5")
    log.add_argument(
        "--asked", metavar="TEXT", action="append", default=[], help="a question they asked"
    )
    log.add_argument("--met", metavar="TEXT", action="append", default=[], help="someone you met")
    log.add_argument("--want-after", metavar="N", help="0-10 or not-sure")
    log.add_argument(
        "--outcome", metavar="O", help="waiting, next-round, offer, rejected or withdrew"
    )
    log.add_argument("--follow-up", metavar="TEXT", default="", help="a follow-up to do")
    log.add_argument("--notes", metavar="TEXT", default="")
    ilist = isub.add_parser("list", help="interviews, newest first")
    ilist.add_argument("--json", action="store_true", help="print JSON")
    iexp = isub.add_parser("export", help="export every interview")
    iexp.add_argument("file", type=Path)
    iexp.add_argument(
        "--format", choices=("csv", "json"), default=None, help="default: from extension"
    )
    show = isub.add_parser("show", help="one interview and its practice plan")
    show.add_argument("id", type=int)
    delete = isub.add_parser("delete", help="delete an interview (its questions stay in the bank)")
    delete.add_argument("id", type=int)
