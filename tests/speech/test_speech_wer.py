"""The word alignment behind every WER and inserted-word figure (support/wer.py)."""

from __future__ import annotations

from support.wer import align, edit_distance, normalise


def test_invented_words_are_counted_as_inserted() -> None:
    result = align(
        "he was not an ill disposed young man", "he was not an ill disposed young man. Thank you."
    )
    assert result.inserted == ("thank", "you") and result.edits == 2


def test_a_word_written_as_two_is_one_substitution_not_an_invented_word() -> None:
    result = align("montreal forced aligner", "Montreal forced a liner")
    assert result.inserted == () and result.substituted == 1
    assert align("rather cold hearted", "rather coldhearted").edits == 0


def test_cut_off_marks_match_a_word_or_nothing() -> None:
    assert align("i <cutoff-wa> went", "I went").edits == 0
    assert align("i <cutoff-wa> went", "I wa went").edits == 0


def test_edit_count_equals_edit_distance() -> None:
    ref, hyp = "ask not what your country can do for you", "as not what your can do for you okay"
    assert align(ref, hyp).edits == edit_distance(normalise(ref), normalise(hyp)) == 3
