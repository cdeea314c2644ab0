"""The "Voices" part of one audit's HTML report: what the respondents said, by role.

Built from :class:`cx_audit.scoring.voices.Voices`, which holds roles, counts and figures
only: no respondent id or name can reach the page.
"""

from __future__ import annotations

from cx_audit.model import AUDITOR_ROLE
from cx_audit.report.html.page import Cell, DividedView, Fact, GapView, RoleHead, VoiceRow, VoicesView, item_ref
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.rounding import band_for
from cx_audit.scoring.voices import Spread, Voices
from cx_audit.wording import Tones, count, hidden_roles_sentence, num, plural

TOP_GAPS = 5


def role_label(role: str) -> str:
    return role.replace("-", " ").capitalize()


def spread_text(sp: Spread) -> str:
    """'5 answers · mean 70.0 · range 25.0–100.0', as on each item with responses."""
    if not sp.n:
        return "no scored answers (all N/A)"
    text = f"{plural(sp.n, 'scored answer')} · mean {num(sp.mean)}"
    if sp.n > 1:
        text += f" · range {num(sp.min)}–{num(sp.max)}"
    return text


def voices_view(r: AuditResult, tones: Tones, linked: bool = True) -> VoicesView:
    v = r.voices
    assert v is not None
    checklist = r.checklist
    bands = checklist.bands
    gaps_by_section = {g.section.id: g for g in v.gaps}
    rows = []
    surveyed = {s.id for s in v.surveyed(checklist.sections)}
    for s in (x for x in r.sections if x.section.id in surveyed):
        cells = []
        for role in v.roles:
            score = role.sections.get(s.section.id)
            cells.append(Cell(num(score), tones(band_for(score, bands))) if score is not None else Cell("—", "tone-none"))
        g = gaps_by_section.get(s.section.id)
        rows.append(VoiceRow(f"section-{s.section.id}" if linked else "", s.section.title, tuple(cells), num(g.gap) if g else ""))
    gaps = tuple(
        GapView(
            anchor=f"section-{g.section.id}" if linked else "",
            section=g.section.title,
            gap=num(g.gap),
            highest_role=role_label(g.highest_role),
            highest=num(g.highest),
            lowest_role=role_label(g.lowest_role),
            lowest=num(g.lowest),
            width=f"{max(g.gap, 0.0):.1f}%",
            left=f"{g.lowest:.1f}%",
        )
        for g in v.gaps[:TOP_GAPS]
        if g.gap > 0
    )
    divided = tuple(
        DividedView(item_ref(ir.item, checklist, r, linked), spread_text(v.spreads[ir.item.id]))
        for ir in r.items
        if ir.item.id in v.spreads and v.spreads[ir.item.id].divided
    )
    return VoicesView(
        lead=_lead(v),
        roles=tuple(
            RoleHead(role_label(x.role), "own answers" if x.role == AUDITOR_ROLE else plural(x.respondents, "respondent"))
            for x in v.roles
        ),
        rows=tuple(rows),
        gaps=gaps,
        divided=divided,
        privacy=(
            f"Respondents are shown by role only, never by name. A role is shown on its own when at least "
            f"{count(v.min_group)} of its respondents answered, and its score for a section only when at least "
            f"{count(v.min_group)} of them scored an item there. Every answer counts in the scores of this report, "
            "whether or not its role is shown."
        ),
    )


def _lead(v: Voices) -> tuple[str, ...]:
    others = [x for x in v.roles if x.role != AUDITOR_ROLE]
    first = f"Besides the auditor, {plural(v.respondents, 'respondent')} answered"
    if others:
        first += ": " + ", ".join(f"{x.respondents} {role_label(x.role).lower()}" for x in others)
    first += "."
    if v.hidden_roles:
        first += " " + hidden_roles_sentence(v.hidden_roles, v.min_group)
    lines = [first]
    top = v.gaps[0] if v.gaps else None
    if top is not None and top.gap > 0:
        lines.append(
            f"The widest perception gap is in {top.section.title}: {num(top.highest)} from "
            f"{_who(top.highest_role)} against {num(top.lowest)} from {_who(top.lowest_role)}, "
            f"{num(top.gap)} points apart."
        )
    n = len(v.divided)
    if n:
        lines.append(
            f"{plural(n, 'item').capitalize()} divided the respondents: answers 50 points or more apart on the same question."
        )
    return tuple(lines)


def gap_sentence(v: Voices) -> list[str]:
    """For the executive summary: the widest perception gap, if there is one."""
    g = v.gaps[0] if v.gaps else None
    if g is None or g.gap <= 0:
        return []
    return [
        f"Not everyone sees it the same way: {g.section.title} scores {num(g.highest)} from {_who(g.highest_role)} "
        f"and {num(g.lowest)} from {_who(g.lowest_role)}, {num(g.gap)} points apart (see Voices)."
    ]


def _who(role: str) -> str:
    return "the auditor" if role == AUDITOR_ROLE else role.replace("-", " ")


def voice_notes(r: AuditResult, item_id: str) -> tuple[Fact, ...]:
    """The respondents' notes on an item: labelled by role, or without one for a role not shown."""
    v = r.voices
    if v is None:
        return ()
    return tuple(Fact(role_label(n.role) if n.role else "Respondent", n.note) for n in v.notes.get(item_id, ()))


__all__ = ["VoicesView", "voices_view", "voice_notes", "spread_text", "Fact"]
