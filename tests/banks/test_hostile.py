"""Hostile or broken files: always a clear BankError, never a crash, a hang or code execution."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from greenroom.banks.loader import load_bank_file, load_bank_text
from greenroom.core.bank import MAX_FILE_BYTES
from greenroom.core.errors import BankError

from .helpers import WriteFile, load_errors

pytestmark = pytest.mark.timeout(10)

HEADER = "greenroom_bank: 1\nid: hostile\ntitle: Hostile\n"


def test_python_object_tag_is_refused_and_never_run(write: WriteFile, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        HEADER + "questions:\n"
        f'  - text: !!python/object/apply:os.system ["touch {marker}"]\n'
        "  - text: Why us?\n"
    )
    problems = load_errors(write("evil.yaml", text))

    assert not marker.exists()
    assert problems[0].line == 5
    assert "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in (
        problems[0].message
    )


def test_python_tag_as_the_whole_document_is_refused(write: WriteFile, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    problems = load_errors(write("evil.yaml", text))

    assert not marker.exists()
    assert problems[0].line == 1


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/name:os.system", "python/name:os.system"),
        ("!!binary aGVsbG8=", "binary"),
        ("!!set {a, b}", "set"),
        ("!custom thing", "!custom"),
        ("!!python/object:collections.OrderedDict {}", "python/object:collections.OrderedDict"),
    ],
)
def test_other_tags_are_refused_at_their_line(write: WriteFile, value: str, tag: str) -> None:
    text = HEADER + f"description: {value}\nquestions:\n  - Why us?\n"
    problems = load_errors(write("b.yaml", text))

    assert [p.line for p in problems] == [4]
    assert tag in problems[0].message
    assert "is not allowed in bank files" in problems[0].message


def test_billion_laughs_is_refused_quickly(write: WriteFile) -> None:
    lines = [HEADER.rstrip("\n"), 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("questions:\n  - text: Why us?\n    tags: *a9")
    path = write("laughs.yaml", "\n".join(lines) + "\n")

    started = time.perf_counter()
    problems = load_errors(path)
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0
    assert problems[0].line == 4
    assert "anchors (&name) are not allowed" in problems[0].message


def test_alias_alone_is_refused(write: WriteFile) -> None:
    text = HEADER + "questions:\n  - text: Why us?\n    tags: *undefined\n"
    problems = load_errors(write("b.yaml", text))

    assert problems[0].line == 6
    assert "not valid YAML" in problems[0].message


def test_file_one_byte_over_5_mb_is_refused(write: WriteFile) -> None:
    path = write("big.txt", b"a" * (MAX_FILE_BYTES + 1))
    (problem,) = load_errors(path)

    assert "larger than 5 MB" in problem.message


def test_file_of_exactly_5_mb_is_not_refused_for_size(write: WriteFile) -> None:
    data = b"Why would you choose us over any other company?\n# "
    data += b"-" * (MAX_FILE_BYTES - len(data))
    assert len(data) == MAX_FILE_BYTES
    result = load_bank_file(write("big.txt", data))

    assert [q.text for q in result.bank.questions] == [
        "Why would you choose us over any other company?"
    ]


def test_single_6_mb_line_is_refused(write: WriteFile) -> None:
    path = write("one-line.yaml", b"text: " + b"x" * (6 * 1024 * 1024))
    (problem,) = load_errors(path)

    assert "larger than 5 MB" in problem.message


def test_pasted_text_over_5_mb_is_refused() -> None:
    with pytest.raises(BankError) as info:
        load_bank_text("Why? " * (MAX_FILE_BYTES // 5 + 1), fmt="txt", name="pasted")

    assert "larger than 5 MB" in info.value.problems[0].message


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".txt", ".md", ".json"])
def test_random_bytes_with_nuls_are_refused_as_binary(write: WriteFile, suffix: str) -> None:
    rng = random.Random(1234)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    (problem,) = load_errors(write("junk" + suffix, data))

    assert "binary" in problem.message


def test_png_is_refused_as_binary(write: WriteFile) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18"
        b"\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    (problem,) = load_errors(write("questions.md", png))

    assert "binary" in problem.message


def test_control_character_junk_without_nuls_is_refused_as_binary(write: WriteFile) -> None:
    data = bytes(range(1, 9)) * 200 + b"Why us?\n"
    (problem,) = load_errors(write("q.txt", data))

    assert "binary" in problem.message


def test_truncated_yaml_is_an_error_with_a_line(write: WriteFile) -> None:
    text = (
        HEADER + "questions:\n"
        "  - text: Tell me about yourself.\n"
        "    key_points: [present, past, future]\n"
        "  - text: Why us?\n"
        '    tips: "Name one thing about the product\n'
        '      and one about the team"\n'
    )
    cut = text[: text.index("one thing")]
    (problem,) = load_errors(write("cut.yaml", cut))

    assert problem.message.startswith("not valid YAML")
    assert problem.line is not None and problem.line >= 8


def test_yaml_cut_in_half_in_a_flow_list_is_an_error_with_a_line(write: WriteFile) -> None:
    text = HEADER + "questions:\n  - text: Why us?\n    key_points: [mission, product, people]\n"
    cut = text[: text.index("product")]
    (problem,) = load_errors(write("cut.yaml", cut))

    assert problem.message.startswith("not valid YAML")
    assert problem.line is not None and problem.line >= 6


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bank.yaml"
    folder.mkdir()
    (problem,) = load_errors(folder)

    assert "is a folder" in problem.message


def test_missing_file_is_refused(tmp_path: Path) -> None:
    (problem,) = load_errors(tmp_path / "nope.yaml")

    assert problem.message == "file not found"
    assert problem.file.endswith("nope.yaml")


@pytest.mark.parametrize("name", ["bank.docx", "bank.exe", "bank"])
def test_unknown_extension_is_refused(write: WriteFile, name: str) -> None:
    (problem,) = load_errors(write(name, "Why us?\n"))

    assert "unknown bank file type" in problem.message


@pytest.mark.parametrize(
    "content",
    ["[" * 10_000, "[" * 10_000 + "]" * 10_000, '{"a":' * 10_000 + "1" + "}" * 10_000],
    ids=["open", "balanced-lists", "balanced-objects"],
)
def test_deeply_nested_json_is_an_error_not_a_recursion_error(
    write: WriteFile, content: str
) -> None:
    (problem,) = load_errors(write("deep.json", content))

    assert "nested too deeply" in problem.message


def test_moderately_nested_json_inside_a_bank_is_an_error_not_a_crash(write: WriteFile) -> None:
    # 600 levels: fine for the json module, deep enough to break a recursive YAML composer.
    text = (
        '{"greenroom_bank": 1, "id": "x", "title": "X", "description": '
        + "[" * 600
        + "]" * 600
        + ', "questions": ["Why us?"]}'
    )
    problems = load_errors(write("deep.json", text))

    assert any("nested too deeply" in p.message for p in problems)


@pytest.mark.parametrize("depth", [100, 10_000])
def test_deeply_nested_yaml_is_an_error_not_a_recursion_error(write: WriteFile, depth: int) -> None:
    text = HEADER + "description: " + "[" * depth + "]" * depth + "\nquestions: ['Why us?']\n"
    problems = load_errors(write("deep.yaml", text))

    assert any("nested too deeply" in p.message for p in problems)


def test_yaml_that_is_a_list_not_a_mapping_is_an_error(write: WriteFile) -> None:
    (problem,) = load_errors(write("b.yaml", "- Why us?\n- Why you?\n"))

    assert problem.line == 1
    assert "must be a mapping" in problem.message


def test_empty_yaml_file_is_an_error(write: WriteFile) -> None:
    problems = load_errors(write("b.yaml", ""))

    assert problems[0].line == 1


def test_csv_with_a_huge_cell_is_an_error_not_a_crash(write: WriteFile) -> None:
    text = 'text,tips\n"Why us?","' + "x" * 200_000 + '"\n'
    problems = load_errors(write("q.csv", text))

    assert problems[0].line is not None
