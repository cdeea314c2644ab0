"""The band an audit gets: the one its score earns, capped by critical failures.

With one or more critical failures the band is the lower of the band the score earns
and the checklist's ``critical_cap`` band (default: the lowest band). The score is
unchanged, and sections are never capped.
"""

from __future__ import annotations

from cx_audit.model import Band, Checklist
from cx_audit.scoring.rounding import band_for


def cap_band(checklist: Checklist) -> Band:
    """The band a critical failure caps at: ``critical_cap``, else the lowest band."""
    ordered = sorted(checklist.bands, key=lambda b: -b.min)
    if checklist.critical_cap is not None:
        for band in ordered:
            if band.label == checklist.critical_cap:
                return band
    return ordered[-1]


def capped_band(score: float | None, checklist: Checklist, critical_failures: int) -> str | None:
    """The band of an audit: earned by its score, lowered to the cap by a critical failure."""
    earned = band_for(score, checklist.bands)
    if earned is None or critical_failures == 0:
        return earned
    cap = cap_band(checklist)
    earned_min = next(b.min for b in checklist.bands if b.label == earned)
    return cap.label if cap.min < earned_min else earned
