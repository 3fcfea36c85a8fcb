"""What a user sees of relevance and the voice on the Practice feedback screen and in History:
an off-topic answer gets the drift note, key points show the sentence that covered them, a flat
voice reads as level, a typed answer shows no voice, a whispered one says why."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from greenroom.analysis.feedback import feedback_for
from greenroom.analysis.feedback_text import clock
from greenroom.analysis.metrics import AnswerMetrics, analyze_answer
from greenroom.analysis.relevance import Topic
from greenroom.core.bank import Question
from greenroom.core.session import Answer
from greenroom.core.transcript import SpeechSegment, Transcript, Word
from greenroom.core.voice import VoiceTrack
from greenroom.ui.history.answer_view import AnswerView
from greenroom.ui.practice.results import AnswerReview
from greenroom.ui.practice.review_view import ReviewView
from support.meaning import BACKGROUND, OFF, ON, WordOverlap

QUESTION = Question(
    "deadline",
    "Tell me about a time you missed a deadline.",
    tips="Say when you saw the deadline slipping, who you told and the plan you made.",
    key_points=("raised it early", "new plan"),
)
TOPIC = Topic(QUESTION.text, QUESTION.key_points, QUESTION.tips)


def _timed(text: str, *, start: float = 1.0, step: float = 0.4) -> Transcript:
    """``text`` spoken from ``start``, a word every ``step`` seconds."""
    words = tuple(
        Word(w, start + k * step, start + (k + 0.8) * step) for k, w in enumerate(text.split())
    )
    return Transcript(words, (SpeechSegment(start, words[-1].end),), words[-1].end + 0.5)


def _feedback_lines(qtbot: QtBot, text: str, *, start: float, step: float) -> list[str]:
    """The feedback screen's notes for ``text`` spoken as ``_timed`` times it."""
    m = analyze_answer(_timed(text, start=start, step=step), answer_limit=None, key_points=())
    view = _review(qtbot, m, text)
    return view.feedback.toPlainText().splitlines()


def _voice(duration: float, *, swing: float, level: float = -20.0) -> VoiceTrack:
    """A voice at 150 Hz moving ``swing`` semitones either way, every frame voiced."""
    n = int(duration / 0.016)
    f0 = tuple(150 * 2 ** (swing * math.sin(k / 25) / 12) for k in range(n))
    return VoiceTrack(0.016, f0, (level,) * n, duration, peak=0.3, tracker="test")


def _metrics(text: str, *, voice: VoiceTrack | None = None, typed: bool = False) -> AnswerMetrics:
    transcript = (
        Transcript(tuple(Word(w, 0.0, 0.0) for w in text.split())) if typed else _timed(text)
    )
    return analyze_answer(
        transcript,
        answer_limit=None,
        key_points=TOPIC.key_points,
        question=TOPIC,
        meaning=WordOverlap(),
        background=BACKGROUND,
        voice=voice,
    )


def _review(qtbot: QtBot, metrics: AnswerMetrics, text: str) -> ReviewView:
    view = ReviewView()
    qtbot.addWidget(view)
    review = AnswerReview(
        0, 1, QUESTION, _timed(text), not metrics.timed, metrics, feedback_for(metrics), None
    )
    view.show_review(review, retakes=False, last=True)
    view.show()
    return view


def _history(qtbot: QtBot, metrics: AnswerMetrics, text: str, tmp_path: Path) -> AnswerView:
    view = AnswerView()
    qtbot.addWidget(view)
    answer = Answer(
        id=1,
        session_id=1,
        question_key=None,
        question_text=QUESTION.text,
        position=0,
        transcript=text,
        metrics=metrics.to_dict(),
        duration_seconds=20.0,
    )
    view.show_answer(answer, audio_root=tmp_path, moments=[], other_takes=0)
    view.show()
    return view


