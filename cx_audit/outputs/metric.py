"""What `cx-audit metrics` prints: a short table, or JSON `cx-audit/metric@1`."""

from __future__ import annotations

import json as json_module
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cx_audit.files.metric import PARTS, metric_of, metric_to_file, stored
from cx_audit.metric_formulas import Summary
from cx_audit.safetext import json_text, terminal_text
from cx_audit.wording import METRIC_NAMES, metric_text, num

if TYPE_CHECKING:
    from cx_audit.options import Options

METRIC_FORMAT = "cx-audit/metric@1"


@dataclass(frozen=True)
class ColumnMetric:
    """What `metrics` prints: the metric of one survey column."""

    summary: Summary
    column: str  # the column's header
    blank: int = 0  # what reading left out (nothing in a plain export)
    skipped: int = 0
    left_out: int = 0


def table(cm: ColumnMetric, options: Options) -> str:
    return as_table(cm.summary, cm.column, read_notes(cm.blank, cm.skipped, cm.left_out))


def json(cm: ColumnMetric, options: Options) -> str:
    return as_json(cm.summary, cm.column, read_counts(cm.blank, cm.skipped, cm.left_out))


def read_counts(blank: int = 0, skipped: int = 0, left_out: int = 0) -> dict[str, int]:
    """What reading left out, as JSON keys: only those that are not 0 (a plain export has none)."""
    found = {"blank": blank, "skipped": skipped, "left_out": left_out}
    return {k: v for k, v in found.items() if v}


def read_notes(blank: int = 0, skipped: int = 0, left_out: int = 0) -> list[str]:
    """What reading left out, in words, for the table (nothing when nothing was)."""
    notes = []
    if blank:
        notes.append(f"blank answers skipped: {blank:,}")
    if skipped:
        notes.append(f"answers left out (--map ...=skip): {skipped:,}")
    if left_out:
        notes.append(f"responses left out by --where: {left_out:,}")
    return notes


def as_json(summary: Summary, column: str, extra: dict[str, int] | None = None) -> str:
    doc: dict[str, Any] = {
        "format": METRIC_FORMAT,
        "kind": summary.kind.value,
        "column": column,
        "n": summary.n,
        "value": stored(summary.value),
        "ci95": [stored(summary.low), stored(summary.high)],
        "small_sample": summary.small_sample,
    }
    counts = metric_to_file(metric_of(summary, None))
    for key in ("kind", "n", "ci95"):
        counts.pop(key)
    if "counts" in counts:
        counts["counts"] = {str(k): v for k, v in counts["counts"].items()}
    doc.update(counts)
    doc.update(extra or {})
    return json_text(json_module.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def headline(summary: Summary) -> str:
    """`NPS 30.0 (n = 100, 95% CI 14.1 to 44.2)`, as the reports show the stored answer."""
    return metric_text(metric_of(summary, None), stored(summary.value))


def as_table(summary: Summary, column: str, notes: list[str] | None = None) -> str:
    """The headline, then one line per part of the breakdown with its share of n."""
    lines = [f"{terminal_text(column)}: {headline(summary)}", ""]
    rows: list[tuple[str, int]]
    if summary.kind in PARTS:
        rows = [(name, summary.parts[name]) for name in PARTS[summary.kind]]
    else:
        rows = [(f"answer {a}", c) for a, c in summary.counts.items()]
    width = max(len(name) for name, _ in rows)
    digits = len(f"{summary.n:,}")
    for name, count in rows:
        lines.append(f"  {name:<{width}}  {count:>{digits},}  {num(100.0 * count / summary.n):>5}%")
    lines.append(f"  {'n':<{width}}  {summary.n:>{digits},}")
    if summary.agree is not None:
        lines += ["", f"  {METRIC_NAMES[summary.kind]} agree (answers 5-7): {num(summary.agree)}%"]
    if notes:
        lines += ["", *(f"  {note}" for note in notes)]
    return "\n".join(lines) + "\n"
