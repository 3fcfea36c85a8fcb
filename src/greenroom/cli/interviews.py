"""`greenroom interviews add|log|list|export|show|delete`: real interviews as test runs."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from sqlalchemy import Engine

from greenroom.core.interviews import ASKED_BANK_ID, Interview, InterviewLog
from greenroom.paths import AppPaths
from greenroom.services import coach, interview_input, interviews
from greenroom.services.interviews_export import interview_to_dict
from greenroom.services.startup import open_store


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO, err: TextIO) -> int:
    action = args.interviews_command
    if action == "add":
        return _add(args, paths, out, err)
    engine = open_store(paths).engine
    if action == "log":
        interview = interviews.log_interview(engine, args.id, _log_entry(args))
        print(f"logged interview {interview.id}: {_after(interview)}", file=out)
        if interview.asked:
            print(
                f"{len(interview.asked)} question(s) in your bank: greenroom banks show "
                f"{ASKED_BANK_ID}",
                file=out,
            )
    elif action == "list":
        found = interviews.list_interviews(engine)
        if args.json:
            body = {"greenroom_interviews": 1, "interviews": [interview_to_dict(i) for i in found]}
            print(json.dumps(body, indent=2, ensure_ascii=False), file=out)
        elif not found:
            print(
                "no interviews yet: greenroom interviews add --company C --role R --when T",
                file=out,
            )
        for i in found if not args.json else ():
            print(_line(i), file=out)
    elif action == "export":
        count = interviews.export_interviews(engine, args.file, fmt=args.format)
        print(f"exported {count} interviews to {args.file}", file=out)
    elif action == "show":
        _show(interviews.get_interview(engine, args.id), engine, out)
    elif action == "delete":
        interview = interviews.get_interview(engine, args.id)
        interviews.delete_interview(engine, args.id)
        kept = f"; its {len(interview.asked)} question(s) stay in {ASKED_BANK_ID}"
        print(
            f"deleted interview {args.id} ({interview.title}){kept if interview.asked else ''}",
            file=out,
        )
    return 0


def _add(args: argparse.Namespace, paths: AppPaths, out: TextIO, err: TextIO) -> int:
    when = interview_input.parse_when(args.when)  # checked before the database is opened
    fmt = interview_input.parse_format(args.format)
    want = interview_input.parse_want("want", args.want)
    engine = open_store(paths).engine
    interview, created = interviews.add_interview(
        engine,
        company=args.company,
        role=args.role,
        when=when,
        format=fmt,
        want=None if want == "not-sure" else want,
    )
    print(interview.id, file=out)
    if not created:
        print(
            f"greenroom: this interview was added before (id {interview.id}); nothing changed",
            file=err,
        )
    return 0


def _log_entry(args: argparse.Namespace) -> InterviewLog:
    return InterviewLog(
        nerves_before=interview_input.parse_nerves("nerves before", args.nerves_before),
        nerves_after=interview_input.parse_nerves("nerves after", args.nerves_after),
        went=interview_input.parse_went(args.went),
        asked=tuple(args.asked),
        people_met=tuple(args.met),
        want_after=interview_input.parse_want("want after", args.want_after),
        outcome=interview_input.parse_outcome(args.outcome),
        follow_up_note=args.follow_up,
        notes=args.notes,
    )


def _num(value: int | None, suffix: str = "") -> str:
    return "-" if value is None else f"{value}{suffix}"


def _when(i: Interview) -> str:
    return i.when.strftime("%Y-%m-%d %H:%M %z")


def _after(i: Interview) -> str:
    return (
        f"nerves {_num(i.nerves_before)}->{_num(i.nerves_after)}, went {_num(i.went, '/5')}, "
        f"outcome {i.outcome.value if i.outcome else '-'}"
    )


def _line(i: Interview) -> str:
    fmt = i.format.value if i.format else "-"
    want = "not sure" if i.want_before is None else f"{i.want_before}/10"
    return (
        f"{i.id:5}  {_when(i)}  {fmt:8}  {i.title}  want {want}  {_after(i)}  {len(i.asked)} asked"
    )


def _show(i: Interview, engine: Engine, out: TextIO) -> None:
    print(
        f"{i.title} (id {i.id}), {_when(i)}, {i.format.value if i.format else 'format not set'}",
        file=out,
    )
    print(
        f"want the job: {_num(i.want_before, '/10')} before, {_num(i.want_after, '/10')} after",
        file=out,
    )
    print(f"{_after(i)}", file=out)
    for item in i.checklist:
        print(f"  [{'x' if item.done else ' '}] {item.text}", file=out)
    for label, items in (("asked", [q.text for q in i.asked]), ("met", list(i.people_met))):
        for text in items:
            print(f"  {label}: {text}", file=out)
    for label, text in (("follow-up", i.follow_up_note), ("notes", i.notes)):
        if text:
            print(f"  {label}: {text}", file=out)
    plan = coach.interview_plan(engine, i)
    print(f"plan: {plan.note}", file=out)
    for run in plan.runs:
        extra = " (optional)" if run.optional else ""
        print(f"  {run.day:%a %d %b}  {run.rung.label}{extra}: {run.focus}", file=out)
