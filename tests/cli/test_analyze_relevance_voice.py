"""`greenroom analyze` with the question and the recording: relevance and the voice in its JSON,
and clear errors for a half-given question."""

from __future__ import annotations

import io
import json
from pathlib import Path

from greenroom.cli import main
from greenroom.paths import AppPaths

JFK = Path(__file__).resolve().parents[1] / "data" / "audio" / "jfk.flac"
SAID = (
    "And so, my fellow Americans, ask not what your country can do for you. "
    "Ask what you can do for your country."
)


def _words_file(tmp_path: Path) -> Path:
    said = SAID.split()
    step = 10.4 / len(said)
    words = [
        {"text": w, "start": round(0.3 + k * step, 2), "end": round(0.3 + (k + 1) * step - 0.05, 2)}
        for k, w in enumerate(said)
    ]
    path = tmp_path / "words.json"
    path.write_text(json.dumps(words), encoding="utf-8")
    return path


def _run(paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(paths.data), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_json_carries_key_points_with_evidence_on_topic_and_the_voice(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    code, out, _ = _run(
        app_paths,
        "analyze",
        str(_words_file(tmp_path)),
        "--question",
        "What would you do for your country?",
        "--key-point",
        "your country",
        "--key-point",
        "budget",
        "--audio",
        str(JFK),
        "--json",
    )
    assert code == 0
    metrics = json.loads(out)["metrics"]
    points = {k["point"]: k for k in metrics["relevance"]["key_points"]}
    assert points["your country"]["covered"] and "country" in points["your country"]["evidence"]
    assert not points["budget"]["covered"] and points["budget"]["evidence"] == ""
    # 22 words: too few to judge what the answer was about, said rather than scored.
    assert metrics["relevance"]["on_topic"] is None
    assert "too few to judge" in metrics["relevance"]["note"]
    voice = metrics["voice"]
    assert 70 < voice["pitch_median_hz"] < 300
    assert voice["pitch_variation_st"] > 1.5 and voice["monotone"] is False
    assert voice["loudness_dbfs"] < 0 and voice["tracker"].startswith("swift-f0")


def test_a_bank_question_is_taken_with_its_key_points(app_paths: AppPaths, tmp_path: Path) -> None:
    code, out, _ = _run(
        app_paths,
        "analyze",
        str(_words_file(tmp_path)),
        "--bank",
        "behavioral-star",
        "--question-id",
        "missed-or-nearly-missed-deadline",
        "--json",
    )
    assert code == 0
    relevance = json.loads(out)["metrics"]["relevance"]
    assert relevance["question"].startswith("Describe a time you missed a deadline")
    assert relevance["key_points"] and not any(k["covered"] for k in relevance["key_points"])


def test_half_a_bank_question_or_both_kinds_is_a_clear_error(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    words = str(_words_file(tmp_path))
    code, _, err = _run(app_paths, "analyze", words, "--bank", "behavioral-star")
    assert code == 1 and "--bank and --question-id go together" in err
    code, _, err = _run(
        app_paths, "analyze", words, "--bank", "x", "--question-id", "y", "--question", "Why?"
    )
    assert code == 1 and "either with --bank/--question-id or with --question" in err


def test_star_and_length_are_judged_as_the_practice_room_judges_them(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    words = str(_words_file(tmp_path))
    code, out, _ = _run(
        app_paths, "analyze", words, "--bank", "openers", "--question-id", "tell-me-about-yourself"
    )
    assert code == 0
    assert "(not judged: not a question for a STAR story)" in out
    assert "STAR structure" not in out  # no STAR line among the headline figures
    _, out, _ = _run(
        app_paths,
        "analyze",
        words,
        "--bank",
        "openers",
        "--question-id",
        "tell-me-about-yourself",
        "--json",
    )
    metrics = json.loads(out)["metrics"]
    assert metrics["star_expected"] is False and metrics["length_target"] == 90
    story = ("--bank", "behavioral-star", "--question-id", "missed-or-nearly-missed-deadline")
    _, out, _ = _run(app_paths, "analyze", words, *story, "--json")
    assert json.loads(out)["metrics"]["star_expected"] is True
    # A question given as text is read by its wording; no question at all: judged as before.
    for asked, expected in (
        ("Why do you want this role?", False),
        ("Tell me about a time you led.", True),
    ):
        _, out, _ = _run(app_paths, "analyze", words, "--question", asked, "--json")
        assert json.loads(out)["metrics"]["star_expected"] is expected, asked
    _, out, _ = _run(app_paths, "analyze", words, "--json")
    assert json.loads(out)["metrics"]["star_expected"] is True
