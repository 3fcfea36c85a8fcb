"""A printable session report: Qt's PDF writer drawing a rich-text document."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from greenroom.analysis import bands
from greenroom.analysis.feedback import feedback_for
from greenroom.core.session import PracticeSession
from greenroom.ui.history.answer_view import metrics_of
from greenroom.ui.history.metrics_view import SHOWN, band_text, format_value


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def report_html(session: PracticeSession) -> str:
    when = session.started_at.astimezone().strftime("%A %d %B %Y, %H:%M")
    e = html.escape
    out = [
        f"<h1>Greenroom session report</h1><p>{e(when)} · {e(session.mode.value)} · "
        f"{e(', '.join(session.bank_ids))} · {e(session.status.value)}</p>",
        "<table border='1' cellspacing='0' cellpadding='4'><tr><th>Nerves before</th>"
        "<th>Nerves after</th><th>Confidence</th><th>Delivery index</th></tr>"
        f"<tr><td>{_num(session.nerves_before)}</td><td>{_num(session.nerves_after)}</td>"
        f"<td>{_num(session.confidence_after)}</td>"
        f"<td>{_num(session.summary.get('index'))}</td></tr></table>",
    ]
    if session.notes:
        out.append(f"<h3>Notes</h3><p>{e(session.notes)}</p>")
    for n, a in enumerate(session.answers, start=1):
        m = metrics_of(a)
        out.append(f"<h2>{n}. {e(a.question_text)}</h2>")
        parent = session.follow_up_to(a)
        if parent is not None:
            out.append(f"<p><i>The interviewer's follow-up to: {e(parent)}</i></p>")
        rating = f" · your rating {a.self_rating}/5" if a.self_rating else ""
        out.append(
            f"<p><i>{a.kind.value}, take {a.take}, {a.duration_seconds:.0f} s, delivery index "
            f"{_num(a.delivery_index)}{rating}</i></p><p>{e(a.transcript) or '(no words)'}</p>"
        )
        if m is None:
            continue
        values = m.values()
        rows = "".join(
            f"<tr><td>{e(band.label)}</td><td>{e(format_value(k, values[k]))}</td>"
            f"<td>{e(band_text(k, band))}</td><td>{bands.rate(k, values[k], band=band)}</td></tr>"
            for k in SHOWN
            if values.get(k) is not None
            for band in [m.band(k)]
        )
        out.append(f"<table border='1' cellspacing='0' cellpadding='3'>{rows}</table>")
        notes = "".join(f"<li>{e(o.message)} <i>{e(o.try_next)}</i></li>" for o in feedback_for(m))
        if notes:
            out.append(f"<ul>{notes}</ul>")
    return "".join(out)


def write_session_pdf(session: PracticeSession, path: Path) -> None:
    """Write the report as an A4 PDF at ``path``."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle("Greenroom session report")
    writer.setCreator("Greenroom")
    doc = QTextDocument()
    doc.setHtml(report_html(session))
    doc.print_(writer)
