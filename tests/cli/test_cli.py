"""`greenroom` subcommands as a user runs them: output, files written, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greenroom import __version__
from greenroom.cli import main
from greenroom.core.session import Answer, Mode, PracticeSession
from greenroom.paths import AppPaths
from greenroom.services.startup import open_store
from greenroom.store import sessions_repo


def run(paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(paths.data), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_subcommands_never_import_qt(app_paths: AppPaths) -> None:
    code = (
        "import sys; from greenroom.cli import main;"
        f"rc = main(['--data-dir', {str(app_paths.data)!r}, 'banks', 'list']);"
        "assert 'PySide6' not in sys.modules, 'PySide6 was imported'; sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "openers" in done.stdout


def test_version_and_usage_errors_use_the_documented_exit_codes() -> None:
    exe = [sys.executable, "-m", "greenroom"]
    version = subprocess.run([*exe, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"greenroom {__version__}"
    bad = subprocess.run([*exe, "banks", "frobnicate"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_banks_list_shows_builtin_banks_after_first_start(app_paths: AppPaths) -> None:
    code, out, _ = run(app_paths, "banks", "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 8
    assert all("built-in" in line for line in lines)


def test_import_show_export_and_reimport_a_user_bank(app_paths: AppPaths, tmp_path: Path) -> None:
    src = tmp_path / "My Questions.txt"
    src.write_text("1. Why this role?\n2. What did you learn last year?\n", encoding="utf-8")
    code, out, err = run(app_paths, "banks", "import", str(src))
    assert code == 0, err
    assert "imported bank 'my-questions': 2 added" in out
    code, out, _ = run(app_paths, "banks", "show", "my-questions")
    assert "Why this role?" in out and "What did you learn last year?" in out
    exported = tmp_path / "out.yaml"
    assert run(app_paths, "banks", "export", "my-questions", str(exported))[0] == 0
    assert "greenroom_bank: 1" in exported.read_text(encoding="utf-8")
    code, out, _ = run(app_paths, "banks", "import", str(exported))
    assert (
        code == 0
        and "updated bank 'my-questions': 0 added, 0 updated, 0 retired, 2 unchanged" in out
    )


def test_import_of_a_broken_file_reports_every_error_and_imports_nothing(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "greenroom_bank: 1\nid: bad\ntitle: Bad\nquestions:\n"
        "  - text: Fine question?\n"
        "  - text: Too slow?\n    prep_seconds: 9999\n"
        "  - text: Odd?\n    category: astrology\n",
        encoding="utf-8",
    )
    code, _out, err = run(app_paths, "banks", "import", str(bad))
    assert code == 1
    assert f"{bad}:7: error: prep_seconds is 9999" in err
    assert f"{bad}:9: error: category 'astrology'" in err
    assert "nothing was imported" in err
    assert "bad " not in run(app_paths, "banks", "list")[1]


def test_validate_does_not_touch_the_database(app_paths: AppPaths, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("question,category\nWhy us?,motivation\nWhy us?,motivation\n", encoding="utf-8")
    code, out, _ = run(app_paths, "banks", "validate", str(good))
    assert code == 0
    assert "ok: bank 'good' with 1 questions (1 warnings)" in out
    assert "duplicate" in out
    assert not app_paths.database.exists()


def test_unknown_bank_is_a_user_error(app_paths: AppPaths) -> None:
    code, _, err = run(app_paths, "banks", "show", "nope")
    assert code == 1
    assert (
        err.strip() == "greenroom: no bank with id 'nope'. See the ids with: greenroom banks list"
    )


def _seed_history(paths: AppPaths) -> None:
    engine = open_store(paths).engine
    t0 = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
    session = sessions_repo.create_session(
        engine, PracticeSession(None, t0, Mode.TIMED, bank_ids=("openers",), nerves_before=72)
    )
    assert session.id is not None
    sessions_repo.record_answer(
        engine,
        Answer(
            None,
            session.id,
            None,
            "Tell me about yourself.",
            0,
            transcript="=1+1 um I lead a team",
            duration_seconds=61.0,
        ),
    )
    sessions_repo.finish_session(
        engine, session.id, ended_at=t0, nerves_after=40, confidence_after=70
    )


def test_history_list_and_export(app_paths: AppPaths, tmp_path: Path) -> None:
    assert run(app_paths, "history", "list")[1].strip() == "no practice sessions yet"
    _seed_history(app_paths)
    code, out, _ = run(app_paths, "history", "list")
    assert code == 0 and "timed" in out and "nerves 72->40" in out and "1 answers" in out
    as_json, as_csv = tmp_path / "h.json", tmp_path / "h.csv"
    assert run(app_paths, "history", "export", str(as_json))[0] == 0
    data = json.loads(as_json.read_text(encoding="utf-8"))
    [session] = data["sessions"]
    assert (session["nerves_before"], session["nerves_after"], session["confidence_after"]) == (
        72,
        40,
        70,
    )
    assert session["answers"][0]["transcript"] == "=1+1 um I lead a team"
    assert run(app_paths, "history", "export", str(as_csv), "--format", "csv")[0] == 0
    [row] = list(csv.DictReader(as_csv.open(encoding="utf-8")))
    assert row["question"] == "Tell me about yourself." and row["nerves_before"] == "72"
    assert row["transcript"] == "'=1+1 um I lead a team"  # never a live spreadsheet formula


def test_doctor_reports_each_component(app_paths: AppPaths) -> None:
    code, out, _ = run(app_paths, "doctor")
    assert code == 0
    for name in ("Python", "Qt (PySide6)", "Data folder", "Database", "Audio inputs"):
        assert name in out
    assert str(app_paths.data) in out


def test_a_database_that_is_not_ours_gives_a_one_line_error(app_paths: AppPaths) -> None:
    app_paths.database.write_text("not a database", encoding="utf-8")
    code, out, err = run(app_paths, "banks", "list")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(app_paths.database) in err
    assert app_paths.database.read_text(encoding="utf-8") == "not a database"


@pytest.mark.parametrize("env_dir", [True, False])
def test_data_dir_comes_from_flag_or_environment(tmp_path: Path, env_dir: bool) -> None:
    import os

    target = tmp_path / "elsewhere"
    env = {**os.environ, "GREENROOM_HOME": str(target)} if env_dir else dict(os.environ)
    args = [] if env_dir else ["--data-dir", str(target)]
    done = subprocess.run(
        [sys.executable, "-m", "greenroom", *args, "banks", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert (target / "greenroom.db").exists()
