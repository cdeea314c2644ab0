"""The one registry of ``--format``: what each command can print, and the renderer of each.

Every command with ``--format`` (score, compare, trend, actions list, metrics, exceptions
list, portfolio list and benchmark) renders
through :func:`render`. A command's choices are an enum (Typer needs one per option) listed
in :data:`CHOICES` with the kind of result it prints; :func:`renderer` picks the function
for a kind and a format with an exhaustive match (mypy checks that no kind is forgotten)
and imports its module only then: rich is slow to import. ``tests/test_formats.py``
renders every choice of every command.

To add a command with ``--format``: a :class:`Kind` (if it prints a new kind of result),
its choices enum, an entry in :data:`CHOICES`, and a branch in :func:`renderer`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from cx_audit.enums import ActionsFormat as ActionsFormat
from cx_audit.enums import BenchmarkFormat as BenchmarkFormat
from cx_audit.enums import CompareFormat as CompareFormat
from cx_audit.enums import ExceptionsFormat as ExceptionsFormat
from cx_audit.enums import Format as Format
from cx_audit.enums import ListFormat as ListFormat
from cx_audit.enums import MetricFormat as MetricFormat
from cx_audit.enums import ScoreFormat as ScoreFormat
from cx_audit.enums import TrendFormat as TrendFormat
from cx_audit.errors import assert_never

if TYPE_CHECKING:
    from cx_audit.options import Options


class Kind(Enum):
    """What is rendered."""

    result = "result"  # score, compare: an AuditResult, a ProgramResult or a Comparison
    trend = "trend"  # trend: a Trend
    actions = "actions"  # actions list: an ActionList
    metric = "metric"  # metrics: a ColumnMetric
    portfolio = "portfolio"  # portfolio list: a Listing
    benchmark = "benchmark"  # portfolio benchmark: a Benchmark
    exceptions = "exceptions"  # exceptions list: an ExceptionList


#: Each command's choices and the kind of result they render.
CHOICES: dict[type[Enum], Kind] = {
    ScoreFormat: Kind.result,
    CompareFormat: Kind.result,
    TrendFormat: Kind.trend,
    ActionsFormat: Kind.actions,
    MetricFormat: Kind.metric,
    ListFormat: Kind.portfolio,
    BenchmarkFormat: Kind.benchmark,
    ExceptionsFormat: Kind.exceptions,
}

Renderer = Callable[[Any, "Options"], str]


def renderer(kind: Kind, fmt: Format) -> Renderer:
    """The render function of ``kind`` in ``fmt``, its module imported only now.

    ValueError when that kind is not printed in that format.
    """
    if kind is Kind.result:
        return _result(fmt)
    if kind is Kind.trend:
        from cx_audit.outputs import trend

        found: dict[Format, Renderer] = {Format.table: trend.table, Format.json: trend.json, Format.markdown: trend.markdown}
    elif kind is Kind.actions:
        from cx_audit.outputs import actions

        found = {Format.table: actions.table, Format.json: actions.json}
    elif kind is Kind.metric:
        from cx_audit.outputs import metric

        found = {Format.table: metric.table, Format.json: metric.json}
    elif kind is Kind.portfolio:
        from cx_audit.outputs import portfolio

        found = {Format.table: portfolio.list_table, Format.json: portfolio.list_json, Format.csv: portfolio.list_csv}
    elif kind is Kind.benchmark:
        from cx_audit.outputs import portfolio

        found = {Format.table: portfolio.benchmark_table, Format.json: portfolio.benchmark_json}
    elif kind is Kind.exceptions:
        from cx_audit.outputs import exceptions

        found = {Format.table: exceptions.table, Format.json: exceptions.json}
    else:
        assert_never(kind)
    if fmt not in found:
        raise ValueError(f"{kind.value} is not printed as {fmt.value}")
    return found[fmt]


def _result(fmt: Format) -> Renderer:
    if fmt is Format.table:
        from cx_audit.outputs import table

        return table.render
    if fmt is Format.json:
        from cx_audit.outputs import jsonout

        return jsonout.render
    if fmt is Format.markdown:
        from cx_audit.outputs import markdown

        return markdown.render
    if fmt is Format.junit:
        from cx_audit.outputs import junit

        return junit.render
    if fmt is Format.csv:
        raise ValueError("a scored result is not printed as csv")
    assert_never(fmt)


def render(fmt: Enum, subject: Any, options: Options | None = None) -> str:
    """Render ``subject`` as a command's ``--format`` choice ``fmt`` says (a member of a CHOICES enum)."""
    from cx_audit.options import Options

    return renderer(CHOICES[type(fmt)], Format(fmt.value))(subject, options or Options())


def render_as(kind: Kind, fmt: Format, subject: Any, options: Options | None = None) -> str:
    """Render ``subject`` in a format no option chose (`score --json PATH` writes JSON beside the table)."""
    from cx_audit.options import Options

    return renderer(kind, fmt)(subject, options or Options())
