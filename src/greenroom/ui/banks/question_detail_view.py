"""One question in full: text, timings, tips, key points, follow-ups and past practice."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from greenroom.core.bank import Question, key_point_wordings
from greenroom.store.question_stats import QuestionHistory


class QuestionDetailView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Selected question")
        self.setOpenLinks(False)
        self.show_question(None, None)

    def show_question(self, q: Question | None, history: QuestionHistory | None) -> None:
        if q is None:
            self.setHtml("<p><i>Select a question to see its tips and your history.</i></p>")
            return
        parts = [f"<h3>{escape(q.text)}</h3>"]
        meta = [
            q.category.value if q.category else "no category",
            q.difficulty.value,
            f"{q.prep_seconds} s to think",
            f"{q.answer_seconds} s to answer",
        ]
        if q.retired:
            meta.append("<b>retired</b>: no longer asked; its history is kept")
        parts.append(f"<p>{' · '.join(meta)}</p>")
        if q.tags:
            parts.append(f"<p>Tags: {escape(', '.join(q.tags))}</p>")
        if q.tips:
            parts.append(f"<h4>Tips</h4><p>{escape(q.tips)}</p>")
        for title, items in (("Key points", q.key_points), ("Follow-ups", q.follow_ups)):
            if items:
                rows = "".join(f"<li>{_item_html(item, title)}</li>" for item in items)
                parts.append(f"<h4>{title}</h4><ul>{rows}</ul>")
        parts.append("<h4>Your practice</h4>")
        parts.append(f"<p>{history_text(history)}</p>")
        self.setHtml("".join(parts))


def _item_html(item: str, title: str) -> str:
    """A follow-up as written; a key point by its name, its other wordings after it."""
    if title != "Key points":
        return escape(item)
    name, *others = key_point_wordings(item) or (item,)
    if not others:
        return escape(name)
    return f"{escape(name)} <small>(also counts: {escape(', '.join(others))})</small>"


def history_text(history: QuestionHistory | None) -> str:
    if history is None or history.times_practised == 0:
        return "Not practised yet."
    times = "once" if history.times_practised == 1 else f"{history.times_practised} times"
    lines = [f"Practised {times}"]
    if history.last_practised is not None:
        lines[0] += f", last on {history.last_practised.astimezone().strftime('%d %b %Y')}"
    if history.average_rating is not None:
        lines.append(f"average self-rating {history.average_rating:.1f} / 5")
    if history.average_delivery is not None:
        lines.append(f"average delivery {history.average_delivery:.0f} / 100")
    return escape("; ".join(lines)) + "."
