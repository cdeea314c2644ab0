"""The interview on a terminal (or a pipe): rich rendering of the asker's messages.

The only interview module that imports rich. On a terminal, lines are read with
``input()`` (with readline's editing and history where available); with piped input
one line is read per prompt and echoed after it, so the transcript reads like the
dialogue. Colour only when stdout is a terminal and NO_COLOR is not set.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from cx_audit.model import Item, ItemType
from cx_audit.safetext import terminal_text as safe
from cx_audit.wording import rating_words

from .asker import (
    Accepted,
    Guidance,
    ItemScreen,
    Message,
    Notice,
    Prompt,
    SectionIntro,
    SectionScore,
    Summary,
    UnansweredList,
    UnreadableLine,
    Welcome,
)

KEYS = (
    "a value",
    "na",
    "s skip",
    "b back",
    "? guidance",
    "x clear",
    "l list",
    "g ID go to",
    "e PATH evidence",
    "r TEXT recommendation",
    "q save and quit",
)
MAX_WIDTH = 100  # longer lines are hard to read
LIST_IN_FULL = 12  # `l` lists at most this many items with their text


class ConsoleAsker:
    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        interactive: bool | None = None,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        _tolerate_encoding(self.stdout)
        _keep_undecodable(self.stdin)
        tty_in = _isatty(self.stdin)
        tty_out = _isatty(self.stdout)
        self.interactive = tty_in if interactive is None else interactive
        if color is None:
            color = tty_out and "NO_COLOR" not in os.environ
        self.color = color
        probe = Console(file=self.stdout, width=width)
        self.console = Console(
            file=self.stdout,
            width=min(width or probe.width, MAX_WIDTH),
            color_system="auto" if color else None,
            force_terminal=color or None,
            highlight=False,
            emoji=False,
            markup=False,
        )
        self.lines_read = 0
        # Lines are read from the terminal as the kernel edits them (backspace, Ctrl-U,
        # Ctrl-W), not through GNU readline: readline silently drops a byte that is not
        # UTF-8 ("café" typed in Latin-1 saved as "caf"), where a plain read keeps it to
        # be refused and asked again.
        self._styled = self.interactive and tty_in and tty_out

    # --- asking ---------------------------------------------------------------------

    def ask(self, prompt: Prompt) -> str:
        """One line; a line that is not UTF-8 is asked again on a terminal, and stops piped input."""
        while True:
            line = self._read(prompt)
            bad = _undecodable(line)
            if bad is None:
                return line
            if not self.interactive:
                raise UnreadableLine(f"input line {self.lines_read} is not UTF-8 text ({bad})")
            self.show(Notice(f"That line is not UTF-8 text ({bad}); set the terminal to UTF-8 and type it again.", refused=True))

    def _read(self, prompt: Prompt) -> str:
        label = self._prompt_text(prompt)
        self.stdout.write(self._styled_prompt(label) if self._styled and prompt.kind != "note" else label)
        self.stdout.flush()
        try:
            raw = self.stdin.readline()
        except KeyboardInterrupt:
            self.stdout.write("\n")  # what follows starts on a line of its own
            self.stdout.flush()
            raise
        if not raw:
            self.stdout.write("\n")
            self.stdout.flush()
            raise EOFError
        line = raw.rstrip("\r\n")
        if not self.interactive:  # echo, so the transcript shows what was answered
            self.stdout.write(safe(line) + "\n")
            self.stdout.flush()
        self.lines_read += 1
        return line

    def _prompt_text(self, prompt: Prompt) -> str:
        if prompt.kind == "value":
            return f"{prompt.label} › "
        if prompt.kind == "note":
            if prompt.current:
                return "  note (Enter keeps it, - removes it) › "
            return "  note (Enter for none) › "
        if prompt.kind == "confirm":
            return f"{prompt.label} [y/N] › "
        return f"{prompt.label} › "

    def _styled_prompt(self, label: str) -> str:
        if not self.color:
            return label
        return f"\x1b[1m{label}\x1b[0m"

    # --- showing --------------------------------------------------------------------

    def show(self, message: Message) -> None:
        c = self.console
        if isinstance(message, ItemScreen):
            self._item(message)
        elif isinstance(message, SectionIntro):
            self._section(message)
        elif isinstance(message, Accepted):
            answer = message.answer
            item = message.item
            if answer.na:
                value = "N/A"
            elif item.type is ItemType.rating and item.scale is not None and isinstance(answer.value, int):
                value = rating_words(item, answer.value)  # a number off the 0-4 ladder is easy to misread
            else:
                value = item.describe_value(answer.value)
            line = Text.assemble(("  ✓ saved  ", "green"), (safe(value), "bold"))
            if answer.note:
                line.append(f"  — {safe(answer.note)}", style="dim")
            c.print(line, overflow="ellipsis", no_wrap=True)
            if message.critical:
                c.print(Padding(Text.assemble(("✗ ", "bold red"), (safe(message.critical), "red")), (0, 0, 0, 2), expand=False))
        elif isinstance(message, Notice):
            if message.refused:
                c.print(Padding(Text.assemble(("✗ ", "bold red"), (safe(message.text), "red")), (0, 0, 0, 2), expand=False))
            else:
                c.print(Padding(Text(safe(message.text), style="yellow"), (0, 0, 0, 2), expand=False))
        elif isinstance(message, Guidance):
            self._guidance(message.item)
        elif isinstance(message, UnansweredList):
            self._unanswered(message)
        elif isinstance(message, SectionScore):
            self._section_score(message)
        elif isinstance(message, Welcome):
            self._welcome(message)
        elif isinstance(message, Summary):
            self._summary(message)

    def _welcome(self, m: Welcome) -> None:
        c = self.console
        who = safe(", ".join(x for x in (m.client, m.site) if x))
        c.print(Text.assemble((safe(m.checklist_title), "bold"), ("  ·  " + who if who else "", "")))
        if m.description:
            c.print(Text(safe(m.description)))
        if m.new:
            state = f"New audit, saved to {safe(m.path)} after every answer."
        else:
            mode = "Reviewing" if m.review else "Resuming"
            state = f"{mode} {safe(m.path)}: {m.answered} of {m.applicable} answered. Every answer is saved at once."
        c.print(Text(state, style="dim"))
        c.print(Text(_keys_line("Keys: ", c.width), style="dim"))

    def _section(self, m: SectionIntro) -> None:
        c = self.console
        c.print()
        title = Text.assemble((safe(m.section.title), "bold cyan"), (f"  section {m.number} of {m.total}", "dim"))
        c.print(Rule(title, align="left", style="cyan"))
        if m.first_time and m.section.description:
            c.print(Text(safe(m.section.description.strip()), style="dim"))

    def _item(self, m: ItemScreen) -> None:
        c = self.console
        item = m.item
        c.print()
        head = Table.grid(expand=True, padding=(0, 1))
        head.add_column(no_wrap=True)
        head.add_column(justify="right", no_wrap=True)
        left = Text.assemble((item.id, "bold"))
        if item.critical:
            left.append("  critical", style="red")
        if item.weight != 1:
            left.append(f"  weight {item.weight:g}", style="dim")
        progress = f"section {m.section_number}/{m.section_total} · item {m.number} of {m.total} · {m.percent}% answered"
        head.add_row(left, Text(progress, style="dim"))
        c.print(head)
        c.print(Text(safe(item.text.strip())))
        c.print(self._choices(item))
        if m.answer is not None:
            value = "N/A" if m.answer.na else item.describe_value(m.answer.value)
            line = Text.assemble(("  current: ", "dim"), (safe(value), "bold green"))
            if m.answer.note:
                line.append(f"  — {safe(m.answer.note)}", style="green")
            line.append("  (Enter keeps it)", style="dim")
            c.print(line)

    def _choices(self, item: Item) -> RenderableType:
        """The scale, yes/no or options on one line when they fit, else one per line."""
        parts: list[tuple[str, str]] = []
        if item.type is ItemType.rating and item.scale is not None:
            parts = [(str(v), safe(item.scale.label(v))) for v in range(item.scale.min, item.scale.max + 1)]
        elif item.type is ItemType.yesno:
            parts = [("y", "yes"), ("n", "no")]
        elif item.type is ItemType.choice:
            parts = [(str(k), safe(o.label)) for k, o in enumerate(item.options, 1)]
        na = Text("na" if item.allow_na else "N/A not allowed", style="dim")
        if not parts:
            hint = _number_hint(item) if item.type is ItemType.number else "free text"
            return Text.assemble("  ", (safe(hint), "dim"), "   ", na)
        line = Text("  ")
        for key, label in parts:
            line.append(key, style="bold")
            line.append(f" {label}   " if label else "   ")
        if line.cell_len + na.cell_len <= self.console.width:
            return line + na
        if line.cell_len <= self.console.width:
            return Group(line, Text("  ") + na)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)  # the left margin
        grid.add_column(style="bold", no_wrap=True, justify="right")
        grid.add_column()
        for key, label in parts:
            grid.add_row("", key, label)
        return Group(grid, Text("  ") + na)

    def _guidance(self, item: Item) -> None:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        grid.add_row("Guidance", safe(item.guidance.strip()) or "—")
        grid.add_row("", "")
        grid.add_row("Recommendation", safe(item.recommendation.strip()) or "—")
        grid.add_row("", "")
        grid.add_row("Accepts", safe(_accepts(item)))
        grid.add_row("Keys", " · ".join(KEYS))
        self.console.print()
        self.console.print(grid)

    def _unanswered(self, m: UnansweredList) -> None:
        c = self.console
        count = sum(len(items) for _, items in m.groups)
        if not count:
            c.print(Text("  Every applicable item is answered.", style="green"))
            return
        c.print(Text(f"  {count} unanswered" + (" (* skipped in this session):" if m.skipped else ":"), style="bold"))
        for section, items in m.groups:
            if count <= LIST_IN_FULL:
                c.print(Text(f"  {safe(section.title)}", style="cyan"))
                for item in items:
                    row = Text.assemble(
                        ("    " + item.id + ("*" if item.id in m.skipped else "")).ljust(11), safe(item.text.strip())
                    )
                    c.print(row, overflow="ellipsis", no_wrap=True)
            else:  # a long list: one line of ids per section
                ids = "  ".join(i.id + ("*" if i.id in m.skipped else "") for i in items)
                c.print(Text.assemble((f"  {safe(section.title)}: ", "cyan"), ids))

    def _section_score(self, m: SectionScore) -> None:
        score = "not assessed yet" if m.score is None else f"{m.score:.1f}"
        line = Text.assemble(
            ("  ", ""),
            (safe(m.section.title), "cyan"),
            (" so far: " if m.answered < m.applicable else ": ", "dim"),
            (score, "bold"),
            (f" · {safe(m.band)}" if m.band else "", "bold"),
            (f"  ({m.answered} of {m.applicable} answered)", "dim"),
        )
        self.console.print()
        self.console.print(line)

    def _summary(self, m: Summary) -> None:
        c = self.console
        c.print()
        c.print(Rule(Text("Summary", style="bold cyan"), align="left", style="cyan"))
        if m.overall is None:
            c.print(Text("Overall: not assessed yet (no scored answers)", style="bold"))
        else:
            c.print(Text.assemble(("Overall ", ""), (f"{m.overall:.1f}", "bold"), ("  ·  ", "dim"), (safe(m.band or ""), "bold")))
        c.print(Text(f"Completeness {m.completeness:.1f}%  ({m.answered} of {m.applicable} applicable items answered)"))
        if m.critical_failures:
            ids = ", ".join(i.id for i in m.critical_failures)
            c.print(Text.assemble(("Critical failures: ", "red"), (ids, "bold red")))
        else:
            c.print(Text("No critical failures.", style="green" if m.overall is not None else "dim"))
        if m.actions:
            c.print(Text("Top actions (points lost):"))
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(justify="right", no_wrap=True)
            grid.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
            for action in m.actions:
                what = action.recommendation.strip() or action.item.text.strip()
                grid.add_row("  " + action.item.id, f"{action.points_lost:.1f}", safe(what))
            grid.expand = True
            c.print(grid)
        c.print()
        left = len(m.unanswered)
        c.print(Text(f"Saved to {safe(m.path)}." + (f" {left} item{'s' if left != 1 else ''} left to answer." if left else "")))
        c.print(Text("Next:", style="dim"))
        for command in m.next_commands:
            c.print(Text("  " + safe(command), style="bold"), soft_wrap=True, no_wrap=True, overflow="ignore")


def _number_hint(item: Item) -> str:
    from cx_audit.wording import threshold_ranges

    unit = f" in {item.unit}" if item.unit else ""
    steps = ", ".join(threshold_ranges(item))
    return f"a number{unit}" + (f"  ({steps})" if steps else "")


def _accepts(item: Item) -> str:
    from cx_audit.wording import accepts

    text = accepts(item)
    if item.type is ItemType.yesno:
        text = "y, yes, n or no"
    elif item.type is ItemType.choice:
        text = "the option's number, or its id: " + ", ".join(o.id for o in item.options)
    elif item.type is ItemType.text:
        text = "any text (start with \\ to type text that is a key, such as \\q)"
    return text + ("; na for not applicable" if item.allow_na else "; N/A is not allowed")


def _keys_line(prefix: str, width: int) -> str:
    """The keys after ``prefix``, broken between keys (never inside one) to fit ``width``."""
    lines = [prefix]
    for k, key in enumerate(KEYS):
        piece = key if k == 0 else " · " + key
        if len(lines[-1]) + len(piece) > width:
            lines.append(key)
        else:
            lines[-1] += piece
    return "\n".join(lines)


def _undecodable(line: str) -> str | None:
    """Where a line read with ``surrogateescape`` held a byte that is not UTF-8, or None."""
    for i, ch in enumerate(line):
        if "\udc80" <= ch <= "\udcff":
            return f"byte 0x{ord(ch) - 0xDC00:02x} at position {i + 1}"
        if "\ud800" <= ch <= "\udfff":
            return f"a lone surrogate at position {i + 1}"
    return None


def _keep_undecodable(stream: TextIO) -> None:
    """Read bytes that are not UTF-8 as lone surrogates, so they are refused, not dropped or fatal."""
    if hasattr(stream, "reconfigure"):
        with contextlib.suppress(Exception):
            stream.reconfigure(errors="surrogateescape")


def _tolerate_encoding(stream: TextIO) -> None:
    """A stream that cannot encode ✓ or › (a legacy Windows code page) shows ? rather than failing."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        with contextlib.suppress(Exception):
            stream.reconfigure(errors="replace")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