@pytest.mark.parametrize("screen", ["practice", "history"])
def test_an_off_topic_answer_shows_what_it_drifted_to_and_the_question(
    qtbot: QtBot, tmp_path: Path, screen: str
) -> None:
    m = _metrics(OFF, voice=_voice(25.0, swing=4.0))
    view = _review(qtbot, m, OFF) if screen == "practice" else _history(qtbot, m, OFF, tmp_path)
    fit = view.fit
    assert fit.isVisible() and fit.on_topic.isVisible()
    assert fit.drift.text().startswith("Most of this answer was about scrooge, marley")
    assert QUESTION.text in fit.drift.text()
    assert "one to practise" in fit.on_topic.words.text()
    assert "Not yet: raised it early" in fit.key_points.text()
    assert "Not yet: new plan" in fit.key_points.text()


@pytest.mark.parametrize("screen", ["practice", "history"])
def test_a_covered_key_point_is_shown_with_the_sentence_that_covered_it(
    qtbot: QtBot, tmp_path: Path, screen: str
) -> None:
    m = _metrics(ON, voice=_voice(15.0, swing=4.0))
    view = _review(qtbot, m, ON) if screen == "practice" else _history(qtbot, m, ON, tmp_path)
    fit = view.fit
    assert fit.drift.text() == "Your answer stayed on the question."
    assert "comfortable" in fit.on_topic.words.text()
    shown = fit.key_points.text()
    assert "(1 of 2)" in shown
    assert "<b>new plan</b>: \u201cWe made a new plan and cut the scope.\u201d at 0:" in shown


def test_a_flat_voice_reads_as_level_and_a_lively_one_as_rising_and_falling(
    qtbot: QtBot,
) -> None:
    flat = _review(qtbot, _metrics(ON, voice=_voice(15.0, swing=0.8)), ON)
    pitch = flat.voice.bands["pitch_variation"]
    assert flat.voice.isVisible() and pitch.isVisible()
    assert pitch.words.text().startswith("Your pitch stayed quite level")
    assert "one to practise" in pitch.words.text()
    assert "rising and falling helps" in flat.voice.note.text()
    assert "Your pitch stayed in a narrow band" in flat.feedback.toPlainText()
    lively = _review(qtbot, _metrics(ON, voice=_voice(15.0, swing=4.0)), ON)
    words = lively.voice.bands["pitch_variation"].words.text()
    assert words.startswith("Your pitch rose and fell") and "comfortable" in words
    assert not lively.voice.note.isVisible()


def test_a_typed_answer_shows_no_voice_and_an_unrecorded_one_says_why(qtbot: QtBot) -> None:
    typed = _review(qtbot, _metrics(ON, typed=True), ON)
    assert not typed.voice.isVisible()
    unrecorded = _review(qtbot, _metrics(ON), ON)
    assert unrecorded.voice.isVisible()
    assert "no recording" in unrecorded.voice.note.text()
    assert not any(bar.isVisible() for bar in unrecorded.voice.bands.values())


def test_a_whisper_gets_a_note_instead_of_pitch_figures(qtbot: QtBot) -> None:
    n = int(15.0 / 0.016)
    whisper = VoiceTrack(0.016, (0.0,) * n, (-45.0,) * n, 15.0, peak=0.02, tracker="test")
    view = _review(qtbot, _metrics(ON, voice=whisper), ON)
    assert "No voiced speech" in view.voice.note.text()
    assert not view.voice.bands["pitch_variation"].isVisible()


def test_a_fast_answer_names_its_fastest_moment_once_at_one_time(qtbot: QtBot) -> None:
    # Words from 1.3 s, every 0.35 s and then every 0.2 s, so the fastest stretch starts x.3 s
    # in: the message rounds that down; the line under it once repeated the time rounded up
    # (a countdown's rounding), so the screen gave two different times for one moment.
    text = (ON + " ") * 6
    starts = [1.3 + k * 0.35 for k in range(30)]
    starts += [starts[-1] + 0.35 + k * 0.2 for k in range(len(text.split()) - 30)]
    words = tuple(Word(w, t, t + 0.15) for w, t in zip(text.split(), starts, strict=True))
    transcript = Transcript(words, (SpeechSegment(1.3, words[-1].end),), words[-1].end + 0.5)
    m = analyze_answer(transcript, answer_limit=None, key_points=TOPIC.key_points)
    peak = max(m.pace.windows, key=lambda w: w.rate).start
    assert 0.2 < peak % 1 < 0.4
    view = ReviewView()
    qtbot.addWidget(view)
    view.show_review(
        AnswerReview(0, 1, QUESTION, transcript, False, m, feedback_for(m), None),
        retakes=False,
        last=True,
    )
    shown = view.feedback.toPlainText()
    fast = next(line for line in shown.splitlines() if "fastest stretch" in line)
    assert fast.endswith(f"a minute at {clock(peak)}.")
    assert clock(math.ceil(peak)) not in shown


