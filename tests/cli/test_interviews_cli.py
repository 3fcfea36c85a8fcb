"""`greenroom interviews` and `greenroom coach` as a user runs them: output, files, exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from greenroom.cli import main
from greenroom.paths import AppPaths

COMPANY = "Acme Ünïcode"


def run(paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(paths.data), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _add(paths: AppPaths, *extra: str, when: str = "2026-03-10T14:30+01:00") -> int:
    code, out, err = run(
        paths,
        "interviews",
        "add",
        "--company",
        COMPANY,
        "--role",
        "Analyst",
        "--when",
        when,
        *extra,
    )
    assert code == 0, err
    return int(out.strip())


def _one_line_error(paths: AppPaths, *argv: str) -> str:
    code, out, err = run(paths, *argv)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_add_prints_the_new_id_and_list_shows_it(app_paths: AppPaths) -> None:
    assert run(app_paths, "interviews", "list")[1].startswith("no interviews yet")
    first = _add(app_paths, "--format", "video", "--want", "7")
    second = _add(app_paths, "--want", "not-sure", when="2026-04-01T09:00-05:00")
    assert (first, second) == (1, 2)
    code, out, _ = run(app_paths, "interviews", "list")
    newest, oldest = out.splitlines()
    assert code == 0 and newest.split()[0] == "2" and oldest.split()[0] == "1"
    assert "2026-03-10 14:30 +0100" in oldest and "video" in oldest and "want 7/10" in oldest
    assert f"Analyst at {COMPANY}" in oldest and "want not sure" in newest
    code, out, _ = run(app_paths, "interviews", "list", "--json")
    listed = json.loads(out)["interviews"]
    assert [i["id"] for i in listed] == [2, 1]
    assert listed[1]["when"] == "2026-03-10T14:30:00+01:00" and listed[1]["want_before"] == 7
    assert listed[0]["want_before"] is None and listed[0]["format"] is None


def test_adding_the_same_interview_again_prints_its_id_and_says_so(app_paths: AppPaths) -> None:
    first = _add(app_paths)
    code, out, err = run(
        app_paths, "interviews", "add", "--company", COMPANY.upper(), "--role", "analyst",
        "--when", "2026-03-10T13:30Z",
    )  # fmt: skip
    assert code == 0 and out.strip() == str(first)
    assert "added before (id 1); nothing changed" in err
    assert len(run(app_paths, "interviews", "list")[1].splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--when", "2026-02-30T10:00"], "'2026-02-30T10:00' is not a real date"),
        (["--when", "2026-13-01"], "is not a real date (month must be in 1..12)"),
        (["--when", "next tuesday"], "'next tuesday' is not a date and time"),
        (["--when", "0026-03-10T10:00"], "26 is not a year an interview can be in"),
        (["--when", "2026-03-10", "--want", "11"], "want must be a whole number from 0 to 10"),
        (["--when", "2026-03-10", "--format", "zoom"], "Use one of: phone, video, on-site"),
    ],
)
def test_bad_values_to_add_get_one_clear_line(
    app_paths: AppPaths, argv: list[str], message: str
) -> None:
    err = _one_line_error(app_paths, "interviews", "add", "--company", "C", "--role", "R", *argv)
    assert message in err and err.startswith("greenroom: ")


def test_a_blank_company_is_refused(app_paths: AppPaths) -> None:
    err = _one_line_error(
        app_paths, "interviews", "add", "--company", " ", "--role", "R", "--when", "2026-03-10"
    )
    assert "the company is empty" in err


def test_logging_twice_updates_and_merges_without_duplicates(app_paths: AppPaths) -> None:
    iid = str(_add(app_paths))
    code, out, err = run(
        app_paths, "interviews", "log", iid, "--nerves-before", "75", "--nerves-after", "60",
        "--went", "3", "--asked", "Why do you want to leave?", "--asked", "Tell me about a gap",
        "--met", "Ana (hiring manager)", "--notes", "Long day", "--outcome", "waiting",
    )  # fmt: skip
    assert code == 0, err
    assert "nerves 75->60, went 3/5, outcome waiting" in out
    assert "greenroom banks show asked-in-interviews" in out
    code, out, err = run(
        app_paths, "interviews", "log", iid, "--nerves-after", "45", "--asked",
        "why do you want to LEAVE", "--met", "ana (Hiring Manager)", "--met", "Bo",
        "--notes", "Long day", "--want-after", "not sure", "--outcome", "Next Round",
    )  # fmt: skip
    assert code == 0, err
    listed = json.loads(run(app_paths, "interviews", "list", "--json")[1])["interviews"][0]
    assert (listed["nerves_before"], listed["nerves_after"], listed["went"]) == (75, 45, 3)
    assert [q["text"] for q in listed["asked"]] == [
        "Why do you want to leave?",
        "Tell me about a gap",
    ]
    assert listed["people_met"] == ["Ana (hiring manager)", "Bo"]
    assert listed["notes"] == "Long day" and listed["want_after"] is None
    assert listed["outcome"] == "next-round"
    code, out, _ = run(app_paths, "banks", "show", "asked-in-interviews")
    assert code == 0 and out.count("\n") == 3  # title and the two questions, once each
    assert "Why do you want to leave?" in out and "Tell me about a gap" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--nerves-before", "101"], "nerves before must be a whole number from 0 to 100"),
        (["--nerves-after", "-1"], "nerves after must be a whole number from 0 to 100"),
        (["--went", "0"], "how it went must be a whole number from 1 to 5, not 0"),
        (["--went", "good"], "how it went must be a whole number from 1 to 5, not 'good'"),
        (["--want-after", "maybe"], "want after must be a whole number from 0 to 10"),
        (["--outcome", "hired"], "Use one of: waiting, next-round, offer, rejected, withdrew"),
    ],
)
def test_bad_values_to_log_get_one_clear_line_and_change_nothing(
    app_paths: AppPaths, argv: list[str], message: str
) -> None:
    iid = str(_add(app_paths))
    assert message in _one_line_error(app_paths, "interviews", "log", iid, "--asked", "Q?", *argv)
    listed = json.loads(run(app_paths, "interviews", "list", "--json")[1])["interviews"][0]
    assert listed["asked"] == [] and listed["outcome"] is None


def test_an_unknown_id_is_a_user_error_and_a_non_number_is_bad_usage(app_paths: AppPaths) -> None:
    err = _one_line_error(app_paths, "interviews", "log", "9", "--went", "3")
    assert err == ("greenroom: no interview with id 9. See the ids with: greenroom interviews list")
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(app_paths.data), "interviews", "log", "first"])
    assert stop.value.code == 2


def test_asked_bank_shows_before_its_first_question(app_paths: AppPaths) -> None:
    code, out, _ = run(app_paths, "banks", "show", "asked-in-interviews")
    assert code == 0
    assert out.startswith("Asked in real interviews (asked-in-interviews), 0 questions")
    assert "greenroom interviews log ID --asked TEXT" in out


def test_deleting_an_interview_keeps_its_questions_in_the_bank(app_paths: AppPaths) -> None:
    iid = str(_add(app_paths))
    assert run(app_paths, "interviews", "log", iid, "--asked", "What is your weakness?")[0] == 0
    code, out, _ = run(app_paths, "interviews", "delete", iid)
    assert code == 0 and "its 1 question(s) stay in asked-in-interviews" in out
    assert run(app_paths, "interviews", "list")[1].startswith("no interviews yet")
    assert "What is your weakness?" in run(app_paths, "banks", "show", "asked-in-interviews")[1]
    assert run(app_paths, "interviews", "delete", iid)[0] == 1


def test_export_writes_csv_and_json_with_text_kept_verbatim(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    iid = str(_add(app_paths, "--format", "on site"))
    note = '=HYPERLINK("x")\nВторая строка — 面接 ' + "long " * 2000
    assert run(
        app_paths, "interviews", "log", iid, "--asked", "-Why us?", "--notes", note,
        "--nerves-before", "70",
    )[0] == 0  # fmt: skip
    as_csv, as_json = tmp_path / "i.csv", tmp_path / "i.json"
    code, out, _ = run(app_paths, "interviews", "export", str(as_csv), "--format", "csv")
    assert code == 0 and out.strip() == f"exported 1 interviews to {as_csv}"
    [row] = list(csv.DictReader(as_csv.open(encoding="utf-8", newline="")))
    assert row["company"] == COMPANY and row["format"] == "on-site"
    assert row["when"] == "2026-03-10T14:30:00+01:00" and row["when_utc"].startswith(
        "2026-03-10T13:30"
    )
    assert row["notes"] == "'" + note and row["asked"] == "'-Why us?"  # never a formula
    assert row["checklist"].startswith("[ ] Research the company and the role\n")
    assert run(app_paths, "interviews", "export", str(as_json))[0] == 0
    [exported] = json.loads(as_json.read_text(encoding="utf-8"))["interviews"]
    assert exported["notes"] == note and exported["nerves_before"] == 70
    assert exported["asked"][0]["text"] == "-Why us?"
    err = _one_line_error(app_paths, "interviews", "export", str(tmp_path / "i.xlsx"))
    assert "Use --format csv or --format json" in err


def test_show_prints_the_interview_and_its_practice_plan(app_paths: AppPaths) -> None:
    soon = (datetime.now().astimezone() + timedelta(days=3)).replace(hour=15, minute=0)
    iid = str(_add(app_paths, when=soon.isoformat(timespec="minutes")))
    code, out, _ = run(app_paths, "interviews", "show", iid)
    assert code == 0
    assert f"Analyst at {COMPANY} (id {iid})" in out and "[ ] Three stories ready" in out
    assert "plan: The interview is in 3 days" in out
    plan_lines = [line for line in out.splitlines() if line.startswith("  ") and ":" in line]
    assert "Warm-up (optional)" in plan_lines[-1]
    assert "dress rehearsal" in plan_lines[-2]


def test_coach_prints_a_recommendation_and_why(app_paths: AppPaths) -> None:
    code, out, _ = run(app_paths, "coach")
    assert code == 0
    assert out.startswith("Next run: Warm-up, 3 questions (follow-ups off")
    assert "Start gently" in out and "Questions:\n  1. " in out
    code, out, _ = run(app_paths, "coach", "--json")
    advice = json.loads(out)
    assert (advice["rung"], advice["mode"], advice["step"]) == ("warm-up", "warm-up", "first")
    assert len(advice["questions"]) == 3 and advice["plan"] is None
