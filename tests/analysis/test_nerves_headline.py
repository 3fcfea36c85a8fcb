"""The nerves chart's headlines list practice runs and real interviews apart."""

from __future__ import annotations

from greenroom.analysis.nerves_headline import nerves_headline, nerves_headlines


def test_headlines_list_the_latest_ratings_oldest_first() -> None:
    assert nerves_headlines([70, None, 65.4, 60], [75, 60, 45]) == (
        "nerves before practice runs: 70, 65, 60",
        "nerves before real interviews: 75, 60, 45",
    )
    assert nerves_headline("x", list(range(10))) == "x: 5, 6, 7, 8, 9"


def test_a_series_without_ratings_has_no_headline() -> None:
    assert nerves_headlines([None, None], []) == ()
    assert nerves_headlines([], [80]) == ("nerves before real interviews: 80",)


def test_practice_alone_is_not_listed_apart() -> None:
    # Seen on Progress after a first run: "Your nerves before a run: 60 on your first run."
    # and, under it, "Nerves before practice runs: 60": nothing to tell apart yet.
    assert nerves_headlines([60], []) == ()
    assert nerves_headlines([60, 50], [None]) == ()