def test_an_answer_at_one_fast_pace_names_no_fastest_stretch(qtbot: QtBot) -> None:
    # Seen on the feedback screen: a 3-second answer got "You spoke at 227 words a minute,
    # above the 120-160 range; the fastest stretch was 227 a minute at 0:00."
    text = "I'm playing a single hand in what looks like a losing game."
    lines = _feedback_lines(qtbot, text, start=0.5, step=0.26)
    fast = next(line for line in lines if "words a minute" in line)
    assert fast.endswith("above the 120-160 range."), fast
    assert not any("0:00" in line for line in lines)


def test_the_run_summary_counts_key_points_in_plain_words() -> None:
    # Seen at the end of a run: "0 of 1 key points; not yet: three words", and "not yet: none"
    # for an answer that covered them all.
    from greenroom.analysis.session import summarize_session
    from greenroom.ui.practice.results import SessionResult
    from greenroom.ui.practice.summary_view import summary_html

    one = Question("three", "Describe yourself in three words.", key_points=("three words",))
    said = "I raised it early and we agreed a new plan with the client the same afternoon."
    reviews = []
    for position, (question, text) in enumerate(
        [(one, "I am calm and curious."), (QUESTION, said), (QUESTION, "We shipped late.")]
    ):
        m = analyze_answer(_timed(text), answer_limit=None, key_points=question.key_points)
        reviews.append(
            AnswerReview(position, 1, question, _timed(text), False, m, feedback_for(m), 50.0)
        )
    summary = summarize_session([r.metrics for r in reviews])
    text = summary_html(SessionResult(summary, [], reviews, None, None, first_session=True))
    assert "0 of 1 key point; not yet: three words" in text
    assert f"{QUESTION.text} \u2014 all 2 key points" in text
    assert "0 of 2 key points; not yet: raised it early, new plan" in text
    assert "not yet: none" not in text


def test_a_filler_note_does_not_repeat_the_word_and_time_it_already_gives(qtbot: QtBot) -> None:
    # Seen on the feedback screen: 'the first was "uh" at 0:04.' and under it 'at 0:04: "uh"'.
    text = "uh I think um my strength uh is that uh I listen and um I plan ahead"
    m = analyze_answer(_timed(text), answer_limit=None, key_points=())
    view = _review(qtbot, m, text)
    lines = view.feedback.toPlainText().splitlines()
    note = next(k for k, line in enumerate(lines) if "fillers (" in line)
    assert 'the first was "uh" at 0:01.' in lines[note]
    assert lines[note + 1].startswith("Try:"), lines[note : note + 2]


def test_a_slow_start_note_gives_its_time_once(qtbot: QtBot) -> None:
    # Seen on the feedback screen: "4.6 s passed before your first word." and under it
    # 'at 0:05: "I think ..."', the same moment in two roundings.
    text = "I think my strength is that I listen first and then I plan the work ahead with care"
    lines = _feedback_lines(qtbot, text, start=4.6, step=0.4)
    note = next(k for k, line in enumerate(lines) if "before your first word" in line)
    assert lines[note].startswith("4.6 s passed")
    assert lines[note + 1].startswith("\u201cI think my strength"), lines[note : note + 2]
    assert "0:05" not in lines[note + 1]


