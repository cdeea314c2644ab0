"""The default terminal output: rich tables, overall and band first."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cx_audit.options import Options
from cx_audit.outputs.shared import Result, text_console
from cx_audit.safetext import terminal_text as safe
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.program import ProgramResult, Stats
from cx_audit.scoring.rounding import delta
from cx_audit.scoring.rounding import shown_text as num
from cx_audit.wording import (
    ACCEPTED,
    NEW_CRITICAL,
    NO_LONGER_ASSESSED,
    ONLY_IN_BASELINE,
    ONLY_IN_CURRENT,
    RESOLVED_CRITICAL,
    SECTION_CHANGE_COLUMNS,
    SINCE_LAST_VISIT,
    band_words,
    cap_reason,
    comparison_label,
    edition_lines,
    metric_results,
    profile_words,
    regression_reason,
)

BAND_STYLES = {"Leading": "bold green", "Established": "green", "Developing": "yellow", "At risk": "bold red"}


def band_text(band: str | None) -> Text:
    return Text(safe(band) if band else "not assessed", style=BAND_STYLES.get(band or "", "dim"))


def _band_cell(r: AuditResult) -> Text:
    return Text(safe(band_words(r)), style=BAND_STYLES.get(r.band or "", "dim"))


def signed(value: float | None) -> Text:
    if value is None:
        return Text("—", style="dim")
    style = "green" if value > 0 else "red" if value < 0 else ""
    return Text(f"{value:+.1f}", style=style)


def _headline(r: AuditResult) -> Text:
    a = r.audit
    t = Text()
    t.append(f"{safe(r.checklist.title)} ", style="bold")
    t.append(f"v{safe(r.checklist.version)}", style="dim")
    t.append(safe(profile_words(r.checklist, " · ")) + "\n")
    facts = " · ".join(x for x in (a.client, a.site, a.auditor, a.date.isoformat() if a.date else "") if x)
    t.append(safe(facts) + "\n")
    t.append("Overall ", style="bold")
    t.append(num(r.overall), style="bold")
    t.append("  ")
    t.append_text(band_text(r.band))
    if r.capped:
        t.append(f" — {safe(cap_reason(r))}", style="red")
    t.append(f"   completeness {num(r.completeness)}%   critical failures {len(r.critical_failures)}")
    return t


def audit_renderables(r: AuditResult, top: int) -> list[RenderableType]:
    out: list[RenderableType] = [_headline(r)]
    sections = Table(box=box.SIMPLE_HEAD, title="Sections", title_justify="left", title_style="bold")
    sections.add_column("Section")
    sections.add_column("Weight", justify="right")
    sections.add_column("Score", justify="right")
    sections.add_column("Band")
    sections.add_column("Answered", justify="right")
    for s in r.sections:
        sections.add_row(
            safe(s.section.title), f"{s.section.weight:g}", num(s.score), band_text(s.band), f"{s.answered}/{s.applicable}"
        )
    out.append(sections)
    metrics = metric_results(r.items)
    if metrics:
        cm = Table(box=box.SIMPLE_HEAD, title="Customer metrics", title_justify="left", title_style="bold")
        cm.add_column("Item")
        cm.add_column("Question")
        cm.add_column("Answer", no_wrap=True)
        for ir, text in metrics:
            cm.add_row(ir.item.id, safe(ir.item.text), safe(text))
        out.append(cm)
    if r.critical_failures:
        crit = Table(box=box.SIMPLE_HEAD, title="Critical failures", title_justify="left", title_style="bold red")
        crit.add_column("Item")
        crit.add_column("Question")
        crit.add_column("Score", justify="right")
        for c in r.critical_failures:
            crit.add_row(c.item.id, safe(c.item.text), num(100 * (c.s or 0)))
        out.append(crit)
    if r.accepted_exceptions:
        acc = Table(box=box.SIMPLE_HEAD, title="Accepted exceptions", title_justify="left", title_style="bold")
        acc.add_column("Item")
        acc.add_column("Score", justify="right")
        acc.add_column("Reason")
        acc.add_column("Approved by")
        acc.add_column("Expires", no_wrap=True)
        for c in r.accepted_exceptions:
            assert c.exception is not None
            w = c.exception
            acc.add_row(c.item.id, num(100 * (c.s or 0)), safe(w.reason), safe(w.approved_by), w.expires.isoformat())
        out.append(acc)
    if r.actions:
        acts = Table(box=box.SIMPLE_HEAD, title=f"Top actions (of {len(r.actions)})", title_justify="left", title_style="bold")
        acts.add_column("#", justify="right")
        acts.add_column("Item")
        acts.add_column("Points lost", justify="right")
        acts.add_column("Recommendation")
        for i, a in enumerate(r.actions[:top], 1):
            item = f"{a.item.id} ({ACCEPTED})" if a.accepted else a.item.id
            acts.add_row(str(i), item, num(a.points_lost), safe(a.recommendation))
        out.append(acts)
    if r.voices is not None:
        from cx_audit.outputs.voices import summary_lines

        voices = Text("Voices\n", style="bold")
        voices.append(safe("\n".join(summary_lines(r.voices))))
        out.append(voices)
    return out


def _stats_cells(s: Stats | None) -> list[str]:
    if s is None:
        return ["—"] * 4
    return [num(s.mean), num(s.stdev), num(s.min), num(s.max)]


def program_renderables(p: ProgramResult, top: int) -> list[RenderableType]:
    head = Text()
    head.append(f"{safe(p.checklist.title)} ", style="bold")
    head.append(f"v{safe(p.checklist.version)} — {len(p.audits)} audits", style="dim")
    head.append(safe(profile_words(p.checklist, " · ")) + "\n")
    head.append("Overall mean ", style="bold")
    head.append(num(p.overall.mean if p.overall else None), style="bold")
    head.append(f"   stdev {num(p.overall.stdev if p.overall else None)}")
    audits = Table(box=box.SIMPLE_HEAD, title="Audits", title_justify="left", title_style="bold")
    for col, just in (("Audit", "left"), ("Date", "left"), ("Overall", "right"), ("Band", "left"), ("Critical", "right")):
        audits.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in p.audits:
        date = r.audit.date.isoformat() if r.audit.date else ""
        audits.add_row(safe(r.audit.label), date, num(r.overall), _band_cell(r), str(len(r.critical_failures)))
    spread = Table(box=box.SIMPLE_HEAD, title="Consistency across audits", title_justify="left", title_style="bold")
    for col in ("Section", "Mean", "Stdev", "Min", "Max"):
        spread.add_column(col, justify="left" if col == "Section" else "right")
    for s, st in p.sections:
        spread.add_row(safe(s.title), *_stats_cells(st))
    out: list[RenderableType] = [head, audits, spread]
    if p.actions:
        acts = Table(box=box.SIMPLE_HEAD, title="Top actions across the program", title_justify="left", title_style="bold")
        for col in ("#", "Item", "Mean points lost", "Audits", "Recommendation"):
            acts.add_column(col, justify="right" if col in ("#", "Mean points lost", "Audits") else "left")
        for i, a in enumerate(p.actions[:top], 1):
            acts.add_row(str(i), a.item.id, num(a.mean_points_lost), str(a.audits), safe(a.item.recommendation))
        out.append(acts)
    return out


def compare_renderables(c: Comparison) -> list[RenderableType]:
    b, cur = c.baseline, c.current
    head = Text()
    head.append(safe(f"{cur.checklist.title}: {comparison_label(b)} → {comparison_label(cur)}") + "\n", style="bold")
    head.append("Overall ", style="bold")
    head.append(f"{num(b.overall)} → {num(cur.overall)}  ")
    head.append_text(signed(delta(cur.overall, b.overall)))
    head.append("   ")
    head.append("REGRESSION" if c.regression else "no regression", style="bold red" if c.regression else "green")
    if c.regression:
        head.append(f": {regression_reason(c)}", style="red")
    secs = Table(box=box.SIMPLE_HEAD, title="Sections", title_justify="left", title_style="bold")
    for col in SECTION_CHANGE_COLUMNS:
        secs.add_column(col, justify="left" if col == "Section" else "right")
    for d in c.sections:
        secs.add_row(safe(d.section.title), num(d.baseline), num(d.current), signed(delta(d.current, d.baseline)))
    out: list[RenderableType] = [head, secs]
    if c.changed:
        items = Table(box=box.SIMPLE_HEAD, title="Items that changed", title_justify="left", title_style="bold")
        for col in ("Item", "Question", "Baseline", "Current", "Change"):
            items.add_column(col, justify="right" if col in ("Baseline", "Current") else "left")
        for ch in c.changed:
            style = "green" if ch.change == "improved" else "red"
            change = Text(ch.change, style=style)
            items.add_row(ch.item.id, safe(ch.item.text), num(100 * ch.baseline), num(100 * ch.current), change)
        out.append(items)
    notes = Text()
    for title, text in edition_lines(c):
        notes.append(f"{title}: ", style="bold")
        notes.append(safe(text) + "\n")
    for title, seq, style in (
        (NEW_CRITICAL, c.new_critical, "bold red"),
        (RESOLVED_CRITICAL, c.resolved_critical, "green"),
        (ONLY_IN_BASELINE, c.only_in_baseline, ""),
        (ONLY_IN_CURRENT, c.only_in_current, ""),
        (NO_LONGER_ASSESSED, c.became_not_assessed, "yellow"),
    ):
        if seq:
            notes.append(f"{title}: ", style=style or "bold")
            notes.append(", ".join(x.id for x in seq) + "\n")
    if notes:
        out.append(notes)
    if c.tracks_actions:
        out.append(followup_table(c))
    return out


def followup_table(c: Comparison) -> Table:
    """Since the last visit: each baseline action with its tracking and what became of its item."""
    from cx_audit.files.actions import STATUS_LABELS

    t = Table(box=box.SIMPLE_HEAD, title=SINCE_LAST_VISIT, title_justify="left", title_style="bold")
    for col in ("Item", "Status", "Owner", "Due", "Item now", ""):
        t.add_column(col)
    styles = {"improved": "green", "worse": "red", "unchanged": "", "not scored": "dim", "not comparable": "dim"}
    for f in c.followup:
        t.add_row(
            f.item.id,
            STATUS_LABELS[f.status],
            safe(f.owner) or "—",
            f.due.isoformat() if f.due else "—",
            Text(f.change, style=styles[f.change]),
            Text("done, not improved", style="bold red") if f.flagged else "",
        )
    return t


def renderables(result: Result, options: Options) -> list[RenderableType]:
    if isinstance(result, AuditResult):
        return audit_renderables(result, options.top_actions)
    if isinstance(result, ProgramResult):
        return program_renderables(result, options.top_actions)
    return compare_renderables(result)


def render(result: Result, options: Options) -> str:
    console, buf = text_console(options)
    console.print(Group(*renderables(result, options)))
    return buf.getvalue()
