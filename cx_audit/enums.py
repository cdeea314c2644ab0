"""The enums the command line declares its options with, in a module that imports nothing.

`cx-audit --help` and every command build their options from these; keeping them here,
apart from the model and the renderers, lets the CLI declare `--format` and `--kind`
without importing either (see docs/performance.md). The model and
:mod:`cx_audit.outputs.formats` import them from here.
"""

from __future__ import annotations

from enum import Enum


class TextEnum(str, Enum):
    """An enum of words as they appear in files and JSON; prints as its value."""

    def __str__(self) -> str:
        return str(self.value)


class MetricKind(TextEnum):
    """A customer metric a number item may hold (SPEC Part 2, "Customer metrics")."""

    nps = "nps"
    csat = "csat"
    ces = "ces"
    share = "share"


class Format(str, Enum):
    """Every text format cx-audit writes."""

    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    csv = "csv"


class ScoreFormat(str, Enum):
    """What `score` can print on stdout."""

    table = "table"
    json = "json"
    markdown = "markdown"
    junit = "junit"


class CompareFormat(str, Enum):
    """What `compare` can print: JUnit describes one audit's items, not a change."""

    table = "table"
    json = "json"
    markdown = "markdown"


class TrendFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ActionsFormat(str, Enum):
    table = "table"
    json = "json"


class MetricFormat(TextEnum):
    table = "table"
    json = "json"


class ListFormat(str, Enum):
    """What `portfolio list` can print: CSV for a spreadsheet."""

    table = "table"
    json = "json"
    csv = "csv"


class BenchmarkFormat(str, Enum):
    table = "table"
    json = "json"


class ExceptionsFormat(str, Enum):
    table = "table"
    json = "json"
