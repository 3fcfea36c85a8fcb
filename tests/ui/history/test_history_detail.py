"""Session detail: transcript highlighting, figures against bands, rating and notes,
playback of the real recording with seeking, comparing takes, export and delete."""

from __future__ import annotations

import csv
import html
import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from greenroom.analysis import analyze_answer
from greenroom.core.transcript import Transcript
from greenroom.store import history_repo, sessions_repo
from greenroom.ui import design
from greenroom.ui.context import AppContext
from greenroom.ui.history.history_page import HistoryPage
from greenroom.ui.history.report_pdf import report_html
from greenroom.ui.history.session_detail_view import SessionDetailView
from greenroom.ui.history.transcript_view import TranscriptPause, TranscriptWord


def _open(
    qtbot: QtBot, ctx: AppContext, session_id: int = 1
) -> tuple[HistoryPage, SessionDetailView]:
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r).id == session_id)
    page.table.activated.emit(page.model.index(row, 0))
    assert page.stack.currentWidget() is page.detail
    return page, page.detail


def test_detail_shows_each_answer_with_highlights_bands_and_feedback(
    qtbot: QtBot, ctx: AppContext
) -> None:
    _, detail = _open(qtbot, ctx, 1)  # the first, most nervous session
    session = sessions_repo.get_session(ctx.engine, 1)
    assert detail.answers.count() == 3
    assert detail.answers.item(0).text().endswith(session.answers[0].question_text)
    view = detail.answer_view
    assert view.question.text() == session.answers[0].question_text
    words = [i.text for i in view.transcript.items if isinstance(i, TranscriptWord)]
    assert words[:3] == session.answers[0].transcript.split()[:3]
    # the nervous first session has fillers; each is highlighted in the transcript's HTML
    with_fillers = []
    for r in range(3):
        detail.answers.setCurrentRow(r)
        if any(isinstance(i, TranscriptWord) and i.kind == "filler" for i in view.transcript.items):
            with_fillers.append(r)
    assert with_fillers
    detail.answers.setCurrentRow(with_fillers[0])
    assert design.hex_colour("filler_bg").lower() in view.transcript.toHtml().lower()
    answer = session.answers[with_fillers[0]]
    long_pauses = [p for p in answer.metrics["pauses"]["pauses"] if p["kind"] != "short"]
    shown = [i for i in view.transcript.items if isinstance(i, TranscriptPause)]
    assert len(shown) == len(long_pauses)
    assert view.metrics.rowCount() >= 6
    assert set(view.metrics.ratings.values()) <= {"green", "amber", "red"}
    assert view.feedback.toPlainText().strip()
    assert view.lead.text().strip()  # the plain-words lead, as on the Practice feedback screen
    assert all(not bar.isHidden() for bar in view.bands.values())
    before, after = session.nerves_before, session.nerves_after
    assert detail.nerves.words.text().startswith(f"Your nerves went from {before} to {after}")


def test_detail_names_banks_by_their_titles_and_lists_every_question_in_full(
    qtbot: QtBot, ctx: AppContext
) -> None:
    _, detail = _open(qtbot, ctx, 2)  # seeded sessions alternate openers / behavioral-star
    assert detail.summary.text().startswith("Behavioural questions (STAR) · 3 answers")
    assert "behavioral-star" not in detail.summary.text()
    session = sessions_repo.get_session(ctx.engine, 2)
    for row, answer in enumerate(session.answers):
        assert detail.answers.item(row).text() == (
            f"Answer {answer.position + 1}\n{answer.question_text}"
        )


def test_the_detail_tells_a_run_the_user_ended_from_one_cut_short(
    qtbot: QtBot, ctx: AppContext
) -> None:
    # Seen in the app: a run ended with "End session" and then rated read "stopped before the
    # last question", as a crash does.
    from sqlalchemy import update

    from greenroom.store.models import SessionRow

    with ctx.engine.begin() as conn:
        conn.execute(update(SessionRow).where(SessionRow.id == 2).values(status="interrupted"))
        conn.execute(
            update(SessionRow)
            .where(SessionRow.id == 4)
            .values(status="interrupted", ended_at=None)  # a crash: never ended
        )
    _, detail = _open(qtbot, ctx, 2)
    assert detail.summary.text().endswith("3 answers · you ended it part-way")
    _, detail = _open(qtbot, ctx, 4)
    assert detail.summary.text().endswith("stopped before the last question")


def _add_to_session_3(ctx: AppContext, **changes: object) -> None:
    """Save one more answer in seeded session 3: a copy of its first with ``changes``."""
    first = sessions_repo.get_session(ctx.engine, 3).answers[0]
    changes = {"follow_up_of": first.id, **changes} if changes.pop("follows", False) else changes
    sessions_repo.record_answer(ctx.engine, replace(first, id=None, position=3, **changes))  # type: ignore[arg-type]


