"""`greenroom coach`: the next practice run the coach recommends, and why."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from greenroom.analysis.coach import Recommendation
from greenroom.core.bank import Question
from greenroom.paths import AppPaths
from greenroom.services import coach
from greenroom.services.startup import open_store


def run(args: argparse.Namespace, paths: AppPaths, out: TextIO) -> int:
    engine = open_store(paths).engine
    advice = coach.recommend_next(engine)
    questions = coach.recommended_questions(engine, advice)
    if args.json:
        print(json.dumps(as_json(advice, questions), indent=2, ensure_ascii=False), file=out)
    else:
        print(as_text(advice, questions), file=out)
    return 0


def as_text(advice: Recommendation, questions: list[Question]) -> str:
    prep = "each question's own" if advice.prep_seconds is None else f"{advice.prep_seconds} s"
    lines = [
        f"Next run: {advice.rung.label}, {len(questions)} questions "
        f"(follow-ups {'on' if advice.follow_ups else 'off'}, thinking time {prep})",
        "",
        advice.reason,
    ]
    if advice.evidence:
        lines += ["", "Evidence:", *(f"  {e}" for e in advice.evidence)]
    if questions:
        lines += ["", "Questions:"]
        lines += [f"  {n}. {q.text} ({q.bank_id})" for n, q in enumerate(questions, 1)]
    if advice.plan and advice.plan.runs:
        lines += ["", f"Plan: {advice.plan.note}"]
        lines += [f"  {r.day:%a %d %b}  {r.rung.label}: {r.focus}" for r in advice.plan.runs]
    if advice.reminders:
        lines += ["", *(f"- {r}" for r in advice.reminders)]
    return "\n".join(lines)


def as_json(advice: Recommendation, questions: list[Question]) -> dict[str, Any]:
    plan = advice.plan
    return {
        "rung": advice.rung.value,
        "mode": advice.mode.value,
        "follow_ups": advice.follow_ups,
        "prep_seconds": advice.prep_seconds,
        "step": advice.step.value,
        "reason": advice.reason,
        "evidence": list(advice.evidence),
        "questions": [{"bank": q.bank_id, "id": q.id, "text": q.text} for q in questions],
        "reminders": list(advice.reminders),
        "plan": None
        if plan is None
        else {
            "interview_day": plan.interview_day.isoformat(),
            "note": plan.note,
            "runs": [
                {"day": r.day.isoformat(), "rung": r.rung.value, "focus": r.focus}
                for r in plan.runs
            ],
        },
    }
