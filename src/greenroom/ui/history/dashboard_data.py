"""Chart series for the progress dashboard: per-run values against the run number, the rolling
baseline, and weekly or monthly means once there are too many runs to draw one by one.

The x axis is the run number (1 for the first run shown, 2 for the next...), so runs on the
same day stand side by side instead of on one line at their date; each point keeps its date for
the tooltip. A weekly or monthly mean sits at the middle of the runs it covers and keeps their
first and last run numbers.

Pure Python (no Qt), so the numbers the charts draw are tested directly.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple, cast

from greenroom.analysis import bands
from greenroom.analysis.session import BASELINE_SESSIONS
from greenroom.store.history_repo import ProgressPoint
from greenroom.store.nerves_progress import NervesPoint

MAX_POINTS = 120  # more runs than this are drawn as weekly (then monthly) means


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    title: str
    unit: str
    better: str  # "lower", "higher", "middle"
    green: tuple[float, float] | None


def _band_figure(key: str, title: str, *, scale: float = 1.0) -> Figure:
    """A figure with its band's green range; ``scale`` 100 for a share shown as a percent."""
    band = bands.BANDS[key]
    green = None if band.green is None else (band.green[0] * scale, band.green[1] * scale)
    return Figure(key, title, band.unit, band.better, green)


FIGURES = (
    Figure("nerves_before", "Nerves before", "", "lower", None),
    Figure("nerves_after", "Nerves after", "", "lower", None),
    Figure("confidence", "Confidence after", "", "higher", None),
    Figure("delivery_index", "Delivery index", "", "higher", None),
    _band_figure("fillers_per_minute", "Fillers per minute"),
    _band_figure("speaking_rate", "Speaking rate (wpm)"),
    _band_figure("very_long_pauses", "Very long pauses per answer"),
    _band_figure("first_word_latency", "First-word latency (s)"),
    _band_figure("on_topic", "On topic (% of the answer)", scale=100.0),
    _band_figure("pitch_variation", "Pitch variation (semitones)"),
)
FIGURES_BY_KEY = {f.key: f for f in FIGURES}


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """One figure ready to draw: values and the rolling baseline at the same runs.

    ``runs`` are the x positions: run numbers, or for a weekly or monthly mean the middle of
    the runs it covers (``spans`` holds their first and last run number). ``times`` are the
    runs' dates (for a mean, the start of its week or month), shown in the tooltips.
    """

    key: str
    runs: tuple[float, ...]
    times: tuple[datetime, ...]
    values: tuple[float, ...]
    baseline: tuple[float | None, ...]
    grouping: str  # "session", "week" or "month"
    spans: tuple[tuple[int, int], ...]  # first and last run number of each point

    def gaps(self) -> list[int]:
        """Indices of points with runs lacking the figure just before them (not joined)."""
        return [i for i in range(1, len(self.spans)) if self.spans[i][0] > self.spans[i - 1][1] + 1]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def rolling_baseline(values: Sequence[float]) -> list[float | None]:
    """Mean of the previous five values at each point (None for the first)."""
    out: list[float | None] = [None] if values else []
    total = 0.0
    window = BASELINE_SESSIONS
    for i in range(1, len(values)):  # same sums in the same order as a plain running mean
        total += values[i - 1]
        if i > window:
            total -= values[i - 1 - window]
        out.append(total / (i if i < window else window))
    return out


_EPOCH_MONDAY = datetime(1970, 1, 5, tzinfo=UTC).timestamp()
_WEEK = 7 * 86400.0


def _grouping(points: Sequence[ProgressPoint]) -> str:
    if len(points) <= MAX_POINTS:
        return "session"
    span = points[-1].started_at.timestamp() - points[0].started_at.timestamp()
    return "week" if span / _WEEK < MAX_POINTS else "month"


