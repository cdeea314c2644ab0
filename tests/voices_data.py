"""A staff survey of the mini checklist (tests/conftest.py), worked out by hand in tests/test_voices.py."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI_CHECKLIST, write

# Ids and names that must never leave the audit file (tests/test_voices_outputs.py).
PERSONAL = ("fd-1", "fd-2", "fd-3", "mg-1", "mg-2", "Sam Quill", "Mara Vex")

VOICES_AUDIT = """
# Staff survey, November
format: cx-audit/audit@1
checklist: mini.yaml
client: Acme Ltd
site: Crowthorne
auditor: J. Smith
date: 2026-11-22
respondents:
  - {id: fd-1, role: frontline, name: Sam Quill}
  - {id: fd-2, role: frontline}
  - {id: fd-3, role: frontline}
  - {id: mg-1, role: management, name: Mara Vex}
  - {id: mg-2, role: management}
privacy: {min_group: 2}
answers:
  A1:
    value: 3
    note: Seen at the briefing
    responses:
      fd-1: {value: 1, note: "Targets change every month"}
      fd-2: {value: 2}
      mg-1: {value: 4}
      mg-2: {value: 4, note: "We brief weekly"}
  A2: {value: "yes"}
  A3:
    responses:
      fd-1: {value: 0}
      fd-2: {value: 1}
      mg-1: {value: 4}
  B1: {value: sometimes, responses: {fd-1: {value: never}, fd-3: {value: always}}}
  B2: {value: 10}
  C1: {value: 2, responses: {fd-3: {na: true}}}
"""


def voices_audit(folder: Path, min_group: int = 2) -> Path:
    """The survey audit and its checklist in ``folder``; returns the audit's path."""
    write(folder / "mini.yaml", MINI_CHECKLIST)
    text = VOICES_AUDIT.replace("privacy: {min_group: 2}", f"privacy: {{min_group: {min_group}}}")
    return write(folder / "survey.yaml", text)
