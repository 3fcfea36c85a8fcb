"""`greenroom analyze`: the report for a transcript or words file, clear errors otherwise."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from greenroom.cli.analyze import run_analyze
from greenroom.core.errors import GreenroomError

FIXTURES = Path(__file__).parents[1] / "analysis" / "fixtures"
FIXTURE = FIXTURES / "in_time_mixed.json"


def test_text_report_shows_metrics_and_feedback() -> None:
    out = io.StringIO()
    assert run_analyze(FIXTURE, answer_limit=120, as_json=False, out=out) == 0
    text = out.getvalue()
    assert "Delivery index:" in text
    assert "Fillers per minute" in text
    assert "Feedback:" in text and "Try:" in text


def test_json_report_parses(tmp_path: Path) -> None:
    out = io.StringIO()
    run_analyze(FIXTURE, answer_limit=None, as_json=True, out=out)
    doc = json.loads(out.getvalue())
    assert doc["metrics"]["fillers"]["count"] == 6
    assert set(doc) == {"metrics", "ratings", "delivery_index", "feedback"}


def test_words_file_uses_word_gaps(tmp_path: Path) -> None:
    words = json.loads(FIXTURE.read_text())["words"]
    path = tmp_path / "words.json"
    path.write_text(json.dumps(words))
    out = io.StringIO()
    run_analyze(path, answer_limit=None, as_json=True, out=out)
    doc = json.loads(out.getvalue())
    assert doc["metrics"]["pauses"]["source"] == "word gaps"
    assert doc["metrics"]["word_count"] == 136


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"text": "hi"}', "not a transcript"),
        ('[{"text": "hi", "start": 0}]', "word 1 has no 'end'"),
        ('[{"text": "hi", "start": "soon", "end": 1}]', "not a transcript"),
        ('{"words": 3}', "'words' must be a list"),
        ("[1, 2]", "word 1 is not an object"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "answer.json"
    path.write_text(content)
    with pytest.raises(GreenroomError) as err:
        run_analyze(path, answer_limit=None, as_json=False, out=io.StringIO())
    assert message in str(err.value)
    assert "answer.json" in str(err.value)
    assert err.value.fix


def test_missing_file_and_bad_limit(tmp_path: Path) -> None:
    with pytest.raises(GreenroomError, match="file not found"):
        run_analyze(tmp_path / "nope.json", answer_limit=None, as_json=False, out=io.StringIO())
    with pytest.raises(GreenroomError, match="positive number"):
        run_analyze(FIXTURE, answer_limit=-5, as_json=False, out=io.StringIO())


def test_empty_transcript_prints_a_report() -> None:
    path = FIXTURES / "empty_answer.json"
    out = io.StringIO()
    assert run_analyze(path, answer_limit=120, as_json=False, out=out) == 0
    assert "Words: 0" in out.getvalue()
