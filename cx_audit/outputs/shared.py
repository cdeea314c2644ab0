"""What the text outputs share: the results they render, and the rich console that draws
every table into a string."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:  # the CLI imports this for its options; keep it light
    from rich.console import Console

    from cx_audit.options import Options
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.compare import Comparison
    from cx_audit.scoring.program import ProgramResult

Result = Union["AuditResult", "ProgramResult", "Comparison"]


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
