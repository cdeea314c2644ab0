"""Rich output for people at a terminal (the only module besides formats.table that uses rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape as markup_escape
from rich.table import Table

from cx_audit.model import Checklist, Item, ItemType, ThresholdKind
from cx_audit.safetext import terminal_text
from cx_audit.wording import condition_text, type_name


def escape(text: str) -> str:
    """User text for the console: rich markup and terminal control characters both inert."""
    return markup_escape(terminal_text(text))


def type_summary(item: Item) -> str:
    """The Type column: the type's name, plus the options or which way a number runs."""
    if item.type is ItemType.choice:
        return f"{type_name(item)}: " + " / ".join(o.id for o in item.options)
    if item.type is ItemType.number:
        return f"{type_name(item)}, " + ("higher is better" if item.threshold_kind is ThresholdKind.min else "lower is better")
    return type_name(item)


def condition_summary(item: Item, checklist: Checklist) -> str:
    return "" if item.when is None else "when " + condition_text(item.when, checklist)


def thresholds_summary(item: Item) -> str:
    """A number item's thresholds as ranges: 'up to 40 → 100% · over 40 to 60 → 50% · over 60 → 0%'."""
    from cx_audit.wording import threshold_ranges

    return " · ".join(threshold_ranges(item))


def show_checklist(checklist: Checklist, guidance: bool) -> None:
    """The checklist; a profile's view (files/profiles.py) leaves its excluded items out."""
    console = Console(highlight=False)
    console.print(f"[bold]{escape(checklist.title)}[/] [dim]{escape(checklist.id)} {escape(checklist.version)}[/]")
    if checklist.description:
        console.print(escape(checklist.description))
    labels = ", ".join(f"{k} {escape(v)}" for k, v in sorted(checklist.scale.labels.items()))
    console.print(f"[dim]Scale {checklist.scale.min}–{checklist.scale.max}: {labels}[/]")
    profile = checklist.profile
    if profile is not None:
        left_out = f"; left out: {', '.join(profile.exclude)}" if profile.exclude else ""
        console.print(f"[bold]Profile:[/] {escape(profile.title)} [dim]({escape(profile.id)}{escape(left_out)})[/]")
    elif checklist.profiles:
        names = ", ".join(f"{pid} ({p.title})" for pid, p in checklist.profiles.items())
        console.print(f"[dim]Profiles (--profile): {escape(names)}[/]")
    for section in checklist.sections:
        if all(item.id in checklist.excluded for item in section.items):
            continue
        table = Table(
            title=f"{escape(section.title)}  [dim](weight {section.weight:g})[/]",
            title_justify="left",
            show_lines=guidance,
            expand=True,
        )
        table.add_column("Id", no_wrap=True)
        table.add_column("Question", ratio=3)
        table.add_column("Type", ratio=1)
        table.add_column("Wt", justify="right")
        table.add_column("Notes", ratio=1)
        for item in section.items:
            if item.id in checklist.excluded:
                continue
            notes = [n for n in ("[red]critical[/]" if item.critical else "", escape(condition_summary(item, checklist))) if n]
            if profile is not None and item.id in profile.thresholds:
                notes.append(escape(f"profile thresholds: {thresholds_summary(item)}"))
            text = escape(item.text)
            if guidance:
                text += f"\n[dim]Guidance:[/] {escape(item.guidance)}\n[dim]Recommendation:[/] {escape(item.recommendation)}"
            table.add_row(item.id, text, escape(type_summary(item)), f"{item.weight:g}", "\n".join(notes))
        console.print(table)
