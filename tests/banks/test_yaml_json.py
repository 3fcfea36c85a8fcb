"""YAML and JSON banks: every field read right, and every error reported at its line."""

from __future__ import annotations

import json

import pytest

from greenroom.banks.loader import load_bank_file
from greenroom.core.bank import Category, Difficulty

from .helpers import WriteFile, errors_at, line_of, load_errors, texts

FULL_YAML = """\
greenroom_bank: 1
id: behavioral-core
title: Behavioral essentials
description: Classic STAR questions every interviewer asks.
language: en-GB
tags: [behavioral, star]
defaults:
  prep_seconds: 45
  answer_seconds: 150
  difficulty: hard
questions:
  - id: disagreed-with-teammate
    text: Tell me about a time you disagreed with a teammate. What did you do?
    category: behavioral
    difficulty: easy
    prep_seconds: 20
    answer_seconds: 90
    tips: Pick a real disagreement about work, not personality.
    key_points: [listened first, shared goal, outcome, what you learned]
    follow_ups: ['What would you do differently now?']
    tags: [conflict, teamwork]
  - text: Why do you want this job?
    category: motivation
"""

MINIMAL_YAML = """\
greenroom_bank: 1
id: minimal
title: Minimal bank
defaults:
  prep_seconds: 15
  answer_seconds: 60
  difficulty: easy
questions:
  - text: Tell me about yourself.
  - Why this company?
"""


def _bank_yaml(questions: str, *, header: str = "") -> str:
    """A valid header followed by ``questions`` (already indented as list items)."""
    return f"greenroom_bank: 1\nid: test-bank\ntitle: Test bank\n{header}questions:\n{questions}"


def test_full_yaml_bank_loads_every_field(write: WriteFile) -> None:
    result = load_bank_file(write("core.yaml", FULL_YAML))

    bank = result.bank
    assert result.warnings == ()
    assert bank.id == "behavioral-core"
    assert bank.title == "Behavioral essentials"
    assert bank.description == "Classic STAR questions every interviewer asks."
    assert bank.language == "en-GB"
    assert bank.tags == ("behavioral", "star")
    assert bank.defaults == {"prep_seconds": 45, "answer_seconds": 150, "difficulty": "hard"}
    first, second = bank.questions
    assert first.id == "disagreed-with-teammate"
    assert first.text == "Tell me about a time you disagreed with a teammate. What did you do?"
    assert first.category is Category.BEHAVIORAL
    assert first.difficulty is Difficulty.EASY
    assert first.prep_seconds == 20
    assert first.answer_seconds == 90
    assert first.tips == "Pick a real disagreement about work, not personality."
    assert first.key_points == ("listened first", "shared goal", "outcome", "what you learned")
    assert first.follow_ups == ("What would you do differently now?",)
    assert first.tags == ("conflict", "teamwork")
    assert first.retired is False
    assert first.position == 0
    # The second question says little and takes the rest from `defaults:`.
    assert second.id == "why-do-you-want-this-job"
    assert second.category is Category.MOTIVATION
    assert (second.difficulty, second.prep_seconds, second.answer_seconds) == (
        Difficulty.HARD,
        45,
        150,
    )
    assert (second.tips, second.key_points, second.follow_ups, second.tags) == ("", (), (), ())
    assert second.position == 1


def test_full_json_bank_loads_the_same_as_yaml(write: WriteFile) -> None:
    import yaml

    data = yaml.safe_load(FULL_YAML)
    from_json = load_bank_file(write("core.json", json.dumps(data, indent=2))).bank
    from_yaml = load_bank_file(write("core.yaml", FULL_YAML)).bank

    assert from_json.questions == from_yaml.questions
    assert (from_json.id, from_json.title, from_json.language, from_json.tags) == (
        from_yaml.id,
        from_yaml.title,
        from_yaml.language,
        from_yaml.tags,
    )
    assert from_json.defaults == from_yaml.defaults


def test_minimal_bank_takes_defaults_from_the_defaults_block(write: WriteFile) -> None:
    result = load_bank_file(write("minimal.yaml", MINIMAL_YAML))

    assert texts(result) == ["Tell me about yourself.", "Why this company?"]
    for q in result.bank.questions:
        assert (q.prep_seconds, q.answer_seconds, q.difficulty) == (15, 60, Difficulty.EASY)
        assert q.category is None
    assert [q.id for q in result.bank.questions] == ["tell-me-about-yourself", "why-this-company"]