def _bucket_keys(points: Sequence[ProgressPoint], grouping: str) -> list[int]:
    """Week number since 1970 (weeks start on Monday, UTC) or year x 12 + month."""
    if grouping == "week":
        return [int((p.started_at.timestamp() - _EPOCH_MONDAY) // _WEEK) for p in points]
    return [p.started_at.year * 12 + p.started_at.month - 1 for p in points]


def _bucket_time(key: int, grouping: str) -> datetime:
    if grouping == "week":
        return datetime.fromtimestamp(_EPOCH_MONDAY + key * _WEEK, UTC)
    return datetime(key // 12, key % 12 + 1, 1, tzinfo=UTC)


def series_many(points: Sequence[ProgressPoint], keys: Sequence[str]) -> dict[str, ChartSeries]:
    """Series for several figures; the grouping into weeks or months is worked out once."""
    grouping = _grouping(points)
    buckets = _bucket_keys(points, grouping) if grouping != "session" else []
    runs = _runs(buckets)
    # Points are named tuples: transposing them once gives each figure as one column.
    columns = (
        dict(zip(ProgressPoint._fields, zip(*points, strict=True), strict=True)) if points else {}
    )
    times_all = columns.get("started_at", ())
    out: dict[str, ChartSeries] = {}
    for key in keys:
        column = columns.get(key, ())
        picked = [i for i, v in enumerate(column) if v is not None]
        complete = len(picked) == len(column)
        values = list(map(float, column)) if complete else [float(column[i]) for i in picked]
        baseline = rolling_baseline(values)
        if grouping == "session":
            numbers = range(1, len(column) + 1) if complete else [i + 1 for i in picked]
            times = tuple(times_all) if complete else tuple(times_all[i] for i in picked)
            out[key] = ChartSeries(
                key,
                tuple(map(float, numbers)),
                times,
                tuple(values),
                tuple(baseline),
                grouping,
                tuple((n, n) for n in numbers),
            )
            continue
        if complete and runs is not None:
            means = _run_means(runs, values, baseline)
        else:
            means = _bucket_means([buckets[i] for i in picked], picked, values, baseline)
        out[key] = ChartSeries(
            key,
            tuple((m.first + m.last) / 2 for m in means),
            tuple(_bucket_time(m.bucket, grouping) for m in means),
            tuple(m.value for m in means),
            tuple(m.baseline for m in means),
            grouping,
            tuple((m.first, m.last) for m in means),
        )
    return out


class _Mean(NamedTuple):
    bucket: int
    value: float
    baseline: float | None
    first: int  # run numbers (1-based) of the first and last run in the bucket
    last: int


def _runs(buckets: Sequence[int]) -> list[tuple[int, int, int]] | None:
    """(bucket, start, end) of each run of equal keys when the keys never go back in time
    (points come oldest first), else None."""
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(buckets) + 1):
        if i == len(buckets) or buckets[i] != buckets[start]:
            if i < len(buckets) and buckets[i] < buckets[start]:
                return None
            runs.append((buckets[start], start, i))
            start = i
    return runs


def _run_means(
    runs: Sequence[tuple[int, int, int]], values: list[float], baseline: list[float | None]
) -> list[_Mean]:
    """Bucket means over contiguous runs (every point has the figure)."""
    out: list[_Mean] = []
    for bucket, start, end in runs:
        base = cast(list[float], baseline[start + (start == 0) : end])  # only [0] is None
        base_mean = sum(base) / len(base) if base else None
        value = sum(values[start:end]) / (end - start)
        out.append(_Mean(bucket, value, base_mean, start + 1, end))
    return out


def _bucket_means(
    keys: Sequence[int], indices: Sequence[int], values: list[float], baseline: list[float | None]
) -> list[_Mean]:
    """Bucket means for any order of keys (some points lack the figure); ``indices`` are the
    points' places among all runs."""
    sums: dict[int, list[float]] = {}
    for bucket, index, value, base in zip(keys, indices, values, baseline, strict=True):
        acc = sums.get(bucket)
        if acc is None:
            acc = sums[bucket] = [0.0, 0, 0.0, 0, index, index]
        acc[0] += value
        acc[1] += 1
        if base is not None:
            acc[2] += base
            acc[3] += 1
        acc[4], acc[5] = min(acc[4], index), max(acc[5], index)
    return [
        _Mean(
            k,
            sums[k][0] / sums[k][1],
            sums[k][2] / sums[k][3] if sums[k][3] else None,
            int(sums[k][4]) + 1,
            int(sums[k][5]) + 1,
        )
        for k in sorted(sums)
    ]


def series_for(points: Sequence[ProgressPoint], key: str) -> ChartSeries:
    """The figure's values per session, or weekly/monthly means when there are many sessions."""
    return series_many(points, [key])[key]


class InterviewMark(NamedTuple):
    """A real interview on the nerves chart: between the runs before and after it in time."""

    x: float  # (practice runs shown before it) + 0.5
    nerves_before: float
    tip: str


def interview_marks(
    runs: Sequence[ProgressPoint], interviews: Sequence[NervesPoint]
) -> list[InterviewMark]:
    """Real interviews rated before, placed on the run-number axis by their time.

    An interview sits half-way between the last practice run before it and the first after it,
    so "I practised three times, then the interview" reads left to right.
    """
    times = sorted(_aware(p.started_at) for p in runs)
    marks = []
    for point in interviews:
        if point.nerves_before is None:
            continue
        x = bisect.bisect_right(times, _aware(point.at)) + 0.5
        after = "" if point.nerves_after is None else f", {point.nerves_after:.0f} after"
        local = point.at.astimezone()
        tip = (
            f"Real interview: {point.label}, {local:%a %d %b %Y}\n"
            f"nerves {point.nerves_before:.0f} before{after}"
        )
        marks.append(InterviewMark(x, point.nerves_before, tip))
    return marks


def _aware(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
