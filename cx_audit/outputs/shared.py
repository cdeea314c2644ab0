"""What the text outputs share: the results they render, and the rich console that draws
every table into a string."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:  # the CLI imports this for its options; keep it light
    from rich.console import Console

    from cx_audit.options import Options
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.compare import Comparison
    from cx_audit.scoring.program import ProgramResult

Result = Union["AuditResult", "ProgramResult", "Comparison"]


def text_console(options: Options) -> tuple[Console, io.StringIO]:
    """A rich console that prints into a string as every table output does: the width and
    colour from the options; no markup, emoji or highlighting guessed from user text.

    Each renderer escapes user text in its cells (:func:`cx_audit.safetext.terminal_text`)
    so that the columns are measured on what is shown; the console escapes again whatever
    reaches it unescaped, so no table can send a control sequence to the terminal.
    """
    from rich.console import Console
    from rich.segment import Segment

    from cx_audit.safetext import terminal_text

    class SafeConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Iterator[Segment]:
            for seg in super().render(renderable, options):
                if seg.control is None and seg.text and terminal_text(seg.text) != seg.text:
                    yield Segment(terminal_text(seg.text), seg.style)
                else:
                    yield seg

    buf = io.StringIO()
    return SafeConsole(
        file=buf,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
    ), buf
