"""A metric answer as an audit stores it: building it, writing it, and checking it on load.

```yaml
CM1:
  value: 30.0
  metric: {kind: nps, n: 100, promoters: 50, passives: 30, detractors: 20, ci95: [14.05, 44.2],
           source: {path: survey-q4.csv, sha256: <hex>, column: Likely to recommend}}
```

The value and the interval are stored to 2 decimals (half-up); the value must equal the
value recomputed from the stored counts to 0.01 (:func:`parse_metric` reports it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from cx_audit.files.checks import describe, is_number
from cx_audit.files.yamlio import FlowList
from cx_audit.metric_formulas import RANGES, SCALES, Summary, ces, csat, nps, share
from cx_audit.model import Metric, MetricKind, MetricSource
from cx_audit.rounding import shown

TOLERANCE = 0.01 + 1e-9
PARTS = {MetricKind.nps: ("promoters", "passives", "detractors"), MetricKind.share: ("yes", "no")}
_SOURCE_KEYS = ("path", "sha256", "column")


def stored(x: float) -> float:
    """A value or interval end as the file keeps it: 2 decimals, half-up."""
    return shown(x, 2)


def metric_of(summary: Summary, source: MetricSource | None) -> Metric:
    return Metric(
        kind=summary.kind,
        n=summary.n,
        ci95=(stored(summary.low), stored(summary.high)),
        parts=dict(summary.parts),
        counts=dict(summary.counts),
        agree=None if summary.agree is None else stored(summary.agree),
        source=source,
    )


def metric_to_file(m: Metric) -> dict[str, Any]:
    """The `metric:` mapping in the SPEC's key order."""
    doc: dict[str, Any] = {"kind": m.kind.value, "n": m.n}
    if m.kind in PARTS:
        doc.update({k: m.parts.get(k, 0) for k in PARTS[m.kind]})
    else:
        doc["counts"] = {a: m.counts.get(a, 0) for a in range(SCALES[m.kind][0], SCALES[m.kind][1] + 1)}
        if m.kind is MetricKind.ces:
            doc["agree"] = m.agree
    doc["ci95"] = FlowList(m.ci95)
    if m.source is not None:
        doc["source"] = {"path": m.source.path, "sha256": m.source.sha256, "column": m.source.column}
    return doc


def recompute(m: Metric) -> Summary:
    """The summary the stored counts give (n ≥ 1 and consistent counts assumed)."""
    if m.kind is MetricKind.nps:
        return nps(m.parts["promoters"], m.parts["passives"], m.parts["detractors"])
    if m.kind is MetricKind.share:
        return share(m.parts["yes"], m.parts["no"])
    return csat(m.counts) if m.kind is MetricKind.csat else ces(m.counts)


def matches(m: Metric, value: Any) -> bool:
    """Whether ``value`` is the value the metric's counts give (to 0.01)."""
    return is_number(value) and abs(float(value) - recompute(m).value) <= TOLERANCE


Report = Callable[[tuple[Any, ...], str], None]  # (path inside the metric mapping, message)


