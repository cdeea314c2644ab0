"""`actions list` output: a table, or JSON `cx-audit/actions@1`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cx_audit.options import Options
from cx_audit.outputs.shared import text_console
from cx_audit.wording import NOTHING_TO_DO

if TYPE_CHECKING:
    from cx_audit.actions.listing import ActionList


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


REC_LIMIT = 90  # characters of a recommendation in the table (two or three lines when narrow)


def table(al: ActionList, options: Options) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from cx_audit.files.actions import STATUS_LABELS
    from cx_audit.safetext import terminal_text as safe
    from cx_audit.scoring.rounding import shown_text as num

    a = al.audit.audit
    facts = safe(" · ".join(x for x in (a.client, a.site, a.date.isoformat() if a.date else "") if x))
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
    # Short columns never shrink: owner and recommendation fold onto more lines instead,
    # so that Due and Status stay whole however narrow the terminal.
    for col, just in (("#", "right"), ("Item", "left"), ("Lost", "right")):
        t.add_column(col, justify=just, no_wrap=True)  # type: ignore[arg-type]
    t.add_column("Owner", overflow="fold", min_width=8)
    t.add_column("Due", no_wrap=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Overdue", no_wrap=True)
    t.add_column("Recommendation", overflow="fold", min_width=8)  # cut at REC_LIMIT; in full in the reports
    for k, r in enumerate(al.rows, 1):
        t.add_row(
            str(k),
            r.result.item.id,
            num(r.result.points_lost),
            safe(r.action.owner) or "—",
            r.action.due.isoformat() if r.action.due else "—",
            STATUS_LABELS[r.action.status],
            Text("OVERDUE", style="bold red") if r.overdue else "",
            _short(safe(r.result.recommendation), REC_LIMIT),
        )
    if not al.rows:
        t.add_row("", "", "", "", "", "", "", NOTHING_TO_DO)
    console, buf = text_console(options)
    console.print(t)
    return buf.getvalue()


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def json(al: ActionList, options: Options) -> str:
    from cx_audit.outputs.jsonout import dumps

    return dumps(to_data(al))
