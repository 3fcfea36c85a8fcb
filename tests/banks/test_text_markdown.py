"""Plain-text and Markdown banks: numbering, headings, tips, links, and a real README."""

from __future__ import annotations

import pytest

from greenroom.banks.loader import load_bank_file
from greenroom.core.bank import Category

from .helpers import WriteFile, load_errors, texts

# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "1. Tell me about yourself.",
        "1) Tell me about yourself.",
        "12. Tell me about yourself.",
        "Q1: Tell me about yourself.",
        "q7. Tell me about yourself.",
        "Question 3: Tell me about yourself.",
        "- Tell me about yourself.",
        "* Tell me about yourself.",
        "• Tell me about yourself.",
        "   2)   Tell me about yourself.",
    ],
)
def test_text_numbering_is_stripped(write: WriteFile, line: str) -> None:
    result = load_bank_file(write("q.txt", line + "\n"))

    assert texts(result) == ["Tell me about yourself."]


def test_text_blank_and_comment_lines_are_ignored(write: WriteFile) -> None:
    text = "# My questions\n\nTell me about yourself.\n   \n  # indented comment\nWhy us?\n"
    result = load_bank_file(write("q.txt", text))

    assert texts(result) == ["Tell me about yourself.", "Why us?"]
    assert [q.category for q in result.bank.questions] == [None, None]


def test_text_windows_line_endings(write: WriteFile) -> None:
    result = load_bank_file(write("q.txt", "1. Why us?\r\n2. Why you?\r\n"))

    assert texts(result) == ["Why us?", "Why you?"]


def test_text_numbers_that_belong_to_the_question_are_kept(write: WriteFile) -> None:
    text = "3-year plan: where do you see yourself?\n1.5 million users: how would you scale?\n"
    result = load_bank_file(write("q.txt", text))

    assert texts(result) == [
        "3-year plan: where do you see yourself?",
        "1.5 million users: how would you scale?",
    ]


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# only a comment\n"])
def test_text_without_questions_is_an_error(write: WriteFile, content: str) -> None:
    (problem,) = load_errors(write("q.txt", content))

    assert problem.line == 1
    assert "no questions found" in problem.message


def test_text_duplicate_lines_warn_with_their_line(write: WriteFile) -> None:
    result = load_bank_file(write("q.txt", "1. Why us?\n2. Why you?\n3. why US\n"))

    assert texts(result) == ["Why us?", "Why you?"]
    (warning,) = result.warnings
    assert warning.line == 3
    assert "duplicate of the question at line 1" in warning.message


def test_text_bank_id_and_title_from_file_name(write: WriteFile) -> None:
    result = load_bank_file(write("my_interview_list.txt", "Why us?\n"))

    assert (result.bank.id, result.bank.title) == ("my-interview-list", "My interview list")


def test_text_error_names_the_line(write: WriteFile) -> None:
    text = "Why us?\n\n" + "x" * 1001 + "\n"
    (problem,) = load_errors(write("q.txt", text))

    assert problem.line == 3
    assert "1001 characters" in problem.message


# --- Markdown ---------------------------------------------------------------------------------


def _md(write: WriteFile, text: str) -> list[tuple[str, str | None, tuple[str, ...], str]]:
    bank = load_bank_file(write("q.md", text)).bank
    return [
        (q.text, q.category.value if q.category else None, q.tags, q.tips) for q in bank.questions
    ]


def test_markdown_headings_become_categories_or_tags(write: WriteFile) -> None:
    text = """\
## Behavioural questions

- Tell me about a conflict at work.

## Technical questions

### Python

- What is a generator?
"""
    assert _md(write, text) == [
        ("Tell me about a conflict at work.", "behavioral", (), ""),
        ("What is a generator?", "technical", ("python",), ""),
    ]


def test_markdown_category_does_not_leak_into_a_sibling_section(write: WriteFile) -> None:
    text = """\
## Behavioural questions

- Tell me about a conflict at work.

## Python

- What is a generator?
"""
    assert _md(write, text) == [
        ("Tell me about a conflict at work.", "behavioral", (), ""),
        ("What is a generator?", None, ("python",), ""),
    ]


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("## Behavioral", Category.BEHAVIORAL),
        ("## Situational questions", Category.SITUATIONAL),
        ("## Motivation and career goals", Category.MOTIVATION),
        ("## Questions to ask the interviewer", Category.CLOSING),
        ("## Warm-up", Category.OPENER),
        ("## Role-specific", Category.ROLE_SPECIFIC),
        ("## System design", Category.TECHNICAL),
    ],
)
def test_markdown_category_headings(write: WriteFile, heading: str, category: Category) -> None:
    (q,) = load_bank_file(write("q.md", f"{heading}\n\n- Why?\n")).bank.questions

    assert q.category is category