def test_bank_without_defaults_uses_the_format_defaults(write: WriteFile) -> None:
    result = load_bank_file(write("b.yaml", _bank_yaml("  - text: Why us?\n")))

    (q,) = result.bank.questions
    assert result.bank.language == "en"
    assert (q.prep_seconds, q.answer_seconds, q.difficulty) == (30, 120, Difficulty.MEDIUM)


def test_missing_format_version_is_an_error_at_line_1(write: WriteFile) -> None:
    text = "id: no-version\ntitle: No version\nquestions:\n  - Why us?\n"
    problems = load_errors(write("b.yaml", text))

    assert errors_at(problems)[1] == [
        "missing 'greenroom_bank: 1' (the format version) at the top of the file"
    ]


@pytest.mark.parametrize("field", ["id", "title"])
def test_missing_id_or_title_is_an_error(write: WriteFile, field: str) -> None:
    lines = {"id": "id: some-bank\n", "title": "title: Some bank\n"}
    del lines[field]
    text = "greenroom_bank: 1\n" + "".join(lines.values()) + "questions:\n  - Why us?\n"
    problems = load_errors(write("b.yaml", text))

    assert [p.message for p in problems] == [f"missing required field {field!r}"]


def test_version_2_is_newer_than_this_greenroom(write: WriteFile) -> None:
    text = "# a comment\ngreenroom_bank: 2\nid: future\ntitle: Future\nquestions:\n  - Why us?\n"
    problems = load_errors(write("b.yaml", text))

    (problem,) = problems
    assert problem.line == 2
    assert "newer than this Greenroom" in problem.message
    assert "version 2" in problem.message


@pytest.mark.parametrize(
    ("field_line", "message_part"),
    [
        ("    category: leadership", "category 'leadership' is not one of"),
        ("    difficulty: brutal", "difficulty 'brutal' is not one of easy | medium | hard"),
        ("    prep_seconds: 601", "prep_seconds is 601; it must be between 0 and 600"),
        ("    prep_seconds: -1", "prep_seconds is -1; it must be between 0 and 600"),
        ("    answer_seconds: 9", "answer_seconds is 9; it must be between 10 and 1800"),
        ("    answer_seconds: 1801", "answer_seconds is 1801; it must be between 10 and 1800"),
        ("    prep_seconds: half a minute", "prep_seconds must be a whole number of seconds"),
        ('    key_points: ["| new plan"]', "key point '| new plan' has no name before its first"),
    ],
)
def test_bad_question_value_is_reported_at_its_line(
    write: WriteFile, field_line: str, message_part: str
) -> None:
    text = _bank_yaml(
        "  - text: Tell me about yourself.\n"
        "  - text: Why do you want this job?\n"
        "    tips: Be specific.\n"
        f"{field_line}\n"
        "    tags: [motivation]\n"
    )
    problems = load_errors(write("b.yaml", text))

    (problem,) = problems
    assert problem.line == 8 == line_of(text, field_line)
    assert message_part in problem.message
    assert problem.file.endswith("b.yaml")


def test_range_limits_are_inclusive(write: WriteFile) -> None:
    text = _bank_yaml(
        "  - text: A?\n    prep_seconds: 0\n    answer_seconds: 10\n"
        "  - text: B?\n    prep_seconds: 600\n    answer_seconds: 1800\n"
    )
    a, b = load_bank_file(write("b.yaml", text)).bank.questions

    assert (a.prep_seconds, a.answer_seconds, b.prep_seconds, b.answer_seconds) == (
        0,
        10,
        600,
        1800,
    )


def test_bad_value_in_defaults_is_reported_at_its_own_line(write: WriteFile) -> None:
    text = _bank_yaml(
        "  - Why us?\n",
        header="defaults:\n  prep_seconds: 30\n  answer_seconds: 5\n  difficulty: medium\n",
    )
    problems = load_errors(write("b.yaml", text))

    (problem,) = problems
    assert "answer_seconds is 5" in problem.message
    # The user has to find the bad value: line 6 holds it, line 4 only says "defaults:".
    assert problem.line == line_of(text, "answer_seconds: 5") == 6


def test_every_error_in_a_file_is_reported_not_just_the_first(write: WriteFile) -> None:
    text = _bank_yaml(
        "  - text: Tell me about yourself.\n"
        "    category: warmup\n"  # line 6
        "  - text: Describe a failure.\n"
        "    difficulty: impossible\n"  # line 8
        "  - text: What motivates you?\n"
        "    answer_seconds: 3\n"  # line 10
        "    prep_seconds: 9000\n"  # line 11
        "  - category: behavioral\n"  # line 12: no text
    )
    problems = load_errors(write("b.yaml", text))

    by_line = errors_at(problems)
    assert sorted(by_line) == [6, 8, 10, 11, 12]
    assert "category 'warmup'" in by_line[6][0]
    assert "difficulty 'impossible'" in by_line[8][0]
    assert "answer_seconds is 3" in by_line[10][0]
    assert "prep_seconds is 9000" in by_line[11][0]
    assert by_line[12] == ["question has no text"]
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)


