"""`trend` output: a table per series, JSON `cx-audit/trend@1`, or Markdown.

One row per visit (dates as YYYY-MM-DD): the overall score and band, the change from
the previous visit (as displayed), completeness, critical failures and section scores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cx_audit.options import Options
from cx_audit.outputs.shared import text_console

if TYPE_CHECKING:
    from rich.text import Text

    from cx_audit.scoring.trend import Trend, Visit


def section_score(visit: Visit, section_id: str) -> float | None:
    if visit.edition is not None:  # a visit of an earlier version: through the mapping
        from cx_audit.scoring.trend import section_score as mapped

        return mapped(visit, section_id)
    sr = visit.result.section(section_id)
    return sr.score if sr is not None else None


def _r(v: float | None) -> float | None:
    from cx_audit.scoring.rounding import shown_or_none

    return shown_or_none(v, 2)


def visit_dict(trend: Trend, v: Visit) -> dict[str, Any]:
    r = v.result
    return {
        "path": r.audit.path.as_posix() if r.audit.path else None,
        "date": v.date.isoformat(),
        "overall": _r(r.overall),
        "band": r.band,
        "change": v.change,
        "completeness": _r(r.completeness),
        "sections": {s.id: _r(section_score(v, s.id)) for s in trend.sections},
        "critical_failures": [c.item.id for c in r.critical_failures],
    }


def to_data(trend: Trend) -> dict[str, Any]:
    d = _to_data(trend)
    if trend.editions:  # only across versions: every other trend's JSON is as before
        d["editions"] = [
            {
                "from": e.old,
                "to": e.new,
                "note": e.note,
                "items": [{"id": i, "change": e.why(i), "comparable": False} for i in (*e.edition.removed, *e.edition.changed)]
                + [{"id": new, "was": old, "comparable": True} for old, new in e.edition.items.items()],
                "sections_not_comparable": [s.id for s in trend.not_comparable_sections() if s.id in e.old_sections],
            }
            for e in trend.editions
        ]
        for s, series in zip(d["series"], trend.series, strict=True):
            for entry, v in zip(s["visits"], series.visits, strict=True):
                entry["version"] = v.result.checklist.version
    return d


def _to_data(trend: Trend) -> dict[str, Any]:
    c = trend.checklist
    return {
        "format": "cx-audit/trend@1",
        "checklist": {"id": c.id, "version": c.version, "title": c.title},
        "series": [
            {"client": s.client, "site": s.site or None, "visits": [visit_dict(trend, v) for v in s.visits]} for s in trend.series
        ],
    }


def signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


_HEADS = ("Date", "Overall", "Change", "Band", "Compl.", "Crit.")
_LEFT = {0, 3}  # Date and Band; every other column is a number


def table(trend: Trend, options: Options) -> str:
    """One table per series, laid out here rather than by rich's Table: a trend of 2,000
    visits has 30,000 cells, which rich takes most of a second to measure. Only colour
    goes through rich (and only on a terminal)."""
    from rich.text import Text

    from cx_audit.outputs.table import BAND_STYLES
    from cx_audit.safetext import terminal_text as safe
    from cx_audit.scoring.rounding import shown_text as num

    c = trend.checklist
    key = Text()
    key.append(f"{safe(c.title)} v{safe(c.version)} — {len(trend.series)} series, {trend.visits} visits\n", style="bold")
    # Section ids and titles are long: the columns are numbered, with the key printed once.
    key.append("Sections: ", style="dim")
    key.append("  ".join(f"S{k} {safe(s.title)}" for k, s in enumerate(trend.sections, 1)) + "\n")
    key.append("Compl.: completeness (%)  Crit.: critical failures  Change: from the previous visit\n", style="dim")
    key.append("(capped): the band is capped by the visit's critical failures", style="dim")
    if trend.editions:
        from cx_audit.wording import trend_note

        key.append("\n" + trend_note(trend), style="bold")
    out = Text()
    heads = [*_HEADS, *(f"S{k}" for k in range(1, len(trend.sections) + 1))]
    for s in trend.series:
        rows: list[list[tuple[str, str]]] = []
        for v in s.visits:
            r = v.result
            change_style = "green" if (v.change or 0) > 0 else "red" if (v.change or 0) < 0 else ""
            band = safe(r.band or "not assessed") + (" (capped)" if r.capped else "")
            rows.append(
                [
                    (v.date.isoformat(), ""),
                    (num(r.overall), ""),
                    (signed(v.change), change_style),
                    (band, BAND_STYLES.get(r.band or "", "dim")),
                    (num(r.completeness), ""),
                    (str(len(r.critical_failures)), ""),
                    *[(num(section_score(v, sec.id)), "") for sec in trend.sections],
                ]
            )
        widths = [max([len(h)] + [len(row[k][0]) for row in rows]) for k, h in enumerate(heads)]
        for n, cols in enumerate(_blocks(widths, options.width)):
            out.append("\n" + safe(trend.label(s)) + (" (continued)" if n else "") + "\n", style="bold")
            sub_widths = [widths[k] for k in cols]
            out.append(_line([(heads[k], "bold") for k in cols], sub_widths, cols), style="")
            out.append("─" * (sum(sub_widths) + len(sub_widths) - 1) + "\n")
            for row in rows:
                out.append_text(_line_text([row[k] for k in cols], sub_widths, cols))
    console, buf = text_console(options)
    console.print(key)
    console.print(out, no_wrap=True, overflow="ellipsis", crop=True, end="")
    return buf.getvalue()


def _blocks(widths: list[int], room: int) -> list[list[int]]:
    """The columns of each block of a series' table: all of them when they fit the width;
    else the first block holds the fixed columns and the sections that fit, and the next
    ones the date and the sections that follow (a checklist of 13 sections is wider than
    a terminal)."""
    fixed = len(_HEADS)
    blocks = [list(range(fixed))]
    used = sum(widths[:fixed]) + fixed - 1
    for k in range(fixed, len(widths)):
        if used + 1 + widths[k] > room and len(blocks[-1]) > (fixed if len(blocks) == 1 else 1):
            blocks.append([0])
            used = widths[0]
        blocks[-1].append(k)
        used += 1 + widths[k]
    return blocks


def _pad(text: str, width: int, k: int) -> str:
    return text.ljust(width) if k in _LEFT else text.rjust(width)


def _line(cells: list[tuple[str, str]], widths: list[int], cols: list[int]) -> str:
    parts = [_pad(t, w, k) for (t, _), w, k in zip(cells, widths, cols, strict=True)]
    return " ".join(parts).rstrip() + "\n"


def _line_text(cells: list[tuple[str, str]], widths: list[int], cols: list[int]) -> Text:
    from rich.text import Text

    line = Text()
    for n, ((text, style), w, k) in enumerate(zip(cells, widths, cols, strict=True)):
        if n:
            line.append(" ")
        line.append(_pad(text, w, k) if n < len(cells) - 1 else text.rjust(w), style=style)
    line.append("\n")
    return line


def markdown(trend: Trend, options: Options) -> str:
    from cx_audit.outputs.markdown import esc
    from cx_audit.safetext import printable
    from cx_audit.scoring.rounding import shown_text as num
    from cx_audit.wording import band_words

    c = trend.checklist
    lines = [f"## {esc(c.title)} — trend over {trend.visits} visits", ""]
    lines += ["Sections: " + " · ".join(f"`{esc(s.id)}` {esc(s.title)}" for s in trend.sections), ""]
    if trend.editions:
        from cx_audit.wording import trend_note

        lines += [f"- {esc(line)}" for line in trend_note(trend).splitlines()] + [""]
    for s in trend.series:
        lines += [f"### {esc(trend.label(s))}", ""]
        lines.append(
            "| Date | Overall | Change | Band | Complete | Critical failures | "
            + " | ".join(esc(sec.id) for sec in trend.sections)
            + " |"
        )
        lines.append("|---|---:|---:|---|---:|---|" + "---:|" * len(trend.sections))
        for v in s.visits:
            r = v.result
            crit = ", ".join(f"`{esc(x.item.id)}`" for x in r.critical_failures) or "—"
            cells = " | ".join(num(section_score(v, sec.id)) for sec in trend.sections)
            lines.append(
                f"| {v.date.isoformat()} | {num(r.overall)} | {signed(v.change)} | {esc(band_words(r))} "
                f"| {num(r.completeness)}% | {crit} | {cells} |"
            )
        lines.append("")
    return printable("\n".join(lines))


def json(trend: Trend, options: Options) -> str:
    from cx_audit.outputs.jsonout import dumps

    return dumps(to_data(trend))
