"""Screenshots of the Interviews screen, light and dark.

Run under Xvfb:
    xvfb-run -a -s "-screen 0 1280x860x24" .venv/bin/python scripts/screenshots_interviews.py
Seeds two past interviews (logged) and one in four days in a temporary folder, shows the
coming one (its practice plan and checklist) and saves docs/screenshots/interviews-{light,dark}.png,
then the logged one scrolled to "After the interview" as interviews-after-{light,dark}.png, and
the form to add one with an impossible date as interviews-add-{light,dark}.png.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication, QScrollArea
from shots_support import fresh_context, save, settle, window

from greenroom.core.interviews import InterviewFormat, InterviewLog, InterviewOutcome
from greenroom.services import interviews


def _seed(engine: object) -> None:
    now = datetime.now().astimezone().replace(minute=0, second=0, microsecond=0)
    past = (
        ("Northwind", "Product analyst", 40, InterviewFormat.PHONE, 78, 55, 3),
        ("Fabrikam", "Data analyst", 12, InterviewFormat.VIDEO, 62, 40, 4),
    )
    for company, role, days_ago, fmt, before, after, went in past:
        interview, _ = interviews.add_interview(
            engine,  # type: ignore[arg-type]
            company=company,
            role=role,
            when=(now - timedelta(days=days_ago)).replace(hour=10),
            format=fmt,
            want=6,
        )
        assert interview.id is not None
        interviews.log_interview(
            engine,  # type: ignore[arg-type]
            interview.id,
            InterviewLog(
                nerves_before=before,
                nerves_after=after,
                went=went,
                asked=("Why do you want to work here?", "Tell me about a time you disagreed."),
                people_met=("Sam Lee, hiring manager",),
                follow_up_note="Send the dashboard example to Sam.",
                want_after=7,
                outcome=InterviewOutcome.NEXT_ROUND
                if company == "Fabrikam"
                else InterviewOutcome.REJECTED,
            ),
        )
    coming, _ = interviews.add_interview(
        engine,  # type: ignore[arg-type]
        company="Contoso",
        role="Senior data analyst",
        when=(now + timedelta(days=4)).replace(hour=14, minute=30),
        format=InterviewFormat.ON_SITE,
        want=None,
    )
    assert coming.id is not None
    interviews.set_checklist_done(engine, coming.id, 0, done=True)  # type: ignore[arg-type]


def main() -> None:
    app = QApplication(sys.argv)
    for theme in ("light", "dark"):
        ctx, _paths = fresh_context(theme)
        _seed(ctx.engine)
        shown = window(app, ctx, theme)
        page = shown.interviews_page
        shown.show_page(page)
        settle()
        page.table.selectRow(0)  # type: ignore[attr-defined]
        save(shown, f"interviews-{theme}.png")
        page.table.selectRow(1)  # type: ignore[attr-defined]
        settle()
        scroll = page.findChild(QScrollArea)
        assert scroll is not None
        after = page.detail.after  # type: ignore[attr-defined]
        scroll.ensureWidgetVisible(after.save, 0, 0)
        save(shown, f"interviews-after-{theme}.png")
        page.new.click()  # type: ignore[attr-defined]
        form = page.add_form  # type: ignore[attr-defined]
        form.company.setText("Tailspin Toys")
        form.role.setText("Analytics engineer")
        form.when.setText("2026-02-30 09:30")
        form.want.setText("not sure")
        form.save.click()
        save(shown, f"interviews-add-{theme}.png")
        shown.close()
        ctx.engine.dispose()


if __name__ == "__main__":
    main()