def test_markdown_list_items_and_question_lines(write: WriteFile) -> None:
    text = """\
Some intro text that is not a question.

- Tell me about yourself.
* What motivates you
+ Why us
1. Describe a failure.
2) Describe a success.

What would your manager say about you?
This line is a statement.
"""
    assert [t for t, *_ in _md(write, text)] == [
        "Tell me about yourself.",
        "What motivates you",
        "Why us",
        "Describe a failure.",
        "Describe a success.",
        "What would your manager say about you?",
    ]


def test_markdown_indented_items_under_a_question_become_its_tips(write: WriteFile) -> None:
    text = """\
1. Tell me about a time you failed.
   - Pick a real failure.
   - Spend most of the time on what you learned.
2. Why us?
    * Mention the **product**.
- Where do you see yourself in five years?
"""
    assert _md(write, text) == [
        (
            "Tell me about a time you failed.",
            None,
            (),
            "Pick a real failure. Spend most of the time on what you learned.",
        ),
        ("Why us?", None, (), "Mention the product."),
        ("Where do you see yourself in five years?", None, (), ""),
    ]


def test_markdown_links_and_emphasis_are_reduced_to_text(write: WriteFile) -> None:
    text = """\
- **Tell me about yourself.**
- What is your *greatest* strength?
- Why do you want to work at [Acme](https://acme.example)?
- [What is your greatest weakness?](https://example.com/weakness)
- ***Why*** should we ~~not~~ hire you?
- Describe a __difficult__ _customer_.
- Explain <b>recursion</b>.
"""
    assert [t for t, *_ in _md(write, text)] == [
        "Tell me about yourself.",
        "What is your greatest strength?",
        "Why do you want to work at Acme?",
        "What is your greatest weakness?",
        "Why should we not hire you?",
        "Describe a difficult customer.",
        "Explain recursion.",
    ]


def test_markdown_inline_code_and_underscores_inside_words_are_kept(write: WriteFile) -> None:
    text = """\
## Technical

- What is the difference between `__str__` and `__repr__`?
- Why would you name a variable snake_case_style?
"""
    assert [t for t, *_ in _md(write, text)] == [
        "What is the difference between __str__ and __repr__?",
        "Why would you name a variable snake_case_style?",
    ]


def test_markdown_fenced_code_blocks_are_ignored(write: WriteFile) -> None:
    text = """\
- What does this print?

```python
# not a heading
- not a question
print("why?")
```

~~~
* also not a question?
~~~

- Why us?
"""
    assert [t for t, *_ in _md(write, text)] == ["What does this print?", "Why us?"]


def test_markdown_table_of_contents_is_not_imported(write: WriteFile) -> None:
    text = """\
# Interview questions

- [Behavioural](#behavioural)
- [Technical](#technical)
  - [Python](#python)

## Behavioural

- Tell me about a conflict.
"""
    assert [t for t, *_ in _md(write, text)] == ["Tell me about a conflict."]


def test_markdown_horizontal_rules_are_not_questions(write: WriteFile) -> None:
    text = "- Why us?\n\n* * *\n\n- - -\n\n___\n\n- Why you?\n"

    assert [t for t, *_ in _md(write, text)] == ["Why us?", "Why you?"]


@pytest.mark.parametrize(
    "heading",
    ["## Questions about you", "## Customer support questions", "## Human resources questions"],
)
def test_markdown_question_sections_are_not_mistaken_for_boilerplate(
    write: WriteFile, heading: str
) -> None:
    text = f"# Interview questions\n\n{heading}\n\n- How do you handle an angry customer?\n"

    assert [t for t, *_ in _md(write, text)] == ["How do you handle an angry customer?"]


