"""The CI gates of `score`: pure functions from a result to the reasons it fails."""

from __future__ import annotations

from cx_audit.scoring.audit import AuditResult, Status
from cx_audit.scoring.rounding import shown

# --- gates ------------------------------------------------------------------------


def gate_failures(
    result: AuditResult,
    fail_under: float | None = None,
    fail_on_critical: bool = False,
    require_complete: bool = False,
) -> list[str]:
    """Why this audit fails the requested gates (empty when it passes)."""
    reasons = []
    if fail_under is not None:
        if result.overall is None:
            reasons.append(f"no section is assessed, so there is no overall score to hold to {fail_under:g}")
        elif shown(result.overall) < fail_under:
            reasons.append(f"overall score {shown(result.overall):.1f} is under {fail_under:g}")
    if fail_on_critical and result.critical_failures:
        ids = ", ".join(r.item.id for r in result.critical_failures)
        reasons.append(f"{len(result.critical_failures)} critical failure(s): {ids}")
    if require_complete:
        missing = [r.item.id for r in result.items if r.status == Status.unanswered]
        if missing:
            more = f" (+{len(missing) - 5} more)" if len(missing) > 5 else ""
            reasons.append(f"{len(missing)} applicable item(s) unanswered: {', '.join(missing[:5])}{more}")
    return reasons
