"""JSON: `cx-audit/result@1`, `cx-audit/program@1` and `cx-audit/compare@1`."""

from __future__ import annotations

import json
from typing import Any

from cx_audit.model import Checklist
from cx_audit.options import Options
from cx_audit.outputs.shared import Result
from cx_audit.safetext import json_text
from cx_audit.scoring.audit import AuditResult
from cx_audit.scoring.compare import Comparison
from cx_audit.scoring.program import ProgramResult, Stats
from cx_audit.scoring.roadmap import audit_horizons, program_horizons
from cx_audit.scoring.rounding import delta, shown, shown_or_none


def _r(value: float | None) -> float | None:
    return shown_or_none(value, 2)


def audit_dict(result: AuditResult) -> dict[str, Any]:
    a = result.audit
    c = result.checklist
    d = {
        "format": "cx-audit/result@1",
        "checklist": {"id": c.id, "version": c.version, "title": c.title},
        "audit": {
            "path": a.path.as_posix() if a.path else None,
            "client": a.client,
            "site": a.site or None,
            "auditor": a.auditor,
            "date": a.date.isoformat() if a.date else None,
        },
        "profile": _profile(c),
        "overall": {
            "score": _r(result.overall),
            "band": result.band,
            "band_by_score": result.band_by_score,
            "completeness": _r(result.completeness),
        },
        "sections": [
            {
                "id": s.section.id,
                "title": s.section.title,
                "weight": s.section.weight,
                "score": _r(s.score),
                "band": s.band,
                "answered": s.answered,
                "applicable": s.applicable,
            }
            for s in result.sections
        ],
        "items": _items(result),
        "critical_failures": [r.item.id for r in result.critical_failures],
        "actions": [
            {
                "item": r.item.id,
                "section": r.item.section,
                "points_lost": _r(r.points_lost),
                "recommendation": r.recommendation,
                "horizon": h.value,
            }
            for r, h in zip(result.actions, audit_horizons(result), strict=True)
        ],
    }
    if a.exceptions:  # only audits that record exceptions: every other file's JSON is as before
        add_exceptions(d, result)
    if result.voices is not None:
        from cx_audit.outputs.voices import add_voices

        add_voices(d, result.voices, _r)
    return d


def _items(result: AuditResult) -> list[dict[str, Any]]:
    """One record per item; the program's JSON has tens of thousands, so this is written
    for speed: ItemResult.failed inlined, ``_value_`` (what ``.value`` returns, without the
    descriptor), the cached rounding called directly."""
    out: list[dict[str, Any]] = []
    append = out.append
    for r in result.items:
        item, s, lost = r.item, r.s, r.points_lost
        append(
            {
                "id": item.id,
                "section": item.section,
                "status": r.status._value_,
                "score": None if s is None else shown(100.0 * s, 2),
                "points_lost": None if lost is None else shown(lost, 2),
                "critical": item.critical,
                "failed": s is not None and s < 0.5,
            }
        )
    return out


def add_exceptions(d: dict[str, Any], result: AuditResult) -> None:
    """Items gain `exception {reason, approved_by, expires, valid}`, actions `accepted`, the result
    `accepted_exceptions[]` (the critical failures that valid exceptions take off the cap)."""
    for entry, r in zip(d["items"], result.items, strict=True):
        if r.exception is not None:
            w = r.exception
            entry["exception"] = {
                "reason": w.reason,
                "approved_by": w.approved_by,
                "expires": w.expires.isoformat(),
                "valid": r.exception_valid,
            }
    for entry, r in zip(d["actions"], result.actions, strict=True):
        if r.accepted:
            entry["accepted"] = True
    d["accepted_exceptions"] = [r.item.id for r in result.accepted_exceptions]


def _profile(c: Checklist) -> dict[str, str] | None:
    """`profile {id, title}`, or null when the audits use none."""
    return {"id": c.profile.id, "title": c.profile.title} if c.profile is not None else None