def test_a_retake_and_an_answer_with_no_words_say_so(qtbot: QtBot, ctx: AppContext) -> None:
    _add_to_session_3(
        ctx,
        take=2,
        transcript="",
        words=[],
        metrics=analyze_answer(Transcript(words=(), duration=6.0), answer_limit=120).to_dict(),
        delivery_index=None,
        audio_path=None,
    )
    _, detail = _open(qtbot, ctx, 3)
    assert detail.summary.text().endswith("4 answers (1 with no words heard)")
    assert detail.answers.item(3).text().startswith("Answer 4 · take 2 · no answer\n")
    detail.answers.setCurrentRow(3)
    view = detail.answer_view
    assert view.lead.text().startswith("No words were heard this time.")
    assert view.sounded_card.isHidden()  # nothing to measure: no bands
    assert view.time_label.text() == "No recording was kept for this answer."
    assert view.play_button.isHidden()


def test_rating_and_notes_are_saved(qtbot: QtBot, ctx: AppContext) -> None:
    _, detail = _open(qtbot, ctx, 2)
    view = detail.answer_view
    view.rating.setCurrentIndex(view.rating.findData(1))
    view.rating.activated.emit(view.rating.currentIndex())
    detail.notes.setPlainText("Slow down on the result.")
    detail.save_notes.click()
    session = sessions_repo.get_session(ctx.engine, 2)
    assert session.answers[0].self_rating == 1
    assert session.notes == "Slow down on the result."


def test_clicking_a_word_seeks_the_real_recording(qtbot: QtBot, ctx: AppContext) -> None:
    _, detail = _open(qtbot, ctx, 3)
    view = detail.answer_view
    player = view.player
    assert player.source is not None and player.source.is_file()
    with qtbot.waitSignal(player.loaded, timeout=5000) as loaded:
        pass
    assert loaded.args == [True] or player.duration > 0
    qtbot.waitUntil(lambda: player.duration > 8.0, timeout=5000)  # mfa_um is 8.9 s
    index = next(
        i
        for i, item in enumerate(view.transcript.items)
        if isinstance(item, TranscriptWord) and 2.0 < item.start < 8.0
    )
    target = view.transcript.time_of(index)
    with qtbot.waitSignal(player.position_changed, timeout=3000):
        view.transcript.click_word(index)
    assert abs(player.position - target) < 0.3
    player.pause()
    with qtbot.waitSignal(player.position_changed, timeout=3000):
        view.seek(1.25)
    assert abs(player.position - 1.25) < 0.3
    assert view.timeline.maximum() > 8000


def test_stress_moment_buttons_jump_to_their_time(qtbot: QtBot, ctx: AppContext) -> None:
    _, detail = _open(qtbot, ctx, 1)
    view = detail.answer_view
    qtbot.waitUntil(lambda: view.player.duration > 0, timeout=5000)
    seeks: list[float] = []
    view.player.seek = seeks.append  # type: ignore[method-assign]
    buttons = [view.moments.itemAt(i).widget() for i in range(view.moments.count())]
    from PySide6.QtWidgets import QPushButton

    pressed = [b for b in buttons if isinstance(b, QPushButton)]
    for b in pressed:
        b.click()
    assert len(seeks) == len(pressed)


def test_two_takes_of_a_question_compare_side_by_side(qtbot: QtBot, ctx: AppContext) -> None:
    first = sessions_repo.get_session(ctx.engine, 4).answers[0]
    second = replace(
        first,
        id=None,
        take=2,
        position=3,
        transcript="So I I um led it.",
        words=[],
        metrics={},
        delivery_index=40.0,
        audio_path=None,
    )
    sessions_repo.record_answer(ctx.engine, second)
    _, detail = _open(qtbot, ctx, 4)
    view = detail.answer_view
    assert view.compare_button.isEnabled()
    view.compare_button.click()
    dialog = detail.compare_dialog
    qtbot.addWidget(dialog)
    table = dialog.view.table
    assert table.horizontalHeaderItem(1).text() == "Take 1"
    assert table.horizontalHeaderItem(2).text() == "Take 2"
    assert table.item(0, 0).text() == "Delivery index" and table.item(0, 2).text() == "40"
    assert table.item(0, 1).text() == f"{first.delivery_index:.0f}"
    assert "led it" in dialog.view.right.toPlainText()
    detail.answers.setCurrentRow(1)
    assert not view.compare_button.isEnabled()


