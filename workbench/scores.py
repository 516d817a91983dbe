"""What a calibrated score means to a reader: the colour bands and the default threshold.

One definition for the review page (CSS classes ``band-good`` ...), the XLSX fill
colours and the HTML report. The floors are those the XLSX export used (0.8 / 0.6 /
0.4); the web used 0.75 / 0.5 / 0.3 before they were made one.
"""

from __future__ import annotations

from typing import Literal

Band = Literal["good", "fair", "poor", "bad", "none"]

SCORE_BANDS: tuple[tuple[float, Band], ...] = ((0.8, "good"), (0.6, "fair"), (0.4, "poor"))
"""Lowest calibrated score of each band; anything lower is ``bad``."""

BAND_FILLS: dict[Band, str] = {"good": "C6EFCE", "fair": "FFEB9C", "poor": "FFD0A0",
                               "bad": "FFC7CE"}
"""RGB fill of each band in the XLSX and HTML exports (green, yellow, orange, red)."""

DEFAULT_SCORE_THRESHOLD = 0.5
"""Where the "below threshold" filter starts by default: under it, not a translation."""


def score_band(score: float | None) -> Band:
    """The band of a calibrated score (``none`` when the row is unscored)."""
    if score is None:
        return "none"
    for floor, name in SCORE_BANDS:
        if score >= floor:
            return name
    return "bad"


def band_fill(score: float | None) -> str | None:
    """The export fill colour of a score's band; None for an unscored row."""
    band = score_band(score)
    return None if band == "none" else BAND_FILLS[band]


__all__ = ["BAND_FILLS", "DEFAULT_SCORE_THRESHOLD", "SCORE_BANDS", "Band", "band_fill",
           "score_band"]