def test_invalid_yaml_syntax_gives_line_and_column(write: WriteFile) -> None:
    text = _bank_yaml('  - text: "Tell me about yourself.\n  - text: Why us?\n    tips: [a, b\n')
    problems = load_errors(write("b.yaml", text))

    (problem,) = problems
    assert problem.message.startswith("not valid YAML")
    assert problem.line is not None and problem.column is not None
    assert 5 <= problem.line <= 8


def test_invalid_yaml_indentation_points_at_the_bad_line(write: WriteFile) -> None:
    text = "greenroom_bank: 1\nid: x\ntitle: X\nquestions:\n  - text: Why?\n   bad: indent\n"
    (problem,) = load_errors(write("b.yaml", text))

    assert problem.message.startswith("not valid YAML")
    assert problem.line == 6
    assert problem.column == 4


def test_invalid_json_gives_line_and_column(write: WriteFile) -> None:
    text = '{\n  "greenroom_bank": 1,\n  "id": "x",\n  "title": "X"\n  "questions": []\n}\n'
    (problem,) = load_errors(write("b.json", text))

    assert problem.message.startswith("not valid JSON")
    assert (problem.line, problem.column) == (5, 3)


def test_json_trailing_comma_is_reported_with_line(write: WriteFile) -> None:
    text = '{"greenroom_bank": 1, "id": "x", "title": "X",\n "questions": ["Why?",]\n}\n'
    (problem,) = load_errors(write("b.json", text))

    assert problem.message.startswith("not valid JSON")
    assert problem.line == 2
    assert problem.column is not None


def test_valid_json_bank_errors_carry_line_numbers(write: WriteFile) -> None:
    text = """\
{
  "greenroom_bank": 1,
  "id": "json-bank",
  "title": "JSON bank",
  "questions": [
    {"text": "Tell me about yourself.", "category": "opener"},
    {
      "text": "Why us?",
      "difficulty": "extreme",
      "answer_seconds": 5000
    }
  ]
}
"""
    problems = load_errors(write("b.json", text))

    by_line = errors_at(problems)
    assert sorted(by_line) == [9, 10]
    assert "difficulty 'extreme'" in by_line[9][0]
    assert "answer_seconds is 5000" in by_line[10][0]


def test_tab_indented_json_errors_carry_the_original_line_numbers(write: WriteFile) -> None:
    # Many editors indent JSON with tabs, which YAML does not allow; the lines reported must
    # still be the file's own lines.
    text = (
        "{\n"
        '\t"greenroom_bank": 1,\n'
        '\t"id": "tabs",\n'
        '\t"title": "Tabs",\n'
        '\t"questions": [\n'
        '\t\t{"text": "Tell me about yourself.", "category": "opener"},\n'
        '\t\t{"text": "Why us?", "category": "bogus"}\n'
        "\t]\n"
        "}\n"
    )
    (problem,) = load_errors(write("b.json", text))

    assert "category 'bogus'" in problem.message
    assert problem.line == line_of(text, '"category": "bogus"') == 7


def test_json_that_is_not_an_object_is_an_error(write: WriteFile) -> None:
    (problem,) = load_errors(write("b.json", '["Why us?", "Why you?"]'))

    assert "must be a mapping" in problem.message
    assert problem.line == 1


def test_duplicate_texts_differing_in_case_punctuation_spaces_warn_and_keep_once(
    write: WriteFile,
) -> None:
    text = _bank_yaml(
        "  - text: Tell me about yourself.\n"
        "  - text: Why this company?\n"
        "  - text: '  TELL me,   about yourself!! '\n"  # line 7
        "  - text: tell me about YOURSELF\n"  # line 8
    )
    result = load_bank_file(write("b.yaml", text))

    assert texts(result) == ["Tell me about yourself.", "Why this company?"]
    assert [(w.line, w.severity) for w in result.warnings] == [(7, "warning"), (8, "warning")]
    assert all("duplicate of the question at line 5" in w.message for w in result.warnings)
    assert [q.position for q in result.bank.questions] == [0, 1]


