"""`actions list` output: a table, or JSON `cx-audit/actions@1`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, NoReturn

from cx_audit.outputs.options import Options, text_console

if TYPE_CHECKING:  # the CLI imports ActionsFormat for its options: keep it light
    from cx_audit.actions.listing import ActionList


class ActionsFormat(str, Enum):
    table = "table"
    json = "json"


def to_data(al: ActionList) -> dict[str, Any]:
    from cx_audit.scoring.rounding import shown_or_none

    a = al.audit.audit
    return {
        "format": "cx-audit/actions@1",
        "audit": {
            "path": a.path.as_posix() if a.path else None,
            "client": a.client,
            "site": a.site or None,
            "date": a.date.isoformat() if a.date else None,
        },
        "today": al.today.isoformat(),
        "actions": [
            {
                "item": r.result.item.id,
                "section": r.result.item.section,
                "points_lost": shown_or_none(r.result.points_lost, 2),
                "owner": r.action.owner or None,
                "due": r.action.due.isoformat() if r.action.due else None,
                "status": r.action.status.value,
                "overdue": r.overdue,
            }
            for r in al.rows
        ],
    }


def table(al: ActionList, options: Options) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from cx_audit.files.actions import STATUS_LABELS
    from cx_audit.scoring.rounding import shown_text as num

    a = al.audit.audit
    facts = " · ".join(x for x in (a.client, a.site, a.date.isoformat() if a.date else "") if x)
    n = len(al.overdue)
    t = Table(
        box=box.SIMPLE_HEAD,
        title=f"Actions — {facts} (today {al.today.isoformat()}: {n} overdue)",
        title_justify="left",
        title_style="bold",
        pad_edge=False,
        caption="Lost: points lost. Recommendations in full in the reports.",
        caption_justify="left",
    )
    for col, just in (("#", "right"), ("Item", "left"), ("Lost", "right"), ("Owner", "left"), ("Due", "left")):
        t.add_column(col, justify=just, no_wrap=True)  # type: ignore[arg-type]
    t.add_column("Status", no_wrap=True)
    t.add_column("Overdue", no_wrap=True)
    t.add_column("Recommendation", no_wrap=True, overflow="ellipsis")  # in full in the reports
    for k, r in enumerate(al.rows, 1):
        t.add_row(
            str(k),
            r.result.item.id,
            num(r.result.points_lost),
            r.action.owner or "—",
            r.action.due.isoformat() if r.action.due else "—",
            STATUS_LABELS[r.action.status],
            Text("OVERDUE", style="bold red") if r.overdue else "",
            _short(r.result.recommendation, max(20, options.width - 76)),
        )
    if not al.rows:
        t.add_row("", "", "", "", "", "", "", "No item lost points: there is nothing to do.")
    console, buf = text_console(options)
    console.print(t)
    return buf.getvalue()


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render(fmt: ActionsFormat, al: ActionList, options: Options) -> str:
    if fmt is ActionsFormat.table:
        return table(al, options)
    if fmt is ActionsFormat.json:
        from cx_audit.outputs.jsonout import dumps

        return dumps(to_data(al))
    _never(fmt)


def _never(value: NoReturn) -> NoReturn:
    raise AssertionError(f"unhandled format: {value!r}")