def _stats(s: Stats | None) -> dict[str, float | None]:
    if s is None:
        return {"mean": None, "stdev": None, "min": None, "max": None}
    return {"mean": _r(s.mean), "stdev": _r(s.stdev), "min": _r(s.min), "max": _r(s.max)}


def program_dict(program: ProgramResult) -> dict[str, Any]:
    c = program.checklist
    return {
        "format": "cx-audit/program@1",
        "checklist": {"id": c.id, "version": c.version, "title": c.title},
        "profile": _profile(c),
        "audits": [audit_dict(r) for r in program.audits],
        "overall": _stats(program.overall),
        "sections": [{"id": s.id, "title": s.title, **_stats(st)} for s, st in program.sections],
        "actions": [
            {
                "item": a.item.id,
                "section": a.item.section,
                "mean_points_lost": _r(a.mean_points_lost),
                "audits": a.audits,
                "horizon": h.value,
            }
            for a, h in zip(program.actions, program_horizons(program), strict=True)
        ],
    }


def compare_dict(cmp: Comparison) -> dict[str, Any]:
    d = _compare_dict(cmp)
    if cmp.edition is not None:  # only across versions: every other comparison's JSON is as before
        add_edition(d, cmp)
    return d


def add_edition(d: dict[str, Any], cmp: Comparison) -> None:
    """Across two versions: the note, renamed items' earlier ids, and the items that are not
    comparable (`comparable: false`, no delta), with the sections that are not."""
    assert cmp.edition is not None
    d["edition"] = {"from": cmp.edition.old, "to": cmp.edition.new, "note": cmp.note}
    for entry in d["items"]:
        if entry["id"] in cmp.renamed:
            entry["was"] = cmp.renamed[entry["id"]]
    for n in cmp.not_comparable:
        d["items"].append(
            {
                "id": n.item.id,
                "section": n.item.section,
                "baseline": _r(None if n.baseline is None else 100 * n.baseline),
                "current": _r(None if n.current is None else 100 * n.current),
                "delta": None,
                "change": n.why,
                "comparable": False,
            }
        )
    d["sections_not_comparable"] = [s.id for s in cmp.sections_not_comparable]


def _compare_dict(cmp: Comparison) -> dict[str, Any]:
    b, c = cmp.baseline, cmp.current
    return {
        "format": "cx-audit/compare@1",
        "checklist": {"id": c.checklist.id, "version": c.checklist.version, "title": c.checklist.title},
        "profile": _profile(c.checklist),
        "baseline": {"path": b.audit.path.as_posix() if b.audit.path else None, "date": _date(b)},
        "current": {"path": c.audit.path.as_posix() if c.audit.path else None, "date": _date(c)},
        "overall": {"baseline": _r(b.overall), "current": _r(c.overall), "delta": delta(c.overall, b.overall, 2)},
        "sections": [
            {
                "id": d.section.id,
                "title": d.section.title,
                "baseline": _r(d.baseline),
                "current": _r(d.current),
                "delta": delta(d.current, d.baseline, 2),
            }
            for d in cmp.sections
        ],
        "items": [
            {
                "id": ch.item.id,
                "section": ch.item.section,
                "baseline": _r(100 * ch.baseline),
                "current": _r(100 * ch.current),
                "delta": delta(100 * ch.current, 100 * ch.baseline, 2),
                "change": ch.change,
            }
            for ch in cmp.changed
        ],
        "scored_only_in": {
            "baseline": [i.id for i in cmp.only_in_baseline],
            "current": [i.id for i in cmp.only_in_current],
        },
        "sections_not_assessed": [s.id for s in cmp.became_not_assessed],
        "critical_failures": {
            "new": [i.id for i in cmp.new_critical],
            "resolved": [i.id for i in cmp.resolved_critical],
        },
        "regression": cmp.regression,
        "followup": [
            {
                "item": f.item.id,
                "status": f.status.value,
                "owner": f.owner or None,
                "due": f.due.isoformat() if f.due else None,
                "change": f.change,
                "flagged": f.flagged,
            }
            for f in cmp.followup
        ],
    }


