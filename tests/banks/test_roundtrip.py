"""Export then re-import gives the same bank, for YAML and CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenroom.banks.export import bank_to_csv, bank_to_yaml, export_bank
from greenroom.banks.loader import load_bank_file, load_bank_text
from greenroom.core.bank import Bank, Category, Difficulty, Question, key_point_problem

from .helpers import WriteFile

SOURCE = """\
greenroom_bank: 1
id: round-trip
title: Round trip
description: "Every field, with awkward values: colons, #hashes, quotes and accents."
language: de-CH
tags: [mixed, ünïcode]
defaults:
  prep_seconds: 40
  answer_seconds: 200
  difficulty: hard
questions:
  - id: intro
    text: "Tell me about yourself: past, present, future."
    category: opener
    difficulty: easy
    prep_seconds: 0
    answer_seconds: 10
    tips: "=Keep it under two minutes; #1 rule"
    key_points: ["=SUM(A1)", "+plan", "-dash", "@handle", "plain"]
    follow_ups: ["What's next?", "Why now?"]
    tags: [intro, warm-up]
  - id: warum
    text: Warum möchten Sie bei uns arbeiten? Größte Stärke? 日本語も話せますか？
    category: motivation
    tips: "Line one of the tip.\\nLine two: «guillemets» and “curly quotes”."
    key_points: [Motivation, Größe]
  - text: "-Be honest: why are you leaving your current job?"
    category: role-specific
    tips: "+1 if you mention growth"
    follow_ups: ["@manager: what would they say?"]
  - text: What would you do in your first 90 days?
    category: situational
    prep_seconds: 600
    answer_seconds: 1800
