"""What every renderer receives besides its subject, and the result types it may render."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:  # the CLI imports this for its options; keep it light
    from rich.console import Console

    from cx_audit.report.branding import Branding
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.compare import Comparison
    from cx_audit.scoring.program import ProgramResult

Result = Union["AuditResult", "ProgramResult", "Comparison"]


@dataclass(frozen=True)
class Options:
    color: bool = False
    width: int = 100
    top_actions: int = 5
    branding: Branding | None = None  # html, pdf and pptx only; resolved by the CLI, never read by a renderer


def comparison_label(r: AuditResult) -> str:
    """An audit in a comparison: its file and date (both audits often share a site)."""
    name = r.audit.path.name if r.audit.path else r.audit.label
    return f"{name} ({r.audit.date.isoformat()})" if r.audit.date else name


def text_console(options: Options) -> tuple[Console, io.StringIO]:
    """A rich console that prints into a string as every table output does: the width and
    colour from the options; no markup, emoji or highlighting guessed from user text."""
    from rich.console import Console

    buf = io.StringIO()
    return Console(
        file=buf,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
    ), buf