def parse_metric(raw: Any, expected: MetricKind | None, value: Any, item_id: str, report: Report) -> Metric | None:
    """The `metric:` of an answer, checked; every problem goes to ``report`` (path relative to the answer)."""
    if not isinstance(raw, dict):
        report(("metric",), f"{item_id}: metric must be a mapping (kind, n, counts, ci95, source), not {describe(raw)}")
        return None
    before = _Counter(report)
    kind_raw = raw.get("kind")
    try:
        kind = MetricKind(kind_raw)
    except ValueError:
        names = ", ".join(k.value for k in MetricKind)
        report(
            _at(raw, "kind"),
            f"{item_id}: metric kind must be one of {names}, not {describe(kind_raw)}",
        )
        return None
    if expected is None:
        report(("metric",), f"{item_id}: the checklist item has no 'metric', so its answer cannot hold one")
        return None
    if kind is not expected:
        report(("metric", "kind"), f"{item_id}: the item holds {expected.value}, not {kind.value}")
        return None
    check = before.wrap
    own = PARTS.get(kind) or (("counts", "agree") if kind is MetricKind.ces else ("counts",))
    allowed = ["kind", "n", *own, "ci95", "source"]
    for key in raw:
        if key not in allowed:
            check(("metric", key), f"{item_id}: unknown key '{key}' in a {kind.value} metric (expected: {', '.join(allowed)})")
    n = raw.get("n")
    if not (isinstance(n, int) and not isinstance(n, bool) and n >= 1):
        check(
            _at(raw, "n"),
            f"{item_id}: metric n must be a whole number ≥ 1, not {describe(n)}",
        )
        n = None
    parts: dict[str, int] = {}
    counts: dict[int, int] = {}
    if kind in PARTS:
        for key in PARTS[kind]:
            parts[key] = _count(raw, key, check, item_id)
        total = sum(parts.values())
    else:
        counts = _counts(raw, kind, check, item_id)
        total = sum(counts.values())
    if n is not None and total != n:
        check(("metric", "n"), f"{item_id}: the counts add up to {total}, not n = {n}")
    ci = _interval(raw, kind, check, item_id)
    source = _source(raw, check, item_id)
    agree = raw.get("agree")
    if kind is MetricKind.ces and agree is not None and not is_number(agree):
        check(("metric", "agree"), f"{item_id}: agree must be a number, not {describe(agree)}")
        agree = None
    if before.count or n is None or ci is None:
        return None
    metric = Metric(kind, n, ci, parts, counts, float(agree) if agree is not None else None, source)
    again = recompute(metric)
    if is_number(value) and abs(float(value) - again.value) > TOLERANCE:
        report(("value",), f"{item_id}: value {value:g} does not match its counts, which give {stored(again.value):g}")
        return None
    if metric.agree is not None and again.agree is not None and abs(metric.agree - again.agree) > TOLERANCE:
        report(
            ("metric", "agree"),
            f"{item_id}: agree {metric.agree:g} does not match the counts, which give {stored(again.agree):g}",
        )
        return None
    return metric


class _Counter:
    """Passes problems on to ``report`` and counts them."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.count = 0

    def wrap(self, path: tuple[Any, ...], message: str) -> None:
        self.count += 1
        self.report(path, message)


def _at(raw: dict[Any, Any], key: str) -> tuple[Any, ...]:
    """Where to report a problem with ``key``: at it when present, else at the mapping."""
    return ("metric", key) if key in raw else ("metric",)


def _count(raw: dict[Any, Any], key: str, check: Report, item_id: str) -> int:
    v = raw.get(key)
    if isinstance(v, int) and not isinstance(v, bool) and v >= 0:
        return v
    check(
        _at(raw, key),
        f"{item_id}: metric {key} must be a whole number ≥ 0, not {describe(v)}",
    )
    return 0


def _counts(raw: dict[Any, Any], kind: MetricKind, check: Report, item_id: str) -> dict[int, int]:
    lo, hi = SCALES[kind]
    m = raw.get("counts")
    if not isinstance(m, dict):
        check(
            _at(raw, "counts"),
            f"{item_id}: counts must map each answer {lo}-{hi} to a count, not {describe(m)}",
        )
        return {}
    out: dict[int, int] = {}
    for key, v in m.items():
        if not (isinstance(key, int) and not isinstance(key, bool) and lo <= key <= hi):
            check(("metric", "counts", key), f"{item_id}: counts are for the answers {lo} to {hi}, not {describe(key)}")
        elif not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
            check(
                ("metric", "counts", key),
                f"{item_id}: count of {key} must be a whole number ≥ 0, not {describe(v)}",
            )
        else:
            out[key] = v
    return out


def _interval(raw: dict[Any, Any], kind: MetricKind, check: Report, item_id: str) -> tuple[float, float] | None:
    ci = raw.get("ci95")
    lo, hi = RANGES[kind]
    if isinstance(ci, list) and len(ci) == 2 and all(is_number(x) for x in ci):
        low, high = float(ci[0]), float(ci[1])
        if lo <= low <= high <= hi and not any(math.isnan(x) for x in (low, high)):
            return low, high
    check(
        _at(raw, "ci95"),
        f"{item_id}: ci95 must be [low, high] within {lo:g} to {hi:g}, not {describe(ci)}",
    )
    return None


def _source(raw: dict[Any, Any], check: Report, item_id: str) -> MetricSource | None:
    if "source" not in raw or raw["source"] is None:
        return None
    m = raw["source"]
    if not isinstance(m, dict) or not all(isinstance(m.get(k), str) for k in _SOURCE_KEYS):
        check(("metric", "source"), f"{item_id}: source must be {{path, sha256, column}} (text), not {describe(m)}")
        return None
    return MetricSource(m["path"], m["sha256"], m["column"])
