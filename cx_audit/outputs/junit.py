"""JUnit XML: one testsuite per section with applicable items, one testcase per item.

A failed item is a ``<failure>``; N/A and unanswered items are ``<skipped>``. CI systems
show these as test results, so a quarterly re-audit reads like a test run.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cx_audit.options import Options
from cx_audit.outputs.shared import Result
from cx_audit.safetext import printable
from cx_audit.scoring.audit import AuditResult, Status
from cx_audit.scoring.program import ProgramResult
from cx_audit.scoring.rounding import shown


def _suites(result: AuditResult, root: ET.Element, prefix: str) -> None:
    for sec in result.sections:
        rows = [r for r in sec.items if r.status != Status.not_applicable]
        if not rows:
            continue
        failures = sum(1 for r in rows if r.failed)
        skipped = sum(1 for r in rows if r.status in (Status.na, Status.unanswered))
        score = "not assessed" if sec.score is None else f"{shown(sec.score):.1f}"
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": f"{prefix}{sec.section.title}",
                "tests": str(len(rows)),
                "failures": str(failures),
                "errors": "0",
                "skipped": str(skipped),
            },
        )
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "score", "value": score})
        for r in rows:
            case = ET.SubElement(
                suite,
                "testcase",
                {"classname": f"{result.checklist.id}.{sec.section.id}", "name": f"{r.item.id}: {r.item.text}"},
            )
            if r.failed:
                assert r.s is not None
                kind = "critical failure" if r.item.critical else "failed"
                msg = f"{kind}: scored {shown(100 * r.s):.1f} of 100"
                fail = ET.SubElement(case, "failure", {"message": msg, "type": kind})
                note = r.answer.note if r.answer else ""
                fail.text = "\n".join(x for x in (f"Note: {note}" if note else "", r.recommendation) if x)
            elif r.status == Status.na:
                ET.SubElement(case, "skipped", {"message": "not applicable (N/A)"})
            elif r.status == Status.unanswered:
                ET.SubElement(case, "skipped", {"message": "unanswered"})


def render(result: Result, options: Options) -> str:
    root = ET.Element("testsuites", {"name": "cx-audit"})
    if isinstance(result, AuditResult):
        _suites(result, root, "")
    elif isinstance(result, ProgramResult):
        for r in result.audits:
            _suites(r, root, f"{r.audit.label} / ")
    else:
        raise TypeError("JUnit output is for `score`, not `compare`")
    ET.indent(root)
    return printable('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