def test_session_export_csv_json_and_pdf_parse_back(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    _, detail = _open(qtbot, ctx, 5)
    session = sessions_repo.get_session(ctx.engine, 5)
    targets = iter([tmp_path / "s.csv", tmp_path / "s.json", tmp_path / "s.pdf"])
    detail.ask_save_path = lambda *a: next(targets)  # type: ignore[method-assign]
    detail.export_csv.click()
    detail.export_json.click()
    assert (
        detail.notice.text()
        == f"Saved this session with 3 answers as JSON to {tmp_path / 's.json'}."
    )
    detail.export_pdf.click()
    assert detail.notice.text() == (
        f"Saved the report of this session (3 answers) as PDF to {tmp_path / 's.pdf'}."
    )
    assert not detail.notice.isHidden()
    rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert [r["transcript"] for r in rows] == [a.transcript for a in session.answers]
    assert {r["nerves_before"] for r in rows} == {str(session.nerves_before)}
    assert [float(r["delivery_index"]) for r in rows] == [a.delivery_index for a in session.answers]
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    [exported] = data["sessions"]
    assert exported["id"] == 5 and exported["summary"] == session.summary
    assert [a["metrics"] for a in exported["answers"]] == [a.metrics for a in session.answers]
    assert [a["words"] for a in exported["answers"]] == [a.words for a in session.answers]
    pdf = (tmp_path / "s.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_export_all_history(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    page = HistoryPage(ctx)
    qtbot.addWidget(page)
    targets = iter([tmp_path / "all.csv", tmp_path / "all.json"])
    page.ask_save_path = lambda *a: next(targets)  # type: ignore[method-assign]
    assert page.notice.isHidden()
    page.export_csv.click()
    assert (
        page.notice.text() == f"Saved 6 sessions with 18 answers as CSV to {tmp_path / 'all.csv'}."
    )
    assert not page.notice.isHidden()
    page.export_json.click()
    assert page.notice.text().startswith("Saved 6 sessions with 18 answers as JSON to ")
    rows = list(csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8")))
    assert len(rows) == 18 and {r["session_id"] for r in rows} == {str(i) for i in range(1, 7)}
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sessions"]] == [1, 2, 3, 4, 5, 6]
    assert sum(len(s["answers"]) for s in data["sessions"]) == 18


def test_delete_removes_the_session_its_answers_and_audio(qtbot: QtBot, ctx: AppContext) -> None:
    audio = [
        ctx.paths.data / a.audio_path
        for a in sessions_repo.get_session(ctx.engine, 6).answers
        if a.audio_path
    ]
    assert len(audio) == 3 and all(p.is_file() for p in audio)
    page, detail = _open(qtbot, ctx, 6)
    detail.confirm_delete = lambda: True  # type: ignore[method-assign]
    detail.delete.click()
    assert not any(p.exists() for p in audio)
    assert page.stack.currentIndex() == 0
    assert page.model.rowCount() == 5 and 6 not in {page.model.item(r).id for r in range(5)}
    assert history_repo.count_sessions(ctx.engine) == 5
    with ctx.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM answers WHERE session_id = 6").scalar() == 0
        )
    other = ctx.paths.data / sessions_repo.get_session(ctx.engine, 5).answers[0].audio_path  # type: ignore[operator]
    assert other.is_file()  # other sessions' recordings stay


def test_cancelled_delete_keeps_everything(qtbot: QtBot, ctx: AppContext) -> None:
    _, detail = _open(qtbot, ctx, 6)
    detail.confirm_delete = lambda: False  # type: ignore[method-assign]
    detail.delete.click()
    assert history_repo.count_sessions(ctx.engine) == 6


def test_export_words_count_right() -> None:
    from greenroom.ui.history.export_notice import export_notice, session_notice

    where = Path("/tmp/x.csv")
    assert export_notice(sessions=1, answers=1, fmt="csv", path=where) == (
        "Saved 1 session with 1 answer as CSV to /tmp/x.csv."
    )
    assert export_notice(sessions=0, answers=0, fmt="json", path=where) == (
        "Nothing to export yet: the JSON file at /tmp/x.csv lists no sessions."
    )
    assert session_notice(answers=2, fmt="csv", path=where) == (
        "Saved this session with 2 answers as CSV to /tmp/x.csv."
    )


def test_player_reports_duration_without_an_audio_device(qtbot: QtBot, wav: Path) -> None:
    from greenroom.ui.history.playback import AnswerPlayer

    player = AnswerPlayer()
    player.load(wav)
    player.seek(2.0)  # before loading finished: applied once it has
    qtbot.waitUntil(lambda: player.duration > 8.0, timeout=5000)
    qtbot.waitUntil(lambda: abs(player.position - 2.0) < 0.05, timeout=3000)
    assert player._player.mediaStatus() != QMediaPlayer.MediaStatus.InvalidMedia


def test_a_follow_up_answer_is_listed_as_one(qtbot: QtBot, ctx: AppContext) -> None:
    """The interviewer's follow-up, saved linked to the answer before it, says so in the list."""
    _add_to_session_3(
        ctx,
        follows=True,
        question_text="And what was the outcome?",
        question_key=None,
        follow_up_reason="no-result",
    )
    _, detail = _open(qtbot, ctx, 3)
    last = detail.answers.item(detail.answers.count() - 1).text()
    assert last == "Answer 4 · follow-up\nAnd what was the outcome?"
    session = sessions_repo.get_session(ctx.engine, 3)
    report = report_html(session)  # what the PDF is printed from
    assert f"follow-up to: {html.escape(session.answers[0].question_text)}" in report