def test_markdown_front_matter_blockquotes_and_tables_are_skipped(write: WriteFile) -> None:
    text = """\
---
title: My list
- not a question
---
> - quoted, not a question?

| Question | Notes |
|---|---|
| Why? | x |

- Why us?
"""
    assert [t for t, *_ in _md(write, text)] == ["Why us?"]


def test_markdown_without_questions_is_an_error(write: WriteFile) -> None:
    (problem,) = load_errors(write("q.md", "# Title\n\nJust prose here.\n"))

    assert problem.line == 1
    assert "no questions found" in problem.message


def test_markdown_errors_name_the_line(write: WriteFile) -> None:
    text = "# Title\n\n- Why us?\n- " + "x" * 1001 + "\n"
    (problem,) = load_errors(write("q.md", text))

    assert problem.line == 4


def test_markdown_duplicate_heading_questions_warn_with_a_line(write: WriteFile) -> None:
    text = "## Why us?\n\nSome notes.\n\n## Why US?\n"
    result = load_bank_file(write("q.md", text))

    assert texts(result) == ["Why us?"]
    (warning,) = result.warnings
    assert warning.line == 5
    assert "duplicate of the question at line 1" in warning.message


README = """\
# Awesome Interview Questions [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

A curated list of questions that hiring managers really ask. Practise them out loud, time
yourself, and keep your answers under two minutes.

## Table of Contents

- [Opening questions](#opening-questions)
- [Behavioural questions](#behavioural-questions)
- [Technical questions](#technical-questions)
  - [Python](#python)
- [Questions to ask the interviewer](#questions-to-ask-the-interviewer)
- [Contributing](#contributing)

## Opening questions

1. **Tell me about yourself.**
   - Present, past, future: two minutes at most.
2. Walk me through your CV.
3. How did you hear about this position?

## Behavioural questions

Use the [STAR method](https://en.wikipedia.org/wiki/Situational_interview) for these.

- Tell me about a time you disagreed with your manager.
  - Keep it about the work, not the person.
  - End with what you learned.
- Describe a project that failed. What did you learn?
- Give an example of a goal you reached and tell me how you achieved it.
* What is your greatest *weakness*?

## Technical questions

### Python

1. What is the difference between a list and a tuple?
2. Explain how a [decorator](https://docs.python.org/3/glossary.html#term-decorator) works.

```python
@cache
def answer():
    return 42
```

### Databases

- When would you add an index to a table?

## Questions to ask the interviewer

- What does success look like in the first 90 days?
- What are the biggest challenges facing the team?

## Contributing

Contributions welcome! Read the [contribution guidelines](CONTRIBUTING.md) first.

- Fork the repository.
- Add your question to the right section. Is it already there?

## License

[![CC0](https://licensebuttons.net/p/zero/1.0/88x31.png)](https://creativecommons.org/publicdomain/zero/1.0/)

To the extent possible under law, the authors have waived all copyright.
"""


def test_realistic_readme_imports_exactly_its_questions(write: WriteFile) -> None:
    result = load_bank_file(write("awesome-interview-questions.md", README))

    assert result.bank.id == "awesome-interview-questions"
    assert result.bank.title == "Awesome interview questions"
    assert result.warnings == ()
    got = [
        (q.text, q.category.value if q.category else None, q.tags, q.tips)
        for q in result.bank.questions
    ]
    assert got == [
        (
            "Tell me about yourself.",
            "opener",
            (),
            "Present, past, future: two minutes at most.",
        ),
        ("Walk me through your CV.", "opener", (), ""),
        ("How did you hear about this position?", "opener", (), ""),
        (
            "Tell me about a time you disagreed with your manager.",
            "behavioral",
            (),
            "Keep it about the work, not the person. End with what you learned.",
        ),
        ("Describe a project that failed. What did you learn?", "behavioral", (), ""),
        (
            "Give an example of a goal you reached and tell me how you achieved it.",
            "behavioral",
            (),
            "",
        ),
        ("What is your greatest weakness?", "behavioral", (), ""),
        ("What is the difference between a list and a tuple?", "technical", ("python",), ""),
        ("Explain how a decorator works.", "technical", ("python",), ""),
        ("When would you add an index to a table?", "technical", ("databases",), ""),
        ("What does success look like in the first 90 days?", "closing", (), ""),
        ("What are the biggest challenges facing the team?", "closing", (), ""),
    ]