@pytest.mark.parametrize("screen", ["practice", "history"])
def test_an_opener_shows_star_as_not_judged_and_its_length_on_its_own_time(
    qtbot: QtBot, tmp_path: Path, screen: str
) -> None:
    # Seen on the feedback screen: two friendly sentences to "how has your week been so far?"
    # (30 s to answer) read "0 of the 4 STAR parts, one to practise", "14 seconds long, one
    # to practise" and "The answer had no result cue".
    text = (
        "It has been a good week thanks, busy but good. I finished a course on Friday and I "
        "am really glad to be here today, so thank you for making the time to see me."
    )
    m = analyze_answer(_timed(text), answer_limit=None, star_expected=False, length_target=30)
    view = _review(qtbot, m, text) if screen == "practice" else _history(qtbot, m, text, tmp_path)
    star = view.bands["star_score"].words.text()
    assert star.startswith("Not judged: STAR is for questions about something you did")
    assert not view.bands["star_score"].bar.isVisible()
    length = view.bands["duration"].words.text()
    assert length.endswith("seconds long, right in the comfortable range"), length
    assert "result" not in view.feedback.toPlainText()
    table = view.metrics
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Answer length"] == "15–30"
    assert "STAR structure" not in rows


@pytest.mark.parametrize(
    ("indexes", "best", "again"),
    [
        ((62.0,), None, None),  # one answer: nothing to compare it with
        ((62.0, 62.0), None, None),  # a tie names neither
        ((48.0, 71.0, 55.0), 1, 0),
    ],
)
def test_the_run_summary_names_a_best_answer_only_when_there_is_a_choice(
    indexes: tuple[float, ...], best: int | None, again: int | None
) -> None:
    # Seen at the end of a one-answer run: "Best answer:" over the only answer given.
    from greenroom.analysis.session import summarize_session
    from greenroom.ui.practice.results import SessionResult, best_and_weakest
    from greenroom.ui.practice.summary_view import summary_html

    text = "I raised it early and we agreed a new plan with the client."
    m = analyze_answer(_timed(text), answer_limit=None, key_points=QUESTION.key_points)
    questions = [Question(f"q{k}", f"Question number {k}?") for k in range(len(indexes))]
    reviews = [
        AnswerReview(k, 1, q, _timed(text), False, m, feedback_for(m), index)
        for k, (q, index) in enumerate(zip(questions, indexes, strict=True))
    ]
    top, weak = best_and_weakest(reviews)
    summary = summarize_session([r.metrics for r in reviews])
    shown = summary_html(SessionResult(summary, [], reviews, top, weak, first_session=True))
    if best is None:
        assert "Best answer" not in shown and "Practise again" not in shown
    else:
        assert f"<b>Best answer:</b> {questions[best].text}" in shown
        assert f"<b>Practise again:</b> {questions[again or 0].text}" in shown


def test_a_follow_up_on_a_missed_key_point_keeps_its_other_wordings() -> None:
    # The interviewer asks "Could you say more about next steps?"; the answer to it says "a
    # new plan", one of the bank's wordings of that point, and must count as covering it.
    from greenroom.core.interview import PlannedQuestion
    from greenroom.ui.practice.follow_ups import follow_up_question

    question = Question(
        "bad-news",
        "Describe a time you had to give someone news they did not want to hear.",
        key_points=("next steps | new plan | follow-up call", "honest | the truth"),
    )
    text = (
        "I had to tell a client that the launch would slip. I told them the truth on a call "
        "the same morning and explained the cause, and as a result they trusted us more and "
        "renewed the contract the next quarter, which was a good outcome for the whole team."
    )
    m = analyze_answer(_timed(text), answer_limit=None, key_points=question.key_points)
    assert m.key_points.missing == ("next steps",)
    review = AnswerReview(0, 1, question, _timed(text), False, m, feedback_for(m), 60.0, 7)
    planned = follow_up_question(PlannedQuestion(question, 30, 120, question_key=1), review)
    assert planned is not None
    assert planned.question.text == "Could you say more about next steps?"
    assert planned.question.key_points == ("next steps | new plan | follow-up call",)