def _date(r: AuditResult) -> str | None:
    return r.audit.date.isoformat() if r.audit.date else None


def to_data(result: Result) -> dict[str, Any]:
    if isinstance(result, AuditResult):
        return audit_dict(result)
    if isinstance(result, ProgramResult):
        return program_dict(result)
    return compare_dict(result)


_flat = json.JSONEncoder(separators=(", ", ": "), ensure_ascii=False).encode


def _c_flat() -> Any:
    """The C encoder of ``_flat`` made once, not on every call; None where it cannot be."""
    make = getattr(json.encoder, "c_make_encoder", None)
    basestring = getattr(json.encoder, "c_encode_basestring", None)
    if make is None or basestring is None:  # pragma: no cover - a Python without _json
        return None
    try:
        encode = make(None, None, basestring, None, ": ", ", ", False, False, True)
        probe: Any = [{"a": 1.5, "b": None, "c": [True, "é\u2028"]}, 10**20, -0.0, float("inf")]
        if "".join(encode(probe, 0)) != _flat(probe):
            return None
    except Exception:  # noqa: BLE001 - another signature: the standard path is always right
        return None
    return encode


_c_encode = _c_flat()


def _flat_text(value: Any) -> str:
    return "".join(_c_encode(value, 0)) if _c_encode is not None else _flat(value)


def dumps(data: Any) -> str:
    """JSON with one record per line: objects and lists that hold only scalars stay on
    one line, containers of containers are indented.

    It reads well and diffs well in git (one item per line), and it is several times
    faster than ``indent=2``, which makes Python fall back to its pure-Python encoder:
    a 1,000-site program has some 60,000 item records. A list of flat records (the
    items, the sections, the actions) is encoded in one call of the C encoder and split
    at the record boundaries when that is unambiguous.
    """
    out: list[str] = []
    _write(data, "", out)
    out.append("\n")
    return json_text("".join(out))


def _holds_containers(values: Any) -> bool:
    for v in values:
        t = type(v)
        if (t is dict or t is list) and v:
            return True
    return False


def _records_text(value: list[Any]) -> str | None:
    """A list of objects of scalars in one call of the encoder, or None when it is not one.

    Encoded as ``{...}, {...}``: "}, {" occurs once between records and elsewhere only in
    a string. Each record opens with a "{" not followed by "}"; a nested non-empty object
    or list would add such a "{" or a "[" not followed by "]" (strings may add them too).
    So with every element a non-empty object, equal counts mean flat records and
    unambiguous boundaries; anything else is written record by record.
    """
    if not all(type(v) is dict and v for v in value) or _holds_containers(value[0].values()):
        return None  # (the first record tells records of records early: the audits of a program)
    text = _flat_text(value)[1:-1]
    if (
        text.count("}, {") != len(value) - 1
        or text.count("{") - text.count("{}") != len(value)
        or text.count("[") != text.count("[]")
    ):
        return None
    return text


def _write(value: Any, pad: str, out: list[str]) -> None:
    t = type(value)
    if t is dict and _holds_containers(value.values()):
        inner = pad + "  "
        sep = "{\n"
        for key, item in value.items():
            out.append(f"{sep}{inner}{_flat_text(key)}: ")
            _write(item, inner, out)
            sep = ",\n"
        out.append(f"\n{pad}}}")
    elif t is list and _holds_containers(value):
        inner = pad + "  "
        text = _records_text(value) if len(value) > 1 else None
        if text is not None:
            out.append(f"[\n{inner}" + text.replace("}, {", f"}},\n{inner}{{") + f"\n{pad}]")
            return
        sep = "[\n"
        for item in value:
            out.append(sep + inner)
            _write(item, inner, out)
            sep = ",\n"
        out.append(f"\n{pad}]")
    else:
        out.append(_flat_text(value))


def render(result: Result, options: Options) -> str:
    return dumps(to_data(result))
