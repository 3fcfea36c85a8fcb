"""The banks shipped with Greenroom: valid, complete, and found inside the installed package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from greenroom.analysis.coverage import key_point_coverage, phrase_stems, stems_of
from greenroom.analysis.lexicon import STOP_WORDS, stem
from greenroom.analysis.tokens import text_words
from greenroom.banks.loader import LoadResult, load_bank_file
from greenroom.core.bank import key_point_name, key_point_wordings, normalise_question_text
from greenroom.services.library import builtin_bank_files

FILES = builtin_bank_files()


@pytest.fixture(scope="module")
def loaded() -> dict[Path, LoadResult]:
    return {path: load_bank_file(path) for path in FILES}


def test_builtin_banks_are_found_with_importlib_resources() -> None:
    folder = resources.files("greenroom.question_banks")
    assert FILES, "no built-in banks found"
    for path in FILES:
        assert path.parent == Path(str(folder)) and path.suffix == ".yaml"
        assert folder.joinpath(path.name).is_file()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_builtin_bank_validates_without_warnings(
    loaded: dict[Path, LoadResult], path: Path
) -> None:
    result = loaded[path]

    assert result.warnings == ()
    assert result.bank.id == path.stem  # the file is named after its bank
    assert result.bank.title and result.bank.description


def test_at_least_8_banks_and_250_questions(loaded: dict[Path, LoadResult]) -> None:
    total = sum(len(r.bank.questions) for r in loaded.values())

    assert len(loaded) >= 8
    assert total >= 250


def test_bank_ids_are_unique(loaded: dict[Path, LoadResult]) -> None:
    ids = [r.bank.id for r in loaded.values()]

    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_question_has_category_tip_and_key_point(
    loaded: dict[Path, LoadResult], path: Path
) -> None:
    incomplete = [
        q.id
        for q in loaded[path].bank.questions
        if q.category is None or not q.tips.strip() or not q.key_points
    ]

    assert incomplete == []


def test_no_question_text_is_repeated_across_banks(loaded: dict[Path, LoadResult]) -> None:
    seen: dict[str, str] = {}
    repeats: list[str] = []
    for result in loaded.values():
        for q in result.bank.questions:
            key = normalise_question_text(q.text)
            if key in seen:
                repeats.append(f"{result.bank.id}/{q.id} repeats {seen[key]}")
            seen[key] = f"{result.bank.id}/{q.id}"

    assert repeats == []


def test_builtin_files_are_plain_utf8(loaded: dict[Path, LoadResult]) -> None:
    assert {r.encoding for r in loaded.values()} == {"utf-8"}


# Words nearly every interview answer says: a wording made of these alone would tick a key
# point for answers that never made it.
_EVERYDAY = {
    stem(w)
    for w in [
        "team",
        "work",
        "time",
        "project",
        "people",
        "thing",
        "good",
        "great",
        "think",
        "know",
        "way",
        "make",
        "get",
        "help",
        "job",
        "role",
        "company",
        "part",
        "also",
        "did",
        "went",
        "said",
        "just",
        "want",
        "need",
        "start",
        "lot",
        "different",
        "new",
        "problem",
        "result",
    ]
}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_key_point_has_other_wordings_and_none_is_only_everyday_words(
    loaded: dict[Path, LoadResult], path: Path
) -> None:
    # Seen in the app: a strong answer to "news they did not want to hear" covered 0 of its 4
    # key points ("prepared", "honest", "empathy", "next steps"): each had one wording.
    points = [p for q in loaded[path].bank.questions for p in q.key_points]
    alone = [p for p in points if len(key_point_wordings(p)) < 2]
    everyday = [
        (key_point_name(p), w)
        for p in points
        for w in key_point_wordings(p)[1:]
        if phrase_stems(w) <= _EVERYDAY
    ]
    # Made only of stop words ("who you are", "not yet"), a wording needs exactly those words,
    # which almost any answer says; digits or acronyms ("base62", "QA") are fine.
    stop_words_only = [
        (key_point_name(p), w)
        for p in points
        for w in key_point_wordings(p)
        if all(word in STOP_WORDS for word in text_words(w))
    ]
    assert alone == [] and everyday == [] and stop_words_only == []


def test_a_strong_answer_covers_the_key_points_of_its_builtin_question(
    loaded: dict[Path, LoadResult],
) -> None:
    # Written before the banks' wordings were, by someone who had not seen them.
    answer = (
        "Last year I had to tell a client that our launch would slip by two weeks. Before the "
        "call I went through the numbers with my lead so I knew exactly what had gone wrong and "
        "what we could still deliver. On the call I told them straight away, without softening "
        "it, that we would miss the date and why. I could hear they were frustrated, so I let "
        "them talk and acknowledged how awkward this made things with their own board. Then I "
        "laid out a new plan with two checkpoints, and I sent a written summary that afternoon. "
        "They were not happy, but they thanked me for being upfront, and we delivered on the "
        "new date."
    )
    bank = next(r.bank for p, r in loaded.items() if p.stem == "behavioral-star")
    question = next(q for q in bank.questions if q.id == "delivered-unwelcome-news")
    coverage = key_point_coverage(stems_of(text_words(answer)), question.key_points)
    assert len(coverage.covered) == 4 and coverage.missing == ()
    # ... and an answer that only circles the question covers few of them
    vague = (
        "I think giving bad news is always hard. You just have to do it and hope for the best, "
        "and in the end people usually understand that it is part of the job."
    )
    assert key_point_coverage(stems_of(text_words(vague)), question.key_points).covered == ()
