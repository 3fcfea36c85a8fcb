"""CSV banks: delimiters, headers, list cells, encodings, formula cells, multi-line cells."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from greenroom.banks.loader import load_bank_file
from greenroom.core.bank import Category, Difficulty

from .helpers import WriteFile, load_errors, texts

ROWS = [
    ["text", "category", "difficulty", "prep_seconds", "answer_seconds", "tips", "key_points"],
    [
        "Tell me about yourself",
        "opener",
        "easy",
        "10",
        "60",
        "Keep it short",
        "past;present;future",
    ],
    ["Why this role", "motivation", "medium", "20", "90", "Be specific", "company;role"],
]


def _join(rows: list[list[str]], delimiter: str) -> str:
    """Rows as a spreadsheet writes them: cells holding the delimiter are quoted."""

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value else value

    return "".join(delimiter.join(cell(c) for c in row) + "\n" for row in rows)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_delimiter_is_detected(write: WriteFile, delimiter: str) -> None:
    result = load_bank_file(write("questions.csv", _join(ROWS, delimiter)))

    first, second = result.bank.questions
    assert first.text == "Tell me about yourself"
    assert first.category is Category.OPENER
    assert first.difficulty is Difficulty.EASY
    assert (first.prep_seconds, first.answer_seconds) == (10, 60)
    assert first.tips == "Keep it short"
    assert first.key_points == ("past", "present", "future")
    assert second.key_points == ("company", "role")
    assert result.warnings == ()


def test_semicolon_delimiter_with_commas_inside_the_questions(write: WriteFile) -> None:
    text = (
        "question;category;tips\n"
        "Tell me, briefly, about yourself;opener;Past, present, future\n"
        "Why, of all companies, us?;motivation;Name one thing, not five\n"
        "What, in your view, makes a good team?;behavioral;Give an example\n"
    )
    result = load_bank_file(write("q.csv", text))

    assert texts(result) == [
        "Tell me, briefly, about yourself",
        "Why, of all companies, us?",
        "What, in your view, makes a good team?",
    ]
    assert result.bank.questions[0].tips == "Past, present, future"


def test_tab_separated_file_with_tsv_extension(write: WriteFile) -> None:
    result = load_bank_file(write("questions.tsv", _join(ROWS, "\t")))

    assert texts(result) == ["Tell me about yourself", "Why this role"]


def test_header_is_case_insensitive_and_question_means_text(write: WriteFile) -> None:
    text = "Question,CATEGORY,Key Points,Follow_Ups,Tags\n" + (
        "Describe a failure,Behavioural,owned it;fixed it,What changed after?,failure;growth\n"
    )
    (q,) = load_bank_file(write("q.csv", text)).bank.questions

    assert q.text == "Describe a failure"
    assert q.category is Category.BEHAVIORAL
    assert q.key_points == ("owned it", "fixed it")
    assert q.follow_ups == ("What changed after?",)
    assert q.tags == ("failure", "growth")


def test_list_cells_are_split_on_semicolons_and_trimmed(write: WriteFile) -> None:
    text = 'text,key_points,tags\n"Why us?"," mission ; product;; people ",a; b\n'
    (q,) = load_bank_file(write("q.csv", text)).bank.questions

    assert q.key_points == ("mission", "product", "people")
    assert q.tags == ("a", "b")


def test_single_column_file_of_questions(write: WriteFile) -> None:
    text = 'text\nWhat is your greatest strength?\n"Why, exactly, do you want to leave?"\n'
    result = load_bank_file(write("q.csv", text))

    assert texts(result) == [
        "What is your greatest strength?",
        "Why, exactly, do you want to leave?",
    ]


def test_unknown_column_is_a_warning(write: WriteFile) -> None:
    text = "text,owner\nWhy us?,sam\n"
    result = load_bank_file(write("q.csv", text))

    assert texts(result) == ["Why us?"]
    ((warning),) = result.warnings
    assert (warning.line, warning.severity) == (1, "warning")
    assert "unknown column 'owner' (column 2) ignored" in warning.message


def test_ids_in_csv_are_kept_and_derived_when_empty(write: WriteFile) -> None:
    text = "id,text\nmy-intro,Tell me about yourself\n,Why us?\n"
    ids = [q.id for q in load_bank_file(write("q.csv", text)).bank.questions]

    assert ids == ["my-intro", "why-us"]


UNICODE_ROWS = [
    ["text", "tips"],
    ["Walk me through your résumé", "Use “past, present, future” — in that order"],
    ["Qu’est-ce qui vous motive ?", "Soyez précis"],
]


def test_utf8_text_comes_out_right(write: WriteFile) -> None:
    result = load_bank_file(write("q.csv", _join(UNICODE_ROWS, ";")))

    assert result.encoding == "utf-8"
    assert texts(result) == ["Walk me through your résumé", "Qu’est-ce qui vous motive ?"]
    assert result.bank.questions[0].tips == "Use “past, present, future” — in that order"


def test_utf8_with_bom_comes_out_right(write: WriteFile) -> None:
    data = codecs.BOM_UTF8 + _join(UNICODE_ROWS, ";").encode("utf-8")
    result = load_bank_file(write("q.csv", data))

    assert result.encoding == "utf-8-sig"
    assert texts(result) == ["Walk me through your résumé", "Qu’est-ce qui vous motive ?"]
    assert result.warnings == ()  # the BOM is not glued to the first column name


def test_utf16_le_with_bom_tab_separated_as_excel_unicode_text(write: WriteFile) -> None:
    text = _join(UNICODE_ROWS, "\t").replace("\n", "\r\n")
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    result = load_bank_file(write("q.csv", data))

    assert result.encoding == "utf-16"
    assert texts(result) == ["Walk me through your résumé", "Qu’est-ce qui vous motive ?"]
    assert result.bank.questions[0].tips == "Use “past, present, future” — in that order"


def test_windows_1252_text_comes_out_right(write: WriteFile) -> None:
    text = 'text,tips\n"Walk me through your résumé","Use “past, present, future” – café"\r\n'
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = load_bank_file(write("q.csv", data))

    assert result.encoding == "windows-1252"
    (q,) = result.bank.questions
    assert q.text == "Walk me through your résumé"
    assert q.tips == "Use “past, present, future” – café"


def test_missing_text_column_is_an_error_at_line_1(write: WriteFile) -> None:
    (problem,) = load_errors(write("q.csv", "category,tips\nopener,Keep it short\n"))

    assert problem.line == 1
    assert "no 'text' (or 'question') column" in problem.message


def test_empty_csv_is_an_error(write: WriteFile) -> None:
    (problem,) = load_errors(write("q.csv", ""))

    assert problem.line == 1
    assert "empty" in problem.message


@pytest.mark.parametrize(
    "cell",
    ["=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2+3+cmd|x!A1", '=HYPERLINK("http://x")'],
)
def test_formula_cell_in_text_is_an_error_and_nothing_is_imported(
    write: WriteFile, cell: str
) -> None:
    quoted = '"' + cell.replace('"', '""') + '"'
    text = f"text,tips\nTell me about yourself,Be brief\n{quoted},x\nWhy us?,y\n"
    problems = load_errors(write("q.csv", text))

    (problem,) = problems
    assert (problem.line, problem.column) == (3, 1)
    assert "looks like a spreadsheet formula" in problem.message


def test_formula_cell_in_another_column_names_that_column(write: WriteFile) -> None:
    text = "text,category,tips\nWhy us?,motivation,=1+1\n"
    (problem,) = load_errors(write("q.csv", text))

    assert (problem.line, problem.column) == (2, 3)


def test_text_that_merely_starts_with_a_dash_is_not_a_formula(write: WriteFile) -> None:
    text = (
        "text,tips\n"
        "What would you tell a new hire?,-Be yourself\n"
        "-Be honest: why are you leaving?,-\n"
    )
    result = load_bank_file(write("q.csv", text))

    assert texts(result) == ["What would you tell a new hire?", "-Be honest: why are you leaving?"]
    assert result.bank.questions[0].tips == "-Be yourself"


def test_apostrophe_protected_formula_text_is_imported_without_the_apostrophe(
    write: WriteFile,
) -> None:
    text = "text,tips\nWhat does this do?,'=SUM(A1:A3) adds a range\n"
    (q,) = load_bank_file(write("q.csv", text)).bank.questions

    assert q.tips == "=SUM(A1:A3) adds a range"


def test_quoted_multi_line_cells(write: WriteFile) -> None:
    text = (
        "text,tips,category\n"
        '"Tell me about a time\nyou failed","First line of the tip.\nSecond line.",behavioral\n'
        "Why us?,Short,motivation\n"
    )
    result = load_bank_file(write("q.csv", text))

    first, second = result.bank.questions
    assert first.text == "Tell me about a time you failed"
    assert first.tips == "First line of the tip.\nSecond line."
    assert first.category is Category.BEHAVIORAL
    assert second.text == "Why us?"


def test_errors_after_a_multi_line_cell_name_the_right_line(write: WriteFile) -> None:
    text = 'text,category\n"Tell me about\na time",behavioral\nWhy us?,nonsense\n'
    (problem,) = load_errors(write("q.csv", text))

    assert problem.line == 4
    assert "category 'nonsense'" in problem.message


def test_bad_values_in_rows_are_all_reported_with_lines(write: WriteFile) -> None:
    text = "text,difficulty,answer_seconds\nA?,hard,60\nB?,tough,60\nC?,easy,5\n,easy,60\n"
    problems = load_errors(write("q.csv", text))

    # The fully empty-text row (line 5) is an error too: a row without a question is a mistake.
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (3, "difficulty"),
        (4, "answer_seconds"),
        (5, "question"),
    ]


def test_blank_rows_are_skipped(write: WriteFile) -> None:
    text = "text\nWhy us?\n\n,\nWhy you?\n"
    # the ",": a row of empty cells in a one-column file is still blank
    result = load_bank_file(write("q.csv", text))

    assert texts(result) == ["Why us?", "Why you?"]


def test_bank_id_and_title_come_from_the_file_name(write: WriteFile) -> None:
    result = load_bank_file(write("Data_Science-Questions.csv", "text\nWhy us?\n"))

    assert result.bank.id == "data-science-questions"
    assert result.bank.title == "Data science questions"


def test_bank_id_and_title_can_be_given(write: WriteFile) -> None:
    result = load_bank_file(
        write("whatever.csv", "text\nWhy us?\n"), bank_id="my-bank", title="My Bank"
    )

    assert (result.bank.id, result.bank.title) == ("my-bank", "My Bank")


def test_excel_unicode_text_saved_as_txt_is_read_as_a_table(tmp_path: Path) -> None:
    """Excel's "Unicode text" export is UTF-16, tab-separated, with a .txt name."""
    path = tmp_path / "from excel.txt"
    table = "Question\tCategory\tTips\r\nWhy this job?\tmotivation\tBe specific.\r\n"
    path.write_bytes(table.encode("utf-16"))
    bank = load_bank_file(path).bank
    assert [(q.text, q.category, q.tips) for q in bank.questions] == [
        ("Why this job?", Category.MOTIVATION, "Be specific.")
    ]
