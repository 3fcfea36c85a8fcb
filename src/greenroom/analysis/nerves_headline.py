"""One-line headlines for the nerves chart: "nerves before real interviews: 75, 60, 45".

Practice runs and real interviews are listed apart, as the chart marks them apart: the same
0-100 scale, but a real interview is the run that matters, and seeing its own series fall is
the point of taking every interview as a test run.
"""

from __future__ import annotations

from collections.abc import Sequence

SHOWN = 5  # the most recent ratings a headline lists


def nerves_headline(label: str, values: Sequence[float | None], *, last: int = SHOWN) -> str | None:
    """``label`` and the last ``last`` ratings given (oldest first); None when none was given.

    Args:
        label: What the ratings are, e.g. "nerves before real interviews".
        values: Ratings oldest first; None (not rated) is skipped.
        last: How many of the most recent ratings to list.
    """
    given = [v for v in values if v is not None][-last:]
    if not given:
        return None
    return f"{label}: {', '.join(f'{v:.0f}' for v in given)}"


def nerves_headlines(
    practice: Sequence[float | None], interviews: Sequence[float | None], *, last: int = SHOWN
) -> tuple[str, ...]:
    """The chart's headlines: nerves before practice runs, then before real interviews.

    Without a rated real interview there is nothing to tell apart, and the practice line only
    repeated the page's first headline ("Your nerves before a run: 60 on your first run." over
    "Nerves before practice runs: 60"): then there are none.
    """
    real = nerves_headline("nerves before real interviews", interviews, last=last)
    if real is None:
        return ()
    runs = nerves_headline("nerves before practice runs", practice, last=last)
    return tuple(line for line in (runs, real) if line)
