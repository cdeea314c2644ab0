"""The four customer metrics and their 95% intervals, exactly as SPEC Part 2 defines them.

Every function takes counts (never the answers themselves), so a file of a million
responses is summarised from a few integers, and a stored answer is recomputed from the
counts it keeps. No I/O.

- ``nps``: 100·(P − D)/n, adjusted-Wald interval (n′ = n + 3, 0.75 added to P and D);
- ``csat``: 100·(answers 4–5)/n, Wilson interval;
- ``ces``: the mean of 1–7, mean ± z·sd/√n clipped to [1, 7], and ``agree`` = % of 5–7;
- ``share``: 100·yes/n, Wilson interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from cx_audit.model import MetricKind

Z = 1.96
SMALL_SAMPLE = 30  # n below this is a "small sample"

# The answers each kind accepts (whole numbers; share: 0 = no, 1 = yes).
SCALES: dict[MetricKind, tuple[int, int]] = {
    MetricKind.nps: (0, 10),
    MetricKind.csat: (1, 5),
    MetricKind.ces: (1, 7),
    MetricKind.share: (0, 1),
}
# The range of the value and of its interval.
RANGES: dict[MetricKind, tuple[float, float]] = {
    MetricKind.nps: (-100.0, 100.0),
    MetricKind.csat: (0.0, 100.0),
    MetricKind.ces: (1.0, 7.0),
    MetricKind.share: (0.0, 100.0),
}


@dataclass(frozen=True)
class Summary:
    """A metric computed from its counts: unrounded value and interval."""

    kind: MetricKind
    n: int
    value: float
    low: float
    high: float
    parts: dict[str, int] = field(default_factory=dict)  # nps: promoters/passives/detractors; share: yes/no
    counts: dict[int, int] = field(default_factory=dict)  # csat, ces: answer -> how many (every answer listed)
    agree: float | None = None  # ces: % answering 5–7

    @property
    def small_sample(self) -> bool:
        return self.n < SMALL_SAMPLE


def _clip(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


def wilson(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """Wilson score interval of k successes in n, as fractions in [0, 1]."""
    p = k / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    return _clip((centre - spread) / denominator, 0.0, 1.0), _clip((centre + spread) / denominator, 0.0, 1.0)


def nps(promoters: int, passives: int, detractors: int) -> Summary:
    n = promoters + passives + detractors
    n_adj = n + 3
    p = (promoters + 0.75) / n_adj
    d = (detractors + 0.75) / n_adj
    c = p - d
    se = math.sqrt(max(p + d - c * c, 0.0) / n_adj)
    return Summary(
        MetricKind.nps,
        n,
        100.0 * (promoters - detractors) / n,
        _clip(100.0 * (c - Z * se), -100.0, 100.0),
        _clip(100.0 * (c + Z * se), -100.0, 100.0),
        parts={"promoters": promoters, "passives": passives, "detractors": detractors},
    )


def csat(counts: Mapping[int, int]) -> Summary:
    full = {a: counts.get(a, 0) for a in range(1, 6)}
    n = sum(full.values())
    satisfied = full[4] + full[5]
    low, high = wilson(satisfied, n)
    return Summary(MetricKind.csat, n, 100.0 * satisfied / n, 100.0 * low, 100.0 * high, counts=full)


def ces(counts: Mapping[int, int]) -> Summary:
    full = {a: counts.get(a, 0) for a in range(1, 8)}
    n = sum(full.values())
    mean = sum(a * c for a, c in full.items()) / n
    sd = math.sqrt(sum(c * (a - mean) ** 2 for a, c in full.items()) / (n - 1)) if n > 1 else 0.0
    half = Z * sd / math.sqrt(n)
    agree = 100.0 * (full[5] + full[6] + full[7]) / n
    return Summary(MetricKind.ces, n, mean, _clip(mean - half, 1.0, 7.0), _clip(mean + half, 1.0, 7.0), counts=full, agree=agree)


def share(yes: int, no: int) -> Summary:
    n = yes + no
    low, high = wilson(yes, n)
    return Summary(MetricKind.share, n, 100.0 * yes / n, 100.0 * low, 100.0 * high, parts={"yes": yes, "no": no})


def summarise(kind: MetricKind, tally: Mapping[int, int]) -> Summary:
    """A metric from how many times each answer was given (answer -> count; n ≥ 1)."""
    if kind is MetricKind.nps:
        promoters = tally.get(9, 0) + tally.get(10, 0)
        detractors = sum(tally.get(a, 0) for a in range(7))
        return nps(promoters, tally.get(7, 0) + tally.get(8, 0), detractors)
    if kind is MetricKind.csat:
        return csat(tally)
    if kind is MetricKind.ces:
        return ces(tally)
    return share(tally.get(1, 0), tally.get(0, 0))