def test_duplicate_explicit_question_ids_are_an_error(write: WriteFile) -> None:
    text = _bank_yaml(
        "  - id: strengths\n    text: What are your strengths?\n"
        "  - id: strengths\n    text: What are your weaknesses?\n"  # id on line 6
    )
    (problem,) = load_errors(write("b.yaml", text))

    assert problem.line == 7
    assert "question id 'strengths' is already used at line 5" in problem.message


def test_ids_are_derived_from_text_and_made_unique(write: WriteFile) -> None:
    stem = "Tell me about a project where you had to learn a new technology very quickly"
    text = _bank_yaml(
        f"  - {stem} under pressure?\n"
        f"  - {stem} and teach it to others?\n"
        f"  - {stem} without any help?\n"
        "  - 'Résumé gap: what happened?'\n"
    )
    ids = [q.id for q in load_bank_file(write("b.yaml", text)).bank.questions]

    base = "tell-me-about-a-project-where-you-had-to-learn-a-new"
    assert ids == [base, f"{base}-2", f"{base}-3", "resume-gap-what-happened"]
    assert len(ids[0]) <= 60


def test_invalid_explicit_question_id_is_an_error(write: WriteFile) -> None:
    text = _bank_yaml("  - id: Not A Slug\n    text: Why us?\n")
    (problem,) = load_errors(write("b.yaml", text))

    assert problem.line == 5
    assert "question id 'Not A Slug' must use only a-z, 0-9 and '-'" in problem.message


def test_invalid_bank_id_is_an_error(write: WriteFile) -> None:
    text = "greenroom_bank: 1\nid: My Bank\ntitle: T\nquestions:\n  - Why us?\n"
    (problem,) = load_errors(write("b.yaml", text))

    assert problem.line == 2
    assert "bank id 'My Bank'" in problem.message


@pytest.mark.parametrize("spelling", ["behavioural", "Behavioural", "behavior"])
def test_british_and_us_spellings_of_behavioral_are_accepted(
    write: WriteFile, spelling: str
) -> None:
    text = _bank_yaml(f"  - text: Describe a conflict.\n    category: {spelling}\n")
    (q,) = load_bank_file(write("b.yaml", text)).bank.questions

    assert q.category is Category.BEHAVIORAL


def test_unknown_fields_are_warnings_not_errors(write: WriteFile) -> None:
    text = (
        "greenroom_bank: 1\nid: x\ntitle: X\nauthor: Sam\n"
        "questions:\n  - text: Why us?\n    hint: Be brief\n"
    )
    result = load_bank_file(write("b.yaml", text))

    assert texts(result) == ["Why us?"]
    assert [(w.line, w.severity) for w in result.warnings] == [(4, "warning"), (7, "warning")]
    assert "unknown field 'author' ignored" in result.warnings[0].message
    assert "unknown question field 'hint' ignored" in result.warnings[1].message


def test_question_text_of_1000_characters_is_accepted(write: WriteFile) -> None:
    long_text = "W" * 999 + "?"
    result = load_bank_file(write("b.yaml", _bank_yaml(f"  - text: {long_text}\n")))

    assert texts(result) == [long_text]


def test_question_text_of_1001_characters_is_an_error(write: WriteFile) -> None:
    text = _bank_yaml("  - text: Why us?\n  - text: " + "W" * 1000 + "?\n")
    (problem,) = load_errors(write("b.yaml", text))

    assert problem.line == 6
    assert "1001 characters; the limit is 1000" in problem.message


def test_empty_question_text_is_an_error(write: WriteFile) -> None:
    text = _bank_yaml("  - text: Why us?\n  - text: '   '\n")
    (problem,) = load_errors(write("b.yaml", text))

    assert (problem.line, problem.message) == (6, "question has no text")


def test_bank_with_no_questions_is_an_error(write: WriteFile) -> None:
    (problem,) = load_errors(write("b.yaml", _bank_yaml("  []\n").replace(":\n  []", ": []")))

    assert problem.message == "the bank has no questions"


def test_20001_questions_is_an_error(write: WriteFile) -> None:
    body = "".join(f"  - Question number {n}?\n" for n in range(20_001))
    problems = load_errors(write("big.yaml", _bank_yaml(body)))

    assert [p.message for p in problems] == ["20001 questions is more than the limit of 20000"]
    assert problems[0].line == 4  # the `questions:` line


def test_20000_questions_is_accepted(write: WriteFile) -> None:
    data = {
        "greenroom_bank": 1,
        "id": "big",
        "title": "Big",
        "questions": [f"Question number {n}?" for n in range(20_000)],
    }
    result = load_bank_file(write("big.json", json.dumps(data)))

    assert len(result.bank.questions) == 20_000
    assert result.bank.questions[-1].text == "Question number 19999?"
