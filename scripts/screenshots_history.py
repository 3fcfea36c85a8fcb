"""Screenshots of History (the list and one session), and Progress, light and dark.

Run under Xvfb:
    xvfb-run -a -s "-screen 0 1280x860x24" .venv/bin/python scripts/screenshots_history.py
Seeds ~30 realistic sessions over two months (nerves trending down; the last 18 judged on topic
and with a voice track, the first 12 without, as before issue 16) and three real interviews
in between (nerves before 75, 60, 45: the diamonds on the nerves chart) in a temporary folder and
saves docs/screenshots/history-{light,dark}.png, history-detail-{light,dark}.png,
dashboard-{light,dark}.png, its lower half (the on-topic and pitch variation charts) as
dashboard-voice-{light,dark}.png, and the first days of Progress (two runs) as
dashboard-early-{light,dark}.png.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QApplication, QScrollArea
from shots_support import fresh_context, save, settle, window

from greenroom.core.interviews import InterviewFormat, InterviewLog, InterviewOutcome
from greenroom.services import interviews
from support.audio_data import clip
from support.history_data import seed_history


def seed_interviews(engine: object) -> None:
    """Three real interviews during the two months of practice, nerves falling."""
    start = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    for company, day, before, after, outcome in (
        ("Northwind", 12, 75, 55, InterviewOutcome.REJECTED),
        ("Fabrikam", 33, 60, 40, InterviewOutcome.NEXT_ROUND),
        ("Contoso", 54, 45, 30, InterviewOutcome.WAITING),
    ):
        interview, _ = interviews.add_interview(
            engine,  # type: ignore[arg-type]
            company=company,
            role="Data analyst",
            when=start + timedelta(days=day),
            format=InterviewFormat.VIDEO,
        )
        assert interview.id is not None
        log = InterviewLog(nerves_before=before, nerves_after=after, went=3, outcome=outcome)
        interviews.log_interview(engine, interview.id, log)  # type: ignore[arg-type]


def main() -> None:
    app = QApplication(sys.argv)
    for theme in ("light", "dark"):
        ctx, paths = fresh_context(theme)
        seed_history(
            ctx.engine,
            sessions=30,
            audio_from=clip("mfa_um"),
            audio_dir=paths.audio / "2026-09",
            data_dir=paths.data,
            answers_per_session=4,
            judged_from=12,  # the first 12 runs predate on-topic and voice: gaps on Progress
        )
        seed_interviews(ctx.engine)
        shown = window(app, ctx, theme)
        history = shown.history_page
        shown.show_page(history)
        save(shown, f"history-{theme}.png")
        model = history.model  # type: ignore[attr-defined]
        history.open_session(model.item(model.rowCount() - 1).id)  # type: ignore[attr-defined]
        settle()
        history.detail.answers.setCurrentRow(0)  # type: ignore[attr-defined]
        save(shown, f"history-detail-{theme}.png")
        shown.show_page(shown.dashboard_page)
        save(shown, f"dashboard-{theme}.png")
        lower = shown.dashboard_page.findChild(QScrollArea)
        assert lower is not None
        lower.verticalScrollBar().setValue(lower.verticalScrollBar().maximum())
        save(shown, f"dashboard-voice-{theme}.png")  # scrolled down: on topic and the voice
        shown.close()
        ctx.engine.dispose()

        ctx, paths = fresh_context(theme)
        seed_history(ctx.engine, sessions=2, answers_per_session=2)
        shown = window(app, ctx, theme)
        shown.show_page(shown.dashboard_page)
        save(shown, f"dashboard-early-{theme}.png")
        shown.close()
        ctx.engine.dispose()


if __name__ == "__main__":
    main()
