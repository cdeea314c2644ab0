"""Markdown: a summary fit for a pull-request comment or a CI job summary."""

from __future__ import annotations

import re

from cx_audit.options import Options
from cx_audit.outputs.shared import Result
from cx_audit.safetext import printable
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
    accepted_note,
    band_words,
    comparison_label,
    edition_lines,
    exception_words,
    metric_results,
    profile_words,
    regression_reason,
)


def esc(text: str) -> str:
    """Make user text inert in a Markdown table cell (no HTML, links, entities or pipes).

    Escaped once: a ``&`` stays ``&`` (never ``&amp;``, which the raw file would show as
    is) unless it would start an entity (``&copy;``), when it is backslash-escaped;
    ``<`` and ``>`` become entities, so no HTML tag can start.
    """
    out = text.replace("\\", "\\\\").replace("\r", " ").replace("\n", " ")
    out = _ENTITY.sub(r"\\&", out)
    out = out.replace("<", "&lt;").replace(">", "&gt;")
    for ch in "|[]`*_#!":
        out = out.replace(ch, "\\" + ch)
    return out


_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _audit(r: AuditResult, top: int) -> list[str]:
    a = r.audit
    facts = " · ".join(x for x in (esc(a.client), esc(a.site), a.date.isoformat() if a.date else "") if x)
    lines = [
        f"## {esc(r.checklist.title)} — {facts}{esc(profile_words(r.checklist, ' · '))}",
        "",
        f"**Overall: {num(r.overall)}** ({esc(band_words(r))}) · completeness {num(r.completeness)}%"
        f" · {len(r.critical_failures)} critical failure(s)",
        "",
        "| Section | Score | Band | Answered |",
        "|---|---:|---|---:|",
    ]
    for s in r.sections:
        lines.append(f"| {esc(s.section.title)} | {num(s.score)} | {esc(s.band or '—')} | {s.answered}/{s.applicable} |")
    metrics = metric_results(r.items)
    if metrics:
        lines += ["", "**Customer metrics**", ""]
        lines += [f"- `{ir.item.id}` {esc(ir.item.text)}: {esc(text)}" for ir, text in metrics]
    if r.critical_failures:
        lines += ["", "**Critical failures**", ""]
        lines += [f"- `{c.item.id}` {esc(c.item.text)}" for c in r.critical_failures]
    if r.accepted_exceptions:
        lines += ["", f"**Accepted exceptions** ({esc(accepted_note(r))})", ""]
        for c in r.accepted_exceptions:
            assert c.exception is not None
            lines.append(f"- `{c.item.id}` {esc(c.item.text)}: {esc(c.exception.reason)} ({esc(exception_words(c))})")
    if r.actions:
        lines += [
            "",
            f"**Top actions** (of {len(r.actions)})",
            "",
            "| # | Item | Points lost | Recommendation |",
            "|---:|---|---:|---|",
        ]
        for i, act in enumerate(r.actions[:top], 1):
            item = esc(act.item.id) + (f" ({ACCEPTED})" if act.accepted else "")
            lines.append(f"| {i} | {item} | {num(act.points_lost)} | {esc(act.recommendation)} |")
    if r.voices is not None:
        from cx_audit.outputs.voices import summary_lines

        lines += ["", "**Voices**", ""] + [f"- {line}" for line in summary_lines(r.voices, esc)]
    return lines


def _stats(s: Stats | None) -> str:
    if s is None:
        return "| — | — | — | — |"
    return f"| {num(s.mean)} | {num(s.stdev)} | {num(s.min)} | {num(s.max)} |"


def _program(p: ProgramResult, top: int) -> list[str]:
    lines = [
        f"## {esc(p.checklist.title)} — {len(p.audits)} audits{esc(profile_words(p.checklist, ' · '))}",
        "",
        f"**Overall mean: {num(p.overall.mean if p.overall else None)}** · spread (stdev) "
        f"{num(p.overall.stdev if p.overall else None)}",
        "",
        "| Audit | Overall | Band | Critical failures |",
        "|---|---:|---|---:|",
    ]
    for r in p.audits:
        lines.append(f"| {esc(r.audit.label)} | {num(r.overall)} | {esc(band_words(r, '—'))} | {len(r.critical_failures)} |")
    lines += ["", "| Section | Mean | Stdev | Min | Max |", "|---|---:|---:|---:|---:|"]
    for s, st in p.sections:
        lines.append(f"| {esc(s.title)} " + _stats(st))
    if p.actions:
        lines += [
            "",
            "**Top actions across the program**",
            "",
            "| # | Item | Mean points lost | Audits |",
            "|---:|---|---:|---:|",
        ]
        for i, act in enumerate(p.actions[:top], 1):
            lines.append(f"| {i} | {esc(act.item.id)} | {num(act.mean_points_lost)} | {act.audits} |")
    return lines


def _compare(c: Comparison) -> list[str]:
    b, cur = c.baseline, c.current
    verdict = f"**Regression**: {regression_reason(c)}" if c.regression else "No regression"
    lines = [
        f"## {esc(cur.checklist.title)}: {esc(comparison_label(b))} → {esc(comparison_label(cur))}",
        "",
        f"{verdict} · overall {num(b.overall)} → {num(cur.overall)} ({signed(delta(cur.overall, b.overall))})",
        "",
        "| " + " | ".join(SECTION_CHANGE_COLUMNS) + " |",
        "|---|---:|---:|---:|",
    ]
    for d in c.sections:
        lines.append(
            f"| {esc(d.section.title)} | {num(d.baseline)} | {num(d.current)} | {signed(delta(d.current, d.baseline))} |"
        )
    for title, text in edition_lines(c):
        lines += ["", f"**{title}:** {esc(text)}"]
    for title, items in ((NEW_CRITICAL, c.new_critical), (RESOLVED_CRITICAL, c.resolved_critical)):
        if items:
            lines += ["", f"**{title}**", ""] + [f"- `{i.id}` {esc(i.text)}" for i in items]
    for title, seq in (
        (ONLY_IN_BASELINE, [i.id for i in c.only_in_baseline]),
        (ONLY_IN_CURRENT, [i.id for i in c.only_in_current]),
        (NO_LONGER_ASSESSED, [s.id for s in c.became_not_assessed]),
    ):
        if seq:
            lines += ["", f"**{title}:** " + ", ".join(f"`{x}`" for x in seq)]
    if c.changed:
        lines += ["", "| Item | Baseline | Current | Change |", "|---|---:|---:|---|"]
        for ch in c.changed:
            lines.append(f"| {esc(ch.item.id)} | {num(100 * ch.baseline)} | {num(100 * ch.current)} | {ch.change} |")
    if c.tracks_actions:
        lines += _followup(c)
    return lines


def _followup(c: Comparison) -> list[str]:
    from cx_audit.files.actions import STATUS_LABELS

    lines = ["", f"**{SINCE_LAST_VISIT}**", "", "| Item | Status | Owner | Due | Item now | |", "|---|---|---|---|---|---|"]
    for f in c.followup:
        due = f.due.isoformat() if f.due else "—"
        flag = "**done, not improved**" if f.flagged else ""
        lines.append(f"| {esc(f.item.id)} | {STATUS_LABELS[f.status]} | {esc(f.owner) or '—'} | {due} | {f.change} | {flag} |")
    return lines


def render(result: Result, options: Options) -> str:
    if isinstance(result, AuditResult):
        lines = _audit(result, options.top_actions)
    elif isinstance(result, ProgramResult):
        lines = _program(result, options.top_actions)
    else:
        lines = _compare(result)
    return printable("\n".join(lines) + "\n")
