"""Scores as people see them: rounded half-up to one decimal, bands, deltas."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

from cx_audit.model import Band

EPS = 1e-9


_NOISE = Decimal("1e-9")


@functools.lru_cache(maxsize=1 << 16)
def shown(value: float, places: int = 1) -> float:
    """Round half-up as people expect (84.95 → 85.0).

    The float is first cut to 9 decimals, which removes binary noise (a score of exactly
    8.75 may be computed as 8.749999999999998) and is far finer than any difference
    that matters on a 0–100 scale; then it is rounded half-up.
    Cached: a program's reports round the same few hundred values over and over.
    """
    exact = Decimal(repr(value)).quantize(_NOISE)
    rounded = float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return rounded + 0.0  # -0.0 → 0.0


def shown_or_none(value: float | None, places: int = 1) -> float | None:
    return None if value is None else shown(value, places)


def shown_text(value: float | None) -> str:
    """A score as every output shows it: one decimal, half-up; a dash when there is none."""
    return "—" if value is None else f"{shown(value):.1f}"


def band_for(score: float | None, bands: tuple[Band, ...]) -> str | None:
    """The first band whose min ≤ the score as displayed (1 decimal)."""
    if score is None:
        return None
    judged = shown(score)
    for band in sorted(bands, key=lambda b: -b.min):
        if band.min <= judged:
            return band.label
    return None


def delta(current: float | None, baseline: float | None, places: int = 1) -> float | None:
    """current − baseline, computed from the values as displayed so that the columns add up."""
    if current is None or baseline is None:
        return None
    return shown(shown(current, places) - shown(baseline, places), places)
