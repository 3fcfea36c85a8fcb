"""Progress in words: the headline at the top of the dashboard, what to expect on the first
runs, and what each point of a chart says when the pointer rests on it.

Plain functions of the data (no widgets), so every sentence is tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from greenroom.analysis import relevance
from greenroom.store.history_repo import ProgressPoint
from greenroom.ui.history.dashboard_data import ChartSeries, Figure
from greenroom.ui.practice.summary_view import EARLY_RUNS, EXPECT

RECENT_RUNS = 3  # "over your last 3 runs": the mean the headline compares with the first run

# The figures the headline speaks of, first the one it leads with when it was measured.
_SAID = (
    ("nerves_before", "Your nerves before a run", 0),
    ("nerves_after", "Your nerves after a run", 0),
    ("confidence", "Your confidence after a run", 0),
    ("delivery_index", "Your delivery index", 0),
    ("fillers_per_minute", "Fillers per minute", 1),
)


def runs_text(n: int) -> str:
    return f"{n} run{'s' if n != 1 else ''}"


def _number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def change_words(label: str, values: Sequence[float], digits: int = 0) -> str:
    """ "<label>: 70 at first, 45 over your last 3 runs." (the first run against the mean of
    the latest runs after it)."""
    first = _number(values[0], digits)
    if len(values) == 1:
        return f"{label}: {first} on your first run."
    recent = values[1:][-RECENT_RUNS:]
    now = _number(sum(recent) / len(recent), digits)
    where = "on your last run" if len(recent) == 1 else f"over your last {runs_text(len(recent))}"
    return f"{label}: {first} at first, {now} {where}."


def headline(points: Sequence[ProgressPoint]) -> list[str]:
    """The dashboard's words: the headline first (nerves before a run when they were rated),
    then the other figures, one sentence each. Before a second run it says what will appear."""
    if not points:
        return [
            "No runs yet. After your first test run, how you felt and how you sounded "
            "show here, run by run."
        ]
    lines: list[str] = []
    for key, label, digits in _SAID:
        values = [v for p in points if (v := getattr(p, key)) is not None]
        if values:
            lines.append(change_words(label, values, digits))
    if len(points) == 1:
        lines = lines[:1] or ["You have done your first run."]
        lines.append(
            "After your next run, this page shows how your nerves and your delivery change "
            "from run to run."
        )
    return lines


def expect_note(points: Sequence[ProgressPoint]) -> str | None:
    """What to expect on the first runs (the same words as the Practice summary)."""
    return EXPECT if len(points) <= EARLY_RUNS else None


def date_text(when: datetime) -> str:
    local = when.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y}"


def value_text(figure: Figure, value: float) -> str:
    if figure.key == "fillers_per_minute":
        return f"{value:.1f} a minute"
    if figure.key == "speaking_rate":
        return f"{value:.0f} words a minute"
    if figure.key == "very_long_pauses":
        return f"{value:.1f} per answer"
    if figure.key == "first_word_latency":
        return f"{value:.1f} s"
    if figure.key == "on_topic":
        return f"{value:.0f}% of the answer"
    if figure.key == "pitch_variation":
        return f"{value:.1f} semitones"
    return f"{value:.0f} of 100"


def digits(figure: Figure) -> int:
    """Decimals a figure is said with: whole numbers for scores and percents."""
    return 0 if figure.unit in ("", "%") else 1


def point_tip(figure: Figure, series: ChartSeries, index: int) -> str:
    """What a point says on hover: which run(s), when, and the value."""
    first, last = series.spans[index]
    value = value_text(figure, series.values[index])
    if series.grouping == "session":
        return f"Run {first} · {date_text(series.times[index])}\n{figure.title}: {value}"
    start = series.times[index]  # the week's Monday or the month's first day, as a date
    day = f"{start:%a} {start.day} {start:%b %Y}"
    when = f"week of {day}" if series.grouping == "week" else f"{start:%B %Y}"
    runs = f"Run {first}" if first == last else f"Runs {first}\u2013{last}"
    return f"{runs} · {when}\n{figure.title}: {value} on average"


def point_tips(figure: Figure, series: ChartSeries) -> list[str]:
    return [point_tip(figure, series, i) for i in range(len(series.values))]


_NOT_YET = {
    "on_topic": (
        f"Not judged yet: an answer needs {relevance.MIN_WORDS} words or more before Greenroom "
        "can tell whether it stayed on the question, and no answer in these runs had that many."
    ),
    "pitch_variation": (
        "Not measured yet: the voice is measured from an answer's recording, and no answer in "
        "these runs had one clear enough (a typed answer has none)."
    ),
}
_RATINGS = ("nerves_before", "nerves_after", "confidence")


def empty_chart_note(key: str, runs: int) -> str:
    """What an empty chart says: after no run at all, when it fills in; after some runs that all
    lack its figure, why ("after your first run" read as a fault on a user's third run)."""
    if not runs:
        return "Nothing to show yet: this fills in after your first run."
    if key in _RATINGS:
        return f"Not rated yet: none of {'this run' if runs == 1 else 'these runs'} was rated."
    return _NOT_YET.get(key, "None of these runs has this figure yet.")