"""


def _source_bank(write: WriteFile) -> Bank:
    result = load_bank_file(write("source.yaml", SOURCE))
    assert result.warnings == ()
    return result.bank


def test_source_bank_is_what_the_round_trips_start_from(write: WriteFile) -> None:
    bank = _source_bank(write)

    intro, warum, leaving, first90 = bank.questions
    assert intro.tips == "=Keep it under two minutes; #1 rule"
    assert intro.key_points == ("=SUM(A1)", "+plan", "-dash", "@handle", "plain")
    assert warum.text == "Warum möchten Sie bei uns arbeiten? Größte Stärke? 日本語も話せますか？"
    assert warum.tips == "Line one of the tip.\nLine two: «guillemets» and “curly quotes”."
    assert (warum.difficulty, warum.prep_seconds, warum.answer_seconds) == (
        Difficulty.HARD,
        40,
        200,
    )
    assert leaving.id == "be-honest-why-are-you-leaving-your-current-job"
    assert first90.category is Category.SITUATIONAL


def test_yaml_export_reimports_to_the_same_bank(write: WriteFile, tmp_path: Path) -> None:
    bank = _source_bank(write)
    out = tmp_path / "exported.yaml"
    export_bank(bank, out)
    again = load_bank_file(out)

    assert again.warnings == ()
    assert again.bank.questions == bank.questions
    assert (again.bank.id, again.bank.title, again.bank.description) == (
        bank.id,
        bank.title,
        bank.description,
    )
    assert (again.bank.language, again.bank.tags, again.bank.defaults) == (
        bank.language,
        bank.tags,
        bank.defaults,
    )


def test_yaml_export_is_readable_utf8_not_escapes(write: WriteFile) -> None:
    text = bank_to_yaml(_source_bank(write))

    assert "Größte Stärke" in text
    assert "日本語" in text


def test_csv_export_reimports_to_the_same_questions(write: WriteFile, tmp_path: Path) -> None:
    bank = _source_bank(write)
    out = tmp_path / "round-trip.csv"
    export_bank(bank, out)
    again = load_bank_file(out)

    assert again.warnings == ()
    assert again.bank.id == "round-trip"
    assert again.bank.questions == bank.questions


def test_csv_export_neutralises_formula_cells(write: WriteFile) -> None:
    text = bank_to_csv(_source_bank(write))

    assert "'=Keep it under two minutes; #1 rule" in text
    assert "'=SUM(A1); +plan; -dash; @handle; plain" in text
    for line in text.splitlines():
        for cell in line.split(","):
            assert cell.strip('"')[:1] not in ("=", "+", "-", "@"), line


def test_tip_starting_with_equals_survives_a_csv_round_trip(write: WriteFile) -> None:
    source = "text,tips\nWhat does this formula do?,'=A1*2 doubles the cell\n"
    bank = load_bank_file(write("f.csv", source)).bank
    assert bank.questions[0].tips == "=A1*2 doubles the cell"

    again = load_bank_text(bank_to_csv(bank), fmt="csv", name="f")

    assert again.bank.questions == bank.questions
    assert again.bank.questions[0].tips == "=A1*2 doubles the cell"


def test_text_that_starts_with_an_apostrophe_survives_a_csv_round_trip(write: WriteFile) -> None:
    text = (
        "greenroom_bank: 1\nid: quotes\ntitle: Quotes\nquestions:\n"
        "  - text: \"'==' versus 'is' in Python: when do they differ?\"\n"
        "    tips: \"'-1' is a valid index; explain why.\"\n"
    )
    bank = load_bank_file(write("q.yaml", text)).bank

    again = load_bank_text(bank_to_csv(bank), fmt="csv", name="quotes")

    assert [q.text for q in again.bank.questions] == [
        "'==' versus 'is' in Python: when do they differ?"
    ]
    assert again.bank.questions[0].tips == "'-1' is a valid index; explain why."


def test_csv_export_leaves_out_retired_questions(write: WriteFile) -> None:
    from dataclasses import replace

    bank = _source_bank(write)
    retired = replace(bank, questions=(replace(bank.questions[0], retired=True),))

    assert bank_to_csv(retired).strip() == (
        "text,category,difficulty,prep_seconds,answer_seconds,tips,key_points,follow_ups,tags,id"
    )
    assert "questions: []" in bank_to_yaml(retired)


def test_utf8_non_ascii_survives_csv_file_round_trip_bytes(
    write: WriteFile, tmp_path: Path
) -> None:
    bank = _source_bank(write)
    out = tmp_path / "bank.csv"
    export_bank(bank, out)

    raw = out.read_bytes()
    assert "Größte".encode() in raw
    assert load_bank_file(out).encoding == "utf-8"


_TEXT_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\u2028\u2029\x85\ufeff;",
)


def _clean(value: str) -> str:
    return " ".join(value.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(_TEXT_ALPHABET, min_size=1, max_size=80).map(_clean).filter(bool),
    tips=st.text(_TEXT_ALPHABET, max_size=80).map(str.strip),
    points=st.lists(
        # a key point starts with its name ("| a" is refused, as the format says)
        st.text(_TEXT_ALPHABET, min_size=1, max_size=20)
        .map(str.strip)
        .filter(lambda p: bool(p) and key_point_problem(p) is None),
        max_size=4,
    ),
)
def test_any_reasonable_text_round_trips_through_yaml_and_csv(
    text: str, tips: str, points: list[str]
) -> None:
    question = Question(id="q", text=text, tips=tips, key_points=tuple(points))
    bank = Bank(
        id="prop",
        title="Prop",
        questions=(question,),
        defaults={"prep_seconds": 30, "answer_seconds": 120, "difficulty": "medium"},
    )

    from_yaml = load_bank_text(bank_to_yaml(bank), fmt="yaml", name="prop").bank
    from_csv = load_bank_text(bank_to_csv(bank), fmt="csv", name="prop").bank

    assert from_yaml.questions == (question,)
    assert from_csv.questions == (question,)


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".csv"])
def test_export_writes_atomically_and_leaves_no_temp_file(
    write: WriteFile, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / "out" / f"bank{suffix}"
    out.parent.mkdir()
    export_bank(_source_bank(write), out)

    assert [p.name for p in out.parent.iterdir()] == [out.name]
