"""The output of `exceptions list`: one line per exception, or JSON `cx-audit/exceptions@1`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cx_audit.options import Options
    from cx_audit.waivers.listing import ExceptionList


def data(listing: ExceptionList) -> dict[str, Any]:
    return {
        "format": "cx-audit/exceptions@1",
        "today": listing.today.isoformat(),
        "exceptions": [
            {
                "audit": x.result.audit.path.as_posix() if x.result.audit.path else None,
                "item": x.item.item.id,
                "critical": x.item.item.critical,
                "reason": x.item.exception.reason if x.item.exception else "",
                "approved_by": x.item.exception.approved_by if x.item.exception else "",
                "expires": x.item.exception.expires.isoformat() if x.item.exception else None,
                "days_left": x.days_left,
                "expired": x.expired,
                "at_audit": x.at_audit,
            }
            for x in listing.rows
        ],
    }


def json(listing: ExceptionList, options: Options | None = None) -> str:
    from cx_audit.outputs.jsonout import dumps

    return dumps(data(listing))


def table(listing: ExceptionList, options: Options | None = None) -> str:
    from cx_audit.safetext import terminal_text

    if not listing.rows:
        window = f" expiring within {listing.within} days" if listing.within is not None else ""
        return f"No exceptions{window}.\n"
    lines = []
    for x in listing.rows:
        w = x.item.exception
        assert w is not None
        left = f"expired {-x.days_left} days ago" if x.expired else f"{x.days_left} days left"
        lines.append(
            terminal_text(
                f"{x.result.audit.path}  {x.item.item.id}  expires {w.expires.isoformat()} ({left})  "
                f"approved by {w.approved_by}  [{x.at_audit}]  {w.reason}"
            )
        )
    return "\n".join(lines) + "\n"
