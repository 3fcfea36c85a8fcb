"""The filler and hedge rules on the hard cases, one sentence at a time (docs/metrics.md)."""

from __future__ import annotations

import pytest
from helpers import typed

from greenroom.analysis import analyze_answer


def _fillers(text: str) -> list[str]:
    return [s.text for s in analyze_answer(typed(text), answer_limit=None).fillers.occurrences]


def _hedges(text: str) -> list[str]:
    return [s.text for s in analyze_answer(typed(text), answer_limit=None).hedges.occurrences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I, like, managed the team.", ["like"]),
        ("I'd like to lead the team.", []),
        ("We used tools like Jira.", []),
        ("I like Python.", []),
        ("It looks like a bug.", []),
        ("It was like a maze.", []),
        ("It was like really hard.", ["like"]),
        ("And like we shipped it.", ["like"]),
        ("We like had to start again.", ["like"]),
        ("There were like 20 people.", []),
        ("Like I said, it worked.", []),
        ("Like, nobody knew.", ["like"]),
        ("I feel like it worked.", []),
        ("So, we started.", ["so"]),
        ("So we started.", ["so"]),
        ("We had no time, so we cut scope.", []),
        ("We worked late so that we could ship.", []),
        ("So far it works.", []),
        ("Okay, so the plan was simple.", ["so"]),
        ("Well, it depends.", ["well"]),
        ("It went well.", []),
        ("We did it as well.", []),
        ("Um, well, that's it.", ["um", "well"]),
        ("You know, it was hard.", ["you know"]),
        ("You know that it was hard.", []),
        ("Do you know how it works?", []),
        ("As you know, it was hard.", []),
        ("We you know shipped it.", ["you know"]),
        ("It was hard, you know.", ["you know"]),
        ("I mean, it was hard.", ["I mean"]),
        ("I mean it.", []),
        ("What I mean is simple.", []),
        ("Actually, it failed.", ["actually"]),
        ("It actually failed.", []),
        ("It was basically done.", ["basically"]),
        ("It was a big change, right?", ["right"]),
        ("Is that right?", []),
        ("Umm, uhh, erm, hmm.", ["um", "uh", "erm", "hmm"]),
        ("Ha ha, that was funny.", []),
        ("Ah ha, I see.", []),
        ("Ah, the project.", ["ah"]),
        ("Er... the team.", ["er"]),
    ],
)
def test_filler_rules(text: str, expected: list[str]) -> None:
    assert _fillers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I think it worked.", ["I think"]),
        ("It kind of worked.", ["kind of"]),
        ("What kind of tool was it?", []),
        ("A sort of dashboard.", []),
        ("It sort of failed.", ["sort of"]),
        ("I just fixed it.", ["just"]),
        ("It arrived just in time.", []),
        ("I'm not sure it helped.", ["I'm not sure"]),
        ("I am not sure it helped.", ["I'm not sure"]),
        ("I’m not sure it helped.", ["I'm not sure"]),
        ("I'll try to help.", ["try to"]),
        ("I tried to help.", []),
        ("Maybe, probably, hopefully.", ["maybe", "probably", "hopefully"]),
        ("I feel like it helped.", ["I feel like"]),
        ("I guess so.", ["I guess"]),
    ],
)
def test_hedge_rules(text: str, expected: list[str]) -> None:
    assert _hedges(text) == expected


def test_a_breath_between_sentences_is_not_a_filler() -> None:
    from greenroom.core.transcript import Transcript, Word

    words = (
        Word("done.", 1.0, 1.3),
        Word("ah", 2.6, 2.9),  # 1.3 s of silence either side: a transcribed breath
        Word("Next,", 4.2, 4.5),
    )
    m = analyze_answer(Transcript(words=words, duration=5.0), answer_limit=None)
    assert m.fillers.count == 0


def test_an_ah_inside_speech_is_a_filler() -> None:
    from greenroom.core.transcript import Transcript, Word

    words = (Word("done,", 1.0, 1.3), Word("ah,", 1.4, 1.6), Word("next", 2.8, 3.1))
    m = analyze_answer(Transcript(words=words, duration=5.0), answer_limit=None)
    assert m.fillers.by_word == {"ah": 1}


@pytest.mark.parametrize(
    ("point", "said", "covered"),
    [
        ("keep notes", "I would keep going, it is not a problem.", False),  # "notes" is not "not"
        ("keep notes", "I keep a note of every call.", True),
        ("offer help", "I took some time off to help.", False),  # "offer" is not "off"
        ("offer help", "I offered to help her.", True),
        ("common theme", "The common thread for them was money.", False),  # "theme" is not "them"
        ("clear owners", "Each area had one owner.", False),  # "clear" not said
        ("clear owners", "We made it clear who the owner was.", True),  # "owners" is not "own"
        ("clear owners", "I did it on my own, and it was clear.", False),
    ],
)
def test_a_key_point_word_is_never_matched_by_a_stop_word_it_stems_into(
    point: str, said: str, covered: bool
) -> None:
    # Seen while writing the banks' wordings: the stemmer cut "notes" to "not", "offer" to
    # "off", "theme" to "them" and "owners" to "own", so any answer saying those words covered
    # "keep notes", "offer help", "common theme" or "clear owners".
    m = analyze_answer(typed(said), answer_limit=None, key_points=(point,))
    assert (m.key_points.covered == (point,)) is covered
