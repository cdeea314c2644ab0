"""Several voices in the text outputs: the JSON keys, and the short summary of the table and Markdown.

Only roles, counts and figures: a respondent's id or name is never in a result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cx_audit.scoring.rounding import shown_text as num
from cx_audit.scoring.voices import Voices
from cx_audit.wording import plural

Rounder = Callable[[float | None], float | None]


def add_voices(d: dict[str, Any], voices: Voices, r: Rounder) -> None:
    """`responses` on the items that have them, then `roles[]` and `perception_gaps[]`."""
    for item in d["items"]:
        sp = voices.spreads.get(item["id"])
        if sp is not None:
            item["responses"] = {
                "n": sp.n,
                "mean": r(sp.mean),
                "min": r(sp.min),
                "max": r(sp.max),
                "stdev": r(sp.stdev),
                "divided": sp.divided,
            }
    d["roles"] = [
        {
            "role": role.role,
            "respondents": role.respondents,
            "sections": [{"id": sid, "score": r(score)} for sid, score in role.sections.items()],
        }
        for role in voices.roles
    ]
    d["perception_gaps"] = [
        {"section": g.section.id, "gap": r(g.gap), "highest_role": g.highest_role, "lowest_role": g.lowest_role}
        for g in voices.gaps
    ]


def summary_lines(voices: Voices, esc: Callable[[str], str] = str) -> list[str]:
    """A few sentences: who answered, the largest perception gap, the divided items."""
    roles = ", ".join(f"{r.role} {r.respondents}" for r in voices.roles)
    first = f"{plural(voices.respondents, 'respondent')} besides the auditor; roles shown: {roles}"
    if voices.hidden_roles:
        first += f"; {plural(voices.hidden_roles, 'role')} with fewer than {voices.min_group} respondents " + (
            "not shown on its own (its answers still count)"
            if voices.hidden_roles == 1
            else "not shown on their own (their answers still count)"
        )
    lines = [first + "."]
    if voices.gaps and voices.gaps[0].gap > 0:
        g = voices.gaps[0]
        lines.append(
            f"Largest perception gap: {esc(g.section.title)} {num(g.gap)} points "
            f"({g.highest_role} {num(g.highest)}, {g.lowest_role} {num(g.lowest)})."
        )
    else:
        lines.append("No perception gap between the roles shown.")
    divided = voices.divided
    if divided:
        lines.append(f"Divided items (answers 50 points or more apart): {', '.join(esc(i) for i in divided)}.")
    return lines
